//! Embedding the map in a partner's website: embed mode, locked filters, a preset centre and zoom,
//! a brand colour, the auto-resize message and the iframe snippet a partner copies.
//!
//! Everything here is read from the page address (`?embed=1&lock=district&district=watford&…`), so
//! it is as untrusted as the rest of the URL: unknown or malformed values are ignored, never fatal,
//! and a colour pair that a person could not read (below WCAG AA contrast) is refused. The filters
//! themselves stay in [`crate::url_state`]; this module only adds what an embedding partner sets.
//! It is not for the DOM: the UI reads an [`EmbedOptions`] and decides what to show.

use crate::case::lower_first;
use crate::config::Config;
use crate::scheme::LatLng;
use crate::url_state::{self, ViewState};
use crate::wording::or_list;
use std::collections::BTreeSet;
use std::fmt;

/// The version of the resize message's shape (see [`resize_message`]).
pub const RESIZE_MESSAGE_VERSION: u32 = 1;
/// The `type` of the resize message.
pub const RESIZE_MESSAGE_TYPE: &str = "referral-map:resize";
/// The contrast a brand colour pair needs: WCAG 2.2 AA for normal text (1.4.3).
pub const MIN_CONTRAST: f64 = 4.5;
/// Longest frame id kept from a URL.
const MAX_FRAME_ID: usize = 64;

/// A filter a partner can fix, so that its control is hidden and its value kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lock {
    District,
    Condition,
    Price,
    Search,
    Postcode,
    Within,
}

impl Lock {
    pub const ALL: [Lock; 6] =
        [Lock::District, Lock::Condition, Lock::Price, Lock::Search, Lock::Postcode, Lock::Within];

    /// The word in `lock=…` (the same as the filter's own URL parameter, `q` for search).
    pub fn code(self) -> &'static str {
        match self {
            Lock::District => "district",
            Lock::Condition => "condition",
            Lock::Price => "price",
            Lock::Search => "q",
            Lock::Postcode => "postcode",
            Lock::Within => "within",
        }
    }

    pub fn from_code(code: &str) -> Option<Lock> {
        let code = code.trim();
        Lock::ALL.into_iter().find(|l| l.code() == code || (code == "search" && *l == Lock::Search))
    }
}

/// A colour given as `#rgb` or `#rrggbb` (hex only: nothing else can reach a style).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Colour {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Colour {
    /// Reads `#1d70b8`, `1d70b8`, `#fff` (any case); `None` for anything else.
    pub fn parse(text: &str) -> Option<Colour> {
        let t = text.trim();
        let hex = t.strip_prefix('#').unwrap_or(t);
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize| u8::from_str_radix(&hex[i..i + 1], 16).ok();
        match hex.len() {
            3 => Some(Colour { r: digit(0)? * 17, g: digit(1)? * 17, b: digit(2)? * 17 }),
            6 => {
                let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
                Some(Colour { r: byte(0)?, g: byte(2)?, b: byte(4)? })
            }
            _ => None,
        }
    }

    /// Relative luminance (WCAG 2.2 definition, sRGB).
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let s = f64::from(c) / 255.0;
            if s <= 0.04045 {
                s / 12.92
            } else {
                crate::float::pow((s + 0.055) / 1.055, 2.4)
            }
        };
        0.2126 * channel(self.r) + 0.7152 * channel(self.g) + 0.0722 * channel(self.b)
    }

    /// The contrast ratio between two colours, from 1 to 21.
    pub fn contrast(self, other: Colour) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (hi, lo) = if a >= b { (a, b) } else { (b, a) };
        (hi + 0.05) / (lo + 0.05)
    }
}

impl fmt::Display for Colour {
    /// Always `#rrggbb`, lower case: the only form that is ever written into a style.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

/// A partner's brand colour and the text colour drawn on it (buttons, the header bar).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    pub brand: Colour,
    pub text: Colour,
}

/// Why a colour pair was refused, in words a partner can act on.
#[derive(Clone, Debug, PartialEq)]
pub enum ThemeError {
    NotAColour { field: &'static str, value: String },
    TooLittleContrast { ratio: f64 },
}

impl fmt::Display for ThemeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ThemeError::NotAColour { field, value } => {
                write!(f, "The {field} colour \"{value}\" is not a colour like #1d70b8.")
            }
            ThemeError::TooLittleContrast { ratio } => write!(
                f,
                "The text colour on the brand colour has a contrast of {}:1; it needs at least {}:1 \
                 (WCAG AA) so that everyone can read it. Choose a darker brand colour or another text colour.",
                crate::number::fixed((ratio * 10.0).floor() / 10.0, 1),
                crate::number::plain(MIN_CONTRAST)
            ),
        }
    }
}

