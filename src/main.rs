//! The web app's entry point: mounts the Leptos UI (wasm only).

#[cfg(target_arch = "wasm32")]
fn main() {
    referral_map::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The map is a web app: build it with `trunk build --release` (see README.md).");
    eprintln!("The data tool is `cargo run --release --bin schemes -- --help`.");
}
