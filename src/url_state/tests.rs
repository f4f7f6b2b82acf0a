use super::*;
use crate::fixtures::districts;

#[test]
fn a_full_query_round_trips() {
    let q = "?district=stevenage,watford&condition=diabetes,heart&price=free&q=pool+side&postcode=SG1+1LZ&within=5&scheme=abc";
    let v = ViewState::from_query(q, &districts());
    assert_eq!(v.filters.districts.len(), 2);
    assert_eq!(v.filters.conditions.len(), 2);
    assert_eq!(v.filters.price, PriceFilter::Free);
    assert_eq!(v.filters.text, "pool side");
    assert_eq!(v.postcode.as_deref(), Some("SG1 1LZ"));
    assert_eq!(v.within, Some(5));
    assert_eq!(ViewState::from_url(&v.to_query(), &v.to_fragment(), &districts()), v);
    assert_eq!(
        v.to_query(),
        "?district=stevenage,watford&condition=heart,diabetes&price=free&q=pool+side&within=5&scheme=abc"
    );
    assert_eq!(v.to_fragment(), "#postcode=SG1+1LZ");
}

#[test]
fn the_postcode_is_kept_out_of_the_query_in_the_fragment() {
    let v = ViewState::from_url("?within=5", "#postcode=sg1+1lz", &districts());
    assert_eq!(v.postcode.as_deref(), Some("sg1 1lz"));
    assert_eq!(v.within, Some(5));
    assert!(!v.to_query().contains("postcode"));
    // An old link with the postcode in the query still works; the fragment's wins.
    assert_eq!(ViewState::from_url("?postcode=SG5", "", &districts()).postcode.as_deref(), Some("SG5"));
    assert_eq!(ViewState::from_url("?postcode=SG5", "#postcode=SG1", &districts()).postcode.as_deref(), Some("SG1"));
    // Only the postcode is read from the fragment; an in-page anchor is ignored.
    let v = ViewState::from_url("", "#results-heading", &districts());
    assert_eq!(v, ViewState::default());
    assert_eq!(ViewState::from_url("", "#district=stevenage", &districts()), ViewState::default());
    assert_eq!(ViewState::default().to_fragment(), "");
}

#[test]
fn junk_district_parameter_is_ignored() {
    let v = ViewState::from_query("district=luton,stevenage,%3Cscript%3E", &districts());
    assert_eq!(v.filters.districts.iter().collect::<Vec<_>>(), vec!["stevenage"]);
}

#[test]
fn unknown_and_malformed_parameters_are_ignored() {
    let v = ViewState::from_query("?foo=bar&condition=gout&price=cheap&within=7&q=%E0%A4&&=&district", &districts());
    assert_eq!(v, ViewState::default());
    assert_eq!(v.to_query(), "");
}

#[test]
fn repeated_parameters_add_up() {
    let v = ViewState::from_query("district=watford&district=dacorum", &districts());
    assert_eq!(v.filters.districts.len(), 2);
}

#[test]
fn hostile_search_text_is_kept_as_text_and_encoded() {
    let v = ViewState::from_query("q=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E", &districts());
    assert_eq!(v.filters.text, "<img src=x onerror=alert(1)>");
    assert!(!v.to_query().contains('<'));
}

#[test]
fn overlong_search_text_is_cut() {
    let long = "a".repeat(5000);
    let v = ViewState::from_query(&format!("q={long}"), &districts());
    assert_eq!(v.filters.text.len(), 100);
}

#[test]
fn a_long_postcode_in_a_link_is_kept_to_be_refused_aloud_not_dropped() {
    let spaced = ViewState::from_url("", "#postcode=SG1++++++1LZ", &[]);
    assert_eq!(spaced.postcode.as_deref(), Some("SG1      1LZ"));
    assert!(
        crate::postcode::parse(spaced.postcode.as_deref().unwrap()).is_some(),
        "a postcode with wide spacing still searches"
    );
    let long = ViewState::from_url("", &format!("#postcode={}", "x".repeat(5000)), &[]);
    let kept = long.postcode.unwrap();
    assert_eq!(kept.chars().count(), 20);
    assert!(kept.ends_with('…'));
    assert_eq!(crate::postcode::parse(&kept), None, "so the search says \"Enter a postcode like SG1 1LZ\"");
}

#[test]
fn a_scheme_link_opens_any_id_a_scheme_may_have() {
    // Every loaded scheme's Share link, QR code and copied details must open it again.
    let longest = "a".repeat(crate::scheme::MAX_TEXT);
    let v = ViewState::from_url(&format!("?scheme={longest}"), "", &[]);
    assert_eq!(v.selected.as_deref(), Some(longest.as_str()));
    let wide = "é".repeat(crate::scheme::MAX_TEXT);
    assert_eq!(ViewState::from_url(&format!("?scheme={wide}"), "", &[]).selected.as_deref(), Some(wide.as_str()));
    let too_long = "a".repeat(crate::scheme::MAX_TEXT + 1);
    assert_eq!(ViewState::from_url(&format!("?scheme={too_long}"), "", &[]).selected, None);
}
