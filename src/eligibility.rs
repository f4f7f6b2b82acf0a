//! Eligibility at a glance: who a scheme is for and how a patient joins, in the few words a
//! clinician reads in a consultation ("16+ · GP, self-referral · about £7 a week").

use crate::referral::Referral;
use crate::scheme::Scheme;
use crate::wording::as_sentence;

/// The one line a list entry shows: ages, who can refer, and the price per week.
pub fn line(s: &Scheme) -> String {
    let mut parts = Vec::new();
    if let Some(a) = s.age_range() {
        parts.push(format!("Ages {a}"));
    }
    if !s.referral.is_empty() {
        parts.push(who_can_refer(s));
    }
    parts.push(s.price_per_week());
    parts.join(" · ")
}

/// Whether a patient can join without a referral (the "Self-referral" badge).
pub fn self_referral(s: &Scheme) -> bool {
    s.referral.contains(&Referral::SelfReferral)
}

/// "GP, other health professional, self-referral".
pub fn who_can_refer(s: &Scheme) -> String {
    as_sentence(s.referral.iter().map(|r| r.label()))
}

/// How a patient joins, in one sentence for the record and the handout.
pub fn how_to_join(s: &Scheme) -> String {
    let referrers: Vec<&str> = s
        .referral
        .iter()
        .filter_map(|r| match r {
            Referral::Gp => Some("a GP"),
            Referral::HealthProfessional => Some("another health professional"),
            Referral::SocialPrescriber => Some("a social prescriber"),
            Referral::SelfReferral => None,
        })
        .collect();
    let contact = match (&s.phone, &s.email) {
        (Some(p), _) => format!("phone {p}"),
        (None, Some(e)) => format!("email {e}"),
        (None, None) => format!("contact {}", s.centre),
    };
    let by = crate::wording::or_list(&referrers);
    match (self_referral(s), referrers.is_empty()) {
        (true, true) => format!("Self-referral: {contact} to join."),
        (true, false) => format!("Self-referral: {contact} to join, or be referred by {by}."),
        (false, _) => format!("Referral needed from {by}; then {contact} to book."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{scheme, with};
    use crate::scheme::Scheme;
    use serde_json::json;

    fn changed(key: &str, value: serde_json::Value) -> Scheme {
        Scheme::from_feature(&with(key, value), 0, &crate::fixtures::districts()).unwrap()
    }

    #[test]
    fn the_line_says_ages_referrers_and_weekly_price() {
        let s = scheme();
        assert_eq!(line(&s), "Ages 16+ · GP, self-referral · about £7 a week", "{s:?}");
    }

    #[test]
    fn the_line_leaves_out_what_the_data_does_not_say() {
        let mut s = changed("price", json!({"unit": "free"}));
        s.min_age = None;
        s.max_age = None;
        assert_eq!(line(&s), "GP, self-referral · Free");
        let s = changed("price", json!({"unit": "week", "amount": 5}));
        assert!(line(&s).ends_with(" · £5 a week"), "{}", line(&s));
    }

    #[test]
    fn self_referral_is_flagged() {
        assert!(self_referral(&scheme()));
        assert!(!self_referral(&changed("referral", json!(["gp", "social-prescriber"]))));
    }

    #[test]
    fn how_to_join_names_the_routes_and_the_contact() {
        let s = scheme();
        assert_eq!(how_to_join(&s), "Self-referral: phone 01632 960001 to join, or be referred by a GP.");
        let s = changed("referral", json!(["gp", "health-professional", "social-prescriber"]));
        assert_eq!(
            how_to_join(&s),
            "Referral needed from a GP, another health professional or a social prescriber; then phone 01632 960001 to book."
        );
        let s = changed("referral", json!(["self-referral"]));
        assert_eq!(how_to_join(&s), "Self-referral: phone 01632 960001 to join.");
    }
}
