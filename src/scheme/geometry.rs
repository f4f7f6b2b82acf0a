//! Reading a scheme's GeoJSON `geometry` from its JSON value: which geometry it is, and for a Point
//! its position.
//!
//! The rules are the `geojson` crate's (1.0), which the data tool and the app used before: the same
//! values are accepted and refused (a test compares the two on generated geometries). Read straight
//! from the `serde_json::Value` the feature already is, so the web app's wasm carries neither that
//! crate's deserialisers nor a copy of each geometry (docs/benchmarks.md, "What fills the wasm").
//! Not here: whether the point is in the UK (`Scheme::from_feature` says that).

use serde_json::Value;

/// A well-formed GeoJSON geometry, as far as a scheme needs to know it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Geometry {
    /// A Point: its first two numbers (longitude, latitude; any more are ignored).
    Point { lng: f64, lat: f64 },
    /// Any other well-formed geometry, by its GeoJSON type name ("LineString", "Polygon"…).
    Other(&'static str),
}

const TYPES: [&str; 7] =
    ["Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon", "GeometryCollection"];

/// The geometry `value` is, or `None` when it is not a well-formed GeoJSON geometry.
pub(super) fn read(value: &Value) -> Option<Geometry> {
    let Value::Object(object) = value else { return None };
    let kind = kind(object.get("type")?)?;
    let coordinates = match object.get("coordinates") {
        None | Some(Value::Null) => None,
        Some(c) => Some(coordinates(c)?),
    };
    let geometries = match object.get("geometries") {
        None | Some(Value::Null) => false,
        Some(Value::Array(items)) if items.iter().all(|g| read(g).is_some()) => true,
        Some(_) => return None,
    };
    match object.get("bbox") {
        None | Some(Value::Null) => {}
        Some(Value::Array(numbers)) if numbers.iter().all(Value::is_number) => {}
        Some(_) => return None,
    }
    match (kind, coordinates, geometries) {
        ("GeometryCollection", _, true) => Some(Geometry::Other(kind)),
        (_, _, true) | ("GeometryCollection", _, false) | (_, None, false) => None,
        ("Point", Some(Coordinates::Position(p)), false) => match p {
            [lng, lat, ..] => Some(Geometry::Point { lng: lng.as_f64()?, lat: lat.as_f64()? }),
            _ => None,
        },
        (_, Some(Coordinates::Nested { depth, empty }), false) => {
            let fits = match kind {
                "LineString" | "MultiPoint" => depth == 1,
                "Polygon" | "MultiLineString" => depth == 2 || empty,
                "MultiPolygon" => depth == 3 || empty,
                _ => false,
            };
            fits.then_some(Geometry::Other(kind))
        }
        (_, Some(Coordinates::Position(_)), false) => None,
    }
}

/// The geometry's type: a name, or (as serde reads an enum from JSON) an object whose one key is
/// the name and whose value is null.
fn kind(value: &Value) -> Option<&'static str> {
    let name = match value {
        Value::String(name) => name,
        Value::Object(o) if o.len() == 1 => match o.iter().next() {
            Some((name, Value::Null)) => name,
            _ => return None,
        },
        _ => return None,
    };
    TYPES.into_iter().find(|t| t == name)
}

/// The shape of a `coordinates` value.
enum Coordinates<'a> {
    /// A position: a list of numbers that starts with a number.
    Position(&'a [Value]),
    /// Lists of positions nested `depth` deep (1 = a list of positions); `empty` for `[]`.
    Nested { depth: u8, empty: bool },
}

/// The first element decides the depth; the others must have the same shape below it (each
/// position any length). Deeper than lists of lists of lists of positions is refused.
fn coordinates(value: &Value) -> Option<Coordinates<'_>> {
    let Value::Array(items) = value else { return None };
    let depth = match items.first() {
        None => return Some(Coordinates::Nested { depth: 1, empty: true }),
        Some(Value::Number(_)) => {
            return items.iter().all(Value::is_number).then_some(Coordinates::Position(items));
        }
        Some(first @ Value::Array(_)) => match coordinates(first)? {
            Coordinates::Position(_) => 1,
            Coordinates::Nested { depth: 3, .. } => return None,
            Coordinates::Nested { depth, .. } => depth + 1,
        },
        Some(_) => return None,
    };
    items[1..].iter().all(|item| nested(item, depth - 1)).then_some(Coordinates::Nested { depth, empty: false })
}

/// Whether `value` is positions nested `depth` deep (0 = one position, possibly empty).
fn nested(value: &Value, depth: u8) -> bool {
    match value {
        Value::Array(items) if depth == 0 => items.iter().all(Value::is_number),
        Value::Array(items) => items.iter().all(|item| nested(item, depth - 1)),
        _ => false,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
