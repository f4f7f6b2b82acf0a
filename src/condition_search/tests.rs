use super::*;
use Condition::*;

fn names(query: &str) -> Vec<Condition> {
    Search::read(query).terms.iter().map(|t| t.condition).collect()
}

/// Every entry the clinicians asked for (issue 11), as they would type it.
const CLINICAL_WORDS: &[(&str, Condition)] = &[
    ("COPD", Breathing),
    ("emphysema", Breathing),
    ("asthma", Breathing),
    ("cardiac rehab", Heart),
    ("CHD", Heart),
    ("angina", Heart),
    ("heart failure", Heart),
    ("MI", Heart),
    ("post-MI", Heart),
    ("T2DM", Diabetes),
    ("type 2", Diabetes),
    ("pre-diabetes", Diabetes),
    ("BMI", Weight),
    ("obesity", Weight),
    ("weight loss", Weight),
    ("low mood", MentalHealth),
    ("depression", MentalHealth),
    ("anxiety", MentalHealth),
    ("stress", MentalHealth),
    ("SMI", SevereMentalIllness),
    ("psychosis", SevereMentalIllness),
    ("bipolar", SevereMentalIllness),
    ("schizophrenia", SevereMentalIllness),
    ("OA", Msk),
    ("osteoarthritis", Msk),
    ("back pain", Msk),
    ("hip replacement", Msk),
    ("knee replacement", Msk),
    ("falls", Falls),
    ("frailty", Falls),
    ("balance", Falls),
    ("stroke", Neurological),
    ("MS", Neurological),
    ("Parkinson's", Neurological),
    ("cancer", Cancer),
    ("after chemo", Cancer),
    ("menopause", Menopause),
    ("perimenopause", Menopause),
];

#[test]
fn every_clinical_word_names_its_condition() {
    for (word, condition) in CLINICAL_WORDS {
        let s = Search::read(word);
        assert_eq!(names(word), vec![*condition], "{word}");
        assert!(s.words.is_empty(), "{word} left {:?}", s.words);
    }
}

#[test]
fn every_word_of_the_shared_table_names_its_condition() {
    for c in Condition::ALL {
        for w in c.words().iter().copied().chain([c.code()]) {
            assert_eq!(names(w), vec![c], "{w}");
        }
    }
}

/// What the Search box audit found clinicians type (qualifiers and abbreviations), with the
/// condition each stands for.
const QUALIFIED_AND_ABBREVIATED: &[(&str, Condition)] = &[
    ("high BP", BloodPressure),
    ("raised BP", BloodPressure),
    ("raised blood pressure", BloodPressure),
    ("HTN", BloodPressure),
    ("low back pain", Msk),
    ("lower back pain", Msk),
    ("breast cancer", Cancer),
    ("bowel cancer", Cancer),
    ("prostate cancer", Cancer),
    ("lung cancer", Cancer),
    ("type II diabetes", Diabetes),
    ("type II", Diabetes),
    ("Type I diabetes", Diabetes),
    ("type 1 diabetes", Diabetes),
    ("lung", Breathing),
    ("lungs", Breathing),
    ("BMI 35", Weight),
    ("BMI>35", Weight),
    ("BMI 32.5", Weight),
    ("BMI 40+", Weight),
    ("BMI over 30", Weight),
    ("bmi35", Weight),
    ("RA", Msk),
    ("PAD", Heart),
    ("PVD", Heart),
    ("IHD", Heart),
    ("HF", Heart),
    ("AF", Heart),
    ("atrial fibrillation", Heart),
    ("THR", Msk),
    ("TKR", Msk),
    ("TIA", Neurological),
];

#[test]
fn qualifiers_and_abbreviations_clinicians_type_name_their_condition() {
    for (typed, condition) in QUALIFIED_AND_ABBREVIATED {
        let s = Search::read(typed);
        assert_eq!(names(typed), vec![*condition], "{typed}");
        assert!(s.words.is_empty(), "{typed} left {:?}", s.words);
    }
}