impl Theme {
    /// A brand colour with its text colour (white when not given), refused below AA contrast.
    pub fn new(brand: &str, text: Option<&str>) -> Result<Theme, ThemeError> {
        let brand_colour = Colour::parse(brand)
            .ok_or_else(|| ThemeError::NotAColour { field: "brand", value: brand.chars().take(20).collect() })?;
        let text_colour = match text {
            Some(t) => Colour::parse(t)
                .ok_or_else(|| ThemeError::NotAColour { field: "text", value: t.chars().take(20).collect() })?,
            None => Colour { r: 255, g: 255, b: 255 },
        };
        let ratio = brand_colour.contrast(text_colour);
        if ratio < MIN_CONTRAST {
            return Err(ThemeError::TooLittleContrast { ratio });
        }
        Ok(Theme { brand: brand_colour, text: text_colour })
    }
}

/// The colours a page uses: in embed mode a partner's valid `brand` from the address, else the
/// configuration's `brand`, else `Ok(None)` (the default colours). `Err` says why the
/// configuration's pair was refused (the default colours are then kept).
pub fn theme_for(config: &Config, options: &EmbedOptions) -> Result<Option<Theme>, ThemeError> {
    if let (true, Some(t)) = (options.embed, options.theme) {
        return Ok(Some(t));
    }
    match &config.brand {
        Some(b) => Theme::new(&b.colour, b.text.as_deref()).map(Some),
        None => Ok(None),
    }
}

/// The fixed height of the iframe, or auto-height through `embed.js`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Height {
    Fixed(u32),
    Auto,
}

/// What the page address asks of embed mode.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EmbedOptions {
    /// `embed=1`: compact mode for an iframe.
    pub embed: bool,
    /// `lock=district,condition`: those controls hidden, their values fixed.
    pub locks: BTreeSet<Lock>,
    /// `center=lat,lng` (inside the UK).
    pub center: Option<LatLng>,
    /// `zoom=N` (5 to 18).
    pub zoom: Option<u8>,
    /// `brand=#rrggbb&brand_text=#rrggbb`, only when the pair passes AA contrast.
    pub theme: Option<Theme>,
    /// `frame=ID`: the id the resize message carries, so the host page resizes the right iframe.
    pub frame: Option<String>,
}

impl EmbedOptions {
    /// Reads the embed parameters of a query string; everything else is left to [`ViewState`].
    pub fn from_query(query: &str) -> EmbedOptions {
        let mut o = EmbedOptions::default();
        let mut brand = None;
        let mut brand_text = None;
        for (key, value) in url_state::pairs(query) {
            match key.as_str() {
                "embed" => o.embed = matches!(value.trim(), "1" | "true" | "yes"),
                "lock" => o.locks.extend(value.split(',').filter_map(Lock::from_code)),
                "center" => o.center = parse_center(&value),
                "zoom" => o.zoom = value.trim().parse::<u8>().ok().filter(|z| (5..=18).contains(z)),
                "brand" => brand = Some(value),
                "brand_text" => brand_text = Some(value),
                "frame" => {
                    let id: String = value.trim().chars().take(MAX_FRAME_ID + 1).collect();
                    let ok = !id.is_empty()
                        && id.len() <= MAX_FRAME_ID
                        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                    o.frame = ok.then_some(id);
                }
                _ => {}
            }
        }
        // A colour pair from a URL that fails contrast is ignored: the default theme is kept.
        o.theme = brand.and_then(|b| Theme::new(&b, brand_text.as_deref()).ok());
        o
    }

