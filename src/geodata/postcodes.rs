//! OS Code-Point Open postcode points: every unit postcode of the covered outcodes, and the
//! sector and outcode centroids of all Great Britain.

use crate::scheme::LatLng;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// One row of a Code-Point file: a unit postcode ("SG1 1LZ"), a sector ("SG1 1") or an outcode
/// ("SG1"), with its point.
#[derive(Clone, Debug, PartialEq)]
pub struct PostcodePoint {
    pub code: String,
    pub location: LatLng,
}

/// Reads a Code-Point CSV whose first column holds the code and which has `latitude` and
/// `longitude` columns. A row that cannot be read is an error naming its line.
pub fn read_points(path: &Path) -> Result<Vec<PostcodePoint>, String> {
    let text = super::read_text(path)?;
    parse_points(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// As [`read_points`], from the file's text.
pub fn parse_points(text: &str) -> Result<Vec<PostcodePoint>, String> {
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| format!("the header cannot be read: {e}"))?.clone();
    let col = |name: &str| {
        headers.iter().position(|h| h.trim() == name).ok_or_else(|| format!("there is no \"{name}\" column"))
    };
    let (lat_col, lng_col) = (col("latitude")?, col("longitude")?);
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("a line cannot be read: {e}"))?;
        let line = record.position().map_or(0, |p| p.line());
        let num = |i: usize| record.get(i).and_then(|v| v.trim().parse::<f64>().ok()).filter(|v| v.is_finite());
        match (record.get(0), num(lat_col), num(lng_col)) {
            (Some(code), Some(lat), Some(lng)) if !code.trim().is_empty() => {
                out.push(PostcodePoint { code: code.trim().to_ascii_uppercase(), location: LatLng { lat, lng } })
            }
            _ => return Err(format!("line {line} has no code or no readable coordinates")),
        }
    }
    Ok(out)
}

/// The outcode part of a unit postcode or sector ("SG1" for "SG1 1LZ").
pub fn outcode_of(code: &str) -> &str {
    code.split(' ').next().unwrap_or(code)
}

/// Unit postcodes → points, for geocoding.
#[derive(Clone, Debug, Default)]
pub struct PostcodeIndex {
    points: HashMap<String, LatLng>,
    outcodes: HashSet<String>,
    /// Where the points come from, e.g. "OS Code-Point Open 2025-10".
    pub source: String,
}

impl PostcodeIndex {
    pub fn new(units: &[PostcodePoint], source: &str) -> PostcodeIndex {
        let points: HashMap<String, LatLng> = units.iter().map(|p| (p.code.clone(), p.location)).collect();
        let outcodes = points.keys().map(|k| outcode_of(k).to_string()).collect();
        PostcodeIndex { points, outcodes, source: source.into() }
    }

    /// The point of a normalised full postcode ("SG1 1LZ").
    pub fn get(&self, postcode: &str) -> Option<LatLng> {
        self.points.get(postcode).copied()
    }

    /// Whether the file covers this outcode at all (so a missing postcode is unknown, not
    /// merely outside the covered area).
    pub fn covers_outcode(&self, outcode: &str) -> bool {
        self.outcodes.contains(outcode)
    }

    /// How many outcodes the index covers.
    pub fn outcode_count(&self) -> usize {
        self.outcodes.len()
    }

    pub fn len(&self) -> usize {
        self.points.len()
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_are_read_by_column_name() {
        let text = "postcode,outcode,sector,latitude,longitude\nSG1 1LZ,SG1,SG1 1,51.901873,-0.205320\n";
        let pts = parse_points(text).unwrap();
        assert_eq!(
            pts,
            vec![PostcodePoint { code: "SG1 1LZ".into(), location: LatLng { lat: 51.901873, lng: -0.20532 } }]
        );
        let index = PostcodeIndex::new(&pts, "test");
        assert_eq!(index.get("SG1 1LZ"), Some(LatLng { lat: 51.901873, lng: -0.20532 }));
        assert!(index.covers_outcode("SG1"));
        assert!(!index.covers_outcode("SG2"));
    }

    #[test]
    fn a_broken_row_is_an_error_naming_its_line() {
        let text = "postcode,latitude,longitude\nSG1 1LZ,51.9,-0.2\nSG1 1XY,north,-0.2\n";
        assert_eq!(parse_points(text).unwrap_err(), "line 3 has no code or no readable coordinates");
        assert!(parse_points("postcode,lat,lng\n").unwrap_err().contains("latitude"));
    }
}
