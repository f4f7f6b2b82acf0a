//! OpenActive open data: the schemes as an RPDE feed of `SessionSeries`, the form activity finders
//! and social-prescribing platforms harvest, and the dataset page that tells them where it is.
//!
//! Each scheme is one RPDE item whose `data` is a `SessionSeries` (Modelling Opportunity Data
//! 2.0): stable `@id`s under the configured base URL, `activity` from the OpenActive Activity List
//! ([`activities`]), `eventSchedule` from the session times, `offers` with price and
//! `ageRestriction`, `location` with its full address and `geo`, and an `organizer` with an `@id`.
//! [`feed_pages`] splits the items into static pages, each `next` linking to the following one
//! and the last (empty) page to itself, as RPDE's "modified" ordering wants; [`dataset_site`]
//! writes `openactive/index.html`.
//!
//! The feed is static files, so an item's `modified` is the scheme's last-checked date (in
//! seconds since 1970): a change that does not touch that date is seen by a consumer that
//! re-reads from the first page, not by one that only polls the last page.

pub mod activities;
pub mod dataset_site;

use super::{describe, referral_sentence};
use crate::config::OpenData;
use crate::dataset::Dataset;
use crate::price::PriceUnit;
use crate::referral::Referral;
use crate::schedule::{self, Session};
use crate::scheme::Scheme;
use serde_json::{json, Map, Value};

/// Where the feed lives under the site, and the name of its pages.
pub const FEED_DIR: &str = "openactive/session-series";
/// How many items a feed page holds.
pub const PAGE_SIZE: usize = 20;
/// The schedules' time zone.
const TIME_ZONE: &str = "Europe/London";

/// What the feed needs besides the schemes.
#[derive(Clone, Debug)]
pub struct Publication {
    /// The site's address, ending in "/".
    pub base: String,
    pub licence: String,
    pub publisher: String,
    pub publisher_url: String,
    /// The publisher's logo (an image URL), when configured.
    pub publisher_logo: Option<String>,
    /// Where to raise questions about the data (default: the publisher's address).
    pub discussion_url: String,
    /// The area, for addresses' `addressRegion`.
    pub area: String,
}

impl Publication {
    /// From the configuration; `None` when it gives no usable base URL. The publisher defaults to
    /// the data file's maintainer.
    pub fn new(open_data: &OpenData, dataset: &Dataset, area: &str) -> Option<Publication> {
        let base = open_data.base()?;
        let publisher = Some(open_data.publisher.trim())
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .or_else(|| dataset.meta.maintainer.clone())
            .unwrap_or_else(|| format!("{area} exercise referral schemes"));
        let publisher_url = crate::link::web(&open_data.publisher_url).unwrap_or_else(|| base.clone());
        Some(Publication {
            licence: open_data.licence().to_string(),
            publisher,
            publisher_logo: crate::link::web(&open_data.publisher_logo),
            discussion_url: crate::link::web(&open_data.discussion_url).unwrap_or_else(|| publisher_url.clone()),
            publisher_url,
            base,
            area: area.to_string(),
        })
    }

    /// The address of feed page `n` (1-based).
    pub fn page_url(&self, n: usize) -> String {
        format!("{}{FEED_DIR}/{n}.json", self.base)
    }

    fn id(&self, kind: &str, key: &str) -> String {
        format!("{}openactive/{kind}/{}", self.base, url_segment(key))
    }
}

/// The feed's pages: (file name under [`FEED_DIR`], page). Items are in RPDE order (modified,
/// then id); every page but the last holds up to `page_size` items and links to the next; the
/// last is empty and links to itself.
pub fn feed_pages(dataset: &Dataset, p: &Publication, page_size: usize) -> Vec<(String, Value)> {
    let mut items: Vec<(i64, &Scheme)> = dataset.schemes.iter().map(|s| (modified(s), s)).collect();
    items.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
    let chunks: Vec<&[(i64, &Scheme)]> = items.chunks(page_size.max(1)).collect();
    let mut pages = Vec::new();
    for (i, chunk) in chunks.iter().enumerate() {
        let items: Vec<Value> = chunk
            .iter()
            .map(|(m, s)| {
                json!({"state": "updated", "kind": "SessionSeries", "id": s.id, "modified": m, "data": session_series(s, p)})
            })
            .collect();
        pages.push(page(items, p.page_url(i + 2), &p.licence));
    }
    let last = chunks.len() + 1;
    pages.push(page(Vec::new(), p.page_url(last), &p.licence));
    pages.into_iter().enumerate().map(|(i, v)| (format!("{}.json", i + 1), v)).collect()
}

