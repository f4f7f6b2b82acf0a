//! `schemes import`: the spreadsheet → the map's data file, with every problem reported by line,
//! column, value and reason, and nothing written when there is any.
#![cfg(not(target_arch = "wasm32"))]

mod tool_support;

use referral_map::import::{self, Options, Places};
use serde_json::Value;
use tool_support::*;

const HEADER: &str = "id,name,operator,centre,address,town,postcode,district,latitude,longitude,phone,email,website,price,price_note,conditions,referral,min_age,max_age,programme_weeks,last_checked,notes,sample";
const GOOD_ROW: [&str; 23] = [
    "test-scheme",
    "Test Scheme",
    "Everyone Active",
    "Stevenage Arts and Leisure Centre",
    "Lytton Way",
    "Stevenage",
    "SG1 1LZ",
    "Stevenage",
    "",
    "",
    "01632 960001",
    "test@example.org",
    "https://www.everyoneactive.com/",
    "£3.50 per session",
    "",
    "heart",
    "gp",
    "16",
    "",
    "12",
    "2026-10-01",
    "",
    "yes",
];

fn csv_line(cells: &[String]) -> String {
    cells
        .iter()
        .map(|c| if c.contains([',', '"', '\n']) { format!("\"{}\"", c.replace('"', "\"\"")) } else { c.clone() })
        .collect::<Vec<_>>()
        .join(",")
}

/// The good row with some cells changed.
fn row(changes: &[(&str, &str)]) -> String {
    let headers: Vec<&str> = HEADER.split(',').collect();
    let mut cells: Vec<String> = GOOD_ROW.iter().map(|s| s.to_string()).collect();
    for (col, value) in changes {
        let i = headers.iter().position(|h| h == col).unwrap_or_else(|| panic!("no column {col}"));
        cells[i] = value.to_string();
    }
    csv_line(&cells)
}

/// Imports CSV text with the real geodata; the problems as a person reads them.
fn problems(csv: &str) -> Option<Vec<String>> {
    let w = world()?;
    let places = Places {
        districts: &w.config.area.districts,
        boundaries: &w.boundaries,
        postcodes: &w.postcodes,
        area: "Hertfordshire",
    };
    Some(match import::import(csv.as_bytes(), &places, &Options::default(), "2026-11-22") {
        Ok(_) => Vec::new(),
        Err(p) => p.iter().map(ToString::to_string).collect(),
    })
}

/// The problems of one row changed from the good row.
fn problems_of(changes: &[(&str, &str)]) -> Option<Vec<String>> {
    problems(&format!("{HEADER}\n{}\n", row(changes)))
}

macro_rules! rule {
    ($name:ident, $changes:expr, $expected:expr) => {
        #[test]
        fn $name() {
            let Some(got) = problems_of($changes) else { return };
            let expected: Vec<String> = $expected.iter().map(|s: &&str| s.to_string()).collect();
            assert_eq!(got, expected);
        }
    };
}

#[test]
fn the_good_row_imports() {
    let Some(p) = problems_of(&[]) else { return };
    assert_eq!(p, Vec::<String>::new());
}

