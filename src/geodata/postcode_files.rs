//! The site's postcode lookup files, written into the built site (`dist/postcodes/`).
//!
//! - `postcodes/meta.json`: `{"source": "OS Code-Point Open 2025-10", "units_outcodes": 66, "outcodes": N}`
//! - `postcodes/{OUTCODE}.json` for every GB outcode: its centroid, its sectors' centroids and,
//!   for the outcodes the unit file covers, every unit postcode (`"units"`, possibly empty).
//!
//! Coordinates are rounded to 6 decimal places. The files are written into a folder beside the
//! target and then renamed into place, so a failed run never leaves half a set.

use super::postcodes::{outcode_of, read_points, PostcodePoint};
use super::Geodata;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// What was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub source: String,
    pub outcodes: usize,
    pub units_outcodes: usize,
    pub units: usize,
}

/// The files, by name, with their text.
pub fn build(
    outcodes: &[PostcodePoint],
    sectors: &[PostcodePoint],
    units: &[PostcodePoint],
    source: &str,
) -> (Vec<(String, String)>, Summary) {
    let mut sectors_by: BTreeMap<&str, Map<String, Value>> = BTreeMap::new();
    for s in sectors {
        sectors_by.entry(outcode_of(&s.code)).or_default().insert(s.code.clone(), pair(s));
    }
    let mut units_by: BTreeMap<&str, Map<String, Value>> = BTreeMap::new();
    for u in units {
        units_by.entry(outcode_of(&u.code)).or_default().insert(u.code.clone(), pair(u));
    }
    let mut files = Vec::with_capacity(outcodes.len() + 1);
    for o in outcodes.iter().filter(|o| is_safe_outcode(&o.code)) {
        let mut file = json!({
            "outcode": o.code,
            "lat": round6(o.location.lat),
            "lng": round6(o.location.lng),
            "sectors": sectors_by.remove(o.code.as_str()).unwrap_or_default(),
        });
        if let Some(u) = units_by.get(o.code.as_str()) {
            file["units"] = Value::Object(u.clone());
        }
        files.push((format!("{}.json", o.code), file.to_string()));
    }
    let summary = Summary {
        source: source.to_string(),
        outcodes: files.len(),
        units_outcodes: units_by.len(),
        units: units.len(),
    };
    let meta =
        json!({"source": summary.source, "units_outcodes": summary.units_outcodes, "outcodes": summary.outcodes});
    files.push(("meta.json".into(), meta.to_string()));
    (files, summary)
}

/// Reads the geodata and writes `out_dir/postcodes/`, replacing what was there.
pub fn write(geodata: &Geodata, out_dir: &Path) -> Result<Summary, String> {
    let outcodes = read_points(&geodata.outcodes_file()?)?;
    let sectors = read_points(&geodata.sectors_file()?)?;
    let units = read_points(&geodata.units_file()?)?;
    let (files, summary) = build(&outcodes, &sectors, &units, &geodata.postcode_source());

    std::fs::create_dir_all(out_dir).map_err(|e| format!("{} cannot be created: {e}", out_dir.display()))?;
    let target = out_dir.join("postcodes");
    let staging = out_dir.join(format!(".postcodes.tmp-{}", std::process::id()));
    let result = (|| {
        if staging.exists() {
            std::fs::remove_dir_all(&staging).map_err(|e| format!("{} cannot be cleared: {e}", staging.display()))?;
        }
        std::fs::create_dir(&staging).map_err(|e| format!("{} cannot be created: {e}", staging.display()))?;
        for (name, text) in &files {
            std::fs::write(staging.join(name), text).map_err(|e| format!("{name} cannot be written: {e}"))?;
        }
        if target.exists() {
            std::fs::remove_dir_all(&target).map_err(|e| format!("{} cannot be replaced: {e}", target.display()))?;
        }
        std::fs::rename(&staging, &target).map_err(|e| format!("{} cannot be moved into place: {e}", target.display()))
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result.map(|()| summary)
}

fn pair(p: &PostcodePoint) -> Value {
    json!([round6(p.location.lat), round6(p.location.lng)])
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// An outcode is used as a file name, so it must be letters and digits only.
fn is_safe_outcode(code: &str) -> bool {
    (2..=4).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheme::LatLng;

    fn pt(code: &str, lat: f64, lng: f64) -> PostcodePoint {
        PostcodePoint { code: code.into(), location: LatLng { lat, lng } }
    }

    #[test]
    fn every_outcode_gets_a_file_and_only_covered_ones_have_units() {
        let outcodes = [pt("SG1", 51.9, -0.2), pt("SG19", 52.13, -0.25), pt("../X", 0.0, 0.0)];
        let sectors = [pt("SG1 1", 51.9012345678, -0.2), pt("SG19 1", 52.1, -0.3)];
        let units = [pt("SG1 1LZ", 51.901873, -0.20532)];
        let (files, summary) = build(&outcodes, &sectors, &units, "OS Code-Point Open 2025-10");
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["SG1.json", "SG19.json", "meta.json"], "an unsafe outcode gets no file");
        let sg1: Value = serde_json::from_str(&files[0].1).unwrap();
        assert_eq!(sg1["units"]["SG1 1LZ"], json!([51.901873, -0.20532]));
        assert_eq!(sg1["sectors"]["SG1 1"], json!([51.901235, -0.2]));
        let sg19: Value = serde_json::from_str(&files[1].1).unwrap();
        assert!(sg19.get("units").is_none(), "SG19 is not covered by the unit file");
        assert_eq!(sg19["sectors"]["SG19 1"], json!([52.1, -0.3]));
        let meta: Value = serde_json::from_str(&files[2].1).unwrap();
        assert_eq!(meta, json!({"source": "OS Code-Point Open 2025-10", "units_outcodes": 1, "outcodes": 2}));
        assert_eq!(summary.units, 1);
    }
}
