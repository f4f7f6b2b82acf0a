//! One spreadsheet row → one scheme, with every problem in the row tied to its cell.

use super::columns::{Columns, Field};
use super::{words, Places, Problem, MAX_METRES_FROM_POSTCODE};
use crate::district;
use crate::link;
use crate::postcode;
use crate::price::parse_written;
use crate::schedule;
use crate::scheme::{is_iso_date, LatLng, Property, Scheme};
use csv::StringRecord;
use serde_json::{json, Map, Value};
use std::collections::HashSet;

pub(super) struct Outcome {
    pub scheme: Option<Scheme>,
    pub problems: Vec<Problem>,
    pub warnings: Vec<String>,
    /// The scheme's name, else "line N", for warnings.
    pub label: String,
    /// Whether the id came from the "id" column (rather than being made from the name).
    pub id_given: bool,
}

struct Row<'a> {
    record: &'a StringRecord,
    line: usize,
    cols: &'a Columns,
    problems: Vec<Problem>,
    /// Fields that already have a problem (or whose problem is explained by another field's).
    settled: HashSet<Field>,
}

impl Row<'_> {
    fn cell(&self, f: Field) -> &str {
        self.raw(f).map_or("", |c| super::unescape_cell(c.trim()))
    }

    /// The cell as written in the file.
    fn raw(&self, f: Field) -> Option<&str> {
        self.cols.position(f).and_then(|i| self.record.get(i))
    }

    fn opt(&self, f: Field) -> Option<&str> {
        Some(self.cell(f)).filter(|c| !c.is_empty())
    }

    fn problem(&mut self, f: Field, reason: &str) {
        let value = self.cell(f).to_string();
        self.problems.push(match self.cols.position(f) {
            Some(i) => Problem::at(self.line, i, &self.cols.headings[i], &value, reason),
            None => Problem { column: Some(f.header().to_string()), ..Problem::file(self.line, reason) },
        });
        self.settled.insert(f);
    }

    /// A field whose failure is already explained by another field's problem.
    fn settle(&mut self, f: Field) {
        self.settled.insert(f);
    }

    fn whole_number(&mut self, f: Field, what: &str) -> Option<u64> {
        let c = self.opt(f)?;
        match c.parse::<u64>() {
            Ok(n) => Some(n),
            Err(_) => {
                self.problem(
                    f,
                    &format!(
                        "is not a whole number: write the {what} as a number like {}",
                        if f == Field::ProgrammeWeeks { 12 } else { 16 }
                    ),
                );
                None
            }
        }
    }
}

