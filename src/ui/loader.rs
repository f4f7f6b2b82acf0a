//! Fetching the configuration and the schemes file, with messages a person can act on.

use crate::config::Config;
use crate::dataset::{self, Dataset};
use crate::nearby::LookupSource;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// What the app needs to show the map.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub config: Config,
    pub dataset: Dataset,
    /// Where postcodes are looked up: the build's own files, else the configured online service.
    pub lookup: LookupSource,
}

/// Loads `config.json` (falling back to the shipped configuration) and the schemes file together:
/// the shipped data address is fetched at once, beside the configuration, and fetched again only
/// when the loaded configuration names another. The postcode metadata is asked for beside the
/// schemes file.
pub async fn load() -> Result<Loaded, String> {
    let shipped_url = Config::shipped().data_url;
    let config_and_lookup = async {
        let config = load_config().await;
        let lookup = choose_lookup(&config).await;
        (config, lookup)
    };
    let ((config, lookup), early) = futures::join!(config_and_lookup, fetch_text(&shipped_url));
    let text = if config.data_url == shipped_url { early } else { fetch_text(&config.data_url).await };
    let dataset = dataset::load(&text?, &config.area.districts).map_err(|e| e.to_string())?;
    Ok(Loaded { config, dataset, lookup })
}

/// Asks for the build's postcode metadata; its absence means the online lookup.
async fn choose_lookup(config: &Config) -> LookupSource {
    let answer = match LookupSource::meta_url(&config.postcodes) {
        Some(url) => fetch_answer(&url).await.ok(),
        None => None,
    };
    LookupSource::choose(answer.as_ref().map(|(status, body)| (*status, body.as_str())), &config.postcodes)
}

/// Asks for a URL with the browser's `fetch` (a plain GET; no library between, which keeps the
/// wasm small); `Err` when no answer came.
async fn get(url: &str) -> Result<web_sys::Response, ()> {
    let window = web_sys::window().ok_or(())?;
    let answer = JsFuture::from(window.fetch_with_str(url)).await.map_err(|_| ())?;
    answer.dyn_into::<web_sys::Response>().map_err(|_| ())
}

/// The body of an answer as text; `Err` when it could not be read.
async fn body_text(resp: &web_sys::Response) -> Result<String, ()> {
    let promise = resp.text().map_err(|_| ())?;
    JsFuture::from(promise).await.map_err(|_| ())?.as_string().ok_or(())
}

/// Fetches a URL and returns its status and body, whatever the status; `Err` when no answer came.
pub async fn fetch_answer(url: &str) -> Result<(u16, String), ()> {
    let resp = get(url).await?;
    let status = resp.status();
    let body = body_text(&resp).await.unwrap_or_default();
    Ok((status, body))
}

async fn load_config() -> Config {
    match fetch_text("config.json").await {
        Ok(text) => Config::from_json(&text).unwrap_or_else(|e| {
            web_sys::console::warn_1(&format!("Using the built-in configuration: {e}").into());
            Config::shipped()
        }),
        Err(_) => Config::shipped(),
    }
}

/// Fetches a text file, turning every failure into a sentence.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let resp = get(url).await.map_err(|_| {
        "The list of schemes could not be loaded: the connection failed. Check your internet connection.".to_string()
    })?;
    if !resp.ok() {
        return Err(format!(
            "The list of schemes could not be loaded: the server answered {} {}.",
            resp.status(),
            resp.status_text()
        ));
    }
    body_text(&resp).await.map_err(|_| "The list of schemes could not be read.".to_string())
}
