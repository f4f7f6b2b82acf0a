//! The spreadsheet's columns: which heading means which field.
//!
//! Headings are matched in any case, with spaces, underscores and hyphens alike, and a few
//! other names people use ("Scheme name", "Last checked", "Telephone"). The canonical headings are
//! what the data tool writes when it exports a CSV.

use super::Problem;

/// A field of the spreadsheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    Name,
    Operator,
    Centre,
    Address,
    Town,
    Postcode,
    District,
    Latitude,
    Longitude,
    Phone,
    Email,
    Website,
    Price,
    PriceNote,
    Conditions,
    Referral,
    MinAge,
    MaxAge,
    ProgrammeWeeks,
    Sessions,
    Activities,
    LastChecked,
    Notes,
    Sample,
}

impl Field {
    /// Every field, in the order of the canonical spreadsheet.
    pub const ALL: [Field; 25] = [
        Field::Id,
        Field::Name,
        Field::Operator,
        Field::Centre,
        Field::Address,
        Field::Town,
        Field::Postcode,
        Field::District,
        Field::Latitude,
        Field::Longitude,
        Field::Phone,
        Field::Email,
        Field::Website,
        Field::Price,
        Field::PriceNote,
        Field::Conditions,
        Field::Referral,
        Field::MinAge,
        Field::MaxAge,
        Field::ProgrammeWeeks,
        Field::Sessions,
        Field::Activities,
        Field::LastChecked,
        Field::Notes,
        Field::Sample,
    ];

    /// The canonical heading.
    pub fn header(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Name => "name",
            Field::Operator => "operator",
            Field::Centre => "centre",
            Field::Address => "address",
            Field::Town => "town",
            Field::Postcode => "postcode",
            Field::District => "district",
            Field::Latitude => "latitude",
            Field::Longitude => "longitude",
            Field::Phone => "phone",
            Field::Email => "email",
            Field::Website => "website",
            Field::Price => "price",
            Field::PriceNote => "price_note",
            Field::Conditions => "conditions",
            Field::Referral => "referral",
            Field::MinAge => "min_age",
            Field::MaxAge => "max_age",
            Field::ProgrammeWeeks => "programme_weeks",
            Field::Sessions => "sessions",
            Field::Activities => "activities",
            Field::LastChecked => "last_checked",
            Field::Notes => "notes",
            Field::Sample => "sample",
        }
    }

    /// Other headings accepted for this field (already folded: lower case, single spaces).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Id => &["scheme id", "identifier"],
            Field::Name => &["scheme name", "scheme", "programme name"],
            Field::Operator => &["operator name", "provider", "run by"],
            Field::Centre => &["centre name", "center", "venue", "leisure centre", "location name"],
            Field::Address => &["street", "street address", "address line 1"],
            Field::Town => &["town or city", "city", "locality"],
            Field::Postcode => &["post code", "postal code"],
            Field::District => &["local authority", "council", "district council"],
            Field::Latitude => &["lat"],
            Field::Longitude => &["lng", "lon", "long"],
            Field::Phone => &["telephone", "phone number", "tel"],
            Field::Email => &["email address", "e mail"],
            Field::Website => &["web", "web address", "url", "website address"],
            Field::Price => &["cost", "price as written", "fee", "fees"],
            Field::PriceNote => &["price notes", "cost note", "price details"],
            Field::Conditions => &["condition", "conditions accepted", "health conditions"],
            Field::Referral => &["referral routes", "referral route", "how to be referred", "referred by", "referrals"],
            Field::MinAge => &["minimum age", "age from", "min age"],
            Field::MaxAge => &["maximum age", "age to", "max age"],
            Field::ProgrammeWeeks => {
                &["programme length", "programme length weeks", "weeks", "length weeks", "program weeks"]
            }
            Field::Sessions => &["session times", "sessions each week", "times", "timetable", "schedule", "when"],
            Field::Activities => &["openactive activities", "activity", "activity types"],
            Field::LastChecked => &["last verified", "last checked date", "date checked", "checked"],
            Field::Notes => &["note", "comments", "other information"],
            Field::Sample => &["sample data", "demonstration", "demo"],
        }
    }

    /// Fields every row must have a column for.
    pub fn required(self) -> bool {
        matches!(
            self,
            Field::Name
                | Field::Operator
                | Field::Centre
                | Field::Town
                | Field::Postcode
                | Field::Price
                | Field::Conditions
                | Field::Referral
                | Field::LastChecked
        )
    }

    /// The field a heading stands for.
    pub fn from_header(heading: &str) -> Option<Field> {
        let h = fold(heading);
        Field::ALL.into_iter().find(|f| fold(f.header()) == h || f.aliases().contains(&h.as_str()))
    }
}

