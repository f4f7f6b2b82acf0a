//! The one place that talks to Leaflet.
//!
//! Components describe what the map should show (which schemes, which one is selected, what the
//! popup holds) and this adapter turns that into Leaflet calls. Popup content is always a DOM node
//! built by Leptos, never an HTML string, and the tile attribution is rendered by Leptos outside
//! Leaflet's attribution control (which takes HTML).
//!
//! Re-entrancy: Leaflet fires its events synchronously from inside its own methods (closing the
//! popup fires the popup's `remove`, which calls back into Rust; `click`, `keypress` and
//! `moveend` can fire while a method runs). So no `RefCell` borrow is ever held across a Leaflet
//! call: each method copies what it needs out of the state (the markers are shared as an
//! `Rc<[Marker]>`, the indices are `Cell`s), lets the borrow go, and only then calls Leaflet.
//!
//! Plain markers (not clustered) that a filter takes off the map are hidden, not removed: their
//! icon and shadow get the `hidden` attribute (not displayed, so not focusable, clickable or
//! announced), and showing them again removes it. Adding a marker builds its image, listeners
//! and position again, which was most of a clear's marker work at a few dozen schemes.
//!
//! Scale: adding and removing markers is work in slices (see [`SLICE_MS`]): what fits in one
//! slice is done at once, the rest after the browser has had its turn, so tens of thousands of
//! schemes never freeze the page. A newer [`SchemeMap::show_only`] replaces the work left.
//!
//! Speed of a filter change: markers leave first, then the view changes, then markers are added
//! (so a cluster group computes its clusters' icons once, at the new zoom, instead of drawing them
//! at the old zoom and redrawing them after); and a view that would not move is left alone (a
//! Leaflet `fitBounds` without animation resets every layer, tiles included, even then).
//!
//! Clustered, there are two cluster groups: the full one, holding every scheme (built once, for
//! the first view), and the filtered one, holding the matches of a search or filter. Only one is
//! on the map. Clearing the filters puts the full group back on the map, which draws only the
//! clusters in view, instead of adding every marker back into one group (at 10,000 schemes, a
//! third of a second of work in slices, with the map incomplete until the last one). Each group
//! has its own marker objects (the filtered group's are made from the full group's when first
//! needed): markercluster keeps its own state on each marker (`__parent`, its move listeners), so
//! one marker cannot be in two groups.

use crate::config::Config;
use crate::scheme::{LatLng, Scheme};
use leaflet::{LatLngBounds, Map, MapOptions, Marker, MarkerOptions, Popup, PopupOptions, TileLayer, TileLayerOptions};
use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// `Marker.getElement()`, which the leaflet crate does not bind.
fn marker_element(marker: &Marker) -> Option<web_sys::HtmlElement> {
    let f = js_sys::Reflect::get(marker, &JsValue::from_str("getElement")).ok()?;
    let f = f.dyn_into::<js_sys::Function>().ok()?;
    f.call0(marker).ok()?.dyn_into::<web_sys::HtmlElement>().ok()
}

/// Above this many schemes, markers are grouped into clusters (Leaflet.markercluster) that show
/// how many schemes they hold and zoom in when chosen (click, or Enter when focused).
pub const CLUSTER_ABOVE: usize = 300;

/// Leaflet.markercluster, copied beside the page by index.html, asked for only when the schemes
/// are clustered (most areas' few dozen schemes never need it, so the first view does not wait
/// for it).
const CLUSTER_SCRIPT: &str = "markercluster/leaflet.markercluster.js";
const CLUSTER_STYLE: &str = "markercluster/MarkerCluster.css";
/// Leaflet's marker images, beside its script and stylesheet.
const LEAFLET_IMAGES: &str = "leaflet/images/";

/// The zoom level from which the schemes are shown as markers, never in clusters (where ~180 m
/// already lies 60 pixels apart, markercluster's cluster radius). markercluster slots every marker
/// it adds into a grid at each zoom level it clusters, from the top down until the marker joins a
/// cluster; the top levels, where markers are apart, are the costly ones (1,671 search matches at
/// 10,000 schemes: ~4 ms to add against ~15–23 ms clustering up to the tiles' zoom 19). Schemes at
/// the very same point still cluster at the level below, and choosing that cluster spiders them
/// out (markercluster's `spiderfyOnMaxZoom`).
const UNCLUSTERED_FROM_ZOOM: f64 = 15.0;

/// The map's height a popup leaves free (px): the pan padding above and below, the popup's tip
/// and margins, and the marker under it. A card taller than the rest scrolls inside the popup.
const POPUP_ROOM: f64 = 150.0;

/// The least height (px) a popup is given on a very short map.
const POPUP_MIN_HEIGHT: f64 = 160.0;

/// Whether `count` schemes are shown in clusters (above [`CLUSTER_ABOVE`]).
pub fn clusters(count: usize) -> bool {
    count > CLUSTER_ABOVE
}

thread_local! {
    /// Leaflet.markercluster's loading once asked for: settles when its script has loaded or failed.
    static CLUSTERING: std::cell::RefCell<Option<js_sys::Promise>> = const { std::cell::RefCell::new(None) };
}

/// Leaflet itself, as js/boot.js loads it (at once where the map is the first view; on a phone,
/// where the list is, when this asks, after the app's own code has come): a promise that settles
/// once Leaflet is there and styled, or has failed. `None` where boot.js did not set that up (a
/// page that loads Leaflet itself).
fn leaflet_loading() -> Option<js_sys::Promise> {
    let load = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("referralMapLeaflet")).ok()?;
    load.dyn_into::<js_sys::Function>().ok()?.call0(&JsValue::NULL).ok()?.dyn_into().ok()
}

/// Waits for Leaflet (see [`leaflet_loading`]); whether it is there.
pub async fn load_leaflet() -> bool {
    if let Some(done) = leaflet_loading() {
        let _ = wasm_bindgen_futures::JsFuture::from(done).await;
    }
    leaflet_global("map").is_some()
}

/// Starts loading Leaflet.markercluster (its script and stylesheet, from our own origin) unless
/// it is there or already on its way. Called as soon as a schemes file looks big enough to be
/// clustered, so the plug-in arrives while the file is parsed; [`load_clustering`] then waits for
/// the same load. The plug-in extends Leaflet's `L`, so it is not asked for before Leaflet is
/// there (on a phone Leaflet comes later: [`load_clustering`] asks for it then).
pub fn start_clustering() -> Option<js_sys::Promise> {
    if leaflet_global("markerClusterGroup").is_some() || leaflet_global("map").is_none() {
        return None;
    }
    if let Some(done) = CLUSTERING.with_borrow(|p| p.clone()) {
        return Some(done);
    }
    let doc = super::browser::document()?;
    let head = doc.query_selector("head").ok()??;
    if let Ok(link) = doc.create_element("link") {
        let _ = link.set_attribute("rel", "stylesheet");
        let _ = link.set_attribute("href", CLUSTER_STYLE);
        let _ = head.append_child(&link);
    }
    let script = doc.create_element("script").ok()?;
    // Settles on the script's `load` or `error` event, whichever comes.
    let done = js_sys::Promise::new(&mut |resolve, _reject| {
        let _ = script.add_event_listener_with_callback("load", &resolve);
        let _ = script.add_event_listener_with_callback("error", &resolve);
    });
    let _ = script.set_attribute("src", CLUSTER_SCRIPT);
    head.append_child(&script).ok()?;
    CLUSTERING.set(Some(done.clone()));
    Some(done)
}

