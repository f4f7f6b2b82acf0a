//! The app's root: loads the data, owns the view state, and lays out the page.

use super::browser;
use super::embed_mode::{self, EmbedHeader, Embedding};
use super::filter_panel::FilterPanel;
use super::loader::{self, Loaded};
use super::map_view::MapView;
use super::near_me::{self, NearMe};
use super::results::Results;
use super::status::{LoadProblem, RejectedNotice, SampleNotice};
use crate::nearby::{nearest_first, NearbyResults, SearchPoint};
use crate::url_state::ViewState;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Where the data stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Load {
    Loading,
    Failed(String),
    Ready(Box<Loaded>),
}

/// The state every component shares, created once at the top.
#[derive(Clone, Copy)]
pub struct AppState {
    pub load: RwSignal<Load>,
    /// Filters, search and selection: the URL's content.
    pub view: RwSignal<ViewState>,
    /// Where "near me" searches from, once a postcode or the device's position is found.
    pub search: RwSignal<Option<SearchPoint>>,
    /// The schemes to show, in list order, with distances when there is a search point.
    pub results: Memo<NearbyResults>,
    /// Indices of the schemes to show, in list order (the list's and the map's).
    pub visible: Memo<Vec<usize>>,
    /// Set when a marker was chosen, so the list scrolls to its entry.
    pub chosen_on_map: RwSignal<bool>,
    /// What the last postcode or location search said.
    pub search_message: RwSignal<near_me::SearchMessage>,
    /// On a phone: whether the list or the map is shown.
    pub phone_view: RwSignal<PhoneView>,
    /// On a phone: whether the filters are unfolded.
    pub filters_open: RwSignal<bool>,
}

/// The two views of the phone layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhoneView {
    List,
    Map,
}

impl AppState {
    /// Runs `f` with the loaded data, if any.
    pub fn with_loaded<R>(&self, f: impl FnOnce(&Loaded) -> R) -> Option<R> {
        self.load.with(|l| match l {
            Load::Ready(d) => Some(f(d)),
            _ => None,
        })
    }

    /// The index of the selected scheme, if it is loaded.
    pub fn selected_index(&self) -> Option<usize> {
        let id = self.view.with(|v| v.selected.clone())?;
        self.with_loaded(|d| d.dataset.schemes.iter().position(|s| s.id == id)).flatten()
    }

    /// Selects a scheme (or nothing). Called from event handlers, so it reads without tracking.
    pub fn select(&self, index: Option<usize>) {
        let id = index.and_then(|i| {
            self.load.with_untracked(|l| match l {
                Load::Ready(d) => d.dataset.schemes.get(i).map(|s| s.id.clone()),
                _ => None,
            })
        });
        self.view.update(|v| v.selected = id);
    }

    /// Clears every filter (keeping the search point and the selection).
    pub fn clear_filters(&self) {
        self.view.update(|v| v.filters = Default::default());
    }
}

/// Loads the configuration and the schemes; once they are shown, asks where postcodes are looked
/// up (optional, so the schemes never wait for it).
fn start_loading(load: RwSignal<Load>) {
    load.set(Load::Loading);
    spawn_local(async move {
        match loader::load().await {
            Ok(d) => {
                let config = d.config.clone();
                let lookup = d.lookup;
                load.set(Load::Ready(Box::new(d)));
                lookup.set(loader::choose_lookup(&config).await);
            }
            Err(e) => load.set(Load::Failed(e)),
        }
    });
}

