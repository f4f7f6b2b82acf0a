//! The scheme: one exercise-referral programme at one place, and the rules that make it valid.
//!
//! This is the one definition of a valid scheme. The web app's loader and the data tool both go
//! through [`Scheme::from_feature`], and write through [`Scheme::to_feature`], so the two can never
//! disagree about what the data file may hold.

use crate::activity::Activity;
use crate::condition::Condition;
use crate::district::{self, District};
use crate::link;
use crate::number::plain;
use crate::postcode;
use crate::price::{Price, PriceRecord};
use crate::referral::Referral;
use crate::schedule::{self, Session};
use serde_json::{json, Map, Value};

mod geometry;
use geometry::Geometry;

/// A point on the map, WGS84 degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LatLng {
    pub lat: f64,
    pub lng: f64,
}

/// The box around the United Kingdom that every scheme must lie in (a little generous at sea).
pub const UK_BOUNDS: (LatLng, LatLng) = (LatLng { lat: 49.8, lng: -8.7 }, LatLng { lat: 60.9, lng: 1.8 });

/// Whether a position is inside [`UK_BOUNDS`] (never for NaN).
pub fn in_uk(lat: f64, lng: f64) -> bool {
    let (sw, ne) = UK_BOUNDS;
    (sw.lat..=ne.lat).contains(&lat) && (sw.lng..=ne.lng).contains(&lng)
}

/// A validated scheme.
#[derive(Clone, Debug, PartialEq)]
pub struct Scheme {
    /// Stable identifier, unique in the file.
    pub id: String,
    pub name: String,
    pub operator: String,
    pub centre: String,
    pub address: String,
    pub town: String,
    /// Normalised full postcode, e.g. "SG1 1LZ".
    pub postcode: String,
    /// The district's id, from the configured area.
    pub district: String,
    pub location: LatLng,
    pub price: Price,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub conditions: Vec<Condition>,
    pub referral: Vec<Referral>,
    pub min_age: Option<u8>,
    pub max_age: Option<u8>,
    pub programme_weeks: Option<u8>,
    /// When the sessions run each week, in day and time order (empty when the data does not say).
    pub sessions: Vec<Session>,
    /// The OpenActive Activity List concepts the sessions are, when the data names them.
    pub activities: Vec<Activity>,
    /// When someone last checked the details, ISO date "YYYY-MM-DD".
    pub last_verified: String,
    pub notes: Option<String>,
    /// Whether this record is demonstration data rather than a real scheme's details.
    pub sample: bool,
}

/// Why a feature could not become a scheme: a label a person recognises and every reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    /// The scheme's name, else its id, else "Scheme N" (1-based position in the file).
    pub label: String,
    pub reasons: Vec<Reason>,
}

impl Rejection {
    /// The reasons' sentences, in order.
    pub fn texts(&self) -> Vec<&str> {
        self.reasons.iter().map(|r| r.text.as_str()).collect()
    }
}

/// One reason a feature is not a valid scheme, tied to the part of the feature where it was found
/// (so a caller such as the import can place it without reading the sentence).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    pub property: Property,
    pub text: String,
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

/// A part of a scheme's GeoJSON feature: one of its properties, its geometry, or the feature as
/// a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Property {
    /// The feature as a whole (not a feature, no properties).
    Feature,
    /// The geometry: the scheme's point.
    Location,
    Id,
    Name,
    Operator,
    Centre,
    Address,
    Town,
    Postcode,
    District,
    Price,
    Phone,
    Email,
    Website,
    Conditions,
    Referral,
    MinAge,
    MaxAge,
    ProgrammeWeeks,
    Sessions,
    Activities,
    LastVerified,
    Notes,
    Sample,
}

impl Property {
    /// The key in the feature's `properties` (`None` for the geometry and the whole feature).
    pub fn key(self) -> Option<&'static str> {
        Some(match self {
            Property::Feature | Property::Location => return None,
            Property::Id => "id",
            Property::Name => "name",
            Property::Operator => "operator",
            Property::Centre => "centre",
            Property::Address => "address",
            Property::Town => "town",
            Property::Postcode => "postcode",
            Property::District => "district",
            Property::Price => "price",
            Property::Phone => "phone",
            Property::Email => "email",
            Property::Website => "website",
            Property::Conditions => "conditions",
            Property::Referral => "referral",
            Property::MinAge => "min_age",
            Property::MaxAge => "max_age",
            Property::ProgrammeWeeks => "programme_weeks",
            Property::Sessions => "sessions",
            Property::Activities => "activities",
            Property::LastVerified => "last_verified",
            Property::Notes => "notes",
            Property::Sample => "sample",
        })
    }

    /// The key in words ("min age"), for sentences.
    fn words(self) -> String {
        self.key().unwrap_or("feature").replace('_', " ")
    }
}

