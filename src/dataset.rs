//! Loading a data file of schemes: a GeoJSON FeatureCollection with file-level metadata.
//!
//! A file that is not GeoJSON is an error for the whole load. A bad feature is not: it is left
//! out and reported with its reasons, and every good feature is kept.

use crate::district::District;
use crate::scheme::{Rejection, Scheme};
use serde::{Deserialize, Serialize};
use serde_json::Value;

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
    let value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|_| LoadError::NotJson)?;
    from_value(&value, districts)
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
    for (i, f) in features.iter().enumerate() {
        match Scheme::from_feature(f, i, districts) {
            Ok(s) => ds.schemes.push(s),
            Err(r) => ds.rejected.push(r),
        }
    }
    Ok(ds)
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
}
