use super::*;
use crate::fixtures::{districts, scheme, with};
use crate::scheme::Scheme;
use serde_json::json;

fn other(district: &str, conditions: &[&str], price: serde_json::Value) -> Scheme {
    let mut f = with("district", json!(district));
    f["properties"]["conditions"] = json!(conditions);
    f["properties"]["price"] = price;
    f["properties"]["name"] = json!(format!("Scheme in {district}"));
    Scheme::from_feature(&f, 0, &districts()).unwrap()
}

fn sample() -> Vec<Scheme> {
    vec![
        scheme(), // Stevenage, heart + diabetes, £3.50 × 2 a week = £7
        other("watford", &["mental-health"], json!({"unit": "free"})),
        other("dacorum", &["msk", "diabetes"], json!({"unit": "month", "amount": 22.49, "months": 6})),
    ]
}

#[test]
fn no_filters_show_every_scheme() {
    assert_eq!(Filters::default().apply(&sample()), vec![0, 1, 2]);
}

#[test]
fn districts_widen_each_other() {
    let f = Filters { districts: ["watford".to_string(), "dacorum".to_string()].into(), ..Default::default() };
    assert_eq!(f.apply(&sample()), vec![1, 2]);
}

#[test]
fn conditions_match_any_chosen() {
    let f = Filters { conditions: [Condition::Diabetes].into(), ..Default::default() };
    assert_eq!(f.apply(&sample()), vec![0, 2]);
}

#[test]
fn free_only_hides_paid_schemes() {
    let f = Filters { price: PriceFilter::Free, ..Default::default() };
    assert_eq!(f.apply(&sample()), vec![1]);
}

#[test]
fn maximum_compares_weekly_equivalents() {
    // £22.49 a month is about £5.20 a week; £3.50 twice a week is £7.
    let f = Filters { price: PriceFilter::MaxWeekly(5), ..Default::default() };
    assert_eq!(f.apply(&sample()), vec![1]);
    let f = Filters { price: PriceFilter::MaxWeekly(6), ..Default::default() };
    assert_eq!(f.apply(&sample()), vec![1, 2]);
    let f = Filters { price: PriceFilter::MaxWeekly(10), ..Default::default() };
    assert_eq!(f.apply(&sample()), vec![0, 1, 2]);
}

/// A session price with the given sessions a week (or none) and the given weekly timetable.
fn per_session(amount: f64, sessions_per_week: Option<u8>, days: &[&str]) -> Scheme {
    let mut f = with("price", json!({"unit": "session", "amount": amount, "sessions_per_week": sessions_per_week}));
    f["properties"]["sessions"] = days.iter().map(|d| json!({"day": d, "start": "10:00", "end": "11:00"})).collect();
    Scheme::from_feature(&f, 0, &districts()).unwrap()
}

#[test]
fn a_session_price_without_sessions_a_week_counts_the_timetables_sessions() {
    let up_to_5 = PriceFilter::MaxWeekly(5);
    // £2.80 on Mon, Wed and Fri is £8.40 a week, not £2.80: it is not "Up to £5 a week", and the
    // card says the same figure.
    let three = per_session(2.8, None, &["mon", "wed", "fri"]);
    assert!(!up_to_5.allows(&three));
    assert!(PriceFilter::MaxWeekly(10).allows(&three));
    assert_eq!(three.weekly_explained().unwrap(), "about £8.40 a week for the 3 weekly sessions listed");
    // The price's own number wins over the timetable.
    assert!(up_to_5.allows(&per_session(2.8, Some(1), &["mon", "wed", "fri"])));
    assert!(!up_to_5.allows(&per_session(2.0, Some(3), &["thu"])));
    // With no timetable one session is assumed, and the card says it is an assumption.
    let unknown = per_session(2.8, None, &[]);
    assert!(up_to_5.allows(&unknown));
    assert_eq!(
        unknown.weekly_explained().unwrap(),
        "about £2.80 a week if you go once a week; the scheme does not say how often"
    );
}

#[test]
fn a_card_that_says_about_5_a_week_passes_up_to_5_a_week() {
    // £21.80 a month is 503p a week, which the card rounds to "about £5 a week".
    let s = other("dacorum", &["msk"], json!({"unit": "month", "amount": 21.8}));
    assert_eq!(s.weekly_explained().unwrap(), "about £5 a week");
    assert!(PriceFilter::MaxWeekly(5).allows(&s));
}

