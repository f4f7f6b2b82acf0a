//! Fetching: the configuration, the schemes file, the district outlines and the postcode lookups,
//! with messages a person can act on. The only module that fetches.
//!
//! No request waits for ever and none reads without limit: each has a timeout (the
//! configuration's `timeout_seconds`, 15 s by default; `config.json` itself always uses the
//! default) and a size cap ([`Limits`]); the body is read as a stream and the request is aborted
//! as soon as it passes the cap. Nothing optional holds up the schemes: [`load`] returns once the
//! schemes are read, and the postcode metadata ([`choose_lookup`]) and the district outlines are
//! fetched after.

use crate::config::{Config, DEFAULT_TIMEOUT_SECONDS};
use crate::dataset::{self, Dataset};
use crate::nearby::LookupSource;
use gloo_net::http::Request;
use leptos::prelude::RwSignal;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// What the app needs to show the map.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub config: Config,
    pub dataset: Dataset,
    /// Where postcodes are looked up: the build's own files, else the configured online service;
    /// [`LookupSource::Pending`] until the postcode metadata has been asked for. A signal of its
    /// own, so that learning it later does not touch what depends on the schemes (the map would
    /// fit its bounds again and undo a popup's panning into view).
    pub lookup: RwSignal<LookupSource>,
}

/// How long a request may take and how much it may read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    pub timeout_seconds: f64,
    pub max_bytes: usize,
}

const KB: usize = 1024;
const MB: usize = 1024 * 1024;

/// `config.json`: a few kilobytes.
pub const CONFIG_MAX_BYTES: usize = 256 * KB;
/// The schemes file: about 1 KB a scheme, so room for about 5,000 schemes.
pub const SCHEMES_MAX_BYTES: usize = 5 * MB;
/// The district outlines (simplified boundaries, a few hundred KB for a county).
pub const DISTRICTS_MAX_BYTES: usize = 5 * MB;
/// `postcodes/meta.json`: a few lines.
pub const POSTCODE_META_MAX_BYTES: usize = 64 * KB;
/// One postcode file (an outcode's sectors) or one answer of the online lookup.
pub const POSTCODE_MAX_BYTES: usize = MB;

/// Why a request gave no usable answer.
#[derive(Clone, Debug, PartialEq)]
pub enum FetchError {
    /// No answer: the connection failed.
    Connection,
    /// No complete answer within the timeout.
    TimedOut(f64),
    /// The answer is larger than the cap.
    TooLarge(usize),
}

impl FetchError {
    /// What went wrong, to follow "… could not be loaded: ".
    pub fn describe(&self) -> String {
        match self {
            FetchError::Connection => "the connection failed. Check your internet connection".into(),
            FetchError::TimedOut(s) => format!("the server did not answer within {} seconds", seconds(*s)),
            FetchError::TooLarge(max) => format!("the answer is larger than {}, the most this page reads", size(*max)),
        }
    }
}

fn seconds(s: f64) -> String {
    if s.fract() == 0.0 {
        format!("{s:.0}")
    } else {
        format!("{s}")
    }
}

fn size(bytes: usize) -> String {
    if bytes >= MB {
        format!("{} MB", bytes / MB)
    } else {
        format!("{} KB", bytes / KB)
    }
}

/// Loads `config.json` (falling back to the shipped configuration) and then the schemes file.
/// The postcode lookup is left [`LookupSource::Pending`]: see [`choose_lookup`].
pub async fn load() -> Result<Loaded, String> {
    let config = load_config().await;
    let limits = Limits { timeout_seconds: config.timeout_seconds, max_bytes: SCHEMES_MAX_BYTES };
    let what = "The list of schemes could not be loaded";
    let (status, text) = fetch(&config.data_url, limits).await.map_err(|e| format!("{what}: {}.", e.describe()))?;
    if !(200..300).contains(&status.code) {
        return Err(format!("{what}: the server answered {} {}.", status.code, status.text));
    }
    let dataset = dataset::load(&text, &config.area.districts).map_err(|e| e.to_string())?;
    Ok(Loaded { config, dataset, lookup: RwSignal::new(LookupSource::Pending) })
}

/// Asks for the build's postcode metadata; its absence (or no answer in time) means the online
/// lookup.
pub async fn choose_lookup(config: &Config) -> LookupSource {
    let limits = Limits { timeout_seconds: config.timeout_seconds, max_bytes: POSTCODE_META_MAX_BYTES };
    let answer = match LookupSource::meta_url(&config.postcodes) {
        Some(url) => fetch(&url, limits).await.ok(),
        None => None,
    };
    LookupSource::choose(answer.as_ref().map(|(status, body)| (status.code, body.as_str())), &config.postcodes)
}

