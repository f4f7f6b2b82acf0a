//! Fetching: the configuration, the schemes file, the district outlines and the postcode lookups,
//! with messages a person can act on. The only module that fetches.
//!
//! No request waits for ever and none reads without limit: each has a timeout (the
//! configuration's `timeout_seconds`, 15 s by default; `config.json` itself always uses the
//! default) and a size cap ([`Limits`]); the body is read as a stream and the request is aborted
//! as soon as it passes the cap. Nothing optional holds up the schemes: [`load`] returns once the
//! schemes are read, and the postcode metadata ([`choose_lookup`], asked for beside the schemes)
//! and the district outlines arrive when they do.
//!
//! Requests use the browser's `fetch` directly (no library between, which keeps the wasm small),
//! and the shipped schemes file is asked for at once, beside `config.json`.

use crate::config::{Config, DEFAULT_JSON, DEFAULT_TIMEOUT_SECONDS};
use crate::dataset::{self, Dataset};
use crate::nearby::LookupSource;
use leptos::prelude::{RwSignal, Set};
use leptos::task::spawn_local;
use std::cell::{Cell, RefCell};
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
    /// `config.json` was there but could not be used, so the built-in configuration is shown.
    pub config_rejected: bool,
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
/// The schemes file: under 1 KB a scheme, so room for more than 50,000 schemes (the most the
/// map is built and measured for, issue 9; the data tool reads spreadsheets of that size too).
pub const SCHEMES_MAX_BYTES: usize = 48 * MB;
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
        crate::number::fixed(s, 0)
    } else {
        crate::number::plain(s)
    }
}

fn size(bytes: usize) -> String {
    if bytes >= MB {
        format!("{} MB", bytes / MB)
    } else {
        format!("{} KB", bytes / KB)
    }
}

/// A schemes file this large (as declared by its answer, before its body is read) takes longer to
/// read and parse than the page takes to render without it (about 700 schemes uncompressed).
const BIG_ANSWER_BYTES: usize = 512 * KB;

/// Loads `config.json` (falling back to the shipped configuration) and the schemes file together:
/// the shipped data address is asked for at once, beside the configuration, and asked for again
/// only when the loaded configuration names another. Once the configuration is known, the postcode
/// metadata is asked for beside the schemes: the lookup starts [`LookupSource::Pending`] and is
/// set when it is known, never holding up the schemes. `on_big` is called when the shipped
/// schemes file's answer declares a large body, before it is read (the UI mounts then, while the
/// body comes and is parsed).
pub async fn load(on_big: &dyn Fn()) -> Result<Loaded, String> {
    let shipped_url = Config::shipped().data_url;
    let early = web_sys::AbortController::new().map_err(|_| "The list of schemes could not be loaded.".to_string())?;
    // The early request's timer starts once the configuration (and so its timeout) is known.
    let early_deadline: Rc<RefCell<Option<Deadline>>> = Rc::new(RefCell::new(None));
    let config_side = {
        let early = early.clone();
        let early_deadline = early_deadline.clone();
        let shipped_url = shipped_url.clone();
        async move {
            let (config, config_rejected) = load_config().await;
            if config.data_url == shipped_url {
                *early_deadline.borrow_mut() = Some(Deadline::start(&early, config.timeout_seconds));
            } else {
                early.abort();
            }
            let lookup = RwSignal::new(LookupSource::Pending);
            ask_for_lookup(lookup, config.clone());
            (config, config_rejected, lookup)
        }
    };
    let ((config, config_rejected, lookup), early_answer) =
        futures::join!(config_side, fetch_within(&shipped_url, SCHEMES_MAX_BYTES, &early, on_big));
    let limits = Limits { timeout_seconds: config.timeout_seconds, max_bytes: SCHEMES_MAX_BYTES };
    let answer = if config.data_url == shipped_url {
        let timed_out = early_deadline.borrow_mut().take().is_some_and(|d| d.finish());
        outcome(early_answer, timed_out, &early, limits)
    } else {
        fetch(&config.data_url, limits).await
    };
    let what = "The list of schemes could not be loaded";
    let (status, text) = answer.map_err(|e| format!("{what}: {}.", e.describe()))?;
    if !(200..300).contains(&status.code) {
        return Err(format!("{what}: the server answered {} {}.", status.code, status.text));
    }
    if crate::ui::leaflet_adapter::clusters(dataset::rough_count(&text)) {
        // The map will cluster: its plug-in loads while the file is parsed.
        crate::ui::leaflet_adapter::start_clustering();
    }
    // Said for the person first; the file's fault, for the site's owner, after it.
    let dataset = dataset::load(&text, &config.area.districts).map_err(|e| {
        format!("The list of schemes is damaged and could not be read. Please try again later; if this keeps happening, tell the website's owner. ({e})")
    })?;
    Ok(Loaded { config, dataset, lookup, config_rejected })
}

/// Asks for the build's postcode metadata in the background ([`choose_lookup`]); `lookup` is set
/// once it is known (and is [`LookupSource::Pending`] until then).
pub fn ask_for_lookup(lookup: RwSignal<LookupSource>, config: Config) {
    lookup.set(LookupSource::Pending);
    spawn_local(async move {
        lookup.try_set(choose_lookup(&config).await);
    });
}

