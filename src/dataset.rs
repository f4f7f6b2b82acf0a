//! Loading a data file of schemes: a GeoJSON FeatureCollection with file-level metadata.
//!
//! A file that is not GeoJSON is an error for the whole load. A bad feature is not: it is left
//! out and reported with its reasons, and every good feature is kept. A scheme whose id an
//! earlier scheme already has is left out too (the first is kept): ids are how the URL, the list
//! and the map find a scheme, so a second one would be unreachable.

use crate::district::District;
use crate::scheme::{Property, Reason, Rejection, Scheme};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;

/// What the file says about itself (`metadata` at the top level of the FeatureCollection).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatasetMeta {
    /// The whole file is demonstration data.
    #[serde(default)]
    pub sample: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Who keeps the data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maintainer: Option<String>,
    /// A sentence to show people about the data (e.g. that it is illustrative).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
    /// When the file was last updated, ISO date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
}

/// A loaded file: the valid schemes, the rejected features and the metadata.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dataset {
    pub schemes: Vec<Scheme>,
    pub rejected: Vec<Rejection>,
    pub meta: DatasetMeta,
}

/// Why a whole file could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The text is not JSON at all.
    NotJson,
    /// JSON, but not a GeoJSON FeatureCollection.
    NotFeatureCollection,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::NotJson => write!(f, "The schemes file is not readable: it is not JSON."),
            LoadError::NotFeatureCollection => {
                write!(f, "The schemes file is not readable: it is not a GeoJSON FeatureCollection.")
            }
        }
    }
}

/// Reads a data file's text, validating every feature against the area's districts.
pub fn load(text: &str, districts: &[District]) -> Result<Dataset, LoadError> {
    from_value(&json(text).ok_or(LoadError::NotJson)?, districts)
}

/// A JSON file's text as a JSON value (a leading byte-order mark allowed), `None` when it is not
/// JSON. One routine for every such file the web app reads whole (the schemes, the district
/// outlines), so its wasm carries it once.
#[inline(never)]
pub fn json(text: &str) -> Option<Value> {
    serde_json::from_str(text.trim_start_matches('\u{feff}')).ok()
}

/// About how many features a data file's text holds, before it is parsed: how many times it
/// names a `"geometry"` member (once per feature; a text field that says it too only adds to the
/// guess). For deciding early what a load of this size needs (the map's clustering), never for
/// what is shown.
pub fn rough_count(text: &str) -> usize {
    text.matches("\"geometry\"").count()
}

/// As [`load`], from parsed JSON.
pub fn from_value(value: &Value, districts: &[District]) -> Result<Dataset, LoadError> {
    let obj = value.as_object().ok_or(LoadError::NotFeatureCollection)?;
    if obj.get("type").and_then(Value::as_str) != Some("FeatureCollection") {
        return Err(LoadError::NotFeatureCollection);
    }
    let features = obj.get("features").and_then(Value::as_array).ok_or(LoadError::NotFeatureCollection)?;
    let meta =
        obj.get("metadata").and_then(|m| serde_json::from_value::<DatasetMeta>(m.clone()).ok()).unwrap_or_default();
    let mut ds = Dataset { meta, ..Default::default() };
    let mut first_with_id: HashMap<String, usize> = HashMap::new();
    for (i, f) in features.iter().enumerate() {
        match Scheme::from_feature(f, i, districts) {
            Ok(s) => match first_with_id.get(&s.id) {
                Some(&first) => ds.rejected.push(duplicate(&s, &ds.schemes[first])),
                None => {
                    first_with_id.insert(s.id.clone(), ds.schemes.len());
                    ds.schemes.push(s);
                }
            },
            Err(r) => ds.rejected.push(r),
        }
    }
    Ok(ds)
}

/// Why a scheme with an id already taken is left out.
fn duplicate(second: &Scheme, first: &Scheme) -> Rejection {
    Rejection {
        label: second.name.clone(),
        reasons: vec![Reason::new(
            Property::Id,
            format!(
                "its id \"{}\" is already used by \"{}\", which is shown instead: every scheme needs its own id",
                second.id, first.name
            ),
        )],
    }
}

impl Dataset {
    /// The whole dataset as a GeoJSON FeatureCollection, as the data tool writes it.
    pub fn to_geojson(&self) -> Value {
        let mut fc = serde_json::Map::new();
        fc.insert("type".into(), "FeatureCollection".into());
        fc.insert("metadata".into(), serde_json::to_value(&self.meta).unwrap_or(Value::Null));
        fc.insert("features".into(), Value::Array(self.schemes.iter().map(Scheme::to_feature).collect()));
        Value::Object(fc)
    }

    /// Whether people should be told the data is for demonstration.
    pub fn is_sample(&self) -> bool {
        self.meta.sample || self.schemes.iter().any(|s| s.sample)
    }

