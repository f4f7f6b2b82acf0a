//! Back to the partnership's spreadsheet: one row per scheme, in the canonical columns and
//! forms the import reads, so CSV → GeoJSON → CSV gives the same rows.
//!
//! Coordinates are left blank when they are just the postcode's point (that is what a blank
//! means to the import); they are written when they differ, or when no postcode data is given.
//!
//! Cells are **formula-safe**: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
//! return (what Excel and LibreOffice read as the start of a formula, the "CSV injection" attack
//! on whoever opens the file) is written with a leading apostrophe, which both programs show as
//! text; the import removes it again ([`crate::import::unescape_cell`]), so the round trip gives
//! the same value. Plain numbers (a longitude like `-0.205320`) are left as they are: they are not
//! formulas, and escaping them would turn coordinates into text.

use crate::district::District;
use crate::geodata::postcodes::PostcodeIndex;
use crate::import::columns::Field;
use crate::scheme::Scheme;

/// The CSV text, with a heading row.
pub fn to_csv(schemes: &[Scheme], districts: &[District], postcodes: Option<&PostcodeIndex>) -> String {
    let mut w = ::csv::WriterBuilder::new().terminator(::csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    let _ = w.write_record(Field::ALL.iter().map(|f| f.header()));
    for s in schemes {
        let _ = w.write_record(Field::ALL.iter().map(|f| formula_safe(cell(s, *f, districts, postcodes))));
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The characters that start a formula in Excel or LibreOffice.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell's text as written: with a leading apostrophe when a spreadsheet would read it as a
/// formula (see the module's documentation).
pub fn formula_safe(cell: String) -> String {
    // Apostrophes already in front are counted too, so that the import's unescaping (which
    // removes one) gives back exactly this text.
    let core = cell.trim_start_matches('\'');
    let escaped_already = core.len() < cell.len();
    if core.starts_with(FORMULA_STARTS) && (escaped_already || !is_plain_number(&cell)) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// `-0.205320`, `12`: a number a spreadsheet reads as a number, nothing else.
fn is_plain_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty() && !frac.is_empty() && whole.chars().chain(frac.chars()).all(|c| c.is_ascii_digit())
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

    #[test]
    fn cells_a_spreadsheet_would_run_are_written_as_text() {
        assert_eq!(
            formula_safe("=HYPERLINK(\"https://evil.example\",\"Click\")".into()),
            "'=HYPERLINK(\"https://evil.example\",\"Click\")"
        );
        assert_eq!(formula_safe("+44 1632 960123".into()), "'+44 1632 960123");
        assert_eq!(formula_safe("-2+3+cmd|' /C calc'!A0".into()), "'-2+3+cmd|' /C calc'!A0");
        assert_eq!(formula_safe("@SUM(A1)".into()), "'@SUM(A1)");
        assert_eq!(formula_safe("\t=1".into()), "'\t=1");
        assert_eq!(formula_safe("\r=1".into()), "'\r=1");
        assert_eq!(formula_safe("-0.205320".into()), "-0.205320");
        assert_eq!(formula_safe("-".into()), "'-");
        assert_eq!(formula_safe("Stevenage".into()), "Stevenage");
        assert_eq!(formula_safe("'quoted'".into()), "'quoted'");
        assert_eq!(formula_safe("'=1".into()), "''=1", "an apostrophe of its own is kept through the round trip");
        assert_eq!(formula_safe("'-0.5".into()), "''-0.5");
    }

    #[test]
    fn a_formula_in_a_scheme_is_exported_as_text() {
        let mut s = scheme();
        s.notes = Some("=1+1".into());
        let text = to_csv(&[s], &districts(), None);
        assert!(text.contains(",'=1+1,"), "{text}");
    }
}
