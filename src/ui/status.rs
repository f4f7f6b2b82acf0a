//! Messages about the data itself: demonstration data, records that could not be shown, a
//! file that could not be loaded, and settings that could not be read.

use super::state::AppState;
use leptos::prelude::*;

/// Says plainly, near the top, when the schemes are demonstration data.
#[component]
pub fn SampleNotice() -> impl IntoView {
    let state = expect_context::<AppState>();
    let notice = move || {
        state
            .with_loaded(|d| d.dataset.sample_notice().map(|n| crate::shown::cap(&n, crate::shown::MAX_SHOWN)))
            .flatten()
    };
    view! {
        <Show when=move || notice().is_some()>
            <p class="sample-notice" data-testid="sample-notice">
                <strong>"This map shows demonstration data. "</strong>
                {notice}
            </p>
        </Show>
    }
}

/// One line when `config.json` was invalid and the built-in settings are shown (the console
/// names the fields).
#[component]
pub fn ConfigNotice() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <Show when=move || state.with_loaded(|d| d.config_rejected).unwrap_or(false)>
            <p class="config-notice" data-testid="config-notice">{crate::config::FALLBACK_NOTICE}</p>
        </Show>
    }
}

/// When the address (a shared link, a handout's QR code) names a scheme that the map cannot show:
/// one no longer in the data, or one the link's own filters leave out ("Show it" clears them).
#[component]
pub fn LinkNotice() -> impl IntoView {
    let state = expect_context::<AppState>();
    let left_out = Memo::new(move |_| state.linked_but_left_out());
    let name = move || {
        let i = left_out.get()?;
        state.with_loaded(|d| d.dataset.schemes.get(i).map(|s| crate::shown::cap(&s.name, 120))).flatten()
    };
    let show_it = move |_| {
        let Some(i) = left_out.get_untracked() else { return };
        state.clear_filters();
        state.view.update(|v| v.within = None);
        // The button goes: the keyboard goes to the scheme's card, now in the list.
        request_animation_frame(move || {
            let id = format!("scheme-{i}");
            super::browser::scroll_into_view(&id);
            super::browser::focus_in(&id, ".scheme-name button");
        });
    };
    // Always in the page, shown by `hidden`: lighter than building them when needed.
    view! {
        <p class="link-notice" data-testid="link-missing" hidden=move || !state.link_missing.get()>
            "The scheme in this link is no longer on the map: it may have ended or changed. The schemes on the map are listed below."
        </p>
        <p class="link-notice" data-testid="link-left-out" hidden=move || left_out.get().is_none()>
            "The scheme in this link, " <strong>{name}</strong> ", is left out by the filters. "
            <button type="button" class="button secondary small" on:click=show_it>"Show it"</button>
        </p>
    }
}

/// "2 schemes could not be shown", with a toggle naming each and why.
#[component]
pub fn RejectedNotice() -> impl IntoView {
    let state = expect_context::<AppState>();
    let rejected = move || state.with_loaded(|d| d.dataset.rejected.clone()).unwrap_or_default();
    view! {
        <Show when=move || !rejected().is_empty()>
            <div class="rejected" data-testid="rejected">
                <p>
                    {move || {
                        let n = rejected().len();
                        if n == 1 { "1 scheme could not be shown.".to_string() } else { format!("{n} schemes could not be shown.") }
                    }}
                </p>
                <details>
                    <summary>"Why?"</summary>
                    <ul>
                        {move || rejected().into_iter().map(|r| {
                            let reasons = crate::shown::cap(&r.texts().join("; "), crate::shown::MAX_SHOWN);
                            view! { <li><strong>{crate::shown::cap(&r.label, 120)}</strong>": " {reasons}"."</li> }
                        }).collect_view()}
                    </ul>
                </details>
            </div>
        </Show>
    }
}

/// The whole file could not be loaded: say why and offer to try again. Its heading stands in for
/// the results' ("Skip to results" goes to it, and so does the focus after a retry that failed
/// again).
#[component]
pub fn LoadProblem(message: String, on_retry: impl Fn() + 'static) -> impl IntoView {
    view! {
        <div class="load-problem" role="alert">
            <h2 id="results-heading" tabindex="-1">"Sorry, the map could not be loaded"</h2>
            <p>{crate::shown::cap(&message, crate::shown::MAX_SHOWN)}</p>
            <button type="button" class="button" on:click=move |_| on_retry()>"Try again"</button>
            // Made with the site, it needs nothing the map loads.
            <p><a href="schemes.html">"See every scheme as a plain list"</a></p>
        </div>
    }
}
