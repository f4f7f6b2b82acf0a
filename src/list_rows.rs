//! The results list's rows: which entries the page keeps, and in which order.
//!
//! The list renders the entries on show (the first pages of the results) and keeps, hidden, the
//! entries of earlier results, so that a filter change shows and hides entries instead of dropping
//! and building them again (a keystroke in the Search box and then Backspace would otherwise
//! rebuild every entry, which is most of what a keystroke costs at a few dozen schemes). A hidden
//! entry sits where the list's order would put it, so showing it again moves nothing.
//!
//! Not here: what matches ([`filter`](crate::filter)), the results' order
//! ([`nearest_first`](crate::nearby::nearest_first)), and what an entry shows (`ui/results.rs`).

use crate::distance;
use crate::nearby::{nearest_order, NearbyEntry};
use crate::scheme::{LatLng, Scheme};
use std::cmp::Ordering;

/// The most entries kept hidden beside the ones on show: enough for a search and back at a few
/// hundred schemes, few enough that every filter change reads them quickly.
pub const MOST_KEPT_HIDDEN: usize = 150;

/// The rows to render (scheme indices), in list order: every entry of `on_show` (in its order), and
/// the first `most_hidden` of the `previous` rows that are not on show, each placed where the
/// list's order puts it (by index without a search point; nearest first from `from`, as
/// [`nearest_first`](crate::nearby::nearest_first) orders, with one). Indices outside `schemes`
/// are dropped.
///
/// `previous` must be in the list's order for the same `from` (the rows this returned before,
/// for the same search point): they are merged, not sorted (the web app's wasm carries no sort
/// routine for this). When the search point changes, pass no previous rows.
pub fn rows(
    schemes: &[Scheme],
    on_show: &[NearbyEntry],
    from: Option<LatLng>,
    previous: &[usize],
    most_hidden: usize,
) -> Vec<usize> {
    let mut showing = vec![false; schemes.len()];
    let on_show: Vec<&NearbyEntry> = on_show.iter().filter(|e| e.index < schemes.len()).collect();
    for e in &on_show {
        showing[e.index] = true;
    }
    // The list's order for (miles, index) pairs; without a search point the miles are not used.
    let order = |a: (f64, usize), b: (f64, usize)| -> Ordering {
        match from {
            Some(_) => nearest_order(schemes, a, b),
            None => a.1.cmp(&b.1),
        }
    };
    let miles = |i: usize| from.map_or(0.0, |p| distance::miles(p, schemes[i].location));
    let mut hidden: Vec<(f64, usize)> = Vec::new();
    for &i in previous {
        if hidden.len() >= most_hidden {
            break;
        }
        if i < schemes.len() && !showing[i] {
            // Once only, however often `previous` names it.
            showing[i] = true;
            hidden.push((miles(i), i));
        }
    }
    // Merge: the entries on show keep their order; a hidden row goes before the first entry on
    // show that the list's order puts after it.
    let mut out = Vec::with_capacity(on_show.len() + hidden.len());
    let mut hidden = hidden.into_iter().peekable();
    for e in on_show {
        let key = (e.miles.unwrap_or_else(|| miles(e.index)), e.index);
        while let Some(&h) = hidden.peek() {
            if order(h, key) != Ordering::Less {
                break;
            }
            out.push(h.1);
            hidden.next();
        }
        out.push(e.index);
    }
    out.extend(hidden.map(|h| h.1));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{districts, with};
    use crate::nearby::{nearest_first, Precision, SearchPoint};
    use serde_json::json;

    /// Schemes along a line east of (51.9, -0.2), one a kilometre or so further than the last,
    /// named so that the names' order is not the distances' order.
    fn schemes() -> Vec<Scheme> {
        ["E", "A", "D", "B", "C", "F"]
            .iter()
            .enumerate()
            .map(|(k, name)| {
                let mut f = with("name", json!(name));
                f["geometry"]["coordinates"] = json!([-0.2 + 0.015 * k as f64, 51.9]);
                Scheme::from_feature(&f, 0, &districts()).unwrap()
            })
            .collect()
    }

    fn entries(indices: &[usize]) -> Vec<NearbyEntry> {
        indices.iter().map(|&index| NearbyEntry { index, miles: None }).collect()
    }

    #[test]
    fn without_earlier_rows_the_rows_are_the_entries_on_show() {
        let s = schemes();
        assert_eq!(rows(&s, &entries(&[1, 3, 4]), None, &[], MOST_KEPT_HIDDEN), [1, 3, 4]);
    }

    #[test]
    fn entries_no_longer_on_show_are_kept_in_their_place_in_the_list() {
        let s = schemes();
        let all = [0, 1, 2, 3, 4, 5];
        // A search keeps two; the rest stay, hidden, where they were.
        assert_eq!(rows(&s, &entries(&[2, 4]), None, &all, MOST_KEPT_HIDDEN), all);
        // Clearing it shows them again in the same places.
        assert_eq!(rows(&s, &entries(&all), None, &all, MOST_KEPT_HIDDEN), all);
    }

    #[test]
    fn with_a_search_point_hidden_rows_sit_in_nearest_first_order() {
        let s = schemes();
        let from = SearchPoint {
            label: "here".into(),
            location: LatLng { lat: 51.9, lng: -0.2 + 0.015 * 5.0 },
            precision: Precision::Unit,
        };
        // Nearest first from the east end: 5, 4, 3, 2, 1, 0.
        let shown = nearest_first(&s, &[1, 4], Some(&from), None);
        let r = rows(&s, &shown.entries, Some(from.location), &[5, 4, 3, 2, 1, 0], MOST_KEPT_HIDDEN);
        assert_eq!(r, [5, 4, 3, 2, 1, 0]);
        // Kept rows from a narrower search go back between the entries on show.
        let r = rows(&s, &shown.entries, Some(from.location), &[3, 0], MOST_KEPT_HIDDEN);
        assert_eq!(r, [4, 3, 1, 0]);
        // The entries on show keep the order they came in.
        let on_show: Vec<usize> = r.iter().copied().filter(|i| shown.indices().contains(i)).collect();
        assert_eq!(on_show, shown.indices());
    }

    #[test]
    fn at_most_so_many_hidden_rows_are_kept_and_none_twice() {
        let s = schemes();
        assert_eq!(rows(&s, &entries(&[5]), None, &[0, 0, 1, 2, 3], 2), [0, 1, 5]);
        assert_eq!(rows(&s, &entries(&[5]), None, &[0, 1, 2], 0), [5]);
    }

    #[test]
    fn indices_outside_the_schemes_are_dropped() {
        let s = schemes();
        assert_eq!(rows(&s, &entries(&[9, 1]), None, &[0, 7], MOST_KEPT_HIDDEN), [0, 1]);
    }
}
