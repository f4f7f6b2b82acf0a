//! The districts' outlines as the map draws them: one SVG path in Web Mercator metres, read from
//! the site's `districts.geojson` (written by the data tool from the ONS boundaries).
//!
//! The map places the path over the area with Leaflet's own projection (spherical Mercator, as
//! Leaflet's `L.Projection.SphericalMercator`), and the browser scales it to each zoom: no point
//! is projected again when the view changes, as Leaflet's vector layers do on every zoom change
//! (docs/benchmarks.md, "The outlines as one SVG").
//!
//! Only the geometry is read: no names or other properties reach the page. Anything that is not a
//! Polygon or MultiPolygon feature, and any position that is not two finite numbers in range, is
//! left out; a file with no outline left gives `None` (the map then draws none).

use crate::float;
use serde_json::Value;
use std::fmt::Write;

/// The outlines, ready for an SVG element stretched over [`Outlines::bounds`].
#[derive(Clone, Debug, PartialEq)]
pub struct Outlines {
    /// One path's `d` per district (feature): each ring as `M x y L x y … Z`, in whole
    /// decimetres from the north-west corner of the bounds (x east, y south). One path each, as
    /// Leaflet drew one per feature: a border two districts share is stroked twice, so the
    /// borders between districts show darker than the county's edge.
    pub paths: Vec<String>,
    /// The SVG's `viewBox` size, in decimetres: (width, height).
    pub size: (u64, u64),
    /// The area the path covers, in degrees: (south, west, north, east).
    pub bounds: (f64, f64, f64, f64),
}

/// The sphere's radius that Leaflet's spherical Mercator uses (EPSG:3857), in metres.
const EARTH_RADIUS: f64 = 6_378_137.0;
/// Leaflet's latitude limit for spherical Mercator.
const MAX_LATITUDE: f64 = 85.051_128_779_806_6;
/// Decimetres per metre: the path's unit.
const UNITS_PER_METRE: f64 = 10.0;

/// The outlines in a GeoJSON FeatureCollection's text, or `None` when it holds none.
pub fn read(geojson: &str) -> Option<Outlines> {
    let value: Value = serde_json::from_str(geojson).ok()?;
    if value.get("type").and_then(Value::as_str) != Some("FeatureCollection") {
        return None;
    }
    // Each feature's rings.
    let mut features: Vec<Vec<Vec<(f64, f64)>>> = Vec::new();
    for feature in value.get("features").and_then(Value::as_array)?.iter() {
        let Some(geometry) = feature.get("geometry") else { continue };
        let mut rings = Vec::new();
        match (geometry.get("type").and_then(Value::as_str), geometry.get("coordinates")) {
            (Some("Polygon"), Some(c)) => polygon(c, &mut rings),
            (Some("MultiPolygon"), Some(Value::Array(polygons))) => {
                polygons.iter().for_each(|p| polygon(p, &mut rings));
            }
            _ => {}
        }
        if !rings.is_empty() {
            features.push(rings);
        }
    }
    let (mut south, mut west, mut north, mut east) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(lng, lat) in features.iter().flatten().flatten() {
        south = south.min(lat);
        north = north.max(lat);
        west = west.min(lng);
        east = east.max(lng);
    }
    if features.is_empty() {
        return None;
    }
    // Projection is monotonic on each axis: the corners of the bounds are the extremes.
    let (left, top) = project(west, north);
    let (right, bottom) = project(east, south);
    let unit = |m: f64| (m * UNITS_PER_METRE).round() as i64;
    let paths = features
        .iter()
        .map(|rings| {
            let mut d = String::new();
            for ring in rings {
                for (i, &(lng, lat)) in ring.iter().enumerate() {
                    let (x, y) = project(lng, lat);
                    let _ = write!(d, "{}{} {}", if i == 0 { "M" } else { "L" }, unit(x - left), unit(top - y));
                }
                d.push('Z');
            }
            d
        })
        .collect();
    let size = (unit(right - left).max(1) as u64, unit(top - bottom).max(1) as u64);
    Some(Outlines { paths, size, bounds: (south, west, north, east) })
}

/// A Polygon's rings (each a closed line of at least four positions) added to `rings`.
fn polygon(coordinates: &Value, rings: &mut Vec<Vec<(f64, f64)>>) {
    let Some(list) = coordinates.as_array() else { return };
    for ring in list {
        let Some(points) = ring.as_array() else { continue };
        let ring: Option<Vec<(f64, f64)>> = points.iter().map(position).collect();
        if let Some(ring) = ring.filter(|r| r.len() >= 4) {
            rings.push(ring);
        }
    }
}

/// A GeoJSON position's longitude and latitude, when they are numbers in range.
fn position(value: &Value) -> Option<(f64, f64)> {
    let p = value.as_array()?;
    let (lng, lat) = (p.first()?.as_f64()?, p.get(1)?.as_f64()?);
    ((-180.0..=180.0).contains(&lng) && (-90.0..=90.0).contains(&lat)).then_some((lng, lat))
}

