//! QR codes in the web app. They are drawn by a small wasm of their own (`src/bin/qr_code.rs`,
//! over [`crate::qr`]), which `js/boot.js` loads the first time one is asked for, so the map's
//! wasm does not carry the encoder (docs/benchmarks.md). Without it (not loaded, or the text too
//! long) there is no QR code; the link is always shown beside it.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// `js/boot.js`: loads the QR-code wasm once and draws with it (a promise of the data URL).
    #[wasm_bindgen(js_namespace = window, js_name = referralMapQr, catch)]
    fn draw(text: &str, size: u32) -> Result<js_sys::Promise, JsValue>;
}

/// The QR code of `text` as a `data:image/svg+xml` URL for an `<img>`, at least `size` pixels
/// wide: `None` when the drawer could not be loaded or the text is too long for a QR code.
pub async fn data_url(text: &str, size: u32) -> Option<String> {
    let drawn = JsFuture::from(draw(text, size).ok()?).await;
    drawn.ok()?.as_string()
}
