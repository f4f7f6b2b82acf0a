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

#[path = "core_support/point_pairs.rs"]
mod point_pairs;

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

/// The web app's distances take the browser's sines (`Math.sin`, `Math.cos`, `Math.asin`): within
/// a millionth of a millimetre per kilometre of the standard library's (Rust's own `libm` in wasm)
/// over the globe and over the county, and the same when shown in words. (Measured: 18,672 of the
/// 20,000 agree to the bit; the others differ in the last bits.)
#[wasm_bindgen_test]
fn the_browser_s_trigonometry_gives_the_standard_library_s_distances() {
    use referral_map::distance;
    use referral_map::scheme::LatLng;
    let std_metres = |a: LatLng, b: LatLng| {
        let (t1, t2) = (a.lat.to_radians(), b.lat.to_radians());
        let (dt, dl) = ((b.lat - a.lat).to_radians(), (b.lng - a.lng).to_radians());
        let h = (dt / 2.0).sin().powi(2) + t1.cos() * t2.cos() * (dl / 2.0).sin().powi(2);
        geo::Haversine.radius() * 2.0 * h.sqrt().asin()
    };
    for [(lat_a, lng_a), (lat_b, lng_b)] in point_pairs::point_pairs(20_000) {
        let (a, b) = (LatLng { lat: lat_a, lng: lng_a }, LatLng { lat: lat_b, lng: lng_b });
        let (got, want) = (distance::metres(a, b), std_metres(a, b));
        assert!((got - want).abs() <= want * 1e-12 + 1e-9, "{a:?} {b:?}: {got} vs {want}");
        let miles = |m: f64| distance::describe_miles(m / 1609.344);
        assert_eq!(miles(got), miles(want));
    }
}

/// Colour contrast (embedding's brand colours) takes the browser's `Math.pow`: every grey's
/// luminance is the standard library's within a rounding, and so every pair's contrast.
#[wasm_bindgen_test]
fn the_browser_s_power_gives_the_standard_library_s_luminance() {
    use referral_map::embed::Colour;
    let std_luminance = |c: u8| {
        let s = f64::from(c) / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    for v in 0..=255u8 {
        let got = Colour { r: v, g: v, b: v }.luminance();
        let want = 0.2126 * std_luminance(v) + 0.7152 * std_luminance(v) + 0.0722 * std_luminance(v);
        assert!((got - want).abs() <= 1e-15, "{v}: {got} vs {want}");
    }
}
