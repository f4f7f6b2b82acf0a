//! The schemes as one plain HTML page beside the map (`schemes.html`): every scheme with what the
//! map's card says, by district, and no script at all. For a browser that cannot run the map (no
//! JavaScript, no WebAssembly as in an iPhone's Lockdown Mode, or the map's code not arriving):
//! index.html's `<noscript>` and js/boot.js's messages link to it. It also prints as one list.
//!
//! Written by the data tool (`schemes site-data`) at build time, from the same file and settings
//! as the map. Every value from the data or the configuration is escaped where it goes
//! ([`escape`]), and its only links are the card's: `https:`/`http:`, `tel:` and `mailto:`
//! ([`link`]).

use crate::config::Config;
use crate::dataset::Dataset;
use crate::html::escape;
use crate::link;
use crate::scheme::Scheme;
use crate::wording::{as_sentence, long_date};
use std::fmt::Write;

/// Where the page goes, beside index.html.
pub const PAGE_FILE: &str = "schemes.html";

/// The page's stylesheet, beside it (a file: the site's CSP allows no inline style).
pub const STYLE_FILE: &str = "schemes.css";

/// A readable page on any screen and on paper; the browser's own styles do the rest.
pub const STYLE: &str = "\
body { margin: 0 auto; max-width: 46rem; padding: 1rem; font: 1rem/1.5 system-ui, sans-serif; color: #1b1b1b; }
a { color: #0b57a4; }
.sample { padding: .5rem .75rem; border-left: 4px solid #b35c00; background: #fff4e5; }
article { border-top: 1px solid #c8ced3; padding: .5rem 0; break-inside: avoid; }
h3 { margin: .5rem 0 .25rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .5rem 0; }
dt { font-weight: 600; }
dd { margin: 0; }
ul.contacts { padding-left: 1.25rem; }
";

/// The whole page.
pub fn page(dataset: &Dataset, config: &Config) -> String {
    let area = &config.area.name;
    let count = dataset.schemes.len();
    let mut body = String::new();
    if let Some(notice) = dataset.sample_notice() {
        let _ = writeln!(
            body,
            "<p class=\"sample\"><strong>This list shows demonstration data.</strong> {}</p>",
            escape(&notice)
        );
    }
    let _ = writeln!(
        body,
        "<p>{count} {schemes}, by district. This is the map's list as a plain page, for a browser \
         that cannot show the map. <a href=\"./\">Open the map</a>.</p>",
        schemes = if count == 1 { "scheme" } else { "schemes" },
    );
    // Districts in the configuration's order, then any other the data names; schemes by name.
    let mut districts: Vec<&str> = config.area.districts.iter().map(|d| d.id.as_str()).collect();
    for s in &dataset.schemes {
        if !districts.contains(&s.district.as_str()) {
            districts.push(&s.district);
        }
    }
    let groups: Vec<(&str, Vec<&Scheme>)> = districts
        .into_iter()
        .map(|d| {
            let mut here: Vec<&Scheme> = dataset.schemes.iter().filter(|s| s.district == d).collect();
            here.sort_by_key(|s| s.name.to_lowercase());
            (d, here)
        })
        .filter(|(_, here)| !here.is_empty())
        .collect();
    // A way straight to one's own district.
    body.push_str("<nav aria-label=\"Districts\">\n<ul>\n");
    for (d, here) in &groups {
        let _ = writeln!(
            body,
            "<li><a href=\"#{}\">{}</a> ({})</li>",
            anchor(d),
            escape(config.district_name(d)),
            here.len()
        );
    }
    body.push_str("</ul>\n</nav>\n");
    for (d, here) in groups {
        let _ = writeln!(body, "<h2 id=\"{}\">{}</h2>", anchor(d), escape(config.district_name(d)));
        for s in here {
            body.push_str(&scheme(s, config));
        }
    }
    format!(
        "<!doctype html>
<html lang=\"en-GB\">
<head>
<meta charset=\"utf-8\">
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">
<meta name=\"description\" content=\"Every exercise referral scheme in {area}: prices, conditions accepted and how to be referred.\">
<title>Exercise referral schemes in {area}: the list</title>
<link rel=\"stylesheet\" href=\"{STYLE_FILE}\">
</head>
<body>
<main>
<h1>Exercise referral schemes in {area}</h1>
{body}</main>
</body>
</html>
",
        area = escape(area),
    )
}

/// A district's heading's id: `district-` and its id in letters, digits and hyphens only.
fn anchor(district: &str) -> String {
    let id: String =
        district.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    format!("district-{id}")
}

/// One scheme, as the map's card has it (src/ui/scheme_card.rs).
fn scheme(s: &Scheme, config: &Config) -> String {
    let mut facts =
        vec![("Price", price(s)), ("Conditions", escape(&as_sentence(s.conditions.iter().map(|c| c.label()))))];
    facts.push(("Who can refer", escape(&as_sentence(s.referral.iter().map(|r| r.label())))));
    facts.push(("How to join", escape(&crate::eligibility::how_to_join(s))));
    if let Some(a) = s.age_range() {
        facts.push(("Ages", escape(&a)));
    }
    if let Some(w) = s.programme_weeks {
        facts.push(("Programme", format!("{w} weeks")));
    }
    if let Some(t) = crate::schedule::listed(&s.sessions) {
        facts.push(("Sessions", escape(&t)));
    }
    facts.push(("Last checked", escape(&long_date(&s.last_verified))));

    let mut out = format!("<article>\n<h3>{}</h3>\n", escape(&s.name));
    if s.sample {
        out.push_str("<p><strong>Demonstration data</strong></p>\n");
    }
    let _ = write!(
        out,
        "<p>{} · {}<br>{} · {}</p>\n<dl>\n",
        escape(&s.centre),
        escape(&s.operator),
        escape(&s.full_address()),
        escape(config.district_name(&s.district))
    );
    for (term, text) in facts {
        let _ = writeln!(out, "<dt>{term}</dt><dd>{text}</dd>");
    }
    out.push_str("</dl>\n");
    if let Some(n) = &s.notes {
        let _ = writeln!(out, "<p>{}</p>", escape(n));
    }
    let mut contacts = Vec::new();
    if let Some((text, href)) = s.phone.as_ref().and_then(|p| link::tel(p).map(|h| (p, h))) {
        contacts.push(format!("Phone: <a href=\"{}\">{}</a>", escape(&href), escape(text)));
    }
    if let Some((text, href)) = s.email.as_ref().and_then(|e| link::mailto(e).map(|h| (e, h))) {
        contacts.push(format!("Email: <a href=\"{}\">{}</a>", escape(&href), escape(text)));
    }
    if let Some(href) = s.website.as_deref().and_then(link::web) {
        contacts.push(format!("<a href=\"{}\">Website of {}</a>", escape(&href), escape(&s.name)));
    }
    if let Some(href) = config.directions_url(None, s.location) {
        contacts.push(format!(
            "<a href=\"{}\">Directions to {} on {}</a>",
            escape(&href),
            escape(&s.name),
            escape(&config.directions.name)
        ));
    }
    if !contacts.is_empty() {
        let _ = writeln!(out, "<ul class=\"contacts\" aria-label=\"Contact {}\">", escape(&s.name));
        for c in contacts {
            let _ = writeln!(out, "<li>{c}</li>");
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</article>\n");
    out
}

/// The price in full ([`Scheme::price_in_full`]), and the price's note on a line of its own
/// ("Concessions £1.50"), as the card says it.
fn price(s: &Scheme) -> String {
    let mut p = escape(&s.price_in_full());
    if let Some(n) = &s.price.note {
        let _ = write!(p, "<br>{}", escape(n));
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset;

    fn config() -> Config {
        Config::shipped()
    }

    fn load(geojson: &str) -> Dataset {
        dataset::load(geojson, &config().area.districts).unwrap()
    }

    fn shipped() -> Dataset {
        load(&std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/schemes.geojson")).unwrap())
    }

    #[test]
    fn every_shipped_scheme_once_by_district_with_the_sample_notice() {
        let ds = shipped();
        let page = page(&ds, &config());
        assert_eq!(page.matches("<article>").count(), ds.schemes.len());
        // How a patient joins, as the card and the handout say it.
        for s in &ds.schemes {
            let join = format!("<dt>How to join</dt><dd>{}</dd>", escape(&crate::eligibility::how_to_join(s)));
            assert!(page.contains(&join), "{join}");
        }
        for s in &ds.schemes {
            assert!(page.contains(&format!("<h3>{}</h3>", escape(&s.name))), "{}", s.name);
        }
        assert!(page.contains("This list shows demonstration data."));
        assert!(page.contains(&format!("<p>{} schemes, by district.", ds.schemes.len())));
        // Each district's heading once, in the configuration's order.
        let at: Vec<usize> = config()
            .area
            .districts
            .iter()
            .filter(|d| ds.schemes.iter().any(|s| s.district == d.id))
            .map(|d| page.find(&format!(">{}</h2>", escape(&d.name))).unwrap())
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "districts in order");
        // The districts' links lead to their headings, with their counts.
        assert!(page.contains("<li><a href=\"#district-broxbourne\">Broxbourne</a> ("), "{page}");
        assert!(page.contains("<h2 id=\"district-broxbourne\">Broxbourne</h2>"));
        assert_eq!(page.matches("<li><a href=\"#district-").count(), at.len());
        assert_eq!(anchor("E07000095 <x>"), "district-e07000095--x-");
        assert!(!page.contains("<script"), "no script");
    }

    #[test]
    fn a_price_note_is_a_line_of_its_own_and_escaped() {
        let mut ds = shipped();
        ds.schemes[0].price.note = Some("Free for people <b>living</b> with Parkinson's".into());
        let p = price(&ds.schemes[0]);
        assert!(p.ends_with("<br>Free for people &lt;b&gt;living&lt;/b&gt; with Parkinson&#39;s"), "{p}");
        ds.schemes[0].price.note = None;
        assert!(!price(&ds.schemes[0]).contains("<br>"));
    }

    #[test]
    fn hostile_values_are_text_and_only_safe_links_are_made() {
        let mut ds = shipped();
        let s = &mut ds.schemes[0];
        s.name = "<script>alert(1)</script>".into();
        s.centre = "\"><img src=x onerror=alert(1)>".into();
        s.website = Some("javascript:alert(1)".into());
        s.notes = Some("</p><a href=\"https://evil.example\">".into());
        let page = page(&ds, &config());
        assert!(!page.contains("<script>alert"), "name escaped");
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!page.contains("<img"), "centre escaped");
        assert!(!page.contains("javascript:"), "no javascript: link");
        assert!(!page.contains("<a href=\"https://evil.example\">"), "notes escaped");
        for href in page.split("href=\"").skip(1).map(|r| &r[..r.find('"').unwrap()]) {
            assert!(
                ["https:", "http:", "tel:", "mailto:", "#district-"].iter().any(|p| href.starts_with(p))
                    || href == "./"
                    || href == STYLE_FILE,
                "{href}"
            );
        }
    }

    #[test]
    fn real_data_has_no_sample_notice_and_one_scheme_is_one() {
        let mut ds = shipped();
        ds.schemes.truncate(1);
        ds.schemes[0].sample = false;
        ds.meta.sample = false;
        let page = page(&ds, &config());
        assert!(!page.contains("demonstration data"));
        assert!(!page.contains("Demonstration data</strong>"));
        assert!(page.contains("<p>1 scheme, by district."));
    }
}
