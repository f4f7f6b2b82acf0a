//! The scheme: one exercise-referral programme at one place, and the rules that make it valid.
//!
//! This is the one definition of a valid scheme. The web app's loader and the data tool both go
//! through [`Scheme::from_feature`], and write through [`Scheme::to_feature`], so the two can never
//! disagree about what the data file may hold.

use crate::activity::Activity;
use crate::condition::Condition;
use crate::district::{self, District};
use crate::link;
use crate::postcode;
use crate::price::{Price, PriceRecord};
use crate::referral::Referral;
use crate::schedule::{self, Session};
use serde_json::{json, Map, Value};

/// A point on the map, WGS84 degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LatLng {
    pub lat: f64,
    pub lng: f64,
}

/// The box around the United Kingdom that every scheme must lie in (a little generous at sea).
pub const UK_BOUNDS: (LatLng, LatLng) = (LatLng { lat: 49.8, lng: -8.7 }, LatLng { lat: 60.9, lng: 1.8 });

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
    pub reasons: Vec<String>,
}

/// Longest text accepted in any field.
const MAX_TEXT: usize = 500;

impl Scheme {
    /// Validates one GeoJSON feature (as JSON) against the area's districts.
    /// `position` is the feature's 0-based index in the file, used only to label it.
    pub fn from_feature(value: &Value, position: usize, districts: &[District]) -> Result<Scheme, Rejection> {
        let mut problems = Vec::new();
        let fallback_label = format!("Scheme {}", position + 1);
        let Some(obj) = value.as_object() else {
            return Err(Rejection { label: fallback_label, reasons: vec!["it is not a GeoJSON feature".into()] });
        };
        if obj.get("type").and_then(Value::as_str) != Some("Feature") {
            problems.push("it is not a GeoJSON feature (\"type\" is not \"Feature\")".to_string());
        }
        let empty = Map::new();
        let props = match obj.get("properties") {
            Some(Value::Object(p)) => p,
            _ => {
                problems.push("it has no properties".into());
                &empty
            }
        };
        let mut f = Fields { props, problems };

        let name = f.required_text("name");
        let id = f.required_text("id");
        let label = name.clone().or_else(|| id.clone()).unwrap_or(fallback_label);

        let location = match parse_point(obj.get("geometry")) {
            Ok(p) => Some(p),
            Err(e) => {
                f.problems.push(e);
                None
            }
        };
        let operator = f.required_text("operator");
        let centre = f.required_text("centre");
        let address = f.optional_text("address").unwrap_or_default();
        let town = f.required_text("town");
        let postcode = f.required_text("postcode").and_then(|p| {
            let n = postcode::normalise_full(&p);
            if n.is_none() {
                f.problems.push(format!("the postcode \"{p}\" is not a full UK postcode"));
            }
            n
        });
        let district = f.required_text("district").and_then(|d| match district::find(districts, &d) {
            Some(found) => Some(found.id.clone()),
            None => {
                let known: Vec<&str> = districts.iter().map(|d| d.id.as_str()).collect();
                f.problems.push(format!("the district \"{d}\" is not one of {}", known.join(", ")));
                None
            }
        });
        let price = match props.get("price") {
            None | Some(Value::Null) => {
                f.problems.push("it has no price".into());
                None
            }
            Some(v) => match serde_json::from_value::<PriceRecord>(v.clone()) {
                Ok(r) => match Price::from_record(&r) {
                    Ok(p) => Some(p),
                    Err(e) => {
                        f.problems.push(format!("the price cannot be read: {e}"));
                        None
                    }
                },
                Err(_) => {
                    f.problems.push("the price cannot be read: it needs a unit and an amount".into());
                    None
                }
            },
        };
        let phone = f.optional_text("phone");
        if let Some(p) = &phone {
            if link::tel(p).is_none() {
                f.problems.push(format!("the phone number \"{p}\" is not a phone number"));
            }
        }
        let email = f.optional_text("email");
        if let Some(e) = &email {
            if !link::is_email(e) {
                f.problems.push(format!("the email \"{e}\" is not an email address"));
            }
        }
        let website = f.optional_text("website");
        if let Some(w) = &website {
            if link::web(w).is_none() {
                f.problems.push(format!("the website \"{w}\" is not an http(s) web address"));
            }
        }
        let conditions = f.codes("conditions", Condition::from_code, "condition");
        let referral = f.codes("referral", Referral::from_code, "referral route");
        let min_age = f.small_number("min_age", 0, 120);
        let max_age = f.small_number("max_age", 0, 120);
        if let (Some(lo), Some(hi)) = (min_age, max_age) {
            if lo > hi {
                f.problems.push(format!("the minimum age {lo} is above the maximum age {hi}"));
            }
        }
        let programme_weeks = f.small_number("programme_weeks", 1, 104);
        let sessions = f.sessions();
        let activities = f.activities();
        let last_verified = f.required_text("last_verified").and_then(|d| {
            let ok = is_iso_date(&d);
            if !ok {
                f.problems.push(format!("the last-checked date \"{d}\" is not a date like 2026-10-01"));
            }
            ok.then_some(d)
        });
        let notes = f.optional_text("notes");
        let sample = match props.get("sample") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                f.problems.push("\"sample\" must be true or false".into());
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
            _ => Err(Rejection { label, reasons: vec!["it is missing required fields".into()] }),
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
    let g: geojson::Geometry = match geometry {
        None | Some(Value::Null) => return Err("it has no location".into()),
        Some(v) => {
            serde_json::from_value(v.clone()).map_err(|_| "its location is not a GeoJSON geometry".to_string())?
        }
    };
    let geojson::GeometryValue::Point { coordinates } = g.value else {
        return Err(format!("its location is a {}, not a Point", g.value.type_name()));
    };
    let (lng, lat) = (coordinates[0], coordinates[1]);
    if !(-180.0..=180.0).contains(&lng) || !(-90.0..=90.0).contains(&lat) {
        return Err(format!("its coordinates ({lng}, {lat}) are out of range"));
    }
    let (sw, ne) = UK_BOUNDS;
    if !(sw.lat..=ne.lat).contains(&lat) || !(sw.lng..=ne.lng).contains(&lng) {
        return Err(format!("its coordinates ({lng}, {lat}) are far outside the UK"));
    }
    Ok(LatLng { lat, lng })
}

/// Reads properties, collecting every problem instead of stopping at the first.
struct Fields<'a> {
    props: &'a Map<String, Value>,
    problems: Vec<String>,
}