impl Reason {
    pub fn new(property: Property, text: impl Into<String>) -> Reason {
        Reason { property, text: text.into() }
    }
}

/// Longest text accepted in any field.
pub const MAX_TEXT: usize = 500;

/// The text properties read as a reader sees them ([`crate::shown::visible`]): control and
/// invisible characters are left out, so the page never shows them, save the line breaks of the
/// notes (the only text of several lines). So are the price's note and the activities' labels.
/// The id, contacts, website and codes are not cleaned: they must be exactly right, and their own
/// checks refuse such characters.
pub const CLEANED: [Property; 6] =
    [Property::Name, Property::Operator, Property::Centre, Property::Address, Property::Town, Property::Notes];

impl Scheme {
    /// Validates one GeoJSON feature (as JSON) against the area's districts.
    /// `position` is the feature's 0-based index in the file, used only to label it.
    pub fn from_feature(value: &Value, position: usize, districts: &[District]) -> Result<Scheme, Rejection> {
        let mut problems = Vec::new();
        let fallback_label = format!("Scheme {}", position + 1);
        let Some(obj) = value.as_object() else {
            return Err(Rejection {
                label: fallback_label,
                reasons: vec![Reason::new(Property::Feature, "it is not a GeoJSON feature")],
            });
        };
        if obj.get("type").and_then(Value::as_str) != Some("Feature") {
            problems.push(Reason::new(Property::Feature, "it is not a GeoJSON feature (\"type\" is not \"Feature\")"));
        }
        let empty = Map::new();
        let props = match obj.get("properties") {
            Some(Value::Object(p)) => p,
            _ => {
                problems.push(Reason::new(Property::Feature, "it has no properties"));
                &empty
            }
        };
        let mut f = Fields { props, problems };

        let name = f.required_text(Property::Name);
        let id = f.required_text(Property::Id);
        let label = name.clone().or_else(|| id.clone()).unwrap_or(fallback_label);

        let location = match parse_point(obj.get("geometry")) {
            Ok(p) => Some(p),
            Err(e) => {
                f.problem(Property::Location, e);
                None
            }
        };
        let operator = f.required_text(Property::Operator);
        let centre = f.required_text(Property::Centre);
        let address = f.optional_text(Property::Address).unwrap_or_default();
        let town = f.required_text(Property::Town);
        let postcode = f.required_text(Property::Postcode).and_then(|p| {
            let n = postcode::normalise_full(&p);
            if n.is_none() {
                f.problem(Property::Postcode, format!("the postcode \"{p}\" is not a full UK postcode"));
            }
            n
        });
        let district = f.required_text(Property::District).and_then(|d| match district::find(districts, &d) {
            Some(found) => Some(found.id.clone()),
            None => {
                let known: Vec<&str> = districts.iter().map(|d| d.id.as_str()).collect();
                f.problem(Property::District, format!("the district \"{d}\" is not one of {}", known.join(", ")));
                None
            }
        });
        let price = match props.get("price") {
            None | Some(Value::Null) => {
                f.problem(Property::Price, "it has no price");
                None
            }
            Some(v) => match serde_json::from_value::<PriceRecord>(v.clone()) {
                Ok(r) => match Price::from_record(&r) {
                    Ok(p) => Some(p),
                    Err(e) => {
                        f.problem(Property::Price, format!("the price cannot be read: {e}"));
                        None
                    }
                },
                Err(_) => {
                    f.problem(Property::Price, "the price cannot be read: it needs a unit and an amount");
                    None
                }
            },
        };
        let phone = f.optional_text(Property::Phone);
        if let Some(p) = &phone {
            if link::tel(p).is_none() {
                f.problem(Property::Phone, format!("the phone number \"{p}\" is not a phone number"));
            }
        }
        let email = f.optional_text(Property::Email);
        if let Some(e) = &email {
            if !link::is_email(e) {
                f.problem(Property::Email, format!("the email \"{e}\" is not an email address"));
            }
        }
        let website = f.optional_text(Property::Website);
        if let Some(w) = &website {
            if link::web(w).is_none() {
                f.problem(
                    Property::Website,
                    format!("the website \"{}\" is not a safe https web address", crate::shown::cap(w, 80)),
                );
            }
        }
        let conditions = f.codes(Property::Conditions, Condition::from_code, "condition");
        let referral = f.codes(Property::Referral, Referral::from_code, "referral route");
        let min_age = f.small_number(Property::MinAge, 0, 120);
        let max_age = f.small_number(Property::MaxAge, 0, 120);
        if let (Some(lo), Some(hi)) = (min_age, max_age) {
            if lo > hi {
                f.problem(Property::MinAge, format!("the minimum age {lo} is above the maximum age {hi}"));
            }
        }
        let programme_weeks = f.small_number(Property::ProgrammeWeeks, 1, 104);
        let sessions = f.sessions();
        let activities = f.activities();
        let last_verified = f.required_text(Property::LastVerified).and_then(|d| {
            let ok = is_iso_date(&d);
            if !ok {
                f.problem(
                    Property::LastVerified,
                    format!("the last-checked date \"{d}\" is not a date like 2026-10-01"),
                );
            }
            ok.then_some(d)
        });
        let notes = f.optional_text(Property::Notes);
        let sample = match props.get("sample") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                f.problem(Property::Sample, "\"sample\" must be true or false");
                false
            }
        };

        if !f.problems.is_empty() {
            return Err(Rejection { label, reasons: f.problems });
        }
        // Every required value is present when there are no problems.
        match (id, name, operator, centre, town, postcode, district, location, price, last_verified) {
            (
                Some(id),
                Some(name),
                Some(operator),
                Some(centre),
                Some(town),
                Some(postcode),
                Some(district),
                Some(location),
                Some(price),
                Some(last_verified),
            ) => Ok(Scheme {
                id,
                name,
                operator,
                centre,
                address,
                town,
                postcode,
                district,
                location,
                price,
                phone,
                email,
                website,
                conditions,
                referral,
                min_age,
                max_age,
                programme_weeks,
                sessions,
                activities,
                last_verified,
                notes,
                sample,
            }),
            _ => {
                Err(Rejection { label, reasons: vec![Reason::new(Property::Feature, "it is missing required fields")] })
            }
        }
    }

    /// The scheme as a GeoJSON feature, in the documented property order.
    pub fn to_feature(&self) -> Value {
        let mut p = Map::new();
        p.insert("id".into(), json!(self.id));
        p.insert("name".into(), json!(self.name));
        p.insert("operator".into(), json!(self.operator));
        p.insert("centre".into(), json!(self.centre));
        p.insert("address".into(), json!(self.address));
        p.insert("town".into(), json!(self.town));
        p.insert("postcode".into(), json!(self.postcode));
        p.insert("district".into(), json!(self.district));
        p.insert("price".into(), serde_json::to_value(self.price.to_record()).unwrap_or(Value::Null));
        p.insert("phone".into(), json!(self.phone));
        p.insert("email".into(), json!(self.email));
        p.insert("website".into(), json!(self.website));
        p.insert("conditions".into(), json!(self.conditions.iter().map(|c| c.code()).collect::<Vec<_>>()));
        p.insert("referral".into(), json!(self.referral.iter().map(|r| r.code()).collect::<Vec<_>>()));
        p.insert("min_age".into(), json!(self.min_age));
        p.insert("max_age".into(), json!(self.max_age));
        p.insert("programme_weeks".into(), json!(self.programme_weeks));
        if !self.sessions.is_empty() {
            p.insert("sessions".into(), Value::Array(self.sessions.iter().map(Session::to_json).collect()));
        }
        if !self.activities.is_empty() {
            p.insert("activities".into(), Value::Array(self.activities.iter().map(Activity::to_json).collect()));
        }
        p.insert("last_verified".into(), json!(self.last_verified));
        p.insert("notes".into(), json!(self.notes));
        p.insert("sample".into(), json!(self.sample));
        // The parts are moved in: `json!` would copy the properties by serialising them again,
        // which is most of the cost of writing a large file.
        let mut f = Map::new();
        f.insert("type".into(), json!("Feature"));
        f.insert("id".into(), json!(self.id));
        f.insert(
            "geometry".into(),
            json!({ "type": "Point", "coordinates": [round6(self.location.lng), round6(self.location.lat)] }),
        );
        f.insert("properties".into(), Value::Object(p));
        Value::Object(f)
    }

    /// The weekly equivalent of the price in pence, as the card shows it and the price filter
    /// compares it (a session price counts the timetable's weekly sessions when the price does not
    /// say how many: see [`crate::price::SessionsAWeek`]).
    pub fn weekly_pence(&self) -> u32 {
        self.price.weekly_pence(self.programme_weeks, self.sessions.len())
    }

    /// The weekly equivalent in words beside the price ([`Price::weekly_explained`]).
    pub fn weekly_explained(&self) -> Option<String> {
        self.price.weekly_explained(self.programme_weeks, self.sessions.len())
    }

    /// The price as the card, the copied record, the handout and the plain list give it: the full
    /// price, its weekly equivalent in brackets, then the concession: "£2.80 a session (about
    /// £8.40 a week for the 3 weekly sessions listed); concessions £2".
    pub fn price_in_full(&self) -> String {
        let mut s = self.price.full_price();
        if let Some(w) = self.weekly_explained() {
            s = format!("{s} ({w})");
        }
        s + &self.price.concession_words()
    }

    /// The price in a week for a one-line summary ([`Price::per_week`]).
    pub fn price_per_week(&self) -> String {
        self.price.per_week(self.programme_weeks, self.sessions.len())
    }

    /// "16+", "16 to 64", "up to 18", or `None` when the data gives no ages.
    pub fn age_range(&self) -> Option<String> {
        match (self.min_age, self.max_age) {
            (Some(lo), Some(hi)) => Some(format!("{lo} to {hi}")),
            (Some(lo), None) => Some(format!("{lo}+")),
            (None, Some(hi)) => Some(format!("up to {hi}")),
            (None, None) => None,
        }
    }

    /// The address on one line: "Lytton Way, Stevenage SG1 1LZ".
    pub fn full_address(&self) -> String {
        let mut parts: Vec<&str> = Vec::new();
        if !self.address.is_empty() {
            parts.push(&self.address);
        }
        parts.push(&self.town);
        format!("{} {}", parts.join(", "), self.postcode)
    }
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// Whether `d` is a real calendar date written "YYYY-MM-DD".
pub fn is_iso_date(d: &str) -> bool {
    let b = d.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| {
        d.get(r).filter(|s| s.bytes().all(|c| c.is_ascii_digit())).and_then(|s| s.parse::<u32>().ok())
    };
    let (Some(y), Some(m), Some(day)) = (num(0..4), num(5..7), num(8..10)) else { return false };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2200).contains(&y) && (1..=days).contains(&day)
}

