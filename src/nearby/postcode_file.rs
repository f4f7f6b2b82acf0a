//! The postcode files the build writes into `dist/postcodes/`, and looking a postcode up in one.
//!
//! There is one file per GB outcode, `postcodes/SG1.json`:
//!
//! ```json
//! {"outcode":"SG1","lat":51.913324,"lng":-0.195468,
//!  "sectors":{"SG1 1":[51.900899,-0.195201]},
//!  "units":{"SG1 1LZ":[51.901873,-0.20532]}}
//! ```
//!
//! Coordinates are `[lat, lng]`. `"units"` is present (possibly empty) only for outcodes the build
//! holds every unit postcode for (the covered area); elsewhere a full postcode falls back to its
//! sector's middle, or the outcode's. Only the outcode is requested, so the full postcode a person
//! types never leaves their browser. `postcodes/meta.json` says the build wrote these files.
//!
//! The files are untrusted like any download: a malformed one is a [`LookupError`], never a panic,
//! and so is one whose own middle is outside the UK ([`UK_BOUNDS`](crate::scheme::UK_BOUNDS)).
//! A position outside the UK is never used as a search point, but one bad entry does not cost
//! the rest of the file: a sector without a usable position is left out (its postcodes are "near"
//! the outcode), and a unit postcode without one is still a postcode that exists, searched from
//! its sector's middle. (The app's loader drops a leading byte-order mark before these parsers
//! read a file.)

use super::search_point::{Lookup, LookupError, Precision, SearchPoint};
use crate::number::plain;
use crate::postcode::{self, PostcodeQuery};
use crate::scheme::{in_uk, LatLng};
use serde::Deserialize;
use std::collections::BTreeMap;

/// One outcode's file, read and checked.
#[derive(Clone, Debug, PartialEq)]
pub struct PostcodeFile {
    /// Normalised outcode, e.g. "SG1".
    pub outcode: String,
    /// The middle of the outcode.
    pub centroid: LatLng,
    /// Sector ("SG1 1") → its middle.
    pub sectors: BTreeMap<String, LatLng>,
    /// Full postcode ("SG1 1LZ") → its position, or [`UNPLACED`] when the file's position for it
    /// was not usable; the whole map is `None` when the outcode is outside the covered area.
    pub units: Option<BTreeMap<String, LatLng>>,
}

/// The position of a unit postcode that exists but whose position in the file was not usable.
/// (A marker value, not `Option<LatLng>`: a map of another value type would be a second copy of
/// the map's code in the web app's wasm, 1.1 kB gzip.)
pub const UNPLACED: LatLng = LatLng { lat: f64::NAN, lng: f64::NAN };

/// The file as written.
#[derive(Deserialize)]
struct FileRecord {
    outcode: String,
    lat: f64,
    lng: f64,
    #[serde(default)]
    sectors: BTreeMap<String, [f64; 2]>,
    #[serde(default)]
    units: Option<BTreeMap<String, [f64; 2]>>,
}

impl PostcodeFile {
    /// Reads a file's text.
    pub fn parse(text: &str) -> Result<PostcodeFile, LookupError> {
        if !text.trim_start().starts_with('{') {
            return Err(LookupError::Unreadable("the postcode file is not a JSON object".into()));
        }
        let record: FileRecord = serde_json::from_str(text)
            .map_err(|e| LookupError::Unreadable(format!("the postcode file is not in the expected format ({e})")))?;
        let outcode = match postcode::parse(&record.outcode) {
            Some(PostcodeQuery::Outcode(o)) => o,
            _ => {
                return Err(LookupError::Unreadable(format!(
                    "the postcode file's outcode \"{}\" is not an outcode",
                    record.outcode
                )))
            }
        };
        if !in_uk(record.lat, record.lng) {
            return Err(LookupError::Unreadable(format!(
                "the position of {outcode} ({}, {}) is not in the UK",
                plain(record.lat),
                plain(record.lng)
            )));
        }
        let place = |[lat, lng]: [f64; 2]| in_uk(lat, lng).then_some(LatLng { lat, lng });
        // Inserted one by one rather than collected: collecting into a map sorts first, and that
        // sort routine would be one more in the web app's wasm (the keys come sorted anyway).
        let mut sectors = BTreeMap::new();
        for (k, v) in record.sectors {
            if let Some(p) = place(v) {
                sectors.insert(k, p);
            }
        }
        let units = record.units.map(|m| {
            let mut out = BTreeMap::new();
            for (k, v) in m {
                out.insert(k, place(v).unwrap_or(UNPLACED));
            }
            out
        });
        Ok(PostcodeFile { outcode, centroid: LatLng { lat: record.lat, lng: record.lng }, sectors, units })
    }

