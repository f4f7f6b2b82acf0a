//! The view's state in the page address, so that a reload or a shared link shows the same view.
//!
//! `?district=stevenage,watford&condition=diabetes&price=free&q=pool&within=5#postcode=SG1+1LZ`.
//! Every parameter is untrusted: unknown names, unknown values and malformed text are ignored,
//! never fatal. Writing the state back gives a canonical, short query.
//!
//! The person's postcode goes in the fragment (after `#`), not the query: a browser never sends
//! the fragment to any server, so a reload or an opened link does not put the postcode in the
//! host's logs, and the `Referer` of the directions link or a tile request never carries it. A
//! shared link still holds it (that is what sharing it means). An old link with `?postcode=` is
//! still read; the address is then rewritten with the postcode in the fragment.

use crate::condition::Condition;
use crate::district::District;
use crate::filter::{Filters, PriceFilter};

/// The distance choices, in miles.
pub const WITHIN_CHOICES: [u32; 4] = [2, 5, 10, 20];

/// Longest search text kept from a URL.
const MAX_Q: usize = 100;

/// Everything the URL carries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ViewState {
    pub filters: Filters,
    /// The postcode the person searched from (text as typed, trimmed).
    pub postcode: Option<String>,
    /// Only schemes within this many miles of the search point.
    pub within: Option<u32>,
    /// The selected scheme's id.
    pub selected: Option<String>,
}

impl ViewState {
    /// Reads a query string (with or without the leading `?`).
    pub fn from_query(query: &str, districts: &[District]) -> ViewState {
        let mut v = ViewState::default();
        for (key, value) in pairs(query) {
            match key.as_str() {
                "district" => {
                    for d in value.split(',') {
                        if let Some(found) = districts.iter().find(|x| x.id == d.trim()) {
                            v.filters.districts.insert(found.id.clone());
                        }
                    }
                }
                "condition" => {
                    for c in value.split(',') {
                        if let Some(c) = Condition::from_code(c.trim()) {
                            v.filters.conditions.insert(c);
                        }
                    }
                }
                "price" => {
                    if let Some(p) = PriceFilter::from_code(&value) {
                        v.filters.price = p;
                    }
                }
                "q" => v.filters.text = clean_text(&value),
                "postcode" => {
                    let p = clean_text(&value);
                    // Kept even when it cannot be a postcode, so that the search says so ("Enter a
                    // postcode like SG1 1LZ") rather than the link's postcode vanishing; cut short
                    // with "…" past the length any spacing of a postcode needs.
                    v.postcode = (!p.is_empty()).then(|| crate::shown::cap(&p, MAX_POSTCODE_TEXT));
                }
                "within" => v.within = value.trim().parse::<u32>().ok().filter(|m| WITHIN_CHOICES.contains(m)),
                "scheme" => {
                    let id = value.trim();
                    // As long as a scheme's id may be (every loaded scheme's link must open it).
                    let fits = id.chars().count() <= crate::scheme::MAX_TEXT;
                    v.selected = (!id.is_empty() && fits).then(|| id.to_string());
                }
                _ => {}
            }
        }
        v
    }

    /// Reads a page address's query and fragment (each with or without its `?` or `#`). The
    /// fragment's `postcode` wins over an old-style one in the query; nothing else is read from
    /// the fragment.
    pub fn from_url(query: &str, fragment: &str, districts: &[District]) -> ViewState {
        let mut v = ViewState::from_query(query, districts);
        if let Some(p) = ViewState::from_query(fragment.trim_start_matches('#'), &[]).postcode {
            v.postcode = Some(p);
        }
        v
    }

    /// The canonical fragment, `#postcode=SG1+1LZ`, or an empty string without a postcode.
    pub fn to_fragment(&self) -> String {
        self.postcode.as_ref().map_or_else(String::new, |p| format!("#postcode={}", encode(p)))
    }

    /// The canonical query string, with a leading `?`, or an empty string when nothing is set.
    /// The postcode is not in it (see [`ViewState::to_fragment`]).
    pub fn to_query(&self) -> String {
        let mut parts: Vec<(&str, String)> = Vec::new();
        if !self.filters.districts.is_empty() {
            parts.push(("district", self.filters.districts.iter().cloned().collect::<Vec<_>>().join(",")));
        }
        if !self.filters.conditions.is_empty() {
            parts.push(("condition", self.filters.conditions.iter().map(|c| c.code()).collect::<Vec<_>>().join(",")));
        }
        if let Some(p) = self.filters.price.code() {
            parts.push(("price", p));
        }
        if !self.filters.text.trim().is_empty() {
            parts.push(("q", self.filters.text.trim().to_string()));
        }
        if let Some(w) = self.within {
            parts.push(("within", w.to_string()));
        }
        if let Some(s) = &self.selected {
            parts.push(("scheme", s.clone()));
        }
        if parts.is_empty() {
            return String::new();
        }
        let body: Vec<String> = parts.into_iter().map(|(k, v)| format!("{k}={}", encode(&v))).collect();
        format!("?{}", body.join("&"))
    }
}

/// The longest postcode text kept from an address, in characters.
const MAX_POSTCODE_TEXT: usize = 20;

fn clean_text(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).take(MAX_Q).collect::<String>().trim().to_string()
}

/// Splits a query into decoded key/value pairs, skipping anything that does not decode.
pub fn pairs(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .filter_map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            Some((decode(k)?, decode(v)?))
        })
        .collect()
}

/// Percent-decoding with `+` as a space; `None` for broken escapes or invalid UTF-8.
pub fn decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = s.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// Percent-encoding for a query value (spaces as `+`, commas kept readable).
pub fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b',' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests;
