//! "Find near me": the postcode box, the "Use my location" button and the distance filter.
//!
//! A postcode is looked up in the build's own per-outcode files when the build had postcode data
//! (it never leaves the browser), else with the configured online service; the page says which.
//!
//! Searches are numbered: only the answer to the newest search (postcode, location, or clearing)
//! changes the page, so a slow answer that arrives after a newer search is dropped. A search
//! made before the app knows where postcodes are looked up waits for that, then runs.

use super::embed_mode::locked;
use super::loader::{self, FetchError};
use super::state::{AppState, Search};
use crate::embed::Lock;
use crate::nearby::{not_found, Lookup, LookupSource, Precision, SearchPoint, ENTER_A_POSTCODE};
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
    /// A postcode searched for before the lookup was known (e.g. from a shared link), and whether
    /// the postcode metadata may be asked for again if it gets no answer.
    static WAITING: RefCell<Option<(String, bool)>> = const { RefCell::new(None) };
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
    if let Some((text, ask_again)) = WAITING.with(|w| w.borrow_mut().take()) {
        search(state, text, ask_again);
    }
}

/// Looks a postcode up and, when found, searches from it (and keeps it in the URL).
pub fn search_postcode(state: AppState, text: String) {
    search(state, text, true);
}

/// [`search_postcode`]; `ask_again`: when the postcode metadata got no answer, ask for it again
/// first (true for a person's search, also when it waited for the first answer; false for the
/// search that waited for the second).
fn search(state: AppState, text: String, ask_again: bool) {
    let ticket = new_search();
    let Some(query) = postcode::parse(&text) else {
        fail(state, ENTER_A_POSTCODE.into());
        return;
    };
    let Some(data) = state.data_untracked() else { return };
    let (source, config) = (data.lookup.get_untracked(), data.config.clone());
    if source == LookupSource::Pending {
        WAITING.with(|w| *w.borrow_mut() = Some((text, ask_again)));
        state.search.update(|s| *s = s.pending());
        return;
    }
    if let LookupSource::Unanswered(why) = source {
        if ask_again {
            WAITING.with(|w| *w.borrow_mut() = Some((text, false)));
            state.search.update(|s| *s = s.pending());
            loader::ask_for_lookup(data.lookup, config);
        } else {
            fail(state, format!("The postcode could not be looked up: {why}. Try again, or use your location."));
        }
        return;
    }
    if let Some(why) = source.not_covered(&query) {
        fail(state, why);
        return;
    }
    let Some(url) = source.url(&query) else {
        state.search.update(|s| *s = s.problem(source.describe()));
        return;
    };
    state.search.update(|s| *s = s.pending());
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
                    s = crate::case::upper(first) + &s[1..];
                }
                format!("{s}. Try again later, or use your location.")
            }),
        };
        match outcome {
            Ok(Lookup::Found(point)) => {
                state.view.update(|v| v.postcode = Some(query.as_str().to_string()));
                state.search.set(Search::Found(point));
            }
            Ok(Lookup::Unknown) => fail(state, not_found(&query)),
            Err(e) => fail(state, e),
        }
    });
}

/// Shows a postcode search's problem. A postcode that found nothing leaves the URL (e.g. from a
/// mistyped shared link), unless an earlier search is still shown.
fn fail(state: AppState, message: String) {
    if state.search.with_untracked(|s| s.point().is_none()) {
        state.view.update(|v| v.postcode = None);
    }
    state.search.update(|s| *s = s.problem(message));
}

/// Shows a location search's problem.
fn device_failed(state: AppState, message: &str) {
    state.search.update(|s| *s = s.problem(message.into()));
}

const LOCATION_TOO_SLOW: &str = "Finding your location took too long. Try again, or enter a postcode.";

/// Asks the browser for the device's position and searches from it (never put in the URL).
fn search_from_device(state: AppState) {
    let ticket = new_search();
    let Some(geo) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
        device_failed(state, "Your browser cannot share your location. Enter a postcode instead.");
        return;
    };
    state.search.update(|s| *s = s.pending());
    // The browser's own timeout does not count the time its permission question is open, and a
    // browser may never answer at all: after twice the request timeout, say so and stop waiting.
    let seconds = state.data_untracked().map_or(crate::config::DEFAULT_TIMEOUT_SECONDS, |d| d.config.timeout_seconds);
    let watchdog = Closure::once_into_js(move || {
        if is_newest(ticket) {
            new_search();
            device_failed(state, LOCATION_TOO_SLOW);
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
                state.view.update(|v| v.postcode = None);
                state.search.set(Search::Device(point));
            }
            None => device_failed(state, "Your location could not be read. Enter a postcode instead."),
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
        device_failed(state, text);
    });
    let opts = web_sys::PositionOptions::new();
    opts.set_timeout((seconds * 1000.0) as u32);
    opts.set_maximum_age(60_000);
    if geo
        .get_current_position_with_error_callback_and_options(ok.unchecked_ref(), Some(err.unchecked_ref()), &opts)
        .is_err()
    {
        device_failed(state, "Your location is not available right now. Enter a postcode instead.");
    }
}

