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

#[component]
pub fn Results() -> impl IntoView {
    let state = expect_context::<AppState>();
    let loading = move || super::status::is_loading(&state);
    let count =
        move || if loading() { "Loading schemes…".to_string() } else { count_text(state.visible.get().len()) };
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

    let entries = move || {
        let visible = state.visible.get();
        state
            .with_loaded(|d| {
                visible.iter().filter_map(|&i| d.dataset.schemes.get(i).map(|s| (i, s.clone()))).collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let config = move || state.with_loaded(|d| d.config.clone());

    view! {
        <section class="results" aria-labelledby="results-heading">
            <h2 id="results-heading" tabindex="-1">"Results"</h2>
            <p class="count" role="status" aria-live="polite">{count}</p>
            <Show when=move || !loading() && state.visible.with(|v| v.is_empty())>
                <div class="empty" data-testid="empty">
                    <p>"Try fewer filters or another search."</p>
                    <button type="button" class="button" on:click=move |_| state.clear_filters()>"Clear filters"</button>
                </div>
            </Show>
            <ul class="result-list" aria-label="Results" aria-busy=move || loading().to_string()>
                <For
                    each=entries
                    key=|(i, _)| *i
                    children=move |(i, scheme)| {
                        let is_selected = move || selected.get() == Some(i);
                        let config = config().unwrap_or_else(crate::config::Config::shipped);
                        view! {
                            <li
                                id=format!("scheme-{i}")
                                class="result"
                                class:selected=is_selected
                                aria-current=move || is_selected().then_some("true")
                            >
                                <SchemeCard
                                    scheme=scheme
                                    config=config
                                    place=CardPlace::List
                                    on_choose=Callback::new(move |_| state.select(Some(i)))
                                />
                            </li>
                        }
                    }
                />
            </ul>
        </section>
    }
}