rule!(an_unreadable_price_is_an_error, &[("price", "£3.50 a sesh")], [
    "Line 2, column N (price), \"£3.50 a sesh\": cannot be read as a price: write it like \"Free\", \"£3.50 per session\", \"£3.50 per session, 2 sessions a week\", \"£5 per week\", \"£22.49 per month for 6 months\", \"£40 for 12 weeks\" or \"£2.50 per session (concessions £1.50)\""
]);
rule!(a_missing_price_is_an_error, &[("price", "")], [
    "Line 2, column N (price) (empty): there is no price: write it like \"Free\", \"£3.50 per session\", \"£3.50 per session, 2 sessions a week\", \"£5 per week\", \"£22.49 per month for 6 months\", \"£40 for 12 weeks\" or \"£2.50 per session (concessions £1.50)\""
]);
rule!(
    a_zero_price_must_say_free,
    &[("price", "£0 per session")],
    ["Line 2, column N (price), \"£0 per session\": a price of £0 should have the unit \"free\""]
);
rule!(an_unknown_condition_lists_the_accepted_words, &[("conditions", "heart; gout")], [
    "Line 2, column P (conditions), \"heart; gout\": \"gout\" is not a known condition. Accepted words: heart (cardiac, cardiac rehab, cardiac rehabilitation, coronary heart disease, CHD, heart disease, heart condition, circulation, cardiovascular, heart failure, angina, MI, post-MI, heart attack, myocardial infarction, IHD, ischaemic heart disease, HF, AF, atrial fibrillation, PAD, peripheral arterial disease, PVD, peripheral vascular disease); blood-pressure (high blood pressure, blood pressure, hypertension, BP, high BP, raised BP, raised blood pressure, HTN); cholesterol (high cholesterol, hypercholesterolaemia); diabetes (type 1 diabetes, type 2 diabetes, type 1, type 2, type I diabetes, type II diabetes, type I, type II, T1D, T2D, T1DM, T2DM, pre-diabetes, prediabetes, diabetic); weight (obesity, overweight, weight management, weight loss, BMI, obese); msk (musculoskeletal, joints, joint pain, back pain, low back pain, lower back pain, bones, back, arthritis, osteoarthritis, OA, rheumatoid arthritis, RA, osteoporosis, joint replacement, hip replacement, knee replacement, total hip replacement, total knee replacement, THR, TKR, chronic pain, hip, knee, joints, bones and back); breathing (COPD, asthma, emphysema, bronchitis, respiratory, pulmonary, lung condition, pulmonary rehab, pulmonary disease, lung, lungs); mental-health (mental health, anxiety, depression, stress, mild to moderate mental health, low mood); severe-mental-illness (severe mental illness, SMI, serious mental illness, psychosis, schizophrenia, bipolar); falls (falls prevention, balance, falls and balance, falls risk, frailty, frail); cancer (cancer rehab, cancer rehabilitation, after cancer, after chemo, chemotherapy, breast cancer, bowel cancer, prostate cancer, lung cancer); neurological (stroke, MS, multiple sclerosis, Parkinson's, parkinsons, parkinson, neuro, TIA, transient ischaemic attack); menopause (perimenopause)"
]);
rule!(an_unknown_referral_route_lists_the_accepted_words, &[("referral", "friend")], [
    "Line 2, column Q (referral), \"friend\": \"friend\" is not a known referral route. Accepted words: gp (gp referral, doctor, gp practice, general practitioner); health-professional (health professional, other health professional, nurse, practice nurse, physio, physiotherapist, consultant, pharmacist, hospital, clinician); social-prescriber (social prescriber, social prescribing, link worker, social prescribing link worker); self-referral (self, self referral, self-refer, self refer)"
]);
rule!(
    a_postcode_that_is_not_a_postcode_is_an_error,
    &[("postcode", "SG1")],
    ["Line 2, column G (postcode), \"SG1\": is not a full UK postcode: write it like SG1 1LZ"]
);
rule!(a_postcode_that_does_not_exist_is_an_error, &[("postcode", "SG1 1ZZ")], [
    "Line 2, column G (postcode), \"SG1 1ZZ\": is not a live postcode in OS Code-Point Open 2025-10: check it for typing mistakes"
]);
rule!(a_postcode_far_from_the_area_is_an_error, &[("postcode", "N1 1AA")], [
    "Line 2, column G (postcode), \"N1 1AA\": is outside the area the postcode file covers (the 66 outcodes in and around Hertfordshire): a scheme must be in one of the area's districts"
]);
rule!(a_postcode_outside_the_districts_is_an_error, &[("postcode", "LU1 1AA"), ("district", "")], [
    "Line 2, column G (postcode), \"LU1 1AA\": the point (51.87999, -0.4229) is not inside any of the area's districts (Broxbourne, Dacorum, East Hertfordshire, Hertsmere, North Hertfordshire, St Albans, Stevenage, Three Rivers, Watford, Welwyn Hatfield)"
]);
rule!(coordinates_more_than_2_km_from_the_postcode_are_an_error, &[("latitude", "51.88"), ("longitude", "-0.2053")], [
    "Line 2, column I (latitude), \"51.88\": the point (51.88, -0.2053) is 2.4 km from the point of the postcode SG1 1LZ; it must be within 2 km. Check the coordinates and the postcode"
]);
rule!(swapped_coordinates_are_noticed, &[("latitude", "-0.2053"), ("longitude", "51.9019")], [
    "Line 2, column I (latitude), \"-0.2053\": the point (-0.2053, 51.9019) is 7550.7 km from the point of the postcode SG1 1LZ; it must be within 2 km. Check the coordinates and the postcode (are latitude and longitude the wrong way round?)"
]);
rule!(half_a_coordinate_is_an_error, &[("latitude", "51.9019")], [
    "Line 2, column J (longitude) (empty): give both latitude and longitude, or neither (then the postcode's point is used)"
]);
rule!(a_coordinate_that_is_not_a_number_is_an_error, &[("latitude", "51°54'"), ("longitude", "-0.2053")], [
    "Line 2, column I (latitude), \"51°54'\": is not a number: write coordinates in decimal degrees, like 51.9019 and -0.2053"
]);
rule!(a_district_that_disagrees_names_both, &[("district", "Watford")], [
    "Line 2, column H (district), \"Watford\": the district is given as Watford but the postcode SG1 1LZ is in Stevenage"
]);
rule!(an_unknown_district_lists_the_districts, &[("district", "Luton")], [
    "Line 2, column H (district), \"Luton\": is not one of the area's districts: Broxbourne, Dacorum, East Hertfordshire, Hertsmere, North Hertfordshire, St Albans, Stevenage, Three Rivers, Watford, Welwyn Hatfield"
]);
rule!(a_javascript_website_is_an_error, &[("website", "javascript:alert(1)")], [
    "Line 2, column M (website), \"javascript:alert(1)\": the website \"javascript:alert(1)\" is not a safe https web address"
]);
rule!(a_bad_email_is_an_error, &[("email", "referrals at example.org")], [
    "Line 2, column L (email), \"referrals at example.org\": the email \"referrals at example.org\" is not an email address"
]);
rule!(
    a_bad_phone_is_an_error,
    &[("phone", "ring reception")],
    ["Line 2, column K (phone), \"ring reception\": the phone number \"ring reception\" is not a phone number"]
);
rule!(
    a_minimum_age_above_the_maximum_is_an_error,
    &[("min_age", "70"), ("max_age", "16")],
    ["Line 2, column R (min_age), \"70\": the minimum age 70 is above the maximum age 16"]
);
rule!(
    an_age_that_is_not_a_number_is_an_error,
    &[("min_age", "16+")],
    ["Line 2, column R (min_age), \"16+\": is not a whole number: write the minimum age in years as a number like 16"]
);
rule!(
    a_programme_over_two_years_is_an_error,
    &[("programme_weeks", "200")],
    ["Line 2, column T (programme_weeks), \"200\": the programme weeks must be a whole number from 1 to 104"]
);
rule!(
    an_unreadable_date_is_an_error,
    &[("last_checked", "13/13/2026")],
    ["Line 2, column U (last_checked), \"13/13/2026\": is not a date: write it like 2026-10-01 (or 01/10/2026)"]
);
rule!(a_missing_date_is_an_error, &[("last_checked", "")], [
    "Line 2, column U (last_checked) (empty): there is no date: write when the details were last checked with the operator, like 2026-10-01"
]);
rule!(
    a_sample_flag_must_be_yes_or_no,
    &[("sample", "maybe")],
    ["Line 2, column W (sample), \"maybe\": must be yes or no (yes when the row is demonstration data)"]
);
rule!(
    a_row_without_a_name_is_an_error,
    &[("name", ""), ("id", "")],
    ["Line 2, column B (name) (empty): it has no name"]
);
rule!(
    a_row_without_an_operator_is_an_error,
    &[("operator", " ")],
    ["Line 2, column C (operator) (empty): it has no operator"]
);
rule!(overlong_text_is_an_error, &[("notes", &"x".repeat(501))], [
    "Line 2, column V (notes), \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…\": the notes is longer than 500 characters"
]);

