//! What a clinician takes away from a scheme: the link that opens it in the map, the plain text
//! copied into a clinical record or a letter, and the prefilled "Report a change" email.
//!
//! All plain text: the page puts it on the clipboard or in a `mailto:` link (through
//! [`crate::link`]), never into HTML.

use crate::config::Config;
use crate::eligibility;
use crate::link;
use crate::scheme::Scheme;
use crate::url_state;
use crate::wording::{as_sentence, long_date};

/// The link that opens this scheme in the map: the page's address without its query or
/// fragment, then `?scheme=ID`. `None` when the page is not on an http(s) address. (The page's
/// own address may be `http:`, e.g. on a local machine: it is not data, so not held to https.)
pub fn scheme_link(page_url: &str, id: &str) -> Option<String> {
    let base = page_url.split(['?', '#']).next().unwrap_or("");
    link::web_with(&format!("{base}?scheme={}", url_state::encode(id)), link::Schemes::HttpsOrHttp)
}

/// The scheme's details as plain text, one fact a line, for a clinical record or a letter.
pub fn record_text(s: &Scheme, link: Option<&str>) -> String {
    let mut lines = vec![format!("Exercise referral scheme: {}", s.name)];
    lines.push(format!("Centre: {} ({})", s.centre, s.operator));
    lines.push(format!("Address: {}", s.full_address()));
    if let Some(p) = &s.phone {
        lines.push(format!("Phone: {p}"));
    }
    if let Some(e) = &s.email {
        lines.push(format!("Email: {e}"));
    }
    if let Some(w) = s.website.as_deref().and_then(link::web) {
        lines.push(format!("Website: {w}"));
    }
    let mut price = s.price_in_full();
    if let Some(n) = &s.price.note {
        price.push_str(&format!(". {n}"));
    }
    lines.push(format!("Price: {price}"));
    if let Some(a) = s.age_range() {
        lines.push(format!("Ages: {a}"));
    }
    if let Some(w) = s.programme_weeks {
        lines.push(format!("Programme: {w} weeks"));
    }
    if let Some(t) = crate::schedule::listed(&s.sessions) {
        lines.push(format!("Sessions: {t}"));
    }
    lines.push(format!("Conditions: {}", as_sentence(s.conditions.iter().map(|c| c.label()))));
    lines.push(format!("Who can refer: {}", eligibility::who_can_refer(s)));
    lines.push(format!("How to join: {}", eligibility::how_to_join(s)));
    if let Some(n) = &s.notes {
        lines.push(format!("Notes: {n}"));
    }
    lines.push(format!("Details last checked: {}", long_date(&s.last_verified)));
    if let Some(l) = link {
        lines.push(format!("Link: {l}"));
    }
    if s.sample {
        lines.push("Note: demonstration data, not a real scheme's details.".into());
    }
    lines.join("\n")
}

