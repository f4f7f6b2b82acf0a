//! The filter panel: district, price, condition and free-text search.
//!
//! Every control writes straight into the shared view state; the list, the map and the URL follow.

use super::embed_mode::locked;
use super::state::AppState;
use crate::condition::Condition;
use crate::embed::Lock;
use crate::filter::{Filters, PriceFilter};
use crate::postcode::PostcodeQuery;
use leptos::prelude::*;

#[component]
pub fn FilterPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let view = state.view;
    let districts = move || state.with_loaded(|d| d.config.area.districts.clone()).unwrap_or_default();

    // A whole postcode in the Search box, read when the box changes (a memo: the offer below is
    // not rebuilt by the other filters' changes).
    let offered = Memo::new(move |_| {
        view.with(|v| match crate::postcode::parse(&v.filters.text) {
            Some(PostcodeQuery::Full(pc)) if !locked(Lock::Postcode) => Some(pc),
            _ => None,
        })
    });
    let unlocked = super::embed_mode::unlocked_filters();
    let set = move || view.with(|v| unlocked(&v.filters).active_count());
    view! {
        <button
            type="button"
            class="button secondary filters-toggle"
            aria-controls="filters"
            aria-expanded=move || state.filters_open.get().to_string()
            on:click=move |_| state.filters_open.update(|o| *o = !*o)
        >
            {move || match set() {
                0 => "Filters".to_string(),
                n => format!("Filters ({n} set)"),
            }}
        </button>
        <form
            id="filters"
            class="filters"
            class:folded=move || !state.filters_open.get()
            aria-label="Filters"
            on:submit=|e| e.prevent_default()
        >
            <h2 class="visually-hidden">"Filters"</h2>
            <div class="field" hidden=locked(Lock::Search)>
                <label for="search">"Search"</label>
                <input
                    id="search"
                    type="search"
                    autocomplete="off"
                    aria-describedby="search-hint search-postcode"
                    prop:value=move || view.with(|v| v.filters.text.clone())
                    on:input=move |e| {
                        let text = event_target_value(&e);
                        view.update(|v| v.filters.text = text);
                    }
                />
                <p class="hint" id="search-hint">"Name, centre, town, postcode, operator or condition (such as COPD or low mood)"</p>
                // A whole postcode typed here finds only a centre at that postcode: offer what the
                // person most likely wants, the schemes nearest to it.
                {move || {
                    let pc = offered.get()?;
                    let near = format!("Find schemes near {pc}");
                    Some(view! {
                        <p class="hint" id="search-postcode">
                            "That looks like a postcode. "
                            <button type="button" class="link-button" on:click=move |_| {
                                view.update(|v| v.filters.text.clear());
                                super::near_me::search_postcode(state, pc.clone());
                                super::browser::focus("results-heading");
                            }>{near}</button>
                        </p>
                    })
                }}
            </div>

            <div class="field" hidden=locked(Lock::Price)>
                <label for="price">"Price"</label>
                <select
                    id="price"
                    prop:value=move || view.with(|v| v.filters.price.code().unwrap_or_else(|| "any".into()))
                    on:change=move |e| {
                        let p = PriceFilter::from_code(&event_target_value(&e)).unwrap_or_default();
                        view.update(|v| v.filters.price = p);
                    }
                >
                    {PriceFilter::CHOICES.iter().map(|(p, label)| {
                        let value = p.code().unwrap_or_else(|| "any".into());
                        view! { <option value=value>{*label}</option> }
                    }).collect_view()}
                    // A maximum from a link that is not one of the choices gets its own option,
                    // so the box shows what is applied.
                    {move || {
                        let p = view.with(|v| v.filters.price);
                        (!PriceFilter::CHOICES.iter().any(|(c, _)| *c == p)).then(|| {
                            view! { <option value=p.code().unwrap_or_default()>{p.label()}</option> }
                        })
                    }}
                </select>
                <p class="hint">"Prices are compared as a weekly amount; each scheme shows its full price."</p>
            </div>
            // Past the 23 checkboxes below in one key press.
            <super::app::SkipToResults class="skip-inline"/>

            <div hidden=locked(Lock::Condition)><CheckboxGroup
                legend="Condition"
                id_prefix="condition"
                choices=Signal::derive(|| Condition::ALL.iter().map(|c| (c.code().to_string(), c.label().to_string())).collect())
                is_on=|f, code| Condition::from_code(code).is_some_and(|c| f.conditions.contains(&c))
                set=|f, code, on| {
                    if let Some(c) = Condition::from_code(code) {
                        if on { f.conditions.insert(c); } else { f.conditions.remove(&c); }
                    }
                }
            /></div>
            <div hidden=locked(Lock::District)><CheckboxGroup
                legend="District"
                id_prefix="district"
                choices=Signal::derive(move || districts().into_iter().map(|d| (d.id, d.name)).collect())
                is_on=|f, id| f.districts.contains(id)
                set=|f, id, on| {
                    if on { f.districts.insert(id.to_string()); } else { f.districts.remove(id); }
                }
            /></div>

            <Show when=move || view.with(|v| !unlocked(&v.filters).is_empty())>
                <button
                    type="button"
                    class="button secondary"
                    on:click=move |_| {
                        state.clear_filters();
                        // The button goes once nothing is set: keep the keyboard in the filters.
                        super::browser::focus("search");
                    }
                >
                    "Clear filters"
                </button>
            </Show>
        </form>
    }
}

/// A filter of several choices: one checkbox per choice in a fieldset named by its legend.
/// `choices` are (code, label) pairs; `is_on` and `set` read and write the filter for a code.
#[component]
fn CheckboxGroup(
    legend: &'static str,
    id_prefix: &'static str,
    choices: Signal<Vec<(String, String)>>,
    is_on: fn(&Filters, &str) -> bool,
    set: fn(&mut Filters, &str, bool),
) -> impl IntoView {
    let view = expect_context::<AppState>().view;
    view! {
        <fieldset class="field checkboxes">
            <legend>{legend}</legend>
            {move || choices.get().into_iter().map(|(code, label)| {
                let id = format!("{id_prefix}-{code}");
                let code2 = code.clone();
                view! {
                    <div class="checkbox">
                        <input
                            type="checkbox"
                            id=id.clone()
                            prop:checked=move || view.with(|v| is_on(&v.filters, &code))
                            on:change=move |e| {
                                let on = event_target_checked(&e);
                                view.update(|v| set(&mut v.filters, &code2, on));
                            }
                        />
                        <label for=id>{label}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}
