//! The runtime configuration: everything that changes from one county or partner to another.
//!
//! The app reads `config.json` (from `public/`) at start, so a deployer changes the title, the
//! districts, the map tiles, the directions planner and the postcode lookup without rebuilding.
//! The same file is compiled in as the fallback, and the data tool reads it for the districts.
//!
//! A configuration is untrusted input like the data: [`Config::from_json`] checks every field
//! (URL templates and their placeholders, the centre, the zoom, district ids, embedding origins,
//! text lengths) and names the field of each problem, so the app can say "showing the defaults"
//! and the console can say why.

mod check;
mod read;

use crate::district::District;
use crate::scheme::LatLng;
#[cfg(test)]
use serde::Deserialize;
use serde::Serialize;

/// The configuration shipped in `public/config.json`.
pub const DEFAULT_JSON: &str = include_str!("../public/config.json");

#[derive(Clone, Debug, PartialEq, Serialize)]
// Read by `read` (one reader driven by a table of the fields, much smaller in the wasm);
// serde's derived reader, and that of the structs below, is kept for the test comparing the two.
#[cfg_attr(test, derive(Deserialize))]
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
    /// Whether `http:` (not only `https:`) URLs are accepted in this file: off unless a deployer
    /// needs a plain-HTTP service (e.g. a lookup on a local network).
    #[serde(default)]
    pub allow_http: bool,
    /// The partner origins allowed to embed the map in an iframe (`https://www.example.gov.uk`):
    /// they become the CSP's `frame-ancestors` in the headers the build writes.
    #[serde(default)]
    pub embed_origins: Vec<String>,
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
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
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
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
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
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
pub struct Area {
    pub name: String,
    pub districts: Vec<District>,
    pub center: LatLngConfig,
    pub zoom: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
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
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
pub struct Tiles {
    pub url: String,
    #[serde(default = "default_max_zoom")]
    pub max_zoom: f64,
    pub attribution: String,
    #[serde(default)]
    pub attribution_url: Option<String>,
}

/// The online route planner used for "Directions".
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
pub struct Directions {
    pub name: String,
    /// With `{from_lat}`, `{from_lng}`, `{to_lat}`, `{to_lng}`.
    pub url: String,
    /// With `{to_lat}`, `{to_lng}`: used when there is no search point.
    pub url_without_start: String,
}

/// Where postcodes are looked up.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
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
    /// Whether the online addresses may be `http:` (from the file's `allow_http`).
    #[serde(skip)]
    pub schemes: crate::link::Schemes,
}

/// The official downloads `schemes geodata --download` makes the geodata folder from
/// (docs/geodata.md). The app does not read them.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
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

/// What is wrong with a configuration file, and in which field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigProblem {
    /// The field, as a path in the file (`tiles.url`, `area.districts[3].id`); `(file)` when the
    /// file as a whole cannot be read.
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Why a configuration file was not used: every problem found, each with its field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError(pub Vec<ConfigProblem>);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the configuration file is not valid: ")?;
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                write!(f, "; ")?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

/// The line the page shows when `config.json` could not be used.
pub const FALLBACK_NOTICE: &str = "The map's settings could not be read; showing the defaults.";

/// The placeholders each URL template may use.
const TILE_PLACEHOLDERS: &[&str] = &["{s}", "{z}", "{x}", "{y}", "{r}"];
const DIRECTIONS_PLACEHOLDERS: &[&str] = &["{from_lat}", "{from_lng}", "{to_lat}", "{to_lng}"];

/// The longest texts accepted from the configuration, in characters.
pub const MAX_TITLE: usize = 120;
pub const MAX_PARAGRAPH: usize = 600;
pub const MAX_NAME: usize = 80;
pub const MAX_URL: usize = 2000;

impl Config {
    /// Reads and checks a configuration file's text.
    pub fn from_json(text: &str) -> Result<Config, ConfigError> {
        let c = read::config(text.trim_start_matches('\u{feff}')).map_err(|e| {
            let field = if e.is_syntax() || e.is_eof() { "(file)" } else { "(a field)" };
            ConfigError(vec![ConfigProblem { field: field.into(), message: crate::shown::cap(&e.to_string(), 300) }])
        })?;
        let mut c = c;
        c.postcodes.schemes = c.link_schemes();
        let problems = c.problems();
        if problems.is_empty() {
            Ok(c)
        } else {
            Err(ConfigError(problems))
        }
    }

    /// The web schemes URLs in this file may use.
    pub fn link_schemes(&self) -> crate::link::Schemes {
        if self.allow_http {
            crate::link::Schemes::HttpsOrHttp
        } else {
            crate::link::Schemes::HttpsOnly
        }
    }