    /// The embed parameters as query pairs, in a fixed order (to keep them when the app rewrites
    /// its address).
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut parts = Vec::new();
        if self.embed {
            parts.push(("embed", "1".to_string()));
        }
        if !self.locks.is_empty() {
            parts.push(("lock", self.locks.iter().map(|l| l.code()).collect::<Vec<_>>().join(",")));
        }
        if let Some(c) = self.center {
            parts.push(("center", format!("{},{}", five_decimals(c.lat), five_decimals(c.lng))));
        }
        if let Some(z) = self.zoom {
            parts.push(("zoom", z.to_string()));
        }
        if let Some(t) = self.theme {
            parts.push(("brand", t.brand.to_string()));
            parts.push(("brand_text", t.text.to_string()));
        }
        if let Some(f) = &self.frame {
            parts.push(("frame", f.clone()));
        }
        parts
    }

    /// `query` (a view's query, with or without its `?`) followed by these embed parameters: the
    /// address an embedded map rewrites to, and the iframe's `src`.
    pub fn append_to(&self, query: &str) -> String {
        let mut out = query.to_string();
        for (k, v) in self.to_pairs() {
            out.push(if out.is_empty() { '?' } else { '&' });
            out.push_str(k);
            out.push('=');
            out.push_str(&url_state::encode(&v));
        }
        out
    }

    /// The filters a person can change: `filters` with the locked ones reset (so "Clear filters"
    /// and the "Filters (2 set)" count leave out what the partner fixed).
    pub fn unlocked(&self, filters: &crate::filter::Filters) -> crate::filter::Filters {
        let mut f = filters.clone();
        for lock in &self.locks {
            match lock {
                Lock::District => f.districts.clear(),
                Lock::Condition => f.conditions.clear(),
                Lock::Price => f.price = Default::default(),
                Lock::Search => f.text.clear(),
                Lock::Postcode | Lock::Within => {}
            }
        }
        f
    }

    pub fn is_locked(&self, lock: Lock) -> bool {
        self.locks.contains(&lock)
    }

    /// Keeps the locked filters of `preset` in `view`, whatever a person did to them.
    pub fn enforce_locks(&self, preset: &ViewState, view: &mut ViewState) {
        for lock in &self.locks {
            match lock {
                Lock::District => view.filters.districts = preset.filters.districts.clone(),
                Lock::Condition => view.filters.conditions = preset.filters.conditions.clone(),
                Lock::Price => view.filters.price = preset.filters.price,
                Lock::Search => view.filters.text = preset.filters.text.clone(),
                Lock::Postcode => view.postcode = preset.postcode.clone(),
                Lock::Within => view.within = preset.within,
            }
        }
    }

    /// The one line that says what a locked map is limited to, e.g. "Showing schemes in Watford",
    /// "Showing schemes in Watford or Three Rivers for diabetes, free only". `None` when nothing
    /// that limits the schemes is locked.
    pub fn limited_to(&self, view: &ViewState, config: &Config) -> Option<String> {
        let f = &view.filters;
        let mut parts = Vec::new();
        if self.is_locked(Lock::District) && !f.districts.is_empty() {
            let names: Vec<&str> = f.districts.iter().map(|d| config.district_name(d)).collect();
            parts.push(format!("in {}", or_list(&names)));
        }
        if self.is_locked(Lock::Condition) && !f.conditions.is_empty() {
            let names: Vec<String> = f.conditions.iter().map(|c| lower_first(c.label())).collect();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            parts.push(format!("for {}", or_list(&names)));
        }
        if self.is_locked(Lock::Price) {
            if let Some(label) = f.price.code().map(|_| crate::case::lower(&f.price.label())) {
                parts.push(label);
            }
        }
        if self.is_locked(Lock::Search) && !f.text.trim().is_empty() {
            parts.push(format!("matching \u{201c}{}\u{201d}", f.text.trim()));
        }
        if self.is_locked(Lock::Within) {
            if let (Some(w), Some(p)) = (view.within, &view.postcode) {
                parts.push(format!("within {w} miles of {p}"));
            }
        }
        if parts.is_empty() {
            return None;
        }
        let mut line = format!("Showing schemes {}", parts.remove(0));
        for p in parts {
            line.push_str(if p.starts_with("in ") || p.starts_with("for ") || p.starts_with("within ") {
                " "
            } else {
                ", "
            });
            line.push_str(&p);
        }
        Some(line)
    }
}

/// A centre inside the United Kingdom's box (with its waters), written `lat,lng` as JSON numbers
/// (`51.66,-0.4`; not `+51`, `.5` or `NaN`). Read with serde_json's number parser, which the app
/// has anyway, rather than `str::parse::<f64>`, which would add a second one to the wasm.
fn parse_center(text: &str) -> Option<LatLng> {
    let (lat, lng) = text.split_once(',')?;
    let lat: f64 = serde_json::from_str(lat.trim()).ok()?;
    let lng: f64 = serde_json::from_str(lng.trim()).ok()?;
    ((49.0..=61.0).contains(&lat) && (-9.0..=2.5).contains(&lng)).then_some(LatLng { lat, lng })
}

