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
    fn short_text_is_unchanged_and_long_text_is_cut_with_an_ellipsis() {
        assert_eq!(cap("Stevenage", 20), "Stevenage");
        assert_eq!(cap("abcdef", 4), "abc…");
        assert_eq!(cap(&"é".repeat(600), MAX_SHOWN).chars().count(), MAX_SHOWN);
        assert_eq!(cap("abc", 0), "…");
    }
}
