//! Districts: the local-authority areas a scheme sits in.
//!
//! Districts are data, not code: the list comes from the runtime configuration
//! ([`crate::config::Area`]), so another county only changes its config file.

use serde::{Deserialize, Serialize};

/// One district of the area.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct District {
    /// Stable identifier used in data files and URLs, e.g. `stevenage`.
    pub id: String,
    /// The name a person reads, e.g. `North Hertfordshire`.
    pub name: String,
    /// The ONS GSS code (`LAD24CD`), used to match district boundaries.
    #[serde(default)]
    pub gss: String,
}

/// Finds a district by its id, its GSS code or its name (any case, spaces and hyphens alike).
pub fn find<'a>(districts: &'a [District], word: &str) -> Option<&'a District> {
    // The exact id is by far the commonest case (every feature of a data file): no folding.
    if let Some(d) = districts.iter().find(|d| d.id == word) {
        return Some(d);
    }
    let key = fold(word);
    districts.iter().find(|d| {
        d.id == word
            || fold(&d.id) == key
            || fold(&d.name) == key
            || (!d.gss.is_empty() && d.gss.eq_ignore_ascii_case(word.trim()))
    })
}

fn fold(s: &str) -> String {
    crate::case::lower(s.trim())
        .chars()
        .map(|c| if c == '-' || c == '_' { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two() -> Vec<District> {
        vec![
            District { id: "north-hertfordshire".into(), name: "North Hertfordshire".into(), gss: "E07000099".into() },
            District { id: "stevenage".into(), name: "Stevenage".into(), gss: "E07000243".into() },
        ]
    }

    #[test]
    fn finds_by_id_name_or_code() {
        let d = two();
        assert_eq!(find(&d, "stevenage").unwrap().name, "Stevenage");
        assert_eq!(find(&d, "North Hertfordshire").unwrap().id, "north-hertfordshire");
        assert_eq!(find(&d, "north_hertfordshire").unwrap().id, "north-hertfordshire");
        assert_eq!(find(&d, "e07000243").unwrap().id, "stevenage");
        assert!(find(&d, "Luton").is_none());
    }
}
