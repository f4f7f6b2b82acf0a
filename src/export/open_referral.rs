//! Open Referral UK (the UK profile of HSDS 3.0): each scheme as a `service`, for council service
//! directories and social-prescribing platforms that read Open Referral UK.
//!
//! Only fields the UK profile defines are written (checked against its published schema by
//! tests/open-data/oruk.mjs), so a consumer that reads only UK-profile fields loses nothing:
//!
//! - the price as `fees` and `cost_options` (`option`, `amount`, `amount_description` with "£");
//! - eligibility as `minimum_age`/`maximum_age` and `attributes` (a taxonomy term per condition
//!   accepted, `link_type` "eligibility"), the referral routes as `attributes` too (`link_type`
//!   "referral_route"), and both in words in `description`; the activities as `attributes`
//!   (`link_type` "activity", with the OpenActive Activity List's `term_uri`);
//! - the weekly sessions as `schedules` (iCal `WEEKLY`, `byday`, `opens_at`, `closes_at`);
//! - `email` on the service; the phone number in `description`, because the UK profile defines
//!   no phone field on a service or its contacts;
//! - the place as `service_at_locations` → `location` with `latitude`/`longitude` and `addresses`;
//! - `assured_date` from `last_verified`, and the `organization`.
//!
//! Identifiers are stable UUIDs made from the scheme's id. [`api_files`] lays the services out as
//! the ORUK API answers (`/`, `/services`, `/services/{id}`), as static files.

use super::{describe, stable_uuid};
use crate::dataset::Dataset;
use crate::price::PriceUnit;
use crate::referral::Referral;
use crate::scheme::Scheme;
use serde_json::{json, Map, Value};

/// The profile this output follows, as an ORUK API's `/` says it.
pub const VERSION: &str = "HSDS-UK-3.0";
pub const PROFILE_URL: &str = "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md";
pub const OPENAPI_URL: &str = "https://raw.githubusercontent.com/OpenReferralUK/uk-profile/main/schema/openapi.json";

/// Where the static API lives under the site.
pub const API_DIR: &str = "oruk";

/// The whole dataset as one page of full services, in the shape of the API's `/services` page.
pub fn to_json(dataset: &Dataset, area: &str) -> Value {
    page(dataset.schemes.iter().map(|s| service(s, area)).collect())
}