#[test]
fn a_duplicate_id_names_the_first_line() {
    let Some(p) = problems(&format!("{HEADER}\n{}\n{}\n", row(&[]), row(&[("name", "Other")]))) else { return };
    assert_eq!(
        p,
        ["Line 3, column A (id), \"test-scheme\": the id \"test-scheme\" is already used on line 2; every scheme needs its own id (give one in the \"id\" column)"]
    );
}

#[test]
fn a_line_with_too_many_cells_is_an_error() {
    let Some(p) = problems(&format!("{HEADER}\n{},extra\n", row(&[]))) else { return };
    assert_eq!(
        p,
        ["Line 2: this line has 24 cells but the heading row has 23: a cell holding a comma must be in double quotes"]
    );
}

#[test]
fn a_missing_column_and_a_repeated_column_are_errors() {
    let header = HEADER.replace(",price,", ",cost,").replace("conditions", "referral routes");
    let Some(p) = problems(&format!("{header}\n{}\n", row(&[]))) else { return };
    assert_eq!(
        p,
        [
            "Line 1, column Q (referral), \"referral\": this column means the same as column P \"referral routes\"; keep only one of them",
            "Line 1: there is no \"conditions\" column: the heading row needs one (it may be called \"conditions\", \"condition\", \"conditions accepted\", \"health conditions\")",
        ]
    );
}

