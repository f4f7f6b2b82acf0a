//! The printed handout: one clean A4 page for a patient, with the chosen scheme (or up to ten
//! shown results), how to join, the contacts, the price, a QR code that opens the scheme in the
//! map, the date printed and, for demonstration data, the notice.
//!
//! "Print" draws the QR codes first ([`super::qr_code`], a small wasm loaded the first time), then
//! mounts the handout in its own element under `<body>` and marks the page as printing;
//! the print stylesheet (`style/app.css`, `@media print`) then shows only the handout. After
//! printing the mark is removed, so printing the page itself (Ctrl+P) still prints the page.

use super::browser;
use super::qr_code;
use crate::eligibility;
use crate::link;
use crate::record;
use crate::scheme::Scheme;
use crate::wording::{as_sentence, long_date};
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// At most this many schemes go on one handout.
pub const MAX_SCHEMES: usize = 10;

/// The id of the handout's element under `<body>`.
const AREA_ID: &str = "print-area";
/// The class on `<html>` while a handout is being printed.
const PRINTING: &str = "printing";

type Mounted = Box<dyn std::any::Any>;

thread_local! {
    /// The handout on the page, kept mounted until the next one replaces it.
    static HANDOUT: RefCell<Option<Mounted>> = const { RefCell::new(None) };
}

/// Prints a handout of these schemes (the first [`MAX_SCHEMES`]), once their QR codes are drawn.
pub fn print(schemes: Vec<Scheme>) {
    let page = browser::page_url();
    let schemes: Vec<Scheme> = schemes.into_iter().take(MAX_SCHEMES).collect();
    leptos::task::spawn_local(async move {
        let mut handout = Vec::with_capacity(schemes.len());
        for s in schemes {
            let link = record::scheme_link(&page, &s.id);
            let qr = match &link {
                Some(l) => qr_code::data_url(l, 240).await,
                None => None,
            };
            handout.push(HandoutEntry { scheme: s, link, qr });
        }
        print_now(handout);
    });
}

/// One scheme on the handout: the scheme, our link to it and the link's QR code.
struct HandoutEntry {
    scheme: Scheme,
    link: Option<String>,
    qr: Option<String>,
}

fn print_now(schemes: Vec<HandoutEntry>) {
    let Some(doc) = browser::document() else { return };
    let Some(body) = doc.body() else { return };
    let area = match doc.get_element_by_id(AREA_ID) {
        Some(a) => a,
        None => {
            let Ok(a) = doc.create_element("div") else { return };
            a.set_id(AREA_ID);
            let _ = body.append_child(&a);
            a
        }
    };
    HANDOUT.with(|h| h.borrow_mut().take()); // unmounts the previous handout
    area.set_text_content(None);
    let Ok(area) = area.dyn_into::<web_sys::HtmlElement>() else { return };
    let printed = long_date(&today_iso());
    let handle = leptos::mount::mount_to(area, move || view! { <Handout schemes=schemes printed=printed/> });
    HANDOUT.with(|h| *h.borrow_mut() = Some(Box::new(handle)));

    if let Some(root) = doc.document_element() {
        let _ = root.class_list().add_1(PRINTING);
    }
    remove_mark_after_printing();
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Once printing ends, the page prints as itself again.
fn remove_mark_after_printing() {
    let Some(w) = web_sys::window() else { return };
    let done = Closure::once_into_js(move || {
        if let Some(root) = browser::document().and_then(|d| d.document_element()) {
            let _ = root.class_list().remove_1(PRINTING);
        }
    });
    let opts = web_sys::AddEventListenerOptions::new();
    opts.set_once(true);
    let _ =
        w.add_event_listener_with_callback_and_add_event_listener_options("afterprint", done.unchecked_ref(), &opts);
}

/// Today as "YYYY-MM-DD", from the browser's clock.
fn today_iso() -> String {
    let d = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
}

#[component]
fn Handout(schemes: Vec<HandoutEntry>, printed: String) -> impl IntoView {
    let sample = schemes.iter().any(|e| e.scheme.sample);
    let heading = if schemes.len() == 1 { "Your exercise referral scheme" } else { "Exercise referral schemes" };
    let many = schemes.len() > 1;
    view! {
        <article class="handout" class:handout-many=many aria-label="Printed handout">
            <header class="handout-header">
                <h1>{heading}</h1>
                <p class="handout-date">"Printed on " {printed}</p>
            </header>
            {sample.then(|| view! {
                <p class="handout-notice">
                    "Demonstration data: these schemes, prices and contacts are illustrative, not real."
                </p>
            })}
            {schemes.into_iter().map(|e| view! { <HandoutScheme scheme=e.scheme link=e.link qr=e.qr/> }).collect_view()}
        </article>
    }
}

#[component]
fn HandoutScheme(scheme: Scheme, link: Option<String>, qr: Option<String>) -> impl IntoView {
    let s = scheme;
    let price = s.price_in_full();
    let website = s.website.as_deref().and_then(link::web);
    let fact = |label: &'static str, value: String| view! { <div><dt>{label}</dt><dd>{value}</dd></div> };
    // Left out when ten schemes share the page.
    let extra = |label: &'static str, value: String| view! { <div class="handout-extra"><dt>{label}</dt><dd>{value}</dd></div> };
    view! {
        <section class="handout-scheme">
            <div class="handout-text">
                <h2>{s.name.clone()}</h2>
                <p class="handout-where">{s.centre.clone()} ", " {s.full_address()}</p>
                <dl class="handout-facts">
                    {fact("How to join", eligibility::how_to_join(&s))}
                    {s.phone.clone().map(|p| fact("Phone", p))}
                    {s.email.clone().map(|e| fact("Email", e))}
                    {website.map(|w| fact("Website", w))}
                    {fact("Price", price)}
                    // Kept with ten schemes too: it can change the price ("Free for people living
                    // with Parkinson's").
                    {s.price.note.clone().map(|n| fact("Price note", n))}
                    {s.age_range().map(|a| fact("Ages", a))}
                    // When to come: a handout without it means a phone call.
                    {crate::schedule::listed(&s.sessions).map(|t| fact("Sessions", t))}
                    {s.programme_weeks.map(|w| extra("Programme", format!("{w} weeks")))}
                    {extra("Conditions", as_sentence(s.conditions.iter().map(|c| c.label())))}
                    {s.notes.clone().map(|n| extra("Notes", n))}
                    {fact("Last checked", long_date(&s.last_verified))}
                </dl>
            </div>
            {qr.map(|src| view! {
                <figure class="handout-qr">
                    <img src=src width="120" height="120" alt=format!("QR code: opens {} on the map", s.name)/>
                    <figcaption>"Scan to open this scheme on the map"</figcaption>
                </figure>
            })}
            {link.map(|l| view! { <p class="handout-link">{l}</p> })}
        </section>
    }
}