fn page(items: Vec<Value>, next: String, licence: &str) -> Value {
    json!({"next": next, "items": items, "license": licence})
}

/// The item's `modified`: the last-checked date as seconds since 1970-01-01 (UTC midnight).
pub fn modified(s: &Scheme) -> i64 {
    let num = |r: std::ops::Range<usize>| s.last_verified.get(r).and_then(|t| t.parse::<i64>().ok()).unwrap_or(0);
    days_from_civil(num(0..4), num(5..7), num(8..10)) * 86_400
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// One scheme as a `SessionSeries` (the RPDE item's `data`).
pub fn session_series(s: &Scheme, p: &Publication) -> Value {
    let page_url = format!("{}?scheme={}", p.base, url_segment(&s.id));
    let mut v = Map::new();
    v.insert("@context".into(), json!("https://openactive.io/"));
    v.insert("@type".into(), json!("SessionSeries"));
    v.insert("@id".into(), json!(p.id("session-series", &s.id)));
    v.insert("identifier".into(), json!(s.id));
    v.insert("name".into(), json!(s.name));
    v.insert("description".into(), json!(describe(s)));
    // The scheme on the map; the operator's own site is the organizer's `url`.
    v.insert("url".into(), json!(page_url));
    v.insert(
        "activity".into(),
        Value::Array(
            activities::of(s)
                .iter()
                .map(|(id, label)| json!({"@type": "Concept", "@id": id, "prefLabel": label, "inScheme": activities::ACTIVITY_LIST}))
                .collect(),
        ),
    );
    v.insert("category".into(), json!(s.conditions.iter().map(|c| c.label()).collect::<Vec<_>>()));
    v.insert("organizer".into(), organizer(s, p));
    v.insert("location".into(), location(s, p));
    v.insert("offers".into(), Value::Array(offers(s, &page_url)));
    if s.price.is_free() {
        v.insert("isAccessibleForFree".into(), json!(true));
    }
    if let Some(age) = age_range(s) {
        v.insert("ageRange".into(), age);
    }
    v.insert(
        "programme".into(),
        json!({
            "@type": "Brand",
            "@id": p.id("programmes", &s.id),
            "name": s.name,
            "description": "Exercise referral programme",
            "url": page_url,
        }),
    );
    let only_self = s.referral.iter().all(|r| *r == Referral::SelfReferral);
    if !only_self {
        v.insert("additionalAdmissionRestriction".into(), json!([referral_sentence(s)]));
    }
    if !s.sessions.is_empty() {
        v.insert("eventSchedule".into(), Value::Array(event_schedule(&s.sessions)));
    }
    Value::Object(v)
}

/// The weekly sessions as `PartialSchedule`s, one per start and end time, with its days.
fn event_schedule(sessions: &[Session]) -> Vec<Value> {
    let mut times: Vec<(u16, u16)> = sessions.iter().map(|s| (s.start, s.end)).collect();
    times.sort_unstable();
    times.dedup();
    times
        .into_iter()
        .map(|(start, end)| {
            let days: Vec<String> = sessions
                .iter()
                .filter(|s| (s.start, s.end) == (start, end))
                .map(|s| format!("https://schema.org/{}", s.day.long()))
                .collect();
            json!({
                "@type": "PartialSchedule",
                "repeatFrequency": "P1W",
                "byDay": days,
                "startTime": schedule::clock(start),
                "endTime": schedule::clock(end),
                "duration": iso_duration(end - start),
                "scheduleTimezone": TIME_ZONE,
            })
        })
        .collect()
}

/// "PT1H", "PT45M", "PT1H30M".
fn iso_duration(minutes: u16) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("PT{m}M"),
        (h, 0) => format!("PT{h}H"),
        (h, m) => format!("PT{h}H{m}M"),
    }
}