/// A coordinate with five decimals (about a metre), by integer arithmetic: the same text as
/// `format!("{:.5}")` for the UK's coordinates, without adding fixed-precision float formatting
/// to the wasm.
fn five_decimals(x: f64) -> String {
    let n = (x * 100_000.0).round() as i64;
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}{}.{:05}", n.unsigned_abs() / 100_000, n.unsigned_abs() % 100_000)
}

/// The message an embedded map posts to its parent when its content height (or the number of
/// schemes it shows) changes. `embed.js` on the host page reads exactly this shape:
/// `{"type":"referral-map:resize","version":1,"frame":"ID","height":N,"count":C}` (`frame` is null
/// when the URL gave none; `count`, the schemes shown, is there once they are loaded, in the copy
/// posted only to a parent of the map's own origin, the embed-code builder). Written by hand: a frame id holds only letters,
/// digits, `-` and `_` ([`EmbedOptions::from_query`] keeps no other), so it needs no escaping, and
/// the map's wasm carries no JSON writer for it.
pub fn resize_message(frame: Option<&str>, height: u32, count: Option<usize>) -> String {
    let frame = match frame {
        Some(f) if f.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') => format!("\"{f}\""),
        _ => "null".to_string(),
    };
    let count = count.map(|c| format!(",\"count\":{c}")).unwrap_or_default();
    format!(
        "{{\"type\":\"{RESIZE_MESSAGE_TYPE}\",\"version\":{RESIZE_MESSAGE_VERSION},\"frame\":{frame},\"height\":{height}{count}}}"
    )
}

/// The `type` of the message `embed.js` sends back to an embedded map once it has resized it: the
/// map then lays itself out at its natural height (the list in full, a map of fixed height)
/// instead of filling a fixed-height frame.
pub const AUTO_HEIGHT_MESSAGE_TYPE: &str = "referral-map:auto-height";

/// The message `embed.js` (or the builder's preview) sends to an embedded map: `{"type":
/// "referral-map:auto-height","version":1}`.
pub fn auto_height_message() -> String {
    format!("{{\"type\":\"{AUTO_HEIGHT_MESSAGE_TYPE}\",\"version\":{RESIZE_MESSAGE_VERSION}}}")
}

/// The fields of a message that the map reads (any others are ignored).
#[derive(serde::Deserialize)]
struct ParentMessage {
    #[serde(rename = "type")]
    kind: String,
    version: u64,
}

/// Whether a message from the parent page says that it resizes this frame to its content.
pub fn is_auto_height_message(text: &str) -> bool {
    serde_json::from_str::<ParentMessage>(text)
        .is_ok_and(|m| m.kind == AUTO_HEIGHT_MESSAGE_TYPE && m.version == u64::from(RESIZE_MESSAGE_VERSION))
}

/// The address of the same view on the full map (no embed parameters; the postcode in the
/// fragment, as the map writes it): for "Open the full map".
pub fn full_map_url(page_base: &str, view: &ViewState) -> String {
    format!("{}{}{}", page_base.split(['?', '#']).next().unwrap_or(page_base), view.to_query(), view.to_fragment())
}

/// A resize message as read back by the builder's preview (and by `embed.js`, in JavaScript).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResizeMessage {
    pub frame: Option<String>,
    pub height: u32,
    /// The schemes the map shows, once they are loaded.
    pub count: Option<u32>,
}

/// Reads a message posted by an embedded map; `None` for any other message or another version.
pub fn read_resize_message(text: &str) -> Option<ResizeMessage> {
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    if v.get("type")?.as_str()? != RESIZE_MESSAGE_TYPE
        || v.get("version")?.as_u64()? != u64::from(RESIZE_MESSAGE_VERSION)
    {
        return None;
    }
    let height = u32::try_from(v.get("height")?.as_f64()?.round() as i64).ok()?;
    let frame = v.get("frame").and_then(|f| f.as_str()).map(str::to_string);
    let count = v.get("count").and_then(|c| c.as_u64()).and_then(|c| u32::try_from(c).ok());
    Some(ResizeMessage { frame, height, count })
}

