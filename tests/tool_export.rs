//! `schemes export`: OpenActive-style JSON-LD, Open Referral UK JSON, and CSV that round-trips.
#![cfg(not(target_arch = "wasm32"))]

mod tool_support;

use serde_json::Value;
use tool_support::*;

fn export(format: &str) -> Value {
    let o = run(&["export", "--format", format, "data/schemes.geojson"]);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("JSON")
}

#[test]
fn the_shipped_spreadsheet_round_trips_byte_for_byte() {
    if geodata().is_none() {
        return;
    }
    let o = run(&["export", "--format", "csv", "data/schemes.geojson"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), std::fs::read_to_string("data/schemes.csv").unwrap());
}

#[test]
fn csv_to_geojson_to_csv_gives_the_same_rows() {
    if geodata().is_none() {
        return;
    }
    // The golden spreadsheet is written the way people write; its export is canonical, and
    // importing the export gives exactly the same data file.
    let dir = scratch("round-trip");
    let exported = dir.join("exported.csv");
    let o = run(&["export", "--format", "csv", "tests/data/tool/good.geojson", "--out", path_str(&exported)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let again = dir.join("again.geojson");
    let o = run(&["import", path_str(&exported), "--out", path_str(&again), "--today", "2026-11-22"]);
    assert!(o.status.success(), "{}", stdout(&o));
    assert_eq!(
        std::fs::read_to_string(&again).unwrap(),
        std::fs::read_to_string("tests/data/tool/good.geojson").unwrap()
    );
    // And the canonical rows say the same things the person wrote.
    let rows = std::fs::read_to_string(&exported).unwrap();
    assert!(rows.contains("healthy-hearts-hitchin,Healthy Hearts Hitchin,"), "{rows}");
    assert!(rows.contains("\"£3.50 per session, 2 sessions a week\""), "{rows}");
    assert!(
        rows.contains(",£22.49 per month for 6 months,Reduced membership,breathing,self-referral,18,80,24,Tue 09:30–10:30; Fri 09:30–10:30,,2026-09-15,"),
        "{rows}"
    );
    assert!(rows.contains(",51.653500,-0.398500,"), "given coordinates are kept: {rows}");
    assert!(rows.contains(",,Aqua Aerobics; Gym Workout,2026-11-01,"), "activities by their list names: {rows}");
    assert!(rows.contains(",£2.50 per session (concessions £1.50),"), "{rows}");
    assert!(rows.contains(",heart; blood-pressure; cholesterol,gp; health-professional,16,,12,Mon 10:00–11:00; Thu 14:00–15:00,,2026-10-01,"), "{rows}");
}

#[test]
fn openactive_is_one_rpde_page_of_session_series_with_the_required_fields() {
    let v = export("openactive");
    assert_eq!(v["license"], "https://creativecommons.org/licenses/by/4.0/");
    assert_eq!(v["next"], "https://referral-map.example.org/openactive/session-series/2.json");
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 24);
    for item in items {
        assert_eq!(item["state"], "updated");
        assert_eq!(item["kind"], "SessionSeries");
        let s = &item["data"];
        assert_eq!(s["@type"], "SessionSeries");
        assert!(s["@id"].as_str().unwrap().starts_with("https://referral-map.example.org/openactive/session-series/"));
        for key in
            ["identifier", "name", "url", "activity", "organizer", "location", "offers", "programme", "eventSchedule"]
        {
            assert!(s.get(key).is_some(), "{key} in {s}");
        }
        assert!(s.get("dateModified").is_none(), "not in the OpenActive specification");
        assert_eq!(s["location"]["@type"], "Place");
        assert_eq!(s["location"]["geo"]["@type"], "GeoCoordinates");
        assert!(s["location"]["geo"]["latitude"].is_f64());
        assert_eq!(s["location"]["address"]["@type"], "PostalAddress");
        assert!(s["location"]["address"]["streetAddress"].is_string());
        assert_eq!(s["location"]["address"]["addressCountry"], "GB");
        assert!(s["organizer"]["@id"].is_string());
        assert!(s["activity"].as_array().unwrap().iter().all(|a| a["@id"].is_string()));
        let offer = &s["offers"][0];
        assert_eq!(offer["@type"], "Offer");
        assert!(offer["price"].is_number());
        assert_eq!(offer["priceCurrency"], "GBP");
    }
    let first = items.iter().find(|i| i["id"] == "active-health-stevenage").unwrap();
    assert_eq!(first["data"]["ageRange"], serde_json::json!({"@type": "QuantitativeValue", "minValue": 16}));
    assert_eq!(first["data"]["offers"][0]["ageRestriction"]["minValue"], 16);
    assert_eq!(
        first["data"]["additionalAdmissionRestriction"][0],
        "Referral required: by GP, other health professional."
    );
    assert_eq!(first["data"]["eventSchedule"][0]["byDay"][0], "https://schema.org/Monday");
    let with_concessions = items.iter().find(|i| i["id"] == "healthy-hearts-hitchin").unwrap();
    assert_eq!(with_concessions["data"]["offers"][1]["name"], "Concessions");
    assert_eq!(with_concessions["data"]["offers"][1]["price"], 25.0);
    // --base-url overrides the configuration's.
    let o = run(&["export", "--format", "openactive", "--base-url", "https://example.org/herts"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["next"], "https://example.org/herts/openactive/session-series/2.json");
}

#[test]
fn open_referral_services_carry_the_required_fields() {
    let v = export("open-referral");
    let services = v["contents"].as_array().unwrap();
    assert_eq!(v["total_items"], 24);
    let mut ids = std::collections::HashSet::new();
    for s in services {
        for key in [
            "id",
            "name",
            "status",
            "description",
            "fees",
            "cost_options",
            "attributes",
            "service_at_locations",
            "assured_date",
        ] {
            assert!(s.get(key).is_some(), "{key} in {s}");
        }
        assert!(ids.insert(s["id"].as_str().unwrap().to_string()), "ids are unique");
        let cost = &s["cost_options"][0];
        assert!(cost["id"].is_string() && cost["amount"].is_number());
        assert!(cost.get("currency").is_none(), "not a UK-profile field");
        let location = &s["service_at_locations"][0]["location"];
        assert!(location["latitude"].is_f64() && location["longitude"].is_f64());
        let address = &location["addresses"][0];
        for key in ["id", "address_1", "city", "state_province", "postal_code", "country", "address_type"] {
            assert!(address.get(key).is_some(), "{key} in {address}");
        }
    }
    let first = &services[0];
    assert_eq!(first["minimum_age"], 16);
    assert!(first.get("maximum_age").is_none());
    assert_eq!(first["assured_date"], "2026-11-16");
    assert!(first["description"].as_str().unwrap().contains("Phone 01632 960101"));
    assert_eq!(first["schedules"][0]["freq"], "WEEKLY");
    // Exports are deterministic: the same data gives the same identifiers.
    assert_eq!(export("open-referral"), v);
}

#[test]
fn a_file_with_bad_features_is_not_exported() {
    let dir = scratch("export-bad");
    let path = dir.join("bad.geojson");
    std::fs::write(&path, r#"{"type":"FeatureCollection","features":[{"type":"Feature"}]}"#).unwrap();
    let out = dir.join("out.json");
    let o = run(&["export", "--format", "openactive", path_str(&path), "--out", path_str(&out)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("has 1 scheme the map would leave out"), "{}", stdout(&o));
    assert!(!out.exists());
    let o = run(&["export", "--format", "kml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown format \"kml\""));
}

#[test]
fn formula_cells_are_exported_as_text_and_read_back_unchanged() {
    if geodata().is_none() {
        return;
    }
    // A data file whose texts start like formulas: the export writes them so spreadsheets show
    // text, and importing that export gives exactly the same data file.
    let dir = scratch("formula-export");
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string("tests/data/tool/good.geojson").unwrap()).unwrap();
    let p = &mut v["features"][0]["properties"];
    p["notes"] = "=HYPERLINK(\"https://evil.example/\",\"Book\")".into();
    p["operator"] = "@Leisure".into();
    p["centre"] = "-2+3 Centre".into();
    p["address"] = "'=already quoted".into();
    let source = dir.join("formula.geojson");
    std::fs::write(&source, serde_json::to_string_pretty(&v).unwrap() + "\n").unwrap();
    let exported = dir.join("exported.csv");
    let o = run(&["export", "--format", "csv", path_str(&source), "--out", path_str(&exported)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = std::fs::read_to_string(&exported).unwrap();
    assert!(rows.contains(",'@Leisure,'-2+3 Centre,''=already quoted,"), "{rows}");
    assert!(rows.contains(",\"'=HYPERLINK(\"\"https://evil.example/\"\",\"\"Book\"\")\","), "{rows}");
    assert!(rows.contains(",51.653500,-0.398500,"), "plain numbers are not escaped: {rows}");
    let again = dir.join("again.geojson");
    let o = run(&["import", path_str(&exported), "--out", path_str(&again), "--today", "2026-11-22"]);
    assert!(o.status.success(), "{}", stdout(&o));
    assert!(!stdout(&o).contains("looks like a spreadsheet formula"), "escaped cells are text: {}", stdout(&o));
    let again: Value = serde_json::from_str(&std::fs::read_to_string(&again).unwrap()).unwrap();
    assert_eq!(again, v);
}