/// Loads Leaflet.markercluster once (see [`start_clustering`]) and waits for it; called once
/// Leaflet is there. Without it (the script failed to load) [`SchemeMap::set_schemes`] shows
/// plain markers.
pub async fn load_clustering() {
    if let Some(done) = start_clustering() {
        let _ = wasm_bindgen_futures::JsFuture::from(done).await;
    }
}

/// The longest the adapter adds or removes markers before it lets the browser paint and answer
/// the person (the rest follows in the next task). Well under the 50 ms of a "long task".
const SLICE_MS: f64 = 30.0;

/// The same, for the slice that runs inside a later change of the schemes on show (a keystroke in
/// the Search box, not the first view): shorter, so the list, the count and the first markers
/// reach the screen sooner; the markers left follow in slices of [`SLICE_MS`].
const CHANGE_SLICE_MS: f64 = 10.0;

/// The fewest and the most markers given to Leaflet in one call within a slice.
const MIN_BATCH: usize = 100;
const MAX_BATCH: usize = 2_000;

/// The first guess at the milliseconds one marker costs to add to or remove from a cluster
/// group (measured as the work goes; ~0.02 on a quiet laptop, several times that under load).
const FIRST_MS_PER_MARKER: f64 = 0.05;

/// The cluster group that is off the map, with what it holds (see [`Inner`]'s fields of the same
/// names). Its work is not kept: it is worked out again when the group comes back.
struct Spare {
    group: leaflet::Layer,
    own: Option<Rc<[OnceCell<Marker>]>>,
    in_group: Vec<bool>,
    dirty: Vec<bool>,
}

/// Markers still to add to or remove from the group (scheme indices), done in slices.
#[derive(Default)]
struct Work {
    add: Vec<usize>,
    remove: Vec<usize>,
}

/// How the view follows a change of the schemes on show (see [`SchemeMap::show_only`]).
pub enum View {
    /// Fit these points (the schemes on show, and the search point when there is one).
    Fit(Vec<LatLng>),
    /// Centre on a point at a zoom level (a partner's preset view).
    Preset(LatLng, f64),
    /// Leave the view where it is.
    Keep,
}

/// A Leaflet map showing schemes as markers, with one popup.
///
/// Leaflet calls back into Rust (closing a popup fires its `remove` event, choosing a marker its
/// `click`), so no `RefCell` borrow is ever held while Leaflet is called: state is read or
/// written in short borrows before or after each call.
#[derive(Clone)]
pub struct SchemeMap {
    inner: Rc<Inner>,
}

/// The adapter's state. Every borrow of a `RefCell` here ends before any Leaflet call (see the
/// module doc): read with [`Inner::markers`], never by holding `markers.borrow()`.
struct Inner {
    map: Map,
    popup: Popup,
    /// The tile layer, until [`SchemeMap::show_tiles`] puts it on the map.
    tiles: RefCell<Option<TileLayer>>,
    /// The group on the map holding the scheme markers: an `L.featureGroup`, or an
    /// `L.markerClusterGroup` above [`CLUSTER_ABOVE`] schemes. Marker events reach Rust through it
    /// (one handler for all). `own`, `in_group`, `work` and `dirty` are this group's (clustered, they
    /// change places with the spare group's when the groups do).
    group: RefCell<Option<leaflet::Layer>>,
    clustered: Cell<bool>,
    /// The full group's markers, one per scheme (every group's markers are made from these).
    markers: RefCell<Rc<[Marker]>>,
    /// Clustered only: the options each scheme's marker was made with (title, alt text, scheme
    /// index), for making the filtered group's markers. Kept rather than read back from a marker,
    /// whose options also hold Leaflet's defaults, all copied again into a marker made from them.
    options: RefCell<Rc<[MarkerOptions]>>,
    /// The markers of the group on the map when it is the filtered group (made when first needed);
    /// `None` when it is the full group (its markers are `markers`).
    own: RefCell<Option<Rc<[OnceCell<Marker>]>>>,
    /// Clustered only: the other cluster group, off the map (see the module doc).
    spare: RefCell<Option<Spare>>,
    /// The markers the last [`SchemeMap::show_only`] asked for.
    wanted: RefCell<Vec<bool>>,
    /// The markers on show now (differs from `wanted` while work is left): in the group, and for
    /// plain markers not hidden.
    in_group: RefCell<Vec<bool>>,
    /// Plain markers only: the markers that have been added to the group (they stay in it, hidden
    /// when off show).
    attached: RefCell<Vec<bool>>,
    /// What is left to do to make the group show `wanted`.
    work: RefCell<Work>,
    /// Whether a task is scheduled to go on with the work.
    scheduled: Cell<bool>,
    /// Markers taken out by [`Inner::start_again`] that still point at their old cluster.
    dirty: RefCell<Vec<bool>>,
    /// What adding or removing one marker has cost so far, in milliseconds.
    ms_per_marker: Cell<f64>,
    highlighted: Cell<Option<usize>>,
    /// The scheme whose card the popup holds.
    popup_for: Cell<Option<usize>>,
    /// The scheme the popup was last opened on (kept once it closes: keyboard focus goes back to
    /// its marker).
    popup_marker: Cell<Option<usize>>,
    /// Whether the next popup takes keyboard focus (its marker was chosen by keyboard).
    focus_next_popup: Cell<bool>,
    /// The "you searched here" marker, and where it is with its label.
    search_marker: RefCell<Option<Marker>>,
    search_at: RefCell<Option<(LatLng, String)>>,
    /// Whether [`SchemeMap::show_only`] has been called before (its first call is the first view).
    shown_before: Cell<bool>,
    /// True while the adapter moves the view without animation (see [`SchemeMap::without_animation`]).
    resetting: Cell<bool>,
}

impl Inner {
    /// The markers, shared (no borrow outlives this call).
    fn markers(&self) -> Rc<[Marker]> {
        self.markers.borrow().clone()
    }

    /// The marker of scheme `i` in the group on the map (made now if the filtered group has none
    /// for it yet).
    fn marker(&self, i: usize) -> Option<Marker> {
        let own = self.own.borrow().clone();
        let options = self.options.borrow().clone();
        pick(&self.markers(), &options, own.as_deref(), i)
    }

    /// Swaps the group on the map for the spare one (in the adapter's state only: the caller takes
    /// the old group off the map before and puts the new one on after). Nothing without both.
    fn swap_groups(&self) {
        let Some(mut spare) = self.spare.borrow_mut().take() else { return };
        let Some(old) = self.group.borrow_mut().replace(spare.group.clone()) else {
            *self.spare.borrow_mut() = Some(spare);
            return;
        };
        spare.group = old;
        std::mem::swap(&mut *self.in_group.borrow_mut(), &mut spare.in_group);
        std::mem::swap(&mut *self.dirty.borrow_mut(), &mut spare.dirty);
        std::mem::swap(&mut *self.own.borrow_mut(), &mut spare.own);
        *self.work.borrow_mut() = Work::default();
        *self.spare.borrow_mut() = Some(spare);
    }