impl Fields<'_> {
    fn text(&mut self, key: &str) -> Option<String> {
        match self.props.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => {
                let t = s.trim();
                if t.chars().count() > MAX_TEXT {
                    self.problems.push(format!("the {} is longer than {MAX_TEXT} characters", key.replace('_', " ")));
                    return None;
                }
                (!t.is_empty()).then(|| t.to_string())
            }
            Some(_) => {
                self.problems.push(format!("the {} is not text", key.replace('_', " ")));
                None
            }
        }
    }

    fn required_text(&mut self, key: &str) -> Option<String> {
        let before = self.problems.len();
        let t = self.text(key);
        if t.is_none() && self.problems.len() == before {
            self.problems.push(format!("it has no {}", key.replace('_', " ")));
        }
        t
    }

    fn optional_text(&mut self, key: &str) -> Option<String> {
        self.text(key)
    }

    fn small_number(&mut self, key: &str, lo: u8, hi: u8) -> Option<u8> {
        match self.props.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => match v.as_u64().filter(|n| (u64::from(lo)..=u64::from(hi)).contains(n)) {
                Some(n) => Some(n as u8),
                None => {
                    self.problems
                        .push(format!("the {} must be a whole number from {lo} to {hi}", key.replace('_', " ")));
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
                self.problems.push("the sessions must be a list of {day, start, end}".into());
                return Vec::new();
            }
        };
        if items.len() > schedule::MAX_SESSIONS {
            self.problems.push(format!("the sessions list more than {} sessions", schedule::MAX_SESSIONS));
            return Vec::new();
        }
        let mut out = Vec::new();
        for item in items {
            match Session::from_json(item) {
                Ok(s) => out.push(s),
                Err(e) => self.problems.push(format!("the sessions cannot be read: {e}")),
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// The optional OpenActive activities, each checked, without repeats.
    fn activities(&mut self) -> Vec<Activity> {
        let items = match self.props.get("activities") {
            None | Some(Value::Null) => return Vec::new(),
            Some(Value::Array(items)) if items.len() <= 20 => items,
            Some(_) => {
                self.problems.push("the activities must be a list of at most 20 {id, label}".into());
                return Vec::new();
            }
        };
        let mut out: Vec<Activity> = Vec::new();
        for item in items {
            match Activity::from_json(item) {
                Ok(a) if !out.contains(&a) => out.push(a),
                Ok(_) => {}
                Err(e) => self.problems.push(format!("the activities cannot be read: {e}")),
            }
        }
        out
    }

    fn codes<T: Ord + Copy>(&mut self, key: &str, from_code: fn(&str) -> Option<T>, what: &str) -> Vec<T> {
        let Some(Value::Array(items)) = self.props.get(key) else {
            self.problems.push(format!("it has no list of {key}"));
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            match item.as_str().and_then(from_code) {
                Some(c) => out.push(c),
                None => self.problems.push(format!("{item} is not a known {what} code")),
            }
        }
        if items.is_empty() {
            self.problems.push(format!("its list of {key} is empty"));
        }
        out.sort();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests;
