//! Whether a search point is outside the area the map covers: a person searching from Edinburgh
//! (their device's position, or a postcode found at its sector's middle) would otherwise see a
//! list of schemes 330 miles away with nothing saying why.

use super::search_point::SearchPoint;
use crate::distance;
use crate::scheme::Scheme;

/// Beyond this many miles from every scheme a search point is taken to be outside the area (the
/// furthest place inside Hertfordshire from a leisure centre is under 10 miles; a town just over
/// the border, such as Luton, is within 10 of one, and its schemes are worth listing).
pub const FAR_MILES: f64 = 20.0;

/// "This map covers Hertfordshire: the nearest scheme is 330 miles from your location." when
/// every scheme is more than [`FAR_MILES`] from `from`; `None` otherwise, or without schemes.
pub fn outside_note(from: &SearchPoint, schemes: &[Scheme], area: &str) -> Option<String> {
    let nearest = schemes.iter().map(|s| distance::miles(from.location, s.location)).min_by(f64::total_cmp)?;
    (nearest > FAR_MILES).then(|| {
        format!(
            "This map covers {area}: the nearest scheme is {} from {}.",
            distance::describe_miles(nearest),
            from.after_of()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nearby::Precision;
    use crate::scheme::LatLng;

    /// The shipped schemes, at the 24 real leisure centres.
    fn shipped() -> Vec<Scheme> {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/schemes.geojson")).unwrap();
        crate::dataset::load(&text, &crate::config::Config::shipped().area.districts).unwrap().schemes
    }

    fn point(label: &str, lat: f64, lng: f64) -> SearchPoint {
        SearchPoint { label: label.into(), location: LatLng { lat, lng }, precision: Precision::Device }
    }

    #[test]
    fn far_from_every_scheme_is_outside_the_area() {
        let schemes = shipped();
        let edinburgh = point("your location", 55.9533, -3.1883);
        let note = outside_note(&edinburgh, &schemes, "Hertfordshire").expect("a note");
        assert!(note.starts_with("This map covers Hertfordshire: the nearest scheme is "), "{note}");
        assert!(note.ends_with(" miles from your location."), "{note}");
    }

    #[test]
    fn inside_or_just_over_the_border_says_nothing() {
        let schemes = shipped();
        let stevenage = point("SG1 1LZ", 51.9017, -0.2019);
        assert_eq!(outside_note(&stevenage, &schemes, "Hertfordshire"), None);
        let luton = point("LU1 2", 51.8787, -0.4200);
        assert_eq!(outside_note(&luton, &schemes, "Hertfordshire"), None);
    }

    #[test]
    fn an_area_searched_from_reads_as_an_area() {
        let schemes = shipped();
        let sector = SearchPoint {
            label: "near EH1 1".into(),
            location: LatLng { lat: 55.95, lng: -3.19 },
            precision: Precision::Sector,
        };
        let note = outside_note(&sector, &schemes, "Hertfordshire").expect("a note");
        assert!(note.ends_with(" miles from the EH1 1 area."), "{note}");
    }

    #[test]
    fn no_schemes_no_note() {
        assert_eq!(outside_note(&point("your location", 55.9, -3.2), &[], "Hertfordshire"), None);
    }
}
