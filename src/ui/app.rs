//! The page's layout: the header, the search and filters beside the results, and the map. The
//! state lives in [`super::state`]; this module only arranges the components.

use super::embed_mode::{self, EmbedHeader, Embedding};
use super::filter_panel::FilterPanel;
use super::map_view::MapView;
use super::near_me::NearMe;
use super::results::Results;
use super::state::{AppState, Load, PhoneView};
use super::status::{ConfigNotice, LinkNotice, LoadProblem, RejectedNotice, SampleNotice};
use leptos::prelude::*;

/// The page, over the data's load (started before it mounts: [`super::start`]).
#[component]
pub fn App(load: RwSignal<Load>) -> impl IntoView {
    // The embed options first: the state keeps them in the address it rewrites.
    let embedding = Embedding::provide();
    let state = AppState::new(load);
    provide_context(state);
    embed_mode::start(state, embedding);

    let shipped_title = StoredValue::new(crate::config::Config::shipped().title);
    let failed = Memo::new(move |_| {
        state.load.with(|l| match l {
            Load::Failed(m) => Some(m.clone()),
            _ => None,
        })
    });
    let title = move || state.with_loaded(|d| d.config.title.clone()).unwrap_or_else(|| shipped_title.get_value());
    let area = move || state.with_loaded(|d| d.config.area.name.clone()).unwrap_or_default();
    let intro = move || state.with_loaded(|d| d.config.intro.clone()).unwrap_or_default();
    Effect::new(move |_| {
        if let Some(doc) = super::browser::document() {
            doc.set_title(&title());
        }
    });

    // Embed mode is fixed by the address when the page loads: chosen once, not watched.
    let embedded = embedding.is_on();
    let header = if embedded {
        view! { <EmbedHeader title=Signal::derive(title)/> }.into_any()
    } else {
        view! {
            <header class="page-header">
                <p class="area-name">{area}</p>
                <h1>{title}</h1>
                <p class="intro">{intro}</p>
                <SampleNotice/>
                <ConfigNotice/>
            </header>
        }
        .into_any()
    };

    let retried = StoredValue::new(false);
    view! {
        <SkipToResults class="skip-link"/>
        {header}
        <main class="layout">
            {move || match failed.get() {
                Some(message) => {
                    // The button goes with the message: the focus goes to the results, or, failing
                    // again, to the new message's heading (both `results-heading`).
                    let focus = || request_animation_frame(|| super::browser::focus("results-heading"));
                    if retried.get_value() {
                        focus();
                    }
                    view! {
                        <LoadProblem
                            message=message
                            on_retry=move || {
                                retried.set_value(true);
                                state.start_loading();
                                focus();
                            }
                        />
                    }.into_any()
                }
                None => view! {
                    <PhoneSwitch/>
                    <div class="panel" class:phone-hidden=move || state.phone_view.get() == PhoneView::Map>
                        // First: what a shared link asked for and cannot show is the first thing
                        // its reader needs to know.
                        <LinkNotice/>
                        // On a wide screen the map's first markers come first: the search and the
                        // filters are built in the task after that frame, with the list (see
                        // `AppState::first_view`). Until then a box of their size holds their
                        // place, hidden from screen readers (and by CSS once they are there).
                        {move || state.first_view.get().then(|| view! { <NearMe/> <FilterPanel/> <RejectedNotice/> })}
                        <div class="panel-placeholder" aria-hidden="true"></div>
                        <Results/>
                        <footer class="page-footer">
                            <Credits/>
                            {(!embedded).then(|| view! {
                                <p class="embed-link"><a href="?tool=embed">"Embed this map on your website"</a></p>
                            })}
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
                on:click=move |_| state.show_phone_view(which)
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

/// A link that takes the keyboard to the results: first on the page, and again before the
/// filters' long lists of checkboxes (shown only while it has the focus).
///
/// It moves the focus itself: following the link would put `#results-heading` in the address in
/// place of its fragment (`#postcode=…`), and a reload would lose the search.
#[component]
pub fn SkipToResults(class: &'static str) -> impl IntoView {
    view! {
        <a
            class=class
            href="#results-heading"
            on:click=move |e| {
                e.prevent_default();
                super::browser::focus("results-heading");
            }
        >
            "Skip to results"
        </a>
    }
}
