//! OpenActive-style JSON-LD: each scheme as a `SessionSeries`, for activity finders and
//! social-prescribing platforms that read OpenActive open data.
//!
//! Each series has its `location` as a `Place` with `geo` and a `PostalAddress`, its `organizer`,
//! `offers` with `price` and `priceCurrency` (a concession price as a second offer), `ageRange`,
//! `programme`, and `additionalAdmissionRestriction` saying a referral is required. The
//! `activity` names "Exercise referral" in the OpenActive Activity List scheme by label only: the
//! list's `@id` for it should be added by whoever publishes the feed.

use super::{describe, referral_sentence};
use crate::dataset::Dataset;
use crate::price::PriceUnit;
use crate::referral::Referral;
use crate::scheme::Scheme;
use serde_json::{json, Map, Value};

/// The whole dataset as a JSON-LD `ItemList` of `SessionSeries`. `base_url`, when given, makes
/// each series' `@id` (`{base_url}#{id}`); `area` is the region for addresses.
pub fn to_json_ld(dataset: &Dataset, area: &str, base_url: Option<&str>) -> Value {
    let items: Vec<Value> = dataset
        .schemes
        .iter()
        .enumerate()
        .map(|(i, s)| json!({"@type": "ListItem", "position": i + 1, "item": session_series(s, area, base_url)}))
        .collect();
    let mut list = Map::new();
    list.insert("@context".into(), json!(["https://openactive.io/", "https://openactive.io/ns-beta"]));
    list.insert("@type".into(), json!("ItemList"));
    if let Some(t) = &dataset.meta.title {
        list.insert("name".into(), json!(t));
    }
    if let Some(n) = &dataset.meta.notice {
        list.insert("description".into(), json!(n));
    }
    if let Some(u) = &dataset.meta.updated {
        list.insert("dateModified".into(), json!(u));
    }
    list.insert("numberOfItems".into(), json!(items.len()));
    list.insert("itemListElement".into(), Value::Array(items));
    Value::Object(list)
}

/// One scheme as a `SessionSeries`.
pub fn session_series(s: &Scheme, area: &str, base_url: Option<&str>) -> Value {
    let mut v = Map::new();
    v.insert("@type".into(), json!("SessionSeries"));
    if let Some(b) = base_url {
        v.insert("@id".into(), json!(format!("{b}#{}", s.id)));
    }
    v.insert("identifier".into(), json!(s.id));
    v.insert("name".into(), json!(s.name));
    v.insert("description".into(), json!(describe(s)));
    v.insert(
        "activity".into(),
        json!([{"@type": "Concept", "prefLabel": "Exercise referral", "inScheme": "https://openactive.io/activity-list"}]),
    );
    v.insert("category".into(), json!(s.conditions.iter().map(|c| c.label()).collect::<Vec<_>>()));
    let mut organizer = json!({"@type": "Organization", "name": s.operator});
    if let Some(w) = &s.website {
        organizer["url"] = json!(w);
    }
    if let Some(p) = &s.phone {
        organizer["telephone"] = json!(p);
    }
    if let Some(e) = &s.email {
        organizer["email"] = json!(e);
    }
    v.insert("organizer".into(), organizer);
    if let Some(w) = &s.website {
        v.insert("url".into(), json!(w));
    }
    let mut address = json!({
        "@type": "PostalAddress",
        "addressLocality": s.town,
        "addressRegion": area,
        "postalCode": s.postcode,
        "addressCountry": "GB",
    });
    if !s.address.is_empty() {
        address["streetAddress"] = json!(s.address);
    }
    v.insert(
        "location".into(),
        json!({
            "@type": "Place",
            "name": s.centre,
            "address": address,
            "geo": {"@type": "GeoCoordinates", "latitude": s.location.lat, "longitude": s.location.lng},
        }),
    );
    v.insert("offers".into(), Value::Array(offers(s)));
    if s.min_age.is_some() || s.max_age.is_some() {
        let mut age = json!({"@type": "QuantitativeValue"});
        if let Some(a) = s.min_age {
            age["minValue"] = json!(a);
        }
        if let Some(a) = s.max_age {
            age["maxValue"] = json!(a);
        }
        v.insert("ageRange".into(), age);
    }
    v.insert(
        "programme".into(),
        json!({"@type": "Brand", "name": s.name, "description": "Exercise referral programme"}),
    );
    let only_self = s.referral.iter().all(|r| *r == Referral::SelfReferral);
    if !only_self {
        v.insert("additionalAdmissionRestriction".into(), json!([referral_sentence(s)]));
    }
    v.insert("dateModified".into(), json!(s.last_verified));
    Value::Object(v)
}

fn offers(s: &Scheme) -> Vec<Value> {
    let p = &s.price;
    let amount = |pence: u32| f64::from(pence) / 100.0;
    let unit = match p.unit {
        PriceUnit::Free => "free",
        PriceUnit::Session => "per session",
        PriceUnit::Week => "per week",
        PriceUnit::Month => "per month",
        PriceUnit::Course => "for the course",
    };
    let mut standard = json!({
        "@type": "Offer",
        "identifier": format!("{}-standard", s.id),
        "name": p.describe(),
        "price": amount(p.pence),
        "priceCurrency": "GBP",
        "description": unit,
    });
    if let Some(n) = &p.note {
        standard["description"] = json!(format!("{unit}; {n}"));
    }
    let mut out = vec![standard];
    if let Some(c) = p.concession_pence {
        out.push(json!({
            "@type": "Offer",
            "identifier": format!("{}-concessions", s.id),
            "name": "Concessions",
            "price": amount(c),
            "priceCurrency": "GBP",
            "description": unit,
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::scheme;

    #[test]
    fn a_scheme_is_a_session_series_with_the_required_parts() {
        let v = session_series(&scheme(), "Hertfordshire", Some("https://example.org/schemes"));
        assert_eq!(v["@type"], "SessionSeries");
        assert_eq!(v["@id"], "https://example.org/schemes#stevenage-active-health");
        assert_eq!(v["location"]["@type"], "Place");
        assert_eq!(v["location"]["geo"]["latitude"], 51.901873);
        assert_eq!(v["location"]["address"]["postalCode"], "SG1 1LZ");
        assert_eq!(v["offers"][0]["price"], 3.5);
        assert_eq!(v["offers"][0]["priceCurrency"], "GBP");
        assert_eq!(v["ageRange"]["minValue"], 16);
        assert_eq!(v["programme"]["@type"], "Brand");
        assert_eq!(v["additionalAdmissionRestriction"][0], "Referral by GP, or people can refer themselves.");
    }
}
