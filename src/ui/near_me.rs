//! "Find near me": the postcode box, the "Use my location" button and the distance filter.
//!
//! A postcode is looked up in the build's own per-outcode files when the build had postcode data
//! (it never leaves the browser), else with the configured online service; the page says which.
//!
//! Searches are numbered: only the answer to the newest search (postcode, location, or clearing)
//! changes the page, so a slow answer that arrives after a newer search is dropped. A search
//! made before the app knows where postcodes are looked up waits for that, then runs.

use super::app::{AppState, Load};
use super::embed_mode::locked;
use super::loader::{self, FetchError};
use crate::embed::Lock;
use crate::nearby::{Lookup, LookupSource, SearchPoint, ENTER_A_POSTCODE, POSTCODE_NOT_FOUND};
use crate::postcode;
use crate::url_state::WITHIN_CHOICES;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// The number of the newest search.
    static NEWEST: Cell<u64> = const { Cell::new(0) };
    /// A postcode searched for before the lookup was known (e.g. from a shared link).
    static WAITING: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Starts a new search: every earlier one is now stale. Returns its number.
fn new_search() -> u64 {
    WAITING.with(|w| w.borrow_mut().take());
    NEWEST.with(|n| {
        n.set(n.get() + 1);
        n.get()
    })
}

/// Whether `ticket` is still the newest search.
fn is_newest(ticket: u64) -> bool {
    NEWEST.with(|n| n.get() == ticket)
}

/// Runs the postcode search that was waiting for the lookup, once it is known.
pub fn lookup_known(state: AppState) {
    if let Some(text) = WAITING.with(|w| w.borrow_mut().take()) {
        search_postcode(state, text);
    }
}

/// What the last search attempt said.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum SearchMessage {
    #[default]
    None,
    Busy,
    /// A problem the person can act on, shown next to the box.
    Problem(String),
}

/// Looks a postcode up and, when found, searches from it (and keeps it in the URL).
pub fn search_postcode(state: AppState, text: String) {
    let msg = state.search_message;
    let ticket = new_search();
    let Some(query) = postcode::parse(&text) else {
        forget_unresolved(state);
        msg.set(SearchMessage::Problem(ENTER_A_POSTCODE.into()));
        return;
    };
    let Some((source, config)) = state.load.with_untracked(|l| match l {
        Load::Ready(d) => Some((d.lookup.get_untracked(), d.config.clone())),
        _ => None,
    }) else {
        return;
    };
    if source == LookupSource::Pending {
        WAITING.with(|w| *w.borrow_mut() = Some(text));
        msg.set(SearchMessage::Busy);
        return;
    }
    let Some(url) = source.url(&query) else {
        msg.set(SearchMessage::Problem(source.describe()));
        return;
    };
    msg.set(SearchMessage::Busy);
    spawn_local(async move {
        let answer = loader::postcode_answer(&url, &config).await;
        if !is_newest(ticket) {
            return;
        }
        let outcome = match answer {
            Err(e @ FetchError::TimedOut(_)) => {
                Err(format!("The postcode could not be looked up: {}. Try again, or use your location.", e.describe()))
            }
            Err(e) => Err(format!("The postcode could not be looked up: {}. Try again.", e.describe())),
            Ok((status, body)) => source.read(status, &body, &query).map_err(|e| {
                let mut s = e.to_string();
                if let Some(first) = s.get(..1) {
                    s = first.to_uppercase() + &s[1..];
                }
                format!("{s}. Try again later, or use your location.")
            }),
        };
        match outcome {
            Ok(Lookup::Found(point)) => {
                msg.set(SearchMessage::None);
                state.view.update(|v| v.postcode = Some(query.as_str().to_string()));
                state.search.set(Some(point));
            }
            Ok(Lookup::Unknown) => {
                forget_unresolved(state);
                msg.set(SearchMessage::Problem(POSTCODE_NOT_FOUND.into()));
            }
            Err(e) => {
                forget_unresolved(state);
                msg.set(SearchMessage::Problem(e));
            }
        }
    });
}

/// A postcode that found nothing leaves the URL (e.g. from a mistyped shared link), unless an
/// earlier search is still shown.
fn forget_unresolved(state: AppState) {
    if state.search.with_untracked(Option::is_none) {
        state.view.update(|v| v.postcode = None);
    }
}

const LOCATION_TOO_SLOW: &str = "Finding your location took too long. Try again, or enter a postcode.";