    /// Whether the build holds every unit postcode of this outcode.
    pub fn is_covered(&self) -> bool {
        self.units.is_some()
    }

    /// Where `query` is, according to this file.
    ///
    /// - A full postcode in a covered outcode: its own position, or [`Lookup::Unknown`] when it is
    ///   not there (it does not exist).
    /// - A full postcode elsewhere, or one whose own position was not usable: its sector's middle
    ///   ("near SG19 1"), else the outcode's ("near SG19").
    /// - An outcode: its middle ("SG1").
    ///
    /// A query for another outcode is [`Lookup::Unknown`]: this file knows nothing about it.
    pub fn resolve(&self, query: &PostcodeQuery) -> Lookup {
        if query.outcode() != self.outcode {
            return Lookup::Unknown;
        }
        let found =
            |label: String, location: LatLng, precision| Lookup::Found(SearchPoint { label, location, precision });
        match query {
            PostcodeQuery::Outcode(o) => found(o.clone(), self.centroid, Precision::Outcode),
            PostcodeQuery::Full(full) => match self.units.as_ref().map(|units| units.get(full)) {
                Some(None) => Lookup::Unknown,
                Some(Some(&at)) if !at.lat.is_nan() => found(full.clone(), at, Precision::Unit),
                // Outside the covered area, or a postcode whose own position was not usable.
                Some(Some(_)) | None => match query.sector().and_then(|s| self.sectors.get(&s).map(|&at| (s, at))) {
                    Some((sector, at)) => found(format!("near {sector}"), at, Precision::Sector),
                    None => found(format!("near {}", self.outcode), self.centroid, Precision::Outcode),
                },
            },
        }
    }
}

/// The address of the file for `query`'s outcode under `base` (the configured `local_url`,
/// e.g. "postcodes/" → "postcodes/SG1.json").
pub fn url(base: &str, query: &PostcodeQuery) -> String {
    format!("{}{}.json", with_slash(base), query.outcode())
}

/// Reads the answer to a request for [`url`]: 404 means no such outcode (an unknown postcode),
/// any other failure is an error.
pub fn from_response(status: u16, body: &str, query: &PostcodeQuery) -> Result<Lookup, LookupError> {
    match status {
        404 => Ok(Lookup::Unknown),
        200..=299 => {
            let file = PostcodeFile::parse(body)?;
            if file.outcode != query.outcode() {
                return Err(LookupError::Unreadable(format!(
                    "the file asked for {} is the file for {}",
                    query.outcode(),
                    file.outcode
                )));
            }
            Ok(file.resolve(query))
        }
        other => Err(LookupError::Status(other)),
    }
}

/// `postcodes/meta.json`: written when the build had postcode data.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct PostcodeMeta {
    /// Where the positions come from, e.g. "OS Code-Point Open 2025-10".
    pub source: String,
    /// How many outcodes have every unit postcode (the covered area).
    #[serde(default)]
    pub units_outcodes: u32,
    /// How many outcode files there are.
    #[serde(default)]
    pub outcodes: u32,
}

impl PostcodeMeta {
    pub fn parse(text: &str) -> Result<PostcodeMeta, LookupError> {
        let meta: PostcodeMeta = serde_json::from_str(text)
            .map_err(|e| LookupError::Unreadable(format!("postcodes/meta.json is not in the expected format ({e})")))?;
        if meta.source.trim().is_empty() || meta.outcodes == 0 {
            return Err(LookupError::Unreadable("postcodes/meta.json lists no postcode data".into()));
        }
        Ok(meta)
    }
}

/// The address of `meta.json` under `base`.
pub fn meta_url(base: &str) -> String {
    format!("{}meta.json", with_slash(base))
}

