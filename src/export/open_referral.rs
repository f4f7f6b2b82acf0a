//! Open Referral UK JSON (HSDS 3): each scheme as a `service`, for council service directories
//! and social-prescribing platforms that read Open Referral UK.
//!
//! A service carries `cost_options`, `contacts` (with `phones`), `service_at_locations` → `location`
//! with `latitude`/`longitude` and `addresses`, `minimum_age`/`maximum_age`, and `assured_date`
//! from `last_verified`. Identifiers are stable UUIDs made from the scheme's id.

use super::{describe, referral_sentence, stable_uuid};
use crate::dataset::Dataset;
use crate::scheme::Scheme;
use serde_json::{json, Map, Value};

/// The whole dataset as one page of services, in the shape of the Open Referral UK API's
/// `/services` response.
pub fn to_json(dataset: &Dataset, area: &str) -> Value {
    let contents: Vec<Value> = dataset.schemes.iter().map(|s| service(s, area)).collect();
    json!({
        "total_items": contents.len(),
        "total_pages": 1,
        "page_number": 1,
        "size": contents.len(),
        "first_page": true,
        "last_page": true,
        "empty": contents.is_empty(),
        "contents": contents,
    })
}

/// One scheme as a service.
pub fn service(s: &Scheme, area: &str) -> Value {
    let id = stable_uuid(&["service", &s.id]);
    let org_id = stable_uuid(&["organization", &s.operator]);
    let location_id = stable_uuid(&["location", &s.id]);
    let mut v = Map::new();
    v.insert("id".into(), json!(id));
    v.insert("organization_id".into(), json!(org_id));
    v.insert("name".into(), json!(s.name));
    v.insert("description".into(), json!(describe(s)));
    if let Some(w) = &s.website {
        v.insert("url".into(), json!(w));
    }
    if let Some(e) = &s.email {
        v.insert("email".into(), json!(e));
    }
    v.insert("status".into(), json!("active"));
    v.insert("fees_description".into(), json!(s.price.describe()));
    v.insert("application_process".into(), json!(referral_sentence(s)));
    let conditions: Vec<String> = s.conditions.iter().map(|c| c.label().to_lowercase()).collect();
    let ages = s.age_range().map(|a| format!(" aged {a}")).unwrap_or_default();
    v.insert("eligibility_description".into(), json!(format!("People{ages} with: {}.", conditions.join("; "))));
    if let Some(a) = s.min_age {
        v.insert("minimum_age".into(), json!(a));
    }
    if let Some(a) = s.max_age {
        v.insert("maximum_age".into(), json!(a));
    }
    v.insert("assured_date".into(), json!(s.last_verified));
    v.insert(
        "organization".into(),
        json!({"id": org_id, "name": s.operator, "description": format!("{} runs leisure centres in {area}.", s.operator)}),
    );
    let phones: Vec<Value> =
        s.phone.iter().map(|p| json!({"id": stable_uuid(&["phone", &s.id]), "number": p})).collect();
    v.insert("phones".into(), json!(phones));
    let mut contact = json!({"id": stable_uuid(&["contact", &s.id]), "service_id": id, "name": format!("{} team", s.name), "phones": phones});
    if let Some(e) = &s.email {
        contact["email"] = json!(e);
    }
    v.insert("contacts".into(), json!([contact]));
    v.insert("cost_options".into(), Value::Array(cost_options(s, &id)));
    let address_1 = if s.address.is_empty() { s.centre.clone() } else { format!("{}, {}", s.centre, s.address) };
    v.insert(
        "service_at_locations".into(),
        json!([{
            "id": stable_uuid(&["service_at_location", &s.id]),
            "service_id": id,
            "location_id": location_id,
            "location": {
                "id": location_id,
                "location_type": "physical",
                "name": s.centre,
                "latitude": s.location.lat,
                "longitude": s.location.lng,
                "addresses": [{
                    "id": stable_uuid(&["address", &s.id]),
                    "location_id": location_id,
                    "address_1": address_1,
                    "city": s.town,
                    "state_province": area,
                    "postal_code": s.postcode,
                    "country": "GB",
                    "address_type": "physical",
                }],
            },
        }]),
    );
    Value::Object(v)
}

fn cost_options(s: &Scheme, service_id: &str) -> Vec<Value> {
    let p = &s.price;
    let written = p.written();
    let per = written.split_once(' ').map_or("", |(_, rest)| rest.split(" (concessions").next().unwrap_or(""));
    let describe = |extra: Option<&str>| {
        let base = if p.is_free() { "Free".to_string() } else { per.to_string() };
        match extra.or(p.note.as_deref()) {
            Some(n) => format!("{base}; {n}"),
            None => base,
        }
    };
    let mut out = vec![json!({
        "id": stable_uuid(&["cost_option", &s.id, "standard"]),
        "service_id": service_id,
        "option": "Standard",
        "currency": "GBP",
        "amount": f64::from(p.pence) / 100.0,
        "amount_description": describe(None),
    })];
    if let Some(c) = p.concession_pence {
        out.push(json!({
            "id": stable_uuid(&["cost_option", &s.id, "concessions"]),
            "service_id": service_id,
            "option": "Concessions",
            "currency": "GBP",
            "amount": f64::from(c) / 100.0,
            "amount_description": describe(Some("concessions")),
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::scheme;

    #[test]
    fn a_scheme_is_a_service_with_the_required_parts() {
        let v = service(&scheme(), "Hertfordshire");
        for key in
            ["id", "name", "status", "cost_options", "contacts", "service_at_locations", "assured_date", "minimum_age"]
        {
            assert!(v.get(key).is_some(), "{key}");
        }
        assert_eq!(v["assured_date"], "2026-10-01");
        assert_eq!(v["minimum_age"], 16);
        assert_eq!(v["cost_options"][0]["amount"], 3.5);
        assert_eq!(v["cost_options"][0]["amount_description"], "per session, 2 sessions a week");
        let loc = &v["service_at_locations"][0]["location"];
        assert_eq!(loc["latitude"], 51.901873);
        assert_eq!(loc["addresses"][0]["postal_code"], "SG1 1LZ");
        assert_eq!(loc["addresses"][0]["address_type"], "physical");
        assert_eq!(v["contacts"][0]["phones"][0]["number"], "01632 960001");
    }
}
