//! District boundaries (ONS local authority districts) and which district a point is in.
//!
//! Each boundary is matched to a configured district by its GSS code (`LAD24CD`, or any
//! property holding a configured code), so the configuration stays the one list of districts.

use crate::district::District;
use crate::scheme::LatLng;
use geo::{BoundingRect, Coord, Intersects, LineString, MultiPolygon, Polygon, Rect};
use serde_json::Value;
use std::path::Path;

/// The configured districts' boundaries.
#[derive(Clone, Debug, Default)]
pub struct DistrictBoundaries {
    areas: Vec<Area>,
}

#[derive(Clone, Debug)]
struct Area {
    district: String,
    /// The district's polygons, each with its bounding box (checked first: it is cheap).
    parts: Vec<(Polygon<f64>, Rect<f64>)>,
}

impl DistrictBoundaries {
    /// Reads a GeoJSON file of district polygons.
    pub fn read(path: &Path, districts: &[District]) -> Result<DistrictBoundaries, String> {
        let text = super::read_text(path)?;
        DistrictBoundaries::from_geojson(&text, districts).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// As [`read`](DistrictBoundaries::read), from the file's text. Every configured district
    /// must have a boundary.
    pub fn from_geojson(text: &str, districts: &[District]) -> Result<DistrictBoundaries, String> {
        let value: Value = serde_json::from_str(text).map_err(|_| "the boundaries file is not JSON".to_string())?;
        let features =
            value.get("features").and_then(Value::as_array).ok_or("the boundaries file is not a FeatureCollection")?;
        let mut areas = Vec::new();
        for f in features {
            let Some(props) = f.get("properties").and_then(Value::as_object) else {
                continue;
            };
            let found = districts.iter().find(|d| {
                !d.gss.is_empty() && props.values().any(|v| v.as_str().is_some_and(|s| s.eq_ignore_ascii_case(&d.gss)))
            });
            let Some(district) = found else { continue };
            let shape = shape(f.get("geometry"))
                .ok_or_else(|| format!("the boundary of {} is not a polygon", district.name))?;
            let parts: Vec<(Polygon<f64>, Rect<f64>)> =
                shape.0.into_iter().filter_map(|p| p.bounding_rect().map(|b| (p, b))).collect();
            if parts.is_empty() {
                return Err(format!("the boundary of {} is empty", district.name));
            }
            areas.push(Area { district: district.id.clone(), parts });
        }
        let missing: Vec<String> = districts
            .iter()
            .filter(|d| !areas.iter().any(|a| a.district == d.id))
            .map(|d| format!("{} ({})", d.name, if d.gss.is_empty() { "no GSS code configured" } else { &d.gss }))
            .collect();
        if !missing.is_empty() {
            return Err(format!("the boundaries file has no boundary for {}", missing.join(", ")));
        }
        Ok(DistrictBoundaries { areas })
    }

    /// The id of the configured district that contains the point (a point on a shared edge
    /// belongs to the first), or `None` outside them all.
    pub fn district_at(&self, p: LatLng) -> Option<&str> {
        let c = Coord { x: p.lng, y: p.lat };
        self.areas
            .iter()
            .find(|a| a.parts.iter().any(|(poly, bounds)| bounds.intersects(&c) && poly.intersects(&c)))
            .map(|a| a.district.as_str())
    }
}

impl DistrictBoundaries {
    /// The boundaries as the site's `districts.geojson`: one MultiPolygon feature per configured
    /// district, with its `id` and `name`, coordinates rounded to 5 decimal places (about 1 m).
    /// The map draws these outlines, so it shows where things are even without map tiles.
    pub fn to_geojson(&self, districts: &[District]) -> Value {
        let r = |x: f64| (x * 1e5).round() / 1e5;
        let ring =
            |l: &LineString<f64>| Value::Array(l.coords().map(|c| serde_json::json!([r(c.x), r(c.y)])).collect());
        let features: Vec<Value> = self
            .areas
            .iter()
            .map(|a| {
                let name =
                    districts.iter().find(|d| d.id == a.district).map_or(a.district.as_str(), |d| d.name.as_str());
                let polygons: Vec<Value> = a
                    .parts
                    .iter()
                    .map(|(p, _)| Value::Array(std::iter::once(p.exterior()).chain(p.interiors()).map(ring).collect()))
                    .collect();
                serde_json::json!({
                    "type": "Feature",
                    "properties": { "id": a.district, "name": name },
                    "geometry": { "type": "MultiPolygon", "coordinates": polygons },
                })
            })
            .collect();
        serde_json::json!({ "type": "FeatureCollection", "features": features })
    }
}

/// The configured districts cut out of an ONS Local Authority Districts boundaries file
/// (GeoJSON, any vintage: the codes are in `LADyyCD`, the names in `LADyyNM`).
#[derive(Clone, Debug, PartialEq)]
pub struct OnsSelection {
    /// A FeatureCollection with one feature per configured district, in the configuration's
    /// order, keeping only the code and name properties, coordinates rounded to 5 decimal places.
    pub geojson: Value,
    /// "LAD24" (from the property names): the boundaries' vintage.
    pub vintage: String,
}

/// Keeps only the configured districts (matched by GSS code) of an ONS boundaries file. An error
/// says what is wrong: not GeoJSON, no `LADyyCD` property, or configured codes it lacks.
pub fn select_ons(text: &str, districts: &[District]) -> Result<OnsSelection, String> {
    let value: Value = serde_json::from_str(text).map_err(|_| "the boundaries file is not JSON".to_string())?;
    let features = value
        .get("features")
        .and_then(Value::as_array)
        .ok_or("the boundaries file is not a GeoJSON FeatureCollection")?;
    let code_key = features
        .iter()
        .filter_map(|f| f.get("properties").and_then(Value::as_object))
        .flat_map(|p| p.keys())
        .find(|k| is_lad_code_key(k))
        .cloned()
        .ok_or("the boundaries file has no LADyyCD property: give ONS Local Authority Districts boundaries")?;
    let name_key = format!("{}{}", &code_key[..5], if code_key.ends_with("cd") { "nm" } else { "NM" });
    fn code_of<'a>(f: &'a Value, key: &str) -> Option<&'a str> {
        f.get("properties").and_then(|p| p.get(key)).and_then(Value::as_str)
    }

    let mut kept = Vec::new();
    let mut missing = Vec::new();
    for d in districts {
        let found = features
            .iter()
            .find(|f| code_of(f, &code_key).is_some_and(|c| !d.gss.is_empty() && c.eq_ignore_ascii_case(&d.gss)));
        let Some(f) = found else {
            missing.push(format!("{} ({})", d.name, if d.gss.is_empty() { "no GSS code configured" } else { &d.gss }));
            continue;
        };
        let geometry = f.get("geometry").ok_or_else(|| format!("the boundary of {} has no geometry", d.name))?;
        let rounded = round_geometry(geometry).ok_or_else(|| format!("the boundary of {} is not a polygon", d.name))?;
        let name = f.get("properties").and_then(|p| p.get(&name_key)).and_then(Value::as_str).unwrap_or(&d.name);
        let mut props = serde_json::Map::new();
        props.insert(code_key.clone(), Value::String(d.gss.clone()));
        props.insert(name_key.clone(), Value::String(name.to_string()));
        kept.push(serde_json::json!({ "type": "Feature", "properties": props, "geometry": rounded }));
    }
    if kept.is_empty() {
        return Err(format!(
            "the boundaries file has none of the configured districts' GSS codes ({}): is it the right file for this area?",
            districts.iter().map(|d| d.gss.as_str()).collect::<Vec<_>>().join(", ")
        ));
    }
    if !missing.is_empty() {
        return Err(format!("the boundaries file has no boundary for {}", missing.join(", ")));
    }
    Ok(OnsSelection {
        geojson: serde_json::json!({ "type": "FeatureCollection", "features": kept }),
        vintage: code_key[..5].to_ascii_uppercase(),
    })
}

