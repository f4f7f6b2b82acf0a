//! The table-driven reader against serde's derived one: the same files accepted with the same
//! values, the same files refused with the same message (line and column included) and kind.
//!
//! The files: the shipped configuration and a variant with every optional field given, each
//! changed at every place (every field and list item removed, given twice, replaced by values of
//! every JSON kind, every struct written as an array, whole, short or long, unknown fields added),
//! two and three such changes at a time, every prefix of the files, and junk.

use super::super::{Config, DEFAULT_JSON};
use super::*;

/// serde's derived reader, as `Config::from_json` used it before.
fn derived(text: &str) -> Result<Config, serde_json::Error> {
    serde_json::from_str::<Config>(text)
}

#[derive(Default)]
struct Tally {
    accepted: usize,
    refused: usize,
}

impl Tally {
    /// Reads `text` with both readers and asserts that they agree.
    fn compare(&mut self, text: &str) {
        match (derived(text), config(text)) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a, b, "both accept, with different values: {text}");
                self.accepted += 1;
            }
            (Err(a), Err(b)) => {
                assert_eq!(a.to_string(), b.to_string(), "different messages for {text}");
                assert_eq!(a.classify(), b.classify(), "different kinds of error for {text}");
                self.refused += 1;
            }
            (a, b) => panic!("one accepts, the other refuses:\nderived {:?}\ntable {:?}\nfor {text}", a.err(), b.err()),
        }
    }
}

/// JSON as text, keeping what a `Value` would lose: a key given twice, a key's spelling.
#[derive(Clone, Debug)]
enum J {
    /// Any JSON value other than an array or an object, as text.
    Raw(String),
    Arr(Vec<J>),
    /// Keys as JSON text (with their quotes).
    Obj(Vec<(String, J)>),
}

impl J {
    fn from_value(v: &serde_json::Value) -> J {
        match v {
            serde_json::Value::Array(items) => J::Arr(items.iter().map(J::from_value).collect()),
            serde_json::Value::Object(m) => J::Obj(m.iter().map(|(k, v)| (quote(k), J::from_value(v))).collect()),
            other => J::Raw(other.to_string()),
        }
    }

    fn raw(text: &str) -> J {
        J::Raw(text.into())
    }

