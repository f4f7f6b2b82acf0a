//! Filters: which schemes a person wants to see.
//!
//! Within one kind of filter the choices widen the result (Stevenage *or* Watford; diabetes *or*
//! heart); different kinds narrow it (in those districts *and* for those conditions *and* within the
//! price *and* matching the search words). The map and the list both show exactly
//! [`Filters::apply`]'s result, so they always agree.

use crate::condition::Condition;
use crate::condition_search::Search;
use crate::district::District;
use crate::scheme::Scheme;
use std::collections::BTreeSet;

/// The price filter, compared on the weekly equivalent (see [`crate::price`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PriceFilter {
    #[default]
    Any,
    /// Free schemes only.
    Free,
    /// At most this many whole pounds a week (weekly equivalent).
    MaxWeekly(u32),
}

impl PriceFilter {
    /// The choices offered in the filter panel, with their labels.
    pub const CHOICES: [(PriceFilter, &'static str); 5] = [
        (PriceFilter::Any, "Any price"),
        (PriceFilter::Free, "Free only"),
        (PriceFilter::MaxWeekly(5), "Up to £5 a week"),
        (PriceFilter::MaxWeekly(10), "Up to £10 a week"),
        (PriceFilter::MaxWeekly(20), "Up to £20 a week"),
    ];

    /// The URL form: absent for any, `free`, or the weekly maximum in pounds (`10`).
    pub fn code(self) -> Option<String> {
        match self {
            PriceFilter::Any => None,
            PriceFilter::Free => Some("free".into()),
            PriceFilter::MaxWeekly(p) => Some(p.to_string()),
        }
    }

    /// Reads the URL form; anything unknown is `None` (and so ignored).
    pub fn from_code(code: &str) -> Option<PriceFilter> {
        match code.trim() {
            "any" | "" => Some(PriceFilter::Any),
            "free" => Some(PriceFilter::Free),
            n => n.parse::<u32>().ok().filter(|p| (1..=1000).contains(p)).map(PriceFilter::MaxWeekly),
        }
    }

    /// The label of this choice (a maximum not in the list still gets words).
    pub fn label(self) -> String {
        PriceFilter::CHOICES.iter().find(|(p, _)| *p == self).map(|(_, l)| l.to_string()).unwrap_or_else(
            || match self {
                PriceFilter::MaxWeekly(p) => format!("Up to £{p} a week"),
                _ => String::new(),
            },
        )
    }

    pub fn allows(self, s: &Scheme) -> bool {
        match self {
            PriceFilter::Any => true,
            PriceFilter::Free => s.price.is_free(),
            PriceFilter::MaxWeekly(pounds) => s.weekly_pence() <= pounds * 100,
        }
    }
}

/// Everything a person has chosen in the filter panel.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    /// District ids; empty means every district.
    pub districts: BTreeSet<String>,
    /// Conditions; empty means any condition.
    pub conditions: BTreeSet<Condition>,
    pub price: PriceFilter,
    /// The Search box: conditions in clinical and everyday words ([`crate::condition_search`]),
    /// and other words looked for, from the start of a word, in what the scheme's card says
    /// ([`search_text`], [`has_word_starting`]).
    pub text: String,
}

impl Filters {
    /// Whether nothing is chosen (every scheme shows).
    pub fn is_empty(&self) -> bool {
        self.active_count() == 0
    }

    /// How many filters are set, counting each kind once (for the "Filters (2)" button).
    pub fn active_count(&self) -> usize {
        usize::from(!self.districts.is_empty())
            + usize::from(!self.conditions.is_empty())
            + usize::from(self.price != PriceFilter::Any)
            + usize::from(!self.text.trim().is_empty())
    }

    /// The Search box read against the schemes' [`search_text`]s: beside a condition, a word that
    /// none of them has is set aside ([`Search::set_aside_words_in_no_scheme`]). Every scheme
    /// counts, whatever the other filters, so the same words are set aside whichever are chosen.
    fn read_search(&self, texts: &[String]) -> Search {
        let mut search = Search::read(&self.text);
        search.set_aside_words_in_no_scheme(|w| texts.iter().any(|t| has_word_starting(t, w)));
        search
    }