pub(super) fn read(record: &StringRecord, line: usize, cols: &Columns, places: &Places, position: usize) -> Outcome {
    let mut r = Row { record, line, cols, problems: Vec::new(), settled: HashSet::new() };
    let mut warnings = Vec::new();
    let extra = record.iter().skip(cols.headings.len()).filter(|c| !c.trim().is_empty()).count();
    if extra > 0 {
        r.problems.push(Problem::file(
            line,
            &format!(
                "this line has {} cells but the heading row has {}: a cell holding a comma must be in double quotes",
                record.len(),
                cols.headings.len()
            ),
        ));
    }

    let name = r.cell(Field::Name).to_string();
    // The name as the map shows it (without control or invisible characters).
    let shown_name = crate::shown::visible(&name, false).trim().to_string();
    let id_given = r.opt(Field::Id).is_some();
    let id = r.opt(Field::Id).map(String::from).unwrap_or_else(|| slug(&shown_name));
    let label = if shown_name.is_empty() { format!("line {line}") } else { shown_name };
    if id.is_empty() {
        r.settle(Field::Id);
    }

    // Where it is: the postcode's point, or the given coordinates checked against it.
    let postcode_text = r.cell(Field::Postcode).to_string();
    let mut postcode_point = None;
    let postcode = if postcode_text.is_empty() {
        r.problem(
            Field::Postcode,
            "there is no postcode: every scheme needs the full postcode of its centre, like SG1 1LZ",
        );
        None
    } else {
        match postcode::normalise_full(&postcode_text) {
            None => {
                r.problem(Field::Postcode, "is not a full UK postcode: write it like SG1 1LZ");
                None
            }
            Some(pc) => {
                postcode_point = places.postcodes.get(&pc);
                if postcode_point.is_none() {
                    let outcode = pc.split(' ').next().unwrap_or("");
                    let reason = if places.postcodes.covers_outcode(outcode) {
                        format!("is not a live postcode in {}: check it for typing mistakes", places.postcodes.source)
                    } else {
                        format!(
                            "is outside the area the postcode file covers (the {} outcodes in and around {}): a scheme must be in one of the area's districts",
                            places.postcodes.outcode_count(),
                            places.area
                        )
                    };
                    r.problem(Field::Postcode, &reason);
                }
                Some(pc)
            }
        }
    };
    let given = given_point(&mut r);
    let point = match given {
        Some(p) => {
            if let (Some(pc), Some(pp)) = (&postcode, postcode_point) {
                let m = crate::distance::metres(p, pp);
                if m > MAX_METRES_FROM_POSTCODE {
                    let swapped = if p.lat.abs() < 10.0 && p.lng.abs() > 40.0 {
                        " (are latitude and longitude the wrong way round?)"
                    } else {
                        ""
                    };
                    r.problem(
                        Field::Latitude,
                        &format!(
                            "the point ({}, {}) is {:.1} km from the point of the postcode {pc}; it must be within 2 km. Check the coordinates and the postcode{swapped}",
                            p.lat,
                            p.lng,
                            m / 1000.0
                        ),
                    );
                }
            }
            Some(p)
        }
        None => postcode_point,
    };
    if point.is_none() {
        r.settle(Field::Latitude);
    }

    // Which district: from the point; a stated district must agree.
    let derived =
        point.and_then(|p| places.boundaries.district_at(p)).and_then(|id| district::find(places.districts, id));
    if let Some(p) = point {
        if derived.is_none() && !r.settled.contains(&Field::Latitude) {
            let names: Vec<&str> = places.districts.iter().map(|d| d.name.as_str()).collect();
            let field = if given.is_some() { Field::Latitude } else { Field::Postcode };
            r.problem(
                field,
                &format!(
                    "the point ({}, {}) is not inside any of the area's districts ({})",
                    p.lat,
                    p.lng,
                    names.join(", ")
                ),
            );
        }
    }
    let mut district_value = derived.map(|d| d.id.clone());
    if let Some(stated) = r.opt(Field::District).map(String::from) {
        match district::find(places.districts, &stated) {
            None => {
                let names: Vec<&str> = places.districts.iter().map(|d| d.name.as_str()).collect();
                r.problem(Field::District, &format!("is not one of the area's districts: {}", names.join(", ")));
            }
            Some(s) => match derived {
                // When the coordinates are already wrong, their district says nothing more.
                Some(_) if r.settled.contains(&Field::Latitude) => {}
                Some(d) if d.id != s.id => {
                    let from = if given.is_some() {
                        "the given coordinates are".to_string()
                    } else {
                        format!("the postcode {} is", postcode.clone().unwrap_or_default())
                    };
                    r.problem(
                        Field::District,
                        &format!("the district is given as {} but {from} in {}", s.name, d.name),
                    );
                }
                Some(_) => {}
                None => district_value = Some(s.id.clone()),
            },
        }
    }
    if district_value.is_none() {
        r.settle(Field::District);
    }

    // What it costs.
    let price = match parse_written(r.cell(Field::Price), r.opt(Field::PriceNote)) {
        Ok(p) => serde_json::to_value(p.to_record()).ok(),
        Err(e) => {
            r.problem(Field::Price, &e);
            None
        }
    };

    // Who it is for and how to get in.
    let conditions = match words::conditions(r.cell(Field::Conditions)) {
        Ok(c) => c.iter().map(|c| c.code()).collect(),
        Err(e) => {
            r.problem(Field::Conditions, &e);
            Vec::new()
        }
    };
    let referral = match words::referrals(r.cell(Field::Referral)) {
        Ok(c) => c.iter().map(|c| c.code()).collect(),
        Err(e) => {
            r.problem(Field::Referral, &e);
            Vec::new()
        }
    };
    let min_age = r.whole_number(Field::MinAge, "minimum age in years");
    let max_age = r.whole_number(Field::MaxAge, "maximum age in years");
    let weeks = r.whole_number(Field::ProgrammeWeeks, "programme length in weeks");
    let sessions = match schedule::read_written(r.cell(Field::Sessions)) {
        Ok(s) => s.iter().map(schedule::Session::to_json).collect::<Vec<_>>(),
        Err(e) => {
            r.problem(Field::Sessions, &e);
            Vec::new()
        }
    };
    let activities = match super::activities::read_written(r.cell(Field::Activities)) {
        Ok(a) => a.iter().map(crate::activity::Activity::to_json).collect::<Vec<_>>(),
        Err(e) => {
            r.problem(Field::Activities, &e);
            Vec::new()
        }
    };
    let last_checked = match r.opt(Field::LastChecked) {
        None => {
            r.problem(
                Field::LastChecked,
                "there is no date: write when the details were last checked with the operator, like 2026-10-01",
            );
            None
        }
        Some(d) => match read_date(d) {
            Some(iso) => Some(iso),
            None => {
                r.problem(Field::LastChecked, "is not a date: write it like 2026-10-01 (or 01/10/2026)");
                None
            }
        },
    };
    let sample = match r.cell(Field::Sample).to_lowercase().as_str() {
        "" | "no" | "n" | "false" | "0" => false,
        "yes" | "y" | "true" | "1" | "sample" => true,
        _ => {
            r.problem(Field::Sample, "must be yes or no (yes when the row is demonstration data)");
            false
        }
    };

    for f in [Field::Name, Field::Operator, Field::Centre, Field::Address, Field::Town, Field::Notes, Field::PriceNote]
    {
        if looks_like_markup(r.cell(f)) {
            warnings.push(format!(
                "the {} holds HTML markup; the map shows it as plain text, tags and all",
                f.header().replace('_', " ")
            ));
        }
    }
    for f in Field::ALL {
        if let Some(raw) = r.raw(f).map(str::trim_start).filter(|c| looks_like_formula(c)) {
            warnings.push(format!(
                "the {} \"{}\" looks like a spreadsheet formula; the map shows it as plain text, and the CSV export writes it with a leading apostrophe so spreadsheets show it as text",
                f.header().replace('_', " "),
                super::printable(&super::shorten(raw))
            ));
        }
    }
    if let Some(p) = r.opt(Field::Phone) {
        if link::tel(p).is_some() && !(p.starts_with('0') || p.starts_with('+')) {
            warnings.push(format!(
                "the phone number \"{}\" does not start with 0 or +44: did the spreadsheet drop the leading 0? Format the column as text",
                super::printable(p)
            ));
        }
    }

    // The feature, validated by the map's own rules.
    let text = |r: &Row, f: Field| r.opt(f).map_or(Value::Null, |s| Value::String(s.to_string()));
    let mut props = Map::new();
    props.insert("id".into(), if id.is_empty() { Value::Null } else { json!(id) });
    props.insert("name".into(), text(&r, Field::Name));
    props.insert("operator".into(), text(&r, Field::Operator));
    props.insert("centre".into(), text(&r, Field::Centre));
    props.insert("address".into(), text(&r, Field::Address));
    props.insert("town".into(), text(&r, Field::Town));
    props.insert("postcode".into(), postcode.map_or_else(|| text(&r, Field::Postcode), Value::String));
    props.insert("district".into(), district_value.map_or(Value::Null, Value::String));
    props.insert("price".into(), price.unwrap_or(Value::Null));
    props.insert("phone".into(), text(&r, Field::Phone));
    props.insert("email".into(), text(&r, Field::Email));
    props.insert("website".into(), text(&r, Field::Website));
    props.insert("conditions".into(), json!(conditions));
    props.insert("referral".into(), json!(referral));
    props.insert("min_age".into(), json!(min_age));
    props.insert("max_age".into(), json!(max_age));
    props.insert("programme_weeks".into(), json!(weeks));
    if !sessions.is_empty() {
        props.insert("sessions".into(), Value::Array(sessions));
    }
    if !activities.is_empty() {
        props.insert("activities".into(), Value::Array(activities));
    }
    props.insert("last_verified".into(), json!(last_checked));
    props.insert("notes".into(), text(&r, Field::Notes));
    props.insert("sample".into(), json!(sample));
    let geometry = point.map_or(Value::Null, |p| json!({"type": "Point", "coordinates": [p.lng, p.lat]}));
    // Built by moving the parts in: `json!` would copy `props` by serialising it again.
    let mut feature = Map::new();
    feature.insert("type".into(), json!("Feature"));
    feature.insert("id".into(), json!(id));
    feature.insert("geometry".into(), geometry);
    feature.insert("properties".into(), Value::Object(props));
    let feature = Value::Object(feature);
    warnings.extend(crate::quality::hidden_characters(&feature));

    let scheme = match Scheme::from_feature(&feature, position, places.districts) {
        Ok(s) => Some(s),
        Err(rejection) => {
            for reason in rejection.reasons {
                match column_of(reason.property) {
                    Some(field) if !r.settled.contains(&field) => r.problem(field, &reason.text),
                    Some(_) => {}
                    None => r.problems.push(Problem::file(line, &reason.text)),
                }
            }
            None
        }
    };
    let scheme = if r.problems.is_empty() { scheme } else { None };
    Outcome { scheme, problems: r.problems, warnings, label, id_given }
}

