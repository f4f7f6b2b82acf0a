//! The safety net: if anything in the app panics, the person sees a plain "Something went wrong"
//! message with a Reload button (and a link to the plain list of schemes) instead of a page that
//! silently stopped working.
//!
//! The panic hook first logs the panic to the console (as `console_error_panic_hook` does), then
//! builds the message from plain DOM nodes (fixed text, no HTML strings, nothing from the data).
//! The Reload button has no Rust event handler: after a panic the wasm module has stopped (release
//! builds abort), so nothing in the message may need it again. `js/boot.js`, our own plain script,
//! answers its click with `location.reload()`, which keeps the whole address (the filters in the
//! query, the postcode in the fragment). It is not a form: the site's CSP has `form-action 'none'`.

use wasm_bindgen::JsCast;

/// The message's element id (also how the hook knows it is already shown).
pub const ID: &str = "something-went-wrong";

/// The plain list of every scheme beside the page (`schemes site-data` writes it).
const PLAIN_LIST: &str = "schemes.html";

/// Installs the hook. Call once, before anything else runs.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show();
    }));
}

/// Shows the message over the page (once). Every failure to build it is ignored: a panic hook
/// must not panic.
pub fn show() {
    let Some(doc) = super::browser::document() else { return };
    if doc.get_element_by_id(ID).is_some() {
        return;
    }
    let Some(body) = doc.body() else { return };
    let el = |tag: &str| doc.create_element(tag).ok();
    let (Some(notice), Some(heading), Some(text), Some(button), Some(other), Some(list)) =
        (el("div"), el("h2"), el("p"), el("button"), el("p"), el("a"))
    else {
        return;
    };
    let _ = notice.set_attribute("id", ID);
    let _ = notice.set_attribute("class", "something-went-wrong");
    let _ = notice.set_attribute("role", "alert");
    heading.set_text_content(Some("Something went wrong."));
    text.set_text_content(Some("Reload the page to start again (your filters are kept)."));
    let _ = button.set_attribute("type", "button");
    let _ = button.set_attribute("class", "button");
    let _ = button.set_attribute("data-reload-page", "");
    button.set_text_content(Some("Reload"));
    // The schemes without the app, should it fail again (the plain list the build writes).
    let _ = list.set_attribute("href", PLAIN_LIST);
    list.set_text_content(Some("See every scheme as a plain list"));
    let _ = other.append_child(&list);
    let _ = notice.append_child(&heading);
    let _ = notice.append_child(&text);
    let _ = notice.append_child(&button);
    let _ = notice.append_child(&other);
    let _ = body.prepend_with_node_1(&notice);
    if let Ok(b) = button.dyn_into::<web_sys::HtmlElement>() {
        let _ = b.focus();
    }
}