#[test]
fn every_problem_in_the_file_is_reported_in_one_run() {
    let csv = format!(
        "{HEADER}\n{}\n{}\n{}\n",
        row(&[("price", "lots")]),
        row(&[("id", "b"), ("district", "Watford"), ("website", "javascript:x")]),
        row(&[("id", "c")])
    );
    let Some(p) = problems(&csv) else { return };
    assert_eq!(p.len(), 3, "{p:#?}");
    assert!(p[0].starts_with("Line 2, column N (price)"));
    assert!(p[1].starts_with("Line 3, column H (district)"));
    assert!(p[2].starts_with("Line 3, column M (website)"));
}

#[test]
fn a_file_of_endless_mistakes_stops_after_a_thousand_problems() {
    let bad = row(&[("price", "lots"), ("id", "")]);
    let csv = format!("{HEADER}\n{}", format!("{bad}\n").repeat(1500));
    let Some(p) = problems(&csv) else { return };
    assert_eq!(p.len(), 1001);
    assert_eq!(p[1000], "Stopped after 1000 problems: fix these and run the import again.");
}

#[test]
fn a_spreadsheet_saved_with_semicolons_is_explained() {
    let Some(p) = problems(&format!("{}\n{}\n", HEADER.replace(',', ";"), row(&[]).replace(',', ";"))) else { return };
    assert_eq!(
        p,
        ["Line 1: the columns are separated by semicolons, not commas. Save the spreadsheet as \"CSV UTF-8 (Comma delimited)\""]
    );
}

#[test]
fn the_golden_spreadsheet_imports_to_the_golden_data_file() {
    if geodata().is_none() {
        return;
    }
    let dir = scratch("golden");
    let out = dir.join("good.geojson");
    let o = run(&["import", "tests/data/tool/good.csv", "--out", path_str(&out), "--today", "2026-11-22"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let expected = std::fs::read_to_string("tests/data/tool/good.geojson").unwrap();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), expected);
    let printed = stdout(&o);
    assert!(printed.contains("Imported 6 schemes"), "{printed}");
    assert!(
        printed.contains("Line 1: column Y \"Contact name\" is not one the tool knows, so it is ignored"),
        "{printed}"
    );
    assert!(printed.contains("Line 6: Active Hatfield: the notes holds HTML markup"), "{printed}");
    assert!(
        printed.contains("Line 7: Move More Borehamwood: last checked on 2025-10-01, more than 12 months ago"),
        "{printed}"
    );
}