#[test]
fn search_words_match_name_town_postcode_and_operator() {
    let find = |q: &str| Filters { text: q.into(), ..Default::default() }.apply(&sample());
    assert_eq!(find("STEVENAGE arts"), vec![0, 1, 2]); // every fixture is at the Stevenage centre
    assert_eq!(find("sg11lz"), vec![0, 1, 2]);
    assert_eq!(find("everyone active"), vec![0, 1, 2]);
    assert_eq!(find("watford"), vec![1]);
    assert_eq!(find("swimming"), Vec::<usize>::new());
}

#[test]
fn kinds_of_filter_combine() {
    let f =
        Filters { conditions: [Condition::Diabetes].into(), price: PriceFilter::MaxWeekly(6), ..Default::default() };
    assert_eq!(f.apply(&sample()), vec![2]);
    assert_eq!(f.active_count(), 2);
}

#[test]
fn price_codes_round_trip_and_junk_is_refused() {
    for (p, _) in PriceFilter::CHOICES {
        assert_eq!(PriceFilter::from_code(&p.code().unwrap_or_default()), Some(p));
    }
    assert_eq!(PriceFilter::from_code("cheap"), None);
    assert_eq!(PriceFilter::from_code("-5"), None);
    assert_eq!(PriceFilter::from_code("0"), None);
}

#[test]
fn a_scheme_filter_on_fixture_districts_is_sane() {
    assert_eq!(districts().len(), 10);
}

#[test]
fn clinical_words_in_the_search_match_conditions() {
    let find = |q: &str| Filters { text: q.into(), ..Default::default() }.apply(&sample());
    assert_eq!(find("T2DM"), vec![0, 2]); // diabetes
    assert_eq!(find("low mood"), vec![1]); // mental health
    assert_eq!(find("osteoarthritis"), vec![2]); // MSK
    assert_eq!(find("Angina"), vec![0]); // heart
    assert_eq!(find("COPD"), Vec::<usize>::new()); // nobody takes breathing
    assert_eq!(find("diabetis watford"), Vec::<usize>::new());
    assert_eq!(find("diabetis stevenage"), vec![0, 2]);
}

#[test]
fn a_shown_scheme_says_why_it_matched() {
    let s = sample();
    let f = Filters { text: "post-MI".into(), ..Default::default() };
    assert_eq!(f.match_reason(&s, 0).as_deref(), Some("matches: heart (post-MI)"));
    assert_eq!(f.match_reason(&s, 1), None); // not a match
    let f = Filters { text: "stevenage".into(), ..Default::default() };
    assert_eq!(f.match_reason(&s, 0), None); // matched, but not through a condition
}

#[test]
fn short_acronyms_do_not_match_every_scheme() {
    // "ms" is a substring of nothing here, but "MS" is neurological: no fixture takes it.
    let find = |q: &str| Filters { text: q.into(), ..Default::default() }.apply(&sample());
    assert_eq!(find("ms"), Vec::<usize>::new());
    assert_eq!(find("mi"), vec![0]);
    assert_eq!(find("e"), vec![0, 1, 2]); // a plain letter is plain text, as before
}

#[test]
fn searching_with_texts_made_beforehand_gives_the_same_schemes() {
    let schemes = sample();
    let texts: Vec<String> = schemes.iter().map(|s| crate::filter::search_text(s, &s.district)).collect();
    for q in ["", "pool", "SG1", "sg11lz", "stevenage copd", "diabetes", "no such words", "everyone active"] {
        let f = Filters { text: q.into(), ..Filters::default() };
        assert_eq!(f.apply_with_texts(&schemes, &texts), f.apply(&schemes), "{q:?}");
    }
}

#[test]
fn every_shown_scheme_gives_the_same_reason_as_the_list_writes_once() {
    let s = sample();
    for text in ["post-MI", "stevenage", "diabetis stevenage", "", "heart and COPD", "athsma", "diabetes nowhere"] {
        let f = Filters { text: text.into(), ..Default::default() };
        for i in f.apply(&s) {
            assert_eq!(f.match_reason(&s, i), f.search_reason(&search_texts(&s, &[])), "{text:?}, scheme {i}");
        }
    }
}

