//! Sine, cosine, arcsine and powers: the standard library's natively, the browser's (`Math.sin`,
//! `Math.pow`…) in the web app, so that its wasm need not carry its own (libm's argument
//! reduction alone is about 5 kB; docs/benchmarks.md, "Third size pass"). Browser tests compare
//! the two (tests/web_core.rs). Used by [`crate::distance`] and the colour contrast in
//! [`crate::embed`].

#[cfg(not(target_arch = "wasm32"))]
pub fn sin(x: f64) -> f64 {
    x.sin()
}

#[cfg(not(target_arch = "wasm32"))]
pub fn cos(x: f64) -> f64 {
    x.cos()
}

#[cfg(not(target_arch = "wasm32"))]
pub fn asin(x: f64) -> f64 {
    x.asin()
}

/// `x` to the power `y`.
#[cfg(not(target_arch = "wasm32"))]
pub fn pow(x: f64, y: f64) -> f64 {
    x.powf(y)
}

#[cfg(target_arch = "wasm32")]
pub use js_sys::Math::{asin, cos, pow, sin};
