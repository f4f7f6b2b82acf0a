//! Text as the page shows it: capped in length, so a long value in the data, the configuration or
//! a lookup answer cannot push the page apart or bury what matters.
//!
//! The data and the configuration are checked for length when they are read (and rejected when
//! too long); this cap is the last guard where text meets the page, for the texts that are not
//! checked there (problem messages quoting a value, file notices, lookup answers).

/// The longest text shown in one place by default, in characters.
pub const MAX_SHOWN: usize = 500;

/// `text`, cut to at most `max` characters (the last one an ellipsis when cut).
pub fn cap(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_unchanged_and_long_text_is_cut_with_an_ellipsis() {
        assert_eq!(cap("Stevenage", 20), "Stevenage");
        assert_eq!(cap("abcdef", 4), "abc…");
        assert_eq!(cap(&"é".repeat(600), MAX_SHOWN).chars().count(), MAX_SHOWN);
        assert_eq!(cap("abc", 0), "…");
    }
}
