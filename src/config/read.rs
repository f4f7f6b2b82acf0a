//! Reading a configuration file's text into a [`Config`], before it is checked.
//!
//! One reader, driven by a table of the file's fields ([`CONFIG`]), stands in for serde's derived
//! `Deserialize` of the eleven structs: the derived code is one copy per struct and per field type
//! (about 29 kB of the web app's wasm), this is one copy in all. It still reads through serde and
//! serde_json's parser, making the same calls the derived code makes in the same order, so it
//! accepts and refuses the same files with the same messages, line and column included: a struct
//! written as an array, `null` for an optional field, defaults only for absent fields, unknown
//! fields skipped, a field given twice refused. A test reads many files with both and compares.
//!
//! Not here: checking the values ([`super::check`]).

use super::{
    default_data_url, default_max_zoom, default_timeout_seconds, Area, BrandColours, Config, Directions,
    GeodataSources, LatLngConfig, OpenData, Postcodes, Tiles,
};
use crate::district::District;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// Reads a configuration file's text (serde_json's errors, as the derived reader gave them).
pub(super) fn config(text: &str) -> Result<Config, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let node = Read(Kind::Record(&CONFIG)).deserialize(&mut de)?;
    de.end()?;
    Ok(to_config(node))
}

/// What a field holds, and how serde names it in a message ("expected a string").
#[derive(Clone, Copy)]
enum Kind {
    Text,
    Number,
    Flag,
    /// `null` or the kind.
    Maybe(&'static Kind),
    List(&'static Kind),
    Record(&'static Shape),
}

/// A struct of the file: its name in messages, and its fields in the order of the Rust struct
/// (the order an array gives them in).
struct Shape {
    /// "struct Area"
    name: &'static str,
    /// "struct Area with 4 elements": what a too-short array was expected to be.
    with_len: &'static str,
    fields: &'static [Field],
}

struct Field {
    name: &'static str,
    kind: Kind,
    /// A required field has no default: its absence is an error.
    required: bool,
}

const fn must(name: &'static str, kind: Kind) -> Field {
    Field { name, kind, required: true }
}

const fn may(name: &'static str, kind: Kind) -> Field {
    Field { name, kind, required: false }
}

use Kind::{Flag, List, Maybe, Number, Record, Text};

static CONFIG: Shape = Shape {
    name: "struct Config",
    with_len: "struct Config with 15 elements",
    fields: &[
        must("title", Text),
        may("intro", Text),
        must("area", Record(&AREA)),
        may("data_url", Text),
        may("brand", Maybe(&Record(&BRAND))),
        must("tiles", Record(&TILES)),
        must("directions", Record(&DIRECTIONS)),
        may("postcodes", Record(&POSTCODES)),
        may("credits", List(&Text)),
        may("allow_http", Flag),
        may("embed_origins", List(&Text)),
        may("maintainer_email", Maybe(&Text)),
        may("timeout_seconds", Number),
        may("open_data", Record(&OPEN_DATA)),
        may("geodata", Record(&GEODATA)),
    ],
};

static AREA: Shape = Shape {
    name: "struct Area",
    with_len: "struct Area with 4 elements",
    fields: &[
        must("name", Text),
        must("districts", List(&Record(&DISTRICT))),
        must("center", Record(&LAT_LNG)),
        must("zoom", Number),
    ],
};

static DISTRICT: Shape = Shape {
    name: "struct District",
    with_len: "struct District with 3 elements",
    fields: &[must("id", Text), must("name", Text), may("gss", Text)],
};

static LAT_LNG: Shape = Shape {
    name: "struct LatLngConfig",
    with_len: "struct LatLngConfig with 2 elements",
    fields: &[must("lat", Number), must("lng", Number)],
};

static BRAND: Shape = Shape {
    name: "struct BrandColours",
    with_len: "struct BrandColours with 2 elements",
    fields: &[must("colour", Text), may("text", Maybe(&Text))],
};

static TILES: Shape = Shape {
    name: "struct Tiles",
    with_len: "struct Tiles with 4 elements",
    fields: &[
        must("url", Text),
        may("max_zoom", Number),
        must("attribution", Text),
        may("attribution_url", Maybe(&Text)),
    ],
};

static DIRECTIONS: Shape = Shape {
    name: "struct Directions",
    with_len: "struct Directions with 3 elements",
    fields: &[must("name", Text), must("url", Text), must("url_without_start", Text)],
};

static POSTCODES: Shape = Shape {
    name: "struct Postcodes",
    with_len: "struct Postcodes with 4 elements",
    fields: &[
        may("local_url", Text),
        may("online_name", Text),
        may("online_url", Text),
        may("online_outcode_url", Text),
    ],
};

static OPEN_DATA: Shape = Shape {
    name: "struct OpenData",
    with_len: "struct OpenData with 6 elements",
    fields: &[
        may("base_url", Text),
        may("licence", Text),
        may("publisher", Text),
        may("publisher_url", Text),
        may("publisher_logo", Text),
        may("discussion_url", Text),
    ],
};

static GEODATA: Shape = Shape {
    name: "struct GeodataSources",
    with_len: "struct GeodataSources with 2 elements",
    fields: &[may("codepoint_url", Text), may("boundaries_url", Text)],
};

/// A value as read, before it becomes a field of [`Config`].
#[derive(Default)]
enum Node {
    /// The field was not in the file.
    #[default]
    Absent,
    Null,
    Text(String),
    Number(f64),
    Flag(bool),
    List(Vec<Node>),
    /// The fields of a [`Shape`], in its order.
    Record(Vec<Node>),
}

/// Reads one value of a kind: the same `Deserializer` call and the same expectation in messages
/// as the derived code (`String`, `f64`, `bool`, `Option`, `Vec`, a struct).
#[derive(Clone, Copy)]
struct Read(Kind);

impl<'de> DeserializeSeed<'de> for Read {
    type Value = Node;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        match self.0 {
            Text => d.deserialize_string(self),
            Number => d.deserialize_f64(self),
            Flag => d.deserialize_bool(self),
            Maybe(_) => d.deserialize_option(self),
            List(_) => d.deserialize_seq(self),
            Record(_) => d.deserialize_struct("", &[], self),
        }
    }
}

impl<'de> Visitor<'de> for Read {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(match self.0 {
            Text => "a string",
            Number => "f64",
            Flag => "a boolean",
            Maybe(_) => "option",
            List(_) => "a sequence",
            Record(shape) => shape.name,
        })
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Text(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Node, E> {
        Ok(Node::Text(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Number(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Number(v as f64))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Number(v as f64))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Flag(v))
    }

    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        match self.0 {
            Maybe(kind) => Read(*kind).deserialize(d),
            _ => Err(de::Error::invalid_type(de::Unexpected::Option, &self)),
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        match self.0 {
            List(kind) => {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element_seed(Read(*kind))? {
                    items.push(item);
                }
                Ok(Node::List(items))
            }
            // A struct written as an array: its fields in order; missing ones at the end take
            // their defaults, or are an error when required.
            Record(shape) => {
                let mut fields = Vec::with_capacity(shape.fields.len());
                for (i, field) in shape.fields.iter().enumerate() {
                    match seq.next_element_seed(Read(field.kind))? {
                        Some(value) => fields.push(value),
                        None if field.required => return Err(de::Error::invalid_length(i, &shape.with_len)),
                        None => fields.push(Node::Absent),
                    }
                }
                Ok(Node::Record(fields))
            }
            _ => Err(de::Error::invalid_type(de::Unexpected::Seq, &self)),
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let Record(shape) = self.0 else { return Err(de::Error::invalid_type(de::Unexpected::Map, &self)) };
        let mut fields: Vec<Node> = shape.fields.iter().map(|_| Node::Absent).collect();
        while let Some(key) = map.next_key_seed(Key(shape))? {
            match key {
                Some(i) => {
                    if !matches!(fields[i], Node::Absent) {
                        return Err(de::Error::duplicate_field(shape.fields[i].name));
                    }
                    fields[i] = map.next_value_seed(Read(shape.fields[i].kind))?;
                }
                // Unknown fields are skipped (but must still be JSON).
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if let Some(field) = shape.fields.iter().zip(&fields).find(|(f, v)| f.required && matches!(v, Node::Absent)) {
            return Err(de::Error::missing_field(field.0.name));
        }
        Ok(Node::Record(fields))
    }
}

/// A key of an object: the index of the shape's field of that name, `None` for an unknown one.
struct Key(&'static Shape);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<usize>, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<usize>, E> {
        Ok(self.0.fields.iter().position(|f| f.name == v))
    }
}

// From the read values to the structs. The reader has made sure that every required field is
// there with its kind, so anything else here is an absent field, which takes its default.

/// The fields of a record, in order (absent ones as `Node::Absent`).
fn fields(node: Node) -> std::vec::IntoIter<Node> {
    match node {
        Node::Record(fields) => fields.into_iter(),
        _ => Vec::new().into_iter(),
    }
}

fn text(node: Option<Node>) -> String {
    text_or(node, String::new)
}

fn text_or(node: Option<Node>, default: fn() -> String) -> String {
    match node {
        Some(Node::Text(s)) => s,
        _ => default(),
    }
}

fn maybe_text(node: Option<Node>) -> Option<String> {
    match node {
        Some(Node::Text(s)) => Some(s),
        _ => None,
    }
}

fn number_or(node: Option<Node>, default: fn() -> f64) -> f64 {
    match node {
        Some(Node::Number(x)) => x,
        _ => default(),
    }
}

fn list<T>(node: Option<Node>, item: fn(Node) -> T) -> Vec<T> {
    match node {
        Some(Node::List(items)) => items.into_iter().map(item).collect(),
        _ => Vec::new(),
    }
}

fn list_item_text(node: Node) -> String {
    text(Some(node))
}

fn to_config(node: Node) -> Config {
    let mut f = fields(node);
    Config {
        title: text(f.next()),
        intro: text(f.next()),
        area: to_area(f.next().unwrap_or_default()),
        data_url: text_or(f.next(), default_data_url),
        brand: match f.next() {
            Some(brand @ Node::Record(_)) => Some(to_brand(brand)),
            _ => None,
        },
        tiles: to_tiles(f.next().unwrap_or_default()),
        directions: to_directions(f.next().unwrap_or_default()),
        postcodes: to_postcodes(f.next().unwrap_or_default()),
        credits: list(f.next(), list_item_text),
        allow_http: matches!(f.next(), Some(Node::Flag(true))),
        embed_origins: list(f.next(), list_item_text),
        maintainer_email: maybe_text(f.next()),
        timeout_seconds: number_or(f.next(), default_timeout_seconds),
        open_data: to_open_data(f.next().unwrap_or_default()),
        geodata: to_geodata(f.next().unwrap_or_default()),
    }
}

fn to_area(node: Node) -> Area {
    let mut f = fields(node);
    Area {
        name: text(f.next()),
        districts: list(f.next(), to_district),
        center: {
            let mut c = fields(f.next().unwrap_or_default());
            LatLngConfig { lat: number_or(c.next(), || 0.0), lng: number_or(c.next(), || 0.0) }
        },
        zoom: number_or(f.next(), || 0.0),
    }
}

fn to_district(node: Node) -> District {
    let mut f = fields(node);
    District { id: text(f.next()), name: text(f.next()), gss: text(f.next()) }
}

fn to_brand(node: Node) -> BrandColours {
    let mut f = fields(node);
    BrandColours { colour: text(f.next()), text: maybe_text(f.next()) }
}

fn to_tiles(node: Node) -> Tiles {
    let mut f = fields(node);
    Tiles {
        url: text(f.next()),
        max_zoom: number_or(f.next(), default_max_zoom),
        attribution: text(f.next()),
        attribution_url: maybe_text(f.next()),
    }
}

fn to_directions(node: Node) -> Directions {
    let mut f = fields(node);
    Directions { name: text(f.next()), url: text(f.next()), url_without_start: text(f.next()) }
}

fn to_postcodes(node: Node) -> Postcodes {
    let mut f = fields(node);
    Postcodes {
        local_url: text(f.next()),
        online_name: text(f.next()),
        online_url: text(f.next()),
        online_outcode_url: text(f.next()),
        schemes: Default::default(),
    }
}

fn to_open_data(node: Node) -> OpenData {
    let mut f = fields(node);
    OpenData {
        base_url: text(f.next()),
        licence: text(f.next()),
        publisher: text(f.next()),
        publisher_url: text(f.next()),
        publisher_logo: text(f.next()),
        discussion_url: text(f.next()),
    }
}

fn to_geodata(node: Node) -> GeodataSources {
    let mut f = fields(node);
    GeodataSources { codepoint_url: text(f.next()), boundaries_url: text(f.next()) }
}

#[cfg(test)]
mod tests;