    /// For demonstration data, what to tell people after "This map shows demonstration data.":
    /// the file's notice without a lead-in of its own ("Demonstration data: the schemes…" → "The
    /// schemes…"), or a sentence saying the details are illustrative. `None` for real data.
    pub fn sample_notice(&self) -> Option<String> {
        self.is_sample().then(|| {
            self.meta
                .notice
                .as_deref()
                .map(without_lead_in)
                .unwrap_or_else(|| "The scheme details are illustrative, not real prices or contacts.".into())
        })
    }
}

/// "Demonstration data: the schemes…" → "The schemes…".
fn without_lead_in(notice: &str) -> String {
    // The file's text, like a scheme's: without characters a reader cannot see.
    let notice = crate::shown::visible(notice, false);
    let t = notice.trim();
    let lead = "demonstration data";
    let rest = match t.get(..lead.len()) {
        Some(head) if head.eq_ignore_ascii_case(lead) => t[lead.len()..].trim_start_matches([':', '.', ' ', '-']),
        _ => t,
    };
    crate::case::upper_first(rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use serde_json::json;

    #[test]
    fn sample_notice_without_its_lead_in() {
        let mut ds = load(r#"{"type":"FeatureCollection","features":[]}"#, &[]).unwrap();
        assert_eq!(ds.sample_notice(), None, "real data");
        ds.meta.sample = true;
        assert_eq!(ds.sample_notice().unwrap(), "The scheme details are illustrative, not real prices or contacts.");
        ds.meta.notice = Some("Demonstration data: the schemes are made up.".into());
        assert_eq!(ds.sample_notice().unwrap(), "The schemes are made up.");
        ds.meta.notice = Some("made up by us".into());
        assert_eq!(ds.sample_notice().unwrap(), "Made up by us");
        ds.meta.notice = Some("\u{202e}Demonstration data:\tthe schemes\u{200b} are\u{0007} made up.".into());
        assert_eq!(ds.sample_notice().unwrap(), "The schemes are made up.");
    }

    #[test]
    fn rough_count_counts_one_geometry_member_per_feature() {
        let collection = |n: usize| {
            let features: Vec<Value> = (0..n).map(|i| feature(&format!("s{i}"), "Scheme")).collect();
            json!({"type": "FeatureCollection", "features": features})
        };
        assert_eq!(rough_count(&collection(0).to_string()), 0);
        assert_eq!(rough_count(&collection(3).to_string()), 3);
        assert_eq!(rough_count(&serde_json::to_string_pretty(&collection(301)).unwrap()), 301);
        assert_eq!(rough_count(""), 0);
        assert_eq!(rough_count("\"geometry"), 0);
        assert_eq!(rough_count("\"geometry\"\"geometry\""), 2);
        let shipped = include_str!("../data/schemes.geojson");
        assert_eq!(rough_count(shipped), load(shipped, &Config::shipped().area.districts).unwrap().schemes.len());
    }

    fn feature(id: &str, name: &str) -> Value {
        json!({
            "type": "Feature",
            "id": id,
            "geometry": {"type": "Point", "coordinates": [-0.2053, 51.9019]},
            "properties": {
                "id": id, "name": name, "operator": "Op", "centre": "Centre", "address": "1 Road",
                "town": "Stevenage", "postcode": "SG1 1LZ", "district": "stevenage",
                "price": {"unit": "session", "amount": 3.5, "currency": "GBP"}, "phone": "01632 960001",
                "conditions": ["heart"], "referral": ["gp"], "last_verified": "2026-10-01"
            }
        })
    }

    fn load_features(features: Vec<Value>) -> Dataset {
        let fc = json!({"type": "FeatureCollection", "features": features});
        from_value(&fc, &Config::shipped().area.districts).unwrap()
    }

    #[test]
    fn the_fixture_scheme_is_valid() {
        let ds = load_features(vec![feature("a", "First")]);
        assert_eq!(ds.rejected, vec![], "the test feature itself must be valid");
        assert_eq!(ds.schemes.len(), 1);
    }

    #[test]
    fn a_second_scheme_with_the_same_id_is_reported_and_the_first_is_shown() {
        let ds = load_features(vec![feature("a", "First"), feature("b", "Other"), feature("a", "Second")]);
        let names: Vec<_> = ds.schemes.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["First", "Other"]);
        assert_eq!(ds.rejected.len(), 1);
        assert_eq!(ds.rejected[0].label, "Second");
        assert_eq!(
            ds.rejected[0].texts(),
            ["its id \"a\" is already used by \"First\", which is shown instead: every scheme needs its own id"]
        );
    }

    #[test]
    fn a_rejected_feature_does_not_take_its_id() {
        let mut bad = feature("a", "Broken");
        bad["properties"]["postcode"] = json!("nonsense");
        let ds = load_features(vec![bad, feature("a", "Good")]);
        assert_eq!(ds.schemes.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["Good"]);
        assert_eq!(ds.rejected.len(), 1);
        assert_eq!(ds.rejected[0].label, "Broken");
    }
}
