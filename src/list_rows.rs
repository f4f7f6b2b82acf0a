//! The results list's rows: which entries the page keeps, and in which order.
//!
//! The list renders the entries on show (the first pages of the results) and keeps, hidden, the
//! entries of earlier results, so that a filter change shows and hides entries instead of dropping
//! and building them again (a keystroke in the Search box and then Backspace would otherwise
//! rebuild every entry, which is most of what a keystroke costs at a few dozen schemes). A hidden
//! entry stays where it was among the entries it was listed with, so showing it again in the same
//! order moves nothing.
//!
//! Not here: what matches ([`filter`](crate::filter)), the results' order
//! ([`nearest_first`](crate::nearby::nearest_first)), and what an entry shows (`ui/results.rs`).

use crate::nearby::NearbyEntry;

/// The most entries kept hidden beside the ones on show: enough for a search and back at a few
/// hundred schemes, few enough that every filter change reads them quickly.
pub const MOST_KEPT_HIDDEN: usize = 150;

/// The rows to render (indices of `count` schemes): every entry of `on_show`, in its order, and
/// the first `most_hidden` of the `previous` rows that are not on show, in their order, each
/// placed before the first entry on show that came after it among the `previous` rows (entries new
/// to the rows come where `on_show` puts them; the hidden rows left go last). Indices of `count`
/// or more are dropped.
///
/// `previous` should be the rows this returned before, for results in the same order (the same
/// search point): nothing is sorted or measured, so a row's place is only as good as theirs.
pub fn rows(count: usize, on_show: &[NearbyEntry], previous: &[usize], most_hidden: usize) -> Vec<usize> {
    // Where each scheme was among the previous rows: 1 + its place, or 0.
    let mut was = vec![0u32; count];
    for (k, &i) in previous.iter().enumerate() {
        if let Some(w) = was.get_mut(i) {
            if *w == 0 {
                *w = k as u32 + 1;
            }
        }
    }
    // Taken: on show, or already kept.
    let mut taken = vec![false; count];
    for e in on_show {
        if let Some(t) = taken.get_mut(e.index) {
            *t = true;
        }
    }
    let mut hidden = Vec::new();
    for &i in previous {
        if hidden.len() >= most_hidden {
            break;
        }
        if let Some(t) = taken.get_mut(i) {
            if !*t {
                *t = true;
                hidden.push(i);
            }
        }
    }
    let mut out = Vec::with_capacity(on_show.len() + hidden.len());
    let mut hidden = hidden.into_iter().peekable();
    for e in on_show.iter().filter(|e| e.index < count) {
        let place = was[e.index];
        if place > 0 {
            while let Some(&h) = hidden.peek() {
                if was[h] >= place {
                    break;
                }
                out.push(h);
                hidden.next();
            }
        }
        out.push(e.index);
    }
    out.extend(hidden);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(indices: &[usize]) -> Vec<NearbyEntry> {
        indices.iter().map(|&index| NearbyEntry { index, miles: None }).collect()
    }

    #[test]
    fn without_earlier_rows_the_rows_are_the_entries_on_show() {
        assert_eq!(rows(6, &entries(&[1, 3, 4]), &[], MOST_KEPT_HIDDEN), [1, 3, 4]);
    }

    #[test]
    fn entries_no_longer_on_show_are_kept_in_their_place_in_the_list() {
        let all = [0, 1, 2, 3, 4, 5];
        // A search keeps two; the rest stay, hidden, where they were.
        assert_eq!(rows(6, &entries(&[2, 4]), &all, MOST_KEPT_HIDDEN), all);
        // Clearing it shows them again in the same places.
        assert_eq!(rows(6, &entries(&all), &all, MOST_KEPT_HIDDEN), all);
    }

    #[test]
    fn in_any_order_the_entries_on_show_keep_theirs_and_kept_rows_keep_their_places() {
        // Nearest first from somewhere: 5, 4, 3, 2, 1, 0.
        let order = [5, 4, 3, 2, 1, 0];
        assert_eq!(rows(6, &entries(&[4, 1]), &order, MOST_KEPT_HIDDEN), order);
        // Entries new to the rows come where the results put them; the kept rows after them.
        assert_eq!(rows(6, &entries(&[4, 1]), &[3, 0], MOST_KEPT_HIDDEN), [4, 1, 3, 0]);
        assert_eq!(rows(6, &entries(&[4, 3, 1]), &[3, 0], MOST_KEPT_HIDDEN), [4, 3, 1, 0]);
    }

    #[test]
    fn at_most_so_many_hidden_rows_are_kept_and_none_twice() {
        assert_eq!(rows(6, &entries(&[5]), &[0, 0, 1, 2, 3], 2), [5, 0, 1]);
        assert_eq!(rows(6, &entries(&[5]), &[0, 1, 2], 0), [5]);
    }

    #[test]
    fn indices_outside_the_schemes_are_dropped() {
        assert_eq!(rows(6, &entries(&[9, 1]), &[0, 7], MOST_KEPT_HIDDEN), [1, 0]);
    }
}
