//! Which OpenActive Activity List concepts a scheme's sessions are, from its conditions and ages.
//!
//! Exercise referral is not itself an activity in the OpenActive Activity List
//! (`https://openactive.io/activity-list`), so each scheme is described by the activities its
//! sessions are made of: a supervised gym programme for everyone, and the list's more specific
//! concepts where the conditions accepted say so. Every `@id` here is checked against the
//! list itself (tests/fixtures/openactive/activity-list.jsonld) by the test below.

use crate::condition::Condition;
use crate::scheme::Scheme;

/// One concept of the Activity List: its `@id` and `prefLabel`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Activity {
    pub id: &'static str,
    pub label: &'static str,
}

pub const ACTIVITY_LIST: &str = "https://openactive.io/activity-list";

pub const GYM_WORKOUT: Activity =
    Activity { id: "https://openactive.io/activity-list#08d9368c-6c6c-44a3-84ef-a42ed00d529a", label: "Gym Workout" };
pub const CARDIAC_REHABILITATION: Activity = Activity {
    id: "https://openactive.io/activity-list#e4c2656d-983d-4126-b824-72c6713879fb",
    label: "Phase IV Cardiac Rehabilitation",
};
pub const FALLS_AND_EXERCISE_MANAGEMENT: Activity = Activity {
    id: "https://openactive.io/activity-list#35f999ac-8ed5-46fa-87d0-1c7721aca77e",
    label: "Falls and Exercise Management",
};
pub const CHAIR_BASED_EXERCISE: Activity = Activity {
    id: "https://openactive.io/activity-list#ee3cf3ee-082e-4f53-9cb2-3ef0589497ed",
    label: "Chair Based Exercise",
};
pub const OLDER_ADULTS: Activity = Activity {
    id: "https://openactive.io/activity-list#808e1337-0ab2-4db3-b269-0ee3565c3ac9",
    label: "General Fitness for Older Adults",
};

/// Every concept this module may name.
pub const ALL: [Activity; 5] =
    [GYM_WORKOUT, CARDIAC_REHABILITATION, FALLS_AND_EXERCISE_MANAGEMENT, CHAIR_BASED_EXERCISE, OLDER_ADULTS];

/// The age from which a scheme counts as one for older adults.
const OLDER_ADULTS_FROM: u8 = 50;

/// The activities of a scheme's sessions as (`@id`, label): those the data names, else those its
/// conditions and ages suggest.
pub fn of(s: &Scheme) -> Vec<(String, String)> {
    if !s.activities.is_empty() {
        return s.activities.iter().map(|a| (a.id.clone(), a.label.clone())).collect();
    }
    suggested(s).into_iter().map(|a| (a.id.to_string(), a.label.to_string())).collect()
}

/// The activities a scheme's conditions and ages suggest, most general first.
pub fn suggested(s: &Scheme) -> Vec<Activity> {
    let mut out = vec![GYM_WORKOUT];
    let has = |c: Condition| s.conditions.contains(&c);
    if has(Condition::Heart) {
        out.push(CARDIAC_REHABILITATION);
    }
    if has(Condition::Falls) {
        out.push(FALLS_AND_EXERCISE_MANAGEMENT);
    }
    if has(Condition::Falls) || has(Condition::Neurological) {
        out.push(CHAIR_BASED_EXERCISE);
    }
    if s.min_age.is_some_and(|a| a >= OLDER_ADULTS_FROM) {
        out.push(OLDER_ADULTS);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{districts, with};
    use serde_json::{json, Value};

    #[test]
    fn every_concept_is_in_the_openactive_activity_list_with_its_label() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/openactive/activity-list.jsonld"
        ))
        .expect("the Activity List fixture");
        let list: Value = serde_json::from_str(&text).unwrap();
        let concepts = list["concept"].as_array().unwrap();
        for a in ALL {
            let found = concepts.iter().find(|c| c["id"] == a.id).unwrap_or_else(|| panic!("{} not in the list", a.id));
            assert_eq!(found["prefLabel"], a.label);
        }
    }

    #[test]
    fn conditions_and_ages_choose_the_activities() {
        let scheme = |f: Value| Scheme::from_feature(&f, 0, &districts()).unwrap();
        let labels = |s: &Scheme| suggested(s).iter().map(|a| a.label).collect::<Vec<_>>();
        assert_eq!(labels(&scheme(with("conditions", json!(["diabetes"])))), ["Gym Workout"]);
        assert_eq!(
            labels(&scheme(with("conditions", json!(["heart"])))),
            ["Gym Workout", "Phase IV Cardiac Rehabilitation"]
        );
        let mut falls = with("conditions", json!(["falls"]));
        falls["properties"]["min_age"] = json!(60);
        assert_eq!(
            labels(&scheme(falls)),
            [
                "Gym Workout",
                "Falls and Exercise Management",
                "Chair Based Exercise",
                "General Fitness for Older Adults"
            ]
        );
    }
}