/// Both coordinates or neither; `None` when neither (or when they cannot be read).
fn given_point(r: &mut Row) -> Option<LatLng> {
    let (lat, lng) = (r.opt(Field::Latitude).map(String::from), r.opt(Field::Longitude).map(String::from));
    let mut num = |f: Field, s: &str| match s.parse::<f64>().ok().filter(|v| v.is_finite()) {
        Some(v) => Some(v),
        None => {
            r.problem(f, "is not a number: write coordinates in decimal degrees, like 51.9019 and -0.2053");
            None
        }
    };
    match (lat, lng) {
        (None, None) => None,
        (Some(a), Some(b)) => {
            let (lat, lng) = (num(Field::Latitude, &a), num(Field::Longitude, &b));
            match (lat, lng) {
                (Some(lat), Some(lng)) => Some(LatLng { lat, lng }),
                _ => {
                    r.settle(Field::Latitude);
                    None
                }
            }
        }
        (Some(_), None) => {
            r.problem(
                Field::Longitude,
                "give both latitude and longitude, or neither (then the postcode's point is used)",
            );
            r.settle(Field::Latitude);
            None
        }
        (None, Some(_)) => {
            r.problem(
                Field::Latitude,
                "give both latitude and longitude, or neither (then the postcode's point is used)",
            );
            None
        }
    }
}