/// Asks the browser for the device's position and searches from it (never put in the URL).
fn search_from_device(state: AppState) {
    let msg = state.search_message;
    let ticket = new_search();
    let Some(geo) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
        msg.set(SearchMessage::Problem("Your browser cannot share your location. Enter a postcode instead.".into()));
        return;
    };
    msg.set(SearchMessage::Busy);
    // The browser's own timeout does not count the time its permission question is open, and a
    // browser may never answer at all: after twice the request timeout, say so and stop waiting.
    let seconds = state.load.with_untracked(|l| match l {
        Load::Ready(d) => d.config.timeout_seconds,
        _ => crate::config::DEFAULT_TIMEOUT_SECONDS,
    });
    let watchdog = Closure::once_into_js(move || {
        if is_newest(ticket) {
            new_search();
            msg.set(SearchMessage::Problem(LOCATION_TOO_SLOW.into()));
        }
    });
    if let Some(w) = web_sys::window() {
        let ms = (seconds * 2000.0) as i32;
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(watchdog.unchecked_ref(), ms);
    }
    let ok = Closure::once_into_js(move |pos: web_sys::Position| {
        if !is_newest(ticket) {
            return;
        }
        let c = pos.coords();
        match SearchPoint::from_device(c.latitude(), c.longitude()) {
            Some(point) => {
                msg.set(SearchMessage::None);
                state.view.update(|v| v.postcode = None);
                state.search.set(Some(point));
            }
            None => {
                msg.set(SearchMessage::Problem("Your location could not be read. Enter a postcode instead.".into()))
            }
        }
    });
    let err = Closure::once_into_js(move |e: web_sys::PositionError| {
        if !is_newest(ticket) {
            return;
        }
        let text = match e.code() {
            web_sys::PositionError::PERMISSION_DENIED => {
                "You did not allow this page to use your location. Enter a postcode instead."
            }
            web_sys::PositionError::TIMEOUT => LOCATION_TOO_SLOW,
            _ => "Your location is not available right now. Enter a postcode instead.",
        };
        msg.set(SearchMessage::Problem(text.into()));
    });
    let opts = web_sys::PositionOptions::new();
    opts.set_timeout((seconds * 1000.0) as u32);
    opts.set_maximum_age(60_000);
    if geo
        .get_current_position_with_error_callback_and_options(ok.unchecked_ref(), Some(err.unchecked_ref()), &opts)
        .is_err()
    {
        msg.set(SearchMessage::Problem("Your location is not available right now. Enter a postcode instead.".into()));
    }
}

#[component]
pub fn NearMe() -> impl IntoView {
    let state = expect_context::<AppState>();
    let msg = state.search_message;
    let text = RwSignal::new(state.view.with_untracked(|v| v.postcode.clone()).unwrap_or_default());
    // Show the postcode as found ("sg11lz" becomes "SG1 1LZ"), also when it came from a link.
    Effect::new(move |_| {
        if let Some(p) = state.view.with(|v| v.postcode.clone()) {
            text.set(p);
        }
    });
    let problem = move || match msg.get() {
        SearchMessage::Problem(p) => Some(p),
        _ => None,
    };
    let source_note = move || state.with_loaded(|d| d.lookup).map(|l| l.with(LookupSource::describe));
    // A postcode searched for while the lookup was not known yet runs once it is.
    Effect::new(move |_| {
        if state.with_loaded(|d| d.lookup).is_some_and(|l| l.with(|l| *l != LookupSource::Pending)) {
            untrack(|| lookup_known(state));
        }
    });
    let clear = move |_| {
        new_search();
        state.search.set(None);
        state.view.update(|v| {
            v.postcode = None;
            v.within = None;
        });
        text.set(String::new());
        msg.set(SearchMessage::None);
    };

    view! {
        <section class="near-me" aria-labelledby="near-me-heading">
            <h2 id="near-me-heading">"Find schemes near you"</h2>
            <form
                class="postcode-form"
                hidden=locked(Lock::Postcode)
                on:submit=move |e| {
                    e.prevent_default();
                    search_postcode(state, text.get_untracked());
                }
            >
                <label for="postcode">"Postcode"</label>
                <div class="postcode-row">
                    <input
                        id="postcode"
                        name="postcode"
                        type="text"
                        inputmode="text"
                        autocomplete="off"
                        autocapitalize="characters"
                        spellcheck="false"
                        maxlength="10"
                        aria-describedby="postcode-message postcode-source"
                        aria-invalid=move || problem().is_some().to_string()
                        prop:value=move || text.get()
                        on:input=move |e| text.set(event_target_value(&e))
                    />
                    <button type="submit" class="button">"Find"</button>
                </div>
                <p id="postcode-message" class="postcode-message" aria-live="polite">
                    {move || match msg.get() {
                        SearchMessage::Busy => Some(view! { <span>"Looking…"</span> }.into_any()),
                        SearchMessage::Problem(p) => Some(view! { <span class="problem">{p}</span> }.into_any()),
                        SearchMessage::None => None,
                    }}
                </p>
                <button type="button" class="button secondary" on:click=move |_| search_from_device(state)>
                    "Use my location"
                </button>
                <p id="postcode-source" class="hint">{source_note}</p>
            </form>
            <Show when=move || state.search.with(|s| s.is_some())>
                <div class="search-summary">
                    <p>
                        "Nearest first from "
                        <strong>{move || state.search.with(|s| s.as_ref().map(|p| p.label.clone()))}</strong>
                        "."
                    </p>
                    <div class="field" hidden=locked(Lock::Within)>
                        <label for="within">"Distance"</label>
                        <select
                            id="within"
                            prop:value=move || state.view.with(|v| v.within.map(|w| w.to_string()).unwrap_or_else(|| "any".into()))
                            on:change=move |e| {
                                let w = event_target_value(&e).parse::<u32>().ok().filter(|w| WITHIN_CHOICES.contains(w));
                                state.view.update(|v| v.within = w);
                            }
                        >
                            <option value="any">"Any distance"</option>
                            {WITHIN_CHOICES.iter().map(|w| view! { <option value=w.to_string()>{format!("Within {w} miles")}</option> }).collect_view()}
                        </select>
                    </div>
                    <button type="button" class="button secondary" hidden=locked(Lock::Postcode) on:click=clear>"Clear search"</button>
                </div>
            </Show>
        </section>
    }
}
