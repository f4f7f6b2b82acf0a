//! The few browser calls the UI needs outside Leptos: the page address, history and scrolling.
//! Every call tolerates a missing window or element (it then does nothing).

use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The current query string, e.g. `?district=stevenage`.
pub fn query() -> String {
    write_address_now();
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
    write_address_now();
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// The page's full address (to build links to a scheme from).
pub fn page_url() -> String {
    write_address_now();
    web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default()
}

thread_local! {
    /// The address waiting to be written by [`replace_address`]: (query, fragment).
    static PENDING: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
    /// [`write_address_now`] as a JS function, made once.
    static WRITE: JsValue = Closure::<dyn Fn()>::new(write_address_now).into_js_value();
}

/// The latest a pending address waits when no frame comes (a hidden page), in milliseconds.
const ADDRESS_AT_LATEST_MS: i32 = 200;

/// Replaces the query string and the fragment without reloading or adding a history entry:
/// soon after the next frame has painted, not at once. `history.replaceState` costs a few
/// milliseconds, which a keystroke should not wait for; several changes before then make one write
/// (typing "Watford" quickly makes one, not seven). Reading the address here ([`query`],
/// [`fragment`], [`page_url`]) writes what is pending first, so nothing reads an old address.
pub fn replace_address(query: &str, fragment: &str) {
    let first = PENDING.with(|p| p.borrow_mut().replace((query.to_string(), fragment.to_string())).is_none());
    if !first {
        return;
    }
    let Some(w) = web_sys::window() else {
        write_address_now();
        return;
    };
    // After the next frame (`setTimeout(write, 0)` from its animation frame), or after a while if no
    // frame comes; whichever is first writes, the other finds nothing pending.
    let write = WRITE.with(JsValue::clone);
    let write: &js_sys::Function = write.unchecked_ref();
    let queued = js_sys::Reflect::get(&w, &JsValue::from_str("setTimeout"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .map(|set_timeout| set_timeout.bind2(&w, write, &JsValue::from(0)))
        .is_some_and(|after_frame| w.request_animation_frame(after_frame.unchecked_ref()).is_ok());
    if !queued {
        write_address_now();
        return;
    }
    let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(write, ADDRESS_AT_LATEST_MS);
}

/// Writes the pending address, if any, unless the address already says it.
fn write_address_now() {
    let Some((query, fragment)) = PENDING.with(|p| p.borrow_mut().take()) else { return };
    let Some(w) = web_sys::window() else { return };
    let location = w.location();
    let path = location.pathname().unwrap_or_default();
    let now = (location.search().unwrap_or_default(), location.hash().unwrap_or_default());
    if now.0 == query && now.1 == fragment {
        return;
    }
    if let Ok(h) = w.history() {
        // The entry keeps its state (its kind: see `push_entry`).
        let state = h.state().unwrap_or(JsValue::NULL);
        let _ = h.replace_state_with_url(&state, "", Some(&format!("{path}{query}{fragment}")));
    }
}

/// What one of this page's history entries shows on a phone, kept as the entry's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    /// The page as it was opened (no state of ours).
    Page,
    /// The map with a scheme chosen from the list ([`push_entry`] as the list switches to it).
    Map,
    /// A scheme chosen on the map ([`push_entry`] as its card opens).
    Card,
}

impl Entry {
    fn state(self) -> &'static str {
        match self {
            Entry::Page => "",
            Entry::Map => "map",
            Entry::Card => "card",
        }
    }

    fn of(state: &JsValue) -> Entry {
        match state.as_string().as_deref() {
            Some("map") => Entry::Map,
            Some("card") => Entry::Card,
            _ => Entry::Page,
        }
    }
}

thread_local! {
    /// The kind of the history entry the page is on.
    static CURRENT: std::cell::Cell<Option<Entry>> = const { std::cell::Cell::new(None) };
}

/// The kind of the history entry the page is on (read from the entry's state after a reload).
pub fn current_entry() -> Entry {
    CURRENT.with(|c| {
        c.get().unwrap_or_else(|| {
            let state = web_sys::window().and_then(|w| w.history().ok()).and_then(|h| h.state().ok());
            Entry::of(&state.unwrap_or(JsValue::NULL))
        })
    })
}

/// Adds a history entry for this page, at the current address (the pending one written first),
/// of the given kind: the browser's Back then comes back to the entry before it instead of
/// leaving the site. Later address writes replace this new entry's address.
pub fn push_entry(kind: Entry) {
    write_address_now();
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        if h.push_state(&JsValue::from_str(kind.state()), "").is_ok() {
            CURRENT.with(|c| c.set(Some(kind)));
        }
    }
}

