//! The results: the count (announced), the list of schemes (the map's text alternative), and the
//! empty state.
//!
//! The list shows the first [`PAGE`] entries with a "Show 50 more" button (every entry stays a real
//! element for screen readers, unlike a virtual list). An entry is kept when a filter change takes
//! it off show: it is hidden (the `hidden` attribute, so out of the accessibility tree and the tab
//! order) and shown again, not dropped and built again (see [`crate::list_rows`]). Entries are keyed
//! by scheme and a generation that changes with the search point (see `Rendered`), so they are drawn
//! again only when their distances change. An entry is short (name, distance, centre and town, one
//! eligibility line, the conditions); choosing it opens the full card.

use super::browser;
use super::scheme_card::{as_sentence, CardPlace, SchemeCard};
use super::state::{AppState, ChosenBy, PhoneView};
use crate::list_rows::{self, MOST_KEPT_HIDDEN};
use leptos::prelude::*;

/// How many entries the list shows at first, and how many more each press of the button.
pub const PAGE: usize = 50;

/// What an entry on show says besides its scheme: the distance in words, and whether the scheme
/// is shown although further away.
#[derive(Clone, Debug, Default, PartialEq)]
struct Shown {
    distance: Option<String>,
    further: bool,
}

/// The list's rendered entries (see `Results`).
#[derive(Clone, Debug, Default, PartialEq)]
struct Rendered {
    /// The search point the rows are ordered from, and whether the entries are shown although
    /// further away: what every entry's distance line depends on.
    from: Option<crate::scheme::LatLng>,
    further: bool,
    /// Counts the changes of `from` and `further`: part of each entry's key, so that entries are
    /// drawn again, with their new distances, when they change (and only then).
    generation: u32,
    /// The rendered entries (scheme indices), in list order.
    rows: Vec<usize>,
    /// Whether each scheme (by index) is on show.
    on_show: Vec<bool>,
}

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
    // Still loading until the map's first markers are on screen (see `AppState::first_view`): the
    // count and the entries appear together.
    let loading = move || state.is_loading() || !state.first_view.get();
    let total = Memo::new(move |_| state.visible.with(|r| r.entries.len()));
    let count = move || {
        if loading() {
            return "Loading schemes…".to_string();
        }
        let n = total.get();
        let further = state.visible.with(|r| r.further_away);
        let within = state.view.with(|v| v.within);
        match (state.from.get(), further, within) {
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
    // How many entries are rendered: back to one page whenever the results change.
    let limit = RwSignal::new(PAGE);
    Effect::new(move |_| {
        state.visible.track();
        if limit.get_untracked() != PAGE {
            limit.set(PAGE);
        }
    });
    // Why the entries matched the Search box's conditions ("matches: breathing (COPD)"): the same
    // for every entry on show (they all match the filters), so read once per change of the
    // filters, and entries redraw only when it changes.
    let match_reason = Memo::new(move |_| state.view.with(|v| v.filters.search_reason()));

    // A marker was chosen: show its list entry (past the first pages if need be) and bring it
    // into view.
    Effect::new(move |_| {
        let Some(sel) = state.selection.get() else { return };
        if sel.by != ChosenBy::Map {
            return;
        }
        let position = state.visible.with_untracked(|r| r.entries.iter().position(|e| e.index == sel.index));
        if let Some(p) = position {
            if p >= limit.get_untracked() {
                limit.set((p / PAGE + 1) * PAGE);
            }
        }
        let id = format!("scheme-{}", sel.index);
        request_animation_frame(move || browser::scroll_into_view(&id));
    });

    // The rendered entries: those on show (the first `limit` results), and
    // the rows (scheme indices) in list order, with, hidden, the entries kept from earlier results
    // (none when the search point or the "further away" flag changed: the order or the distance
    // lines did too). The rows are unchanged by a filter change that only shows and hides kept
    // entries.
    let rendered = Memo::new(move |previous: Option<&Rendered>| {
        if !state.first_view.get() {
            return Rendered::default();
        }
        let n = limit.get();
        let from = state.from.with(|p| p.as_ref().map(|p| p.location));
        let further = state.visible.with(|r| r.further_away);
        let (previous, generation) = match previous {
            Some(r) if r.from == from && r.further == further => (r.rows.as_slice(), r.generation),
            Some(r) => (&[][..], r.generation.wrapping_add(1)),
            None => (&[][..], 0),
        };
        state
            .with_loaded(|d| {
                state.visible.with(|r| {
                    let page = &r.entries[..n.min(r.entries.len())];
                    let mut on_show = vec![false; d.dataset.schemes.len()];
                    for e in page {
                        if let Some(s) = on_show.get_mut(e.index) {
                            *s = true;
                        }
                    }
                    let rows = list_rows::rows(d.dataset.schemes.len(), page, previous, MOST_KEPT_HIDDEN);
                    Rendered { from, further, generation, rows, on_show }
                })
            })
            .unwrap_or_default()
    });
    let more = move || total.get().saturating_sub(limit.get()).min(PAGE);
    let show_more = move |_| {
        let first_new = limit.get_untracked();
        limit.update(|l| *l += PAGE);
        let next = state.visible.with_untracked(|r| r.entries.get(first_new).map(|e| e.index));
        if let Some(i) = next {
            // Keyboard focus moves to the first new entry.
            request_animation_frame(move || browser::focus(&format!("choose-{i}")));
        }
    };
    // "Print these results": a handout of the first schemes on show (see `print`), read when it
    // is pressed (not on every change of the results).
    let print_results = move |_| {
        let Some(d) = state.data_untracked() else { return };
        super::print::print(state.visible.with_untracked(|r| {
            r.entries
                .iter()
                .take(super::print::MAX_SCHEMES)
                .filter_map(|e| d.dataset.schemes.get(e.index).cloned())
                .collect()
        }));
    };
    let print_label = move || {
        if total.get() > super::print::MAX_SCHEMES {
            format!("Print the first {} results", super::print::MAX_SCHEMES)
        } else {
            "Print these results".to_string()
        }
    };

    view! {
        <section class="results" aria-labelledby="results-heading">
            <h2 id="results-heading" tabindex="-1">"Results"</h2>
            <p class="count" role="status" aria-live="polite">{count}</p>
            <Show when=move || { total.get() > 0 }>
                <button type="button" class="button secondary small print-results" on:click=print_results>
                    {print_label}
                </button>
            </Show>
            <Show when=move || !loading() && total.get() == 0>
                <div class="empty" data-testid="empty">
                    <p>"Try fewer filters or another search."</p>
                    <button type="button" class="button" on:click=move |_| state.clear_filters()>"Clear filters"</button>
                </div>
            </Show>
            <ul class="result-list" aria-label="Results" aria-busy=move || loading().to_string()>
                <For
                    each=move || rendered.with(|r| r.rows.iter().map(|&i| (i, r.generation)).collect::<Vec<_>>())
                    key=|row| *row
                    children=move |(i, _)| {
                        // What the entry says: a new entry is on show, and what it says holds for
                        // its generation (see `Rendered`).
                        let says = state
                            .visible
                            .with_untracked(|r| {
                                let e = r.entries.iter().find(|e| e.index == i)?;
                                Some(Shown { distance: e.distance_text(), further: r.further_away })
                            })
                            .unwrap_or_default();
                        let is_selected = Memo::new(move |_| selected.get() == Some(i));
                        view! {
                            <li
                                id=format!("scheme-{i}")
                                class="result"
                                hidden=move || rendered.with(|r| !r.on_show.get(i).copied().unwrap_or(false))
                                class:selected=move || is_selected.get()
                                aria-current=move || is_selected.get().then_some("true")
                            >
                                {move || match_reason.get().map(|r| view! { <p class="match-reason">{r}</p> })}
                                {move || if is_selected.get() {
                                    full_card(state, i, says.clone()).into_any()
                                } else {
                                    list_entry(state, i, says.clone()).into_any()
                                }}
                            </li>
                        }
                    }
                />
            </ul>
            <Show when=move || { more() > 0 }>
                <button type="button" class="button secondary show-more" on:click=show_more>
                    {move || format!("Show {} more", more())}
                    <span class="visually-hidden">{move || format!(" of {} schemes", total.get())}</span>
                </button>
            </Show>
        </section>
    }
}

/// Chooses the scheme from the list (on a phone, the map then shows it).
fn choose(state: AppState, i: usize) {
    state.select(Some(i), ChosenBy::List);
    if browser::is_phone() {
        state.phone_view.set(PhoneView::Map);
    }
}

/// A short list entry: the name (a button that chooses the scheme), the distance, the centre and
/// town, one eligibility line and the conditions.
fn list_entry(state: AppState, i: usize, says: Shown) -> impl IntoView {
    let data = state.data_untracked();
    let s = data.as_ref().and_then(|d| d.dataset.schemes.get(i))?;
    let self_referral = crate::eligibility::self_referral(s);
    let eligibility = crate::eligibility::line(s);
    let conditions = as_sentence(s.conditions.iter().map(|c| c.label()));
    Some(view! {
        <article class="scheme-entry">
            <h3 class="scheme-name">
                <button type="button" class="link-button" id=format!("choose-{i}") on:click=move |_| choose(state, i)>
                    {s.name.clone()}
                </button>
            </h3>
            {says.distance.map(|d| view! {
                <p class="distance">
                    <strong>{d}</strong>
                    {says.further.then(|| view! { <span class="further">" · further away"</span> })}
                </p>
            })}
            <p class="centre">{format!("{} · {}", s.centre, s.town)}</p>
            <p class="eligibility">
                {eligibility}
                {self_referral.then(|| view! { " " <span class="tag self-referral">"Self-referral"</span> })}
            </p>
            <p class="conditions">{conditions}</p>
        </article>
    })
}

/// The chosen entry: the full card.
fn full_card(state: AppState, i: usize, says: Shown) -> impl IntoView {
    let data = state.data_untracked()?;
    let scheme = data.dataset.schemes.get(i)?.clone();
    let config = data.config.clone();
    let from = state.from.with_untracked(|p| p.as_ref().and_then(|p| p.directions_start()));
    Some(view! {
        <SchemeCard
            scheme=scheme
            config=config
            place=CardPlace::List
            distance=says.distance
            further=says.further
            from=from
            on_choose=Callback::new(move |_| choose(state, i))
        />
    })
}
