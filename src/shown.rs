//! Text as the page shows it: capped in length, so a long value in the data, the configuration or
//! a lookup answer cannot push the page apart or bury what matters; and a scheme's text without
//! the characters a reader cannot see ([`visible`]).
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

/// Whether `c` is a character a reader cannot see ([`crate::link::is_hidden`]: control, zero-width,
/// direction marks and overrides, the byte-order mark…), line breaks (CR, LF) excepted when the
/// text may have `lines`.
pub fn is_unseen(c: char, lines: bool) -> bool {
    crate::link::is_hidden(c) && !(lines && matches!(c, '\n' | '\r'))
}

/// `text` without the characters a reader cannot see ([`is_unseen`]; line breaks are kept when it
/// may have `lines`): a control character (a tab, a bell, a line break in one-line text…) becomes a
/// space, and a run of spaces one; an invisible one (zero-width, a direction mark or override, the
/// byte-order mark…) is removed. Text without any is returned as it is. A space may be left at
/// either end: the callers trim.
pub fn visible(text: &str, lines: bool) -> String {
    if !text.chars().any(|c| is_unseen(c, lines)) {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        let c = match c {
            c if !is_unseen(c, lines) => c,
            c if c.is_control() => ' ',
            _ => continue,
        };
        if c != ' ' || !out.ends_with(' ') {
            out.push(c);
        }
    }
    out
}

/// A JSON value as compact JSON text, exactly as serde_json's `Display` writes it, for messages
/// that quote a value from the data (`7 is not a known condition code`). Written here so that the
/// web app does not carry serde_json's serialiser for these messages alone.
pub fn json(value: &serde_json::Value) -> String {
    let mut out = String::new();
    write_json(value, &mut out);
    out
}

fn write_json(value: &serde_json::Value, out: &mut String) {
    use serde_json::Value;
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => write_json_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(item, out);
            }
            out.push(']');
        }
        Value::Object(members) => {
            out.push('{');
            for (i, (key, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json_string(key, out);
                out.push(':');
                write_json(item, out);
            }
            out.push('}');
        }
    }
}

/// A string in quotes with serde_json's escapes: `\"`, `\\`, `\b`, `\t`, `\n`, `\f`, `\r`, and
/// `\u00xx` (lower-case hex) for the other control characters.
fn write_json_string(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            c if c < ' ' => {
                out.push_str("\\u00");
                out.push(HEX[c as usize >> 4] as char);
                out.push(HEX[c as usize & 0xf] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_written_as_serde_json_writes_it() {
        use serde_json::{json, Value};
        let every_ascii: String = (0u8..=0x7f).map(char::from).collect();
        let mut values = vec![
            Value::Null,
            json!(true),
            json!(false),
            json!(0),
            json!(-7),
            json!(u64::MAX),
            json!(i64::MIN),
            json!(1.5),
            json!(-0.0),
            json!(1e300),
            json!(1e-7),
            json!(123456789.125),
            json!(f64::MAX),
            json!(f64::MIN_POSITIVE),
            json!(""),
            json!(every_ascii),
            json!("é ✓ 😀 \u{2028}\u{2029}\u{feff}\u{202e}"),
            json!([]),
            json!({}),
            json!([1, "a", null, [true, {"k": "v"}], {}]),
            json!({"b": 1, "a": [2, 3], "\n\"": {"x": null}}),
        ];
        // Each character alone, and beside others.
        values.extend((0u32..0x300).filter_map(char::from_u32).map(|c| json!(format!("{c}x{c}"))));
        for v in values {
            assert_eq!(json(&v), v.to_string(), "{v:?}");
        }
    }

    #[test]
    fn hidden_characters_are_left_out_and_control_characters_are_spaces() {
        let one_line = |t: &str| visible(t, false).trim().to_string();
        assert_eq!(one_line("Active Health Stevenage"), "Active Health Stevenage");
        assert_eq!(one_line("Active  Health"), "Active  Health", "text without hidden characters is kept as it is");
        assert_eq!(one_line("Swim\u{200B}ming\u{00AD} Pool"), "Swimming Pool");
        assert_eq!(one_line("\u{202E}evil\u{202C} Centre\u{FEFF}"), "evil Centre");
        assert_eq!(one_line("Lytton Way\r\nStevenage"), "Lytton Way Stevenage");
        assert_eq!(one_line("Bell\u{7}ringers \t\n  club\u{85}"), "Bell ringers club");
        assert_eq!(one_line("\u{9B}31m Red \u{1B}[0m"), "31m Red [0m");
        assert_eq!(one_line("\u{2066}\u{2069}"), "");
        // Characters a reader sees are kept: accents, emoji, a no-break space.
        assert_eq!(one_line("Café\u{7} ☕ 9\u{A0}am"), "Café ☕ 9\u{A0}am");
        // Text that may have lines keeps its line breaks, and loses the rest.
        assert_eq!(visible("Bring trainers\r\nand a towel", true), "Bring trainers\r\nand a towel");
        assert_eq!(visible("Bring\ttrainers\u{200B}\nand\u{7}a towel", true), "Bring trainers\nand a towel");
        assert_eq!(visible("\u{7}Centre\u{7}", false), " Centre ", "a space may be left at either end");
    }

    #[test]
    fn short_text_is_unchanged_and_long_text_is_cut_with_an_ellipsis() {
        assert_eq!(cap("Stevenage", 20), "Stevenage");
        assert_eq!(cap("abcdef", 4), "abc…");
        assert_eq!(cap(&"é".repeat(600), MAX_SHOWN).chars().count(), MAX_SHOWN);
        assert_eq!(cap("abc", 0), "…");
    }
}
