//! How a person can be referred to a scheme (the referral routes).

use serde::{Deserialize, Serialize};

/// One route into a scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Referral {
    /// A GP.
    Gp,
    /// Another health professional: practice nurse, physiotherapist, consultant, pharmacist…
    HealthProfessional,
    /// A social prescriber or link worker.
    SocialPrescriber,
    /// The person can refer themselves.
    SelfReferral,
}

impl Referral {
    /// Every route, in the order they are shown.
    pub const ALL: [Referral; 4] =
        [Referral::Gp, Referral::HealthProfessional, Referral::SocialPrescriber, Referral::SelfReferral];

    /// The stable code used in data files and URLs.
    pub fn code(self) -> &'static str {
        match self {
            Referral::Gp => "gp",
            Referral::HealthProfessional => "health-professional",
            Referral::SocialPrescriber => "social-prescriber",
            Referral::SelfReferral => "self-referral",
        }
    }

    /// The plain-English label.
    pub fn label(self) -> &'static str {
        match self {
            Referral::Gp => "GP",
            Referral::HealthProfessional => "Other health professional",
            Referral::SocialPrescriber => "Social prescriber",
            Referral::SelfReferral => "Self-referral",
        }
    }

    /// The route with this code, if any.
    pub fn from_code(code: &str) -> Option<Referral> {
        Referral::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Words people use for this route in a spreadsheet (lower case).
    pub fn words(self) -> &'static [&'static str] {
        match self {
            Referral::Gp => &["gp", "gp referral", "doctor", "gp practice", "general practitioner"],
            Referral::HealthProfessional => &[
                "health professional",
                "other health professional",
                "nurse",
                "practice nurse",
                "physio",
                "physiotherapist",
                "consultant",
                "pharmacist",
                "hospital",
                "clinician",
            ],
            Referral::SocialPrescriber => {
                &["social prescriber", "social prescribing", "link worker", "social prescribing link worker"]
            }
            Referral::SelfReferral => &["self", "self-referral", "self referral", "self-refer", "self refer"],
        }
    }

    /// The route a person's word stands for (its code, label or one of its words, any case).
    pub fn from_word(word: &str) -> Option<Referral> {
        let w = crate::case::lower(word.trim());
        Referral::ALL
            .into_iter()
            .find(|r| r.code() == w || crate::case::lower(r.label()) == w || r.words().iter().any(|x| *x == w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_map_to_routes() {
        assert_eq!(Referral::from_word("GP referral"), Some(Referral::Gp));
        assert_eq!(Referral::from_word("Self-referral"), Some(Referral::SelfReferral));
        assert_eq!(Referral::from_word("Physio"), Some(Referral::HealthProfessional));
        assert_eq!(Referral::from_word("friend"), None);
        for r in Referral::ALL {
            assert_eq!(Referral::from_code(r.code()), Some(r));
            for w in r.words() {
                assert_eq!(Referral::from_word(w), Some(r));
            }
        }
    }
}
