//! What a clinician does with a scheme's full card: copy its details for the record, share its
//! link (with a QR code), print a handout, and report a change to the maintainer.

use super::browser;
use super::clipboard;
use super::print;
use super::share_dialog::ShareButton;
use crate::config::Config;
use crate::record;
use crate::scheme::Scheme;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Where copying stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Copy {
    Idle,
    Copied,
    /// The browser refused: the text is shown selected for Ctrl+C.
    Refused,
}

#[component]
pub fn CardActions(scheme: Scheme, config: Config) -> impl IntoView {
    let s = scheme;
    let link = record::scheme_link(&browser::page_url(), &s.id);
    let text = StoredValue::new(record::record_text(&s, link.as_deref()));
    let report = record::report_change_link(&config, &s, link.as_deref());
    let name = s.name.clone();
    let state = RwSignal::new(Copy::Idle);
    let fallback = NodeRef::<html::Textarea>::new();

    let copy = move |_| {
        spawn_local(async move {
            let ok = clipboard::write(&text.get_value()).await;
            state.set(if ok { Copy::Copied } else { Copy::Refused });
        });
    };
    // The refused text, once shown, is focused and selected for Ctrl+C.
    Effect::new(move |_| {
        if let Some(t) = fallback.get() {
            t.set_value(&text.get_value());
            clipboard::select_all(&t);
        }
    });
    let to_print = StoredValue::new(s.clone());

    view! {
        <div class="card-actions">
            <div class="card-buttons">
                <button type="button" class="button secondary small" on:click=copy>
                    "Copy details"<span class="visually-hidden">" of " {name.clone()}</span>
                </button>
                {link.clone().map(|l| view! { <ShareButton link=l name=name.clone()/> })}
                <button type="button" class="button secondary small" on:click=move |_| print::print(vec![to_print.get_value()])>
                    "Print"<span class="visually-hidden">" " {name.clone()}</span>
                </button>
            </div>
            <p class="copy-status" role="status">
                {move || match state.get() {
                    Copy::Copied => "Copied",
                    Copy::Refused => "Copying was not allowed: the details are selected below, press Ctrl+C to copy them.",
                    Copy::Idle => "",
                }}
            </p>
            {move || (state.get() == Copy::Refused).then(|| view! {
                <label class="copy-fallback">
                    <span class="visually-hidden">"Details of " {name.clone()} " to copy"</span>
                    <textarea readonly rows="8" node_ref=fallback></textarea>
                </label>
            })}
            {report.map(|href| view! {
                <p class="report-change">
                    <a href=href>"Report a change to this scheme"<span class="visually-hidden">" (" {s.name.clone()} ", by email)"</span></a>
                </p>
            })}
        </div>
    }
}
