//! The embed-code builder's entry point (`?tool=embed`): a wasm of its own, which `js/boot.js`
//! loads instead of the map's, so the map that patients load does not carry the builder.

#[cfg(target_arch = "wasm32")]
fn main() {
    referral_map::ui::start_builder();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The embed-code builder is part of the web app: build it with `trunk build --release`");
    eprintln!("and open the map with ?tool=embed (see docs/embedding.md).");
}
