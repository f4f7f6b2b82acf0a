//! Reading OpenActive activities from the spreadsheet: names from the OpenActive Activity List,
//! separated by semicolons ("Aqua Aerobics; Chair Based Exercise"), in any case.
//!
//! The list is compiled into the data tool (`activity_list.tsv`, made from the Activity List
//! published by OpenActive under CC BY 4.0; a test checks it against
//! tests/fixtures/openactive/activity-list.jsonld).

use crate::activity::{Activity, LIST_PREFIX};

const LIST: &str = include_str!("activity_list.tsv");

/// (identifier, label) of every concept in the list.
fn concepts() -> impl Iterator<Item = (&'static str, &'static str)> {
    LIST.lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.split_once('\t'))
}

/// The activities named in a cell (empty for an empty cell); the reason when a name is not in
/// the list.
pub fn read_written(text: &str) -> Result<Vec<Activity>, String> {
    let mut out: Vec<Activity> = Vec::new();
    for name in text.split([';', '\n']).map(str::trim).filter(|n| !n.is_empty()) {
        let folded = fold(name);
        let Some((id, label)) = concepts().find(|(_, l)| fold(l) == folded) else {
            return Err(format!(
                "\"{name}\" is not in the OpenActive Activity List: use its names, like \"Gym Workout; Chair Based Exercise\", separated by semicolons"
            ));
        };
        let a = Activity { id: format!("{LIST_PREFIX}{id}"), label: label.to_string() };
        if !out.contains(&a) {
            out.push(a);
        }
    }
    Ok(out)
}

/// Lower case, single spaces, no trademark signs: "aqua  zumba" matches "Aqua Zumba®".
fn fold(s: &str) -> String {
    s.to_lowercase().replace(['®', '™'], "").split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn the_compiled_list_is_the_activity_list() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/openactive/activity-list.jsonld"
        ))
        .unwrap();
        let list: Value = serde_json::from_str(&text).unwrap();
        let want: Vec<(String, String)> = list["concept"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let id = c["id"].as_str().unwrap().strip_prefix(LIST_PREFIX).unwrap().to_string();
                (id, c["prefLabel"].as_str().unwrap().trim().to_string())
            })
            .collect();
        let got: Vec<(String, String)> = concepts().map(|(i, l)| (i.to_string(), l.to_string())).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn activities_are_read_by_their_names_in_any_case() {
        let got = read_written("aqua aerobics; Chair Based Exercise;  ; Aqua Aerobics").unwrap();
        let labels: Vec<&str> = got.iter().map(|a| a.label.as_str()).collect();
        assert_eq!(labels, ["Aqua Aerobics", "Chair Based Exercise"]);
        assert_eq!(got[1].id, "https://openactive.io/activity-list#ee3cf3ee-082e-4f53-9cb2-3ef0589497ed");
        assert_eq!(read_written("").unwrap(), Vec::new());
        assert!(read_written("Gym; Aqua Aerobics")
            .unwrap_err()
            .contains("\"Gym\" is not in the OpenActive Activity List"));
    }
}