    /// Empties the cluster group that is about to go on the map, for nothing: it is off the map,
    /// so markercluster builds new, empty cluster grids when it is added (`onAdd` does when it has
    /// none: Leaflet.markercluster 1.5.3, pinned in package-lock.json). Its markers keep a stale
    /// `__parent`, cleared before they are added again (see `dirty`).
    fn empty_off_map(&self, group: &leaflet::Layer) {
        let _ = js_sys::Reflect::set(group, &JsValue::from_str("_gridClusters"), &JsValue::UNDEFINED);
        let mut in_group = self.in_group.borrow_mut();
        let mut dirty = self.dirty.borrow_mut();
        dirty.resize(in_group.len(), false);
        for (d, t) in dirty.iter_mut().zip(in_group.iter_mut()) {
            *d |= *t;
            *t = false;
        }
    }

    /// Empties the cluster group at a cost that does not grow with its markers.
    ///
    /// markercluster's `clearLayers` visits every marker to unhook it (50,000 markers: a task of
    /// several hundred milliseconds). Instead, this takes the shown layers off the map and starts
    /// new, empty cluster grids (`_generateInitialClusters`, what `clearLayers` itself ends with;
    /// Leaflet.markercluster 1.5.3 is pinned in package-lock.json). The markers that were in the
    /// group keep a stale `__parent` (which makes `hasLayer` answer yes): it is deleted just before
    /// a marker is added again (see `dirty`). Their drag and move listeners stay hooked to this
    /// same group, which is harmless (scheme markers never move) and not repeated (Leaflet adds
    /// a listener once). Without those internals, plain `clearLayers`.
    fn start_again(&self, group: &leaflet::Layer, stale: Vec<bool>) {
        let fresh = ["_featureGroup", "_nonPointGroup"]
            .iter()
            .all(|g| js_sys::Reflect::get(group, &JsValue::from_str(g)).is_ok_and(|g| !g.is_undefined()))
            && js_sys::Reflect::get(group, &JsValue::from_str("_generateInitialClusters"))
                .is_ok_and(|f| f.is_function())
            && js_sys::Reflect::get(group, &JsValue::from_str("_map")).is_ok_and(|m| m.is_object());
        if !fresh {
            call(group, "clearLayers", &[]);
            return;
        }
        call(group, "_noanimationUnspiderfy", &[]);
        for g in ["_featureGroup", "_nonPointGroup"] {
            if let Ok(g) = js_sys::Reflect::get(group, &JsValue::from_str(g)) {
                call(&g, "clearLayers", &[]);
            }
        }
        call(group, "_generateInitialClusters", &[]);
        let mut dirty = self.dirty.borrow_mut();
        dirty.resize(stale.len(), false);
        for (d, s) in dirty.iter_mut().zip(stale) {
            *d |= s;
        }
    }

    /// Removes, then adds, markers in batches until `slice_ms` after `started`; schedules the
    /// rest. With `removals_only`, stops when no removal is left (the additions follow in a later
    /// call) and schedules nothing.
    fn work_a_slice(inner: &Rc<Inner>, started: f64, slice_ms: f64, removals_only: bool) {
        let Some(group) = inner.group.borrow().clone() else { return };
        let markers = inner.markers();
        let own = inner.own.borrow().clone();
        let options = inner.options.borrow().clone();
        let marker = |i: usize| pick(&markers, &options, own.as_deref(), i);
        let clustered = inner.clustered.get();
        // `__parent`, made once (a JS string from Rust is decoded on every use).
        let parent_key = JsValue::from_str("__parent");
        loop {
            // As many markers as should fit in what is left of the slice, at the cost per marker
            // seen so far: one Leaflet call each (markercluster redraws its clusters' icons and
            // bounds at the end of every call, so fewer, larger calls cost less).
            let room = (slice_ms - (js_sys::Date::now() - started)).max(1.0);
            let n = ((room / inner.ms_per_marker.get()) as usize).clamp(MIN_BATCH, MAX_BATCH);
            // Take one batch in a short borrow.
            let (batch, adding) = {
                let mut w = inner.work.borrow_mut();
                if !w.remove.is_empty() {
                    let from = batch_start(w.remove.len(), n);
                    (w.remove.split_off(from), false)
                } else if !w.add.is_empty() && !removals_only {
                    let from = batch_start(w.add.len(), n);
                    (w.add.split_off(from), true)
                } else {
                    break;
                }
            };
            {
                let mut in_group = inner.in_group.borrow_mut();
                for &i in &batch {
                    if let Some(t) = in_group.get_mut(i) {
                        *t = adding;
                    }
                }
            }
            let batch_started = js_sys::Date::now();
            if adding {
                // A marker left behind by `start_again` loses its stale cluster first. Set to
                // `undefined` rather than deleted (markercluster only tests it for truth): deleting
                // a property turns every marker into a slow dictionary-mode object.
                let mut dirty = inner.dirty.borrow_mut();
                for &i in &batch {
                    if dirty.get(i).copied().unwrap_or(false) {
                        dirty[i] = false;
                        if let Some(m) = marker(i) {
                            let _ = js_sys::Reflect::set(&m, &parent_key, &JsValue::UNDEFINED);
                        }
                    }
                }
            }
            if clustered {
                let array = js_sys::Array::new();
                for m in batch.iter().rev().filter_map(|&i| marker(i)) {
                    array.push(&m);
                }
                if adding {
                    // `skipLayerAddEvent`: no `layeradd` event per marker (nothing listens; firing
                    // them was about a quarter of adding a search's 1,671 markers at 10,000
                    // schemes). markercluster 1.5.3's own `onAdd` adds its markers this way.
                    call(&group, "addLayers", &[&array, &JsValue::TRUE]);
                } else {
                    call(&group, "removeLayers", &[&array]);
                }
            } else {
                // Plain markers: added once, then hidden and shown (see the module doc). Which
                // are new to the group, worked out before Leaflet is called.
                let new: Vec<bool> = {
                    let mut attached = inner.attached.borrow_mut();
                    batch
                        .iter()
                        .map(|&i| match attached.get_mut(i) {
                            Some(a) if adding && !*a => {
                                *a = true;
                                true
                            }
                            _ => false,
                        })
                        .collect()
                };
                for (&i, new) in batch.iter().zip(new).rev() {
                    let Some(m) = marker(i) else { continue };
                    if new {
                        call(&group, "addLayer", &[&m]);
                    } else {
                        set_hidden(&m, !adding);
                    }
                }
            }
            let now = js_sys::Date::now();
            // Learn the cost per marker (Date.now() counts whole milliseconds: small batches
            // teach little).
            if batch.len() >= MIN_BATCH && now - batch_started >= 2.0 {
                let seen = (now - batch_started) / batch.len() as f64;
                inner.ms_per_marker.set((inner.ms_per_marker.get() + seen) / 2.0);
            }
            if now - started >= slice_ms * 0.8 {
                break;
            }
        }
        if removals_only {
            return;
        }
        let left = {
            let w = inner.work.borrow();
            !w.add.is_empty() || !w.remove.is_empty()
        };
        if left && !inner.scheduled.replace(true) {
            let weak = Rc::downgrade(inner);
            let next = Closure::once_into_js(move || {
                if let Some(inner) = weak.upgrade() {
                    inner.scheduled.set(false);
                    Inner::work_a_slice(&inner, js_sys::Date::now(), SLICE_MS, false);
                }
            });
            let scheduled = web_sys::window()
                .and_then(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(next.unchecked_ref(), 0).ok());
            if scheduled.is_none() {
                inner.scheduled.set(false);
            }
        }
    }
}

