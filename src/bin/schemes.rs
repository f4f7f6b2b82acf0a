//! `schemes`: the partnership's data tool. A thin shell over the core: it reads arguments and
//! files, calls [`referral_map::import`], [`referral_map::quality`], [`referral_map::export`] and
//! [`referral_map::geodata`], and prints what happened. See docs/data-tool.md.
//!
//! The tool is native only. Built for wasm (as `cargo clippy --all-targets --target
//! wasm32-unknown-unknown` does) it is an empty program.

#[cfg(not(target_arch = "wasm32"))]
#[path = "schemes/cli.rs"]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