#[test]
fn nothing_is_written_when_there_are_problems_and_the_old_file_is_kept() {
    if geodata().is_none() {
        return;
    }
    let dir = scratch("nothing-written");
    let csv = dir.join("bad.csv");
    std::fs::write(&csv, format!("{HEADER}\n{}\n", row(&[("price", "lots")]))).unwrap();
    let out = dir.join("schemes.geojson");
    let o = run(&["import", path_str(&csv), "--out", path_str(&out)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("has 1 problem; nothing was written:"), "{}", stdout(&o));
    assert!(!out.exists());
    std::fs::write(&out, "the old file").unwrap();
    let o = run(&["import", path_str(&csv), "--out", path_str(&out)]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "the old file");
    let left: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left.len(), 2, "no temporary files are left: {left:?}");
}

#[test]
fn json_output_has_line_column_value_and_reason() {
    if geodata().is_none() {
        return;
    }
    let dir = scratch("json");
    let csv = dir.join("bad.csv");
    std::fs::write(&csv, format!("{HEADER}\n{}\n", row(&[("district", "Watford")]))).unwrap();
    let o = run(&["import", path_str(&csv), "--out", path_str(&dir.join("x.geojson")), "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON on stdout");
    assert_eq!(v["ok"], false);
    assert_eq!(v["written"], Value::Null);
    let p = &v["problems"][0];
    assert_eq!(p["line"], 2);
    assert_eq!(p["column"], "district");
    assert_eq!(p["column_letter"], "H");
    assert_eq!(p["value"], "Watford");
    assert_eq!(p["reason"], "the district is given as Watford but the postcode SG1 1LZ is in Stevenage");
}

#[test]
fn a_byte_order_mark_crlf_and_quoted_commas_are_handled() {
    if geodata().is_none() {
        return;
    }
    let dir = scratch("bom-crlf");
    let csv = dir.join("excel.csv");
    let text = format!(
        "{HEADER}\r\n{}\r\n",
        row(&[("notes", "Bring trainers, water\r\nand a towel"), ("price", "£3.50 per session, 2 sessions a week")])
    );
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    std::fs::write(&csv, bytes).unwrap();
    let out = dir.join("out.geojson");
    let o = run(&["import", path_str(&csv), "--out", path_str(&out), "--today", "2026-11-22"]);
    assert!(o.status.success(), "{}", stdout(&o));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let p = &v["features"][0]["properties"];
    assert_eq!(p["id"], "test-scheme", "the BOM is not part of the first heading");
    assert_eq!(p["notes"], "Bring trainers, water\r\nand a towel");
    assert_eq!(p["price"]["sessions_per_week"], 2);
}

#[test]
fn html_in_fields_is_kept_as_text_with_a_warning() {
    if geodata().is_none() {
        return;
    }
    let dir = scratch("html");
    let csv = dir.join("html.csv");
    std::fs::write(&csv, format!("{HEADER}\n{}\n", row(&[("name", "<img src=x onerror=alert(1)>"), ("id", "")])))
        .unwrap();
    let out = dir.join("out.geojson");
    let o = run(&["import", path_str(&csv), "--out", path_str(&out), "--today", "2026-11-22"]);
    assert!(o.status.success(), "{}", stdout(&o));
    assert!(stdout(&o).contains("the name holds HTML markup; the map shows it as plain text"), "{}", stdout(&o));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v["features"][0]["properties"]["name"], "<img src=x onerror=alert(1)>");
    assert_eq!(v["features"][0]["id"], "img-src-x-onerror-alert-1");
}