/// The shipped schemes, as the app loads them.
fn shipped() -> Vec<Scheme> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/schemes.geojson")).unwrap();
    crate::dataset::load(&text, &districts()).unwrap().schemes
}

/// The names of the shipped schemes a search shows.
fn shipped_names(query: &str) -> Vec<String> {
    let schemes = shipped();
    Filters { text: query.into(), ..Default::default() }
        .apply(&schemes)
        .into_iter()
        .map(|i| schemes[i].name.clone())
        .collect()
}

#[test]
fn search_words_match_from_the_start_of_a_word() {
    // Inside a word is not a match: "tral" (Central), "aura" (Laura), "ange" (Grange), "ford"
    // (Watford, Hertford, Stortford).
    for inside in ["tral", "aura", "ange", "ford"] {
        assert_eq!(shipped_names(inside), Vec::<String>::new(), "{inside}");
    }
    // The start of any word still is, so a word matches while it is being typed.
    assert_eq!(shipped_names("watford"), ["Active Watford", "Woodside Wellbeing"]);
    assert_eq!(shipped_names("Wat"), ["Active Watford", "Woodside Wellbeing"]);
    assert_eq!(shipped_names("paddocks"), ["Healthy Hearts Bishop's Stortford"]);
    assert_eq!(shipped_names("gll"), ["Active Welwyn Garden City", "Better Health Hatfield"]); // "Better (GLL)"
                                                                                               // Postcodes: the outward code, the whole postcode with or without its space.
                                                                                               // (An outward code also starts longer ones: "SG1" finds SG14 and SG12 as well, as before.)
    assert_eq!(
        shipped_names("SG1"),
        ["Active Health Stevenage", "Parkinson's Active Stevenage", "Fit for Life Hertford", "Steady Steps Ware"]
    );
    assert_eq!(shipped_names("sg1 1lz"), ["Active Health Stevenage"]);
    assert_eq!(shipped_names("SG11LZ"), ["Active Health Stevenage"]);
}

#[test]
fn qualified_clinical_words_find_what_the_bare_word_finds() {
    // The audit: each of these found nothing, while the word without its qualifier found schemes.
    for (qualified, bare) in [
        ("high BP", "BP"),
        ("low back pain", "back pain"),
        ("breast cancer", "cancer"),
        ("type II diabetes", "type 2"),
        ("BMI 35", "BMI"),
        ("lung", "COPD"),
    ] {
        assert!(!shipped_names(bare).is_empty(), "{bare}");
        assert_eq!(shipped_names(qualified), shipped_names(bare), "{qualified}");
    }
}

#[test]
fn short_abbreviations_find_their_condition_not_parts_of_names() {
    // "PAD" found "Grange Paddocks" and "RA" "Central", "Laura" and "Grange".
    assert_eq!(shipped_names("PAD"), shipped_names("heart"));
    assert_eq!(shipped_names("RA"), shipped_names("MSK"));
    assert_eq!(shipped_names("AF"), shipped_names("heart"));
    assert_eq!(shipped_names("HTN"), shipped_names("hypertension"));
    let f = Filters { text: "PAD".into(), ..Default::default() };
    assert_eq!(f.search_reason(&search_texts(&shipped(), &[])).as_deref(), Some("matches: heart (PAD)"));
}

#[test]
fn beside_a_condition_a_word_no_scheme_has_is_set_aside_and_said() {
    let texts = search_texts(&shipped(), &[]);
    let reason = |q: &str| Filters { text: q.into(), ..Default::default() }.search_reason(&texts);
    // A qualifier the table does not know, a misspelt town, a word about the patient.
    for (query, condition) in [("colorectal cancer", "cancer"), ("COPD hatfeild", "COPD"), ("BP patient", "BP")] {
        assert!(!shipped_names(condition).is_empty(), "{condition}");
        assert_eq!(shipped_names(query), shipped_names(condition), "{query}");
    }
    assert_eq!(
        reason("COPD hatfeild").as_deref(),
        Some("matches: breathing (COPD); “hatfeild” left out: no scheme has it")
    );
    assert_eq!(
        reason("BP new patient").as_deref(),
        Some("matches: blood pressure (BP); “new”, “patient” left out: no scheme has them")
    );
    assert_eq!(reason("COPD").as_deref(), Some("matches: breathing (COPD)"));
}

