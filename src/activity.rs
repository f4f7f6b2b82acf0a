//! Activities: concepts of the OpenActive Activity List that a scheme's sessions are made of, when
//! the data names them ("Aqua Aerobics", "Chair Based Exercise").
//!
//! The data file holds each as the list's `@id` and its label, so the app and the exports need no
//! copy of the list; the import (native only) reads labels from the spreadsheet and finds their
//! `@id`s (`import::activities`). When a scheme names none, the OpenActive export chooses them
//! from its conditions (`export::openactive::activities`).

use serde_json::{json, Value};

/// Every concept's `@id` starts with this.
pub const LIST_PREFIX: &str = "https://openactive.io/activity-list#";

/// One concept: its `@id` in the Activity List and its label there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Activity {
    pub id: String,
    pub label: String,
}

impl Activity {
    pub fn to_json(&self) -> Value {
        json!({"id": self.id, "label": self.label})
    }

    /// Reads `{"id": "https://openactive.io/activity-list#<uuid>", "label": "…"}`.
    pub fn from_json(v: &Value) -> Result<Activity, String> {
        let id = v.get("id").and_then(Value::as_str).unwrap_or_default().trim();
        let label = crate::shown::visible(v.get("label").and_then(Value::as_str).unwrap_or_default(), false);
        let label = label.trim();
        let uuid = id.strip_prefix(LIST_PREFIX).unwrap_or_default();
        let is_uuid = uuid.len() == 36
            && uuid
                .char_indices()
                .all(|(i, c)| if [8, 13, 18, 23].contains(&i) { c == '-' } else { c.is_ascii_hexdigit() });
        if !is_uuid {
            return Err(format!("an activity needs an \"id\" like {LIST_PREFIX}<identifier>"));
        }
        if label.is_empty() || label.chars().count() > 100 {
            return Err("an activity needs a \"label\" (its name in the Activity List)".into());
        }
        Ok(Activity { id: id.to_string(), label: label.to_string() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activities_need_an_activity_list_id_and_a_label() {
        let good = json!({"id": "https://openactive.io/activity-list#6e31262b-ce37-4fc7-b3e3-d827ac5e8b42", "label": "Aqua Aerobics"});
        assert_eq!(Activity::from_json(&good).unwrap().to_json(), good);
        for bad in [
            json!({"id": "https://example.org/activity#6e31262b-ce37-4fc7-b3e3-d827ac5e8b42", "label": "Aqua Aerobics"}),
            json!({"id": "https://openactive.io/activity-list#aqua", "label": "Aqua Aerobics"}),
            json!({"id": "https://openactive.io/activity-list#6e31262b-ce37-4fc7-b3e3-d827ac5e8b42", "label": ""}),
            json!("Aqua Aerobics"),
        ] {
            assert!(Activity::from_json(&bad).is_err(), "{bad}");
        }
    }
}
