//! Data quality: what `schemes validate` checks in a data file beyond the map's own rules, and
//! the warnings the import prints. Warnings never block; they say what to look at.
//!
//! - a `last_verified` date more than 12 months before today (or after today),
//! - the same id on two schemes,
//! - two schemes at exactly the same point (their markers would sit on top of each other),
//! - a scheme with no phone, no email and no website,
//! - a session price that does not say how many sessions a week while the timetable lists more
//!   than one (the map then counts them all), or that counts more sessions a week than the
//!   timetable lists,
//! - a concession price higher than the full price (the map does not show it:
//!   [`crate::price::Price::concession`]),
//! - text holding control or invisible characters, which the map leaves out
//!   ([`hidden_characters`], read from the file's text before the scheme is).

use crate::dataset::{self, LoadError};
use crate::district::District;
use crate::price::{money, PriceUnit};
use crate::scheme::{Property, Rejection, Scheme, CLEANED};
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;

/// One thing to check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// The line of the imported spreadsheet, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 0-based position of the scheme in the list checked.
    #[serde(skip)]
    pub position: Option<usize>,
    /// The scheme's name (empty for the file as a whole).
    pub scheme: String,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(l) = self.line {
            write!(f, "Line {l}: ")?;
        }
        if !self.scheme.is_empty() {
            write!(f, "{}: ", crate::import::printable(&self.scheme))?;
        }
        write!(f, "{}", crate::import::printable(&self.message))
    }
}

/// The warnings for a list of valid schemes. `today` is "YYYY-MM-DD".
pub fn warnings(schemes: &[Scheme], today: &str) -> Vec<Warning> {
    let year_ago = one_year_before(today);
    let mut out = Vec::new();
    let mut ids: HashMap<&str, &str> = HashMap::new();
    let mut points: HashMap<(i64, i64), &str> = HashMap::new();
    for (i, s) in schemes.iter().enumerate() {
        let mut warn =
            |message: String| out.push(Warning { line: None, position: Some(i), scheme: s.name.clone(), message });
        if let Some(y) = &year_ago {
            if s.last_verified.as_str() < y.as_str() {
                warn(format!(
                    "last checked on {}, more than 12 months ago: check the details with the operator and update \"last checked\"",
                    s.last_verified
                ));
            }
        }
        if s.last_verified.as_str() > today {
            warn(format!("last checked on {}, which is after today ({today}): is the date right?", s.last_verified));
        }
        match ids.get(s.id.as_str()) {
            Some(other) => {
                warn(format!("the id \"{}\" is also used by \"{other}\": every scheme needs its own id", s.id))
            }
            None => {
                ids.insert(&s.id, &s.name);
            }
        }
        let key = ((s.location.lat * 1e6).round() as i64, (s.location.lng * 1e6).round() as i64);
        match points.get(&key) {
            Some(other) => warn(format!(
                "is at exactly the same point as \"{other}\": their markers sit on top of each other (give one of them its own coordinates if they are different places)"
            )),
            None => {
                points.insert(key, &s.name);
            }
        }
        if s.phone.is_none() && s.email.is_none() && s.website.is_none() {
            warn("has no phone, email or website: people cannot contact it".into());
        }
        if let Some(m) = sessions_a_week_mismatch(s) {
            warn(m);
        }
        if let Some(c) = s.price.concession_pence.filter(|&c| c > s.price.pence) {
            warn(format!(
                "the concession price {} is higher than the full price {}: the map shows the full price alone; correct whichever is wrong",
                money(c),
                money(s.price.pence)
            ));
        }
    }
    out
}

