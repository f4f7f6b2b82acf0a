//! The QR-code drawer's entry point: a small wasm of its own holding only [`referral_map::qr`],
//! which `js/boot.js` loads the first time the map needs a QR code ("Share", the printed handout;
//! `src/ui/qr_code.rs`), so the map's own wasm, which every patient loads, does not carry the
//! encoder.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;

/// The QR code of `text` as a `data:image/svg+xml` URL, at least `size` pixels wide; `undefined`
/// when the text is too long for a QR code.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn data_url(text: &str, size: u32) -> Option<String> {
    referral_map::qr::data_url(text, size)
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The QR-code drawer is part of the web app: build it with `trunk build --release`;");
    eprintln!("the map loads it when it shows a QR code.");
}
