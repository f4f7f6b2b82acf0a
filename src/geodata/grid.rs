//! British National Grid eastings and northings (OSGB36, as OS Code-Point Open gives them) to
//! longitude and latitude (WGS84), through OS's OSTN15 transformation.
//!
//! The arithmetic is the `lonlat_bng` crate's (a maintained implementation of OSTN15, checked
//! against OS's own test points); this module only adapts it and says what went wrong. OSTN15
//! gives ETRS89, which is within about a metre of WGS84 in Great Britain: the difference is far
//! below what a postcode position means.

use crate::scheme::LatLng;

/// The WGS84 point of a grid position, or why it has none (outside OSTN15's coverage).
pub fn to_lat_lng(easting: f64, northing: f64) -> Result<LatLng, String> {
    match lonlat_bng::convert_osgb36_to_ll(easting, northing) {
        Ok((lng, lat)) if lng.is_finite() && lat.is_finite() => Ok(LatLng { lat, lng }),
        Ok(_) => Err(format!("the grid position {easting} E, {northing} N cannot be converted")),
        Err(e) => Err(format!("the grid position {easting} E, {northing} N cannot be converted: {e}")),
    }
}

/// The grid position of a WGS84 point (the other way, used to check the first).
pub fn to_grid(p: LatLng) -> Result<(f64, f64), String> {
    lonlat_bng::convert_osgb36(p.lng, p.lat)
        .map_err(|e| format!("the point {}, {} has no grid position: {e}", p.lat, p.lng))
}

/// Metres between two nearby points (an equirectangular approximation: plenty below 100 km).
pub fn metres_between(a: LatLng, b: LatLng) -> f64 {
    const EARTH_RADIUS_M: f64 = 6_371_008.8;
    let mid = ((a.lat + b.lat) / 2.0).to_radians();
    let dx = (b.lng - a.lng).to_radians() * mid.cos();
    let dy = (b.lat - a.lat).to_radians();
    EARTH_RADIUS_M * (dx * dx + dy * dy).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// OS's published OSTN15 test points (OSTN15/OSGM15 developer pack, "TestInput_OSGBtoETRS"
    /// and its results): OSGB36 easting and northing, and the ETRS89 latitude and longitude.
    const OS_TEST_POINTS: [(&str, f64, f64, f64, f64); 6] = [
        ("TP01", 91492.146, 11318.804, 49.92226394, -6.29977752),
        ("TP09", 530624.974, 178388.464, 51.48936565, -0.11992557),
        ("TP11", 599445.59, 225722.826, 51.89436637, 0.89724327),
        ("TP13", 474335.969, 262047.755, 52.25160951, -0.91248957),
        ("TP25", 424639.355, 565012.703, 54.97912274, -1.61657685),
        ("TP29", 397160.491, 805349.736, 57.13902519, -2.04856031),
    ];

    #[test]
    fn os_published_ostn15_test_points_convert_to_within_a_centimetre() {
        for (id, e, n, lat, lng) in OS_TEST_POINTS {
            let got = to_lat_lng(e, n).unwrap();
            let off = metres_between(got, LatLng { lat, lng });
            assert!(off < 0.01, "{id}: {got:?} is {off:.4} m from OS's {lat}, {lng}");
            let (ge, gn) = to_grid(LatLng { lat, lng }).unwrap();
            assert!((ge - e).abs() < 0.01 && (gn - n).abs() < 0.01, "{id}: back to {ge}, {gn}, not {e}, {n}");
        }
    }

    #[test]
    fn a_position_outside_great_britain_is_an_error_not_a_nan() {
        assert!(to_lat_lng(-500_000.0, 5_000_000.0).is_err());
    }

    #[test]
    fn metres_between_nearby_points() {
        let a = LatLng { lat: 51.9, lng: -0.2 };
        let b = LatLng { lat: 51.9 + 1e-5, lng: -0.2 };
        assert!((metres_between(a, b) - 1.112).abs() < 0.01);
    }
}