/// Spherical Mercator in metres, as Leaflet 1.9.4's `SphericalMercator.project` (y north).
fn project(lng: f64, lat: f64) -> (f64, f64) {
    let radians = std::f64::consts::PI / 180.0;
    let sin = float::sin(lat.clamp(-MAX_LATITUDE, MAX_LATITUDE) * radians);
    (EARTH_RADIUS * lng * radians, EARTH_RADIUS * float::ln((1.0 + sin) / (1.0 - sin)) / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(west: f64, south: f64, side: f64) -> String {
        let (e, n) = (west + side, south + side);
        format!("[[[{west},{south}],[{e},{south}],[{e},{n}],[{west},{n}],[{west},{south}]]]")
    }

    fn collection(geometries: &[String]) -> String {
        let features: Vec<String> = geometries
            .iter()
            .map(|g| format!(r#"{{"type":"Feature","properties":{{"name":"<b>x</b>"}},"geometry":{g}}}"#))
            .collect();
        format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(","))
    }

    #[test]
    fn a_square_becomes_one_closed_ring_from_the_north_west_corner() {
        let o =
            read(&collection(&[format!(r#"{{"type":"Polygon","coordinates":{}}}"#, square(0.0, 0.0, 1.0))])).unwrap();
        // One degree of longitude at the equator: 2πR/360 metres.
        let w = (2.0 * std::f64::consts::PI * EARTH_RADIUS / 360.0 * 10.0).round() as u64;
        assert_eq!(o.size.0, w);
        // Mercator stretches latitude: one degree north of the equator is a little more than one of longitude.
        assert!(o.size.1 > w && o.size.1 < w + w / 100, "{:?}", o.size);
        assert_eq!(o.paths, [format!("M0 {h}L{w} {h}L{w} 0L0 0L0 {h}Z", h = o.size.1)]);
        assert_eq!(o.bounds, (0.0, 0.0, 1.0, 1.0));
    }

    #[test]
    fn matches_leaflets_projection_at_hertfordshire() {
        // Leaflet 1.9.4's `L.Projection.SphericalMercator.project(L.latLng(51.75, -0.34))`, run in
        // node: -37848.626869713014, 6755047.863034452.
        let (x, y) = project(-0.34, 51.75);
        assert!((x - -37_848.626_869_713_014).abs() < 1e-6, "{x}");
        assert!((y - 6_755_047.863_034_452).abs() < 1e-6, "{y}");
    }

    #[test]
    fn multipolygons_holes_and_several_features_are_all_drawn_one_path_per_feature() {
        let holed = r#"{"type":"Polygon","coordinates":[[[0,50],[2,50],[2,52],[0,52],[0,50]],[[0.5,50.5],[1,50.5],[1,51],[0.5,50.5]]]}"#;
        let multi = format!(
            r#"{{"type":"MultiPolygon","coordinates":[{},{}]}}"#,
            square(3.0, 50.0, 1.0),
            square(5.0, 51.0, 1.0)
        );
        let o = read(&collection(&[holed.to_string(), multi])).unwrap();
        assert_eq!(o.paths.len(), 2);
        assert_eq!((o.paths[0].matches('M').count(), o.paths[0].matches('Z').count()), (2, 2));
        assert_eq!((o.paths[1].matches('M').count(), o.paths[1].matches('Z').count()), (2, 2));
        assert_eq!(o.bounds, (50.0, 0.0, 52.0, 6.0));
    }

    #[test]
    fn only_geometry_is_read_and_bad_parts_are_left_out() {
        let o = read(&collection(&[
            format!(r#"{{"type":"Polygon","coordinates":{}}}"#, square(0.0, 50.0, 1.0)),
            // Out of range, not numbers, too short, not an area, no geometry at all.
            r#"{"type":"Polygon","coordinates":[[[0,50],[200,50],[1,51],[0,50]]]}"#.to_string(),
            r#"{"type":"Polygon","coordinates":[[["0","50"],[1,50],[1,51],[0,50]]]}"#.to_string(),
            r#"{"type":"Polygon","coordinates":[[[0,50],[1,50],[0,50]]]}"#.to_string(),
            r#"{"type":"LineString","coordinates":[[0,50],[1,50]]}"#.to_string(),
            "null".to_string(),
        ]))
        .unwrap();
        assert_eq!(o.paths.len(), 1);
        assert_eq!(o.paths[0].matches('M').count(), 1);
        assert!(o.paths[0].chars().all(|c| "MLZ 0123456789-".contains(c)), "{}", o.paths[0]);
    }

    #[test]
    fn nothing_to_draw_is_none() {
        assert_eq!(read(""), None);
        assert_eq!(read("{"), None);
        assert_eq!(read(r#"{"type":"Feature"}"#), None);
        assert_eq!(read(r#"{"type":"FeatureCollection","features":[]}"#), None);
        assert_eq!(read(r#"{"type":"FeatureCollection"}"#), None);
        assert_eq!(read(&collection(&[r#"{"type":"Point","coordinates":[0,50]}"#.to_string()])), None);
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn hertfordshires_outlines_as_the_site_writes_them() {
        // What `schemes site-data` writes beside the page, from the shipped geodata.
        let districts = crate::config::Config::shipped().area.districts;
        let geodata = crate::geodata::Geodata::locate(None).expect("data/geodata is shipped");
        let text = geodata.district_boundaries(&districts).unwrap().to_geojson(&districts).to_string();
        let o = read(&text).unwrap();
        let (south, west, north, east) = o.bounds;
        assert!(south > 51.5 && north < 52.1 && west > -0.8 && east < 0.2, "{:?}", o.bounds);
        assert_eq!(o.paths.len(), districts.len());
        // About 65 by 54 km on the ground; Mercator metres are 1/cos(latitude) ≈ 1.6 times longer
        // there (in decimetres).
        assert!((900_000..1_200_000).contains(&o.size.0) && (700_000..1_000_000).contains(&o.size.1), "{:?}", o.size);
    }
}