/// Whether a session price and the timetable disagree about the sessions a week, in words.
fn sessions_a_week_mismatch(s: &Scheme) -> Option<String> {
    if s.price.unit != PriceUnit::Session {
        return None;
    }
    let listed = s.sessions.len();
    let amount = money(s.price.pence);
    match s.price.sessions_per_week {
        None if listed > 1 => Some(format!(
            "the price is {amount} a session but does not say how many sessions a week, and the timetable lists {listed}: the map counts them all (about {} a week): write in the price how many the programme expects (\"{amount} per session, {listed} sessions a week\")",
            money(s.weekly_pence())
        )),
        Some(n) if listed > 0 && usize::from(n) > listed => Some(format!(
            "the price counts {n} sessions a week but the timetable lists only {listed}: add the missing sessions, or correct the sessions a week in the price"
        )),
        _ => None,
    }
}

/// The result of validating a data file.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// How many schemes are valid.
    pub valid: usize,
    /// Features the map would leave out, with why.
    pub rejected: Vec<Rejection>,
    pub warnings: Vec<Warning>,
}

/// Validates a data file's text as the map would load it, plus the warnings.
pub fn validate(text: &str, districts: &[District], today: &str) -> Result<Report, LoadError> {
    let value = dataset::json(text).ok_or(LoadError::NotJson)?;
    let ds = dataset::from_value(&value, districts)?;
    let mut out = warnings(&ds.schemes, today);
    let features = value.get("features").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
    for (i, feature) in features.iter().enumerate() {
        let found = hidden_characters(feature);
        if found.is_empty() {
            continue;
        }
        let text =
            |key: &str| feature["properties"][key].as_str().map(|t| crate::shown::visible(t, false).trim().to_string());
        let label = text("name")
            .or_else(|| text("id"))
            .filter(|l| !l.trim().is_empty())
            .unwrap_or_else(|| format!("Scheme {}", i + 1));
        out.extend(found.into_iter().map(|message| Warning {
            line: None,
            position: None,
            scheme: label.clone(),
            message,
        }));
    }
    Ok(Report { valid: ds.schemes.len(), warnings: out, rejected: ds.rejected })
}

/// The text of a scheme's feature that holds characters a reader cannot see (control characters
/// such as line breaks and tabs, zero-width characters, direction marks and overrides, the
/// byte-order mark: [`crate::shown::is_unseen`]; the notes' line breaks are not), one warning a
/// field. The map leaves them out when
/// it reads the scheme ([`crate::shown::visible`]), so what it shows may differ from what was
/// meant: the warning names them so the text can be checked.
pub fn hidden_characters(feature: &Value) -> Vec<String> {
    let props = &feature["properties"];
    // (what, its value, whether it may have lines)
    let mut fields: Vec<(String, &Value, bool)> = CLEANED
        .iter()
        .filter_map(|&p| Some((p.key()?.replace('_', " "), &props[p.key()?], p == Property::Notes)))
        .collect();
    fields.push(("price note".into(), &props["price"]["note"], false));
    if let Some(activities) = props["activities"].as_array() {
        fields.extend(activities.iter().map(|a| ("activity label".to_string(), &a["label"], false)));
    }
    let mut out = Vec::new();
    for (what, value, lines) in fields {
        let Some(text) = value.as_str() else { continue };
        let mut codes: Vec<String> = Vec::new();
        for c in text.trim().chars().filter(|&c| crate::shown::is_unseen(c, lines)) {
            let code = format!("U+{:04X}", u32::from(c));
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
        if codes.is_empty() {
            continue;
        }
        out.push(format!(
            "the {what} holds characters a reader cannot see ({}): the map leaves them out (a line break or tab becomes a space), so check the text",
            codes.join(", ")
        ));
    }
    out
}

/// The same calendar day a year earlier ("2026-11-22" → "2025-11-22"); `None` if `today` is not
/// a date.
pub fn one_year_before(today: &str) -> Option<String> {
    if !crate::scheme::is_iso_date(today) {
        return None;
    }
    let year: u32 = today.get(..4)?.parse().ok()?;
    Some(format!("{:04}{}", year.checked_sub(1)?, today.get(4..)?))
}

/// Today's date (UTC) from the system clock, "YYYY-MM-DD".
pub fn today() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    civil_date((secs / 86_400) as i64)
}