/// `LAD24CD`, `lad19cd`: the code property of any vintage.
fn is_lad_code_key(k: &str) -> bool {
    let b = k.as_bytes();
    b.len() == 7
        && b[..3].eq_ignore_ascii_case(b"LAD")
        && b[3].is_ascii_digit()
        && b[4].is_ascii_digit()
        && b[5..].eq_ignore_ascii_case(b"CD")
}

/// A Polygon or MultiPolygon with coordinates rounded to 5 decimal places (about a metre;
/// ONS's generalised boundaries are drawn to 20 m), repeated points dropped. `None` for any
/// other geometry, or a ring that falls apart.
fn round_geometry(g: &Value) -> Option<Value> {
    let r = |x: f64| (x * 1e5).round() / 1e5;
    let ring = |points: &Value| -> Option<Value> {
        let mut out: Vec<[f64; 2]> = Vec::new();
        for p in points.as_array()? {
            let xy = p.as_array()?;
            let q = [r(xy.first()?.as_f64()?), r(xy.get(1)?.as_f64()?)];
            if out.last() != Some(&q) {
                out.push(q);
            }
        }
        (out.len() >= 4 && out.first() == out.last()).then(|| serde_json::json!(out))
    };
    let polygon = |rings: &Value| -> Option<Value> {
        rings.as_array()?.iter().map(ring).collect::<Option<Vec<_>>>().map(Value::Array)
    };
    let coords = g.get("coordinates")?;
    let (kind, rounded) = match g.get("type")?.as_str()? {
        "Polygon" => ("Polygon", polygon(coords)?),
        "MultiPolygon" => {
            ("MultiPolygon", Value::Array(coords.as_array()?.iter().map(polygon).collect::<Option<_>>()?))
        }
        _ => return None,
    };
    Some(serde_json::json!({ "type": kind, "coordinates": rounded }))
}