fn organizer(s: &Scheme, p: &Publication) -> Value {
    let mut o = json!({"@type": "Organization", "@id": p.id("organizations", &s.operator), "name": s.operator});
    if let Some(w) = &s.website {
        o["url"] = json!(w);
    }
    if let Some(t) = &s.phone {
        o["telephone"] = json!(t);
    }
    if let Some(e) = &s.email {
        o["email"] = json!(e);
    }
    o
}

fn location(s: &Scheme, p: &Publication) -> Value {
    // A centre without a street in the data is found by its own name.
    let street = if s.address.is_empty() { s.centre.clone() } else { s.address.clone() };
    let mut place = json!({
        "@type": "Place",
        "@id": p.id("places", &format!("{} {}", s.centre, s.postcode)),
        "name": s.centre,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": street,
            "addressLocality": s.town,
            "addressRegion": p.area,
            "postalCode": s.postcode,
            "addressCountry": "GB",
        },
        "geo": {"@type": "GeoCoordinates", "latitude": s.location.lat, "longitude": s.location.lng},
    });
    if let Some(t) = &s.phone {
        place["telephone"] = json!(t);
    }
    place
}

fn age_range(s: &Scheme) -> Option<Value> {
    if s.min_age.is_none() && s.max_age.is_none() {
        return None;
    }
    let mut age = json!({"@type": "QuantitativeValue"});
    if let Some(a) = s.min_age {
        age["minValue"] = json!(a);
    }
    if let Some(a) = s.max_age {
        age["maxValue"] = json!(a);
    }
    Some(age)
}

fn offers(s: &Scheme, url: &str) -> Vec<Value> {
    let p = &s.price;
    let amount = |pence: u32| f64::from(pence) / 100.0;
    let unit = match p.unit {
        PriceUnit::Free => "free",
        PriceUnit::Session => "per session",
        PriceUnit::Week => "per week",
        PriceUnit::Month => "per month",
        PriceUnit::Course => "for the course",
    };
    let age = age_range(s);
    let offer = |kind: &str, name: String, pence: u32, description: String| {
        let mut o = json!({
            "@type": "Offer",
            "@id": format!("{url}#offer-{kind}"),
            "identifier": format!("{}-{kind}", s.id),
            "name": name,
            "price": amount(pence),
            "priceCurrency": "GBP",
            "description": description,
            "url": url,
        });
        if let Some(a) = &age {
            o["ageRestriction"] = a.clone();
        }
        o
    };
    let description = match &p.note {
        Some(n) => format!("{unit}; {n}"),
        None => unit.to_string(),
    };
    let mut out = vec![offer("standard", p.describe(), p.pence, description)];
    if let Some(c) = p.concession() {
        out.push(offer("concessions", "Concessions".into(), c, unit.to_string()));
    }
    out
}