/// Lower case, letters and digits only, single spaces: "Programme length (weeks)" → "programme length weeks".
fn fold(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The spreadsheet column letter of a 0-based index: A, B, … Z, AA, AB, …
pub fn letter(index: usize) -> String {
    let mut n = index + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// Where each field is in the file.
#[derive(Clone, Debug)]
pub struct Columns {
    index: Vec<(Field, usize)>,
    /// The headings as written, by position.
    pub headings: Vec<String>,
    /// Headings that mean nothing to the tool (their columns are ignored).
    pub unused: Vec<(usize, String)>,
}

impl Columns {
    /// Reads the heading row. Missing required columns and repeated columns are problems.
    pub fn read(headings: &[String]) -> Result<Columns, Vec<Problem>> {
        let mut index: Vec<(Field, usize)> = Vec::new();
        let mut unused = Vec::new();
        let mut problems = Vec::new();
        for (i, h) in headings.iter().enumerate() {
            if h.trim().is_empty() {
                continue;
            }
            match Field::from_header(h) {
                Some(f) => {
                    if let Some((_, first)) = index.iter().find(|(g, _)| *g == f) {
                        problems.push(Problem::at(
                            1,
                            i,
                            h,
                            h,
                            &format!(
                                "this column means the same as column {} \"{}\"; keep only one of them",
                                letter(*first),
                                headings[*first]
                            ),
                        ));
                    } else {
                        index.push((f, i));
                    }
                }
                None => unused.push((i, h.clone())),
            }
        }
        for f in Field::ALL.into_iter().filter(|f| f.required()) {
            if !index.iter().any(|(g, _)| *g == f) {
                let names: Vec<String> = std::iter::once(f.header())
                    .chain(f.aliases().iter().copied())
                    .map(|n| format!("\"{n}\""))
                    .collect();
                problems.push(Problem::file(
                    1,
                    &format!(
                        "there is no \"{}\" column: the heading row needs one (it may be called {})",
                        f.header(),
                        names.join(", ")
                    ),
                ));
            }
        }
        if problems.is_empty() {
            Ok(Columns { index, headings: headings.to_vec(), unused })
        } else {
            Err(problems)
        }
    }

    /// The position of a field's column.
    pub fn position(&self, f: Field) -> Option<usize> {
        self.index.iter().find(|(g, _)| *g == f).map(|(_, i)| *i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_matched_as_people_write_them() {
        assert_eq!(Field::from_header("Scheme name"), Some(Field::Name));
        assert_eq!(Field::from_header("LAST CHECKED"), Some(Field::LastChecked));
        assert_eq!(Field::from_header("last_verified"), Some(Field::LastChecked));
        assert_eq!(Field::from_header("Programme length (weeks)"), Some(Field::ProgrammeWeeks));
        assert_eq!(Field::from_header(" price-note "), Some(Field::PriceNote));
        assert_eq!(Field::from_header("Favourite colour"), None);
        for f in Field::ALL {
            assert_eq!(Field::from_header(f.header()), Some(f));
        }
    }

    #[test]
    fn column_letters_go_past_z() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(27), "AB");
    }
}