/// The calendar date of a day number counted from 1970-01-01 (Howard Hinnant's algorithm).
pub fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::scheme;
    use crate::scheme::LatLng;
    use serde_json::json;

    fn messages(schemes: &[Scheme]) -> Vec<String> {
        warnings(schemes, "2026-11-22").into_iter().map(|w| format!("{}: {}", w.scheme, w.message)).collect()
    }

    #[test]
    fn a_recently_checked_scheme_with_contacts_has_no_warnings() {
        let mut s = scheme();
        s.last_verified = "2026-01-10".into();
        assert_eq!(messages(&[s]), Vec::<String>::new());
    }

    #[test]
    fn a_scheme_checked_more_than_a_year_ago_is_stale() {
        let mut s = scheme();
        s.last_verified = "2025-11-21".into();
        assert_eq!(
            messages(&[s.clone()]),
            ["Active Health Stevenage: last checked on 2025-11-21, more than 12 months ago: check the details with the operator and update \"last checked\""]
        );
        s.last_verified = "2025-11-22".into();
        assert!(messages(&[s]).is_empty(), "exactly a year is not older than 12 months");
    }

    #[test]
    fn duplicate_ids_and_shared_points_are_warned_about() {
        let a = scheme();
        let mut b = scheme();
        b.name = "Second".into();
        let m = messages(&[a.clone(), b.clone()]);
        assert_eq!(m.len(), 2, "{m:?}");
        assert!(
            m[0].starts_with("Second: the id \"stevenage-active-health\" is also used by \"Active Health Stevenage\"")
        );
        assert!(m[1].starts_with("Second: is at exactly the same point as \"Active Health Stevenage\""));
        b.id = "other".into();
        b.location = LatLng { lat: a.location.lat + 0.001, lng: a.location.lng };
        assert!(messages(&[a, b]).is_empty());
    }

    #[test]
    fn a_scheme_without_any_contact_is_warned_about() {
        let mut s = scheme();
        s.phone = None;
        s.email = None;
        assert!(messages(&[s.clone()]).is_empty(), "a website is a contact");
        s.website = None;
        assert_eq!(
            messages(&[s]),
            ["Active Health Stevenage: has no phone, email or website: people cannot contact it"]
        );
    }

    fn with_sessions(price: serde_json::Value, days: &[&str]) -> Scheme {
        let mut f = crate::fixtures::with("price", price);
        f["properties"]["sessions"] =
            days.iter().map(|d| json!({"day": d, "start": "10:00", "end": "11:00"})).collect();
        Scheme::from_feature(&f, 0, &crate::fixtures::districts()).unwrap()
    }

    #[test]
    fn a_session_price_without_sessions_a_week_and_a_longer_timetable_is_warned_about() {
        let s = with_sessions(json!({"unit": "session", "amount": 2.8}), &["mon", "wed", "fri"]);
        assert_eq!(
            messages(&[s]),
            ["Active Health Stevenage: the price is £2.80 a session but does not say how many sessions a week, and the timetable lists 3: the map counts them all (about £8.40 a week): write in the price how many the programme expects (\"£2.80 per session, 3 sessions a week\")"]
        );
        // One session listed, or none: nothing to question.
        assert!(messages(&[with_sessions(json!({"unit": "session", "amount": 2.8}), &["mon"])]).is_empty());
        assert!(messages(&[with_sessions(json!({"unit": "session", "amount": 2.8}), &[])]).is_empty());
        // Stated, or not a session price: no warning.
        let stated = json!({"unit": "session", "amount": 2.8, "sessions_per_week": 2});
        assert!(messages(&[with_sessions(stated, &["mon", "wed", "fri"])]).is_empty());
        assert!(messages(&[with_sessions(json!({"unit": "month", "amount": 20}), &["mon", "wed"])]).is_empty());
    }

    #[test]
    fn more_sessions_a_week_than_the_timetable_lists_is_warned_about() {
        let s = with_sessions(json!({"unit": "session", "amount": 3.2, "sessions_per_week": 3}), &["thu"]);
        assert_eq!(
            messages(&[s]),
            ["Active Health Stevenage: the price counts 3 sessions a week but the timetable lists only 1: add the missing sessions, or correct the sessions a week in the price"]
        );
        let same = json!({"unit": "session", "amount": 3.2, "sessions_per_week": 2});
        assert!(messages(&[with_sessions(same, &["mon", "thu"])]).is_empty());
        // No timetable: nothing to compare with.
        assert!(messages(&[with_sessions(json!({"unit": "session", "amount": 3.2, "sessions_per_week": 3}), &[])])
            .is_empty());
    }

    #[test]
    fn a_concession_price_higher_than_the_full_price_is_warned_about() {
        let mut s = scheme();
        s.price.concession_pence = Some(500);
        assert_eq!(
            messages(&[s.clone()]),
            ["Active Health Stevenage: the concession price £5 is higher than the full price £3.50: the map shows the full price alone; correct whichever is wrong"]
        );
        for lower_or_equal in [0, 200, 350] {
            s.price.concession_pence = Some(lower_or_equal);
            assert!(messages(&[s.clone()]).is_empty(), "{lower_or_equal}");
        }
    }

    #[test]
    fn a_date_in_the_future_is_questioned() {
        let mut s = scheme();
        s.last_verified = "2027-01-01".into();
        assert!(messages(&[s])[0].contains("which is after today (2026-11-22)"));
    }

    #[test]
    fn text_with_control_or_invisible_characters_is_warned_about_field_by_field() {
        let mut f = crate::fixtures::feature();
        f["properties"]["name"] = json!("Active\u{200B} Health\u{7} Stevenage\u{200B}");
        f["properties"]["town"] = json!("Stevenage\r\nHerts");
        f["properties"]["price"]["note"] = json!("\u{202E}first session free");
        f["properties"]["notes"] = json!("  Bring a towel.\r\nAnd water.\n"); // the notes may have lines
        f["properties"]["website"] = json!("https://example.org/\u{7}"); // not text the map cleans
        assert_eq!(
            hidden_characters(&f),
            [
                "the name holds characters a reader cannot see (U+200B, U+0007): the map leaves them out (a line break or tab becomes a space), so check the text",
                "the town holds characters a reader cannot see (U+000D, U+000A): the map leaves them out (a line break or tab becomes a space), so check the text",
                "the price note holds characters a reader cannot see (U+202E): the map leaves them out (a line break or tab becomes a space), so check the text",
            ]
        );
        assert!(hidden_characters(&crate::fixtures::feature()).is_empty());
    }

    #[test]
    fn validate_warns_about_hidden_characters_under_the_name_the_map_shows() {
        let mut f = crate::fixtures::feature();
        f["properties"]["centre"] = json!("Arts\u{2066} Centre");
        f["properties"]["name"] = json!("Active\u{200B} Health");
        let text = json!({"type": "FeatureCollection", "features": [f]}).to_string();
        let report = validate(&text, &crate::fixtures::districts(), "2026-11-22").unwrap();
        assert_eq!(report.valid, 1);
        let hidden: Vec<String> =
            report.warnings.iter().map(ToString::to_string).filter(|w| w.contains("cannot see")).collect();
        assert_eq!(
            hidden,
            [
                "Active Health: the name holds characters a reader cannot see (U+200B): the map leaves them out (a line break or tab becomes a space), so check the text",
                "Active Health: the centre holds characters a reader cannot see (U+2066): the map leaves them out (a line break or tab becomes a space), so check the text",
            ]
        );
    }

    #[test]
    fn calendar_arithmetic() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(20_779), "2026-11-22");
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert_eq!(one_year_before("2026-11-22").as_deref(), Some("2025-11-22"));
        assert_eq!(one_year_before("yesterday"), None);
    }
}