impl Inner {
    /// Makes the filtered group's markers ahead, in the browser's idle time (`requestIdleCallback`,
    /// [`IDLE_BATCH`] markers a callback), so the first search only adds them. Stops when every
    /// one is made, or when `own` is no longer the adapter's (new schemes: then only this holds
    /// it). Without `requestIdleCallback`, they are made when first needed, as before.
    fn make_ahead(inner: &Rc<Inner>, own: Rc<[OnceCell<Marker>]>, from: usize) {
        let weak = Rc::downgrade(inner);
        let next = Closure::once_into_js(move || {
            let Some(inner) = weak.upgrade() else { return };
            if Rc::strong_count(&own) == 1 {
                return;
            }
            let (markers, options) = (inner.markers(), inner.options.borrow().clone());
            let end = (from + IDLE_BATCH).min(own.len());
            for i in from..end {
                let _ = pick(&markers, &options, Some(&own), i);
            }
            if end < own.len() {
                Inner::make_ahead(&inner, own, end);
            }
        });
        let _ = request_idle_callback(&next);
    }
}

#[wasm_bindgen]
extern "C" {
    /// `requestIdleCallback`, which the leaflet crate's web-sys features leave out (an error,
    /// caught, where the browser has none).
    #[wasm_bindgen(js_name = requestIdleCallback, catch)]
    fn request_idle_callback(callback: &JsValue) -> Result<JsValue, JsValue>;
}

/// How many of the filtered group's markers [`Inner::make_ahead`] makes in one idle callback
/// (about a millisecond's work on a quiet machine: well inside an idle period).
const IDLE_BATCH: usize = 500;

/// Where the next batch of about `n` starts in a list of `len` markers still to do (batches are
/// taken from the end). What would be left after it, if under [`MIN_BATCH`], goes in this batch
/// too: each markercluster call ends with work that grows with the group, not with the batch
/// (bounds, icons, the clusters in view), so a small last batch in a task of its own costs more
/// than it saves (at 1,000 schemes, a search's 153 matches went in as 100 and then 53 in the next
/// task, before the frame, which paid that end-of-call work twice).
fn batch_start(len: usize, n: usize) -> usize {
    let from = len.saturating_sub(n);
    if from < MIN_BATCH {
        0
    } else {
        from
    }
}

/// The marker of scheme `i`: the full group's (`source`), or the filtered group's (`own`), made
/// when first asked for at the same place and with the same `options` as the full group's.
fn pick(source: &[Marker], options: &[MarkerOptions], own: Option<&[OnceCell<Marker>]>, i: usize) -> Option<Marker> {
    let m = source.get(i)?;
    Some(match own {
        Some(own) => {
            let (cell, o) = (own.get(i)?, options.get(i)?);
            cell.get_or_init(|| Marker::new_with_options(&m.get_lat_lng(), o)).clone()
        }
        None => m.clone(),
    })
}

/// Hides or shows a plain marker that is in the group: the `hidden` attribute on its icon and
/// its shadow (Leaflet's `_shadow`, which it does not expose; Leaflet 1.9.4 is pinned in
/// package-lock.json). A hidden element is not displayed (style/app.css), so it cannot be focused,
/// clicked or read out.
fn set_hidden(marker: &Marker, hidden: bool) {
    let shadow = js_sys::Reflect::get(marker, &JsValue::from_str("_shadow")).ok();
    let shadow = shadow.and_then(|s| s.dyn_into::<web_sys::Element>().ok());
    for el in marker_element(marker).map(web_sys::Element::from).into_iter().chain(shadow) {
        if hidden {
            let _ = el.set_attribute("hidden", "");
        } else {
            let _ = el.remove_attribute("hidden");
        }
    }
}

/// The scheme index stored in a marker's options (see [`SchemeMap::set_schemes`]).
const INDEX_KEY: &str = "schemeIndex";

/// Moves keyboard focus to `el` without scrolling anything (inside the map, a scroll would move
/// Leaflet's panes out of place).
fn focus_quietly(el: &web_sys::HtmlElement) {
    call(el, "focus", &[&options(&[("preventScroll", true.into())])]);
}

/// Calls `object[name](args…)`; `None` when it is not a function or it threw.
fn call(object: &JsValue, name: &str, args: &[&JsValue]) -> Option<JsValue> {
    let f = js_sys::Reflect::get(object, &JsValue::from_str(name)).ok()?.dyn_into::<js_sys::Function>().ok()?;
    let array = js_sys::Array::new();
    for a in args {
        array.push(a);
    }
    f.apply(object, &array).ok()
}

/// The scheme index of the marker an event came from (`e.layer` / `e.propagatedFrom`).
fn event_index(e: &JsValue) -> Option<usize> {
    let layer = js_sys::Reflect::get(e, &JsValue::from_str("layer")).ok()?;
    let options = js_sys::Reflect::get(&layer, &JsValue::from_str("options")).ok()?;
    let i = js_sys::Reflect::get(&options, &JsValue::from_str(INDEX_KEY)).ok()?.as_f64()?;
    Some(i as usize)
}

/// A cluster's icon: a round badge with the count, named for screen readers ("12 schemes here,
/// zoom in"). Built as DOM nodes, never HTML text.
fn cluster_icon(cluster: JsValue) -> JsValue {
    let count = call(&cluster, "getChildCount", &[]).and_then(|c| c.as_f64()).unwrap_or(0.0) as usize;
    let size = match count {
        0..=9 => ("small", 34.0),
        10..=99 => ("medium", 40.0),
        _ => ("large", 46.0),
    };
    let html = super::browser::document().and_then(|doc| {
        let outer = doc.create_element("span").ok()?;
        let number = doc.create_element("span").ok()?;
        number.set_text_content(Some(&count.to_string()));
        let words = doc.create_element("span").ok()?;
        words.set_class_name("visually-hidden");
        words.set_text_content(Some(" schemes here, zoom in to see them"));
        outer.append_child(&number).ok()?;
        outer.append_child(&words).ok()?;
        Some(outer)
    });
    let Some(ctor) = leaflet_global("DivIcon") else { return JsValue::NULL };
    let opts = options(&[
        ("className", format!("scheme-cluster scheme-cluster-{}", size.0).into()),
        ("iconSize", padding(size.1)),
        ("html", html.map(JsValue::from).unwrap_or_else(|| JsValue::from_str(""))),
    ]);
    js_sys::Reflect::construct(&ctor, &js_sys::Array::of1(&opts)).unwrap_or(JsValue::NULL)
}

