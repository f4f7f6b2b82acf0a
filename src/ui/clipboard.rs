//! Putting plain text on the clipboard with the async Clipboard API. A browser may refuse
//! (no permission, an insecure page, an old browser): the caller then shows the text selected
//! for Ctrl+C instead.

use wasm_bindgen::{JsCast, JsValue};

/// Writes `text` to the clipboard; `false` when the browser refused or has no clipboard.
pub async fn write(text: &str) -> bool {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else { return false };
    // `navigator.clipboard` is missing outside secure contexts: check before calling it.
    let clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")).unwrap_or(JsValue::UNDEFINED);
    if clipboard.is_undefined() || clipboard.is_null() {
        return false;
    }
    let clipboard: web_sys::Clipboard = clipboard.unchecked_into();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text)).await.is_ok()
}

/// Focuses a text field and selects all its text, so Ctrl+C copies it.
pub fn select_all(el: &web_sys::HtmlElement) {
    let _ = el.focus();
    if let Some(t) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        t.select();
    } else if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        i.select();
    }
}
