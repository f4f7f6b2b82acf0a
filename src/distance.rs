//! Distances between places, and how they are said.
//!
//! Great-circle (Haversine) distance from `geo`, in miles because that is what people in the UK
//! use for "how far is it".

use crate::scheme::LatLng;
use geo::{Distance, Haversine, Point};

const METRES_PER_MILE: f64 = 1609.344;

/// Metres between two points.
pub fn metres(a: LatLng, b: LatLng) -> f64 {
    Haversine.distance(Point::new(a.lng, a.lat), Point::new(b.lng, b.lat))
}

/// Miles between two points.
pub fn miles(a: LatLng, b: LatLng) -> f64 {
    metres(a, b) / METRES_PER_MILE
}

/// A distance as people say it: "0.1 miles", "1.2 miles", "12 miles", "under 0.1 miles".
pub fn describe_miles(m: f64) -> String {
    if m < 0.05 {
        "under 0.1 miles".into()
    } else if m < 10.0 {
        // Tenths of a mile, written with integers (no float formatting in the web app).
        let tenths = (m * 10.0).round() as u32;
        if tenths == 10 {
            "1 mile".into()
        } else {
            format!("{}.{} miles", tenths / 10, tenths % 10)
        }
    } else {
        format!("{} miles", m.round() as u32)
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

    #[test]
    fn distances_in_words() {
        assert_eq!(describe_miles(0.01), "under 0.1 miles");
        assert_eq!(describe_miles(1.23), "1.2 miles");
        assert_eq!(describe_miles(1.02), "1 mile");
        assert_eq!(describe_miles(12.4), "12 miles");
    }
}