    fn write(&self, out: &mut String) {
        match self {
            J::Raw(t) => out.push_str(t),
            J::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            J::Obj(members) => {
                out.push('{');
                for (i, (k, v)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(k);
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }

    fn text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn child(&mut self, i: usize) -> &mut J {
        match self {
            J::Arr(items) => &mut items[i],
            J::Obj(members) => &mut members[i].1,
            J::Raw(_) => unreachable!("a raw value has no children"),
        }
    }

    fn at(&mut self, path: &[usize]) -> &mut J {
        path.iter().fold(self, |j, &i| j.child(i))
    }
}

fn quote(key: &str) -> String {
    serde_json::to_string(key).unwrap()
}

/// Every place in `j`, as the indices of the children leading to it (not the root).
fn places(j: &J, here: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    let children: Vec<&J> = match j {
        J::Raw(_) => vec![],
        J::Arr(items) => items.iter().collect(),
        J::Obj(members) => members.iter().map(|(_, v)| v).collect(),
    };
    for (i, child) in children.into_iter().enumerate() {
        here.push(i);
        out.push(here.clone());
        places(child, here, out);
        here.pop();
    }
}

/// The struct an object at `path` is read as, found by the field names leading to it.
fn shape_at(root: &J, path: &[usize]) -> Option<&'static Shape> {
    let mut shape = &CONFIG;
    let mut kind = Record(&CONFIG);
    let mut j = root;
    for &i in path {
        kind = match (j, kind) {
            (J::Obj(members), Record(s)) => {
                let name: String = serde_json::from_str(&members[i].0).unwrap();
                j = &members[i].1;
                s.fields.iter().find(|f| f.name == name)?.kind
            }
            (J::Arr(items), List(k)) => {
                j = &items[i];
                *k
            }
            _ => return None,
        };
        kind = match kind {
            Maybe(k) => *k,
            k => k,
        };
        if let Record(s) = kind {
            shape = s;
        }
    }
    match kind {
        Record(_) => Some(shape),
        _ => None,
    }
}

/// A value of a kind that the readers accept.
fn value_of(kind: Kind) -> J {
    match kind {
        Text => J::raw("\"x\""),
        Number => J::raw("7"),
        Flag => J::raw("false"),
        Maybe(_) => J::raw("null"),
        List(_) => J::raw("[]"),
        Record(s) => J::Arr(s.fields.iter().map(|f| value_of(f.kind)).collect()),
    }
}

/// Values of every JSON kind, and numbers at the edges.
const VALUES: &[&str] = &[
    "null",
    "true",
    "false",
    "0",
    "-0",
    "-12",
    "10",
    "1.5",
    "1e3",
    "2E-3",
    "1e400",
    "-1e400",
    "1e-400",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775808",
    "-9223372036854775809",
    "\"\"",
    "\"text\"",
    "\"t\\u00e9\\n\"",
    "[]",
    "[null]",
    "[\"a\",\"b\"]",
    "[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16]",
    "{}",
    "{\"id\":\"x\",\"name\":\"X\"}",
    "{\"lat\":51.8,\"lng\":-0.2}",
    "{\"colour\":\"#000000\"}",
    "[[],{}]",
];

/// One change at one place: `n` picks which.
fn change(root: &mut J, path: &[usize], n: usize) {
    let shape = shape_at(root, path);
    let (parent_path, last) = path.split_at(path.len() - 1);
    let i = last[0];
    let parent = root.at(parent_path);
    let k = n % (VALUES.len() + 8);
    if k < VALUES.len() {
        *parent.child(i) = J::raw(VALUES[k]);
        return;
    }
    match (k - VALUES.len(), parent) {
        // Removed.
        (0, J::Arr(items)) => {
            items.remove(i);
        }
        (0, J::Obj(members)) => {
            members.remove(i);
        }
        // Given twice, the same or (n) another value; second before or after the first.
        (1 | 2, J::Arr(items)) => {
            let copy = items[i].clone();
            items.insert(i, copy);
        }
        (1, J::Obj(members)) => {
            let copy = members[i].clone();
            members.insert(i + 1, copy);
        }
        (2, J::Obj(members)) => {
            let key = members[i].0.clone();
            members.insert(i, (key, J::raw(VALUES[n / 7 % VALUES.len()])));
        }
        // The key spelt with an escape (the same key), or changed in case (another key).
        (3, J::Obj(members)) => {
            let key: String = serde_json::from_str(&members[i].0).unwrap();
            let mut chars = key.chars();
            if let Some(first) = chars.next() {
                members[i].0 = format!("\"\\u{:04x}{}\"", first as u32, chars.as_str());
            }
        }
        (4, J::Obj(members)) => {
            members[i].0 = crate::case::upper(&members[i].0);
        }
        // An unknown field, with any value, in the object at this place or beside it.
        (5, parent) => {
            let target = match parent.child(i) {
                J::Obj(_) => parent.child(i),
                _ => parent,
            };
            if let J::Obj(members) = target {
                let at = n / 3 % (members.len() + 1);
                members.insert(at, ("\"zz_unknown\"".into(), J::raw(VALUES[n / 5 % VALUES.len()])));
            }
        }
        // A struct written as an array: whole, missing its last fields, or with one too many.
        (6 | 7, parent) => {
            if let (Some(shape), J::Obj(members)) = (shape, parent.child(i).clone()) {
                let mut items: Vec<J> = shape
                    .fields
                    .iter()
                    .map(|f| {
                        let found = members.iter().find(|(k, _)| serde_json::from_str::<String>(k).unwrap() == f.name);
                        found.map_or_else(|| value_of(f.kind), |(_, v)| v.clone())
                    })
                    .collect();
                match n / 11 % 4 {
                    0 => {}
                    1 => items.push(J::raw("1")),
                    m => items.truncate(items.len().saturating_sub(m - 1 + n % 3)),
                }
                *parent.child(i) = J::Arr(items);
            }
        }
        _ => {}
    }
}

/// The shipped file with every optional field given (and the brand's optional text absent).
fn everything() -> J {
    let mut v: serde_json::Value = serde_json::from_str(DEFAULT_JSON).unwrap();
    v["brand"] = serde_json::json!({ "colour": "#1d70b8", "text": "#ffffff" });
    v["allow_http"] = true.into();
    v["embed_origins"] = serde_json::json!(["https://www.example.gov.uk", "http://127.0.0.1:8000"]);
    v["open_data"]["publisher_logo"] = "https://referral-map.example.org/logo.png".into();
    v["open_data"]["discussion_url"] = "https://referral-map.example.org/issues".into();
    v["intro"] = serde_json::Value::Null;
    J::from_value(&v)
}

fn bases() -> Vec<J> {
    let shipped: serde_json::Value = serde_json::from_str(DEFAULT_JSON).unwrap();
    let mut small = J::from_value(&shipped);
    // Fewest fields: the optional ones removed.
    if let J::Obj(members) = &mut small {
        members.retain(|(k, _)| ["\"title\"", "\"area\"", "\"tiles\"", "\"directions\""].contains(&k.as_str()));
    }
    vec![J::from_value(&shipped), everything(), small]
}

#[test]
fn the_shipped_file_reads_the_same_with_both() {
    let mut tally = Tally::default();
    tally.compare(DEFAULT_JSON);
    assert_eq!(tally.accepted, 1);
}

#[test]
fn one_change_anywhere_reads_the_same_with_both() {
    let mut tally = Tally::default();
    for base in bases() {
        tally.compare(&base.text());
        let mut all = Vec::new();
        places(&base, &mut Vec::new(), &mut all);
        for path in &all {
            for n in 0..(VALUES.len() + 8) * 3 {
                let mut j = base.clone();
                change(&mut j, path, n);
                tally.compare(&j.text());
            }
        }
    }
    // Both outcomes are reached often (so this compares something).
    assert!(tally.accepted > 1000 && tally.refused > 5000, "{} accepted, {} refused", tally.accepted, tally.refused);
}

#[test]
fn several_changes_read_the_same_with_both() {
    let mut tally = Tally::default();
    // A fixed pseudo-random walk (xorshift), so a failure can be replayed.
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed as usize
    };
    for base in bases() {
        for _ in 0..3000 {
            let mut j = base.clone();
            for _ in 0..2 + next() % 2 {
                let mut all = Vec::new();
                places(&j, &mut Vec::new(), &mut all);
                if all.is_empty() {
                    break;
                }
                let path = all[next() % all.len()].clone();
                change(&mut j, &path, next());
            }
            tally.compare(&j.text());
        }
    }
    assert!(tally.accepted > 100 && tally.refused > 3000, "{} accepted, {} refused", tally.accepted, tally.refused);
}

#[test]
fn every_prefix_and_junk_reads_the_same_with_both() {
    let mut tally = Tally::default();
    let texts: Vec<String> = bases().iter().map(J::text).chain([DEFAULT_JSON.to_string()]).collect();
    for text in &texts {
        for (end, _) in text.char_indices() {
            tally.compare(&text[..end]);
        }
        // Followed by more.
        for tail in [" ", "\n", "x", "{}", ",", "]", "}", " null"] {
            tally.compare(&format!("{text}{tail}"));
        }
    }
    for junk in [
        "",
        " ",
        "null",
        "true",
        "0",
        "\"config\"",
        "[]",
        "{}",
        "[[]]",
        "[\"title\"]",
        "{\"title\":",
        "{\"title\"}",
        "{,}",
        "{\"title\":\"t\",}",
        "[1,]",
        "\u{feff}{}",
        "{\"title\":\"t\"}",
        "{\"title\":\"t\",\"title\":1}",
        "{\"area\":1,\"title\":2",
        "{\"title\":\"\\ud800\"}",
        "{\"title\":\"\\x\"}",
        "{\"title\":'t'}",
        "{\"a\":01}",
        "{\"tiles\":{\"url\":1,",
        "{\"credits\":[\"a\",1",
        "[\"t\",\"i\",[\"n\",[],[1,2],5]]",
    ] {
        tally.compare(junk);
    }
    assert!(tally.accepted >= 3 && tally.refused > 5000, "{} accepted, {} refused", tally.accepted, tally.refused);
}

#[test]
fn a_deeply_nested_unknown_field_is_refused_the_same_way() {
    let mut tally = Tally::default();
    for depth in [100, 126, 127, 128, 129, 200] {
        let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let text = DEFAULT_JSON.replacen('{', &format!("{{\"deep\":{deep},"), 1);
        tally.compare(&text);
        let in_credits = DEFAULT_JSON.replacen("\"credits\": [", &format!("\"credits\": [{deep},"), 1);
        tally.compare(&in_credits);
    }
    assert!(tally.accepted >= 1 && tally.refused >= 1, "{} accepted, {} refused", tally.accepted, tally.refused);
}
