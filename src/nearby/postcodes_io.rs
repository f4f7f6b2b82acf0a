//! The online postcode lookup, for a build without postcode data: postcodes.io by default, or any
//! service that answers in its format (the tests' local stand-in server does).
//!
//! `GET /postcodes/{postcode}` and `GET /outcodes/{outcode}` answer
//! `{"status":200,"result":{"postcode":"SG1 1LZ","latitude":51.90,"longitude":-0.20,...}}` (the
//! outcode answer has `"outcode"` instead, and `latitude`/`longitude` may be `null` when the
//! service has no position). A postcode that does not exist, or is malformed, gets HTTP 404 with
//! `{"status":404,"error":"Postcode not found"}` (or `"Invalid postcode"`, `"Outcode not found"`).
//! Only the position is read; every other field is ignored.

use super::search_point::{Lookup, LookupError, Precision, SearchPoint};
use crate::config::Postcodes;
use crate::link;
use crate::number::plain;
use crate::postcode::PostcodeQuery;
use crate::scheme::{in_uk, LatLng};
use serde_json::Value;

/// The address to ask for `query`: the configured `online_url` with `{postcode}` (written without
/// its space, "SG11LZ"), or `online_outcode_url` with `{outcode}`. `None` when that address is not
/// configured or is not an http(s) link.
pub fn url(config: &Postcodes, query: &PostcodeQuery) -> Option<String> {
    let url = match query {
        PostcodeQuery::Full(p) => config.online_url.replace("{postcode}", &p.replace(' ', "")),
        PostcodeQuery::Outcode(o) => config.online_outcode_url.replace("{outcode}", o),
    };
    link::web_with(&url, config.schemes)
}

/// Whether both online addresses are configured as http(s) links.
pub fn is_configured(config: &Postcodes) -> bool {
    link::web_with(&config.online_url.replace("{postcode}", "SG11LZ"), config.schemes).is_some()
        && link::web_with(&config.online_outcode_url.replace("{outcode}", "SG1"), config.schemes).is_some()
}

