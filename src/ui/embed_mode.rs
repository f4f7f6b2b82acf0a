//! Embed mode in the app (`?embed=1`, in a partner's iframe): a compact header bar instead of the
//! page heading, fixed filters kept fixed, the partner's colours, the preset centre and zoom, and
//! the content height posted to the partner's page for `embed.js`.
//!
//! What the address asks for, and every rule, is in [`crate::embed`]; this module only applies it
//! to the page. Outside embed mode nothing here changes anything (no class, no listener, no
//! message). Colours are set through the CSSOM (`style.setProperty` on custom properties), never
//! as a style attribute, so the page keeps working under a `style-src 'self'` policy.

use super::browser;
use super::state::{AppState, Load};
use super::status::ConfigNotice;
use crate::embed::{self, EmbedOptions, Lock, Theme};
use crate::filter::Filters;
use crate::scheme::LatLng;
use crate::url_state::ViewState;
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What the page address asked of embed mode, shared through the context.
#[derive(Clone, Copy)]
pub struct Embedding {
    options: StoredValue<EmbedOptions>,
    /// Whether the preset centre and zoom have been applied (they are the map's first view only).
    preset_view_used: StoredValue<bool>,
}

impl Embedding {
    /// Reads the page address and shares the result with every component below.
    pub fn provide() -> Embedding {
        let e = Embedding {
            options: StoredValue::new(EmbedOptions::from_query(&browser::query())),
            preset_view_used: StoredValue::new(false),
        };
        provide_context(e);
        e
    }

    pub fn is_on(&self) -> bool {
        self.options.with_value(|o| o.embed)
    }

    /// A view's query with the embed parameters kept (unchanged outside embed mode), for the
    /// address the app rewrites as the view changes.
    pub fn keep_in(&self, query: &str) -> String {
        self.options.with_value(|o| if o.embed { o.append_to(query) } else { query.to_string() })
    }
}

/// Whether a filter's control is left out because the partner fixed its value (never outside
/// embed mode).
pub fn locked(lock: Lock) -> bool {
    use_context::<Embedding>().is_some_and(|e| e.options.with_value(|o| o.embed && o.is_locked(lock)))
}

/// The filters a person can change (all of them outside embed mode): see [`EmbedOptions::unlocked`].
pub fn unlocked_filters() -> impl Fn(&Filters) -> Filters + Copy + Send + Sync + 'static {
    let embedding = use_context::<Embedding>();
    move |f: &Filters| match embedding {
        Some(e) => e.options.with_value(|o| if o.embed { o.unlocked(f) } else { f.clone() }),
        None => f.clone(),
    }
}

/// The preset centre and zoom, the first time they are asked for (the map's first view); after
/// that the map fits the schemes as usual.
pub fn take_preset_view() -> Option<(LatLng, f64)> {
    let e = use_context::<Embedding>()?;
    if e.preset_view_used.get_value() {
        return None;
    }
    e.preset_view_used.set_value(true);
    e.options.with_value(|o| match (o.embed, o.center, o.zoom) {
        (true, Some(c), zoom) => Some((c, f64::from(zoom.unwrap_or(13)))),
        _ => None,
    })
}

/// Starts embed mode's effects on the page, and the configured brand colours (which also apply
/// outside embed mode).
pub fn start(state: AppState, embedding: Embedding) {
    let options = embedding.options.get_value();
    let Some(root) = browser::document().and_then(|d| d.document_element()) else {
        return;
    };
    // A partner's colours at once; the configuration's once it has loaded.
    let theme_root = root.clone();
    let theme_options = options.clone();
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let chosen = state.with_loaded(|d| embed::theme_for(&d.config, &theme_options));
        match chosen {
            None => {
                if let (true, Some(t)) = (theme_options.embed, theme_options.theme) {
                    apply_theme(&theme_root, t);
                }
                false
            }
            Some(Ok(theme)) => {
                if let Some(t) = theme {
                    apply_theme(&theme_root, t);
                }
                true
            }
            Some(Err(e)) => {
                web_sys::console::warn_1(&format!("The brand colours in config.json are not used: {e}").into());
                true
            }
        }
    });
    if !options.embed {
        return;
    }
    let _ = root.class_list().add_1("embed");
    keep_locks(state, options.clone());
    report_height(state, options.frame.clone(), root);
}

/// The partner's colours, as custom properties on the root element (CSSOM, not a style attribute).
fn apply_theme(root: &web_sys::Element, theme: Theme) {
    let Some(html) = root.dyn_ref::<web_sys::HtmlElement>() else { return };
    let style = html.style();
    let _ = style.set_property("--accent", &theme.brand.to_string());
    let _ = style.set_property("--accent-hover", &theme.brand.to_string());
    let _ = style.set_property("--on-accent", &theme.text.to_string());
}