/// "Report a change to this scheme": a `mailto:` to the configured maintainer with the scheme's
/// name, id and last-checked date filled in. `None` without a (valid) configured address.
pub fn report_change_link(config: &Config, s: &Scheme, link: Option<&str>) -> Option<String> {
    let to = config.maintainer_email.as_deref()?;
    let subject = format!("Change to scheme: {} ({})", s.name, s.id);
    let mut body = format!("Scheme: {}\nId: {}\nLast checked: {}\n", s.name, s.id, long_date(&s.last_verified));
    if let Some(l) = link {
        body.push_str(&format!("Link: {l}\n"));
    }
    body.push_str("\nWhat has changed (for example the price, phone number or who can refer):\n\n");
    link::mailto_with(to, &subject, &body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{districts, scheme, with};
    use serde_json::json;

    #[test]
    fn the_link_to_a_scheme_replaces_the_query_and_fragment() {
        assert_eq!(
            scheme_link("https://maps.example.org/herts/?q=copd&district=watford#x", "active-watford").as_deref(),
            Some("https://maps.example.org/herts/?scheme=active-watford")
        );
        assert_eq!(
            scheme_link("http://127.0.0.1:8111/", "a b&c").as_deref(),
            Some("http://127.0.0.1:8111/?scheme=a+b%26c")
        );
        assert_eq!(scheme_link("file:///tmp/index.html", "x"), None);
    }

    #[test]
    fn the_record_has_every_fact_a_clinician_writes_down() {
        let s = scheme();
        let text = record_text(&s, Some("https://maps.example.org/?scheme=stevenage-active-health"));
        assert_eq!(
            text,
            "Exercise referral scheme: Active Health Stevenage\n\
             Centre: Stevenage Arts and Leisure Centre (Everyone Active)\n\
             Address: Lytton Way, Stevenage SG1 1LZ\n\
             Phone: 01632 960001\n\
             Email: activehealth@example.org\n\
             Website: https://www.everyoneactive.com/\n\
             Price: £3.50 a session (about £7 a week at 2 sessions a week)\n\
             Ages: 16+\n\
             Programme: 12 weeks\n\
             Conditions: Heart and circulation, diabetes\n\
             Who can refer: GP, self-referral\n\
             How to join: Self-referral: phone 01632 960001 to join, or be referred by a GP.\n\
             Details last checked: 1 October 2026\n\
             Link: https://maps.example.org/?scheme=stevenage-active-health\n\
             Note: demonstration data, not a real scheme's details."
        );
    }

    #[test]
    fn the_record_says_when_the_sessions_are_and_the_scheme_s_notes() {
        let mut f = with(
            "sessions",
            json!([{ "day": "mon", "start": "13:00", "end": "14:00" }, { "day": "fri", "start": "10:00", "end": "11:00" }]),
        );
        f["properties"]["notes"] = json!("Pulmonary rehabilitation follow-on classes.");
        let s = Scheme::from_feature(&f, 0, &districts()).unwrap();
        let text = record_text(&s, None);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines.contains(&"Sessions: Mon 13:00–14:00, Fri 10:00–11:00"), "{text}");
        assert!(lines.contains(&"Notes: Pulmonary rehabilitation follow-on classes."), "{text}");
        // Without them, no line at all.
        let text = record_text(&scheme(), None);
        assert!(!text.contains("Sessions:") && !text.contains("Notes:"), "{text}");
    }

    #[test]
    fn the_price_line_keeps_the_weekly_figure_with_the_full_price_and_the_concession_last() {
        let f = with("price", json!({ "unit": "session", "amount": 2.8, "concessions": 2.0, "sessions_per_week": 3 }));
        let s = Scheme::from_feature(&f, 0, &districts()).unwrap();
        let text = record_text(&s, None);
        assert!(
            text.lines()
                .any(|l| l == "Price: £2.80 a session (about £8.40 a week at 3 sessions a week); concessions £2"),
            "{text}"
        );
        let f = with("price", json!({ "unit": "course", "amount": 40, "weeks": 12, "concessions": 0 }));
        let s = Scheme::from_feature(&f, 0, &districts()).unwrap();
        assert_eq!(s.price_in_full(), "£40 for 12 weeks (about £3.30 a week); concessions free");
        let f = with("price", json!({ "unit": "week", "amount": 5, "concessions": 3 }));
        let s = Scheme::from_feature(&f, 0, &districts()).unwrap();
        assert_eq!(s.price_in_full(), "£5 a week; concessions £3");
    }

    #[test]
    fn the_record_leaves_out_what_is_missing_or_unsafe() {
        let mut f = with("phone", json!(null));
        f["properties"]["email"] = json!(null);
        f["properties"]["sample"] = json!(false);
        let s = Scheme::from_feature(&f, 0, &districts()).unwrap();
        let text = record_text(&s, None);
        assert!(!text.contains("Phone:") && !text.contains("Email:") && !text.contains("Link:"), "{text}");
        assert!(!text.contains("demonstration"), "{text}");
        assert!(
            text.contains("How to join: Self-referral: contact Stevenage Arts and Leisure Centre to join"),
            "{text}"
        );
    }

    #[test]
    fn report_a_change_is_a_prefilled_mailto_only_with_a_maintainer() {
        let s = scheme();
        let mut c = Config::shipped();
        c.maintainer_email = Some("schemes-map@example.org".into());
        let href = report_change_link(&c, &s, None).unwrap();
        assert!(href.starts_with("mailto:schemes-map@example.org?subject=Change%20to%20scheme%3A%20Active%20Health%20Stevenage%20%28stevenage-active-health%29&body="), "{href}");
        assert!(href.contains("Id%3A%20stevenage-active-health%0D%0ALast%20checked%3A%201%20October%202026"), "{href}");
        assert!(!href.contains(' ') && !href.contains('\n'));
        c.maintainer_email = None;
        assert_eq!(report_change_link(&c, &s, None), None);
        c.maintainer_email = Some("javascript:alert(1)".into());
        assert_eq!(report_change_link(&c, &s, None), None);
    }

    #[test]
    fn the_shipped_config_names_a_demonstration_maintainer() {
        assert_eq!(Config::shipped().maintainer_email.as_deref(), Some("schemes-map@example.org"));
    }
}
