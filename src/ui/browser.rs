//! The few browser calls the UI needs outside Leptos: the page address, history and scrolling.
//! Every call tolerates a missing window or element (it then does nothing).

use wasm_bindgen::JsValue;

/// The current query string, e.g. `?district=stevenage`.
pub fn query() -> String {
    web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

/// This page's origin, e.g. `https://maps.example.org`.
pub fn origin() -> String {
    web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}

/// This page's address without its query or fragment, e.g. `https://maps.example.org/referral/`.
pub fn page_base() -> String {
    let Some(w) = web_sys::window() else { return String::new() };
    format!("{}{}", w.location().origin().unwrap_or_default(), w.location().pathname().unwrap_or_default())
}

/// The current fragment, e.g. `#postcode=SG1+1LZ`.
pub fn fragment() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// The page's full address (to build links to a scheme from).
pub fn page_url() -> String {
    web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default()
}

/// Replaces the query string and the fragment without reloading or adding a history entry.
pub fn replace_address(query: &str, fragment: &str) {
    let Some(w) = web_sys::window() else { return };
    let path = w.location().pathname().unwrap_or_default();
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{query}{fragment}")));
    }
}

/// Scrolls the element with this id into view, if it is not already (smoothly unless the person
/// prefers reduced motion).
pub fn scroll_into_view(id: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(el) = doc.get_element_by_id(id) else { return };
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
    opts.set_behavior(if prefers_reduced_motion() {
        web_sys::ScrollBehavior::Auto
    } else {
        web_sys::ScrollBehavior::Smooth
    });
    el.scroll_into_view_with_scroll_into_view_options(&opts);
}

/// Whether the person asked for less motion.
pub fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Moves keyboard focus to the element with this id.
pub fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) {
        if let Ok(h) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = h.focus();
        }
    }
}

/// Whether the phone layout (list and map as two views) is in use.
pub fn is_phone() -> bool {
    web_sys::window().and_then(|w| w.match_media(PHONE_QUERY).ok().flatten()).is_some_and(|m| m.matches())
}

/// The media query of the phone layout; `style/app.css` uses the same width.
pub const PHONE_QUERY: &str = "(max-width: 700px)";