/// The heights a fixed iframe may have, in CSS pixels: below 280 the map is unusable.
pub const MIN_HEIGHT: u32 = 280;
pub const MAX_HEIGHT: u32 = 4000;
/// The height a snippet starts with (and keeps without the auto-resize script).
pub const DEFAULT_HEIGHT: u32 = 600;

impl Height {
    /// Reads the builder's "height in pixels" box: a whole number from [`MIN_HEIGHT`] to
    /// [`MAX_HEIGHT`], with the reason when it is not.
    pub fn fixed_from_text(text: &str) -> Result<Height, String> {
        let t = text.trim().trim_end_matches("px").trim();
        match t.parse::<u32>() {
            Ok(px) if (MIN_HEIGHT..=MAX_HEIGHT).contains(&px) => Ok(Height::Fixed(px)),
            _ => Err(format!(
                "The height must be a whole number of pixels from {MIN_HEIGHT} to {MAX_HEIGHT}, like {DEFAULT_HEIGHT}."
            )),
        }
    }
}

/// Why an iframe title was refused: the title is the frame's accessible name (WCAG 4.1.2), so it
/// must say what the frame holds.
pub fn title_problem(title: &str) -> Option<&'static str> {
    let t = title.trim();
    if t.is_empty() {
        Some("Give the map a title: screen readers announce it as the name of the embedded map.")
    } else if t.chars().count() > 150 {
        Some("Keep the title under 150 characters.")
    } else {
        None
    }
}

/// The title the builder proposes: the configured heading, limited the way the map is
/// ("Find an exercise referral scheme: showing schemes in Watford").
pub fn default_title(config: &Config, view: &ViewState, options: &EmbedOptions) -> String {
    let mut everything = options.clone();
    everything.locks = Lock::ALL.into_iter().collect();
    match everything.limited_to(view, config) {
        Some(line) => format!("{}: {}", config.title, lower_first(&line)),
        None => format!("{} in {}", config.title, config.area.name),
    }
}

/// What a partner chose in the embed-code builder.
#[derive(Clone, Debug, PartialEq)]
pub struct EmbedCode {
    /// The map's address without a query, e.g. `https://maps.example.org/referral/`.
    pub map_url: String,
    pub view: ViewState,
    pub options: EmbedOptions,
    pub height: Height,
    /// The iframe's accessible name.
    pub title: String,
}

impl EmbedCode {
    /// The iframe's `src`: the view's filters, then the embed parameters, then the postcode in the
    /// fragment (where the map reads it).
    pub fn src(&self) -> String {
        let mut options = self.options.clone();
        options.embed = true;
        let query = options.append_to(&self.view.to_query());
        let base = self.map_url.split(['?', '#']).next().unwrap_or(&self.map_url);
        format!("{base}{query}{}", self.view.to_fragment())
    }

    /// The snippet to paste: an `<iframe>` (with a meaningful title, lazy loading, geolocation
    /// and clipboard writes allowed, a referrer policy) and, for auto-height, the one-line `embed.js` script. Every
    /// value is attribute-escaped: the builder's inputs are as untrusted as any other.
    pub fn snippet(&self) -> String {
        let height = match self.height {
            Height::Fixed(px) => px.clamp(MIN_HEIGHT, MAX_HEIGHT),
            Height::Auto => DEFAULT_HEIGHT,
        };
        let mut html = format!(
            "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{height}\" style=\"border:0;max-width:100%\" \
             loading=\"lazy\" allow=\"geolocation; clipboard-write\" referrerpolicy=\"strict-origin-when-cross-origin\"",
            crate::html::escape(&self.src()),
            crate::html::escape(&self.title),
        );
        if let Some(frame) = &self.options.frame {
            html.push_str(&format!(" id=\"{}\"", crate::html::escape(frame)));
        }
        html.push_str("></iframe>");
        if self.height == Height::Auto {
            let base = self.map_url.split(['?', '#']).next().unwrap_or(&self.map_url);
            let base = if base.ends_with('/') { base.to_string() } else { format!("{base}/") };
            html.push_str(&format!(
                "\n<script src=\"{}\" async></script>",
                crate::html::escape(&format!("{base}embed.js"))
            ));
        }
        html
    }
}

#[cfg(test)]
mod tests;
