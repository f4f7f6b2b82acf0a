use super::*;
use crate::fixtures::{districts, feature, scheme, with};
use serde_json::json;

fn reasons(f: Value) -> Vec<String> {
    Scheme::from_feature(&f, 4, &districts())
        .expect_err("should be rejected")
        .texts()
        .into_iter()
        .map(String::from)
        .collect()
}

#[test]
fn a_complete_feature_is_a_scheme() {
    let s = scheme();
    assert_eq!(s.name, "Active Health Stevenage");
    assert_eq!(s.district, "stevenage");
    assert_eq!(s.price.describe(), "£3.50 a session");
    assert_eq!(s.age_range().as_deref(), Some("16+"));
    assert_eq!(s.full_address(), "Lytton Way, Stevenage SG1 1LZ");
}

#[test]
fn writing_and_reading_a_scheme_gives_it_back() {
    let s = scheme();
    assert_eq!(Scheme::from_feature(&s.to_feature(), 0, &districts()).unwrap(), s);
}

#[test]
fn a_feature_without_a_name_is_rejected_and_labelled_by_id() {
    let r = Scheme::from_feature(&with("name", json!("  ")), 4, &districts()).unwrap_err();
    assert_eq!(r.label, "stevenage-active-health");
    assert_eq!(r.texts(), vec!["it has no name"]);
}

#[test]
fn a_feature_with_nothing_is_labelled_by_position() {
    let r = Scheme::from_feature(&json!({"type": "Feature"}), 4, &districts()).unwrap_err();
    assert_eq!(r.label, "Scheme 5");
    assert!(r.reasons.len() > 5);
}

#[test]
fn coordinates_out_of_range_or_outside_the_uk_are_rejected() {
    let mut f = feature();
    f["geometry"]["coordinates"] = json!([-0.2, 95.0]);
    assert!(reasons(f)[0].contains("out of range"));
    let mut f = feature();
    f["geometry"]["coordinates"] = json!([2.35, 48.85]);
    assert!(reasons(f)[0].contains("far outside the UK"));
    let mut f = feature();
    f["geometry"] = json!({"type": "LineString", "coordinates": [[0, 51], [0, 52]]});
    assert!(reasons(f)[0].contains("not a Point"));
}

#[test]
fn unknown_district_or_condition_is_rejected() {
    assert!(reasons(with("district", json!("luton")))[0].starts_with("the district \"luton\" is not one of"));
    assert_eq!(
        reasons(with("conditions", json!(["diabetes", "gout"]))),
        vec!["\"gout\" is not a known condition code"]
    );
}

#[test]
fn a_website_that_is_not_http_is_rejected() {
    assert_eq!(
        reasons(with("website", json!("javascript:alert(1)"))),
        vec!["the website \"javascript:alert(1)\" is not a safe https web address"]
    );
}

#[test]
fn an_unreadable_price_is_rejected() {
    assert!(reasons(with("price", json!("three pounds")))[0].starts_with("the price cannot be read"));
    assert!(reasons(with("price", json!({"unit": "fortnight", "amount": 3})))[0].contains("fortnight"));
}

#[test]
fn bad_dates_ages_and_contacts_are_each_reported() {
    let mut f = with("last_verified", json!("01/10/2026"));
    f["properties"]["min_age"] = json!(70);
    f["properties"]["max_age"] = json!(60);
    f["properties"]["email"] = json!("not an email");
    f["properties"]["phone"] = json!("ring us");
    assert_eq!(reasons(f).len(), 4);
}

#[test]
fn iso_dates_are_real_dates() {
    assert!(is_iso_date("2024-02-29"));
    assert!(!is_iso_date("2023-02-29"));
    assert!(!is_iso_date("2026-13-01"));
    assert!(!is_iso_date("2026-1-01"));
}

#[test]
fn sessions_are_optional_and_read_back_in_day_order() {
    assert!(scheme().sessions.is_empty());
    assert!(scheme().to_feature()["properties"].get("sessions").is_none());
    let f = with(
        "sessions",
        json!([{"day": "thu", "start": "14:00", "end": "15:00"}, {"day": "mon", "start": "10:00", "end": "11:00"}]),
    );
    let s = Scheme::from_feature(&f, 0, &districts()).unwrap();
    assert_eq!(crate::schedule::written(&s.sessions), "Mon 10:00–11:00; Thu 14:00–15:00");
    assert_eq!(Scheme::from_feature(&s.to_feature(), 0, &districts()).unwrap(), s);
}

