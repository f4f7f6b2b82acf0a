//! UK postcodes: recognising and normalising what people type.
//!
//! "sg11lz", "SG1 1LZ" and " sg1  1lz " are the same full postcode; "SG1" is an outcode (postcode
//! district). This module only reads text; looking a postcode up is done elsewhere.

/// What a person typed, once understood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PostcodeQuery {
    /// A full unit postcode, normalised to "SG1 1LZ".
    Full(String),
    /// An outcode alone, normalised to "SG1".
    Outcode(String),
}

impl PostcodeQuery {
    /// The normalised text.
    pub fn as_str(&self) -> &str {
        match self {
            PostcodeQuery::Full(s) | PostcodeQuery::Outcode(s) => s,
        }
    }

    /// The outcode part ("SG1" for both "SG1 1LZ" and "SG1").
    pub fn outcode(&self) -> &str {
        match self {
            PostcodeQuery::Full(s) => s.split(' ').next().unwrap_or(s),
            PostcodeQuery::Outcode(s) => s,
        }
    }

    /// Where the postcode is when it is not in Great Britain: "Northern Ireland" (BT), "Jersey"
    /// (JE), "Guernsey" (GY) or "the Isle of Man" (IM). OS Code-Point Open, the source of the
    /// build's postcode files, covers Great Britain only; these areas are the rest of the UK's
    /// postcode system.
    pub fn outside_great_britain(&self) -> Option<&'static str> {
        let o = self.outcode();
        let area = &o[..o.bytes().take_while(u8::is_ascii_alphabetic).count()];
        match area {
            "BT" => Some("Northern Ireland"),
            "JE" => Some("Jersey"),
            "GY" => Some("Guernsey"),
            "IM" => Some("the Isle of Man"),
            _ => None,
        }
    }

    /// The sector ("SG1 1"), for a full postcode.
    pub fn sector(&self) -> Option<String> {
        match self {
            PostcodeQuery::Full(s) => Some(s[..s.len() - 2].to_string()),
            PostcodeQuery::Outcode(_) => None,
        }
    }
}

/// Reads a full postcode or an outcode in any case and spacing; `None` when it is neither.
pub fn parse(text: &str) -> Option<PostcodeQuery> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    if !compact.is_ascii() {
        return None;
    }
    if is_outcode(&compact) {
        return Some(PostcodeQuery::Outcode(compact));
    }
    if compact.len() >= 5 && compact.len() <= 7 {
        let (out, inward) = compact.split_at(compact.len() - 3);
        let b = inward.as_bytes();
        if is_outcode(out) && b[0].is_ascii_digit() && b[1].is_ascii_alphabetic() && b[2].is_ascii_alphabetic() {
            return Some(PostcodeQuery::Full(format!("{out} {inward}")));
        }
    }
    None
}

/// Normalises a full postcode ("sg11lz" → "SG1 1LZ"); `None` if it is not one.
pub fn normalise_full(text: &str) -> Option<String> {
    match parse(text)? {
        PostcodeQuery::Full(s) => Some(s),
        PostcodeQuery::Outcode(_) => None,
    }
}

/// Whether `s` (upper case, no spaces) has the shape of an outcode: A9, A99, AA9, AA99, A9A, AA9A.
fn is_outcode(s: &str) -> bool {
    let b = s.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if !(1..=2).contains(&letters) || b.len() <= letters {
        return false;
    }
    let rest = &b[letters..];
    match rest {
        [d] => d.is_ascii_digit(),
        [d1, d2] => d1.is_ascii_digit() && (d2.is_ascii_digit() || d2.is_ascii_alphabetic()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_postcodes_in_any_case_and_spacing() {
        assert_eq!(parse("sg11lz"), Some(PostcodeQuery::Full("SG1 1LZ".into())));
        assert_eq!(parse(" SG1  1LZ "), Some(PostcodeQuery::Full("SG1 1LZ".into())));
        assert_eq!(parse("wd18 0de"), Some(PostcodeQuery::Full("WD18 0DE".into())));
        assert_eq!(parse("EC1A 1BB"), Some(PostcodeQuery::Full("EC1A 1BB".into())));
        assert_eq!(parse("m1 1ae"), Some(PostcodeQuery::Full("M1 1AE".into())));
    }

    #[test]
    fn outcodes() {
        assert_eq!(parse("sg1"), Some(PostcodeQuery::Outcode("SG1".into())));
        assert_eq!(parse("WD18"), Some(PostcodeQuery::Outcode("WD18".into())));
        assert_eq!(parse("SG1 1LZ").unwrap().outcode(), "SG1");
        assert_eq!(parse("SG1 1LZ").unwrap().sector().as_deref(), Some("SG1 1"));
    }

    #[test]
    fn postcodes_outside_great_britain_are_known_by_their_area() {
        for (text, place) in [
            ("BT1 1AA", Some("Northern Ireland")),
            ("bt93", Some("Northern Ireland")),
            ("JE2 3AB", Some("Jersey")),
            ("GY1 1AA", Some("Guernsey")),
            ("IM1 1AA", Some("the Isle of Man")),
            ("SG1 1LZ", None),
            // One-letter areas that share a first letter: Birmingham, Glasgow.
            ("B1 1AA", None),
            ("G1 1AA", None),
            ("IG1 1AA", None),
        ] {
            assert_eq!(parse(text).unwrap().outside_great_britain(), place, "{text}");
        }
    }

    #[test]
    fn junk_is_not_a_postcode() {
        for t in ["", "hello", "SG1 1L", "123 456", "SGG1 1LZ", "<script>", "SG1 1LZZ", "ŚG1 1LZ"] {
            assert_eq!(parse(t), None, "{t}");
        }
    }
}
