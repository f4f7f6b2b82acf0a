//! Property tests ("fuzzing" on stable Rust: `cargo fuzz` needs nightly) of every parser that
//! reads untrusted text: the GeoJSON loader, a CSV row, written prices, postcodes, the URL state,
//! links and the configuration. Each property: no panic on any input, and every accepted value
//! is accepted again, unchanged, when written back out and re-read.
//!
//! Inputs mix arbitrary text with near-valid values (a good record with one field changed), so
//! that the validators' inner branches are reached, not only the first rejection. The number of
//! cases per property is `CASES` (CI's bound); `PROPTEST_CASES=N` overrides it for a longer run.
#![cfg(not(target_arch = "wasm32"))]

mod tool_support;

use proptest::prelude::*;
use proptest::test_runner::{Config as RunConfig, TestRunner};
use referral_map::config::{Config, DEFAULT_JSON};
use referral_map::scheme::Scheme;
use referral_map::url_state::ViewState;
use referral_map::{dataset, link, postcode, price};
use serde_json::{json, Value};

/// Cases per property in CI.
const CASES: u32 = 256;

/// Says how many generated cases a parser accepted (so a property that never reaches acceptance
/// shows up in the test output).
fn report(what: &str, accepted: &std::cell::Cell<u32>) {
    eprintln!("{what}: {} accepted of {} cases", accepted.get(), runner().config().cases);
}

fn runner() -> TestRunner {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(CASES);
    TestRunner::new(RunConfig { cases, failure_persistence: None, ..RunConfig::default() })
}

/// Text that is sometimes anything and sometimes made of the characters parsers care about.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ -~]{0,40}",
        "[A-Za-z0-9 £.,;:/@%#?&=+'\"<>{}\\-\u{200b}\u{202e}\u{feff}\t\r\n]{0,40}",
    ]
}

/// A JSON value of any shape, small.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        text().prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map("[a-z_]{1,12}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn districts() -> Vec<referral_map::district::District> {
    Config::shipped().area.districts
}

/// A valid feature of the shipped data.
fn good_feature() -> Value {
    let text = std::fs::read_to_string("data/schemes.geojson").unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    v["features"][0].clone()
}

const PROPERTY_KEYS: [&str; 21] = [
    "id",
    "name",
    "operator",
    "centre",
    "address",
    "town",
    "postcode",
    "district",
    "price",
    "phone",
    "email",
    "website",
    "conditions",
    "referral",
    "min_age",
    "max_age",
    "programme_weeks",
    "last_verified",
    "notes",
    "sample",
    "unknown",
];

#[test]
fn the_geojson_loader_never_panics_and_what_it_accepts_reloads_unchanged() {
    let ds = districts();
    let good = good_feature();
    let strategy = (
        prop::collection::vec((0..PROPERTY_KEYS.len(), json_value()), 0..4),
        prop::option::of((any::<f64>(), any::<f64>())),
        any::<String>(),
    );
    let accepted = std::cell::Cell::new(0);
    runner()
        .run(&strategy, |(changes, coordinates, junk)| {
            // Arbitrary text is never a panic.
            let _ = dataset::load(&junk, &ds);
            // A good feature with some properties (and perhaps the point) changed.
            let mut f = good.clone();
            for (k, v) in changes {
                f["properties"][PROPERTY_KEYS[k]] = v;
            }
            if let Some((lng, lat)) = coordinates {
                f["geometry"]["coordinates"] = json!([lng, lat]);
            }
            let file = json!({ "type": "FeatureCollection", "features": [f] }).to_string();
            let loaded = dataset::load(&file, &ds).expect("a FeatureCollection");
            prop_assert_eq!(loaded.schemes.len() + loaded.rejected.len(), 1);
            accepted.set(accepted.get() + loaded.schemes.len() as u32);
            for s in &loaded.schemes {
                let written = s.to_feature();
                let again = Scheme::from_feature(&written, 0, &ds);
                prop_assert!(again.is_ok(), "an accepted scheme is refused when written back: {:?}", again);
                prop_assert_eq!(again.unwrap().to_feature(), written);
            }
            Ok(())
        })
        .unwrap();
    report("GeoJSON feature", &accepted);
}

/// The heading row the CSV export writes.
fn csv_header() -> String {
    referral_map::import::columns::Field::ALL.map(|f| f.header()).join(",")
}

