//! The safety net: if anything in the app panics, the person sees a plain "Something went wrong"
//! message with a Reload button instead of a page that silently stopped working.
//!
//! The panic hook first logs the panic to the console (as `console_error_panic_hook` does), then
//! builds the message from plain DOM nodes (fixed text, no HTML strings, nothing from the data).
//! The Reload button is a form submit, not a Rust event handler: after a panic the wasm module has
//! stopped (release builds abort), so nothing in the message may need it again. The form asks for
//! the same page with the same query (the filters), copied as hidden fields.

use wasm_bindgen::JsCast;

/// The message's element id (also how the hook knows it is already shown).
pub const ID: &str = "something-went-wrong";

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
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    if doc.get_element_by_id(ID).is_some() {
        return;
    }
    let Some(body) = doc.body() else { return };
    let el = |tag: &str| doc.create_element(tag).ok();
    let (Some(notice), Some(heading), Some(text), Some(form), Some(button)) =
        (el("div"), el("h2"), el("p"), el("form"), el("button"))
    else {
        return;
    };
    let _ = notice.set_attribute("id", ID);
    let _ = notice.set_attribute("class", "something-went-wrong");
    let _ = notice.set_attribute("role", "alert");
    heading.set_text_content(Some("Something went wrong."));
    text.set_text_content(Some("Reload the page to start again (your filters are kept)."));
    let location = web_sys::window().map(|w| w.location());
    let path = location.as_ref().and_then(|l| l.pathname().ok()).unwrap_or_default();
    let _ = form.set_attribute("method", "get");
    let _ = form.set_attribute("action", if path.is_empty() { "./" } else { &path });
    let query = location.as_ref().and_then(|l| l.search().ok()).unwrap_or_default();
    if let Ok(params) = web_sys::UrlSearchParams::new_with_str(&query) {
        if let Ok(Some(pairs)) = js_sys::try_iter(&params) {
            for pair in pairs.flatten() {
                let pair: js_sys::Array = pair.unchecked_into();
                let (Some(name), Some(value)) = (pair.get(0).as_string(), pair.get(1).as_string()) else { continue };
                if let Some(input) = el("input") {
                    let _ = input.set_attribute("type", "hidden");
                    let _ = input.set_attribute("name", &name);
                    let _ = input.set_attribute("value", &value);
                    let _ = form.append_child(&input);
                }
            }
        }
    }
    let _ = button.set_attribute("type", "submit");
    let _ = button.set_attribute("class", "button");
    button.set_text_content(Some("Reload"));
    let _ = form.append_child(&button);
    let _ = notice.append_child(&heading);
    let _ = notice.append_child(&text);
    let _ = notice.append_child(&form);
    let _ = body.prepend_with_node_1(&notice);
    if let Ok(b) = button.dyn_into::<web_sys::HtmlElement>() {
        let _ = b.focus();
    }
}
