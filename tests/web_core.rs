//! The browser-free core, compiled to wasm and run in headless Chromium: the shipped data loads
//! in full, the URL state agrees with the browser's own URL parsing, and the browser cases text
//! as the standard library does.
#![cfg(target_arch = "wasm32")]

use referral_map::condition::Condition;
use referral_map::config::Config;
use referral_map::dataset;
use referral_map::filter::PriceFilter;
use referral_map::url_state::ViewState;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SHIPPED: &str = include_str!("../data/schemes.geojson");

#[wasm_bindgen_test]
fn the_shipped_data_loads_in_the_browser_with_nothing_rejected() {
    let ds = dataset::load(SHIPPED, &Config::shipped().area.districts).expect("the shipped file is GeoJSON");
    assert!(ds.rejected.is_empty(), "{:?}", ds.rejected);
    let features = serde_json::from_str::<serde_json::Value>(SHIPPED).expect("JSON")["features"]
        .as_array()
        .map(Vec::len)
        .unwrap_or(0);
    assert_eq!(ds.schemes.len(), features);
    assert!(ds.is_sample());
}

fn search_params(query: &str) -> web_sys::UrlSearchParams {
    web_sys::UrlSearchParams::new_with_str(query).expect("URLSearchParams")
}

#[wasm_bindgen_test]
fn the_query_we_write_reads_the_same_in_the_browser() {
    let districts = Config::shipped().area.districts;
    let mut v = ViewState::default();
    v.filters.districts.insert("st-albans".into());
    v.filters.districts.insert("watford".into());
    v.filters.conditions.insert(Condition::Diabetes);
    v.filters.price = PriceFilter::MaxWeekly(10);
    v.filters.text = "Pool & gym, 50% off? <b>".into();
    v.selected = Some("active-watford".into());
    let q = v.to_query();
    let p = search_params(&q);
    assert_eq!(p.get("district").as_deref(), Some("st-albans,watford"));
    assert_eq!(p.get("condition").as_deref(), Some("diabetes"));
    assert_eq!(p.get("price").as_deref(), Some("10"));
    assert_eq!(p.get("q").as_deref(), Some("Pool & gym, 50% off? <b>"));
    assert_eq!(p.get("scheme").as_deref(), Some("active-watford"));
    assert_eq!(ViewState::from_query(&q, &districts), v);
}

#[wasm_bindgen_test]
fn a_query_the_browser_writes_reads_back() {
    let districts = Config::shipped().area.districts;
    let p = search_params("");
    p.append("district", "stevenage,dacorum");
    p.append("q", "Hemel Hempstead + more");
    p.append("price", "free");
    let v = ViewState::from_query(&String::from(p.to_string()), &districts);
    assert!(v.filters.districts.contains("stevenage") && v.filters.districts.contains("dacorum"));
    assert_eq!(v.filters.text, "Hemel Hempstead + more");
    assert_eq!(v.filters.price, PriceFilter::Free);
}

/// The web app cases non-ASCII text with JavaScript (src/case.rs): it must give the standard
/// library's text, for every letter that has a case (each one alone, and in words, where the
/// Greek final sigma differs).
#[wasm_bindgen_test]
fn the_browser_cases_text_as_the_standard_library_does() {
    use referral_map::case;
    let mut different = Vec::new();
    for c in (0x80u32..0x3_0000).filter_map(char::from_u32) {
        let s = c.to_string();
        if case::lower(&s) != s.to_lowercase() || case::upper(&s) != s.to_uppercase() {
            different.push(c);
        }
    }
    assert!(different.is_empty(), "cased differently: {:?}", different.iter().take(20).collect::<Vec<_>>());
    for s in ["ΟΔΟΣ ΚΑΙ ΣΑΣ", "Straße", "İstanbul", "Ǆemal Éric", "ﬁne ŉ"] {
        assert_eq!(case::lower(s), s.to_lowercase(), "{s}");
        assert_eq!(case::upper(s), s.to_uppercase(), "{s}");
    }
}