#[test]
fn a_csv_row_never_panics_and_what_it_accepts_exports_and_reimports_unchanged() {
    let Some(w) = tool_support::world() else { return };
    use referral_map::import::{self, Options, Places};
    let places = Places {
        districts: &w.config.area.districts,
        boundaries: &w.boundaries,
        postcodes: &w.postcodes,
        area: "Hertfordshire",
    };
    let shipped = std::fs::read_to_string("data/schemes.csv").unwrap();
    let mut lines = csv::ReaderBuilder::new().has_headers(false).from_reader(shipped.as_bytes());
    let mut records = lines.records();
    let header: Vec<String> = records.next().unwrap().unwrap().iter().map(String::from).collect();
    let good: Vec<String> = records.next().unwrap().unwrap().iter().map(String::from).collect();
    let n = good.len();
    // Cells changed: arbitrary text, or a good value behind a formula character.
    let cell = prop_oneof![text(), "[=+\\-@][ -~]{0,20}", "'[=+\\-@'][ -~]{0,20}"];
    let strategy = prop::collection::vec((0..n, cell), 0..4);
    let import = |bytes: &[u8]| import::import(bytes, &places, &Options::default(), "2026-11-22");
    let write = |cells: &[String]| {
        let mut out = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
        out.write_record(&header).unwrap();
        out.write_record(cells).unwrap();
        out.into_inner().unwrap()
    };
    let accepted = std::cell::Cell::new(0);
    runner()
        .run(&strategy, |changes| {
            let mut cells = good.clone();
            for (i, v) in changes {
                cells[i] = v;
            }
            let Ok(first) = import(&write(&cells)) else { return Ok(()) };
            accepted.set(accepted.get() + 1);
            let exported =
                referral_map::export::csv::to_csv(&first.dataset.schemes, places.districts, Some(places.postcodes));
            prop_assert!(exported.starts_with(&csv_header()));
            let again = import(exported.as_bytes());
            prop_assert!(again.is_ok(), "the export of an accepted row is refused: {:?}\n{}", again.err(), exported);
            prop_assert_eq!(again.unwrap().dataset.schemes, first.dataset.schemes);
            Ok(())
        })
        .unwrap();
    report("CSV row", &accepted);
}

#[test]
fn written_prices_never_panic_and_read_back_from_their_canonical_form() {
    let written = prop_oneof![
        text(),
        (
            "(£|)[0-9]{1,4}(\\.[0-9]{1,3})?",
            "( per | a | for | every |/| )",
            "(session|week|month|course|[0-9]{1,3} weeks?|[a-z]{0,8})",
            "(, [0-9]{1,2} sessions? a week| for [0-9]{1,2} months?|)"
        )
            .prop_map(|(a, b, c, d)| format!("{a}{b}{c}{d}")),
    ];
    let accepted = std::cell::Cell::new(0);
    runner()
        .run(&(written, prop::option::of(text())), |(s, note)| {
            if let Ok(p) = price::parse_written(&s, note.as_deref()) {
                accepted.set(accepted.get() + 1);
                let again = price::parse_written(&p.written(), p.note.as_deref());
                prop_assert_eq!(again, Ok(p.clone()), "\"{}\" was read as {:?}, written \"{}\"", s, p, p.written());
            }
            Ok(())
        })
        .unwrap();
    report("written price", &accepted);
}

#[test]
fn postcodes_never_panic_and_normalise_to_themselves() {
    let typed = prop_oneof![text(), "[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}", " *[a-zA-Z]{1,2}[0-9]{1,2} *"];
    let accepted = std::cell::Cell::new(0);
    runner()
        .run(&typed, |s| {
            if let Some(p) = postcode::normalise_full(&s) {
                accepted.set(accepted.get() + 1);
                prop_assert_eq!(postcode::normalise_full(&p), Some(p.clone()));
                prop_assert!(p.len() <= 8 && p.is_ascii());
            }
            if let Some(q) = postcode::parse(&s) {
                prop_assert_eq!(postcode::parse(q.as_str()), Some(q.clone()));
            }
            Ok(())
        })
        .unwrap();
    report("full postcode", &accepted);
}

