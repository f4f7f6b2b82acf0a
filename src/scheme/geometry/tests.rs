//! The reader against the `geojson` crate it replaces: the same geometries accepted and refused,
//! the same type names, the same point.

use super::{read, Geometry};
use proptest::prelude::*;
use proptest::test_runner::{Config as RunConfig, TestRunner};
use serde_json::{json, Value};

/// What the `geojson` crate makes of `value`.
fn by_geojson(value: &Value) -> Option<Geometry> {
    let g: geojson::Geometry = serde_json::from_value(value.clone()).ok()?;
    Some(match g.value {
        geojson::GeometryValue::Point { coordinates } => Geometry::Point { lng: coordinates[0], lat: coordinates[1] },
        other => Geometry::Other(other.type_name()),
    })
}

fn same(value: Value) {
    assert_eq!(read(&value), by_geojson(&value), "{value}");
}

#[test]
fn points_are_read_as_the_geojson_crate_reads_them() {
    same(json!({"type": "Point", "coordinates": [-0.2, 51.7]}));
    same(json!({"type": "Point", "coordinates": [-0.2, 51.7, 80]}));
    same(json!({"type": "Point", "coordinates": [1, 2], "bbox": [1, 2, 1, 2], "name": "x"}));
    same(json!({"type": "Point", "coordinates": [1]}));
    same(json!({"type": "Point", "coordinates": []}));
    same(json!({"type": "Point", "coordinates": null}));
    same(json!({"type": "Point"}));
    same(json!({"type": "Point", "coordinates": [1, "2"]}));
    same(json!({"type": "Point", "coordinates": [[1, 2]]}));
    same(json!({"type": "Point", "coordinates": 3}));
    same(json!({"type": "Point", "coordinates": [1, 2], "geometries": []}));
    same(json!({"type": "Point", "coordinates": [1, 2], "bbox": "x"}));
    same(json!({"type": "point", "coordinates": [1, 2]}));
    same(json!({"type": {"Point": null}, "coordinates": [1, 2]}));
    same(json!({"type": {"Point": 1}, "coordinates": [1, 2]}));
    same(json!({"coordinates": [1, 2]}));
    same(json!([1, 2]));
    same(json!("Point"));
}

#[test]
fn other_geometries_are_told_apart_as_the_geojson_crate_tells_them() {
    same(json!({"type": "LineString", "coordinates": [[0, 51], [0, 52]]}));
    same(json!({"type": "LineString", "coordinates": []}));
    same(json!({"type": "LineString", "coordinates": [[0, 51], []]}));
    same(json!({"type": "LineString", "coordinates": [[0, 51], [[0]]]}));
    same(json!({"type": "Polygon", "coordinates": [[[0, 51], [0, 52], [1, 51], [0, 51]]]}));
    same(json!({"type": "Polygon", "coordinates": []}));
    same(json!({"type": "Polygon", "coordinates": [[]]}));
    same(json!({"type": "Polygon", "coordinates": [[], [[1, 2]]]}));
    same(json!({"type": "MultiPolygon", "coordinates": [[[[0, 1]]]]}));
    same(json!({"type": "MultiPolygon", "coordinates": [[[[[0, 1]]]]]}));
    same(json!({"type": "MultiPoint", "coordinates": [[0, 1], [2, 3]]}));
    same(json!({"type": "MultiLineString", "coordinates": []}));
    same(json!({"type": "GeometryCollection", "geometries": []}));
    same(json!({"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [1, 2]}]}));
    same(json!({"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [1]}]}));
    same(json!({"type": "GeometryCollection", "geometries": [], "coordinates": [1, 2]}));
    same(json!({"type": "GeometryCollection", "geometries": [], "coordinates": "x"}));
    same(json!({"type": "GeometryCollection"}));
}

/// Geometry-like values: the real keys with values that are right, nearly right or wrong.
fn geometry_like() -> impl Strategy<Value = Value> {
    let number = prop_oneof![Just(json!(0)), Just(json!(-1.5)), Just(json!(51.75))];
    let leaf = prop_oneof![4 => number, 1 => Just(Value::Null), 1 => Just(json!("1"))];
    let coords = leaf.prop_recursive(5, 40, 4, |inner| prop::collection::vec(inner, 0..4).prop_map(Value::Array));
    let kind = prop_oneof![
        8 => prop::sample::select(super::TYPES.to_vec()).prop_map(|t| json!(t)),
        1 => Just(json!("Circle")),
        1 => Just(json!({"Point": null})),
        1 => Just(json!(7)),
    ];
    let bbox = prop_oneof![Just(json!([0, 1, 2, 3])), Just(json!([])), Just(json!(["a"])), Just(Value::Null)];
    let single = (prop::option::of(kind), prop::option::of(coords), prop::option::of(bbox), any::<bool>()).prop_map(
        |(kind, coords, bbox, foreign)| {
            let mut o = serde_json::Map::new();
            kind.map(|k| o.insert("type".into(), k));
            coords.map(|c| o.insert("coordinates".into(), c));
            bbox.map(|b| o.insert("bbox".into(), b));
            if foreign {
                o.insert("name".into(), json!("x"));
            }
            Value::Object(o)
        },
    );
    single.prop_recursive(2, 12, 3, |inner| {
        (prop::collection::vec(inner, 0..3), any::<bool>()).prop_map(|(gs, collection)| {
            let kind = if collection { "GeometryCollection" } else { "Point" };
            json!({"type": kind, "geometries": gs})
        })
    })
}

#[test]
fn generated_geometries_are_read_as_the_geojson_crate_reads_them() {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(4096);
    let mut runner = TestRunner::new(RunConfig { cases, failure_persistence: None, ..RunConfig::default() });
    let accepted = std::cell::Cell::new(0);
    runner
        .run(&geometry_like(), |value| {
            let ours = read(&value);
            accepted.set(accepted.get() + u32::from(ours.is_some()));
            prop_assert_eq!(ours, by_geojson(&value), "{}", value);
            Ok(())
        })
        .unwrap();
    assert!(accepted.get() > cases / 20, "only {} of {cases} generated geometries were well-formed", accepted.get());
}