/// Calls `f` whenever the person goes back or forward between this page's history entries, with
/// the kind of the entry they arrive at and of the one they leave.
pub fn on_history_move(f: impl Fn(Entry, Entry) + 'static) {
    let Some(w) = web_sys::window() else { return };
    let cb = Closure::<dyn Fn(JsValue)>::new(move |e: JsValue| {
        let left = current_entry();
        let arrived = Entry::of(&js_sys::Reflect::get(&e, &JsValue::from_str("state")).unwrap_or(JsValue::NULL));
        CURRENT.with(|c| c.set(Some(arrived)));
        f(arrived, left);
    });
    let _ = w.add_event_listener_with_callback("popstate", cb.as_ref().unchecked_ref());
    cb.forget();
}

/// Calls `f` whenever the address's fragment changes while the page is open (the person edits
/// it, or follows a link to this page with another). The page's own address writes
/// (`replaceState`) do not call it.
pub fn on_hash_change(f: impl Fn() + 'static) {
    let Some(w) = web_sys::window() else { return };
    let cb = Closure::<dyn Fn()>::new(f);
    let _ = w.add_event_listener_with_callback("hashchange", cb.as_ref().unchecked_ref());
    cb.forget();
}

/// The page's document (none outside a browser page).
pub fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Scrolls the element with this id into view, if it is not already (smoothly unless the person
/// prefers reduced motion).
pub fn scroll_into_view(id: &str) {
    let Some(doc) = document() else { return };
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

/// Scrolls the page so the element with this id is at the top (below the phone's sticky switch:
/// the page's `scroll-padding-top`), at once.
pub fn scroll_to_top(id: &str) {
    if let Some(el) = document().and_then(|d| d.get_element_by_id(id)) {
        el.scroll_into_view_with_bool(true);
    }
}

/// On a phone: scrolls the page, at once, so the map's area is just below the sticky List/Map
/// switch; the map then fills the window below it (style/app.css). The page's header would
/// otherwise take the top of the window and push the map's lower half out of it.
pub fn scroll_map_into_view() {
    let Some(window) = web_sys::window() else { return };
    let Some(doc) = window.document() else { return };
    let find = |selector: &str| doc.query_selector(selector).ok().flatten();
    let (Some(area), Some(switch)) = (find(".map-area"), find(".phone-switch")) else { return };
    let scrolled = window.scroll_y().unwrap_or(0.0);
    let top = area.get_bounding_client_rect().top() + scrolled - switch.get_bounding_client_rect().height();
    window.scroll_to_with_x_and_y(0.0, top.max(0.0));
}

/// Whether the person asked for less motion.
pub fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Moves keyboard focus to the element with this id.
pub fn focus(id: &str) {
    if let Some(el) = document().and_then(|d| d.get_element_by_id(id)) {
        if let Ok(h) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = h.focus();
        }
    }
}

/// Moves keyboard focus to the first element matching `selector` inside the element with this id.
pub fn focus_in(id: &str, selector: &str) {
    let Some(el) = document().and_then(|d| d.get_element_by_id(id)) else { return };
    if let Some(h) = el.query_selector(selector).ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = h.focus();
    }
}

/// Whether the phone layout (list and map as two views) is in use.
pub fn is_phone() -> bool {
    phone_query().is_some_and(|m| m.matches())
}

/// Calls `f` with whether the phone layout is in use each time that changes (a phone turned on
/// its side, a window made wider). For the life of the page.
pub fn on_phone_layout_change(f: impl Fn(bool) + 'static) {
    let Some(list) = phone_query() else { return };
    let l = list.clone();
    let listener = Closure::<dyn Fn()>::new(move || f(l.matches()));
    let _ = list.add_event_listener_with_callback("change", listener.as_ref().unchecked_ref());
    listener.forget();
}

/// The phone layout's media query, as the browser answers it.
fn phone_query() -> Option<web_sys::MediaQueryList> {
    web_sys::window().and_then(|w| w.match_media(PHONE_QUERY).ok().flatten())
}

/// The media query of the phone layout; `style/app.css` uses the same width.
pub const PHONE_QUERY: &str = "(max-width: 700px)";
