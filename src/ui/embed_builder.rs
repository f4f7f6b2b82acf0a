//! The embed-code builder (`?tool=embed`): a partner chooses what the map shows (presets), which
//! filters its visitors cannot change (locks), a height and brand colours, sees a live preview
//! and copies the snippet.
//!
//! Every rule (the snippet, escaping, contrast, heights, titles) is in [`crate::embed`]; this
//! module only lays out the form and wires it to the preview and the clipboard. A refused choice
//! (a colour pair below WCAG AA contrast, a height that does not work, an empty title) is marked
//! `aria-invalid`, announced with its reason, and left out of the snippet, which then keeps the
//! default, exactly as the map itself ignores such a value from a URL.

use super::browser;
use super::loader;
use crate::condition::Condition;
use crate::config::Config;
use crate::embed::{self, EmbedCode, EmbedOptions, Height, Lock, Theme, DEFAULT_HEIGHT};
use crate::filter::PriceFilter;
use crate::url_state::{ViewState, WITHIN_CHOICES};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeSet;

/// The builder's choices that can be refused, each with the reason.
#[derive(Clone, Debug, Default, PartialEq)]
struct Problems {
    title: Option<String>,
    height: Option<String>,
    colours: Option<String>,
}

#[component]
pub fn EmbedBuilder() -> impl IntoView {
    let config = RwSignal::new(Config::shipped());
    spawn_local(async move { config.set(loader::load_config().await.0) });

    let view = RwSignal::new(ViewState::default());
    let locks = RwSignal::new(BTreeSet::<Lock>::new());
    // None until the partner writes their own: the proposed title follows the presets.
    let title_text = RwSignal::new(None::<String>);
    let auto_height = RwSignal::new(true);
    let height_text = RwSignal::new(DEFAULT_HEIGHT.to_string());
    let brand_text = RwSignal::new(String::new());
    let brand_on_text = RwSignal::new(String::new());
    let copied = RwSignal::new(String::new());
    // How many schemes the preview shows, once it has loaded them (its resize messages say).
    let shown = RwSignal::new(None::<u32>);

    let options = Memo::new(move |_| EmbedOptions { embed: true, locks: locks.get(), ..Default::default() });
    let proposed_title = Memo::new(move |_| config.with(|c| view.with(|v| embed::default_title(c, v, &options.get()))));
    let title = Memo::new(move |_| title_text.get().unwrap_or_else(|| proposed_title.get()));
    let theme = Memo::new(move |_| {
        let brand = brand_text.get();
        let on = brand_on_text.get();
        match (brand.trim(), on.trim()) {
            ("", "") => Ok(None),
            ("", _) => Err("Choose a brand colour too: the text colour is drawn on it.".to_string()),
            (b, "") => Theme::new(b, None).map(Some).map_err(|e| e.to_string()),
            (b, t) => Theme::new(b, Some(t)).map(Some).map_err(|e| e.to_string()),
        }
    });
    let height =
        Memo::new(
            move |_| {
                if auto_height.get() {
                    Ok(Height::Auto)
                } else {
                    Height::fixed_from_text(&height_text.get())
                }
            },
        );
    let problems = Memo::new(move |_| Problems {
        title: embed::title_problem(&title.get()).map(str::to_string),
        height: height.get().err(),
        colours: theme.get().err(),
    });

    // The code: refused choices are left out (the default kept), and said so above.
    let code = Memo::new(move |_| {
        let mut options = options.get();
        options.theme = theme.get().ok().flatten();
        let title = match problems.with(|p| p.title.is_some()) {
            true => proposed_title.get(),
            false => title.get().trim().to_string(),
        };
        EmbedCode {
            map_url: browser::page_base(),
            view: view.get(),
            options,
            height: height.get().unwrap_or(Height::Fixed(DEFAULT_HEIGHT)),
            title,
        }
    });
    let src = Memo::new(move |_| code.with(|c| c.src()));
    let snippet = Memo::new(move |_| code.with(|c| c.snippet()));
    // A new snippet has not been copied yet.
    Effect::new(move |_| {
        snippet.track();
        copied.set(String::new());
    });

    Effect::new(move |_| {
        let heading = config.with(|c| format!("Embed the map on your website: {}", c.title));
        if let Some(doc) = browser::document() {
            doc.set_title(&heading);
        }
    });

    // Beside the code: what it leaves out, and a map that would show no scheme (the preview says
    // how many it shows), so a partner does not copy it unaware.
    let left_out = move || {
        let empty = (shown.get() == Some(0)).then_some("With these choices the map shows no scheme: change them in 1.");
        let left = problems.with(|p| {
            let parts: Vec<&str> = [
                p.title.as_ref().map(|_| "your title (the proposed one is used)"),
                p.height.as_ref().map(|_| "your height (the default height is used)"),
                p.colours.as_ref().map(|_| "your colours (the map's own are used)"),
            ]
            .into_iter()
            .flatten()
            .collect();
            (!parts.is_empty())
                .then(|| format!("This code leaves out {}: put right what is marked above.", parts.join(" and ")))
        });
        match (left, empty) {
            (Some(l), Some(e)) => Some(format!("{e} {l}")),
            (l, e) => l.or(e.map(str::to_string)),
        }
    };
    let snippet_box = NodeRef::<html::Textarea>::new();
    let copy = move |_| {
        let text = snippet.get_untracked();
        spawn_local(async move {
            if super::clipboard::write(&text).await {
                copied.set("Copied. Paste it into your page where the map should go.".into());
            } else {
                // No clipboard (an old browser, or permission refused): select the code instead.
                if let Some(t) = snippet_box.get_untracked() {
                    super::clipboard::select_all(&t);
                }
                copied.set("Could not copy automatically: the code is selected, press Ctrl+C (⌘C on a Mac).".into());
            }
        });
    };

    view! {
        <header class="page-header">
            <p class="area-name">{move || config.with(|c| c.area.name.clone())}</p>
            <h1>"Embed the map on your website"</h1>
            <p class="intro">
                "Choose what the map shows, check the preview, then copy the code into your page. "
                <a href=browser::page_base()>"Open the full map"</a>
            </p>
        </header>
        <main class="builder">
            <form class="builder-form" aria-labelledby="builder-choices" on:submit=|e| e.prevent_default()>
                <h2 id="builder-choices">"1. What the map shows"</h2>
                <p class="hint">"Leave everything unticked to show every scheme. Visitors can still change a filter unless you fix it below."</p>
                <PresetChoices config=config view=view/>
                <LockChoices locks=locks/>

                <h2>"2. Title, size and colours"</h2>
                <div class="field">
                    <label for="embed-title">"Title of the embedded map"</label>
                    <input
                        id="embed-title"
                        type="text"
                        autocomplete="off"
                        aria-describedby="embed-title-hint embed-title-problem"
                        aria-invalid=move || problems.with(|p| p.title.is_some()).to_string()
                        prop:value=move || title.get()
                        on:change=move |e| title_text.set(Some(event_target_value(&e)))
                    />
                    <p class="hint" id="embed-title-hint">"Screen readers announce it as the name of the map on your page."</p>
                    <p class="problem" id="embed-title-problem" role="alert">{move || problems.with(|p| p.title.clone())}</p>
                </div>
                <fieldset class="field">
                    <legend>"Height"</legend>
                    <div class="radio">
                        <input type="radio" id="height-auto" name="height" prop:checked=move || auto_height.get()
                            on:change=move |_| auto_height.set(true)/>
                        <label for="height-auto">"Grow and shrink with the list (adds one line of script)"</label>
                    </div>
                    <div class="radio">
                        <input type="radio" id="height-fixed" name="height" prop:checked=move || !auto_height.get()
                            on:change=move |_| auto_height.set(false)/>
                        <label for="height-fixed">"Fixed height (for sites that remove scripts)"</label>
                    </div>
                    <div class="field">
                        <label for="height-px">"Height in pixels"</label>
                        <input
                            id="height-px"
                            type="text"
                            inputmode="numeric"
                            autocomplete="off"
                            aria-describedby="height-hint height-problem"
                            aria-invalid=move || problems.with(|p| p.height.is_some()).to_string()
                            prop:value=move || height_text.get()
                            on:change=move |e| {
                                height_text.set(event_target_value(&e));
                                auto_height.set(false);
                            }
                        />
                        <p class="hint" id="height-hint">"From 280 to 4000. With the script, this is the height before the map has loaded."</p>
                        <p class="problem" id="height-problem" role="alert">{move || problems.with(|p| p.height.clone())}</p>
                    </div>
                </fieldset>
                <fieldset class="field">
                    <legend>"Brand colours (optional)"</legend>
                    <p class="hint" id="colour-hint">"Hex colours like #1d70b8. The bar at the top and the main buttons are filled with the brand colour, with the text colour on them (a contrast of at least 4.5:1 is needed); borders take the brand colour too. Links keep the map's own blue, which reads well on white."</p>
                    <div class="field">
                        <label for="brand">"Brand colour"</label>
                        <input id="brand" type="text" autocomplete="off" spellcheck="false"
                            aria-describedby="colour-hint colour-problem"
                            aria-invalid=move || problems.with(|p| p.colours.is_some()).to_string()
                            prop:value=move || brand_text.get()
                            on:change=move |e| brand_text.set(event_target_value(&e))/>
                    </div>
                    <div class="field">
                        <label for="brand-text">"Text colour on the brand colour"</label>
                        <input id="brand-text" type="text" autocomplete="off" spellcheck="false" placeholder="#ffffff"
                            aria-describedby="colour-hint colour-problem"
                            aria-invalid=move || problems.with(|p| p.colours.is_some()).to_string()
                            prop:value=move || brand_on_text.get()
                            on:change=move |e| brand_on_text.set(event_target_value(&e))/>
                    </div>
                    <p class="problem" id="colour-problem" role="alert">
                        {move || problems.with(|p| p.colours.clone()).map(|reason| format!("Colours not used: {reason}"))}
                    </p>
                </fieldset>
            </form>

            <section class="builder-preview" aria-labelledby="preview-heading">
                <h2 id="preview-heading">"3. Preview"</h2>
                <Preview src=src title=title code=code shown=shown/>
            </section>

            <section class="builder-code" aria-labelledby="code-heading">
                <h2 id="code-heading">"4. Copy the code"</h2>
                <label for="snippet">"Code to paste into your page"</label>
                <p class="problem" id="snippet-problem" role="status">{left_out}</p>
                <textarea
                    id="snippet"
                    node_ref=snippet_box
                    readonly
                    rows="7"
                    spellcheck="false"
                    aria-describedby="snippet-problem"
                    prop:value=move || snippet.get()
                ></textarea>
                <button type="button" class="button" on:click=copy>"Copy the code"</button>
                <p class="copy-status" role="status">{move || copied.get()}</p>
            </section>
        </main>
    }
}