#[test]
fn control_and_invisible_characters_are_left_out_with_a_warning() {
    if geodata().is_none() {
        return;
    }
    let dir = scratch("hidden-characters");
    let csv = dir.join("hidden.csv");
    let r = row(&[
        ("id", ""),
        ("name", "Test\u{200B} Sch\u{AD}eme\u{202E}"),
        ("town", "Steve\u{7}nage"),
        ("notes", "Bring trainers\r\nand a towel"),
    ]);
    std::fs::write(&csv, format!("{HEADER}\n{r}\n")).unwrap();
    let out = dir.join("out.geojson");
    let o = run(&["import", path_str(&csv), "--out", path_str(&out), "--today", "2026-11-22"]);
    assert!(o.status.success(), "a warning, not a refusal: {}", stdout(&o));
    for line in [
        "Line 2: Test Scheme: the name holds characters a reader cannot see (U+200B, U+00AD, U+202E): the map leaves them out (a line break or tab becomes a space), so check the text",
        "Line 2: Test Scheme: the town holds characters a reader cannot see (U+0007): the map leaves them out (a line break or tab becomes a space), so check the text",
    ] {
        assert!(stdout(&o).contains(line), "missing {line:?} in\n{}", stdout(&o));
    }
    assert!(!stdout(&o).contains("the notes holds"), "the notes' line break is not warned about: {}", stdout(&o));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let p = &v["features"][0]["properties"];
    assert_eq!((p["name"].as_str(), p["town"].as_str()), (Some("Test Scheme"), Some("Steve nage")));
    assert_eq!(v["features"][0]["id"], "test-scheme", "the id is made from the name as shown");
    assert_eq!(p["notes"], "Bring trainers\r\nand a towel");
}

#[test]
fn a_concession_price_higher_than_the_full_price_is_imported_with_a_warning() {
    if geodata().is_none() {
        return;
    }
    let dir = scratch("concession-above-price");
    let csv = dir.join("concession.csv");
    std::fs::write(&csv, format!("{HEADER}\n{}\n", row(&[("price", "£3.50 per session (concessions £5)")]))).unwrap();
    let out = dir.join("out.geojson");
    let o = run(&["import", path_str(&csv), "--out", path_str(&out), "--today", "2026-11-22"]);
    assert!(o.status.success(), "a warning, not a refusal: {}", stdout(&o));
    let line = "Line 2: Test Scheme: the concession price £5 is higher than the full price £3.50: the map shows the full price alone; correct whichever is wrong";
    assert!(stdout(&o).contains(line), "missing {line:?} in\n{}", stdout(&o));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v["features"][0]["properties"]["price"]["concessions"], 5.0, "kept as written");
}

#[test]
fn a_session_price_without_sessions_a_week_beside_a_longer_timetable_is_imported_with_a_warning() {
    if geodata().is_none() {
        return;
    }
    let dir = scratch("sessions-a-week");
    let csv = dir.join("sessions.csv");
    let r = row(&[("price", "£2.80 per session")]);
    let sessions = csv_line(&["Mon, Wed & Fri 10:00-11:00".to_string()]);
    std::fs::write(&csv, format!("{HEADER},sessions\n{r},{sessions}\n")).unwrap();
    let out = dir.join("out.geojson");
    let o = run(&["import", path_str(&csv), "--out", path_str(&out), "--today", "2026-11-22"]);
    assert!(o.status.success(), "a warning, not a refusal: {}", stdout(&o));
    assert!(
        stdout(&o).contains(
            "Line 2: Test Scheme: the price is £2.80 a session but does not say how many sessions a week, and the timetable lists 3"
        ),
        "{}",
        stdout(&o)
    );
    assert!(out.exists());
}

/// Runs the import on a file's bytes and returns (exit code, printed text).
fn import_bytes(name: &str, bytes: &[u8]) -> (Option<i32>, String) {
    let dir = scratch(name);
    let csv = dir.join("input.csv");
    std::fs::write(&csv, bytes).unwrap();
    let out = dir.join("out.geojson");
    let o = run(&["import", path_str(&csv), "--out", path_str(&out)]);
    assert!(!out.exists(), "nothing is written for {name}");
    (o.status.code(), stdout(&o) + &stderr(&o))
}