    /// `text` is the scheme's [`search_text`].
    fn matches_search(&self, s: &Scheme, search: &Search, text: &str) -> bool {
        (self.districts.is_empty() || self.districts.contains(&s.district))
            && (self.conditions.is_empty() || s.conditions.iter().any(|c| self.conditions.contains(c)))
            && self.price.allows(s)
            && search.conditions_match(&s.conditions)
            && search.words.iter().all(|w| has_word_starting(text, w))
    }

    /// The indices of the schemes that match, in their original order (a district searched by
    /// its id's words: [`search_texts`] without the names).
    pub fn apply(&self, schemes: &[Scheme]) -> Vec<usize> {
        self.apply_with_texts(schemes, &search_texts(schemes, &[]))
    }

    /// [`Filters::apply`] with every scheme's [`search_text`] made beforehand (`texts[i]` is
    /// scheme `i`'s, one for each): what the app does on each keystroke, so it lower-cases
    /// nothing then.
    pub fn apply_with_texts(&self, schemes: &[Scheme], texts: &[String]) -> Vec<usize> {
        let search = self.read_search(texts);
        schemes
            .iter()
            .zip(texts)
            .enumerate()
            .filter(|(_, (s, text))| self.matches_search(s, &search, text))
            .map(|(i, _)| i)
            .collect()
    }

    /// Why the scheme `schemes[index]` matched the Search box's conditions, e.g. "matches:
    /// breathing (COPD)", with the words set aside; `None` when the search names no condition or
    /// the scheme does not match.
    pub fn match_reason(&self, schemes: &[Scheme], index: usize) -> Option<String> {
        let texts = search_texts(schemes, &[]);
        let search = self.read_search(&texts);
        let matches = schemes.get(index).zip(texts.get(index)).is_some_and(|(s, t)| self.matches_search(s, &search, t));
        if matches {
            search.reason()
        } else {
            None
        }
    }

    /// [`Filters::match_reason`] of every scheme these filters show (it is the same for all of
    /// them), given every scheme's [`search_text`]: what the list writes on each entry, read once
    /// per change of the filters.
    pub fn search_reason(&self, texts: &[String]) -> Option<String> {
        self.read_search(texts).reason()
    }
}

/// What the Search box's words are looked for in, lower-cased: the name, centre, town, postcode
/// (with and without its space), operator and district (`district` is its name), who can refer
/// ("self-referral", "social prescriber"), "free" for a free scheme, and the scheme's notes
/// ("wheelchair users", "pulmonary rehabilitation"): the words a person reads on its card. The app
/// makes it once per scheme when the data loads, not on every keystroke.
pub fn search_text(s: &Scheme, district: &str) -> String {
    let mut text = format!(
        "{} \u{1f} {} \u{1f} {} \u{1f} {} \u{1f} {} \u{1f} {} \u{1f} {}",
        s.name,
        s.centre,
        s.town,
        s.postcode,
        s.postcode.replace(' ', ""),
        s.operator,
        district
    );
    for r in &s.referral {
        text.push_str(" \u{1f} ");
        text.push_str(r.label());
    }
    if s.price.is_free() {
        text.push_str(" \u{1f} free");
    }
    if let Some(n) = &s.notes {
        text.push_str(" \u{1f} ");
        text.push_str(n);
    }
    crate::case::lower(&text)
}

/// Every scheme's [`search_text`], in order, with its district's name from `districts` (its id,
/// "welwyn-hatfield", when it is not there).
pub fn search_texts(schemes: &[Scheme], districts: &[District]) -> Vec<String> {
    schemes
        .iter()
        .map(|s| search_text(s, districts.iter().find(|d| d.id == s.district).map_or(&s.district, |d| &d.name)))
        .collect()
}

/// Whether `word` (lower case) is in `text` (a [`search_text`]) at the start of one of its words:
/// "wat" and "watford" find "Watford", "sg1" finds "SG1 1LZ" and "sg11lz" its form without the
/// space, but "ra" does not find "Central" nor "ford" "Hertford".
///
/// Every word is matched this way, not only short ones: the list follows each keystroke, so a
/// word must match while it is still being typed ("wat…", "SG"), which rules out whole words; and
/// a hit inside a word is an accident whatever its length ("pad" in "Paddocks" shows a heart
/// scheme as if it matched a condition). A word starts after anything that is not a letter or a
/// digit, so "gll" finds "Better (GLL)".
fn has_word_starting(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric()))
}

#[cfg(test)]
mod tests;