#[test]
fn url_state_never_panics_and_its_canonical_address_reads_back_the_same() {
    let ds = districts();
    let key = prop_oneof![
        Just("district"),
        Just("condition"),
        Just("price"),
        Just("q"),
        Just("postcode"),
        Just("within"),
        Just("scheme"),
        Just("x"),
    ];
    let pair = (key, text()).prop_map(|(k, v)| format!("{k}={}", referral_map::url_state::encode(&v)));
    let part = prop_oneof![prop::collection::vec(pair, 0..5).prop_map(|p| p.join("&")), any::<String>()];
    let accepted = std::cell::Cell::new(0);
    runner()
        .run(&(part.clone(), part), |(query, fragment)| {
            let v = ViewState::from_url(&query, &fragment, &ds);
            if v != ViewState::default() {
                accepted.set(accepted.get() + 1);
            }
            let (q, f) = (v.to_query(), v.to_fragment());
            prop_assert!(
                q.is_ascii() && f.is_ascii() && !q.contains(['#', '<', '"', ' ']) && !f.contains(['<', '"', ' '])
            );
            prop_assert!(!q.contains("postcode="), "the postcode stays out of the query: {}", q);
            prop_assert_eq!(ViewState::from_url(&q, &f, &ds), v);
            Ok(())
        })
        .unwrap();
    report("URL state (not empty)", &accepted);
}

#[test]
fn links_never_panic_and_accepted_links_have_no_user_info_or_hidden_characters() {
    let url = prop_oneof![
        text(),
        ("(https?|javascript|HTTPS|data)://", "[a-z0-9.@:%\u{200b}\u{202e}-]{0,20}", "(/[ -~]{0,20})?")
            .prop_map(|(a, b, c)| format!("{a}{b}{c}")),
        (
            "(https?|HTTP)://",
            "([a-z]{1,6}(:[a-z]{0,4})?@)?",
            "[a-z0-9-]{1,10}\\.[a-z]{2,5}(:[0-9]{1,6})?",
            "(/[a-zA-Z0-9/._~?=&%@-]{0,20})?"
        )
            .prop_map(|(a, b, c, d)| format!("{a}{b}{c}{d}")),
    ];
    let accepted = std::cell::Cell::new(0);
    runner()
        .run(&url, |u| {
            for schemes in [link::Schemes::HttpsOnly, link::Schemes::HttpsOrHttp] {
                if let Some(ok) = link::web_with(&u, schemes) {
                    accepted.set(accepted.get() + 1);
                    prop_assert_eq!(link::web_with(&ok, schemes), Some(ok.clone()));
                    let lower = ok.to_ascii_lowercase();
                    prop_assert!(
                        lower.starts_with("https://")
                            || (schemes == link::Schemes::HttpsOrHttp && lower.starts_with("http://"))
                    );
                    let authority = lower.split_once("://").unwrap().1.split(['/', '?', '#']).next().unwrap();
                    prop_assert!(!authority.is_empty() && !authority.contains('@'));
                    prop_assert!(!ok.chars().any(link::is_hidden));
                }
            }
            Ok(())
        })
        .unwrap();
    report("link (either scheme set)", &accepted);
}

#[test]
fn the_config_never_panics_and_what_it_accepts_is_accepted_again() {
    let shipped: Value = serde_json::from_str(DEFAULT_JSON).unwrap();
    let paths: [&[&str]; 12] = [
        &["title"],
        &["intro"],
        &["area", "center", "lat"],
        &["area", "center", "lng"],
        &["area", "zoom"],
        &["tiles", "url"],
        &["tiles", "max_zoom"],
        &["tiles", "attribution_url"],
        &["directions", "url"],
        &["postcodes", "online_url"],
        &["embed_origins"],
        &["data_url"],
    ];
    let accepted = std::cell::Cell::new(0);
    runner()
        .run(&(prop::collection::vec((0..paths.len(), json_value()), 0..3), any::<String>()), |(changes, junk)| {
            let _ = Config::from_json(&junk);
            let mut c = shipped.clone();
            for (i, v) in changes {
                let mut at = &mut c;
                for k in paths[i] {
                    at = &mut at[*k];
                }
                *at = v;
            }
            if let Ok(config) = Config::from_json(&c.to_string()) {
                accepted.set(accepted.get() + 1);
                // Written out and read again, it is accepted again, and stays the same from then
                // on. (Not bit-for-bit the first time: serde_json's default float reading can be
                // one unit in the last place off for extreme numbers like 1e-199, found here.)
                let written = serde_json::to_string(&config).unwrap();
                let again = Config::from_json(&written);
                prop_assert!(again.is_ok(), "{:?}", again);
                let again = again.unwrap();
                prop_assert_eq!(Config::from_json(&serde_json::to_string(&again).unwrap()), Ok(again));
            }
            Ok(())
        })
        .unwrap();
    report("configuration", &accepted);
}
