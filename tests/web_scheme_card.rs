//! The scheme card (list entry and map popup), mounted in headless Chromium: hostile text stays
//! text, only safe links are made, and the list heading's button chooses the scheme.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use referral_map::config::Config;
use referral_map::district::District;
use referral_map::scheme::Scheme;
use referral_map::ui::card_actions::CardActions;
use referral_map::ui::scheme_card::{scheme_card, CardContext, CardPlace};
use serde_json::json;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const IMG: &str = "<img src=x onerror=window.__pwned=1>";
const SCRIPT: &str = "<script>window.__pwned=1</script>";

fn districts() -> Vec<District> {
    Config::shipped().area.districts
}

/// A valid scheme whose every text field holds markup.
fn hostile_scheme() -> Scheme {
    let feature = json!({
        "type": "Feature",
        "geometry": { "type": "Point", "coordinates": [-0.20532, 51.901873] },
        "properties": {
            "id": IMG, "name": IMG, "operator": SCRIPT, "centre": "<svg onload=window.__pwned=1></svg>",
            "address": "\"><b>bold</b>", "town": "<i>Stevenage</i>", "postcode": "SG1 1LZ", "district": "stevenage",
            "price": { "unit": "session", "amount": 3.5, "currency": "GBP", "note": "<u>first session free</u>" },
            "phone": "01632 960101", "email": "o'neil@example.org",
            "website": "https://example.org/'onmouseover='window.__pwned=1",
            "conditions": ["heart", "diabetes"], "referral": ["gp", "self-referral"],
            "min_age": 16, "max_age": 64, "programme_weeks": 12,
            "sessions": [{"day": "mon", "start": "10:00", "end": "11:00"}, {"day": "thu", "start": "14:00", "end": "15:00"}],
            "last_verified": "2026-10-01",
            "notes": "<iframe src=\"javascript:window.parent.__pwned=1\"></iframe>", "sample": true
        }
    });
    match Scheme::from_feature(&feature, 0, &districts()) {
        Ok(s) => s,
        Err(r) => panic!("the test scheme is valid: {:?}", r.texts()),
    }
}

/// Makes a card in a fresh element of the page, with its actions mounted at its end; the element
/// and the handle keep it alive.
fn mount(scheme: Scheme, place: CardPlace) -> (web_sys::HtmlElement, Box<dyn std::any::Any>) {
    let doc = web_sys::window().and_then(|w| w.document()).expect("a document");
    let host: web_sys::HtmlElement = doc.create_element("div").expect("a div").unchecked_into();
    doc.body().expect("a body").append_child(&host).expect("appended");
    let config = Config::shipped();
    let card = scheme_card(&doc, &scheme, &config, place, 7, &CardContext::default()).expect("a card");
    host.append_child(&card).expect("appended");
    let handle =
        leptos::mount::mount_to(card.unchecked_into(), move || view! { <CardActions scheme=scheme config=config/> });
    (host, Box::new(handle))
}

fn all(host: &web_sys::HtmlElement, selector: &str) -> Vec<web_sys::Element> {
    let list = host.query_selector_all(selector).expect("a valid selector");
    (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into().ok()).collect()
}

#[wasm_bindgen_test]
fn markup_in_every_field_is_shown_as_text() {
    let s = hostile_scheme();
    let (host, _handle) = mount(s.clone(), CardPlace::Popup);
    let text = host.text_content().unwrap_or_default();
    for field in [
        &s.name,
        &s.operator,
        &s.centre,
        &s.address,
        &s.town,
        s.notes.as_ref().unwrap(),
        s.price.note.as_ref().unwrap(),
    ] {
        assert!(text.contains(field.as_str()), "{field:?} is shown as text in {text:?}");
    }
    // Nothing from the data became an element (not even an image: the share dialog's QR code of
    // our own link is drawn only when the dialog opens; the e2e tests decode it).
    assert!(all(&host, "img, script, svg, iframe, b, i, u").is_empty(), "{}", host.inner_html());
    let heading = all(&host, "h3");
    assert_eq!(heading.len(), 1);
    assert_eq!(heading[0].text_content().unwrap_or_default(), s.name);
    host.remove();
}

