//! `schemes validate`: a data file checked as the map loads it, plus warnings that do not block.
#![cfg(not(target_arch = "wasm32"))]

mod tool_support;

use serde_json::{json, Value};
use tool_support::*;

fn feature(id: &str, name: &str, lng: f64, lat: f64, last: &str) -> Value {
    json!({
        "type": "Feature", "id": id,
        "geometry": {"type": "Point", "coordinates": [lng, lat]},
        "properties": {
            "id": id, "name": name, "operator": "Everyone Active", "centre": "Centre", "address": "",
            "town": "Stevenage", "postcode": "SG1 1LZ", "district": "stevenage",
            "price": {"unit": "free"}, "phone": "01632 960001", "email": null, "website": null,
            "conditions": ["heart"], "referral": ["gp"], "min_age": null, "max_age": null,
            "programme_weeks": 12, "last_verified": last, "notes": null, "sample": true
        }
    })
}

fn write(name: &str, features: Vec<Value>) -> std::path::PathBuf {
    let dir = scratch(name);
    let path = dir.join("schemes.geojson");
    std::fs::write(&path, json!({"type": "FeatureCollection", "features": features}).to_string()).unwrap();
    path
}

#[test]
fn the_shipped_data_file_is_valid() {
    let o = run(&["validate", "data/schemes.geojson", "--today", "2026-11-22"]);
    assert!(o.status.success(), "{}", stdout(&o));
    assert_eq!(stdout(&o), "data/schemes.geojson: all 24 schemes are valid.\n");
}