    /// A web URL from this configuration, checked like every link.
    pub fn web_link(&self, url: &str) -> Option<String> {
        crate::link::web_with(url, self.link_schemes())
    }

    /// Everything wrong with the configuration, each with its field (empty when it is valid).
    pub fn problems(&self) -> Vec<ConfigProblem> {
        check::problems(self)
    }

    /// The origin (`https://host[:port]`) of a configured URL template, for the CSP.
    pub fn origin_of(template: &str) -> Option<String> {
        let filled = TILE_PLACEHOLDERS
            .iter()
            .chain(DIRECTIONS_PLACEHOLDERS)
            .chain(&["{postcode}", "{outcode}"])
            .fold(template.to_string(), |u, p| u.replace(p, "a"));
        let url = crate::link::web_with(&filled, crate::link::Schemes::HttpsOrHttp)?;
        let (scheme, rest) = url.split_once("://")?;
        let authority = rest.split(['/', '?', '#']).next()?;
        // A `{s}` subdomain becomes a wildcard.
        let authority = if template.contains("://{s}.") {
            format!("*.{}", authority.split_once('.')?.1)
        } else {
            authority.to_string()
        };
        Some(format!("{}://{}", scheme.to_ascii_lowercase(), authority.to_ascii_lowercase()))
    }

    /// The configuration compiled into the app and the tool.
    /// Read and checked once, on first use; later calls copy it.
    pub fn shipped() -> Config {
        static SHIPPED: std::sync::OnceLock<Config> = std::sync::OnceLock::new();
        SHIPPED
            .get_or_init(|| Config::from_json(DEFAULT_JSON).expect("public/config.json is valid (checked by a test)"))
            .clone()
    }

