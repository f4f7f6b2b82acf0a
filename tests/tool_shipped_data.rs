//! The shipped data: `data/schemes.geojson` is valid for the map, and it is exactly what
//! `data/schemes.csv` imports to (the CI check that the two never drift apart).
#![cfg(not(target_arch = "wasm32"))]

mod tool_support;

use referral_map::condition::Condition;
use referral_map::config::Config;
use referral_map::dataset;
use referral_map::referral::Referral;
use tool_support::*;

const SHIPPED: &str = include_str!("../data/schemes.geojson");

#[test]
fn shipped_schemes_file_loads_with_nothing_rejected() {
    let config = Config::shipped();
    let ds = dataset::load(SHIPPED, &config.area.districts).expect("data/schemes.geojson is GeoJSON");
    assert!(ds.rejected.is_empty(), "rejected: {:?}", ds.rejected);
    assert_eq!(ds.schemes.len(), 24);
    assert!(ds.meta.sample);
    assert!(ds.meta.notice.as_deref().is_some_and(|n| n.contains("illustrative")));
    assert!(ds.schemes.iter().all(|s| s.sample));
}

#[test]
fn every_filter_value_has_schemes_to_show() {
    let config = Config::shipped();
    let ds = dataset::load(SHIPPED, &config.area.districts).unwrap();
    for c in Condition::ALL {
        assert!(ds.schemes.iter().any(|s| s.conditions.contains(&c)), "{c:?}");
    }
    for r in Referral::ALL {
        assert!(ds.schemes.iter().any(|s| s.referral.contains(&r)), "{r:?}");
    }
    for d in &config.area.districts {
        assert!(ds.schemes.iter().any(|s| s.district == d.id), "{}", d.id);
    }
    assert!(ds.schemes.iter().any(|s| s.price.is_free()));
    for s in &ds.schemes {
        assert!(s.phone.as_deref().is_none_or(|p| p.starts_with("01632 960")), "{}", s.id);
        assert!(s.email.as_deref().is_none_or(|e| e.ends_with("@example.org")), "{}", s.id);
    }
}

#[test]
fn the_shipped_spreadsheet_imports_to_exactly_the_shipped_data_file() {
    if geodata().is_none() {
        return;
    }
    let o = run(&["import", "data/schemes.csv", "--check", "--today", "2026-11-22"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(stdout(&o), "data/schemes.csv imports to exactly data/schemes.geojson (24 schemes).\n");
}

#[test]
fn the_spreadsheet_template_imports() {
    let Some(geodata) = geodata() else { return };
    let dir = scratch("template");
    let out = dir.join("template.geojson");
    let o = run(&["import", "data/schemes-template.csv", "--out", path_str(&out), "--geodata", path_str(&geodata)]);
    assert!(o.status.success(), "{}", stdout(&o));
    assert!(stdout(&o).starts_with("Imported 1 scheme from data/schemes-template.csv"), "{}", stdout(&o));
}
