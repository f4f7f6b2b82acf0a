//! The shipped data file is valid: every feature passes the app's own loader.
#![cfg(not(target_arch = "wasm32"))]

use referral_map::config::Config;
use referral_map::dataset;

const SHIPPED: &str = include_str!("../data/schemes.geojson");

#[test]
fn shipped_schemes_file_loads_with_nothing_rejected() {
    let config = Config::shipped();
    let ds =
        dataset::load(SHIPPED, &config.area.districts).expect("data/schemes.geojson is GeoJSON");
    assert!(ds.rejected.is_empty(), "rejected: {:?}", ds.rejected);
    assert_eq!(ds.schemes.len(), 24);
    assert!(ds.meta.sample);
    assert!(ds.schemes.iter().all(|s| s.sample));
}