/// Asks for the build's postcode metadata: the site's answer says whether postcodes are looked up
/// in the build's files or online; no answer leaves it to the next search
/// ([`LookupSource::from_answer`]).
pub async fn choose_lookup(config: &Config) -> LookupSource {
    let limits = Limits { timeout_seconds: config.timeout_seconds, max_bytes: POSTCODE_META_MAX_BYTES };
    let Some(url) = LookupSource::meta_url(&config.postcodes) else {
        return LookupSource::choose(None, &config.postcodes);
    };
    match fetch(&url, limits).await {
        Ok((status, body)) => LookupSource::from_answer(Ok((status.code, &body)), &config.postcodes),
        // Not a metadata file, whatever it is.
        Err(FetchError::TooLarge(_)) => LookupSource::choose(None, &config.postcodes),
        Err(e) => LookupSource::from_answer(Err(e.describe()), &config.postcodes),
    }
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

/// The deployed configuration, or the built-in one: with `true` when `config.json` was there but
/// invalid (each problem goes to the console with its field). A missing or failed file is only
/// logged: the built-in configuration is then what the site means.
pub async fn load_config() -> (Config, bool) {
    let limits = Limits { timeout_seconds: DEFAULT_TIMEOUT_SECONDS, max_bytes: CONFIG_MAX_BYTES };
    let problem = match fetch("config.json", limits).await {
        // The deployed file is most often the shipped one, already read at start (it is
        // `Config::shipped()`): the same text is not parsed and checked a second time.
        Ok((status, text)) if status.code == 200 && text == DEFAULT_JSON => return (Config::shipped(), false),
        Ok((status, text)) if status.code == 200 => match Config::from_json(&text) {
            Ok(c) => return (c, false),
            Err(e) => {
                for p in &e.0 {
                    let line =
                        format!("config.json, field {}: {}. Using the built-in configuration.", p.field, p.message);
                    web_sys::console::warn_1(&crate::shown::cap(&line, 400).into());
                }
                return (Config::shipped(), true);
            }
        },
        Ok((status, _)) => format!("config.json: the server answered {}", status.code),
        Err(e) => format!("config.json could not be loaded: {}", e.describe()),
    };
    web_sys::console::warn_1(&format!("Using the built-in configuration: {problem}").into());
    (Config::shipped(), false)
}

/// An answer's status line.
#[derive(Clone, Debug, PartialEq)]
pub struct Status {
    pub code: u16,
    pub text: String,
}

/// Fetches a URL within `limits`: the status and the body (read as UTF-8 as the browser's own
/// `text()` reads it: invalid bytes replaced, a leading byte-order mark dropped), whatever the
/// status.
pub async fn fetch(url: &str, limits: Limits) -> Result<(Status, String), FetchError> {
    let controller = web_sys::AbortController::new().map_err(|_| FetchError::Connection)?;
    let deadline = Deadline::start(&controller, limits.timeout_seconds);
    let result = fetch_within(url, limits.max_bytes, &controller, &|| {}).await;
    let timed_out = deadline.finish();
    outcome(result, timed_out, &controller, limits)
}

/// A request's result in the terms of its limits: a failure after its timer fired is a timeout.
fn outcome(
    result: Result<(Status, String), FetchError>,
    timed_out: bool,
    controller: &web_sys::AbortController,
    limits: Limits,
) -> Result<(Status, String), FetchError> {
    match result {
        Err(FetchError::TooLarge(n)) => {
            controller.abort();
            Err(FetchError::TooLarge(n))
        }
        Err(_) if timed_out => Err(FetchError::TimedOut(limits.timeout_seconds)),
        other => other,
    }
}

/// A request's timer: aborts the request when it fires.
struct Deadline {
    timed_out: Rc<Cell<bool>>,
    timer: Option<i32>,
    _on_timeout: Closure<dyn FnMut()>,
}

impl Deadline {
    fn start(controller: &web_sys::AbortController, seconds: f64) -> Deadline {
        let timed_out = Rc::new(Cell::new(false));
        let on_timeout = {
            let controller = controller.clone();
            let timed_out = timed_out.clone();
            Closure::<dyn FnMut()>::once(move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let ms = (seconds * 1000.0).clamp(1.0, i32::MAX as f64) as i32;
        let timer = web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(on_timeout.as_ref().unchecked_ref(), ms).ok()
        });
        Deadline { timed_out, timer, _on_timeout: on_timeout }
    }

    /// Stops the timer; whether it had fired.
    fn finish(self) -> bool {
        self.timed_out.get()
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        // The timer can no longer call the closure once it is dropped.
        if let (Some(id), Some(w)) = (self.timer, web_sys::window()) {
            w.clear_timeout_with_handle(id);
        }
    }
}

async fn fetch_within(
    url: &str,
    max_bytes: usize,
    controller: &web_sys::AbortController,
    on_big: &dyn Fn(),
) -> Result<(Status, String), FetchError> {
    let init = web_sys::RequestInit::new();
    init.set_signal(Some(&controller.signal()));
    let window = web_sys::window().ok_or(FetchError::Connection)?;
    let answer =
        JsFuture::from(window.fetch_with_str_and_init(url, &init)).await.map_err(|_| FetchError::Connection)?;
    let resp: web_sys::Response = answer.dyn_into().map_err(|_| FetchError::Connection)?;
    let status = Status { code: resp.status(), text: resp.status_text() };
    let declared = resp.headers().get("content-length").ok().flatten().and_then(|n| n.trim().parse::<usize>().ok());
    if declared.is_some_and(|n| n > max_bytes) {
        return Err(FetchError::TooLarge(max_bytes));
    }
    if declared.is_some_and(|n| n > BIG_ANSWER_BYTES) {
        on_big();
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
    // A byte-order mark is not text (an editor on Windows may put one before any file's JSON).
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    Ok((status, String::from_utf8_lossy(text).into_owned()))
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