fn with_slash(base: &str) -> String {
    if base.is_empty() || base.ends_with('/') {
        base.to_string()
    } else {
        format!("{base}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Positions from OS Code-Point Open 2025-10 (a few rows, for the tests only).
    const SG1: &str = r#"{"outcode":"SG1","lat":51.913324,"lng":-0.195468,
        "sectors":{"SG1 1":[51.900899,-0.195201],"SG1 2":[51.91,-0.19]},
        "units":{"SG1 1LZ":[51.901873,-0.20532],"SG1 1XY":[51.904636,-0.199628]}}"#;
    const SG19: &str = r#"{"outcode":"SG19","lat":52.139575,"lng":-0.238887,
        "sectors":{"SG19 1":[52.130203,-0.291849],"SG19 2":[52.132924,-0.232909]}}"#;

    fn query(text: &str) -> PostcodeQuery {
        postcode::parse(text).unwrap()
    }

    fn found(lookup: Lookup) -> SearchPoint {
        match lookup {
            Lookup::Found(p) => p,
            Lookup::Unknown => panic!("expected a place, got Unknown"),
        }
    }

    #[test]
    fn sg11lz_finds_the_unit_postcode() {
        let p = found(PostcodeFile::parse(SG1).unwrap().resolve(&query("sg11lz")));
        assert_eq!(
            p,
            SearchPoint {
                label: "SG1 1LZ".into(),
                location: LatLng { lat: 51.901873, lng: -0.20532 },
                precision: Precision::Unit
            }
        );
    }

    #[test]
    fn a_covered_postcode_that_is_not_in_the_file_is_unknown() {
        assert_eq!(PostcodeFile::parse(SG1).unwrap().resolve(&query("SG1 9ZZ")), Lookup::Unknown);
    }

    #[test]
    fn a_covered_outcode_with_an_empty_unit_list_still_says_unknown() {
        let file = PostcodeFile::parse(r#"{"outcode":"WD99","lat":51.65,"lng":-0.4,"sectors":{},"units":{}}"#).unwrap();
        assert!(file.is_covered());
        assert_eq!(file.resolve(&query("WD99 1AA")), Lookup::Unknown);
    }

    #[test]
    fn a_postcode_outside_the_covered_area_is_near_its_sector() {
        let file = PostcodeFile::parse(SG19).unwrap();
        assert!(!file.is_covered());
        let p = found(file.resolve(&query("SG19 1AB")));
        assert_eq!(p.label, "near SG19 1");
        assert_eq!(p.precision, Precision::Sector);
        assert_eq!(p.location, LatLng { lat: 52.130203, lng: -0.291849 });
    }

    #[test]
    fn an_unknown_sector_outside_the_covered_area_is_near_the_outcode() {
        let p = found(PostcodeFile::parse(SG19).unwrap().resolve(&query("SG19 7AB")));
        assert_eq!(p.label, "near SG19");
        assert_eq!(p.precision, Precision::Outcode);
        assert_eq!(p.location, LatLng { lat: 52.139575, lng: -0.238887 });
    }

    #[test]
    fn an_outcode_search_is_the_middle_of_the_outcode() {
        for file in [SG1, SG19] {
            let file = PostcodeFile::parse(file).unwrap();
            let p = found(file.resolve(&PostcodeQuery::Outcode(file.outcode.clone())));
            assert_eq!((p.label, p.location, p.precision), (file.outcode.clone(), file.centroid, Precision::Outcode));
        }
    }

    #[test]
    fn a_query_for_another_outcode_is_unknown() {
        assert_eq!(PostcodeFile::parse(SG1).unwrap().resolve(&query("SG11 1AA")), Lookup::Unknown);
    }

    #[test]
    fn malformed_files_are_errors_not_panics() {
        for text in [
            "",
            "<!doctype html><html></html>",
            "[]",
            r#"["SG1", 51.9, -0.2]"#,
            r#"{"outcode":"SG1"}"#,
            r#"{"outcode":"SG1","lat":"51.9","lng":-0.2}"#,
            r#"{"outcode":"<script>","lat":51.9,"lng":-0.2}"#,
            r#"{"outcode":"SG1","lat":951.9,"lng":-0.2}"#,
            r#"{"outcode":"SG1","lat":51.9,"lng":-0.2,"units":{"SG1 1LZ":[51.9]}}"#,
            r#"{"outcode":"SG1","lat":51.9,"lng":-0.2,"sectors":[1,2]}"#,
            r#"{"outcode":"SG1","lat":51.9,"lng":-0.2,"units":"all"}"#,
        ] {
            assert!(matches!(PostcodeFile::parse(text), Err(LookupError::Unreadable(_))), "{text}");
        }
    }

    #[test]
    fn a_position_outside_the_uk_is_never_a_search_point() {
        // New York, the Gulf of Guinea's (0, 0), just west of Ireland, just east of the Channel.
        let far = [[40.7128, -74.006], [0.0, 0.0], [53.0, -10.5], [51.0, 2.5], [61.5, -0.2], [49.5, -2.5]];
        for [lat, lng] in far {
            // The file's own middle: the file is unreadable.
            let file = format!(r#"{{"outcode":"SG1","lat":{lat},"lng":{lng},"sectors":{{}},"units":{{}}}}"#);
            for q in ["SG1", "SG1 1LZ"] {
                match from_response(200, &file, &query(q)) {
                    Err(LookupError::Unreadable(why)) => assert!(why.ends_with("is not in the UK"), "{why}"),
                    other => panic!("{file} {q}: {other:?}"),
                }
            }
            // A sector's: its postcodes are near the outcode's middle.
            let file = format!(r#"{{"outcode":"SG19","lat":52.1,"lng":-0.2,"sectors":{{"SG19 1":[{lat},{lng}]}}}}"#);
            let p = found(from_response(200, &file, &query("SG19 1AB")).unwrap());
            assert_eq!(
                (p.label.as_str(), p.location, p.precision),
                ("near SG19", LatLng { lat: 52.1, lng: -0.2 }, Precision::Outcode)
            );
            // A unit postcode's: it still exists, searched from its sector's middle.
            let file = format!(
                r#"{{"outcode":"SG1","lat":51.9,"lng":-0.2,"sectors":{{"SG1 1":[51.90,-0.19]}},"units":{{"SG1 1LZ":[{lat},{lng}]}}}}"#
            );
            let p = found(from_response(200, &file, &query("SG1 1LZ")).unwrap());
            assert_eq!(
                (p.label.as_str(), p.location, p.precision),
                ("near SG1 1", LatLng { lat: 51.90, lng: -0.19 }, Precision::Sector)
            );
        }
        // The far corners of the UK are still places: Lerwick, Land's End, Lowestoft, Belleek.
        for [lat, lng] in [[60.155, -1.145], [50.066, -5.714], [52.48, 1.76], [54.48, -8.09]] {
            let file = format!(r#"{{"outcode":"SG1","lat":{lat},"lng":{lng}}}"#);
            assert!(PostcodeFile::parse(&file).is_ok(), "{file}");
        }
    }

    #[test]
    fn one_bad_position_does_not_cost_the_rest_of_the_file() {
        let file = r#"{"outcode":"SG1","lat":51.913324,"lng":-0.195468,
            "sectors":{"SG1 1":[51.900899,-0.195201],"SG1 2":[0,0]},
            "units":{"SG1 1LZ":[51.901873,-0.20532],"SG1 1XY":[40.7,-74.0],"SG1 2AB":[51.91,-0.19]}}"#;
        let file = PostcodeFile::parse(file).unwrap();
        assert_eq!(found(file.resolve(&query("SG1 1LZ"))).precision, Precision::Unit);
        assert_eq!(found(file.resolve(&query("SG1 2AB"))).precision, Precision::Unit);
        assert_eq!(found(file.resolve(&query("SG1 1XY"))).label, "near SG1 1");
        assert_eq!(found(file.resolve(&query("SG1"))).precision, Precision::Outcode);
        assert_eq!(file.resolve(&query("SG1 9ZZ")), Lookup::Unknown, "a postcode not in the file still does not exist");
    }

    #[test]
    fn a_missing_file_means_an_unknown_postcode() {
        assert_eq!(from_response(404, "Not Found", &query("ZZ9 9ZZ")), Ok(Lookup::Unknown));
    }

    #[test]
    fn a_server_failure_is_an_error_not_an_unknown_postcode() {
        assert_eq!(from_response(500, "", &query("SG1 1LZ")), Err(LookupError::Status(500)));
        assert!(matches!(from_response(200, "<html>", &query("SG1 1LZ")), Err(LookupError::Unreadable(_))));
    }

    #[test]
    fn a_file_for_the_wrong_outcode_is_an_error() {
        assert!(matches!(from_response(200, SG19, &query("SG1 1LZ")), Err(LookupError::Unreadable(_))));
    }

    #[test]
    fn a_good_answer_resolves_the_query() {
        let p = found(from_response(200, SG1, &query("SG1 1XY")).unwrap());
        assert_eq!(p.location, LatLng { lat: 51.904636, lng: -0.199628 });
    }

    #[test]
    fn only_the_outcode_is_in_the_address_requested() {
        assert_eq!(url("postcodes/", &query("sg1 1lz")), "postcodes/SG1.json");
        assert_eq!(url("postcodes", &query("SG19")), "postcodes/SG19.json");
        assert_eq!(url("", &query("AL10 8TJ")), "AL10.json");
        assert_eq!(meta_url("postcodes/"), "postcodes/meta.json");
    }

    #[test]
    fn meta_json_says_where_the_positions_come_from() {
        let meta =
            PostcodeMeta::parse(r#"{"source":"OS Code-Point Open 2025-10","units_outcodes":66,"outcodes":2864}"#)
                .unwrap();
        assert_eq!(meta.source, "OS Code-Point Open 2025-10");
        assert_eq!((meta.units_outcodes, meta.outcodes), (66, 2864));
        for bad in ["", "<html>", "{}", r#"{"source":"","outcodes":3}"#, r#"{"source":"x","outcodes":0}"#] {
            assert!(PostcodeMeta::parse(bad).is_err(), "{bad}");
        }
    }
}
