//! Distances between places, and how they are said.
//!
//! Great-circle (Haversine) distance, `geo`'s formula and Earth radius, in miles because that is
//! what people in the UK use for "how far is it".
//!
//! The formula is written out here, rather than called in `geo`, only so that the web app can take
//! its sines and cosines from the browser ([`crate::float`]) instead of carrying its own. Natively
//! it is `geo`'s to the bit (a test compares them).

use crate::float;
use crate::scheme::LatLng;
use geo::Haversine;

const METRES_PER_MILE: f64 = 1609.344;

/// Metres between two points (`geo`'s `Haversine.distance`, step for step).
pub fn metres(a: LatLng, b: LatLng) -> f64 {
    let theta1 = a.lat.to_radians();
    let theta2 = b.lat.to_radians();
    let delta_theta = (b.lat - a.lat).to_radians();
    let delta_lambda = (b.lng - a.lng).to_radians();
    let h = float::sin(delta_theta / 2.0).powi(2)
        + float::cos(theta1) * float::cos(theta2) * float::sin(delta_lambda / 2.0).powi(2);
    let c = 2.0 * float::asin(h.sqrt());
    Haversine.radius() * c
}

/// Miles between two points.
pub fn miles(a: LatLng, b: LatLng) -> f64 {
    metres(a, b) / METRES_PER_MILE
}

/// A distance as it is shown, in tenths of a mile: rounded to the tenth under 10 miles, to the
/// mile from there ("9.96" is shown as 10 miles, so it is 100). The distance filter compares this
/// figure, so a scheme shown as "2.0 miles" is within 2 miles ([`describe_miles`] writes it).
pub fn shown_tenths(m: f64) -> u32 {
    let tenths = (m * 10.0).round() as u32;
    if tenths < 100 {
        tenths
    } else {
        (m.round() as u32).saturating_mul(10)
    }
}

/// A distance as people say it: "0.1 miles", "1.2 miles", "12 miles", "under 0.1 miles".
pub fn describe_miles(m: f64) -> String {
    // Tenths of a mile, written with integers (no float formatting in the web app).
    match shown_tenths(m) {
        0 => "under 0.1 miles".into(),
        10 => "1 mile".into(),
        t if t < 100 => format!("{}.{} miles", t / 10, t % 10),
        t => format!("{} miles", t / 10),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stevenage_to_hitchin_is_about_five_miles() {
        let stevenage = LatLng { lat: 51.901873, lng: -0.205320 };
        let hitchin = LatLng { lat: 51.952427, lng: -0.281345 };
        let m = miles(stevenage, hitchin);
        assert!((4.5..5.0).contains(&m), "{m}");
    }

    mod point_pairs {
        include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/core_support/point_pairs.rs"));
    }

    #[test]
    fn the_distance_is_geos_haversine_to_the_bit() {
        use geo::{Distance, Point};
        for [(lat_a, lng_a), (lat_b, lng_b)] in point_pairs::point_pairs(20_000) {
            let (a, b) = (LatLng { lat: lat_a, lng: lng_a }, LatLng { lat: lat_b, lng: lng_b });
            let want = Haversine.distance(Point::new(a.lng, a.lat), Point::new(b.lng, b.lat));
            assert_eq!(metres(a, b).to_bits(), want.to_bits(), "{a:?} {b:?}");
        }
    }

    #[test]
    fn distances_in_words() {
        assert_eq!(describe_miles(0.01), "under 0.1 miles");
        assert_eq!(describe_miles(1.23), "1.2 miles");
        assert_eq!(describe_miles(1.02), "1 mile");
        assert_eq!(describe_miles(12.4), "12 miles");
        assert_eq!(describe_miles(0.049), "under 0.1 miles");
        assert_eq!(describe_miles(0.05), "0.1 miles");
        assert_eq!(describe_miles(9.94), "9.9 miles");
    }

    #[test]
    fn just_under_ten_miles_is_said_in_whole_miles_as_it_rounds_to_ten() {
        assert_eq!(describe_miles(9.96), "10 miles");
        assert_eq!(shown_tenths(9.96), 100);
    }

    #[test]
    fn the_shown_figure_is_the_one_in_words() {
        assert_eq!(shown_tenths(2.03), 20);
        assert_eq!(describe_miles(2.03), "2.0 miles");
        assert_eq!(shown_tenths(2.06), 21);
        assert_eq!(shown_tenths(10.4), 100);
        assert_eq!(shown_tenths(10.6), 110);
        assert_eq!(shown_tenths(0.01), 0);
    }
}
