//! The web UI: Leptos components over the browser-free core, and one Leaflet adapter.
//!
//! The state lives in [`state`] (created at the top by [`app::App`], the layout) and flows down as
//! signals. Only
//! [`leaflet_adapter`] talks to Leaflet; only [`browser`] touches the page address, history and
//! scrolling; only [`loader`] fetches files.

pub mod app;
pub mod browser;
pub mod card_actions;
pub mod clipboard;
pub mod embed_builder;
pub mod embed_mode;
pub mod filter_panel;
pub mod leaflet_adapter;
pub mod loader;
pub mod map_view;
pub mod near_me;
pub mod print;
pub mod qr_code;
pub mod results;
pub mod safety_net;
pub mod scheme_card;
pub mod share_dialog;
pub mod state;
pub mod status;

use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

/// The longest the UI waits for the configuration and the schemes before it mounts without them
/// (with its own "Loading schemes…", then the data or a message when they come).
const MOUNT_WAITS_AT_MOST: Duration = Duration::from_millis(1000);

/// Starts the map (the `referral-map` wasm): panics go to the console and show the safety net's
/// message, and the UI mounts on `<body>`.
///
/// The configuration and the schemes (preloaded by index.html, so usually in before the wasm
/// starts) are read first and the UI mounts once they are: its first render is the one with the
/// data, instead of an empty page followed by an update of every view and a frame in between.
/// Meanwhile index.html's placeholder says the map is loading. A load that fails mounts the UI
/// with its message and "Try again"; one that is slow mounts it after [`MOUNT_WAITS_AT_MOST`],
/// and the data comes into it as before. A large schemes file (thousands of schemes) mounts it as
/// soon as its answer says so: the page then renders while the file comes and is parsed.
pub fn start() {
    safety_net::install();
    // Leptos's executor drives the load's futures before the UI mounts (mounting sets it up too).
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let load = RwSignal::new(state::Load::Loading);
    let mounted = Cell::new(false);
    let mount: Rc<dyn Fn()> = Rc::new(move || {
        if !mounted.replace(true) {
            remove_loading_placeholder();
            leptos::mount::mount_to_body(move || app::App(app::AppProps { load }));
        }
    });
    state::load_into(load, mount.clone());
    set_timeout(move || mount(), MOUNT_WAITS_AT_MOST);
}

/// Starts the embed-code builder (the `embed-builder` wasm, which `js/boot.js` loads instead of the
/// map's when the address asks for it: `?tool=embed`). A separate wasm, so that the map's own does
/// not carry a form only partners use.
pub fn start_builder() {
    safety_net::install();
    remove_loading_placeholder();
    leptos::mount::mount_to_body(embed_builder::EmbedBuilder);
}

/// Removes the static "Loading" placeholder that index.html shows before the app starts.
fn remove_loading_placeholder() {
    if let Some(el) = browser::document().and_then(|d| d.get_element_by_id("loading-placeholder")) {
        el.remove();
    }
}