/// A path segment safe in a URL: letters, digits and "-" kept, everything else made "-".
fn url_segment(key: &str) -> String {
    let mut out = String::new();
    for c in key.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::DatasetMeta;
    use crate::fixtures::{districts, scheme, with};

    fn publication() -> Publication {
        Publication {
            base: "https://example.org/map/".into(),
            licence: crate::config::DEFAULT_LICENCE.into(),
            publisher: "Partnership".into(),
            publisher_url: "https://example.org/".into(),
            publisher_logo: None,
            discussion_url: "https://example.org/".into(),
            area: "Hertfordshire".into(),
        }
    }

    #[test]
    fn a_scheme_is_a_session_series_with_stable_ids_and_the_required_parts() {
        let v = session_series(&scheme(), &publication());
        assert_eq!(v["@type"], "SessionSeries");
        assert_eq!(v["@id"], "https://example.org/map/openactive/session-series/stevenage-active-health");
        assert_eq!(v["url"], "https://example.org/map/?scheme=stevenage-active-health");
        assert_eq!(v["organizer"]["@id"], "https://example.org/map/openactive/organizations/everyone-active");
        assert_eq!(v["activity"][0]["@id"], activities::GYM_WORKOUT.id);
        assert_eq!(v["location"]["address"]["streetAddress"], "Lytton Way");
        assert_eq!(v["location"]["address"]["postalCode"], "SG1 1LZ");
        assert_eq!(v["location"]["geo"]["latitude"], 51.901873);
        assert_eq!(v["offers"][0]["price"], 3.5);
        assert_eq!(v["offers"][0]["ageRestriction"]["minValue"], 16);
        assert_eq!(v["programme"]["url"], v["url"]);
        assert!(v.get("eventSchedule").is_none(), "no sessions in the data, no schedule");
        assert_eq!(session_series(&scheme(), &publication()), v, "the same scheme gives the same item");
    }

    #[test]
    fn the_description_keeps_the_conditions_acronyms_and_names() {
        let f = with("conditions", json!(["heart", "msk", "breathing", "neurological"]));
        let s = Scheme::from_feature(&f, 0, &districts()).unwrap();
        let d = session_series(&s, &publication())["description"].as_str().unwrap().to_string();
        assert!(
            d.starts_with(
                "Exercise referral programme for people with these conditions: heart and circulation; joints, bones and back (MSK); breathing (COPD, asthma); neurological (stroke, MS, Parkinson's)."
            ),
            "{d}"
        );
    }

    #[test]
    fn sessions_become_weekly_partial_schedules_grouped_by_time() {
        let f = with(
            "sessions",
            json!([
                {"day": "mon", "start": "10:00", "end": "11:00"},
                {"day": "thu", "start": "10:00", "end": "11:00"},
                {"day": "fri", "start": "14:00", "end": "15:30"}
            ]),
        );
        let s = Scheme::from_feature(&f, 0, &districts()).unwrap();
        let v = session_series(&s, &publication());
        assert_eq!(
            v["eventSchedule"],
            json!([
                {"@type": "PartialSchedule", "repeatFrequency": "P1W", "byDay": ["https://schema.org/Monday", "https://schema.org/Thursday"],
                 "startTime": "10:00", "endTime": "11:00", "duration": "PT1H", "scheduleTimezone": "Europe/London"},
                {"@type": "PartialSchedule", "repeatFrequency": "P1W", "byDay": ["https://schema.org/Friday"],
                 "startTime": "14:00", "endTime": "15:30", "duration": "PT1H30M", "scheduleTimezone": "Europe/London"}
            ])
        );
    }

    #[test]
    fn pages_link_on_and_the_last_is_empty_and_links_to_itself() {
        let mut schemes = Vec::new();
        for i in 0..5 {
            let mut s = scheme();
            s.id = format!("scheme-{i}");
            s.last_verified = format!("2026-10-0{}", 5 - i);
            schemes.push(s);
        }
        let ds = Dataset { meta: DatasetMeta::default(), schemes, rejected: Vec::new() };
        let pages = feed_pages(&ds, &publication(), 2);
        let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["1.json", "2.json", "3.json", "4.json"]);
        assert_eq!(pages[0].1["next"], "https://example.org/map/openactive/session-series/2.json");
        assert_eq!(pages[0].1["items"][0]["id"], "scheme-4", "oldest modified first");
        assert_eq!(pages[0].1["items"][0]["modified"], modified(&ds.schemes[4]));
        assert_eq!(pages[2].1["items"].as_array().unwrap().len(), 1);
        assert_eq!(pages[3].1["items"], json!([]));
        assert_eq!(pages[3].1["next"], "https://example.org/map/openactive/session-series/4.json");
        assert!(pages.iter().all(|(_, p)| p["license"] == crate::config::DEFAULT_LICENCE));
    }

    #[test]
    fn modified_is_the_last_checked_date_in_seconds() {
        let mut s = scheme();
        s.last_verified = "1970-01-02".into();
        assert_eq!(modified(&s), 86_400);
        s.last_verified = "2026-10-01".into();
        assert_eq!(modified(&s), 1_790_812_800);
    }
}
