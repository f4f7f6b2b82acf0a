//! A scheme's details, as a person needs them to decide and to join. The same full card is the
//! chosen list entry and, on a wide screen, the map popup, so the two never say different things
//! (a phone's popup is a summary of it, [`popup_summary`], with the way to it). Its clinician's
//! actions (copy, share, print, report a change) are [`super::card_actions`], a Leptos view the
//! caller mounts at the card's end.
//!
//! The card itself is made with one DOM call per node and text only (`textContent`, never HTML),
//! like the list's short entries: it has no state of its own, and as a `view!` it was the largest
//! function in the wasm (docs/benchmarks.md, fifteenth pass).

use crate::config::Config;
use crate::link;
use crate::scheme::{LatLng, Scheme};
use web_sys::{Document, Element};

/// Where the card is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardPlace {
    /// In the results list: the heading is a button that shows the scheme on the map.
    List,
    /// In the map's popup.
    Popup,
}

pub use crate::wording::{as_sentence, long_date};

/// What the card says of the scheme's place in the results: its distance from the search point
/// ("1.2 miles"), whether it is shown although outside the chosen distance, and where directions
/// start (the person's postcode or position).
#[derive(Clone, Debug, Default)]
pub struct CardContext {
    pub distance: Option<String>,
    pub further: bool,
    pub from: Option<LatLng>,
}

/// Adds an element to `parent`: its tag, class (none when empty) and text (as text).
pub fn add(doc: &Document, parent: &Element, tag: &str, class: &str, text: Option<&str>) -> Option<Element> {
    let el = doc.create_element(tag).ok()?;
    if !class.is_empty() {
        el.set_class_name(class);
    }
    if let Some(text) = text {
        el.set_text_content(Some(text));
    }
    parent.append_child(&el).ok()?;
    Some(el)
}

/// The distance line ("1.2 miles", " · further away" when shown although outside the chosen
/// distance), when there is a search point.
pub fn add_distance(doc: &Document, parent: &Element, distance: Option<&str>, further: bool) -> Option<()> {
    let distance = distance?;
    let p = add(doc, parent, "p", "distance", None)?;
    add(doc, &p, "strong", "", Some(distance));
    if further {
        add(doc, &p, "span", "further", Some(" · further away"));
    }
    Some(())
}