#[test]
fn a_word_some_scheme_has_still_narrows_and_a_search_without_a_condition_keeps_every_word() {
    assert_eq!(shipped_names("copd hatfield"), ["Better Health Hatfield"]);
    assert_eq!(shipped_names("copd hitchin"), Vec::<String>::new()); // Hitchin has no COPD scheme
    assert_eq!(shipped_names("hatfeild"), Vec::<String>::new());
    assert_eq!(shipped_names("swimming hatfeild"), Vec::<String>::new());
    let f = Filters { text: "hatfeild".into(), ..Default::default() };
    assert_eq!(f.search_reason(&search_texts(&shipped(), &[])), None);
}

#[test]
fn words_are_set_aside_against_every_scheme_whatever_the_other_filters() {
    // "hatfield" is in the data, though not in the district chosen: it still narrows (to nothing).
    let schemes = shipped();
    let f = Filters { text: "COPD hatfield".into(), districts: ["stevenage".to_string()].into(), ..Default::default() };
    assert_eq!(f.apply(&schemes), Vec::<usize>::new());
}

#[test]
fn a_place_after_a_condition_may_be_joined_with_in_at_or_near() {
    // "in" starts "InspireAll": looked for, it would hide every scheme elsewhere.
    for query in ["COPD in Hatfield", "COPD at hatfield", "COPD near Hatfield"] {
        assert_eq!(shipped_names(query), ["Better Health Hatfield"], "{query}");
    }
}

/// The names of the shipped schemes a search shows in the app (districts by their names).
fn names_in_the_app(query: &str) -> Vec<String> {
    let schemes = shipped();
    let texts = search_texts(&schemes, &districts());
    Filters { text: query.into(), ..Default::default() }
        .apply_with_texts(&schemes, &texts)
        .into_iter()
        .map(|i| schemes[i].name.clone())
        .collect()
}

#[test]
fn the_words_on_a_card_find_it() {
    let schemes = shipped();
    let named = |f: &dyn Fn(&Scheme) -> bool| -> Vec<String> {
        schemes.iter().filter(|s| f(s)).map(|s| s.name.clone()).collect()
    };
    let noted = |word: &str| named(&|s| s.notes.as_deref().is_some_and(|n| n.to_lowercase().contains(word)));
    // The notes: "Seated equipment for wheelchair users".
    assert!(!noted("wheelchair").is_empty());
    assert_eq!(names_in_the_app("wheelchair"), noted("wheelchair"));
    // Who can refer, and a free price, as the card says them.
    let self_referral = named(&|s| s.referral.contains(&crate::referral::Referral::SelfReferral));
    assert!(!self_referral.is_empty() && self_referral.len() < schemes.len());
    assert_eq!(names_in_the_app("self referral"), self_referral);
    assert_eq!(names_in_the_app("self-referral"), self_referral);
    let free = named(&|s| s.price.is_free());
    assert!(!free.is_empty());
    assert_eq!(names_in_the_app("free"), free);
    // A district by its name, though no scheme's town is called that.
    let welwyn_hatfield = named(&|s| s.district == "welwyn-hatfield");
    assert!(welwyn_hatfield.len() > 1, "{welwyn_hatfield:?}");
    assert_eq!(names_in_the_app("Welwyn Hatfield"), welwyn_hatfield);
    // Punctuation around a word: "St." is "St".
    assert_eq!(names_in_the_app("St. Albans"), names_in_the_app("st albans"));
    assert!(!names_in_the_app("st albans").is_empty());
    assert_eq!(names_in_the_app("hatfield,"), names_in_the_app("hatfield"));
}

#[test]
fn beside_a_condition_a_word_in_a_scheme_s_notes_narrows_it_and_is_not_set_aside() {
    // Breathe Easy Hoddesdon: "Pulmonary rehabilitation follow-on classes."
    let texts = search_texts(&shipped(), &districts());
    let f = Filters { text: "pulmonary rehabilitation".into(), ..Default::default() };
    let reason = f.search_reason(&texts).unwrap_or_default();
    assert!(!reason.contains("left out"), "{reason}");
    let found = names_in_the_app("pulmonary rehabilitation");
    assert!(found.contains(&"Breathe Easy Hoddesdon".to_string()), "{found:?}");
    assert!(found.len() < names_in_the_app("pulmonary").len(), "{found:?}");
}
