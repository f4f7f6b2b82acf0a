//! Nearest first: the schemes that pass the filters, ordered by distance from the search point,
//! with the distance filter ("within 5 miles") and its fallback.
//!
//! When nothing lies inside the chosen distance the list is never simply empty: the
//! [`FURTHER_AWAY_COUNT`] nearest schemes are shown anyway, flagged so the page can say they are
//! further away. Without a search point nothing is measured and the order is the file's.

use super::search_point::SearchPoint;
use crate::distance;
use crate::scheme::Scheme;
use std::cmp::Ordering;

/// How many schemes are shown anyway when none lies inside the chosen distance.
pub const FURTHER_AWAY_COUNT: usize = 3;

/// One scheme in the list.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NearbyEntry {
    /// The scheme's index in the slice given to [`nearest_first`].
    pub index: usize,
    /// Miles from the search point; `None` without a search point.
    pub miles: Option<f64>,
}

impl NearbyEntry {
    /// The distance as people say it ("1.2 miles"), when there is one.
    pub fn distance_text(&self) -> Option<String> {
        self.miles.map(distance::describe_miles)
    }
}

/// The list to show.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NearbyResults {
    pub entries: Vec<NearbyEntry>,
    /// True when no scheme lies inside the chosen distance and `entries` are the nearest anyway.
    pub further_away: bool,
}

impl NearbyResults {
    /// The schemes' indices in list order (for the map's markers and the list).
    pub fn indices(&self) -> Vec<usize> {
        self.entries.iter().map(|e| e.index).collect()
    }
}