fn shape(geometry: Option<&Value>) -> Option<MultiPolygon<f64>> {
    let g = geometry?;
    let coords = g.get("coordinates")?;
    match g.get("type")?.as_str()? {
        "Polygon" => Some(MultiPolygon(vec![polygon(coords)?])),
        "MultiPolygon" => coords.as_array()?.iter().map(polygon).collect::<Option<Vec<_>>>().map(MultiPolygon),
        _ => None,
    }
}

fn polygon(rings: &Value) -> Option<Polygon<f64>> {
    let mut rings = rings.as_array()?.iter().map(ring);
    let exterior = rings.next()??;
    let interiors = rings.collect::<Option<Vec<_>>>()?;
    Some(Polygon::new(exterior, interiors))
}

fn ring(points: &Value) -> Option<LineString<f64>> {
    points
        .as_array()?
        .iter()
        .map(|p| {
            let xy = p.as_array()?;
            Some(Coord { x: xy.first()?.as_f64()?, y: xy.get(1)?.as_f64()? })
        })
        .collect::<Option<Vec<_>>>()
        .filter(|c| c.len() >= 4)
        .map(LineString::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two() -> Vec<District> {
        vec![
            District { id: "west".into(), name: "West".into(), gss: "E1".into() },
            District { id: "east".into(), name: "East".into(), gss: "E2".into() },
        ]
    }

    const SQUARES: &str = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"LAD24CD":"E1"},"geometry":{"type":"Polygon","coordinates":[[[0,51],[0,52],[1,52],[1,51],[0,51]]]}},
      {"type":"Feature","properties":{"LAD24CD":"E2"},"geometry":{"type":"MultiPolygon","coordinates":[[[[1,51],[1,52],[2,52],[2,51],[1,51]]]]}},
      {"type":"Feature","properties":{"LAD24CD":"E9"},"geometry":{"type":"Polygon","coordinates":[[[5,51],[5,52],[6,52],[6,51],[5,51]]]}}
    ]}"#;

    #[test]
    fn a_point_is_in_the_district_whose_polygon_holds_it() {
        let b = DistrictBoundaries::from_geojson(SQUARES, &two()).unwrap();
        assert_eq!(b.district_at(LatLng { lat: 51.5, lng: 0.5 }), Some("west"));
        assert_eq!(b.district_at(LatLng { lat: 51.5, lng: 1.5 }), Some("east"));
        assert_eq!(b.district_at(LatLng { lat: 51.5, lng: 5.5 }), None, "not a configured district");
        assert_eq!(b.district_at(LatLng { lat: 53.0, lng: 0.5 }), None);
    }

    #[test]
    fn a_configured_district_without_a_boundary_is_an_error() {
        let mut d = two();
        d.push(District { id: "north".into(), name: "North".into(), gss: "E3".into() });
        assert_eq!(
            DistrictBoundaries::from_geojson(SQUARES, &d).unwrap_err(),
            "the boundaries file has no boundary for North (E3)"
        );
        assert!(DistrictBoundaries::from_geojson("<html>", &d).is_err());
    }

    #[test]
    fn an_ons_file_is_cut_to_the_configured_districts_in_their_order() {
        let ons = SQUARES
            .replace("LAD24CD", "LAD19CD")
            .replace(r#""LAD19CD":"E2""#, r#""LAD19CD":"E2","LAD19NM":"East side","FID":7"#);
        let mut d = two();
        d.reverse();
        let s = select_ons(&ons, &d).unwrap();
        assert_eq!(s.vintage, "LAD19");
        let f = s.geojson["features"].as_array().unwrap();
        assert_eq!(f.len(), 2, "E9 is not configured");
        assert_eq!(f[0]["properties"], serde_json::json!({"LAD19CD": "E2", "LAD19NM": "East side"}));
        assert_eq!(f[1]["properties"], serde_json::json!({"LAD19CD": "E1", "LAD19NM": "West"}));
        assert_eq!(f[1]["geometry"]["type"], "Polygon");
        // The selection reads back as the configured districts' boundaries.
        let back = DistrictBoundaries::from_geojson(&s.geojson.to_string(), &d).unwrap();
        assert_eq!(back.district_at(LatLng { lat: 51.5, lng: 1.5 }), Some("east"));
    }

    #[test]
    fn an_ons_file_without_the_configured_codes_is_a_clear_error() {
        let other = vec![District { id: "x".into(), name: "Elsewhere".into(), gss: "E07000999".into() }];
        assert_eq!(
            select_ons(SQUARES, &other).unwrap_err(),
            "the boundaries file has none of the configured districts' GSS codes (E07000999): is it the right file for this area?"
        );
        let mut d = two();
        d.push(District { id: "north".into(), name: "North".into(), gss: "E3".into() });
        assert_eq!(select_ons(SQUARES, &d).unwrap_err(), "the boundaries file has no boundary for North (E3)");
        let no_codes = SQUARES.replace("LAD24CD", "CTY24CD");
        assert!(select_ons(&no_codes, &two()).unwrap_err().contains("no LADyyCD property"));
        assert!(select_ons("PK\u{3}\u{4}", &two()).unwrap_err().contains("not JSON"));
    }
}
