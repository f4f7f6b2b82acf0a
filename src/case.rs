//! Lower- and upper-casing text, the way `str::to_lowercase` and `str::to_uppercase` do.
//!
//! The standard library's versions carry Unicode's case-mapping tables, about 24 KB of the web
//! app's wasm. The browser already has them: in the web app, text that is not plain ASCII is
//! cased by JavaScript's `toLowerCase`/`toUpperCase`, which apply the same Unicode mappings (the
//! full ones, with the final-sigma rule). ASCII text, nearly all of it, never leaves the wasm.
//! Natively (the data tool, the tests) the standard library does it all. `tests/web_core.rs`
//! checks in Chromium that both give the same text.

/// `s` in lower case.
pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::JsString::from(s).to_lower_case())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        s.to_lowercase()
    }
}

/// `s` in upper case.
pub fn upper(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_uppercase();
    }
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::JsString::from(s).to_upper_case())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        s.to_uppercase()
    }
}

/// `s` with its first character in upper case.
pub fn upper_first(s: &str) -> String {
    match s.chars().next() {
        Some(c) => upper(&s[..c.len_utf8()]) + &s[c.len_utf8()..],
        None => String::new(),
    }
}

/// `s` with its first character in lower case.
pub fn lower_first(s: &str) -> String {
    match s.chars().next() {
        Some(c) => lower(&s[..c.len_utf8()]) + &s[c.len_utf8()..],
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_as_the_standard_library_does() {
        for s in ["Stevenage Leisure Centre", "ÉCOLE", "Straße", "ΟΔΟΣ", "İstanbul", "ǅ", "", "ﬁ", "Ǆemal"] {
            assert_eq!(lower(s), s.to_lowercase(), "{s}");
            assert_eq!(upper(s), s.to_uppercase(), "{s}");
        }
        assert_eq!(upper_first("the answer"), "The answer");
        assert_eq!(upper_first("ßa"), "SSa");
        assert_eq!(lower_first("Éa"), "éa");
        assert_eq!(lower_first(""), "");
    }
}