#[test]
fn a_number_is_part_of_bmi_only() {
    // After BMI a number is the measurement; elsewhere it is plain text (a postcode's digits).
    assert_eq!(Search::read("BMI 35 watford").words, vec!["watford"]);
    assert_eq!(Search::read("BMI over watford").words, vec!["over", "watford"]);
    assert_eq!(Search::read("COPD 35").words, vec!["35"]);
    assert_eq!(Search::read("BMI 35").reason().as_deref(), Some("matches: weight (BMI)"));
}

#[test]
fn case_plurals_apostrophes_and_hyphens_are_forgiven() {
    let cases: &[(&str, Condition)] = &[
        ("copd", Breathing),
        ("Copd", Breathing),
        ("ASTHMA", Breathing),
        ("strokes", Neurological),
        ("Parkinsons", Neurological),
        ("parkinson’s", Neurological),
        ("post MI", Heart),
        ("post-mi", Heart),
        ("prediabetes", Diabetes),
        ("pre diabetes", Diabetes),
        ("Type 2", Diabetes),
        ("t2dm", Diabetes),
        ("Heart Failures", Heart),
        ("knee replacements", Msk),
        ("anxieties", MentalHealth),
        ("psychoses", SevereMentalIllness),
        ("fall", Falls),
    ];
    for (typed, c) in cases {
        assert_eq!(names(typed), vec![*c], "{typed}");
    }
}

#[test]
fn small_misspellings_of_longer_words_are_forgiven() {
    let cases: &[(&str, Condition)] = &[
        ("ashtma", Breathing),
        ("asthama", Breathing),
        ("emphysemia", Breathing),
        ("diabetis", Diabetes),
        ("diabeties", Diabetes),
        ("osteoarthritus", Msk),
        ("osteoarthiritis", Msk),
        ("depresion", MentalHealth),
        ("anxeity", MentalHealth),
        ("schizophrenai", SevereMentalIllness),
        ("skizophrenia", SevereMentalIllness),
        ("parkinsins", Neurological),
        ("menapause", Menopause),
        ("obesety", Weight),
        ("angena", Heart),
    ];
    for (typed, c) in cases {
        assert_eq!(names(typed), vec![*c], "{typed}");
    }
}

#[test]
fn short_words_must_be_exact() {
    // Two-letter acronyms are never guessed at: "ms" is not "mi", "me" is nothing.
    assert_eq!(names("ms"), vec![Neurological]);
    assert_eq!(names("mi"), vec![Heart]);
    for typed in ["m", "me", "mx", "sm", "ma", "o", "oak", "bm", "cop", "cpd", "t3dm", "smo", "hert", "bak"] {
        assert_eq!(names(typed), vec![], "{typed}");
    }
}

#[test]
fn ordinary_search_words_are_not_conditions() {
    for typed in [
        "stevenage",
        "watford",
        "leisure",
        "centre",
        "active",
        "everyone",
        "health",
        "healthy",
        "pool",
        "swimming",
        "steps",
        "strong",
        "steady",
        "living",
        "minds",
        "lodge",
        "venue",
        "free",
        "hatfield",
        "hertford",
        "sg1",
        "sg1 1lz",
        "breathe",
        "easy",
        "moves",
        "better",
    ] {
        assert_eq!(names(typed), vec![], "{typed}");
    }
}

#[test]
fn no_word_of_the_shipped_schemes_names_a_condition_by_accident() {
    // Names, centres, towns and operators of the shipped data: only the words that really are
    // conditions may read as one.
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/schemes.geojson")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let expected = ["hearts", "heart", "parkinson's", "menopause"];
    for f in v["features"].as_array().unwrap() {
        for field in ["name", "centre", "town", "operator"] {
            for word in f["properties"][field].as_str().unwrap().split_whitespace() {
                let lower = word.to_lowercase();
                if !expected.contains(&lower.as_str()) {
                    assert_eq!(names(word), vec![], "{word} in {field}");
                }
            }
        }
    }
}