fn parse_point(geometry: Option<&Value>) -> Result<LatLng, String> {
    let (lng, lat) = match geometry {
        None | Some(Value::Null) => return Err("it has no location".into()),
        Some(v) => match geometry::read(v) {
            None => return Err("its location is not a GeoJSON geometry".into()),
            Some(Geometry::Other(kind)) => return Err(format!("its location is a {kind}, not a Point")),
            Some(Geometry::Point { lng, lat }) => (lng, lat),
        },
    };
    if !(-180.0..=180.0).contains(&lng) || !(-90.0..=90.0).contains(&lat) {
        return Err(format!("its coordinates ({}, {}) are out of range", plain(lng), plain(lat)));
    }
    if !in_uk(lat, lng) {
        return Err(format!("its coordinates ({}, {}) are far outside the UK", plain(lng), plain(lat)));
    }
    Ok(LatLng { lat, lng })
}

/// Reads properties, collecting every problem instead of stopping at the first.
struct Fields<'a> {
    props: &'a Map<String, Value>,
    problems: Vec<Reason>,
}

impl<'a> Fields<'a> {
    fn problem(&mut self, property: Property, text: impl Into<String>) {
        self.problems.push(Reason::new(property, text));
    }

    /// The property's value (borrowed from the feature, not from `self`).
    fn get(&self, p: Property) -> Option<&'a Value> {
        p.key().and_then(|k| self.props.get(k))
    }

    fn text(&mut self, p: Property) -> Option<String> {
        match self.get(p) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => {
                let cleaned;
                let s = if CLEANED.contains(&p) {
                    cleaned = crate::shown::visible(s, p == Property::Notes);
                    &cleaned
                } else {
                    s
                };
                let t = s.trim();
                if t.chars().count() > MAX_TEXT {
                    self.problem(p, format!("the {} is longer than {MAX_TEXT} characters", p.words()));
                    return None;
                }
                (!t.is_empty()).then(|| t.to_string())
            }
            Some(_) => {
                self.problem(p, format!("the {} is not text", p.words()));
                None
            }
        }
    }

    fn required_text(&mut self, p: Property) -> Option<String> {
        let before = self.problems.len();
        let t = self.text(p);
        if t.is_none() && self.problems.len() == before {
            self.problem(p, format!("it has no {}", p.words()));
        }
        t
    }

    fn optional_text(&mut self, p: Property) -> Option<String> {
        self.text(p)
    }

    fn small_number(&mut self, p: Property, lo: u8, hi: u8) -> Option<u8> {
        match self.get(p) {
            None | Some(Value::Null) => None,
            Some(v) => match v.as_u64().filter(|n| (u64::from(lo)..=u64::from(hi)).contains(n)) {
                Some(n) => Some(n as u8),
                None => {
                    self.problem(p, format!("the {} must be a whole number from {lo} to {hi}", p.words()));
                    None
                }
            },
        }
    }

    /// The optional weekly sessions, sorted, each checked.
    fn sessions(&mut self) -> Vec<Session> {
        let items = match self.props.get("sessions") {
            None | Some(Value::Null) => return Vec::new(),
            Some(Value::Array(items)) => items,
            Some(_) => {
                self.problem(Property::Sessions, "the sessions must be a list of {day, start, end}");
                return Vec::new();
            }
        };
        if items.len() > schedule::MAX_SESSIONS {
            self.problem(
                Property::Sessions,
                format!("the sessions list more than {} sessions", schedule::MAX_SESSIONS),
            );
            return Vec::new();
        }
        let mut out = Vec::new();
        for item in items {
            match Session::from_json(item) {
                Ok(s) => insert_sorted(&mut out, s),
                Err(e) => self.problem(Property::Sessions, format!("the sessions cannot be read: {e}")),
            }
        }
        out
    }

    /// The optional OpenActive activities, each checked, without repeats.
    fn activities(&mut self) -> Vec<Activity> {
        let items = match self.props.get("activities") {
            None | Some(Value::Null) => return Vec::new(),
            Some(Value::Array(items)) if items.len() <= 20 => items,
            Some(_) => {
                self.problem(Property::Activities, "the activities must be a list of at most 20 {id, label}");
                return Vec::new();
            }
        };
        let mut out: Vec<Activity> = Vec::new();
        for item in items {
            match Activity::from_json(item) {
                Ok(a) if !out.contains(&a) => out.push(a),
                Ok(_) => {}
                Err(e) => self.problem(Property::Activities, format!("the activities cannot be read: {e}")),
            }
        }
        out
    }

    fn codes<T: Ord + Copy>(&mut self, p: Property, from_code: fn(&str) -> Option<T>, what: &str) -> Vec<T> {
        let key = p.words();
        let Some(Value::Array(items)) = self.get(p) else {
            self.problem(p, format!("it has no list of {key}"));
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            match item.as_str().and_then(from_code) {
                Some(c) => insert_sorted(&mut out, c),
                None => self.problem(p, format!("{} is not a known {what} code", crate::shown::json(item))),
            }
        }
        if items.is_empty() {
            self.problem(p, format!("its list of {key} is empty"));
        }
        out
    }
}

/// Puts `item` in its place in the sorted list `out`, unless it is there already: the list ends
/// sorted and without repeats, as `sort` then `dedup` would leave it. The lists are short (at most
/// [`schedule::MAX_SESSIONS`] sessions, a few codes), and this keeps a generic sort routine per
/// element type out of the web app's wasm (docs/benchmarks.md, "What fills the wasm").
fn insert_sorted<T: Ord>(out: &mut Vec<T>, item: T) {
    if let Err(at) = out.binary_search(&item) {
        out.insert(at, item);
    }
}

#[cfg(test)]
mod tests;