#[test]
fn hostile_files_get_clear_errors_not_panics() {
    if geodata().is_none() {
        return;
    }
    let junk: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let (code, text) = import_bytes("junk", &junk);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("this is not a text file (it holds binary data)"), "{text}");

    let (code, text) = import_bytes("xlsx", b"PK\x03\x04\x14\x00\x06\x00");
    assert_eq!(code, Some(1));
    assert!(text.contains("this is an Excel workbook (.xlsx)"), "{text}");

    let latin1 = format!("{HEADER}\n{}\n", row(&[])).replace('£', "\u{0}").into_bytes();
    let latin1: Vec<u8> = latin1.into_iter().map(|b| if b == 0 { 0xA3 } else { b }).collect();
    let (code, text) = import_bytes("latin1", &latin1);
    assert_eq!(code, Some(1));
    assert!(text.contains("line 2 is not UTF-8 text: byte 0xA3 (that byte is a £ sign in Windows encoding)"), "{text}");

    let (code, text) = import_bytes("html-page", b"<!DOCTYPE html><html><body>Not found</body></html>");
    assert_eq!(code, Some(1));
    assert!(text.contains("there is no \"name\" column"), "{text}");

    let (code, text) = import_bytes("empty", b"");
    assert_eq!(code, Some(1));
    assert!(text.contains("The file is empty"), "{text}");

    let (code, text) = import_bytes("unclosed-quote", format!("{HEADER}\n\"{}\n", row(&[])).as_bytes());
    assert_eq!(code, Some(1), "{text}");
    assert!(!text.contains("panicked"), "{text}");
}

#[test]
fn a_50_mb_file_is_refused_without_reading_it_all() {
    if geodata().is_none() {
        return;
    }
    let line = format!("{}\n", row(&[]));
    let mut big = format!("{HEADER}\n").into_bytes();
    while big.len() < 50 * 1024 * 1024 {
        big.extend_from_slice(line.as_bytes());
    }
    let (code, text) = import_bytes("fifty-mb", &big);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("the file is larger than 16 MB, the most the tool reads"), "{text}");
}

#[test]
fn a_missing_geodata_folder_is_a_clear_error() {
    let o =
        run(&["import", "data/schemes.csv", "--out", "/nonexistent/x.geojson", "--geodata", "/nonexistent/geodata"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o)
            .contains("The postcode and boundary data folder /nonexistent/geodata (from --geodata) does not exist."),
        "{}",
        stderr(&o)
    );
}

/// The same file with Windows (CRLF) line endings, as Excel on Windows saves it.
fn crlf(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\n', "\r\n")
}

#[test]
fn crlf_line_endings_give_the_spreadsheet_rows() {
    let lf = format!(
        "{HEADER}\n{}\n{}\n{}\n",
        row(&[("price", "lots")]),
        row(&[("id", "b")]),
        row(&[("id", "c"), ("website", "javascript:x")])
    );
    let Some(with_lf) = problems(&lf) else { return };
    let Some(with_crlf) = problems(&crlf(&lf)) else { return };
    assert!(with_lf[0].starts_with("Line 2, column N (price)"), "{with_lf:?}");
    assert!(with_lf[1].starts_with("Line 4, column M (website)"), "{with_lf:?}");
    assert_eq!(with_crlf, with_lf, "the spreadsheet's row numbers, whatever the line endings");
}

#[test]
fn a_cell_holding_a_line_break_gives_the_row_and_the_file_line() {
    for endings in ["\n", "\r\n"] {
        let text = format!(
            "{HEADER}\n{}\n{}\n{}\n",
            row(&[("notes", "Bring trainers\nand a towel")]),
            row(&[("id", "b"), ("price", "lots")]),
            row(&[("id", "c"), ("notes", "Two\nline\nbreaks"), ("website", "javascript:x")]),
        )
        .replace('\n', endings);
        let Some(p) = problems(&text) else { return };
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].starts_with("Line 3 (file line 4), column N (price), \"lots\""), "{endings:?}: {p:?}");
        assert!(p[1].starts_with("Line 4 (file line 5), column M (website)"), "{endings:?}: {p:?}");
    }
}

#[test]
fn a_duplicate_id_after_a_line_break_names_the_first_row() {
    let text = crlf(&format!("{HEADER}\n{}\n{}\n", row(&[("notes", "a\nb")]), row(&[("name", "Other")])));
    let Some(p) = problems(&text) else { return };
    assert_eq!(
        p,
        ["Line 3 (file line 4), column A (id), \"test-scheme\": the id \"test-scheme\" is already used on line 2; every scheme needs its own id (give one in the \"id\" column)"]
    );
}