/// The preset filters: the same choices as the map's filter panel, written into a [`ViewState`].
#[component]
fn PresetChoices(config: RwSignal<Config>, view: RwSignal<ViewState>) -> impl IntoView {
    let district_choices =
        move || config.with(|c| c.area.districts.iter().map(|d| (d.id.clone(), d.name.clone())).collect::<Vec<_>>());
    view! {
        <fieldset class="field checkboxes">
            <legend>"Districts"</legend>
            {move || district_choices().into_iter().map(|(id, name)| {
                let input_id = format!("preset-district-{id}");
                let id2 = id.clone();
                view! {
                    <div class="checkbox">
                        <input type="checkbox" id=input_id.clone()
                            prop:checked=move || view.with(|v| v.filters.districts.contains(&id))
                            on:change=move |e| {
                                let on = event_target_checked(&e);
                                view.update(|v| { if on { v.filters.districts.insert(id2.clone()); } else { v.filters.districts.remove(&id2); } });
                            }/>
                        <label for=input_id>{name}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
        <fieldset class="field checkboxes">
            <legend>"Conditions"</legend>
            {Condition::ALL.iter().map(|&c| {
                let input_id = format!("preset-condition-{}", c.code());
                view! {
                    <div class="checkbox">
                        <input type="checkbox" id=input_id.clone()
                            prop:checked=move || view.with(|v| v.filters.conditions.contains(&c))
                            on:change=move |e| {
                                let on = event_target_checked(&e);
                                view.update(|v| { if on { v.filters.conditions.insert(c); } else { v.filters.conditions.remove(&c); } });
                            }/>
                        <label for=input_id>{c.label()}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
        <div class="field">
            <label for="preset-price">"Price"</label>
            <select id="preset-price"
                on:change=move |e| {
                    let p = PriceFilter::from_code(&event_target_value(&e)).unwrap_or_default();
                    view.update(|v| v.filters.price = p);
                }>
                {PriceFilter::CHOICES.iter().map(|(p, label)| {
                    let value = p.code().unwrap_or_else(|| "any".into());
                    let p = *p;
                    view! { <option value=value selected=move || view.with(|v| v.filters.price == p)>{*label}</option> }
                }).collect_view()}
            </select>
        </div>
        <div class="field">
            <label for="preset-q">"Search words"</label>
            <input id="preset-q" type="text" autocomplete="off" aria-describedby="preset-q-hint"
                prop:value=move || view.with(|v| v.filters.text.clone())
                on:change=move |e| { let t = event_target_value(&e); view.update(|v| v.filters.text = t.trim().to_string()); }/>
            <p class="hint" id="preset-q-hint">"A name, centre, town or operator, e.g. the name of your leisure operator."</p>
        </div>
        <div class="field">
            <label for="preset-postcode">"Postcode to search from"</label>
            <input id="preset-postcode" type="text" autocomplete="off" aria-describedby="preset-postcode-hint"
                prop:value=move || view.with(|v| v.postcode.clone().unwrap_or_default())
                on:change=move |e| {
                    let t = event_target_value(&e).trim().to_string();
                    view.update(|v| v.postcode = (!t.is_empty() && t.len() <= 10).then_some(t));
                }/>
            <p class="hint" id="preset-postcode-hint">"Lists the nearest schemes first, e.g. your surgery's postcode."</p>
        </div>
        <div class="field">
            <label for="preset-within">"Distance from the postcode"</label>
            <select id="preset-within"
                on:change=move |e| {
                    let w = event_target_value(&e).parse::<u32>().ok().filter(|m| WITHIN_CHOICES.contains(m));
                    view.update(|v| v.within = w);
                }>
                <option value="" selected=move || view.with(|v| v.within.is_none())>"Any distance"</option>
                {WITHIN_CHOICES.iter().map(|&m| view! {
                    <option value=m.to_string() selected=move || view.with(|v| v.within == Some(m))>{format!("Within {m} miles")}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// Which filters the map's visitors cannot change (hidden in the map, their values kept).
#[component]
fn LockChoices(locks: RwSignal<BTreeSet<Lock>>) -> impl IntoView {
    let label = |l: Lock| match l {
        Lock::District => "Districts",
        Lock::Condition => "Conditions",
        Lock::Price => "Price",
        Lock::Search => "Search words",
        Lock::Postcode => "Postcode",
        Lock::Within => "Distance",
    };
    view! {
        <fieldset class="field checkboxes" aria-describedby="locks-hint">
            <legend>"Fixed filters (hidden from visitors)"</legend>
            <p class="hint" id="locks-hint">"A fixed filter keeps the value chosen above, and the map says what it is limited to, e.g. \"Showing schemes in Watford\"."</p>
            {Lock::ALL.into_iter().map(|l| {
                let input_id = format!("lock-{}", l.code());
                view! {
                    <div class="checkbox">
                        <input type="checkbox" id=input_id.clone()
                            prop:checked=move || locks.with(|s| s.contains(&l))
                            on:change=move |e| {
                                let on = event_target_checked(&e);
                                locks.update(|s| { if on { s.insert(l); } else { s.remove(&l); } });
                            }/>
                        <label for=input_id>{label(l)}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// The live preview: the map itself, in an iframe with the snippet's address and title. With
/// auto-height it follows the map's resize messages as `embed.js` would on a partner's page.
#[component]
fn Preview(
    src: Memo<String>,
    title: Memo<String>,
    code: Memo<EmbedCode>,
    shown: RwSignal<Option<u32>>,
) -> impl IntoView {
    let frame = NodeRef::<html::Iframe>::new();
    let reported = RwSignal::new(None::<u32>);
    let height = move || match code.with(|c| c.height) {
        Height::Fixed(px) => px,
        Height::Auto => reported.get().unwrap_or(DEFAULT_HEIGHT).clamp(embed::MIN_HEIGHT, 20_000),
    };
    // A new address starts from the default height until the map reports its own.
    Effect::new(move |_| {
        src.track();
        reported.set(None);
        shown.set(None);
    });
    let own_origin = browser::origin();
    let listener = window_event_listener(leptos::ev::message, move |e: web_sys::MessageEvent| {
        if e.origin() != own_origin {
            return;
        }
        let Some(window) = frame.get_untracked().and_then(|f| f.content_window()) else { return };
        let from_preview = e.source().is_some_and(|s| js_sys::Object::is(&s, &window));
        if let (true, Some(text)) = (from_preview, e.data().as_string()) {
            if let Some(m) = embed::read_resize_message(&text) {
                reported.set(Some(m.height));
                if m.count.is_some() {
                    shown.set(m.count);
                }
                // As embed.js does: the map then lays itself out at its natural height.
                if code.with_untracked(|c| c.height) == Height::Auto {
                    let _ = window
                        .post_message(&wasm_bindgen::JsValue::from_str(&embed::auto_height_message()), &own_origin);
                }
            }
        }
    });
    on_cleanup(move || listener.remove());
    view! {
        <iframe
            class="embed-preview"
            node_ref=frame
            src=move || src.get()
            title=move || title.get()
            width="100%"
            height=move || height().to_string()
            allow="geolocation; clipboard-write"
            referrerpolicy="strict-origin-when-cross-origin"
        ></iframe>
    }
}