#[component]
pub fn NearMe() -> impl IntoView {
    let state = expect_context::<AppState>();
    let text = RwSignal::new(state.view.with_untracked(|v| v.postcode.clone()).unwrap_or_default());
    // A shared link with a postcode searches from it again, once the data has loaded.
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) || state.is_loading() {
            return done.unwrap_or(false);
        }
        if let Some(pc) = untrack(|| state.view.with(|v| v.postcode.clone())) {
            search_postcode(state, pc);
        }
        true
    });
    // Show the postcode as found ("sg11lz" becomes "SG1 1LZ"), also when it came from a link.
    Effect::new(move |_| {
        if let Some(p) = state.view.with(|v| v.postcode.clone()) {
            text.set(p);
        }
    });
    let problem = move || {
        state.search.with(|s| match s {
            Search::Problem { message, .. } => Some(message.clone()),
            _ => None,
        })
    };
    let source_note = move || state.with_loaded(|d| d.lookup).map(|l| l.with(LookupSource::describe));
    // On a phone the results are a screen or more below the box: once a search the person asked
    // for is found, the search's summary is brought to the top, the first results under it.
    let asked = std::rc::Rc::new(Cell::new(false));
    Effect::new({
        let asked = asked.clone();
        move |_| {
            let found = state.search.with(|s| matches!(s, Search::Found(_) | Search::Device(_)));
            if found && asked.replace(false) && state.phone_layout.get_untracked() {
                request_animation_frame(|| super::browser::scroll_to_top("search-summary"));
            }
        }
    });
    let ask = move || asked.set(true);
    let ask_too = ask.clone();
    // A postcode searched for while the lookup was not known yet runs once it is.
    Effect::new(move |_| {
        if state.with_loaded(|d| d.lookup).is_some_and(|l| l.with(|l| *l != LookupSource::Pending)) {
            untrack(|| lookup_known(state));
        }
    });
    let clear = move || {
        new_search();
        state.search.set(Search::None);
        state.view.update(|v| {
            v.postcode = None;
            v.within = None;
        });
        text.set(String::new());
    };
    // The postcode in the address changed in an open tab (edited by hand, or a link to this page
    // with another `#postcode=`): search from it, as a new page would. The app's own address
    // writes (`replaceState`) fire no `hashchange`.
    if !locked(Lock::Postcode) {
        super::browser::on_hash_change(move || {
            let pc = crate::url_state::ViewState::from_url("", &super::browser::fragment(), &[]).postcode;
            if pc == state.view.with_untracked(|v| v.postcode.clone()) {
                return;
            }
            match pc {
                Some(pc) => {
                    text.set(pc.clone());
                    search_postcode(state, pc);
                }
                None => clear(),
            }
        });
    }

    view! {
        <section class="near-me" aria-labelledby="near-me-heading">
            <h2 id="near-me-heading">"Find schemes near you"</h2>
            <form
                class="postcode-form"
                hidden=locked(Lock::Postcode)
                on:submit=move |e| {
                    e.prevent_default();
                    ask();
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
                    {move || match state.search.get() {
                        Search::Pending { .. } => Some(view! { <span>"Looking…"</span> }.into_any()),
                        Search::Problem { message, .. } => Some(view! { <span class="problem">{message}</span> }.into_any()),
                        _ => None,
                    }}
                </p>
                <button type="button" class="button secondary" on:click=move |_| {
                    ask_too();
                    search_from_device(state)
                }>
                    "Use my location"
                </button>
                <p id="postcode-source" class="hint">{source_note}</p>
            </form>
            <Show when=move || state.from.with(|p| p.is_some())>
                <div class="search-summary" id="search-summary">
                    <p>
                        "Nearest first from "
                        <strong>{move || state.from.with(|p| p.as_ref().map(|p| p.label.clone()))}</strong>
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
                    // Named for what it clears; the keyboard goes back to the Postcode box, as
                    // the button goes with the summary.
                    <button type="button" class="button secondary" hidden=locked(Lock::Postcode) on:click=move |_| {
                        clear();
                        super::browser::focus("postcode");
                    }>
                        {move || if state.from.with(|p| p.as_ref().is_some_and(|p| p.precision == Precision::Device)) {
                            "Clear your location"
                        } else {
                            "Clear postcode"
                        }}
                    </button>
                </div>
            </Show>
        </section>
    }
}