#[test]
fn formula_cells_are_read_as_text_with_a_warning() {
    if geodata().is_none() {
        return;
    }
    let dir = scratch("formula");
    let csv = dir.join("formula.csv");
    let notes = "=HYPERLINK(\"https://evil.example/\",\"Book here\")";
    std::fs::write(&csv, format!("{HEADER}\n{}\n", row(&[("notes", notes), ("operator", "'@Leisure")]))).unwrap();
    let out = dir.join("out.geojson");
    let o = run(&["import", path_str(&csv), "--out", path_str(&out), "--today", "2026-11-22"]);
    assert!(o.status.success(), "{}", stdout(&o));
    assert!(stdout(&o).contains("the notes \"=HYPERLINK("), "{}", stdout(&o));
    assert!(stdout(&o).contains("looks like a spreadsheet formula"), "{}", stdout(&o));
    assert!(!stdout(&o).contains("the operator"), "an escaped cell is not a formula: {}", stdout(&o));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let p = &v["features"][0]["properties"];
    assert_eq!(p["notes"], notes, "kept as text");
    assert_eq!(p["operator"], "@Leisure", "the export's apostrophe is removed");
}

/// The problems of the good row with a sessions column added at the end (column X).
fn session_problems(cell: &str) -> Option<Vec<String>> {
    let cells: Vec<String> = GOOD_ROW.iter().map(|s| s.to_string()).chain([cell.to_string()]).collect();
    problems(&format!("{HEADER},sessions\n{}\n", csv_line(&cells)))
}

#[test]
fn session_times_are_read_leniently_and_errors_name_the_cell() {
    let Some(ok) = session_problems("Mondays 10-11am & Thu 2pm to 3pm") else { return };
    assert_eq!(ok, Vec::<String>::new());
    assert_eq!(session_problems("Mondy 10:00-11:00").unwrap(), [
        "Line 2, column X (sessions), \"Mondy 10:00-11:00\": \"Mondy\" is not a day or a time: write sessions like Mon 10:00–11:00; Thu 14:00–15:00"
    ]);
    assert_eq!(
        session_problems("Mon 11:00-10:00").unwrap(),
        ["Line 2, column X (sessions), \"Mon 11:00-10:00\": the session ends (10:00) before it starts (11:00)"]
    );
}

#[test]
fn json_problems_carry_the_file_line_only_where_it_differs() {
    if geodata().is_none() {
        return;
    }
    let dir = scratch("json-file-line");
    let csv = dir.join("bad.csv");
    let text = format!(
        "{HEADER}\n{}\n{}\n",
        row(&[("notes", "a\nb"), ("price", "lots")]),
        row(&[("id", "b"), ("price", "lots")])
    );
    std::fs::write(&csv, crlf(&text)).unwrap();
    let o = run(&["import", path_str(&csv), "--out", path_str(&dir.join("x.geojson")), "--json"]);
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON on stdout");
    let p = &v["problems"];
    assert_eq!((p[0]["line"].clone(), p[0].get("file_line").cloned()), (2.into(), None));
    assert_eq!((p[1]["line"].clone(), p[1]["file_line"].clone()), (3.into(), 4.into()));
}

#[test]
fn activities_are_openactive_activity_list_names_and_unknown_ones_name_the_cell() {
    let cells: Vec<String> =
        GOOD_ROW.iter().map(|s| s.to_string()).chain(["gym workout; Aqua Zumba".to_string()]).collect();
    let Some(ok) = problems(&format!("{HEADER},activities\n{}\n", csv_line(&cells))) else { return };
    assert_eq!(ok, Vec::<String>::new());
    let cells: Vec<String> = GOOD_ROW.iter().map(|s| s.to_string()).chain(["Zumba-ish".to_string()]).collect();
    assert_eq!(problems(&format!("{HEADER},activities\n{}\n", csv_line(&cells))).unwrap(), [
        "Line 2, column X (activities), \"Zumba-ish\": \"Zumba-ish\" is not in the OpenActive Activity List: use its names, like \"Gym Workout; Chair Based Exercise\", separated by semicolons"
    ]);
}