/// Keeps the fixed filters at their preset values, whatever changes the view (the "Clear filters"
/// button included). The preset is read against the loaded configuration's districts.
fn keep_locks(state: AppState, options: EmbedOptions) {
    if options.locks.is_empty() {
        return;
    }
    let (query, fragment) = (browser::query(), browser::fragment());
    Effect::new(move |_| {
        let Some(preset) = state.with_loaded(|d| ViewState::from_url(&query, &fragment, &d.config.area.districts))
        else {
            return;
        };
        let now = state.view.get();
        let mut fixed = now.clone();
        options.enforce_locks(&preset, &mut fixed);
        if fixed != now {
            state.view.set(fixed);
        }
    });
}

/// Posts the content height to the parent page whenever it changes (a ResizeObserver on the
/// body), and switches to the natural-height layout when the parent answers that it resizes the
/// frame (`embed.js`). The message carries no private data (a type, a version, the frame id from
/// the address, a height), so it is posted to any origin: the map cannot know its partner's.
fn report_height(state: AppState, frame: Option<String>, root: web_sys::Element) {
    let Some(window) = web_sys::window() else { return };
    let Some(parent) = window.parent().ok().flatten() else { return };
    if js_sys::Object::is(&parent, &window) {
        return; // not in a frame
    }
    let Some(body) = window.document().and_then(|d| d.body()) else { return };

    let last = Rc::new(Cell::new(None::<(u32, Option<usize>)>));
    // `again`: post even an unchanged height (once the data is shown, for an embed.js that
    // loaded after the first message). The count of schemes shown, for the embed-code builder's
    // preview (it warns of a map that would show none), goes only to a parent of the map's own
    // origin: it follows the visitor's filters (a condition is health information), which are no
    // partner page's business.
    // Known only when the parent is of the same origin (reading a cross-origin parent's location
    // throws): posting to an origin the parent is not of logs a warning on the partner's page.
    let own_origin = parent.location().origin().ok().filter(|o| o != "null");
    let counted = own_origin.is_some();
    let post = {
        let body = body.clone();
        let parent = parent.clone();
        move |again: bool| {
            let height = body.get_bounding_client_rect().height().ceil().max(0.0) as u32;
            // (A partner's page gets no count, so a change of it alone posts nothing there.)
            let loaded = own_origin.is_some() && state.load.with_untracked(|l| matches!(l, Load::Ready(_)));
            let count = loaded.then(|| state.visible.with_untracked(|r| r.entries.len()));
            if again || last.get() != Some((height, count)) {
                last.set(Some((height, count)));
                let post = |count, to: &str| {
                    let message = embed::resize_message(frame.as_deref(), height, count);
                    let _ = parent.post_message(&JsValue::from_str(&message), to);
                };
                post(None, "*");
                if let (Some(to), true) = (own_origin.as_deref(), count.is_some()) {
                    post(count, to);
                }
            }
        }
    };
    let post = Rc::new(post);
    // The observer reports the first size once the page is laid out, then every change.
    let on_resize = {
        let post = post.clone();
        Closure::<dyn Fn()>::new(move || post(false))
    };
    if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
        observer.observe(&body);
        // The observer and its callback live as long as the page.
        std::mem::forget(observer);
    }
    on_resize.forget();
    let post_loaded = post.clone();
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let loaded = state.load.with(|l| matches!(l, Load::Ready(_)));
        if loaded {
            post_loaded(true);
        }
        loaded
    });
    // A new count for the builder's preview. Not on a partner's page, where it would measure the
    // page on every keystroke for a height the observer reports anyway.
    if counted {
        Effect::new(move |_| {
            state.visible.track();
            post(false);
        });
    }

    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let from_parent = e.source().is_some_and(|s| js_sys::Object::is(&s, &parent));
        if from_parent && e.data().as_string().is_some_and(|t| embed::is_auto_height_message(&t)) {
            let _ = root.class_list().add_1("auto-height");
        }
    });
    let _ = window.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    on_message.forget();
}

/// Embed mode's header: the title for screen readers only (the partner's iframe title names the
/// frame), the demonstration-data notice as one line, what the map is limited to, "Open the full
/// map" with the current view, and the notice that the map's settings could not be read (as on the
/// full page: the partner must see it).
#[component]
pub fn EmbedHeader(#[prop(into)] title: Signal<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let embedding = expect_context::<Embedding>();
    let sample = move || state.with_loaded(|d| d.dataset.is_sample()).unwrap_or(false);
    let limited_to = move || {
        state
            .with_loaded(|d| state.view.with(|v| embedding.options.with_value(|o| o.limited_to(v, &d.config))))
            .flatten()
    };
    let base = browser::page_base();
    let full_map = move || state.view.with(|v| embed::full_map_url(&base, v));
    view! {
        <header class="embed-header">
            <h1 class="visually-hidden">{move || title.get()}</h1>
            <div class="embed-bar">
                <p class="limited-to">{limited_to}</p>
                <a class="full-map-link" href=full_map target="_blank" rel="noopener">
                    "Open the full map"<span class="visually-hidden">" (opens in a new tab)"</span>
                </a>
            </div>
            <Show when=sample>
                <p class="embed-sample" data-testid="sample-notice">
                    <strong>"Demonstration data:"</strong>" not real prices or contacts."
                </p>
            </Show>
            <ConfigNotice/>
        </header>
    }
}