/// The district outlines' text, when they came (they are optional: any failure is `None`).
pub async fn district_outlines(url: &str, config: &Config) -> Option<String> {
    let limits = Limits { timeout_seconds: config.timeout_seconds, max_bytes: DISTRICTS_MAX_BYTES };
    match fetch(url, limits).await {
        Ok((status, text)) if status.code == 200 => Some(text),
        _ => None,
    }
}

/// One postcode lookup: the answer's status code and body, whatever the status.
pub async fn postcode_answer(url: &str, config: &Config) -> Result<(u16, String), FetchError> {
    let limits = Limits { timeout_seconds: config.timeout_seconds, max_bytes: POSTCODE_MAX_BYTES };
    fetch(url, limits).await.map(|(status, body)| (status.code, body))
}

/// Loads `config.json`, falling back to the shipped configuration (with a console warning).
pub async fn load_config() -> Config {
    let limits = Limits { timeout_seconds: DEFAULT_TIMEOUT_SECONDS, max_bytes: CONFIG_MAX_BYTES };
    let problem = match fetch("config.json", limits).await {
        Ok((status, text)) if status.code == 200 => match Config::from_json(&text) {
            Ok(c) => return c,
            Err(e) => e,
        },
        Ok((status, _)) => format!("config.json: the server answered {}", status.code),
        Err(e) => format!("config.json could not be loaded: {}", e.describe()),
    };
    web_sys::console::warn_1(&format!("Using the built-in configuration: {problem}").into());
    Config::shipped()
}

/// An answer's status line.
#[derive(Clone, Debug, PartialEq)]
pub struct Status {
    pub code: u16,
    pub text: String,
}

/// Fetches a URL within `limits`: the status and the body (read as UTF-8, invalid bytes
/// replaced), whatever the status.
pub async fn fetch(url: &str, limits: Limits) -> Result<(Status, String), FetchError> {
    let controller = web_sys::AbortController::new().map_err(|_| FetchError::Connection)?;
    let timed_out = Rc::new(Cell::new(false));
    let on_timeout = {
        let controller = controller.clone();
        let timed_out = timed_out.clone();
        Closure::<dyn FnMut()>::once(move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let ms = (limits.timeout_seconds * 1000.0).clamp(1.0, i32::MAX as f64) as i32;
    let timer = web_sys::window().and_then(|w| {
        w.set_timeout_with_callback_and_timeout_and_arguments_0(on_timeout.as_ref().unchecked_ref(), ms).ok()
    });
    let result = fetch_within(url, limits.max_bytes, &controller).await;
    if let (Some(id), Some(w)) = (timer, web_sys::window()) {
        w.clear_timeout_with_handle(id);
    }
    // The timer can no longer call it.
    drop(on_timeout);
    match result {
        Err(FetchError::TooLarge(n)) => {
            controller.abort();
            Err(FetchError::TooLarge(n))
        }
        Err(_) if timed_out.get() => Err(FetchError::TimedOut(limits.timeout_seconds)),
        other => other,
    }
}

async fn fetch_within(
    url: &str,
    max_bytes: usize,
    controller: &web_sys::AbortController,
) -> Result<(Status, String), FetchError> {
    let signal = controller.signal();
    let resp = Request::get(url).abort_signal(Some(&signal)).send().await.map_err(|_| FetchError::Connection)?;
    let status = Status { code: resp.status(), text: resp.status_text() };
    let declared = resp.headers().get("content-length").and_then(|n| n.trim().parse::<usize>().ok());
    if declared.is_some_and(|n| n > max_bytes) {
        return Err(FetchError::TooLarge(max_bytes));
    }
    let Some(body) = resp.body() else { return Ok((status, String::new())) };
    let reader = call(&body, "getReader", &[]).map_err(|_| FetchError::Connection)?;
    let mut bytes = Vec::new();
    loop {
        let promise = call(&reader, "read", &[]).map_err(|_| FetchError::Connection)?;
        let chunk = JsFuture::from(js_sys::Promise::from(promise)).await.map_err(|_| FetchError::Connection)?;
        if get(&chunk, "done").as_bool().unwrap_or(true) {
            break;
        }
        let value = js_sys::Uint8Array::new(&get(&chunk, "value"));
        if bytes.len() + value.length() as usize > max_bytes {
            let _ = call(&reader, "cancel", &[]);
            return Err(FetchError::TooLarge(max_bytes));
        }
        let start = bytes.len();
        bytes.resize(start + value.length() as usize, 0);
        value.copy_to(&mut bytes[start..]);
    }
    Ok((status, String::from_utf8_lossy(&bytes).into_owned()))
}

fn get(target: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(target, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// Calls a method of a JS object by name (for the stream reader, which web-sys binds only behind
/// extra features).
fn call(target: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = get(target, name).dyn_into()?;
    f.apply(target, &args.iter().collect::<js_sys::Array>())
}
