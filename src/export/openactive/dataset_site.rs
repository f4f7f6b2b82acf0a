//! The OpenActive dataset page (`openactive/index.html`): a plain page for people, and the
//! dataset's JSON-LD (name, publisher, licence, distribution) for the aggregators that find
//! feeds by reading such pages, as OpenActive's dataset sites do.
//!
//! Every value from the data or the configuration is escaped where it goes: [`html`] for text and
//! attributes, [`script_json`] for the JSON inside `<script type="application/ld+json">` (so a
//! `</script>` in a name cannot end the script).

use super::Publication;
use crate::dataset::Dataset;
use crate::html::escape;
use serde_json::{json, Value};

/// The dataset's JSON-LD: a schema.org `Dataset` with its RPDE feed as the distribution.
pub fn json_ld(dataset: &Dataset, p: &Publication) -> Value {
    let url = format!("{}openactive/", p.base);
    let name = dataset.meta.title.clone().unwrap_or_else(|| format!("Exercise referral schemes in {}", p.area));
    let mut description = format!(
        "Exercise referral schemes in {}: {} programmes at leisure centres for people a GP, nurse, \
         physiotherapist or social prescriber refers, with their session times, prices, conditions \
         accepted and how to be referred.",
        p.area,
        dataset.schemes.len()
    );
    if let Some(n) = &dataset.meta.notice {
        description.push(' ');
        description.push_str(n);
    }
    let mut v = json!({
        "@context": ["https://schema.org/", "https://openactive.io/"],
        "@type": "Dataset",
        "@id": url,
        "url": url,
        "name": name,
        "description": description,
        "keywords": ["Exercise referral", "Sessions", "Health", p.area],
        "license": p.licence,
        "inLanguage": ["en-GB"],
        "schemaVersion": "https://openactive.io/modelling-opportunity-data/2.0/",
        "documentation": format!("{}openactive/", p.base),
        "discussionUrl": p.discussion_url,
        "publisher": {
            "@type": "Organization",
            "@id": format!("{}openactive/organizations/publisher", p.base),
            "name": p.publisher,
            "legalName": p.publisher,
            "url": p.publisher_url,
        },
        "distribution": [{
            "@type": "DataDownload",
            "name": "SessionSeries",
            "additionalType": "https://openactive.io/SessionSeries",
            "encodingFormat": "application/vnd.openactive.rpde+json; version=1",
            "contentUrl": p.page_url(1),
            "identifier": "SessionSeries",
        }],
    });
    if let Some(d) = &dataset.meta.updated {
        v["dateModified"] = json!(format!("{d}T00:00:00Z"));
    }
    if let Some(logo) = &p.publisher_logo {
        v["publisher"]["logo"] = json!({"@type": "ImageObject", "url": logo});
    }
    v
}

/// JSON safe inside `<script>`: `<`, `>` and `&` written as JSON escapes (the same JSON to a
/// parser), and the line separators that older scripts choke on.
pub fn script_json(v: &Value) -> String {
    serde_json::to_string_pretty(v)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// The whole page.
pub fn page(dataset: &Dataset, p: &Publication) -> String {
    let ld = json_ld(dataset, p);
    let name = ld["name"].as_str().unwrap_or_default();
    let description = ld["description"].as_str().unwrap_or_default();
    let first_page = p.page_url(1);
    let licence = &p.licence;
    let publisher = &p.publisher;
    let publisher_url = &p.publisher_url;
    let count = dataset.schemes.len();
    let updated = dataset.meta.updated.as_deref().unwrap_or("");
    format!(
        r#"<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – open data</title>
<script type="application/ld+json">
{ld}
</script>
<link rel="stylesheet" href="dataset.css">
</head>
<body>
<main>
<h1>{title}</h1>
<p>{description}</p>
<h2>The data</h2>
<ul>
<li>An <a href="https://openactive.io/realtime-paged-data-exchange/">RPDE</a> feed of OpenActive <code>SessionSeries</code> ({count} schemes), starting at <a href="session-series/1.json">{first_page_text}</a>.</li>
<li>The same schemes as Open Referral UK services: <a href="../oruk/services/index.json">oruk/services/index.json</a>.</li>
<li>The map's own data file: <a href="../schemes.geojson">schemes.geojson</a>, the <a href="../">map</a> itself, and every scheme as a <a href="../schemes.html">plain page</a>.</li>
</ul>
<h2>Licence and publisher</h2>
<p>Published by <a href="{publisher_url_attr}">{publisher}</a> under <a href="{licence_attr}">{licence_text}</a>.{updated_sentence}</p>
</main>
</body>
</html>
"#,
        title = escape(name),
        ld = script_json(&ld),
        description = escape(description),
        count = count,
        first_page_text = escape(&first_page),
        publisher_url_attr = escape(publisher_url),
        publisher = escape(publisher),
        licence_attr = escape(licence),
        licence_text = escape(licence),
        updated_sentence =
            if updated.is_empty() { String::new() } else { format!(" Last updated {}.", escape(updated)) },
    )
}

/// Where the page goes under the site.
pub const PAGE_FILE: &str = "openactive/index.html";

/// The page's stylesheet, beside it: a file, not an inline `<style>`, so the page keeps its look
/// under the site's strict Content-Security-Policy (`style-src 'self'`).
pub const STYLE_FILE: &str = "openactive/dataset.css";
pub const STYLE: &str = "body{font:1rem/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}\na{color:#0b4f9c}\ncode{background:#f2f2f2;padding:0 .2em}\n";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::DatasetMeta;
    use crate::fixtures::scheme;

    fn publication(publisher: &str) -> Publication {
        Publication {
            base: "https://example.org/map/".into(),
            licence: crate::config::DEFAULT_LICENCE.into(),
            publisher: publisher.into(),
            publisher_url: "https://example.org/".into(),
            publisher_logo: None,
            discussion_url: "https://example.org/".into(),
            area: "Hertfordshire".into(),
        }
    }

    #[test]
    fn the_dataset_names_its_publisher_licence_and_feed() {
        let ds = Dataset { meta: DatasetMeta::default(), schemes: vec![scheme()], rejected: Vec::new() };
        let v = json_ld(&ds, &publication("Partnership"));
        assert_eq!(v["@type"], "Dataset");
        assert_eq!(v["license"], "https://creativecommons.org/licenses/by/4.0/");
        assert_eq!(v["publisher"]["name"], "Partnership");
        assert_eq!(v["distribution"][0]["contentUrl"], "https://example.org/map/openactive/session-series/1.json");
    }

    #[test]
    fn hostile_names_are_escaped_in_the_page_and_in_its_json_ld() {
        let hostile = "</script><script>alert(1)</script> & \"quotes\" <b>";
        let meta = DatasetMeta { title: Some(hostile.into()), ..Default::default() };
        let ds = Dataset { meta, schemes: vec![scheme()], rejected: Vec::new() };
        let page = page(&ds, &publication(hostile));
        assert!(!page.contains("<script>alert"), "{page}");
        assert!(!page.contains("<style"), "no inline style: the strict CSP would block it");
        assert!(!page.contains("<b>"), "{page}");
        assert_eq!(page.matches("</script>").count(), 1, "only the JSON-LD's own end tag");
        assert!(page.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"));
        // The JSON-LD still parses to the same text.
        let start = page.find("application/ld+json\">").unwrap() + "application/ld+json\">".len();
        let end = page.find("</script>").unwrap();
        let ld: Value = serde_json::from_str(&page[start..end]).unwrap();
        assert_eq!(ld["name"], hostile);
        assert_eq!(ld["publisher"]["name"], hostile);
    }
}
