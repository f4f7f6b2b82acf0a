//! The runtime configuration: everything that changes from one county or partner to another.
//!
//! The app reads `config.json` (from `public/`) at start, so a deployer changes the title, the
//! districts, the map tiles, the directions planner and the postcode lookup without rebuilding.
//! The same file is compiled in as the fallback, and the data tool reads it for the districts.

use crate::district::District;
use crate::scheme::LatLng;
use serde::{Deserialize, Serialize};

/// The configuration shipped in `public/config.json`.
pub const DEFAULT_JSON: &str = include_str!("../public/config.json");

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Config {
    /// The page heading, e.g. "Find an exercise referral scheme".
    pub title: String,
    #[serde(default)]
    pub intro: String,
    pub area: Area,
    /// Where the schemes file is, relative to the page.
    #[serde(default = "default_data_url")]
    pub data_url: String,
    /// The deployment's brand colours (hex) for the buttons and the embed bar; see
    /// [`crate::embed::theme_for`] (a pair below WCAG AA contrast is ignored, the defaults kept).
    #[serde(default)]
    pub brand: Option<BrandColours>,
    pub tiles: Tiles,
    pub directions: Directions,
    #[serde(default)]
    pub postcodes: Postcodes,
    /// Data credits shown under the map (plain text).
    #[serde(default)]
    pub credits: Vec<String>,
    /// Who to tell when a scheme's details are wrong: every card then has "Report a change to
    /// this scheme" (a `mailto:` link). Without it the link is not shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maintainer_email: Option<String>,
    /// How long the app waits for any one request (the schemes, the district outlines, a postcode
    /// lookup) before saying it did not come, in seconds; `config.json` itself always waits the
    /// default. From 1 to 120; 15 when not given.
    #[serde(default = "default_timeout_seconds")]
    pub timeout_seconds: f64,
    #[serde(default)]
    pub open_data: OpenData,
    /// Where `schemes geodata --download` fetches the official files (the data tool only).
    #[serde(default)]
    pub geodata: GeodataSources,
}

/// How the data is published as open data (OpenActive and Open Referral UK files beside the
/// site, written by `schemes site-data`). Only the data tool reads it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OpenData {
    /// The address where the site is published, ending in "/": the open-data files' links and
    /// stable identifiers (`@id`s) are made from it. Empty: no open-data files are written.
    #[serde(default)]
    pub base_url: String,
    /// The licence the data is published under (a URL); default CC BY 4.0.
    #[serde(default)]
    pub licence: String,
    /// Who publishes the data (default: the data file's maintainer), and their web address
    /// (default: the site).
    #[serde(default)]
    pub publisher: String,
    #[serde(default)]
    pub publisher_url: String,
    /// The publisher's logo (an image's http(s) address), which OpenActive's dataset pages ask for.
    #[serde(default)]
    pub publisher_logo: String,
    /// Where people raise questions about the data (default: the publisher's address).
    #[serde(default)]
    pub discussion_url: String,
}

/// The licence OpenActive recommends for open opportunity data.
pub const DEFAULT_LICENCE: &str = "https://creativecommons.org/licenses/by/4.0/";

impl OpenData {
    /// The base URL, with its final "/", when it is an http(s) address.
    pub fn base(&self) -> Option<String> {
        let b = self.base_url.trim();
        crate::link::web(b)?;
        Some(if b.ends_with('/') { b.to_string() } else { format!("{b}/") })
    }

    pub fn licence(&self) -> &str {
        if self.licence.trim().is_empty() {
            DEFAULT_LICENCE
        } else {
            self.licence.trim()
        }
    }
}

/// `"brand": { "colour": "#1d70b8", "text": "#ffffff" }` in the configuration.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BrandColours {
    pub colour: String,
    /// The text colour on the brand colour (white when absent).
    #[serde(default)]
    pub text: Option<String>,
}

/// How long a request may take when the configuration does not say.
pub const DEFAULT_TIMEOUT_SECONDS: f64 = 15.0;

fn default_timeout_seconds() -> f64 {
    DEFAULT_TIMEOUT_SECONDS
}

/// The area the map covers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Area {
    pub name: String,
    pub districts: Vec<District>,
    pub center: LatLngConfig,
    pub zoom: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LatLngConfig {
    pub lat: f64,
    pub lng: f64,
}

impl From<LatLngConfig> for LatLng {
    fn from(c: LatLngConfig) -> LatLng {
        LatLng { lat: c.lat, lng: c.lng }
    }
}

/// The map's background tiles; the attribution is plain text with an optional link.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tiles {
    pub url: String,
    #[serde(default = "default_max_zoom")]
    pub max_zoom: f64,
    pub attribution: String,
    #[serde(default)]
    pub attribution_url: Option<String>,
}