/// The full card of scheme `index`, an `<article class="scheme-card">`. In the list its heading is
/// a button with the id `choose-{index}`, pressed through the list's one click handler (it folds
/// the card back into the short entry); in the popup the heading takes the focus by script
/// (`tabindex="-1"`).
pub fn scheme_card(
    doc: &Document,
    s: &Scheme,
    config: &Config,
    place: CardPlace,
    index: usize,
    at: &CardContext,
) -> Option<Element> {
    let add = |parent: &Element, tag: &str, class: &str, text: Option<&str>| add(doc, parent, tag, class, text);
    let set = |el: &Element, name: &str, value: &str| {
        let _ = el.set_attribute(name, value);
    };
    let article = doc.create_element("article").ok()?;
    article.set_class_name("scheme-card");
    let h3 = add(&article, "h3", "scheme-name", None)?;
    match place {
        CardPlace::List => {
            let button = add(&h3, "button", "link-button", Some(&s.name))?;
            set(&button, "type", "button");
            // It folds the card back into the short entry (whose button says "false").
            set(&button, "aria-expanded", "true");
            button.set_id(&format!("choose-{index}"));
        }
        CardPlace::Popup => {
            h3.set_text_content(Some(&s.name));
            set(&h3, "tabindex", "-1");
        }
    }
    add_distance(doc, &article, at.distance.as_deref(), at.further);
    if s.sample {
        add(&article, "span", "tag", Some("Demonstration data"));
    }
    add(&article, "p", "centre", Some(&format!("{} · {}", s.centre, s.operator)));
    let address = add(&article, "p", "address", Some(&s.full_address()))?;
    add(&address, "span", "district", Some(&format!(" · {}", config.district_name(&s.district))));

    let facts = add(&article, "dl", "facts", None)?;
    let fact = |label: &str, class: &str, value: Option<&str>| -> Option<Element> {
        let div = add(&facts, "div", "", None)?;
        add(&div, "dt", "", Some(label));
        add(&div, "dd", class, value)
    };
    let price = fact("Price", "", None)?;
    add(&price, "span", "price", Some(&s.price_in_full()));
    if let Some(n) = &s.price.note {
        add(&price, "span", "price-note", Some(&format!(" {n}")));
    }
    fact("Conditions", "", Some(&as_sentence(s.conditions.iter().map(|c| c.label()))));
    fact("Who can refer", "", Some(&as_sentence(s.referral.iter().map(|r| r.label()))));
    fact("How to join", "", Some(&crate::eligibility::how_to_join(s)));
    if let Some(a) = s.age_range() {
        fact("Ages", "", Some(&a));
    }
    if let Some(w) = s.programme_weeks {
        fact("Programme", "", Some(&format!("{w} weeks")));
    }
    if let Some(t) = crate::schedule::listed(&s.sessions) {
        fact("Sessions", "sessions", Some(&t));
    }
    fact("Last checked", "", Some(&long_date(&s.last_verified)));
    if let Some(n) = &s.notes {
        add(&article, "p", "notes", Some(n));
    }

    let contacts = add(&article, "ul", "contacts", None)?;
    set(&contacts, "aria-label", &format!("Contact {}", s.name));
    let contact = |label: &str, text: &str, href: String| -> Option<()> {
        let li = add(&contacts, "li", "", None)?;
        add(&li, "span", "contact-label", Some(label));
        set(&add(&li, "a", "", Some(text))?, "href", &href);
        Some(())
    };
    if let Some((p, href)) = s.phone.as_deref().and_then(|p| link::tel(p).map(|h| (p, h))) {
        contact("Phone: ", p, href);
    }
    if let Some((e, href)) = s.email.as_deref().and_then(|e| link::mailto(e).map(|h| (e, h))) {
        contact("Email: ", e, href);
    }
    // A link that opens a new tab, and says so to a screen reader.
    let new_tab = |text: &str, href: String, hidden: String| -> Option<()> {
        let a = add(&add(&contacts, "li", "", None)?, "a", "", Some(text))?;
        set(&a, "href", &href);
        set(&a, "target", "_blank");
        set(&a, "rel", "noopener noreferrer");
        add(&a, "span", "visually-hidden", Some(&format!("{hidden} (opens in a new tab)")));
        Some(())
    };
    if let Some(href) = s.website.as_deref().and_then(link::web) {
        new_tab("Website", href, format!(" of {}", s.name));
    }
    if let Some(href) = config.directions_url(at.from, s.location) {
        new_tab("Directions", href, format!(" to {} on {}", s.name, config.directions.name));
    }
    Some(article)
}

/// On a phone, the map's card: the few lines a person decides by (the list entry's, how to join,
/// the phone number) and a button to the full card, which the list shows whole (in a popup it was
/// a small box scrolling inside the map). Returns the card and that button.
pub fn popup_summary(doc: &Document, s: &Scheme, at: &CardContext) -> Option<(Element, Element)> {
    let add = |parent: &Element, tag: &str, class: &str, text: Option<&str>| add(doc, parent, tag, class, text);
    let article = doc.create_element("article").ok()?;
    article.set_class_name("scheme-card summary");
    let h3 = add(&article, "h3", "scheme-name", Some(&s.name))?;
    let _ = h3.set_attribute("tabindex", "-1");
    add_distance(doc, &article, at.distance.as_deref(), at.further);
    if s.sample {
        add(&article, "span", "tag", Some("Demonstration data"));
    }
    add(&article, "p", "centre", Some(&format!("{} · {}", s.centre, s.town)));
    add(&article, "p", "eligibility", Some(&crate::eligibility::line(s)));
    add(&article, "p", "conditions", Some(&as_sentence(s.conditions.iter().map(|c| c.label()))));
    add(&article, "p", "join", Some(&crate::eligibility::how_to_join(s)));
    if let Some((p, href)) = s.phone.as_deref().and_then(|p| link::tel(p).map(|h| (p, h))) {
        let line = add(&article, "p", "contact", None)?;
        add(&line, "span", "contact-label", Some("Phone: "));
        let _ = add(&line, "a", "", Some(p))?.set_attribute("href", &href);
    }
    let details = add(&article, "button", "button details", Some("All details"))?;
    let _ = details.set_attribute("type", "button");
    add(
        &details,
        "span",
        "visually-hidden",
        Some(&format!(" of {}: price, sessions, contacts, share and print", s.name)),
    );
    Some((article, details))
}