#[test]
fn other_words_stay_plain_text_and_linking_words_go() {
    let s = Search::read("COPD Watford");
    assert_eq!(names("COPD Watford"), vec![Breathing]);
    assert_eq!(s.words, vec!["watford"]);
    let s = Search::read("hip or knee replacement");
    assert_eq!(s.terms.iter().map(|t| t.word).collect::<Vec<_>>(), vec!["hip", "knee replacement"]);
    assert!(s.words.is_empty(), "{:?}", s.words);
    // Without a condition, every word is searched for as before.
    assert_eq!(Search::read("Fit for Life").words, vec!["fit", "for", "life"]);
    assert_eq!(Search::read("  ").words, Vec::<String>::new());
}

#[test]
fn the_reason_says_which_condition_and_which_word() {
    assert_eq!(Search::read("COPD").reason().as_deref(), Some("matches: breathing (COPD)"));
    assert_eq!(Search::read("ashtma").reason().as_deref(), Some("matches: breathing (asthma)"));
    assert_eq!(Search::read("diabetes").reason().as_deref(), Some("matches: diabetes"));
    assert_eq!(Search::read("msk").reason().as_deref(), Some("matches: MSK"));
    assert_eq!(Search::read("post-mi").reason().as_deref(), Some("matches: heart (post-MI)"));
    assert_eq!(
        Search::read("T2DM low mood").reason().as_deref(),
        Some("matches: diabetes (T2DM), mental health (low mood)")
    );
    assert_eq!(Search::read("watford").reason(), None);
}

#[test]
fn a_scheme_must_accept_every_condition_named() {
    let s = Search::read("COPD diabetes");
    assert!(s.conditions_match(&[Breathing, Diabetes, Heart]));
    assert!(!s.conditions_match(&[Breathing]));
    assert!(Search::read("watford").conditions_match(&[]));
}

#[test]
fn a_misspelling_is_read_as_the_word_meant() {
    // "diabetis" read as "diabetic" (one letter from it, two from "diabete", the singular of
    // "diabetes") and the reason named a word the person had not typed.
    let cases = [
        ("diabetis", "matches: diabetes"),
        ("diabeties", "matches: diabetes"),
        ("ashtma", "matches: breathing (asthma)"),
        ("osteoarthritus", "matches: MSK (osteoarthritis)"),
        ("depresion", "matches: mental health (depression)"),
        ("menapause", "matches: menopause"),
        ("obesety", "matches: weight (obesity)"),
        ("parkinsins", "matches: neurological (Parkinson's)"),
    ];
    for (typed, reason) in cases {
        assert_eq!(Search::read(typed).reason().as_deref(), Some(reason), "{typed}");
    }
    // Typed as it is in the table, the synonym is still named.
    assert_eq!(Search::read("diabetic").reason().as_deref(), Some("matches: diabetes (diabetic)"));
}

#[test]
fn only_beside_a_condition_are_words_no_scheme_has_set_aside() {
    let known = |w: &str| w == "watford";
    let mut s = Search::read("COPD watford zzz");
    s.set_aside_words_in_no_scheme(known);
    assert_eq!((s.words.clone(), s.set_aside.clone()), (vec!["watford".to_string()], vec!["zzz".to_string()]));
    assert_eq!(s.reason().as_deref(), Some("matches: breathing (COPD); “zzz” left out: no scheme has it"));
    let mut s = Search::read("watford zzz");
    s.set_aside_words_in_no_scheme(known);
    assert_eq!((s.words, s.set_aside), (vec!["watford".to_string(), "zzz".to_string()], vec![]));
}

#[test]
fn a_condition_found_by_several_words_is_named_once_with_them() {
    assert_eq!(Search::read("diabetes type 2").reason().as_deref(), Some("matches: diabetes (type 2)"));
    // A misspelling is read as the word it is close to ("diabetes"), the condition's own name.
    assert_eq!(Search::read("diabetis type 2").reason().as_deref(), Some("matches: diabetes (type 2)"));
    assert_eq!(Search::read("copd asthma").reason().as_deref(), Some("matches: breathing (COPD, asthma)"));
    assert_eq!(Search::read("heart failure heart").reason().as_deref(), Some("matches: heart (heart failure)"));
    assert_eq!(Search::read("copd diabetes").reason().as_deref(), Some("matches: breathing (COPD), diabetes"));
}