/// The online route planner used for "Directions".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Directions {
    pub name: String,
    /// With `{from_lat}`, `{from_lng}`, `{to_lat}`, `{to_lng}`.
    pub url: String,
    /// With `{to_lat}`, `{to_lng}`: used when there is no search point.
    pub url_without_start: String,
}

/// Where postcodes are looked up.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Postcodes {
    /// Folder of per-outcode files written by the build (`postcodes/SG1.json`).
    #[serde(default)]
    pub local_url: String,
    #[serde(default)]
    pub online_name: String,
    /// With `{postcode}`; used when the build had no postcode data.
    #[serde(default)]
    pub online_url: String,
    /// With `{outcode}`.
    #[serde(default)]
    pub online_outcode_url: String,
}

/// The official downloads `schemes geodata --download` makes the geodata folder from
/// (docs/geodata.md). The app does not read them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GeodataSources {
    /// OS Code-Point Open, CSV, the whole of Great Britain (a zip).
    #[serde(default)]
    pub codepoint_url: String,
    /// ONS Local Authority District boundaries as GeoJSON in WGS84 (any `LADyyCD` vintage).
    #[serde(default)]
    pub boundaries_url: String,
}

fn default_data_url() -> String {
    "schemes.geojson".into()
}

fn default_max_zoom() -> f64 {
    19.0
}

impl Config {
    /// Reads a configuration file's text.
    pub fn from_json(text: &str) -> Result<Config, String> {
        let c: Config = serde_json::from_str(text).map_err(|e| format!("the configuration file is not valid: {e}"))?;
        if c.area.districts.is_empty() {
            return Err("the configuration file lists no districts".into());
        }
        if !(1.0..=120.0).contains(&c.timeout_seconds) {
            return Err(format!(
                "the configuration's timeout_seconds is {}: it must be from 1 to 120 seconds",
                c.timeout_seconds
            ));
        }
        Ok(c)
    }

    /// The configuration compiled into the app and the tool.
    pub fn shipped() -> Config {
        Config::from_json(DEFAULT_JSON).expect("public/config.json is valid (checked by a test)")
    }

    /// The district's name for an id, or the id itself.
    pub fn district_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.area.districts.iter().find(|d| d.id == id).map_or(id, |d| d.name.as_str())
    }

    /// The directions link to a scheme, from a start point when there is one. `None` when the
    /// configured URL is not a safe web link.
    pub fn directions_url(&self, from: Option<LatLng>, to: LatLng) -> Option<String> {
        let f = |x: f64| format!("{:.5}", x);
        let url = match from {
            Some(a) => self.directions.url.replace("{from_lat}", &f(a.lat)).replace("{from_lng}", &f(a.lng)),
            None => self.directions.url_without_start.clone(),
        };
        crate::link::web(&url.replace("{to_lat}", &f(to.lat)).replace("{to_lng}", &f(to.lng)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_config_is_valid_and_has_ten_districts() {
        let c = Config::shipped();
        assert_eq!(c.area.districts.len(), 10);
        assert_eq!(c.title, "Find an exercise referral scheme");
        assert_eq!(c.district_name("st-albans"), "St Albans");
    }

    #[test]
    fn directions_links_fill_in_both_ends() {
        let c = Config::shipped();
        let to = LatLng { lat: 51.9, lng: -0.2 };
        let with = c.directions_url(Some(LatLng { lat: 51.8, lng: -0.3 }), to).unwrap();
        assert!(with.contains("51.80000,-0.30000;51.90000,-0.20000"), "{with}");
        assert!(c.directions_url(None, to).unwrap().contains("route=;51.90000,-0.20000"));
    }

    #[test]
    fn requests_wait_fifteen_seconds_unless_the_configuration_says_otherwise() {
        assert_eq!(Config::shipped().timeout_seconds, DEFAULT_TIMEOUT_SECONDS);
        assert_eq!(DEFAULT_TIMEOUT_SECONDS, 15.0);
        let mut v: serde_json::Value = serde_json::from_str(DEFAULT_JSON).unwrap();
        v["timeout_seconds"] = 2.into();
        assert_eq!(Config::from_json(&v.to_string()).unwrap().timeout_seconds, 2.0);
        v.as_object_mut().unwrap().remove("timeout_seconds");
        assert_eq!(Config::from_json(&v.to_string()).unwrap().timeout_seconds, 15.0);
        for bad in [0.0, 0.5, 121.0, -3.0] {
            v["timeout_seconds"] = bad.into();
            let e = Config::from_json(&v.to_string()).unwrap_err();
            assert!(e.contains("timeout_seconds"), "{e}");
        }
    }

    #[test]
    fn a_broken_config_is_an_error_not_a_panic() {
        assert!(Config::from_json("{").is_err());
        assert!(Config::from_json("[]").is_err());
    }
}