#[test]
fn unreadable_sessions_reject_the_scheme_with_the_reason() {
    let r = reasons(with("sessions", json!([{"day": "mon", "start": "11:00", "end": "10:00"}])));
    assert_eq!(r, vec!["the sessions cannot be read: the session on Monday ends (10:00) before it starts (11:00)"]);
    assert_eq!(reasons(with("sessions", json!("Mon 10-11"))), vec!["the sessions must be a list of {day, start, end}"]);
}

#[test]
fn activities_are_optional_and_round_trip() {
    assert!(scheme().activities.is_empty());
    let a = json!([{"id": "https://openactive.io/activity-list#6e31262b-ce37-4fc7-b3e3-d827ac5e8b42", "label": "Aqua Aerobics"}]);
    let s = Scheme::from_feature(&with("activities", a.clone()), 0, &districts()).unwrap();
    assert_eq!(s.activities[0].label, "Aqua Aerobics");
    assert_eq!(s.to_feature()["properties"]["activities"], a);
    let r = reasons(with("activities", json!([{"id": "aqua", "label": "Aqua"}])));
    assert_eq!(r, vec!["the activities cannot be read: an activity needs an \"id\" like https://openactive.io/activity-list#<identifier>"]);
}

/// The fixture with control and invisible characters in every free-text field.
fn with_hidden_characters() -> Value {
    let mut f = feature();
    let p = &mut f["properties"];
    p["name"] = json!("Active\u{200B} Health\u{7} Stevenage\u{202E}");
    p["operator"] = json!("Everyone\u{0}Active");
    p["centre"] = json!("Stevenage Arts\r\nand Leisure Centre");
    p["address"] = json!("\u{FEFF}Lytton\tWay");
    p["town"] = json!("Steve\u{AD}nage\u{1B}[31m");
    p["notes"] = json!("Bring a towel.\r\n\tFirst \u{2066}session\u{2069} free.");
    p["price"]["note"] = json!("includes\u{85}swim\u{200D}");
    p["activities"] = json!([{"id": "https://openactive.io/activity-list#6e31262b-ce37-4fc7-b3e3-d827ac5e8b42", "label": "Aqua\u{200F} Aerobics\u{9}"}]);
    f
}

#[test]
fn control_and_invisible_characters_in_text_are_left_out_when_a_scheme_is_read() {
    let s = Scheme::from_feature(&with_hidden_characters(), 0, &districts()).unwrap();
    assert_eq!(s.name, "Active Health Stevenage");
    assert_eq!(s.operator, "Everyone Active");
    assert_eq!(s.centre, "Stevenage Arts and Leisure Centre");
    assert_eq!(s.address, "Lytton Way");
    assert_eq!(s.town, "Stevenage [31m");
    assert_eq!(s.notes.as_deref(), Some("Bring a towel.\r\n First session free."), "the notes keep their lines");
    assert_eq!(s.price.note.as_deref(), Some("includes swim"));
    assert_eq!(s.activities[0].label, "Aqua Aerobics");
    // Nothing of them is left anywhere the page or a copied record reads.
    let record = crate::record::record_text(&s, None);
    assert!(!record.contains(|c| crate::shown::is_unseen(c, true)), "{record:?}");
}

#[test]
fn a_name_of_hidden_characters_only_is_no_name() {
    let r = Scheme::from_feature(&with("name", json!("\u{200B}\u{202E}\u{7}")), 4, &districts()).unwrap_err();
    assert_eq!(r.texts(), vec!["it has no name"]);
}

#[test]
fn contacts_and_the_website_are_not_cleaned_but_refused() {
    assert_eq!(reasons(with("website", json!("https://www.everyone\u{202E}active.com/"))).len(), 1);
    assert_eq!(reasons(with("email", json!("active\u{200B}health@example.org"))).len(), 1);
}
