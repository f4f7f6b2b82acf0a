//! Districts: the local-authority areas a scheme sits in, and their outlines on the map.
//!
//! Districts are data, not code: the list comes from the runtime configuration
//! ([`crate::config::Area`]), so another county only changes its config file. Their outlines come
//! from the site's `districts.geojson` ([`outlines`]).

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One district of the area.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct District {
    /// Stable identifier used in data files and URLs, e.g. `stevenage`.
    pub id: String,
    /// The name a person reads, e.g. `North Hertfordshire`.
    pub name: String,
    /// The ONS GSS code (`LAD24CD`), used to match district boundaries.
    #[serde(default)]
    pub gss: String,
}

/// Finds a district by its id, its GSS code or its name (any case, spaces and hyphens alike).
pub fn find<'a>(districts: &'a [District], word: &str) -> Option<&'a District> {
    // The exact id is by far the commonest case (every feature of a data file): no folding.
    if let Some(d) = districts.iter().find(|d| d.id == word) {
        return Some(d);
    }
    let key = fold(word);
    districts.iter().find(|d| {
        d.id == word
            || fold(&d.id) == key
            || fold(&d.name) == key
            || (!d.gss.is_empty() && d.gss.eq_ignore_ascii_case(word.trim()))
    })
}

/// What the map draws of a districts GeoJSON file (the site's `districts.geojson`, untrusted like
/// any download): the Polygon and MultiPolygon geometries of its features, those in a
/// GeometryCollection too, as a JSON array of bare geometries (Leaflet's `L.geoJSON` takes one).
/// Any other geometry is left out: a point, which Leaflet would draw as a marker among the schemes',
/// a line, a collection within a collection (GeoJSON says they should not nest). So are the
/// features' properties: no names or other values reach the page. `None` when the text is not a
/// GeoJSON FeatureCollection; a leading byte-order mark is allowed.
pub fn outlines(text: &str) -> Option<String> {
    let value = crate::dataset::json(text)?;
    if kind(&value) != Some("FeatureCollection") {
        return None;
    }
    let mut out = String::from("[");
    for feature in value.get("features")?.as_array()? {
        let Some(geometry) = feature.get("geometry") else { continue };
        let parts = match geometry.get("geometries").and_then(Value::as_array) {
            Some(parts) if kind(geometry) == Some("GeometryCollection") => &parts[..],
            _ => std::slice::from_ref(geometry),
        };
        for g in parts.iter().filter(|g| matches!(kind(g), Some("Polygon" | "MultiPolygon"))) {
            if out.len() > 1 {
                out.push(',');
            }
            out.push_str(&crate::shown::json(g));
        }
    }
    out.push(']');
    Some(out)
}

/// A GeoJSON object's `type`.
fn kind(v: &Value) -> Option<&str> {
    v.get("type").and_then(Value::as_str)
}

fn fold(s: &str) -> String {
    crate::case::lower(s.trim())
        .chars()
        .map(|c| if c == '-' || c == '_' { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two() -> Vec<District> {
        vec![
            District { id: "north-hertfordshire".into(), name: "North Hertfordshire".into(), gss: "E07000099".into() },
            District { id: "stevenage".into(), name: "Stevenage".into(), gss: "E07000243".into() },
        ]
    }

    #[test]
    fn the_outlines_are_the_polygons_only() {
        use serde_json::json;
        let square =
            json!({"type": "Polygon", "coordinates": [[[-0.3, 51.8], [-0.3, 52.0], [-0.1, 52.0], [-0.3, 51.8]]]});
        let two = json!({"type": "MultiPolygon", "coordinates": [[[[-0.3, 51.8], [-0.3, 52.0], [-0.1, 52.0], [-0.3, 51.8]]]]});
        let point = json!({"type": "Point", "coordinates": [-0.2, 51.9]});
        let line = json!({"type": "LineString", "coordinates": [[-0.3, 51.8], [-0.1, 51.95]]});
        let feature = |geometry: serde_json::Value| json!({"type": "Feature", "properties": {"name": "<b>Stevenage</b>"}, "geometry": geometry});
        let file = json!({"type": "FeatureCollection", "features": [
            feature(square.clone()),
            feature(json!({"type": "GeometryCollection", "geometries": [point, two.clone(), line]})),
            feature(point),
            feature(json!({"type": "MultiPoint", "coordinates": [[-0.25, 51.85]]})),
            feature(line),
            feature(json!({"type": "GeometryCollection", "geometries": [{"type": "GeometryCollection", "geometries": [square]}]})),
            feature(json!(null)),
            feature(json!({"type": "GeometryCollection", "geometries": "all"})),
            json!("not a feature"),
        ]});
        let drawn: serde_json::Value = serde_json::from_str(&outlines(&file.to_string()).unwrap()).unwrap();
        assert_eq!(drawn, json!([square, two]));
    }

    #[test]
    fn outlines_of_a_file_that_is_not_a_feature_collection_are_none() {
        for text in [
            "",
            "<html>",
            "[]",
            r#"{"type":"Feature"}"#,
            r#"{"type":"FeatureCollection"}"#,
            r#"{"type":"FeatureCollection","features":{}}"#,
        ] {
            assert_eq!(outlines(text), None, "{text}");
        }
        assert_eq!(outlines(r#"{"type":"FeatureCollection","features":[]}"#).as_deref(), Some("[]"));
        let bom = "\u{feff}{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[]}}]}";
        assert_eq!(
            outlines(bom).as_deref(),
            Some(r#"[{"type":"Polygon","coordinates":[]}]"#),
            "a byte-order mark is allowed"
        );
    }

    #[test]
    fn finds_by_id_name_or_code() {
        let d = two();
        assert_eq!(find(&d, "stevenage").unwrap().name, "Stevenage");
        assert_eq!(find(&d, "North Hertfordshire").unwrap().id, "north-hertfordshire");
        assert_eq!(find(&d, "north_hertfordshire").unwrap().id, "north-hertfordshire");
        assert_eq!(find(&d, "e07000243").unwrap().id, "stevenage");
        assert!(find(&d, "Luton").is_none());
    }
}