fn page(contents: Vec<Value>) -> Value {
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

/// The static API's files: (path under [`API_DIR`], contents). `index.json` answers `/`,
/// `services/index.json` answers `/services` (one page; its items have the one-to-one fields, as
/// the API's list does), and `services/{id}.json` answers `/services/{id}` in full.
pub fn api_files(dataset: &Dataset, area: &str) -> Vec<(String, Value)> {
    let mut files = vec![(
        "index.json".to_string(),
        json!({"version": VERSION, "profile": PROFILE_URL, "openapi_url": OPENAPI_URL}),
    )];
    let full: Vec<Value> = dataset.schemes.iter().map(|s| service(s, area)).collect();
    files.push(("services/index.json".into(), page(full.iter().map(list_item).collect())));
    for s in full {
        let id = s["id"].as_str().unwrap_or_default().to_string();
        files.push((format!("services/{id}.json"), s));
    }
    files
}

/// The one-to-one fields of a service (the API's `/services` list items), with its organization.
fn list_item(full: &Value) -> Value {
    const ONE_TO_ONE: [&str; 12] = [
        "id",
        "organization_id",
        "name",
        "description",
        "url",
        "email",
        "status",
        "fees",
        "minimum_age",
        "maximum_age",
        "assured_date",
        "organization",
    ];
    let mut v = Map::new();
    for k in ONE_TO_ONE {
        if let Some(x) = full.get(k) {
            v.insert(k.into(), x.clone());
        }
    }
    Value::Object(v)
}

/// One scheme as a full service.
pub fn service(s: &Scheme, area: &str) -> Value {
    let id = stable_uuid(&["service", &s.id]);
    let org_id = stable_uuid(&["organization", &s.operator]);
    let location_id = stable_uuid(&["location", &s.id]);
    let mut v = Map::new();
    v.insert("id".into(), json!(id));
    v.insert("organization_id".into(), json!(org_id));
    v.insert("name".into(), json!(s.name));
    v.insert("description".into(), json!(description(s)));
    if let Some(w) = &s.website {
        v.insert("url".into(), json!(w));
    }
    if let Some(e) = &s.email {
        v.insert("email".into(), json!(e));
    }
    v.insert("status".into(), json!("active"));
    v.insert("fees".into(), json!(fees(s)));
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
    v.insert("cost_options".into(), Value::Array(cost_options(s, &id)));
    if !s.sessions.is_empty() {
        v.insert("schedules".into(), Value::Array(schedules(s, &id)));
    }
    v.insert("attributes".into(), Value::Array(attributes(s, &id)));
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

/// The description: who it is for, how to be referred, how long, the sessions, the notes, and
/// how to get in touch (the UK profile has no phone field on a service).
fn description(s: &Scheme) -> String {
    let mut d = describe(s);
    if let Some(a) = s.age_range() {
        d.push_str(&format!(" Ages {a}."));
    }
    if let Some(t) = crate::schedule::listed(&s.sessions) {
        d.push_str(&format!(" Sessions: {t}."));
    }
    match (&s.phone, &s.email) {
        (Some(p), Some(e)) => d.push_str(&format!(" Phone {p} or email {e}.")),
        (Some(p), None) => d.push_str(&format!(" Phone {p}.")),
        (None, Some(e)) => d.push_str(&format!(" Email {e}.")),
        (None, None) => {}
    }
    d
}

/// The price as written, with its note: "£3.50 per session, 2 sessions a week; First session free".
fn fees(s: &Scheme) -> String {
    match &s.price.note {
        Some(n) => format!("{}; {n}", s.price.written()),
        None => s.price.written(),
    }
}

fn cost_options(s: &Scheme, service_id: &str) -> Vec<Value> {
    let p = &s.price;
    let unit = match p.unit {
        PriceUnit::Free => "",
        PriceUnit::Session => " per session",
        PriceUnit::Week => " per week",
        PriceUnit::Month => " per month",
        PriceUnit::Course => " for the course",
    };
    let with_note = |base: String| match &p.note {
        Some(n) => format!("{base}; {n}"),
        None => base,
    };
    // The price as written, without its concession part (that is the second option).
    let written = p.written();
    let standard = written.split(" (concessions").next().unwrap_or(&written).to_string();
    let mut out = vec![json!({
        "id": stable_uuid(&["cost_option", &s.id, "standard"]),
        "service_id": service_id,
        "option": "Standard",
        "amount": f64::from(p.pence) / 100.0,
        "amount_description": with_note(standard),
    })];
    if let Some(c) = p.concession() {
        out.push(json!({
            "id": stable_uuid(&["cost_option", &s.id, "concessions"]),
            "service_id": service_id,
            "option": "Concessions",
            "amount": f64::from(c) / 100.0,
            "amount_description": format!("{}{unit} (concessions)", crate::price::money(c)),
        }));
    }
    out
}

/// One weekly schedule per start and end time, with its days.
fn schedules(s: &Scheme, service_id: &str) -> Vec<Value> {
    let mut times: Vec<(u16, u16)> = s.sessions.iter().map(|x| (x.start, x.end)).collect();
    times.sort_unstable();
    times.dedup();
    times
        .into_iter()
        .map(|(start, end)| {
            let days: Vec<_> = s.sessions.iter().filter(|x| (x.start, x.end) == (start, end)).collect();
            let (opens, closes) = (crate::schedule::clock(start), crate::schedule::clock(end));
            json!({
                "id": stable_uuid(&["schedule", &s.id, &opens, &closes]),
                "service_id": service_id,
                "freq": "WEEKLY",
                "interval": 1,
                "byday": days.iter().map(|d| d.day.ical()).collect::<Vec<_>>().join(","),
                "opens_at": opens,
                "closes_at": closes,
                "description": days.iter().map(|d| d.describe()).collect::<Vec<_>>().join(", "),
            })
        })
        .collect()
}

/// The conditions accepted (eligibility) and the referral routes, as taxonomy terms.
fn attributes(s: &Scheme, service_id: &str) -> Vec<Value> {
    let term = |link_type: &str, taxonomy: &str, code: &str, name: &str, description: String| {
        let term_id = stable_uuid(&["taxonomy_term", taxonomy, code]);
        json!({
            "id": stable_uuid(&["attribute", &s.id, link_type, code]),
            "link_id": service_id,
            "link_type": link_type,
            "taxonomy_term_id": term_id,
            "taxonomy_term": {
                "id": term_id,
                "name": name,
                "description": description,
                "taxonomy": taxonomy,
                "term": code,
            },
        })
    };
    let mut out: Vec<Value> = s
        .conditions
        .iter()
        .map(|c| {
            term(
                "eligibility",
                "Exercise referral: conditions accepted",
                c.code(),
                c.label(),
                format!("People with {} can be referred.", crate::wording::in_sentence(c.label())),
            )
        })
        .collect();
    out.extend(s.referral.iter().map(|r| {
        let how = match r {
            Referral::SelfReferral => "People can refer themselves.".to_string(),
            other => format!("Referral by {}.", other.label()),
        };
        term("referral_route", "Exercise referral: referral routes", r.code(), r.label(), how)
    }));
    // The activities, as in the OpenActive feed, with the Activity List's URIs.
    out.extend(super::openactive::activities::of(s).into_iter().map(|(id, label)| {
        let code = id.rsplit('#').next().unwrap_or_default().to_string();
        let mut a = term(
            "activity",
            super::openactive::activities::ACTIVITY_LIST,
            &code,
            &label,
            format!("{label} (OpenActive Activity List)."),
        );
        a["taxonomy_term"]["term_uri"] = json!(id);
        a
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{districts, scheme, with};

    #[test]
    fn a_scheme_is_a_service_with_every_fact_in_uk_profile_fields() {
        let v = service(&scheme(), "Hertfordshire");
        for key in
            ["id", "name", "status", "fees", "cost_options", "service_at_locations", "assured_date", "minimum_age"]
        {
            assert!(v.get(key).is_some(), "{key}");
        }
        for undefined in ["phones", "fees_description", "application_process", "eligibility_description", "contacts"] {
            assert!(v.get(undefined).is_none(), "{undefined}");
        }
        assert_eq!(v["assured_date"], "2026-10-01");
        assert_eq!(v["email"], "activehealth@example.org");
        assert_eq!(v["fees"], "£3.50 per session, 2 sessions a week");
        assert_eq!(v["cost_options"][0]["amount"], 3.5);
        assert_eq!(v["cost_options"][0]["amount_description"], "£3.50 per session, 2 sessions a week");
        assert!(v["cost_options"][0].get("currency").is_none());
        let d = v["description"].as_str().unwrap();
        assert!(d.contains("Phone 01632 960001 or email activehealth@example.org."), "{d}");
        assert!(d.contains("Referral by GP, or people can refer themselves."), "{d}");
        let terms: Vec<(&str, &str)> = v["attributes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["link_type"] != "activity")
            .map(|a| (a["link_type"].as_str().unwrap(), a["taxonomy_term"]["term"].as_str().unwrap()))
            .collect();
        assert_eq!(
            terms,
            [
                ("eligibility", "heart"),
                ("eligibility", "diabetes"),
                ("referral_route", "gp"),
                ("referral_route", "self-referral")
            ]
        );
        let loc = &v["service_at_locations"][0]["location"];
        assert_eq!(loc["latitude"], 51.901873);
        assert_eq!(loc["addresses"][0]["postal_code"], "SG1 1LZ");
    }

    #[test]
    fn descriptions_keep_the_conditions_acronyms_and_names() {
        let f = with("conditions", json!(["msk", "breathing", "neurological"]));
        let v = service(&Scheme::from_feature(&f, 0, &districts()).unwrap(), "Hertfordshire");
        let d = v["description"].as_str().unwrap();
        assert!(
            d.contains("these conditions: joints, bones and back (MSK); breathing (COPD, asthma); neurological (stroke, MS, Parkinson's)."),
            "{d}"
        );
        let said: Vec<&str> = v["attributes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["link_type"] == "eligibility")
            .map(|a| a["taxonomy_term"]["description"].as_str().unwrap())
            .collect();
        assert_eq!(
            said,
            [
                "People with joints, bones and back (MSK) can be referred.",
                "People with breathing (COPD, asthma) can be referred.",
                "People with neurological (stroke, MS, Parkinson's) can be referred."
            ]
        );
    }

    #[test]
    fn sessions_become_weekly_schedules() {
        let f = with(
            "sessions",
            json!([{"day": "mon", "start": "10:00", "end": "11:00"}, {"day": "thu", "start": "10:00", "end": "11:00"}]),
        );
        let s = Scheme::from_feature(&f, 0, &districts()).unwrap();
        let v = service(&s, "Hertfordshire");
        let sch = &v["schedules"][0];
        assert_eq!(sch["freq"], "WEEKLY");
        assert_eq!(sch["byday"], "MO,TH");
        assert_eq!(sch["opens_at"], "10:00");
        assert_eq!(sch["closes_at"], "11:00");
        assert_eq!(sch["description"], "Mon 10:00–11:00, Thu 10:00–11:00");
        assert!(v["description"].as_str().unwrap().contains("Sessions: Mon 10:00–11:00, Thu 10:00–11:00."));
    }

    #[test]
    fn the_static_api_has_a_root_a_list_and_one_file_per_service() {
        let ds = Dataset { schemes: vec![scheme()], ..Default::default() };
        let files = api_files(&ds, "Hertfordshire");
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        let id = stable_uuid(&["service", "stevenage-active-health"]);
        assert_eq!(names, ["index.json", "services/index.json", &format!("services/{id}.json")]);
        assert_eq!(files[0].1["version"], VERSION);
        let item = &files[1].1["contents"][0];
        assert_eq!(item["id"], id.as_str());
        assert!(item.get("cost_options").is_none(), "the list has one-to-one fields only");
        assert!(files[2].1.get("cost_options").is_some());
    }
}
