//! The filter panel: district, price, condition and free-text search.
//!
//! Every control writes straight into the shared view state; the list, the map and the URL follow.

use super::app::AppState;
use crate::condition::Condition;
use crate::filter::PriceFilter;
use leptos::prelude::*;

#[component]
pub fn FilterPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let view = state.view;
    let districts = move || state.with_loaded(|d| d.config.area.districts.clone()).unwrap_or_default();

    let set = move || view.with(|v| v.filters.active_count());
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
            <div class="field">
                <label for="search">"Search"</label>
                <input
                    id="search"
                    type="search"
                    autocomplete="off"
                    aria-describedby="search-hint"
                    prop:value=move || view.with(|v| v.filters.text.clone())
                    on:input=move |e| {
                        let text = event_target_value(&e);
                        view.update(|v| v.filters.text = text);
                    }
                />
                <p class="hint" id="search-hint">"Name, centre, town, postcode or operator"</p>
            </div>

            <div class="field">
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

            <fieldset class="field checkboxes">
                <legend>"Condition"</legend>
                {Condition::ALL.into_iter().map(|c| {
                    let id = format!("condition-{}", c.code());
                    view! {
                        <div class="checkbox">
                            <input
                                type="checkbox"
                                id=id.clone()
                                prop:checked=move || view.with(|v| v.filters.conditions.contains(&c))
                                on:change=move |e| {
                                    let on = event_target_checked(&e);
                                    view.update(|v| { if on { v.filters.conditions.insert(c); } else { v.filters.conditions.remove(&c); } });
                                }
                            />
                            <label for=id>{c.label()}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>

            <fieldset class="field checkboxes">
                <legend>"District"</legend>
                {move || districts().into_iter().map(|d| {
                    let id = format!("district-{}", d.id);
                    let key = d.id.clone();
                    let key2 = d.id.clone();
                    view! {
                        <div class="checkbox">
                            <input
                                type="checkbox"
                                id=id.clone()
                                prop:checked=move || view.with(|v| v.filters.districts.contains(&key))
                                on:change=move |e| {
                                    let on = event_target_checked(&e);
                                    let k = key2.clone();
                                    view.update(|v| { if on { v.filters.districts.insert(k); } else { v.filters.districts.remove(&k); } });
                                }
                            />
                            <label for=id>{d.name}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>

            <Show when=move || view.with(|v| !v.filters.is_empty())>
                <button type="button" class="button secondary" on:click=move |_| state.clear_filters()>
                    "Clear filters"
                </button>
            </Show>
        </form>
    }
}