/// A function of Leaflet's global `L`, for the few the leaflet crate does not bind correctly.
fn leaflet_global(name: &str) -> Option<js_sys::Function> {
    let l = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("L")).ok()?;
    js_sys::Reflect::get(&l, &JsValue::from_str(name)).ok()?.dyn_into::<js_sys::Function>().ok()
}

/// A `L.DivIcon` with a class and no content (the leaflet crate's `DivIcon` constructs `L.Icon`).
fn div_icon(class_name: &str, size: f64) -> Option<leaflet::Icon> {
    let ctor = leaflet_global("DivIcon")?;
    let opts =
        options(&[("className", class_name.into()), ("iconSize", padding(size)), ("html", JsValue::from_str(""))]);
    let icon = js_sys::Reflect::construct(&ctor, &js_sys::Array::of1(&opts)).ok()?;
    Some(icon.unchecked_into())
}

fn ll(p: LatLng) -> leaflet::LatLng {
    leaflet::LatLng::new(p.lat, p.lng)
}

fn options(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

fn padding(px: f64) -> JsValue {
    js_sys::Array::of2(&px.into(), &px.into()).into()
}

impl SchemeMap {
    /// Creates the map inside `element`, centred on the configured area. Without Leaflet (its
    /// script did not arrive: a dropped connection, a blocked file) it says so instead: the
    /// leaflet crate's bindings would throw on the missing `L`, and that exception would stop the
    /// caller half-way (the list would never render).
    pub fn new(element: &web_sys::HtmlElement, config: &Config) -> Result<SchemeMap, String> {
        if leaflet_global("map").is_none() {
            return Err("The map could not be loaded: check your internet connection, then try again.".into());
        }
        let opts = MapOptions::new();
        opts.set_attribution_control(false);
        opts.set_center(ll(config.area.center.into()));
        opts.set_zoom(config.area.zoom);
        // The map's own limit (Leaflet would otherwise take it from the tile layer, which joins
        // later: see `show_tiles`; markercluster needs it from the start).
        opts.set_max_zoom(config.tiles.max_zoom);
        let map = Map::new_with_element(element, &opts).map_err(|_| "The map could not be started.".to_string())?;
        // The zoom buttons, top left, come first in the tab order, not after every marker and an
        // open card (Leaflet puts its controls after its panes; they are placed by CSS).
        if let Ok(Some(controls)) = element.query_selector(".leaflet-control-container") {
            let _ = element.insert_before(&controls, element.first_child().as_ref());
        }
        // Where Leaflet's marker images are (index.html serves Leaflet's `dist/` as `leaflet/`).
        // Without it, the first marker makes Leaflet find them by reading a probe element's
        // computed style, which recalculates the whole page's style in the middle of the load.
        if let Some(default) = leaflet_global("Icon").and_then(|i| js_sys::Reflect::get(&i, &"Default".into()).ok()) {
            let _ = js_sys::Reflect::set(&default, &"imagePath".into(), &LEAFLET_IMAGES.into());
        }

        let tile_opts = TileLayerOptions::new();
        tile_opts.set_max_zoom(config.tiles.max_zoom);
        // Not on the map yet: see [`SchemeMap::show_tiles`].
        let tiles = TileLayer::new_options(&config.tiles.url, &tile_opts);

        let popup_opts = PopupOptions::new();
        popup_opts.set_max_width(320.0);
        popup_opts.set_min_width(200.0);
        popup_opts.set_class_name("scheme-popup".into());
        popup_opts.set_auto_pan_padding(leaflet::Point::new(24.0, 24.0));
        let popup = Popup::new(&popup_opts, None);

        let scheme_map = SchemeMap {
            inner: Rc::new(Inner {
                map,
                popup,
                tiles: RefCell::new(Some(tiles)),
                group: RefCell::new(None),
                clustered: Cell::new(false),
                markers: RefCell::new(Rc::from(Vec::new())),
                options: RefCell::new(Rc::from(Vec::new())),
                own: RefCell::new(None),
                spare: RefCell::new(None),
                wanted: RefCell::new(Vec::new()),
                in_group: RefCell::new(Vec::new()),
                attached: RefCell::new(Vec::new()),
                work: RefCell::new(Work::default()),
                scheduled: Cell::new(false),
                dirty: RefCell::new(Vec::new()),
                ms_per_marker: Cell::new(FIRST_MS_PER_MARKER),
                highlighted: Cell::new(None),
                popup_for: Cell::new(None),
                popup_marker: Cell::new(None),
                focus_next_popup: Cell::new(false),
                search_marker: RefCell::new(None),
                search_at: RefCell::new(None),
                resetting: Cell::new(false),
                shown_before: Cell::new(false),
            }),
        };
        scheme_map.keep_keyboard_with_popup();
        Ok(scheme_map)
    }

    /// Escape closes the card from anywhere in the map (Leaflet's own key handling works only
    /// while the map's container itself has focus, not a marker or the card), and keyboard focus
    /// in the card when it closes (Escape, its close button) goes back to its marker, or to the
    /// map when the marker is not in sight, instead of falling to the page's `<body>`.
    fn keep_keyboard_with_popup(&self) {
        let container = self.inner.map.get_container();
        let weak = Rc::downgrade(&self.inner);
        let on_key = Closure::<dyn Fn(JsValue)>::new(move |e: JsValue| {
            let (Some(inner), Ok(e)) = (weak.upgrade(), e.dyn_into::<web_sys::KeyboardEvent>()) else { return };
            // (The Escape that closes the card's Share dialog stops at the dialog.)
            if e.key() == "Escape" && inner.popup_for.get().is_some() {
                e.prevent_default();
                inner.map.close_popup(&inner.popup);
            }
        });
        let _ = container.add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
        on_key.forget();
        let weak = Rc::downgrade(&self.inner);
        let on_remove = Closure::<dyn Fn(JsValue)>::new(move |_e: JsValue| {
            let Some(inner) = weak.upgrade() else { return };
            let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
            let card = inner.popup.get_element();
            // The card leaves the page now, or after its fade: focus was in it, or went with it.
            let was_in_card = match doc.active_element() {
                Some(a) => card.contains(Some(&a)) || doc.body().is_some_and(|b| a == *b),
                None => true,
            };
            if !was_in_card {
                return;
            }
            let marker = inner.popup_marker.get().and_then(|i| inner.marker(i)).and_then(|m| marker_element(&m));
            let target = marker.filter(|el| el.is_connected() && !el.has_attribute("hidden"));
            focus_quietly(target.as_ref().unwrap_or(&inner.map.get_container()));
        });
        self.inner.popup.on("remove", on_remove.as_ref().unchecked_ref());
        on_remove.forget();
    }

    /// Creates one marker per scheme (titled and alt-texted with its name, reachable by keyboard),
    /// in clusters above [`CLUSTER_ABOVE`] schemes; choosing a marker (click, Enter or Space)
    /// calls `on_choose` with the scheme's index. Markers start hidden.
    pub fn set_schemes(&self, schemes: &[Scheme], on_choose: impl Fn(usize) + 'static) {
        // Plain markers when Leaflet.markercluster is missing (see [`load_clustering`]).
        let clustered = clusters(schemes.len()) && leaflet_global("markerClusterGroup").is_some();
        // The full group, and the filtered group (see the module doc), made with the same options
        // (markercluster copies them); their icon function and options only when clustering.
        let (group, spare) = match leaflet_global("markerClusterGroup").filter(|_| clustered) {
            Some(make) => {
                let icon = Closure::<dyn Fn(JsValue) -> JsValue>::new(cluster_icon);
                let opts = options(&[
                    ("iconCreateFunction", icon.as_ref().clone()),
                    ("showCoverageOnHover", false.into()),
                    // The adapter slices the work itself (see `SLICE_MS`), and can drop what a newer
                    // filter makes moot; markercluster's own chunked loading cannot be cancelled.
                    ("chunkedLoading", false.into()),
                    // Clusters split and merge without their own animation: cheaper on every zoom
                    // and filter change (the map's zoom itself still animates).
                    ("animate", false.into()),
                    ("maxClusterRadius", 60.into()),
                    ("disableClusteringAtZoom", UNCLUSTERED_FROM_ZOOM.into()),
                ]);
                icon.forget();
                let [group, spare] = [0, 1].map(|_| make.call1(&JsValue::NULL, &opts).ok());
                (group, spare)
            }
            None => (None, None),
        };
        let spare = spare.filter(|_| group.is_some());
        let group: JsValue = group
            .or_else(|| leaflet_global("featureGroup").and_then(|f| f.call0(&JsValue::NULL).ok()))
            .unwrap_or(JsValue::NULL);
        if group.is_null() {
            return;
        }
        // One handler for every marker: the scheme's index travels in the marker's options.
        let on_choose = Rc::new(on_choose);
        let cb = on_choose.clone();
        let click = Closure::<dyn Fn(JsValue)>::new(move |e: JsValue| {
            if let Some(i) = event_index(&e) {
                cb(i)
            }
        });
        for g in std::iter::once(&group).chain(&spare) {
            call(g, "on", &[&"click".into(), click.as_ref()]);
        }
        click.forget();
        // Leaflet makes the icon a focusable button but only acts on Enter for bound popups:
        // Enter and Space choose the scheme, as a click does.
        let cb = on_choose.clone();
        let weak = Rc::downgrade(&self.inner);
        let key = Closure::<dyn Fn(JsValue)>::new(move |e: JsValue| {
            let original = js_sys::Reflect::get(&e, &JsValue::from_str("originalEvent")).ok();
            let key = original.and_then(|o| o.dyn_into::<web_sys::KeyboardEvent>().ok()).map(|k| {
                let name = k.key();
                if name == "Enter" || name == " " {
                    k.prevent_default();
                }
                name
            });
            if matches!(key.as_deref(), Some("Enter") | Some(" ")) {
                if let Some(i) = event_index(&e) {
                    // Chosen by keyboard: its card takes the focus (it comes after every marker
                    // in the page, so Tab alone would pass all of them first).
                    if let Some(inner) = weak.upgrade() {
                        inner.focus_next_popup.set(true);
                    }
                    cb(i);
                }
            }
        });
        for g in std::iter::once(&group).chain(&spare) {
            call(g, "on", &[&"keypress".into(), key.as_ref()]);
        }
        key.forget();

        let mut markers = Vec::with_capacity(schemes.len());
        let mut kept = Vec::with_capacity(if spare.is_some() { schemes.len() } else { 0 });
        for (i, s) in schemes.iter().enumerate() {
            let opts = MarkerOptions::new();
            opts.set_title(s.name.clone());
            opts.set_alt(s.name.clone());
            opts.set_keyboard(true);
            opts.set_rise_on_hover(true);
            let _ = js_sys::Reflect::set(&opts, &JsValue::from_str(INDEX_KEY), &JsValue::from(i as u32));
            markers.push(Marker::new_with_options(&ll(s.location), &opts));
            if spare.is_some() {
                kept.push(opts);
            }
        }
        let group: leaflet::Layer = group.unchecked_into();
        group.add_to(&self.inner.map);
        self.inner.clustered.set(clustered);
        *self.inner.wanted.borrow_mut() = vec![false; markers.len()];
        *self.inner.in_group.borrow_mut() = vec![false; markers.len()];
        *self.inner.attached.borrow_mut() = vec![false; markers.len()];
        *self.inner.work.borrow_mut() = Work::default();
        *self.inner.dirty.borrow_mut() = vec![false; markers.len()];
        *self.inner.own.borrow_mut() = None;
        *self.inner.options.borrow_mut() = Rc::from(kept);
        *self.inner.spare.borrow_mut() = spare.map(|g| Spare {
            group: g.unchecked_into(),
            own: Some((0..markers.len()).map(|_| OnceCell::new()).collect()),
            in_group: vec![false; markers.len()],
            dirty: vec![false; markers.len()],
        });
        *self.inner.markers.borrow_mut() = Rc::from(markers);
        *self.inner.group.borrow_mut() = Some(group);
        let own = self.inner.spare.borrow().as_ref().and_then(|s| s.own.clone());
        if let Some(own) = own {
            Inner::make_ahead(&self.inner, own, 0);
        }
    }

    /// Shows exactly the markers of these scheme indices and moves the view as `view` says: adds
    /// and removes only the markers that change (or, clustered, starts the group again when most of
    /// its markers leave, which is far cheaper than removing them one by one). Markers leave first,
    /// then the view moves, then markers are added, so clusters are drawn once, at the new zoom.
    /// What does not fit in one slice of [`SLICE_MS`] follows in the next tasks; a later call
    /// replaces the work left.
    ///
    /// Clustered, every scheme on show is the full group's job and anything less the filtered
    /// group's (see the module doc): when that changes, the group on the map leaves it, the view
    /// moves with no cluster group on the map, and the other group goes on the map at the new view
    /// (drawing the clusters in view of what it holds), then gets the markers it lacks.
    pub fn show_only(&self, visible: &[usize], view: View) {
        let started = js_sys::Date::now();
        let Some(mut group) = self.inner.group.borrow().clone() else {
            self.move_view(view);
            return;
        };
        let everything = {
            let mut wanted = self.inner.wanted.borrow_mut();
            wanted.iter_mut().for_each(|w| *w = false);
            for &i in visible {
                if let Some(w) = wanted.get_mut(i) {
                    *w = true;
                }
            }
            wanted.iter().all(|&w| w)
        };
        let full_on_map = self.inner.own.borrow().is_none();
        let swap = self.inner.spare.borrow().is_some() && everything != full_on_map;
        if swap {
            let highlighted = self.inner.highlighted.get().and_then(|i| self.inner.marker(i));
            if let Some(m) = highlighted {
                m.set_z_index_offset(0.0);
            }
            // Off the map: its clusters' and markers' icons leave (as many as are in view).
            self.inner.map.remove_layer(group.unchecked_ref());
            self.inner.swap_groups();
            let Some(g) = self.inner.group.borrow().clone() else { return };
            group = g;
        }
        // Work out the changes in short borrows, then call Leaflet with none held.
        let clear = {
            let wanted = self.inner.wanted.borrow();
            let in_group = self.inner.in_group.borrow();
            let (mut add, mut remove, mut kept) = (Vec::new(), Vec::new(), 0);
            for (i, (&want, &there)) in wanted.iter().zip(in_group.iter()).enumerate() {
                match (want, there) {
                    (true, false) => add.push(i),
                    (false, true) => remove.push(i),
                    (true, true) => kept += 1,
                    (false, false) => {}
                }
            }
            // A group coming back on the map starts empty unless it holds only markers to keep
            // (the same search again): it has no view to remove them from yet.
            let clear = self.inner.clustered.get() && (remove.len() > kept || (swap && !remove.is_empty()));
            if clear {
                add = visible.iter().copied().filter(|&i| i < wanted.len()).collect();
                remove.clear();
            }
            // Added in reverse list order, so the first schemes of the list come first.
            add.reverse();
            *self.inner.work.borrow_mut() = Work { add, remove };
            clear
        };
        if clear && swap {
            self.inner.empty_off_map(&group);
        } else if clear {
            let stale = std::mem::take(&mut *self.inner.in_group.borrow_mut());
            self.inner.in_group.replace(vec![false; stale.len()]);
            self.inner.start_again(&group, stale);
        }
        if !swap {
            Inner::work_a_slice(&self.inner, started, SLICE_MS, true);
        }
        if let Some(p) = self.inner.popup_for.get() {
            let still = self.inner.wanted.borrow().get(p).copied().unwrap_or(false);
            if !still {
                self.inner.map.close_popup(&self.inner.popup);
            }
        }
        self.move_view(view);
        if swap {
            group.add_to(&self.inner.map);
            self.highlight(self.inner.highlighted.get());
        }
        // A later change's markers get their own slice, counted from here: the fit before them
        // (5–9 ms when the zoom changes) used most of it up, leaving room for only the fewest
        // markers, and the rest waited for a task after the frame.
        let (started, slice_ms) = if self.inner.shown_before.replace(true) {
            (js_sys::Date::now(), CHANGE_SLICE_MS)
        } else {
            (started, SLICE_MS)
        };
        Inner::work_a_slice(&self.inner, started, slice_ms, false);
    }

    fn move_view(&self, view: View) {
        match view {
            View::Fit(points) => self.fit(&points),
            View::Preset(center, zoom) => self.set_view(center, zoom),
            View::Keep => {}
        }
    }

    /// Fits the map to these points (the schemes on show, and a search point when there is one),
    /// unless the map already shows them as a fit would.
    fn fit(&self, points: &[LatLng]) {
        let Some(first) = points.first() else { return };
        let bounds = LatLngBounds::new(&ll(*first), &ll(*first));
        for p in &points[1..] {
            bounds.extend(&ll(*p));
        }
        // Not animated: an animation still running when a popup opens would undo the popup's
        // own panning into view (and filters changing should not set the map moving).
        let opts = options(&[("padding", padding(32.0)), ("maxZoom", 14.into()), ("animate", false.into())]);
        if self.fits_already(&bounds, &opts) {
            return;
        }
        self.without_animation(|| self.inner.map.fit_bounds_with_options(&bounds, &opts));
    }

    /// Moves the view without animation (`f`): Leaflet then resets the view, and the outlines'
    /// renderer projects its paths on `viewreset` (see [`SchemeMap::set_district_outlines`]).
    fn without_animation<R>(&self, f: impl FnOnce() -> R) -> R {
        self.inner.resetting.set(true);
        let r = f();
        self.inner.resetting.set(false);
        r
    }

    /// Whether fitting `bounds` would leave the zoom and the centre (to the pixel) as they are.
    /// Asks Leaflet's own sum (`_getBoundsCenterZoom`, what `fitBounds` uses; Leaflet 1.9.4 is
    /// pinned in package-lock.json); without it, never.
    fn fits_already(&self, bounds: &LatLngBounds, opts: &JsValue) -> bool {
        let map: &JsValue = self.inner.map.as_ref();
        let Some(target) = call(map, "_getBoundsCenterZoom", &[bounds.as_ref(), opts]) else { return false };
        let get = |o: &JsValue, k: &str| js_sys::Reflect::get(o, &JsValue::from_str(k)).ok();
        let (Some(center), Some(zoom)) = (get(&target, "center"), get(&target, "zoom").and_then(|z| z.as_f64())) else {
            return false;
        };
        if zoom != self.inner.map.get_zoom() {
            return false;
        }
        // The centre's offset in pixels at this zoom (what `setView` would pan by).
        let Some(offset) = call(map, "_getCenterOffset", &[&center]) else { return false };
        let px = |k: &str| get(&offset, k).and_then(|v| v.as_f64());
        matches!((px("x"), px("y")), (Some(x), Some(y)) if x.abs() < 1.0 && y.abs() < 1.0)
    }

    /// Centres the map on a point at a zoom level (a partner's preset view), without animation.
    fn set_view(&self, center: LatLng, zoom: f64) {
        self.without_animation(|| {
            self.inner.map.set_view_with_options(&ll(center), zoom, &options(&[("animate", false.into())]))
        });
    }

    /// Opens the popup on a scheme's marker with `content` (a DOM node built by Leptos) and pans
    /// so that it is in view. With `focus` (or when the marker was chosen by keyboard), keyboard
    /// focus moves to the card's heading (`.scheme-name`).
    pub fn open_popup(&self, index: usize, at: LatLng, content: &web_sys::Element, focus: bool) {
        self.inner.popup_for.set(Some(index));
        self.inner.popup_marker.set(Some(index));
        let focus = self.inner.focus_next_popup.replace(false) || focus;
        // A card taller than the map scrolls inside the popup (0: no limit, for a map not laid
        // out).
        let height = f64::from(self.inner.map.get_container().client_height());
        let max_height = if height > 0.0 { (height - POPUP_ROOM).max(POPUP_MIN_HEIGHT) } else { 0.0 };
        if let Ok(o) = js_sys::Reflect::get(&self.inner.popup, &JsValue::from_str("options")) {
            let _ = js_sys::Reflect::set(&o, &JsValue::from_str("maxHeight"), &max_height.into());
        }
        self.inner.popup.set_content(content.as_ref());
        let marker = self.inner.marker(index);
        // Open the popup above the marker's icon rather than on its point.
        match marker {
            Some(m) => self.inner.popup.set_lat_lng(m.get_lat_lng().as_ref()),
            None => self.inner.popup.set_lat_lng(ll(at).as_ref()),
        };
        self.inner.map.open_popup(&self.inner.popup);
        // In the next frame: on a phone the map is shown in the same turn, after this.
        if let (true, Some(heading)) = (focus, content.query_selector(".scheme-name").ok().flatten()) {
            let later = Closure::once_into_js(move || focus_quietly(heading.unchecked_ref()));
            let _ = web_sys::window().map(|w| w.request_animation_frame(later.unchecked_ref()));
        }
    }

    /// Closes the popup, if open.
    pub fn close_popup(&self) {
        self.inner.popup_for.set(None);
        self.inner.map.close_popup(&self.inner.popup);
    }

    /// The scheme whose card the popup holds, if it is open.
    pub fn popup_scheme(&self) -> Option<usize> {
        self.inner.popup_for.get()
    }

    /// Calls `f` when the popup closes while it held a scheme's card: the person closed it (close
    /// button, Escape, clicking the map) or its scheme was filtered off the map. Not called when
    /// Rust closed it with [`SchemeMap::close_popup`].
    pub fn on_popup_close(&self, f: impl Fn() + 'static) {
        let inner = Rc::downgrade(&self.inner);
        let cb = Closure::<dyn Fn(JsValue)>::new(move |_e: JsValue| {
            if let Some(inner) = inner.upgrade() {
                if inner.popup_for.take().is_some() {
                    f();
                }
            }
        });
        self.inner.popup.on("remove", cb.as_ref().unchecked_ref());
        cb.forget();
    }

    /// Marks one scheme's marker as the selected one (drawn on top, with a highlight ring).
    pub fn highlight(&self, index: Option<usize>) {
        let old = self.inner.highlighted.replace(index);
        let (old, new) = (old.and_then(|i| self.inner.marker(i)), index.and_then(|i| self.inner.marker(i)));
        if let Some(old) = old {
            old.set_z_index_offset(0.0);
            if let Some(el) = marker_element(&old) {
                let _ = el.class_list().remove_1("marker-selected");
            }
        }
        if let Some(new) = new {
            new.set_z_index_offset(1000.0);
            if let Some(el) = marker_element(&new) {
                let _ = el.class_list().add_1("marker-selected");
            }
        }
    }

    /// Shows the "you searched here" marker at `at` (or removes it). It is a plain round marker,
    /// different from the schemes' pins, titled with what was searched. The same point again (a
    /// filter change) leaves it as it is.
    pub fn set_search_point(&self, at: Option<(LatLng, String)>) {
        if *self.inner.search_at.borrow() == at {
            return;
        }
        self.inner.search_at.replace(at.clone());
        let old = self.inner.search_marker.borrow_mut().take();
        if let Some(old) = old {
            old.remove();
        }
        let Some((p, label)) = at else { return };
        let opts = MarkerOptions::new();
        if let Some(icon) = div_icon("search-point-icon", 22.0) {
            opts.set_icon(icon);
        }
        opts.set_title(format!("You searched here: {label}"));
        opts.set_alt(format!("You searched here: {label}"));
        opts.set_keyboard(false);
        opts.set_interactive(false);
        opts.set_z_index_offset(-100.0);
        let m = Marker::new_with_options(&ll(p), &opts);
        m.add_to(&self.inner.map);
        let replaced = self.inner.search_marker.borrow_mut().replace(m);
        if let Some(stale) = replaced {
            stale.remove();
        }
    }

    /// Draws the districts' outlines, so the map shows the area even when tiles cannot load:
    /// `polygons` is the JSON array of geometries [`crate::district::outlines`] makes of the
    /// site's `districts.geojson` (polygons only: no point becomes a marker, and no names or other
    /// properties reach the page). Text that is not JSON is ignored.
    pub fn set_district_outlines(&self, polygons: &str) {
        let Ok(data) = js_sys::JSON::parse(polygons) else { return };
        let style = options(&[
            ("color", "#005a9c".into()),
            ("weight", 1.5.into()),
            ("opacity", 0.7.into()),
            ("fillColor", "#005a9c".into()),
            ("fillOpacity", 0.06.into()),
            ("interactive", false.into()),
        ]);
        // `L.geoJSON` (the leaflet crate binds it in a private module).
        let Some(make) = leaflet_global("geoJSON") else { return };
        // Drawn on one canvas rather than as SVG paths: after each zoom change (a filter change
        // fits the map) Leaflet re-projects the outlines either way, but a canvas is painted in
        // one go instead of rewriting every path's `d` attribute for the browser to style and
        // paint again. The canvas lets clicks through to the map (style/app.css).
        let renderer =
            leaflet_global("canvas").and_then(|f| f.call0(&JsValue::NULL).ok()).unwrap_or(JsValue::UNDEFINED);
        // Not simplified again on every zoom change (`smoothFactor` 0): the data tool already
        // generalised the outlines, and Leaflet's Douglas-Peucker pass over their points was the
        // largest part of redrawing them (~4 ms of a filter change's fit at 24 schemes), more
        // than drawing the few points it would drop.
        let opts = options(&[
            ("style", style),
            ("interactive", false.into()),
            ("renderer", renderer.clone()),
            ("smoothFactor", 0.into()),
        ]);
        if let Ok(layer) = make.call2(&JsValue::NULL, &data, &opts) {
            layer.unchecked_into::<leaflet::Layer>().add_to(&self.inner.map);
            self.project_once_per_reset(&renderer);
        }
    }

    /// A zoom change without animation (every fit of the adapter's) makes Leaflet's renderer
    /// project its paths twice: on `zoomend` (`_onZoomEnd`, there for animated zooms) and again on
    /// the `viewreset` that follows (`_reset`). For the district outlines that is thousands of
    /// points projected for nothing on every filter change that zooms (~2 to 3 ms). So the
    /// renderer's `zoomend` handler is replaced by one that skips the projection while the adapter
    /// resets the view; a zoom by the person (animated) projects as before. Leaflet 1.9.4's
    /// `Renderer` (pinned in package-lock.json); without `_onZoomEnd`, nothing changes.
    fn project_once_per_reset(&self, renderer: &JsValue) {
        let Ok(on_zoom_end) = js_sys::Reflect::get(renderer, &JsValue::from_str("_onZoomEnd")) else { return };
        if !on_zoom_end.is_function() {
            return;
        }
        let map: &JsValue = self.inner.map.as_ref();
        let zoomend = JsValue::from_str("zoomend");
        call(map, "off", &[&zoomend, &on_zoom_end, renderer]);
        let inner = Rc::downgrade(&self.inner);
        let renderer = renderer.clone();
        let handler = Closure::<dyn Fn()>::new(move || {
            if inner.upgrade().is_some_and(|i| !i.resetting.get()) {
                call(&renderer, "_onZoomEnd", &[]);
            }
        });
        call(map, "on", &[&zoomend, handler.as_ref()]);
        handler.forget();
    }

    /// Puts the tile layer on the map (once). Called once the map is in sight and its first view
    /// is set: tiles are then asked for that view only, not for the configured centre first, and
    /// not at all for a map hidden behind the list on a phone until the person opens it.
    pub fn show_tiles(&self) {
        let tiles = self.inner.tiles.borrow_mut().take();
        if let Some(t) = tiles {
            t.add_to(&self.inner.map);
        }
    }

    /// Tells Leaflet its container changed size (e.g. the phone layout switched to the map).
    pub fn refresh_size(&self) {
        self.inner.map.invalidate_size(false);
    }
}
