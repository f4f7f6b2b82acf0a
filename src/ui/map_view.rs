//! The map component: wires the shared state to the Leaflet adapter.
//!
//! - the markers on show are exactly the list's schemes;
//! - the map fits the schemes on load and whenever the filters change;
//! - choosing a marker selects its scheme (the list highlights and scrolls to it); selecting a
//!   scheme anywhere pans to its marker and opens its card in the popup.

use super::card_actions::CardActions;
use super::leaflet_adapter::{self, SchemeMap, View};
use super::scheme_card::{popup_summary, scheme_card, CardContext, CardPlace};
use super::state::{AppState, ChosenBy, PhoneView};
use leptos::html;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The longest the list waits for the map's first markers (when the map waits for Leaflet or
/// Leaflet.markercluster on a slow network) before it renders its entries anyway.
const LIST_WAITS_AT_MOST: Duration = Duration::from_secs(3);

/// Keeps the popup's card mounted; dropping it unmounts the card.
type PopupHandle = Box<dyn std::any::Any>;

/// The district outlines written beside the page by the data tool (`schemes site-data`).
const DISTRICTS_URL: &str = "districts.geojson";

/// With a search point and no distance chosen, the map fits the point and this many nearest.
const NEAREST_TO_FIT: usize = 3;

#[component]
pub fn MapView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let container = NodeRef::<html::Div>::new();
    // A local signal (Leaflet objects are not Send), so the effects below re-run once it exists.
    let map = RwSignal::new_local(None::<SchemeMap>);
    let popup_view: Rc<RefCell<Option<PopupHandle>>> = Rc::new(RefCell::new(None));
    let map_error = RwSignal::new(None::<String>);
    let shown_card = StoredValue::new(None::<(usize, Option<String>, bool, Option<(u64, u64)>, bool)>);

    // Create the map and its markers once the element, the data and Leaflet are all there.
    // "Try again" after a failure (Leaflet lost on the way) clears the problem: that makes it again.
    let starting = StoredValue::new(false);
    Effect::new(move |_| {
        map_error.track();
        let Some(el) = container.get() else { return };
        let Some(data) = state.data() else { return };
        if starting.get_value() {
            return;
        }
        starting.set_value(true);
        let clustered = leaflet_adapter::clusters(data.dataset.schemes.len());
        let create = move || match SchemeMap::new(&el, &data.config) {
            Ok(m) => {
                // Labelled once Leaflet has made it a map (focusable, keyboard-driven): an empty
                // box with a label and no role is an axe violation while the data is late.
                let _ = el.set_attribute("aria-label", "Map of schemes");
                m.set_schemes(&data.dataset.schemes, move |i| state.choose_on_map(i));
                m.on_popup_close(move || state.select(None, ChosenBy::Map));
                map.set(Some(m));
            }
            Err(e) => {
                map_error.set(Some(e));
                state.first_view_shown();
            }
        };
        // Leaflet may still be on its way (on a phone it is asked for now, see
        // `leaflet_adapter::load_leaflet`), and clustered schemes wait for Leaflet.markercluster.
        // The list is the map's alternative: it does not wait long for either.
        set_timeout(move || state.first_view_shown(), LIST_WAITS_AT_MOST);
        leptos::task::spawn_local(async move {
            leaflet_adapter::load_leaflet().await;
            if clustered {
                leaflet_adapter::load_clustering().await;
            }
            create();
        });
    });

    // Show exactly the listed schemes. Fit the map to them when they change: with a search point,
    // to the point and the nearest few (or all within the chosen distance).
    //
    // While the map is out of sight (a phone showing the list) it is left as it is: each change
    // would make Leaflet move and redraw a map no one sees, which doubled a keystroke's work on a
    // slow phone. When it comes back into sight with changes it missed, it catches up; with none,
    // it stays where the person left it. A scheme chosen from the list meanwhile is shown by the
    // selection's own effect (below), so then the markers are brought up to date without a fit.
    // (Going out of sight or back is a tap on the switch or a new window width, never a change of
    // the schemes on show in the same turn.)
    let drawn = StoredValue::new(false);
    let was_hidden = StoredValue::new(false);
    let missed = StoredValue::new(false);
    Effect::new(move |_| {
        let visible = state.visible.with(|r| r.indices());
        let search = state.from.get();
        let within = state.view.with(|v| v.within);
        let hidden = state.map_hidden();
        let (went, came) = (hidden && !was_hidden.get_value(), !hidden && was_hidden.get_value());
        was_hidden.set_value(hidden);
        let Some(m) = map.get() else { return };
        if drawn.get_value() && (went || (came && !missed.get_value())) {
            return;
        }
        if drawn.get_value() && hidden {
            missed.set_value(true);
            return;
        }
        let catching_up = came && missed.get_value();
        missed.set_value(false);
        drawn.set_value(true);
        m.set_search_point(search.as_ref().map(|p| (p.location, p.label.clone())));
        let take = match (&search, within) {
            (Some(_), None) => NEAREST_TO_FIT,
            _ => usize::MAX,
        };
        let mut points: Vec<_> = search.iter().map(|p| p.location).collect();
        state.with_loaded(|d| {
            points.extend(visible.iter().take(take).filter_map(|&i| d.dataset.schemes.get(i).map(|s| s.location)))
        });
        // A partner's preset centre and zoom are the first view; later changes fit as usual.
        let view = match super::embed_mode::take_preset_view() {
            Some((center, zoom)) => View::Preset(center, zoom),
            None if catching_up && state.selection.with_untracked(Option::is_some) => View::Keep,
            None => View::Fit(points),
        };
        m.show_only(&visible, view);
        if !state.first_view.get_untracked() {
            // The list renders once the frame with the first markers has painted.
            request_animation_frame(move || set_timeout(move || state.first_view_shown(), Duration::ZERO));
        }
    });

    // The tiles once the map is in sight, after its first view is set (this effect runs after the
    // one above): none for the configured centre before the fit, none for a map behind the list
    // on a phone until it is opened (about nine tiles a phone did not show).
    Effect::new(move |_| {
        let hidden = state.map_hidden();
        if let (Some(m), false) = (map.get(), hidden) {
            m.show_tiles();
        }
    });

    // The district outlines are a background: optional, and asked for once, when the map exists
    // and the first markers are on screen (at once on a phone, where the list is the first view).
    // Parsing and drawing them takes 10–30 ms: when their file came before the first markers'
    // frame (a slow device), that frame waited.
    Effect::new(move |asked: Option<bool>| {
        if asked == Some(true) || !state.first_view.get() {
            return asked.unwrap_or(false);
        }
        let (Some(m), Some(data)) = (map.get(), state.data_untracked()) else { return false };
        leptos::task::spawn_local(draw_outlines(m, data));
        true
    });

    // On a phone, the map may have been hidden: tell Leaflet its size when it is shown again.
    Effect::new(move |_| {
        if state.phone_view.get() == PhoneView::Map {
            if let Some(m) = map.get_untracked() {
                m.refresh_size();
            }
        }
    });

    // Open the selected scheme's card on the map.
    Effect::new(move |_| {
        let selected = state.selected_index();
        let Some(m) = map.get() else { return };
        m.highlight(selected);
        let Some(i) = selected else {
            m.close_popup();
            return;
        };
        let Some(card) = state.card_info(i) else { return };
        // The same card is already open: nothing to redraw.
        // On a phone, the card's summary (see `popup_summary`); the full card otherwise.
        let phone = state.phone_layout.get();
        let key =
            (i, card.distance.clone(), card.further, card.from.map(|p| (p.lat.to_bits(), p.lng.to_bits())), phone);
        if m.popup_scheme() == Some(i) && shown_card.get_value().as_ref() == Some(&key) {
            return;
        }
        shown_card.set_value(Some(key));
        let Some(data) = state.data_untracked() else { return };
        let Some(scheme) = data.dataset.schemes.get(i).cloned() else { return };
        let at = CardContext { distance: card.distance, further: card.further, from: card.from };
        let Some(doc) = super::browser::document() else { return };
        let location = scheme.location;
        // On a phone, a scheme chosen from the list is shown on the map: its card takes the focus.
        let focus = phone && state.selection.with_untracked(|s| s.is_some_and(|s| s.by == ChosenBy::List));
        if phone {
            let Some((article, details)) = popup_summary(&doc, &scheme, &at) else { return };
            let show = Closure::<dyn Fn()>::new(move || state.show_card_in_list(i));
            let _ = details.add_event_listener_with_callback("click", show.as_ref().unchecked_ref());
            m.open_popup(i, location, &article, focus);
            *popup_view.borrow_mut() = Some(Box::new(show));
            return;
        }
        let config = data.config.clone();
        let Some(article) = scheme_card(&doc, &scheme, &config, CardPlace::Popup, i, &at) else { return };
        let Ok(parent) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(article.clone()) else { return };
        // The clinician's actions, at the card's end.
        let handle = untrack(|| {
            leptos::mount::mount_to(parent, move || view! { <CardActions scheme=scheme config=config/> }.into_any())
        });
        m.open_popup(i, location, &article, focus);
        // Dropping the previous handle unmounts the previous card.
        *popup_view.borrow_mut() = Some(Box::new(handle));
    });

    let credit =
        move || state.with_loaded(|d| (d.config.tiles.attribution.clone(), d.config.tiles.attribution_url.clone()));

    view! {
        <section class="map-area" aria-labelledby="map-heading" class:phone-hidden=move || state.phone_view.get() == PhoneView::List>
            // For the page's outline: on a phone the map's card (an h3) follows the h1 otherwise.
            <h2 id="map-heading" class="visually-hidden">"Map"</h2>
            // Focusable by script before Leaflet makes it a map (which puts it in the tab order).
            <div id="map" class="map" tabindex="-1" node_ref=container></div>
            <p class="tile-credit">
                {move || credit().map(|(text, url)| match url.and_then(|u| crate::link::web(&u)) {
                    Some(href) => view! { "Map: " <a href=href target="_blank" rel="noopener noreferrer">{text}</a> }.into_any(),
                    None => view! { "Map: " {text} }.into_any(),
                })}
            </p>
            {move || map_error.get().map(|e| view! {
                <div class="map-problem">
                    <p role="alert">{e}" The list still shows every scheme."</p>
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| {
                            // The keyboard waits on the map, which the next try makes or fails again.
                            super::browser::focus("map");
                            starting.set_value(false);
                            map_error.set(None);
                        }
                    >
                        "Try again"
                    </button>
                </div>
            })}
        </section>
    }
}

/// Fetches the district outlines and draws them (they are optional: any failure draws none).
async fn draw_outlines(map: SchemeMap, data: std::sync::Arc<super::loader::Loaded>) {
    let text = super::loader::district_outlines(DISTRICTS_URL, &data.config).await;
    if let Some(polygons) = text.as_deref().and_then(crate::district::outlines) {
        map.set_district_outlines(&polygons);
    }
}
