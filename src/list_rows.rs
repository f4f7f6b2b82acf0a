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
use std::collections::HashSet;
use std::hash::Hash;

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

/// Where each row of the new rows comes from, when the list goes from the rows `before` to the
/// rows `after` (see [`placing`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placing {
    /// A row that was rendered and stays where it is: nothing is done to it.
    Stays,
    /// A row that was rendered and moves: it goes before the next row that stays.
    Moves,
    /// A row new to the list: built and put before the next row that stays.
    New,
}

/// For each of the rows `after` (keys, each once), where it comes from, given the rows rendered
/// `before`: the rows of both that keep their order stay where they are, the others move, and new
/// rows are built. The rows of `before` that are not in `after` are dropped. So the list's DOM
/// changes by one insertion per new or moved row and one removal per dropped row. (Leptos' keyed
/// `<For>` also moved rows that had not moved when new rows came between them: a search at 1,000
/// schemes moved 50 to 100 entries; docs/benchmarks.md, "fifth pass".)
///
/// [`rows`] keeps the kept rows in their order, so a filter change moves none; a row that is out of
/// order moves (the rows that stay are found in one pass, not the fewest moves for any order).
pub fn placing<K: Eq + Hash + Copy>(before: &[K], after: &[K]) -> Vec<Placing> {
    let wanted: HashSet<K> = after.iter().copied().collect();
    let had: HashSet<K> = before.iter().copied().collect();
    // The rows of `before` that are still wanted, in their order; `next` is the first not yet placed.
    let kept: Vec<K> = before.iter().copied().filter(|k| wanted.contains(k)).collect();
    let mut placed: HashSet<K> = HashSet::new();
    let mut next = 0;
    after
        .iter()
        .map(|k| {
            while next < kept.len() && placed.contains(&kept[next]) {
                next += 1;
            }
            placed.insert(*k);
            if !had.contains(k) {
                Placing::New
            } else if kept.get(next) == Some(k) {
                next += 1;
                Placing::Stays
            } else {
                Placing::Moves
            }
        })
        .collect()
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

    use Placing::{Moves, New, Stays};

    #[test]
    fn new_rows_between_kept_rows_move_nothing() {
        // Kept rows in their order, new ones between them, some dropped: nothing moves.
        assert_eq!(placing(&[1, 2, 3, 4], &[9, 1, 8, 3, 7, 4, 6]), [New, Stays, New, Stays, New, Stays, New]);
        assert_eq!(placing(&[1, 2, 3], &[1, 2, 3]), [Stays, Stays, Stays]);
        assert_eq!(placing::<u8>(&[], &[5, 6]), [New, New]);
        assert_eq!(placing(&[5, 6], &[]), []);
    }

    #[test]
    fn a_row_out_of_order_moves() {
        assert_eq!(placing(&[1, 2, 3], &[3, 1, 2]), [Moves, Stays, Stays]);
        assert_eq!(placing(&[1, 2, 3], &[2, 3, 1]), [Moves, Moves, Stays]);
        assert_eq!(placing(&[1, 2, 3], &[1, 3, 2]), [Stays, Moves, Stays]);
    }

    #[test]
    fn the_rows_a_filter_change_keeps_never_move() {
        // A search, then clearing it, then another search, as the list does it.
        let all: Vec<usize> = (0..8).collect();
        let mut before: Vec<usize> = all.clone();
        for on_show in [vec![5, 6], all.clone(), vec![1, 7], vec![0, 2, 4]] {
            let after = rows(8, &entries(&on_show), &before, 3);
            assert!(!placing(&before, &after).contains(&Moves), "{before:?} → {after:?}");
            before = after;
        }
    }
}
