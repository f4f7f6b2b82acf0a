//! Back to the partnership's spreadsheet: one row per scheme, in the canonical columns and
//! forms the import reads, so CSV → GeoJSON → CSV gives the same rows.
//!
//! Coordinates are left blank when they are just the postcode's point (that is what a blank
//! means to the import); they are written when they differ, or when no postcode data is given.

use crate::district::District;
use crate::geodata::postcodes::PostcodeIndex;
use crate::import::columns::Field;
use crate::scheme::Scheme;

/// The CSV text, with a heading row.
pub fn to_csv(schemes: &[Scheme], districts: &[District], postcodes: Option<&PostcodeIndex>) -> String {
    let mut w = ::csv::WriterBuilder::new().terminator(::csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    let _ = w.write_record(Field::ALL.iter().map(|f| f.header()));
    for s in schemes {
        let _ = w.write_record(Field::ALL.iter().map(|f| cell(s, *f, districts, postcodes)));
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn cell(s: &Scheme, f: Field, districts: &[District], postcodes: Option<&PostcodeIndex>) -> String {
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    let num = |n: Option<u8>| n.map(|n| n.to_string()).unwrap_or_default();
    let at_postcode = postcodes
        .and_then(|p| p.get(&s.postcode))
        .is_some_and(|p| (p.lat - s.location.lat).abs() < 5e-7 && (p.lng - s.location.lng).abs() < 5e-7);
    match f {
        Field::Id => s.id.clone(),
        Field::Name => s.name.clone(),
        Field::Operator => s.operator.clone(),
        Field::Centre => s.centre.clone(),
        Field::Address => s.address.clone(),
        Field::Town => s.town.clone(),
        Field::Postcode => s.postcode.clone(),
        Field::District => {
            districts.iter().find(|d| d.id == s.district).map_or_else(|| s.district.clone(), |d| d.name.clone())
        }
        Field::Latitude if !at_postcode => format!("{:.6}", s.location.lat),
        Field::Longitude if !at_postcode => format!("{:.6}", s.location.lng),
        Field::Latitude | Field::Longitude => String::new(),
        Field::Phone => opt(&s.phone),
        Field::Email => opt(&s.email),
        Field::Website => opt(&s.website),
        Field::Price => s.price.written(),
        Field::PriceNote => opt(&s.price.note),
        Field::Conditions => s.conditions.iter().map(|c| c.code()).collect::<Vec<_>>().join("; "),
        Field::Referral => s.referral.iter().map(|r| r.code()).collect::<Vec<_>>().join("; "),
        Field::MinAge => num(s.min_age),
        Field::MaxAge => num(s.max_age),
        Field::ProgrammeWeeks => num(s.programme_weeks),
        Field::Sessions => crate::schedule::written(&s.sessions),
        Field::Activities => s.activities.iter().map(|a| a.label.as_str()).collect::<Vec<_>>().join("; "),
        Field::LastChecked => s.last_verified.clone(),
        Field::Notes => opt(&s.notes),
        Field::Sample => if s.sample { "yes" } else { "no" }.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{districts, scheme};

    #[test]
    fn a_scheme_becomes_a_row_in_the_canonical_forms() {
        let text = to_csv(&[scheme()], &districts(), None);
        let mut lines = text.lines();
        assert_eq!(lines.next().unwrap(), Field::ALL.map(|f| f.header()).join(","));
        let row = lines.next().unwrap();
        assert!(row.starts_with("stevenage-active-health,Active Health Stevenage,Everyone Active,"), "{row}");
        assert!(row.contains(",Stevenage,51.901873,-0.205320,"), "{row}");
        assert!(row.contains(",\"£3.50 per session, 2 sessions a week\","), "{row}");
        assert!(text.ends_with('\n') && !text.contains('\r'));
    }
}
