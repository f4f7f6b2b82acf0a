//! Checking a configuration field by field: every problem named by its field, so the app can say
//! "showing the defaults" and the console (or the data tool) can say why.
//!
//! What is checked: text lengths and hidden characters, district ids (unique, URL-safe), the
//! centre (in the UK) and the zooms, every URL template (known placeholders only, and once filled
//! in a safe link, see [`crate::link`]), that the data files are on the site's own origin, and
//! that embedding origins are origins. Not here: reading the file ([`super::Config::from_json`]).

use super::{
    Config, ConfigProblem, DIRECTIONS_PLACEHOLDERS, MAX_NAME, MAX_PARAGRAPH, MAX_TITLE, MAX_URL, TILE_PLACEHOLDERS,
};
use crate::link::{self, Schemes};
use crate::number::plain;
use crate::shown::cap;

/// Roughly the United Kingdom, with its islands: a centre outside it is a typo (a swapped sign).
const UK_LAT: (f64, f64) = (49.8, 61.0);
const UK_LNG: (f64, f64) = (-8.8, 2.0);

/// Everything wrong with `config` (empty when it is valid).
pub(super) fn problems(config: &Config) -> Vec<ConfigProblem> {
    let mut check = Check { problems: Vec::new(), schemes: config.link_schemes() };
    check.texts(config);
    check.districts(config);
    check.map_view(config);
    check.urls(config);
    check.own_files(config);
    check.embed_origins(config);
    if !(1.0..=120.0).contains(&config.timeout_seconds) {
        check.problem(
            "timeout_seconds",
            format!("is {}: it must be from 1 to 120 seconds", plain(config.timeout_seconds)),
        );
    }
    if let Some(e) = config.maintainer_email.as_deref().filter(|e| !link::is_email(e)) {
        check.problem("maintainer_email", format!("\"{}\" is not an email address", cap(e, 80)));
    }
    check.problems
}

struct Check {
    problems: Vec<ConfigProblem>,
    schemes: Schemes,
}

impl Check {
    fn problem(&mut self, field: &str, message: String) {
        self.problems.push(ConfigProblem { field: field.into(), message });
    }

    /// A text shown on the page: not too long, no control or invisible characters.
    fn text(&mut self, field: &str, value: &str, max: usize, required: bool) {
        if required && value.trim().is_empty() {
            self.problem(field, "is empty".into());
        }
        if value.chars().count() > max {
            self.problem(field, format!("is longer than {max} characters"));
        }
        if value.chars().any(|c| link::is_hidden(c) && c != '\n') {
            self.problem(field, "has control or invisible characters".into());
        }
    }

    fn texts(&mut self, c: &Config) {
        self.text("title", &c.title, MAX_TITLE, true);
        self.text("intro", &c.intro, MAX_PARAGRAPH, false);
        self.text("area.name", &c.area.name, MAX_NAME, true);
        for (i, credit) in c.credits.iter().enumerate() {
            self.text(&format!("credits[{i}]"), credit, MAX_PARAGRAPH, true);
        }
        self.text("tiles.attribution", &c.tiles.attribution, MAX_PARAGRAPH, true);
        self.text("directions.name", &c.directions.name, MAX_NAME, true);
        self.text("postcodes.online_name", &c.postcodes.online_name, MAX_NAME, false);
    }

    /// District ids are keys in data files and URLs: unique, lower-case letters, digits, hyphens.
    fn districts(&mut self, c: &Config) {
        if c.area.districts.is_empty() {
            self.problem("area.districts", "lists no districts".into());
        }
        let mut seen = std::collections::HashSet::new();
        for (i, d) in c.area.districts.iter().enumerate() {
            let field = format!("area.districts[{i}].id");
            let slug = d.id.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-');
            if d.id.is_empty() || d.id.len() > MAX_NAME || !slug {
                let message = format!("\"{}\" is not an id of lower-case letters, digits and hyphens", cap(&d.id, 40));
                self.problem(&field, message);
            } else if !seen.insert(d.id.as_str()) {
                self.problem(&field, format!("\"{}\" is used by more than one district", d.id));
            }
            self.text(&format!("area.districts[{i}].name"), &d.name, MAX_NAME, true);
            let gss_ok = |g: &str| g.len() == 9 && g.is_ascii() && g.chars().skip(1).all(|ch| ch.is_ascii_digit());
            if !d.gss.is_empty() && !gss_ok(&d.gss) {
                self.problem(&format!("area.districts[{i}].gss"), "is not an ONS code like E07000243".into());
            }
        }
    }

