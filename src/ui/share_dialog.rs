//! "Share": the link to one scheme with a large QR code a patient scans from the screen, and a
//! button to copy the link, in a modal dialog. Focus moves into the dialog, Escape or "Close"
//! closes it, and focus returns to the "Share" button. The QR code is drawn when the dialog first
//! opens ([`super::qr_code`] loads its drawer then).

use super::clipboard;
use super::qr_code;
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A number for ids unique on the page (the same scheme's card can be in the list and the popup).
pub fn unique_id(prefix: &str) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// The "Share" button and its dialog. `link` is our own link to the scheme (`…?scheme=ID`).
#[component]
pub fn ShareButton(link: String, name: String) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let opener = NodeRef::<html::Button>::new();
    let field = NodeRef::<html::Input>::new();
    let title_id = unique_id("share-title");
    let labelled_by = title_id.clone();
    let copied = RwSignal::new(None::<bool>);
    // Drawn when the dialog first opens (`None` until then), and again on the next opening if the
    // drawer could not be loaded.
    let qr = RwSignal::new(None::<String>);
    let asked = StoredValue::new(false);
    let link = StoredValue::new(link);

    let open = move |_| {
        copied.set(None);
        if !asked.get_value() {
            asked.set_value(true);
            spawn_local(async move {
                let drawn = qr_code::data_url(&link.get_value(), 320).await;
                asked.set_value(drawn.is_some());
                qr.set(drawn);
            });
        }
        if let Some(d) = dialog.get() {
            // Placed before it opens: opening focuses it, which scrolls the partner's page to it.
            if let Some(b) = opener.get() {
                place_beside(&d, &b);
            }
            let _ = d.show_modal();
        }
        if let Some(f) = field.get() {
            clipboard::select_all(&f);
        }
    };
    let close = move || {
        if let Some(d) = dialog.get() {
            d.close();
        }
    };
    // However it closes (Escape, "Close"), focus goes back to the button that opened it.
    let on_close = move |_: ev::Event| {
        if let Some(b) = opener.get() {
            let _ = b.focus();
        }
    };
    // Escape is the dialog's: it must not also reach the map (which would close the popup
    // holding this card, and the dialog with it).
    let on_keydown = move |e: ev::KeyboardEvent| {
        if e.key() == "Escape" {
            e.stop_propagation();
        }
    };
    let copy = move |_| {
        spawn_local(async move {
            let ok = clipboard::write(&link.get_value()).await;
            copied.set(Some(ok));
            if !ok {
                if let Some(f) = field.get() {
                    clipboard::select_all(&f);
                }
            }
        });
    };

    view! {
        <button type="button" class="button secondary small" node_ref=opener on:click=open>
            "Share"<span class="visually-hidden">" " {name.clone()}</span>
        </button>
        <dialog class="share-dialog" node_ref=dialog aria-labelledby=labelled_by on:close=on_close on:keydown=on_keydown>
            <h2 id=title_id>"Share " {name.clone()}</h2>
            <p>"Scan the code with a phone's camera, or copy the link."</p>
            {move || qr.get().map(|src| view! {
                <img class="share-qr" src=src width="320" height="320" alt=format!("QR code of the link to {name}")/>
            })}
            <label class="share-link">
                <span>"Link to this scheme"</span>
                <input type="text" readonly node_ref=field prop:value=move || link.get_value()/>
            </label>
            <p class="copy-status" role="status">
                {move || match copied.get() {
                    Some(true) => "Link copied",
                    Some(false) => "Copying was not allowed: the link is selected, press Ctrl+C to copy it.",
                    None => "",
                }}
            </p>
            <div class="dialog-buttons">
                <button type="button" class="button" on:click=copy>"Copy link"</button>
                <button type="button" class="button secondary" on:click=move |_| close()>"Close"</button>
            </div>
        </dialog>
    }
}

/// The dialog's height (px) allowed for when it is placed (before it opens, so not measured; its
/// QR code is 320 px).
const DIALOG_HEIGHT_AT_LEAST: f64 = 540.0;

/// In an embedded map that grows with its content (`html.auto-height`), the frame is as tall as
/// the page and the partner's page scrolls it, so a dialog centred in the frame can open
/// thousands of pixels away from what the person sees. There the dialog opens centred on the
/// button that opened it, which is in sight (style/app.css places it by `top`).
fn place_beside(dialog: &web_sys::HtmlElement, button: &web_sys::HtmlElement) {
    let Some(doc) = super::browser::document() else { return };
    if !doc.document_element().is_some_and(|r| r.class_list().contains("auto-height")) {
        return;
    }
    let at = button.get_bounding_client_rect();
    let scrolled = web_sys::window().and_then(|w| w.scroll_y().ok()).unwrap_or(0.0);
    let top = (at.top() + scrolled + at.height() / 2.0 - DIALOG_HEIGHT_AT_LEAST / 2.0).max(8.0);
    let _ = dialog.style().set_property("top", &format!("{}px", top.round() as i64));
}
