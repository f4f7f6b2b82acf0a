//! The results: the count (announced), the list of schemes (the map's text alternative), and the
//! empty state.

use super::app::AppState;
use super::browser;
use super::scheme_card::{CardPlace, SchemeCard};
use leptos::prelude::*;

/// The count as people say it.
pub fn count_text(n: usize) -> String {
    match n {
        0 => "No schemes match your filters".into(),
        1 => "1 scheme".into(),
        n => format!("{n} schemes"),
    }
}

/// One list entry and what its card shows besides the scheme.
#[derive(Clone, Debug, PartialEq)]
struct Entry {
    index: usize,
    scheme: crate::scheme::Scheme,
    distance: Option<String>,
    further: bool,
    from: Option<crate::scheme::LatLng>,
}

#[component]
pub fn Results() -> impl IntoView {
    let state = expect_context::<AppState>();
    let loading = move || super::status::is_loading(&state);
    let count = move || {
        if loading() {
            return "Loading schemes…".to_string();
        }
        let n = state.visible.get().len();
        let further = state.results.with(|r| r.further_away);
        let within = state.view.with(|v| v.within);
        match (state.search.get(), further, within) {
            (Some(p), true, Some(w)) => {
                format!("No schemes within {w} miles of {}. The {n} nearest are shown, further away.", p.label)
            }
            (Some(p), _, Some(w)) if n > 0 => {
                format!("{} within {w} miles of {}, nearest first", count_text(n), p.label)
            }
            (Some(p), _, _) if n > 0 => format!("{}, nearest first from {}", count_text(n), p.label),
            _ => count_text(n),
        }
    };
    let selected = Memo::new(move |_| state.selected_index());

    // A marker was chosen: bring its list entry into view.
    Effect::new(move |_| {
        if let Some(i) = selected.get() {
            if state.chosen_on_map.get_untracked() {
                state.chosen_on_map.set(false);
                browser::scroll_into_view(&format!("scheme-{i}"));
            }
        }
    });

    // Each entry with what the card shows beside the scheme: its distance, and where directions
    // start from. Keyed by scheme and distance, so a new search point redraws the distances.
    let entries = move || {
        let results = state.results.get();
        let from = state.search.with(|p| p.as_ref().and_then(|p| p.directions_start()));
        state
            .with_loaded(|d| {
                results
                    .entries
                    .iter()
                    .filter_map(|e| {
                        d.dataset.schemes.get(e.index).map(|s| Entry {
                            index: e.index,
                            scheme: s.clone(),
                            distance: e.distance_text(),
                            further: results.further_away,
                            from,
                        })
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let config = move || state.with_loaded(|d| d.config.clone());
    let shown = Signal::derive(move || entries().into_iter().map(|e| e.scheme).collect::<Vec<_>>());

    view! {
        <section class="results" aria-labelledby="results-heading">
            <h2 id="results-heading" tabindex="-1">"Results"</h2>
            <p class="count" role="status" aria-live="polite">{count}</p>
            <super::print::PrintResults schemes=shown/>
            <Show when=move || !loading() && state.visible.with(|v| v.is_empty())>
                <div class="empty" data-testid="empty">
                    <p>"Try fewer filters or another search."</p>
                    <button type="button" class="button" on:click=move |_| state.clear_filters()>"Clear filters"</button>
                </div>
            </Show>
            <ul class="result-list" aria-label="Results" aria-busy=move || loading().to_string()>
                <For
                    each=entries
                    key=|e| (e.index, e.distance.clone(), e.further, e.from.map(|p| (p.lat.to_bits(), p.lng.to_bits())))
                    children=move |e| {
                        let i = e.index;
                        let is_selected = move || selected.get() == Some(i);
                        let config = config().unwrap_or_else(crate::config::Config::shipped);
                        let for_reason = e.scheme.clone();
                        let reason = move || state.view.with(|v| v.filters.match_reason(&for_reason));
                        view! {
                            <li
                                id=format!("scheme-{i}")
                                class="result"
                                class:selected=is_selected
                                aria-current=move || is_selected().then_some("true")
                            >
                                {move || reason().map(|r| view! { <p class="match-reason">{r}</p> })}
                                <SchemeCard
                                    scheme=e.scheme
                                    config=config
                                    place=CardPlace::List
                                    distance=e.distance
                                    further=e.further
                                    from=e.from
                                    on_choose=Callback::new(move |_| {
                                        state.select(Some(i));
                                        if super::browser::is_phone() {
                                            state.phone_view.set(super::app::PhoneView::Map);
                                        }
                                    })
                                />
                            </li>
                        }
                    }
                />
            </ul>
        </section>
    }
}