#[test]
fn warnings_name_the_scheme_and_do_not_fail() {
    let mut no_contact = feature("c", "Gamma", -0.3, 51.8, "2026-10-01");
    no_contact["properties"]["phone"] = Value::Null;
    let path = write(
        "warnings",
        vec![
            feature("a", "Alpha", -0.2, 51.9, "2025-11-21"),
            feature("b", "Beta", -0.2, 51.9, "2026-10-01"),
            no_contact,
        ],
    );
    let o = run(&["validate", path_str(&path), "--today", "2026-11-22"]);
    assert!(o.status.success(), "{}", stdout(&o));
    let text = stdout(&o);
    let expected = [
        "3 warnings (these do not stop anything):",
        "  Alpha: last checked on 2025-11-21, more than 12 months ago: check the details with the operator and update \"last checked\"",
        "  Beta: is at exactly the same point as \"Alpha\": their markers sit on top of each other (give one of them its own coordinates if they are different places)",
        "  Gamma: has no phone, email or website: people cannot contact it",
    ];
    for line in expected {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
}

#[test]
fn a_second_scheme_with_the_same_id_is_rejected_as_the_map_rejects_it() {
    let path = write(
        "duplicate",
        vec![feature("a", "Alpha", -0.2, 51.9, "2026-10-01"), feature("a", "Beta", -0.3, 51.8, "2026-10-01")],
    );
    let o = run(&["validate", path_str(&path), "--today", "2026-11-22"]);
    assert!(!o.status.success(), "{}", stdout(&o));
    let text = stdout(&o);
    assert!(
        text.contains(
            "Beta: its id \"a\" is already used by \"Alpha\", which is shown instead: every scheme needs its own id"
        ),
        "{text}"
    );
}

#[test]
fn today_defaults_to_the_system_date() {
    let path = write("today", vec![feature("a", "Alpha", -0.2, 51.9, "1999-01-01")]);
    let o = run(&["validate", path_str(&path)]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("last checked on 1999-01-01, more than 12 months ago"), "{}", stdout(&o));
}

#[test]
fn a_feature_the_map_would_leave_out_fails_validation() {
    let mut bad = feature("b", "Broken", -0.2, 51.9, "2026-10-01");
    bad["properties"]["website"] = json!("javascript:alert(1)");
    bad["properties"]["district"] = json!("luton");
    let path = write("rejected", vec![feature("a", "Alpha", -0.21, 51.9, "2026-10-01"), bad]);
    let o = run(&["validate", path_str(&path), "--today", "2026-11-22", "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["ok"], false);
    assert_eq!(v["valid"], 1);
    assert_eq!(v["rejected"][0]["scheme"], "Broken");
    let reasons: Vec<&str> =
        v["rejected"][0]["reasons"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
    assert!(reasons[0].starts_with("the district \"luton\" is not one of"), "{reasons:?}");
    assert_eq!(reasons[1], "the website \"javascript:alert(1)\" is not a safe https web address");
}

#[test]
fn a_file_that_is_not_geojson_fails_clearly() {
    let dir = scratch("not-geojson");
    let path = dir.join("x.geojson");
    std::fs::write(&path, "<html>").unwrap();
    let o = run(&["validate", path_str(&path)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("The schemes file is not readable: it is not JSON."));
    let o = run(&["validate", "/nonexistent/file.geojson"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("schemes: /nonexistent/file.geojson cannot be read"), "{}", stderr(&o));
}

#[test]
fn a_bad_today_flag_is_a_usage_error() {
    let o = run(&["validate", "--today", "tomorrow"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--today tomorrow is not a date like 2026-11-22"));
}

#[test]
fn sessions_a_week_that_disagree_with_the_timetable_are_warned_about_and_do_not_fail() {
    let sessions =
        |days: &[&str]| -> Value { days.iter().map(|d| json!({"day": d, "start": "10:00", "end": "11:00"})).collect() };
    let mut unstated = feature("u", "Unstated", -0.2, 51.9, "2026-10-01");
    unstated["properties"]["price"] = json!({"unit": "session", "amount": 2.8, "currency": "GBP"});
    unstated["properties"]["sessions"] = sessions(&["mon", "wed", "fri"]);
    let mut too_many = feature("t", "Too Many", -0.3, 51.8, "2026-10-01");
    too_many["properties"]["price"] =
        json!({"unit": "session", "amount": 3.2, "currency": "GBP", "sessions_per_week": 3});
    too_many["properties"]["sessions"] = sessions(&["thu"]);
    let mut agreed = feature("a", "Agreed", -0.25, 51.85, "2026-10-01");
    agreed["properties"]["price"] = json!({"unit": "session", "amount": 4, "currency": "GBP", "sessions_per_week": 2});
    agreed["properties"]["sessions"] = sessions(&["wed", "fri"]);
    let path = write("sessions-a-week", vec![unstated, too_many, agreed]);
    let o = run(&["validate", path_str(&path), "--today", "2026-11-22"]);
    assert!(o.status.success(), "warnings only: {}", stdout(&o));
    let text = stdout(&o);
    let expected = [
        "2 warnings (these do not stop anything):",
        "  Unstated: the price is £2.80 a session but does not say how many sessions a week, and the timetable lists 3: the map counts them all (about £8.40 a week): write in the price how many the programme expects (\"£2.80 per session, 3 sessions a week\")",
        "  Too Many: the price counts 3 sessions a week but the timetable lists only 1: add the missing sessions, or correct the sessions a week in the price",
    ];
    for line in expected {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    assert!(!text.contains("Agreed"), "{text}");
}

#[test]
fn control_and_invisible_characters_in_text_are_warned_about_and_do_not_fail() {
    let mut hidden = feature("h", "Hidden\u{200B} Characters", -0.2, 51.9, "2026-10-01");
    hidden["properties"]["centre"] = json!("Arts\r\nCentre\u{1B}[2J");
    let path = write("hidden-characters", vec![hidden, feature("p", "Plain", -0.3, 51.8, "2026-10-01")]);
    let o = run(&["validate", path_str(&path), "--today", "2026-11-22"]);
    assert!(o.status.success(), "warnings only: {}", stdout(&o));
    let text = stdout(&o);
    let expected = [
        "2 warnings (these do not stop anything):",
        "  Hidden Characters: the name holds characters a reader cannot see (U+200B): the map leaves them out (a line break or tab becomes a space), so check the text",
        "  Hidden Characters: the centre holds characters a reader cannot see (U+000D, U+000A, U+001B): the map leaves them out (a line break or tab becomes a space), so check the text",
    ];
    for line in expected {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    assert!(!text.contains("Plain"), "{text}");
}

#[test]
fn a_concession_price_higher_than_the_full_price_is_warned_about_and_does_not_fail() {
    let mut above = feature("a", "Above", -0.2, 51.9, "2026-10-01");
    above["properties"]["price"] = json!({"unit": "week", "amount": 4, "currency": "GBP", "concessions": 4.5});
    let mut below = feature("b", "Below", -0.3, 51.8, "2026-10-01");
    below["properties"]["price"] = json!({"unit": "week", "amount": 4, "currency": "GBP", "concessions": 2});
    let path = write("concession-above-price", vec![above, below]);
    let o = run(&["validate", path_str(&path), "--today", "2026-11-22"]);
    assert!(o.status.success(), "a warning, not a refusal: {}", stdout(&o));
    let text = stdout(&o);
    let line = "  Above: the concession price £4.50 is higher than the full price £4: the map shows the full price alone; correct whichever is wrong";
    assert!(text.contains("1 warning"), "{text}");
    assert!(text.contains(line), "missing {line:?} in\n{text}");
    assert!(!text.contains("Below"), "{text}");
}