#[component]
pub fn App() -> impl IntoView {
    let load = RwSignal::new(Load::Loading);
    // The URL is read against the shipped districts first and re-read once the configuration
    // has loaded (a partner's config may list other districts).
    let shipped = crate::config::Config::shipped();
    let view = RwSignal::new(ViewState::from_query(&browser::query(), &shipped.area.districts));
    let shipped_title = StoredValue::new(shipped.title);
    let search = RwSignal::new(None::<SearchPoint>);
    let results = Memo::new(move |_| {
        let (filters, within) = view.with(|v| (v.filters.clone(), v.within));
        search.with(|from| {
            load.with(|l| match l {
                Load::Ready(d) => {
                    let matching = filters.apply(&d.dataset.schemes);
                    nearest_first(&d.dataset.schemes, &matching, from.as_ref(), within)
                }
                _ => NearbyResults::default(),
            })
        })
    });
    let visible = Memo::new(move |_| results.with(|r| r.indices()));
    let state = AppState {
        load,
        view,
        search,
        results,
        visible,
        chosen_on_map: RwSignal::new(false),
        search_message: RwSignal::new(near_me::SearchMessage::None),
        phone_view: RwSignal::new(PhoneView::List),
        filters_open: RwSignal::new(false),
    };
    provide_context(state);
    let embedding = Embedding::provide();
    embed_mode::start(state, embedding);

    start_loading(load);

    // Once the configuration is known, read the URL against its districts.
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let districts = load.with(|l| match l {
            Load::Ready(d) => Some(d.config.area.districts.clone()),
            _ => None,
        });
        match districts {
            Some(ds) => {
                let from_url = ViewState::from_query(&browser::query(), &ds);
                view.update(|v| v.filters.districts = from_url.filters.districts);
                // A shared link with a postcode searches from it again.
                if let Some(pc) = from_url.postcode {
                    near_me::search_postcode(state, pc);
                }
                true
            }
            None => false,
        }
    });

    // Keep the address in step with the view, so reload and shared links restore it.
    Effect::new(move |_| {
        let q = view.with(|v| v.to_query());
        if load.with(|l| matches!(l, Load::Ready(_))) {
            browser::replace_query(&embedding.keep_in(&q));
        }
    });

    let failed = Memo::new(move |_| {
        load.with(|l| match l {
            Load::Failed(m) => Some(m.clone()),
            _ => None,
        })
    });

    let title = move || state.with_loaded(|d| d.config.title.clone()).unwrap_or_else(|| shipped_title.get_value());
    let area = move || state.with_loaded(|d| d.config.area.name.clone()).unwrap_or_default();
    let intro = move || state.with_loaded(|d| d.config.intro.clone()).unwrap_or_default();
    Effect::new(move |_| {
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&title());
        }
    });

    view! {
        <a class="skip-link" href="#results-heading">"Skip to results"</a>
        <Show when=move || !embedding.is_on() fallback=move || view! { <EmbedHeader title=Signal::derive(title)/> }>
            <header class="page-header">
                <p class="area-name">{area}</p>
                <h1>{title}</h1>
                <p class="intro">{intro}</p>
                <SampleNotice/>
            </header>
        </Show>
        <main class="layout">
            {move || match failed.get() {
                Some(message) => view! {
                    <LoadProblem message=message on_retry=move || start_loading(load)/>
                }.into_any(),
                None => view! {
                    <PhoneSwitch/>
                    <div class="panel" class:phone-hidden=move || state.phone_view.get() == PhoneView::Map>
                        <NearMe/>
                        <FilterPanel/>
                        <RejectedNotice/>
                        <Results/>
                        <footer class="page-footer">
                            <Credits/>
                            <Show when=move || !embedding.is_on()>
                                <p class="embed-link"><a href="?tool=embed">"Embed this map on your website"</a></p>
                            </Show>
                        </footer>
                    </div>
                    <MapView/>
                }.into_any(),
            }}
        </main>
    }
}

/// On a phone: the switch between the list and the map (hidden on wider screens by CSS).
#[component]
fn PhoneSwitch() -> impl IntoView {
    let state = expect_context::<AppState>();
    let button = move |which: PhoneView, label: &'static str| {
        view! {
            <button
                type="button"
                class="switch-button"
                aria-pressed=move || (state.phone_view.get() == which).to_string()
                on:click=move |_| state.phone_view.set(which)
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="phone-switch" role="group" aria-label="Show results as">
            {button(PhoneView::List, "List")}
            {button(PhoneView::Map, "Map")}
        </div>
    }
}

/// The data credits the licences ask for, from the configuration.
#[component]
fn Credits() -> impl IntoView {
    let state = expect_context::<AppState>();
    let credits = move || state.with_loaded(|d| d.config.credits.clone()).unwrap_or_default();
    view! {
        <ul class="credits" aria-label="Data sources">
            {move || credits().into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
        </ul>
    }
}