/// Orders the `matching` schemes (indices into `schemes`, e.g. from
/// [`Filters::apply`](crate::filter::Filters::apply)) nearest first from `from`, keeping those
/// within `within` miles (inclusive) as the distance is shown: a scheme shown as "2.0 miles"
/// (2.03) is within 2 miles, one shown as "2.1 miles" is not ([`distance::shown_tenths`]).
///
/// Equal distances are ordered by name. When no scheme lies within the distance, the
/// [`FURTHER_AWAY_COUNT`] nearest are returned with `further_away` set. Without a search point the
/// `matching` order is kept, with no distances, and `within` has nothing to measure from so it is
/// not applied. Indices outside `schemes` are skipped.
pub fn nearest_first(
    schemes: &[Scheme],
    matching: &[usize],
    from: Option<&SearchPoint>,
    within: Option<u32>,
) -> NearbyResults {
    let Some(point) = from else {
        let entries =
            matching.iter().filter(|&&i| i < schemes.len()).map(|&i| NearbyEntry { index: i, miles: None }).collect();
        return NearbyResults { entries, further_away: false };
    };
    let mut measured: Vec<(f64, usize)> = matching
        .iter()
        .filter_map(|&i| schemes.get(i).map(|s| (distance::miles(point.location, s.location), i)))
        .collect();
    let order = |a: &(f64, usize), b: &(f64, usize)| -> Ordering {
        a.0.total_cmp(&b.0).then_with(|| schemes[a.1].name.cmp(&schemes[b.1].name)).then(a.1.cmp(&b.1))
    };
    let mut further_away = false;
    if let Some(limit) = within {
        let limit = limit.saturating_mul(10);
        let inside: Vec<(f64, usize)> =
            measured.iter().copied().filter(|&(m, _)| distance::shown_tenths(m) <= limit).collect();
        if inside.is_empty() && !measured.is_empty() {
            further_away = true;
        } else {
            measured = inside;
        }
    }
    measured.sort_unstable_by(order);
    if further_away {
        // Sorted then cut rather than selected: `order` is total (the index breaks ties), so the
        // result is the same, and the web app's wasm carries one sort routine instead of two.
        measured.truncate(FURTHER_AWAY_COUNT);
    }
    NearbyResults {
        entries: measured.into_iter().map(|(m, index)| NearbyEntry { index, miles: Some(m) }).collect(),
        further_away,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::Filters;
    use crate::fixtures::{districts, with};
    use crate::nearby::Precision;
    use crate::scheme::LatLng;
    use serde_json::json;

    /// Schemes at real Hertfordshire leisure centres (from `herts-leisure-centres.csv`).
    const CENTRES: [(&str, f64, f64, &str); 8] = [
        ("Stevenage Arts and Leisure Centre", 51.901873, -0.205320, "stevenage"),
        ("Stevenage Swimming Centre", 51.904636, -0.199628, "stevenage"),
        ("North Herts Leisure Centre", 51.977664, -0.205172, "north-hertfordshire"),
        ("Hitchin Swimming and Fitness Centre", 51.952427, -0.281345, "north-hertfordshire"),
        ("Gosling Sports Park", 51.790714, -0.213026, "welwyn-hatfield"),
        ("Watford Central Leisure Centre", 51.653269, -0.398186, "watford"),
        ("Hatfield Leisure Centre", 51.749891, -0.226258, "welwyn-hatfield"),
        ("Fearnhill Sports Centre", 51.976368, -0.247448, "north-hertfordshire"),
    ];

    fn scheme_at(name: &str, lat: f64, lng: f64, district: &str) -> Scheme {
        let mut f = with("name", json!(name));
        f["properties"]["district"] = json!(district);
        f["geometry"]["coordinates"] = json!([lng, lat]);
        Scheme::from_feature(&f, 0, &districts()).unwrap()
    }

    fn schemes() -> Vec<Scheme> {
        CENTRES.iter().map(|&(name, lat, lng, d)| scheme_at(name, lat, lng, d)).collect()
    }

    fn all(schemes: &[Scheme]) -> Vec<usize> {
        (0..schemes.len()).collect()
    }

    fn point(label: &str, lat: f64, lng: f64, precision: Precision) -> SearchPoint {
        SearchPoint { label: label.into(), location: LatLng { lat, lng }, precision }
    }

    fn sg1_1lz() -> SearchPoint {
        point("SG1 1LZ", 51.901873, -0.20532, Precision::Unit)
    }

    fn names(schemes: &[Scheme], r: &NearbyResults) -> Vec<String> {
        r.entries.iter().map(|e| schemes[e.index].name.clone()).collect()
    }

    #[test]
    fn sg11lz_puts_stevenage_arts_and_leisure_centre_first_under_a_tenth_of_a_mile() {
        let s = schemes();
        let r = nearest_first(&s, &all(&s), Some(&sg1_1lz()), None);
        let first = r.entries[0];
        assert_eq!(s[first.index].name, "Stevenage Arts and Leisure Centre");
        assert_eq!(first.distance_text().as_deref(), Some("under 0.1 miles"));
        assert!(!r.further_away);
    }

    #[test]
    fn every_scheme_is_listed_nearest_first_with_its_distance() {
        let s = schemes();
        let r = nearest_first(&s, &all(&s), Some(&sg1_1lz()), None);
        assert_eq!(
            names(&s, &r),
            [
                "Stevenage Arts and Leisure Centre",
                "Stevenage Swimming Centre",
                "Hitchin Swimming and Fitness Centre",
                "North Herts Leisure Centre",
                "Fearnhill Sports Centre",
                "Gosling Sports Park",
                "Hatfield Leisure Centre",
                "Watford Central Leisure Centre",
            ]
        );
        let miles: Vec<f64> = r.entries.iter().map(|e| e.miles.unwrap()).collect();
        assert!(miles.windows(2).all(|w| w[0] <= w[1]), "{miles:?}");
        assert_eq!(r.entries[2].distance_text().as_deref(), Some("4.8 miles"));
    }

    #[test]
    fn within_five_miles_keeps_only_the_schemes_inside() {
        let s = schemes();
        let r = nearest_first(&s, &all(&s), Some(&sg1_1lz()), Some(5));
        assert_eq!(
            names(&s, &r),
            ["Stevenage Arts and Leisure Centre", "Stevenage Swimming Centre", "Hitchin Swimming and Fitness Centre"]
        );
        assert!(r.entries.iter().all(|e| e.miles.unwrap() <= 5.0));
        assert!(!r.further_away);
    }

    #[test]
    fn within_two_miles_means_up_to_what_is_shown_as_two_miles() {
        let s = schemes();
        // Search points due south of Stevenage Arts and Leisure Centre (index 0), just inside and
        // just outside 2 miles as the list shows it (one degree of latitude is about 111,195 m).
        let south = |miles: f64| point("test", 51.901873 - miles * 1609.344 / 111_195.0, -0.20532, Precision::Unit);
        for miles in [1.999, 2.001, 2.03, 2.04] {
            let inside = nearest_first(&s, &[0], Some(&south(miles)), Some(2));
            assert_eq!((inside.indices(), inside.further_away), (vec![0], false), "{miles}");
            assert_eq!(inside.entries[0].distance_text().as_deref(), Some("2.0 miles"), "{miles}");
        }
        let outside = nearest_first(&s, &[0], Some(&south(2.06)), Some(2));
        assert_eq!((outside.indices(), outside.further_away), (vec![0], true));
        assert_eq!(outside.entries[0].distance_text().as_deref(), Some("2.1 miles"));
    }

    /// The miles a distance's words say ("2.0 miles" → 2.0, "under 0.1 miles" → 0).
    fn said(text: &str) -> f64 {
        let number = text.trim_start_matches("under ").split(' ').next().unwrap();
        if text.starts_with("under ") {
            0.0
        } else {
            number.parse().unwrap()
        }
    }

    #[test]
    fn the_filter_keeps_exactly_the_schemes_whose_shown_distance_is_within_it() {
        let s = schemes();
        // From points on a line north from Watford, so that the distances pass many rounding edges.
        for step in 0..600 {
            let from = point("test", 51.653269 + f64::from(step) * 0.0005, -0.398186, Precision::Unit);
            let every = nearest_first(&s, &all(&s), Some(&from), None);
            for within in crate::url_state::WITHIN_CHOICES {
                let r = nearest_first(&s, &all(&s), Some(&from), Some(within));
                let want: Vec<usize> = every
                    .entries
                    .iter()
                    .filter(|e| said(&e.distance_text().unwrap()) <= f64::from(within))
                    .map(|e| e.index)
                    .collect();
                if !want.is_empty() {
                    assert_eq!((r.indices(), r.further_away), (want, false), "within {within}, step {step}");
                }
            }
        }
    }

    #[test]
    fn nothing_within_distance_shows_three_nearest_anyway() {
        let s = schemes();
        // "near SG19 1" (Sandy, Bedfordshire): the nearest scheme is about 10 miles away.
        let sandy = point("near SG19 1", 52.130203, -0.291849, Precision::Sector);
        let r = nearest_first(&s, &all(&s), Some(&sandy), Some(2));
        assert!(r.further_away);
        assert_eq!(
            names(&s, &r),
            ["Fearnhill Sports Centre", "North Herts Leisure Centre", "Hitchin Swimming and Fitness Centre"]
        );
        assert!(r.entries.iter().all(|e| e.miles.unwrap() > 2.0));
    }

    #[test]
    fn with_fewer_than_three_matching_the_fallback_shows_all_of_them() {
        let s = schemes();
        let sandy = point("near SG19 1", 52.130203, -0.291849, Precision::Sector);
        let r = nearest_first(&s, &[5, 4], Some(&sandy), Some(2));
        assert!(r.further_away);
        assert_eq!(r.indices(), [4, 5]);
    }

    #[test]
    fn the_fallback_only_offers_schemes_that_pass_the_other_filters() {
        let s = schemes();
        let filters =
            Filters { districts: ["welwyn-hatfield".to_string(), "watford".to_string()].into(), ..Default::default() };
        let matching = filters.apply(&s);
        let r = nearest_first(&s, &matching, Some(&sg1_1lz()), Some(5));
        assert!(r.further_away);
        assert_eq!(names(&s, &r), ["Gosling Sports Park", "Hatfield Leisure Centre", "Watford Central Leisure Centre"]);
    }

    #[test]
    fn no_matching_schemes_is_an_empty_list_not_a_fallback() {
        let s = schemes();
        let r = nearest_first(&s, &[], Some(&sg1_1lz()), Some(2));
        assert_eq!(r, NearbyResults::default());
    }

    #[test]
    fn equal_distances_are_ordered_by_name() {
        let s = vec![
            scheme_at("Zebra Centre", 51.9, -0.2, "stevenage"),
            scheme_at("Aardvark Centre", 51.9, -0.2, "stevenage"),
            scheme_at("Middle Centre", 51.9, -0.2, "stevenage"),
        ];
        let r = nearest_first(&s, &[0, 1, 2], Some(&sg1_1lz()), None);
        assert_eq!(names(&s, &r), ["Aardvark Centre", "Middle Centre", "Zebra Centre"]);
    }

    #[test]
    fn without_a_search_point_the_order_is_kept_and_nothing_is_measured() {
        let s = schemes();
        let r = nearest_first(&s, &[7, 0, 3], None, Some(2));
        assert_eq!(r.indices(), [7, 0, 3]);
        assert!(r.entries.iter().all(|e| e.miles.is_none() && e.distance_text().is_none()));
        assert!(!r.further_away);
    }

    #[test]
    fn indices_outside_the_schemes_are_skipped() {
        let s = schemes();
        assert_eq!(nearest_first(&s, &[1, 99], Some(&sg1_1lz()), None).indices(), [1]);
        assert_eq!(nearest_first(&s, &[99, 1], None, None).indices(), [1]);
    }
}
