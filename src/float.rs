//! Sine, cosine, arcsine, powers and logarithms: the standard library's natively, the browser's (`Math.sin`,
//! `Math.pow`…) in the web app, so that its wasm need not carry its own (libm's argument
//! reduction alone is about 5 kB; docs/benchmarks.md, "Third size pass"). Browser tests compare
//! the two (tests/web_core.rs). Used by [`crate::distance`], the colour contrast in
//! [`crate::embed`] and the map's projection in [`crate::district_outline`].

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

/// The natural logarithm.
#[cfg(not(target_arch = "wasm32"))]
pub fn ln(x: f64) -> f64 {
    x.ln()
}

/// `x` to the power `y`.
#[cfg(not(target_arch = "wasm32"))]
pub fn pow(x: f64, y: f64) -> f64 {
    x.powf(y)
}

#[cfg(target_arch = "wasm32")]
pub use js_sys::Math::log as ln;
#[cfg(target_arch = "wasm32")]
pub use js_sys::Math::{asin, cos, pow, sin};