    /// The district's name for an id, or the id itself.
    pub fn district_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.area.districts.iter().find(|d| d.id == id).map_or(id, |d| d.name.as_str())
    }

    /// The directions link to a scheme, from a start point when there is one. `None` when the
    /// configured URL is not a safe web link.
    pub fn directions_url(&self, from: Option<LatLng>, to: LatLng) -> Option<String> {
        let f = |x: f64| crate::number::fixed(x, 5);
        let url = match from {
            Some(a) => self.directions.url.replace("{from_lat}", &f(a.lat)).replace("{from_lng}", &f(a.lng)),
            None => self.directions.url_without_start.clone(),
        };
        self.web_link(&url.replace("{to_lat}", &f(to.lat)).replace("{to_lng}", &f(to.lng)))
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
            assert!(e.to_string().contains("timeout_seconds"), "{e}");
        }
    }

    #[test]
    fn a_broken_config_is_an_error_not_a_panic() {
        assert!(Config::from_json("{").is_err());
        assert!(Config::from_json("[]").is_err());
    }

    /// The shipped config with one change, as JSON text.
    fn changed(edit: impl FnOnce(&mut serde_json::Value)) -> String {
        let mut v: serde_json::Value = serde_json::from_str(DEFAULT_JSON).unwrap();
        edit(&mut v);
        v.to_string()
    }

    /// The fields named by the problems of a changed config.
    fn fields(edit: impl FnOnce(&mut serde_json::Value)) -> Vec<String> {
        match Config::from_json(&changed(edit)) {
            Ok(_) => vec![],
            Err(ConfigError(ps)) => ps.into_iter().map(|p| p.field).collect(),
        }
    }

    #[test]
    fn bad_json_names_the_file() {
        let e = Config::from_json("{\"title\": ").unwrap_err();
        assert_eq!(e.0[0].field, "(file)");
        assert!(e.to_string().starts_with("the configuration file is not valid: (file): "), "{e}");
    }

    #[test]
    fn an_unknown_tile_placeholder_names_tiles_url() {
        assert_eq!(
            fields(|v| v["tiles"]["url"] = "https://tiles.example.org/{z}/{x}/{y}{retina}.png".into()),
            ["tiles.url"]
        );
        let e = Config::from_json(&changed(|v| v["tiles"]["url"] = "https://t.example.org/{z}/{x}/{y}{q}.png".into()));
        assert!(e.unwrap_err().to_string().contains("unknown placeholder {q}"));
        assert_eq!(
            fields(|v| v["tiles"]["url"] = "https://{s}.tile.example.org/{z}/{x}/{y}{r}.png".into()),
            Vec::<String>::new()
        );
        assert_eq!(fields(|v| v["tiles"]["url"] = "https://tiles.example.org/{z}/{x}.png".into()), ["tiles.url"]);
    }

    #[test]
    fn a_centre_outside_the_uk_names_area_center() {
        assert_eq!(fields(|v| v["area"]["center"]["lng"] = 0.24.into()), Vec::<String>::new());
        assert_eq!(fields(|v| v["area"]["center"]["lat"] = (-51.81).into()), ["area.center"]);
        assert_eq!(fields(|v| v["area"]["center"]["lng"] = 24.into()), ["area.center"]);
    }

    #[test]
    fn a_zoom_out_of_range_names_area_zoom() {
        assert_eq!(fields(|v| v["area"]["zoom"] = 25.into()), ["area.zoom"]);
        assert_eq!(fields(|v| v["area"]["zoom"] = (-1).into()), ["area.zoom"]);
        assert_eq!(fields(|v| v["tiles"]["max_zoom"] = 40.into()), ["tiles.max_zoom"]);
    }

    #[test]
    fn a_non_https_url_names_its_field_unless_http_is_allowed() {
        let http = |v: &mut serde_json::Value| {
            v["directions"]["url"] = "http://planner.example.org/?a={from_lat},{from_lng}&b={to_lat},{to_lng}".into()
        };
        assert_eq!(fields(http), ["directions.url"]);
        assert_eq!(
            fields(|v| {
                http(v);
                v["allow_http"] = true.into();
            }),
            Vec::<String>::new()
        );
        assert_eq!(fields(|v| v["tiles"]["attribution_url"] = "javascript:alert(1)".into()), ["tiles.attribution_url"]);
        assert_eq!(
            fields(|v| v["postcodes"]["online_url"] = "https://nhs.uk@evil.example/{postcode}".into()),
            ["postcodes.online_url"]
        );
        assert_eq!(
            fields(|v| v["tiles"]["url"] = "https://tile.example.org/\u{202e}{z}/{x}/{y}.png".into()),
            ["tiles.url"]
        );
        assert_eq!(fields(|v| v["data_url"] = "https://elsewhere.example/schemes.geojson".into()), ["data_url"]);
    }

    #[test]
    fn duplicate_district_ids_name_the_second() {
        let fs = fields(|v| v["area"]["districts"][3]["id"] = "dacorum".into());
        assert_eq!(fs, ["area.districts[3].id"]);
    }

    #[test]
    fn embed_origins_are_origins() {
        assert_eq!(
            fields(|v| v["embed_origins"] = serde_json::json!(["https://www.hertfordshire.gov.uk"])),
            Vec::<String>::new()
        );
        assert_eq!(
            fields(|v| v["embed_origins"] = serde_json::json!(["https://a.example/page"])),
            ["embed_origins[0]"]
        );
        assert_eq!(fields(|v| v["embed_origins"] = serde_json::json!(["*"])), ["embed_origins[0]"]);
        assert_eq!(
            fields(|v| v["embed_origins"] = serde_json::json!(["https://a.example; script-src *"])),
            ["embed_origins[0]"]
        );
    }

    #[test]
    fn a_config_without_postcode_lookups_is_valid() {
        let without = |v: &mut serde_json::Value| {
            v.as_object_mut().unwrap().remove("postcodes");
        };
        assert_eq!(fields(without), Vec::<String>::new());
        assert_eq!(
            fields(|v| v["postcodes"]["local_url"] = "https://elsewhere.example/".into()),
            ["postcodes.local_url"]
        );
    }

    #[test]
    fn overlong_texts_are_refused() {
        assert_eq!(fields(|v| v["title"] = "x".repeat(MAX_TITLE + 1).into()), ["title"]);
        assert_eq!(fields(|v| v["credits"][0] = "x".repeat(MAX_PARAGRAPH + 1).into()), ["credits[0]"]);
    }

    #[test]
    fn origins_for_the_csp() {
        assert_eq!(
            Config::origin_of("https://tile.openstreetmap.org/{z}/{x}/{y}.png").as_deref(),
            Some("https://tile.openstreetmap.org")
        );
        assert_eq!(
            Config::origin_of("https://{s}.tile.example.org/{z}/{x}/{y}.png").as_deref(),
            Some("https://*.tile.example.org")
        );
        assert_eq!(
            Config::origin_of("https://API.postcodes.io/postcodes/{postcode}").as_deref(),
            Some("https://api.postcodes.io")
        );
        assert_eq!(Config::origin_of("http://127.0.0.1:8123/p/{postcode}").as_deref(), Some("http://127.0.0.1:8123"));
    }
}
