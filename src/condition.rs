//! The controlled list of health conditions a scheme accepts referrals for.
//!
//! Codes are stable identifiers used in the data file and the URL (`condition=diabetes`); labels
//! are the plain-English words a patient reads. The words people write in a spreadsheet
//! ("COPD", "cardiac", "type 2 diabetes") are mapped to codes by [`Condition::from_word`].

use serde::{Deserialize, Serialize};

/// One condition from the controlled list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Condition {
    Heart,
    BloodPressure,
    Cholesterol,
    Diabetes,
    Weight,
    Msk,
    Breathing,
    MentalHealth,
    SevereMentalIllness,
    Falls,
    Cancer,
    Neurological,
    Menopause,
}

impl Condition {
    /// Every condition, in the order the filter lists them.
    pub const ALL: [Condition; 13] = [
        Condition::Heart,
        Condition::BloodPressure,
        Condition::Cholesterol,
        Condition::Diabetes,
        Condition::Weight,
        Condition::Msk,
        Condition::Breathing,
        Condition::MentalHealth,
        Condition::SevereMentalIllness,
        Condition::Falls,
        Condition::Cancer,
        Condition::Neurological,
        Condition::Menopause,
    ];

    /// The stable code used in data files and URLs.
    pub fn code(self) -> &'static str {
        match self {
            Condition::Heart => "heart",
            Condition::BloodPressure => "blood-pressure",
            Condition::Cholesterol => "cholesterol",
            Condition::Diabetes => "diabetes",
            Condition::Weight => "weight",
            Condition::Msk => "msk",
            Condition::Breathing => "breathing",
            Condition::MentalHealth => "mental-health",
            Condition::SevereMentalIllness => "severe-mental-illness",
            Condition::Falls => "falls",
            Condition::Cancer => "cancer",
            Condition::Neurological => "neurological",
            Condition::Menopause => "menopause",
        }
    }

    /// The plain-English label a person reads.
    pub fn label(self) -> &'static str {
        match self {
            Condition::Heart => "Heart and circulation",
            Condition::BloodPressure => "High blood pressure",
            Condition::Cholesterol => "High cholesterol",
            Condition::Diabetes => "Diabetes",
            Condition::Weight => "Weight",
            Condition::Msk => "Joints, bones and back (MSK)",
            Condition::Breathing => "Breathing (COPD, asthma)",
            Condition::MentalHealth => "Mental health",
            Condition::SevereMentalIllness => "Severe mental illness",
            Condition::Falls => "Falls and balance",
            Condition::Cancer => "Cancer",
            Condition::Neurological => "Neurological (stroke, MS, Parkinson's)",
            Condition::Menopause => "Menopause",
        }
    }

    /// The condition with this code, if any.
    pub fn from_code(code: &str) -> Option<Condition> {
        Condition::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The one synonym table: words clinicians and patients use for this condition, as they are
    /// usually written ("COPD", "Parkinson's"). The data tool reads spreadsheet cells with it
    /// ([`Condition::from_word`]) and the Search box matches conditions with it
    /// ([`crate::condition_search`]); the code and the label are accepted too.
    pub fn words(self) -> &'static [&'static str] {
        match self {
            Condition::Heart => &[
                "heart",
                "cardiac",
                "cardiac rehab",
                "cardiac rehabilitation",
                "coronary heart disease",
                "CHD",
                "heart disease",
                "heart condition",
                "circulation",
                "cardiovascular",
                "heart failure",
                "angina",
                "MI",
                "post-MI",
                "heart attack",
                "myocardial infarction",
                "IHD",
                "ischaemic heart disease",
                "HF",
                "AF",
                "atrial fibrillation",
                "PAD",
                "peripheral arterial disease",
                "PVD",
                "peripheral vascular disease",
            ],
            Condition::BloodPressure => &[
                "high blood pressure",
                "blood pressure",
                "hypertension",
                "BP",
                "high BP",
                "raised BP",
                "raised blood pressure",
                "HTN",
            ],
            Condition::Cholesterol => &["cholesterol", "high cholesterol", "hypercholesterolaemia"],
            Condition::Diabetes => &[
                "diabetes",
                "type 1 diabetes",
                "type 2 diabetes",
                "type 1",
                "type 2",
                "type I diabetes",
                "type II diabetes",
                "type I",
                "type II",
                "T1D",
                "T2D",
                "T1DM",
                "T2DM",
                "pre-diabetes",
                "prediabetes",
                "diabetic",
            ],
            Condition::Weight => {
                &["weight", "obesity", "overweight", "weight management", "weight loss", "BMI", "obese"]
            }
            Condition::Msk => &[
                "MSK",
                "musculoskeletal",
                "joints",
                "joint pain",
                "back pain",
                "low back pain",
                "lower back pain",
                "bones",
                "back",
                "arthritis",
                "osteoarthritis",
                "OA",
                "rheumatoid arthritis",
                "RA",
                "osteoporosis",
                "joint replacement",
                "hip replacement",
                "knee replacement",
                "total hip replacement",
                "total knee replacement",
                "THR",
                "TKR",
                "chronic pain",
                "hip",
                "knee",
                "joints, bones and back",
            ],
            Condition::Breathing => &[
                "breathing",
                "COPD",
                "asthma",
                "emphysema",
                "bronchitis",
                "respiratory",
                "pulmonary",
                "lung condition",
                "pulmonary rehab",
                "pulmonary disease",
                "lung",
                "lungs",
            ],
            Condition::MentalHealth => {
                &["mental health", "anxiety", "depression", "stress", "mild to moderate mental health", "low mood"]
            }
            Condition::SevereMentalIllness => {
                &["severe mental illness", "SMI", "serious mental illness", "psychosis", "schizophrenia", "bipolar"]
            }
            Condition::Falls => {
                &["falls", "falls prevention", "balance", "falls and balance", "falls risk", "frailty", "frail"]
            }
            Condition::Cancer => &[
                "cancer",
                "cancer rehab",
                "cancer rehabilitation",
                "after cancer",
                "after chemo",
                "chemotherapy",
                "breast cancer",
                "bowel cancer",
                "prostate cancer",
                "lung cancer",
            ],
            Condition::Neurological => &[
                "neurological",
                "stroke",
                "MS",
                "multiple sclerosis",
                "Parkinson's",
                "parkinsons",
                "parkinson",
                "neuro",
                "TIA",
                "transient ischaemic attack",
            ],
            Condition::Menopause => &["menopause", "perimenopause"],
        }
    }

    /// The condition's short name in a sentence ("breathing", "mental health", "MSK").
    pub fn short_name(self) -> &'static str {
        match self {
            Condition::Heart => "heart",
            Condition::BloodPressure => "blood pressure",
            Condition::Cholesterol => "cholesterol",
            Condition::Diabetes => "diabetes",
            Condition::Weight => "weight",
            Condition::Msk => "MSK",
            Condition::Breathing => "breathing",
            Condition::MentalHealth => "mental health",
            Condition::SevereMentalIllness => "severe mental illness",
            Condition::Falls => "falls",
            Condition::Cancer => "cancer",
            Condition::Neurological => "neurological",
            Condition::Menopause => "menopause",
        }
    }

    /// The condition a person's word stands for: its code, its label or one of its
    /// [`words`](Condition::words), in any case and with surrounding spaces ignored.
    pub fn from_word(word: &str) -> Option<Condition> {
        let w = crate::case::lower(word.trim());
        Condition::ALL.into_iter().find(|c| {
            c.code() == w || crate::case::lower(c.label()) == w || c.words().iter().any(|x| crate::case::lower(x) == w)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for c in Condition::ALL {
            assert_eq!(Condition::from_code(c.code()), Some(c));
        }
    }

    #[test]
    fn peoples_words_map_to_codes() {
        assert_eq!(Condition::from_word("COPD"), Some(Condition::Breathing));
        assert_eq!(Condition::from_word(" Cardiac "), Some(Condition::Heart));
        assert_eq!(Condition::from_word("type 2 diabetes"), Some(Condition::Diabetes));
        assert_eq!(Condition::from_word("Parkinson's"), Some(Condition::Neurological));
        assert_eq!(Condition::from_word("gout"), None);
    }

    #[test]
    fn no_word_belongs_to_two_conditions() {
        for a in Condition::ALL {
            for w in a.words() {
                assert_eq!(Condition::from_word(w), Some(a), "{w}");
            }
        }
    }
}