/// Reads the service's answer to the request for `query`.
///
/// 404 (from the HTTP status or the body's `status`) is an unknown postcode, as is a found
/// postcode without a position; other failures and unreadable bodies are errors.
pub fn from_response(status: u16, body: &str, query: &PostcodeQuery) -> Result<Lookup, LookupError> {
    match status {
        404 => return Ok(Lookup::Unknown),
        200..=299 => {}
        other => return Err(LookupError::Status(other)),
    }
    let answer: Value =
        serde_json::from_str(body).map_err(|e| LookupError::Unreadable(format!("the answer is not JSON ({e})")))?;
    match answer.get("status") {
        None => {}
        Some(v) => match v.as_u64() {
            Some(200) => {}
            Some(404) => return Ok(Lookup::Unknown),
            Some(other) => return Err(LookupError::Status(u16::try_from(other).unwrap_or(u16::MAX))),
            None => {
                return Err(LookupError::Unreadable(format!(
                    "the answer's status {} is not a number",
                    crate::shown::json(v)
                )))
            }
        },
    }
    let Some(place) = answer.get("result").and_then(Value::as_object) else {
        return Err(LookupError::Unreadable("the answer has no result".into()));
    };
    let coordinate = |key: &str| match place.get(key) {
        Some(Value::Null) => Ok(None),
        Some(v) => {
            let not_a_number = || format!("the {key} {} is not a number", crate::shown::json(v));
            v.as_f64().map(Some).ok_or_else(|| LookupError::Unreadable(not_a_number()))
        }
        None => Err(LookupError::Unreadable(format!("the result has no {key}"))),
    };
    let (Some(lat), Some(lng)) = (coordinate("latitude")?, coordinate("longitude")?) else {
        return Ok(Lookup::Unknown);
    };
    // A postcode is a place in the UK: any other position is the service's mistake, never a
    // search point (the build's own files are held to the same rule).
    if !in_uk(lat, lng) {
        return Err(LookupError::Unreadable(format!("the position ({}, {}) is not in the UK", plain(lat), plain(lng))));
    }
    let location = LatLng { lat, lng };
    let precision = match query {
        PostcodeQuery::Full(_) => Precision::Unit,
        PostcodeQuery::Outcode(_) => Precision::Outcode,
    };
    Ok(Lookup::Found(SearchPoint { label: query.as_str().to_string(), location, precision }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::postcode;

    /// A postcodes.io answer for SG1 1LZ in the service's documented shape: the fields and their
    /// types as postcodes.io sends them; the position from OS Code-Point Open 2025-10, the area
    /// names illustrative.
    const SG1_1LZ: &str = r#"{
      "status": 200,
      "result": {
        "postcode": "SG1 1LZ",
        "quality": 1,
        "eastings": 523569,
        "northings": 224113,
        "country": "England",
        "nhs_ha": "East of England",
        "longitude": -0.20532,
        "latitude": 51.901873,
        "european_electoral_region": "Eastern",
        "primary_care_trust": "Hertfordshire",
        "region": "East of England",
        "lsoa": "Stevenage 007C",
        "msoa": "Stevenage 007",
        "incode": "1LZ",
        "outcode": "SG1",
        "parliamentary_constituency": "Stevenage",
        "admin_district": "Stevenage",
        "parish": "Stevenage, unparished area",
        "admin_county": "Hertfordshire",
        "date_of_introduction": "198001",
        "admin_ward": "Bedwell",
        "ced": "Bedwell",
        "ccg": "NHS Hertfordshire and West Essex",
        "nuts": "Hertford",
        "pfa": "Hertfordshire",
        "codes": { "admin_district": "E07000243", "admin_county": "E10000015", "ccg_id": "06K" }
      }
    }"#;

    /// A postcodes.io outcode answer for SG1.
    const SG1: &str = r#"{
      "status": 200,
      "result": {
        "outcode": "SG1",
        "longitude": -0.195468,
        "latitude": 51.913324,
        "northings": 225403,
        "eastings": 524215,
        "admin_district": ["Stevenage", "North Hertfordshire"],
        "parish": ["Stevenage, unparished area"],
        "admin_county": ["Hertfordshire"],
        "admin_ward": ["Bedwell", "Old Town"],
        "country": ["England"],
        "parliamentary_constituency": ["Stevenage"]
      }
    }"#;

    fn query(text: &str) -> PostcodeQuery {
        postcode::parse(text).unwrap()
    }

    #[test]
    fn sg11lz_is_found_at_its_unit_position() {
        let found = from_response(200, SG1_1LZ, &query("sg11lz")).unwrap();
        let expected = SearchPoint {
            label: "SG1 1LZ".into(),
            location: LatLng { lat: 51.901873, lng: -0.20532 },
            precision: Precision::Unit,
        };
        assert_eq!(found, Lookup::Found(expected));
    }

    #[test]
    fn an_outcode_is_found_at_its_middle() {
        let found = from_response(200, SG1, &query("SG1")).unwrap();
        let expected = SearchPoint {
            label: "SG1".into(),
            location: LatLng { lat: 51.913324, lng: -0.195468 },
            precision: Precision::Outcode,
        };
        assert_eq!(found, Lookup::Found(expected));
    }

    #[test]
    fn not_found_and_invalid_postcodes_are_unknown() {
        for body in [
            r#"{"status":404,"error":"Postcode not found"}"#,
            r#"{"status":404,"error":"Invalid postcode"}"#,
            r#"{"status":404,"error":"Outcode not found"}"#,
            "",
        ] {
            assert_eq!(from_response(404, body, &query("ZZ9 9ZZ")), Ok(Lookup::Unknown), "{body}");
        }
    }

    #[test]
    fn a_postcode_without_a_position_is_unknown() {
        let body = r#"{"status":200,"result":{"postcode":"JE2 3AB","latitude":null,"longitude":null}}"#;
        assert_eq!(from_response(200, body, &query("JE2 3AB")), Ok(Lookup::Unknown));
    }

    #[test]
    fn a_body_that_says_404_is_unknown_even_with_http_200() {
        assert_eq!(
            from_response(200, r#"{"status":404,"error":"Postcode not found"}"#, &query("SG1 9ZZ")),
            Ok(Lookup::Unknown)
        );
    }

    #[test]
    fn service_failures_are_errors_not_unknown_postcodes() {
        assert_eq!(
            from_response(500, r#"{"status":500,"error":"Internal server error"}"#, &query("SG1 1LZ")),
            Err(LookupError::Status(500))
        );
        assert_eq!(from_response(429, "Too Many Requests", &query("SG1 1LZ")), Err(LookupError::Status(429)));
        assert_eq!(from_response(200, r#"{"status":503}"#, &query("SG1 1LZ")), Err(LookupError::Status(503)));
    }

    #[test]
    fn unreadable_answers_are_errors_not_panics() {
        for body in [
            "",
            "<html>",
            "[]",
            r#"{"status":200}"#,
            r#"{"status":200,"result":[]}"#,
            r#"{"status":200,"result":{"latitude":"51.9","longitude":-0.2}}"#,
            r#"{"status":200,"result":{"latitude":151.9,"longitude":-0.2}}"#,
            // New York, (0, 0), and a position swapped (lng, lat): not in the UK.
            r#"{"status":200,"result":{"latitude":40.7128,"longitude":-74.006}}"#,
            r#"{"status":200,"result":{"latitude":0,"longitude":0}}"#,
            r#"{"status":200,"result":{"latitude":-0.20532,"longitude":51.901873}}"#,
            r#"{"status":"ok","result":{"latitude":51.9,"longitude":-0.2}}"#,
            r#"{"status":200,"result":{"postcode":"SG1 1LZ"}}"#,
            r#"{"status":200,"result":{"latitude":51.9,"longitude":{}}}"#,
        ] {
            assert!(matches!(from_response(200, body, &query("SG1 1LZ")), Err(LookupError::Unreadable(_))), "{body}");
        }
    }

    #[test]
    fn the_shipped_config_asks_postcodes_io_for_the_postcode_without_its_space() {
        let config = Config::shipped().postcodes;
        assert_eq!(url(&config, &query("sg1 1lz")).as_deref(), Some("https://api.postcodes.io/postcodes/SG11LZ"));
        assert_eq!(url(&config, &query("sg1")).as_deref(), Some("https://api.postcodes.io/outcodes/SG1"));
    }

    #[test]
    fn an_online_lookup_that_is_not_a_web_address_is_not_used() {
        let config = Postcodes {
            online_url: "javascript:alert({postcode})".into(),
            online_outcode_url: String::new(),
            ..Default::default()
        };
        assert_eq!(url(&config, &query("SG1 1LZ")), None);
        assert_eq!(url(&config, &query("SG1")), None);
    }
}