#[wasm_bindgen_test]
fn links_are_tel_mailto_and_new_tab_websites_only() {
    let (host, _handle) = mount(hostile_scheme(), CardPlace::Popup);
    let hrefs: Vec<String> = all(&host, "a").iter().filter_map(|a| a.get_attribute("href")).collect();
    assert!(hrefs.contains(&"tel:01632960101".to_string()), "{hrefs:?}");
    assert!(hrefs.contains(&"mailto:o'neil@example.org".to_string()), "{hrefs:?}");
    assert!(hrefs.contains(&"https://example.org/'onmouseover='window.__pwned=1".to_string()), "{hrefs:?}");
    for a in all(&host, "a") {
        let href = a.get_attribute("href").unwrap_or_default();
        assert!(["https:", "http:", "tel:", "mailto:"].iter().any(|p| href.starts_with(p)), "{href}");
        if a.get_attribute("target").as_deref() == Some("_blank") {
            assert_eq!(a.get_attribute("rel").as_deref(), Some("noopener noreferrer"), "{href}");
        }
        assert!(a.get_attribute("onmouseover").is_none());
    }
    host.remove();
}

#[wasm_bindgen_test]
fn a_website_that_is_not_http_never_becomes_a_link() {
    // The loader refuses such a scheme; the card must not trust that.
    let mut s = hostile_scheme();
    s.website = Some("javascript:window.__pwned=1".into());
    let (host, _handle) = mount(s, CardPlace::Popup);
    for a in all(&host, "a") {
        assert!(!a.get_attribute("href").unwrap_or_default().to_ascii_lowercase().contains("javascript"));
    }
    host.remove();
}

#[wasm_bindgen_test]
fn the_card_says_price_conditions_referral_ages_length_and_last_checked() {
    let (host, _handle) = mount(hostile_scheme(), CardPlace::Popup);
    // Lists of conditions and routes may be written in sentence case ("Heart and circulation, diabetes").
    let text = host.text_content().unwrap_or_default().to_lowercase();
    for part in [
        "£3.50 a session",
        "Conditions",
        "Heart and circulation",
        "Diabetes",
        "Who can refer",
        "GP",
        "Self-referral",
        "16 to 64",
        "12 weeks",
        "Sessions",
        "Mon 10:00–11:00, Thu 14:00–15:00",
        "Last checked",
        "1 October 2026",
    ] {
        assert!(text.contains(&part.to_lowercase()), "{part:?} in {text:?}");
    }
    host.remove();
}

#[wasm_bindgen_test]
fn the_list_heading_is_a_button_the_list_chooses_by_its_id_and_the_popup_s_takes_the_focus() {
    let (host, _handle) = mount(hostile_scheme(), CardPlace::List);
    // The list's one click handler finds a chosen entry's button by this selector (results.rs).
    let buttons = all(&host, "h3.scheme-name > button[id^=\"choose-\"]");
    assert_eq!(buttons.len(), 1);
    assert_eq!(buttons[0].id(), "choose-7");
    assert_eq!(buttons[0].get_attribute("type").as_deref(), Some("button"));
    assert_eq!(buttons[0].get_attribute("aria-expanded").as_deref(), Some("true"), "the card is the open entry");
    assert_eq!(buttons[0].text_content().unwrap_or_default(), IMG);
    host.remove();

    let (host, _handle) = mount(hostile_scheme(), CardPlace::Popup);
    assert!(all(&host, "h3 button").is_empty());
    let heading = all(&host, "h3.scheme-name");
    assert_eq!(heading.len(), 1);
    assert_eq!(heading[0].get_attribute("tabindex").as_deref(), Some("-1"));
    assert_eq!(heading[0].text_content().unwrap_or_default(), IMG);
    host.remove();
}

#[wasm_bindgen_test]
fn the_card_offers_copy_share_print_and_a_prefilled_report_a_change_email() {
    let (host, _handle) = mount(hostile_scheme(), CardPlace::Popup);
    let buttons: Vec<String> =
        all(&host, ".card-actions button").iter().map(|b| b.text_content().unwrap_or_default()).collect();
    for want in ["Copy details", "Share", "Print"] {
        assert!(buttons.iter().any(|b| b.starts_with(want)), "{want} in {buttons:?}");
    }
    let report = all(&host, ".report-change a");
    assert_eq!(report.len(), 1);
    let href = report[0].get_attribute("href").unwrap_or_default();
    assert!(href.starts_with("mailto:schemes-map@example.org?subject=Change%20to%20scheme%3A%20%3Cimg"), "{href}");
    assert!(!href.contains(['<', '>', '"', ' ']), "{href}");
    assert!(js_sys::Reflect::get(&js_sys::global(), &"__pwned".into()).unwrap().is_undefined());
    host.remove();
}