/// A date as written: "2026-10-01", or "01/10/2026" / "1/10/2026" (day first, as spreadsheets
/// in the UK save dates).
pub(crate) fn read_date(d: &str) -> Option<String> {
    if is_iso_date(d) {
        return Some(d.to_string());
    }
    let parts: Vec<&str> = d.split(['/', '.']).collect();
    if let [day, month, year] = parts[..] {
        let ok =
            |s: &str, n: std::ops::RangeInclusive<usize>| n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
        if ok(day, 1..=2) && ok(month, 1..=2) && ok(year, 4..=4) {
            let iso = format!("{year}-{month:0>2}-{day:0>2}");
            return is_iso_date(&iso).then_some(iso);
        }
    }
    None
}

/// An id from a name: "Parkinson's Active Stevenage" → "parkinsons-active-stevenage".
pub(crate) fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in name.to_lowercase().chars().filter(|c| *c != '\'' && *c != '’') {
        if c.is_ascii_alphanumeric() {
            s.push(c);
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    s.trim_end_matches('-').chars().take(80).collect::<String>().trim_end_matches('-').to_string()
}

/// A cell a spreadsheet would run: `=…`, `@…`, or `+`/`-` followed by more than a number or a
/// phone number (`+44 1632 960123` and `-0.2` are fine). An escaped cell (`'=…`) is not one.
fn looks_like_formula(s: &str) -> bool {
    match s.chars().next() {
        Some('=' | '@') => true,
        Some('+' | '-') => !s[1..].chars().all(|c| c.is_ascii_digit() || " .()-".contains(c)),
        _ => false,
    }
}

fn looks_like_markup(s: &str) -> bool {
    s.match_indices('<').any(|(i, _)| s[i + 1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!'))
        && s.contains('>')
}

/// The spreadsheet column of a part of the feature [`Scheme::from_feature`] found a problem in
/// (`None` for the feature as a whole, which the row itself builds). Every property is named here,
/// so a new one must be given its column, and a reason's wording never moves it.
fn column_of(property: Property) -> Option<Field> {
    Some(match property {
        Property::Feature => return None,
        Property::Location => Field::Latitude,
        Property::Id => Field::Id,
        Property::Name => Field::Name,
        Property::Operator => Field::Operator,
        Property::Centre => Field::Centre,
        Property::Address => Field::Address,
        Property::Town => Field::Town,
        Property::Postcode => Field::Postcode,
        Property::District => Field::District,
        Property::Price => Field::Price,
        Property::Phone => Field::Phone,
        Property::Email => Field::Email,
        Property::Website => Field::Website,
        Property::Conditions => Field::Conditions,
        Property::Referral => Field::Referral,
        Property::MinAge => Field::MinAge,
        Property::MaxAge => Field::MaxAge,
        Property::ProgrammeWeeks => Field::ProgrammeWeeks,
        Property::Sessions => Field::Sessions,
        Property::Activities => Field::Activities,
        Property::LastVerified => Field::LastChecked,
        Property::Notes => Field::Notes,
        Property::Sample => Field::Sample,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_as_people_write_them() {
        assert_eq!(read_date("2026-10-01").as_deref(), Some("2026-10-01"));
        assert_eq!(read_date("01/10/2026").as_deref(), Some("2026-10-01"));
        assert_eq!(read_date("1/9/2026").as_deref(), Some("2026-09-01"));
        assert_eq!(read_date("31/02/2026"), None);
        assert_eq!(read_date("Oct 2026"), None);
        assert_eq!(read_date("2026/10/01"), None);
    }

    #[test]
    fn ids_are_made_from_names() {
        assert_eq!(slug("Parkinson's Active Stevenage"), "parkinsons-active-stevenage");
        assert_eq!(slug("  Healthy Hearts — Hitchin!! "), "healthy-hearts-hitchin");
        assert_eq!(slug("<script>"), "script");
        assert_eq!(slug("??"), "");
    }

    #[test]
    fn every_part_of_a_feature_has_its_column() {
        for (p, f) in [
            (Property::Location, Some(Field::Latitude)),
            (Property::LastVerified, Some(Field::LastChecked)),
            (Property::Feature, None),
        ] {
            assert_eq!(column_of(p), f, "{p:?}");
        }
        // Every other property is the column of the same name.
        for f in Field::ALL {
            let p = [
                Property::Id,
                Property::Name,
                Property::Operator,
                Property::Centre,
                Property::Address,
                Property::Town,
                Property::Postcode,
                Property::District,
                Property::Price,
                Property::Phone,
                Property::Email,
                Property::Website,
                Property::Conditions,
                Property::Referral,
                Property::MinAge,
                Property::MaxAge,
                Property::ProgrammeWeeks,
                Property::Notes,
                Property::Sample,
            ]
            .into_iter()
            .find(|p| p.key() == Some(f.header()));
            if let Some(p) = p {
                assert_eq!(column_of(p), Some(f), "{p:?}");
            }
        }
    }

    #[test]
    fn a_problem_stays_in_its_column_whatever_its_wording() {
        // The scheme rules tie each reason to a property; the words play no part. (Matching the
        // words put "the postcode…" under the postcode column, whatever property it was about.)
        let districts = crate::config::Config::shipped().area.districts;
        let feature = json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [-0.2053, 51.9019]},
            "properties": {"id": "x", "name": "X", "operator": "O", "centre": "C", "town": "T",
                "postcode": "SG1 1LZ", "district": "stevenage", "price": {"unit": "session", "amount": 3},
                "website": "javascript:alert(1)", "conditions": ["heart"], "referral": ["gp"],
                "last_verified": "2026-10-01", "min_age": 70, "max_age": 20}
        });
        let rejection = Scheme::from_feature(&feature, 0, &districts).unwrap_err();
        let columns: Vec<_> = rejection.reasons.iter().map(|r| column_of(r.property)).collect();
        assert_eq!(columns, [Some(Field::Website), Some(Field::MinAge)], "{rejection:?}");
    }

    #[test]
    fn formulas_are_noticed_but_numbers_and_phones_are_not() {
        assert!(looks_like_formula("=HYPERLINK(\"https://evil.example\")"));
        assert!(looks_like_formula("@SUM(A1)"));
        assert!(looks_like_formula("+cmd|' /C calc'!A0"));
        assert!(looks_like_formula("-2+3"));
        assert!(!looks_like_formula("-0.205320"));
        assert!(!looks_like_formula("+44 1632 960123"));
        assert!(!looks_like_formula("'=1+1"));
        assert!(!looks_like_formula("Stevenage"));
    }

    #[test]
    fn markup_is_noticed() {
        assert!(looks_like_markup("<b>Gym</b>"));
        assert!(looks_like_markup("<img src=x onerror=alert(1)>"));
        assert!(!looks_like_markup("ages < 18 and > 65"));
    }
}
