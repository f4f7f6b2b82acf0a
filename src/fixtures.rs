//! Test fixtures shared by the core's unit tests: a valid feature and the shipped districts.

use crate::config::Config;
use crate::district::District;
use crate::scheme::Scheme;
use serde_json::{json, Value};

pub fn districts() -> Vec<District> {
    Config::shipped().area.districts
}

/// A valid feature; tests change one thing at a time.
pub fn feature() -> Value {
    json!({
        "type": "Feature",
        "id": "stevenage-active-health",
        "geometry": { "type": "Point", "coordinates": [-0.20532, 51.901873] },
        "properties": {
            "id": "stevenage-active-health",
            "name": "Active Health Stevenage",
            "operator": "Everyone Active",
            "centre": "Stevenage Arts and Leisure Centre",
            "address": "Lytton Way",
            "town": "Stevenage",
            "postcode": "SG1 1LZ",
            "district": "stevenage",
            "price": { "unit": "session", "amount": 3.5, "currency": "GBP", "sessions_per_week": 2 },
            "phone": "01632 960001",
            "email": "activehealth@example.org",
            "website": "https://www.everyoneactive.com/",
            "conditions": ["heart", "diabetes"],
            "referral": ["gp", "self-referral"],
            "min_age": 16,
            "max_age": null,
            "programme_weeks": 12,
            "last_verified": "2026-10-01",
            "notes": null,
            "sample": true
        }
    })
}

pub fn scheme() -> Scheme {
    Scheme::from_feature(&feature(), 0, &districts()).expect("the fixture is valid")
}

/// The fixture with one property replaced.
pub fn with(key: &str, value: Value) -> Value {
    let mut f = feature();
    f["properties"][key] = value;
    f
}