    /// Where the map starts: a centre in the UK, zooms the tiles have.
    fn map_view(&mut self, c: &Config) {
        let centre = c.area.center;
        if !(UK_LAT.0..=UK_LAT.1).contains(&centre.lat) || !(UK_LNG.0..=UK_LNG.1).contains(&centre.lng) {
            self.problem(
                "area.center",
                format!("{}, {} is not in the United Kingdom", plain(centre.lat), plain(centre.lng)),
            );
        }
        let max = c.tiles.max_zoom;
        if !(1.0..=22.0).contains(&max) || max.fract() != 0.0 {
            self.problem("tiles.max_zoom", format!("{} is not a whole zoom level from 1 to 22", plain(max)));
        }
        if !(5.0..=max.clamp(5.0, 22.0)).contains(&c.area.zoom) {
            self.problem(
                "area.zoom",
                format!("{} is not a zoom level from 5 to the tiles' max_zoom", plain(c.area.zoom)),
            );
        }
    }

    /// A URL template: only `known` placeholders, every `needed` one, and a safe link once filled in.
    fn template(&mut self, field: &str, url: &str, known: &[&str], needed: &[&str]) {
        if url.len() > MAX_URL {
            return self.problem(field, format!("is longer than {MAX_URL} characters"));
        }
        let filled = known.iter().fold(url.to_string(), |u, p| u.replace(p, "1"));
        if let Some(start) = filled.find('{') {
            let unknown: String = filled[start..].chars().take_while(|&ch| ch != '}').take(30).collect();
            let message = format!("has an unknown placeholder {unknown}}} (it may use {})", known.join(", "));
            return self.problem(field, message);
        }
        for n in needed.iter().filter(|n| !url.contains(*n)) {
            self.problem(field, format!("lacks the placeholder {n}"));
        }
        if link::web_with(&filled, self.schemes).is_none() {
            let which = if self.schemes == Schemes::HttpsOnly { "an https" } else { "an http(s)" };
            let message =
                format!("\"{}\" is not {which} address with a host (no user name, no hidden characters)", cap(url, 80));
            self.problem(field, message);
        }
    }

    fn urls(&mut self, c: &Config) {
        self.template("tiles.url", &c.tiles.url, TILE_PLACEHOLDERS, &["{z}", "{x}", "{y}"]);
        if let Some(u) = &c.tiles.attribution_url {
            self.template("tiles.attribution_url", u, &[], &[]);
        }
        let to = &DIRECTIONS_PLACEHOLDERS[2..];
        self.template("directions.url", &c.directions.url, DIRECTIONS_PLACEHOLDERS, to);
        self.template("directions.url_without_start", &c.directions.url_without_start, to, to);
        let p = &c.postcodes;
        if !p.online_url.is_empty() {
            self.template("postcodes.online_url", &p.online_url, &["{postcode}"], &["{postcode}"]);
        }
        if !p.online_outcode_url.is_empty() {
            self.template("postcodes.online_outcode_url", &p.online_outcode_url, &["{outcode}"], &["{outcode}"]);
        }
    }

    /// The data files are on the site's own origin (the CSP's connect-src is 'self').
    fn own_files(&mut self, c: &Config) {
        if !is_own_path(&c.data_url) {
            self.problem("data_url", format!("\"{}\" is not a relative path on this site", cap(&c.data_url, 80)));
        }
        let local = &c.postcodes.local_url;
        if !local.is_empty() && !is_own_path(local) {
            self.problem("postcodes.local_url", format!("\"{}\" is not a relative path on this site", cap(local, 80)));
        }
    }

    fn embed_origins(&mut self, c: &Config) {
        for (i, o) in c.embed_origins.iter().enumerate() {
            if !is_origin(o, self.schemes) {
                let message = format!("\"{}\" is not an origin like https://www.example.gov.uk", cap(o, 80));
                self.problem(&format!("embed_origins[{i}]"), message);
            }
        }
    }
}

/// A relative path on the page's own origin: no scheme, no `//host`, no backslashes or hidden
/// characters.
fn is_own_path(path: &str) -> bool {
    !path.is_empty()
        && path.len() <= MAX_URL
        && !path.starts_with("//")
        && !path.contains(':')
        && !path.chars().any(|c| c.is_whitespace() || c == '\\' || link::is_hidden(c) || "\"<>`{}".contains(c))
}

/// An origin as CSP and browsers write it: `https://host[:port]`, nothing after.
fn is_origin(origin: &str, schemes: Schemes) -> bool {
    let Some(rest) = origin.strip_prefix("https://").or_else(|| origin.strip_prefix("http://")) else { return false };
    !rest.is_empty() && !rest.contains(['/', '?', '#', '*', ';', ',']) && link::web_with(origin, schemes).is_some()
}
