//! Fetching the configuration and the schemes file, with messages a person can act on.

use crate::config::Config;
use crate::dataset::{self, Dataset};
use crate::nearby::LookupSource;
use gloo_net::http::Request;

/// What the app needs to show the map.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub config: Config,
    pub dataset: Dataset,
    /// Where postcodes are looked up: the build's own files, else the configured online service.
    pub lookup: LookupSource,
}

/// Loads `config.json` (falling back to the shipped configuration) and then the schemes file.
pub async fn load() -> Result<Loaded, String> {
    let config = load_config().await;
    let text = fetch_text(&config.data_url).await?;
    let dataset = dataset::load(&text, &config.area.districts).map_err(|e| e.to_string())?;
    let lookup = choose_lookup(&config).await;
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

/// Fetches a URL and returns its status and body, whatever the status; `Err` when no answer came.
pub async fn fetch_answer(url: &str) -> Result<(u16, String), ()> {
    let resp = Request::get(url).send().await.map_err(|_| ())?;
    let status = resp.status();
    let body = resp.text().await.unwrap_or_default();
    Ok((status, body))
}

/// Loads `config.json`, falling back to the shipped configuration (with a console warning).
pub async fn load_config() -> Config {
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
    let resp = Request::get(url).send().await.map_err(|_| {
        "The list of schemes could not be loaded: the connection failed. Check your internet connection.".to_string()
    })?;
    if !resp.ok() {
        return Err(format!(
            "The list of schemes could not be loaded: the server answered {} {}.",
            resp.status(),
            resp.status_text()
        ));
    }
    resp.text().await.map_err(|_| "The list of schemes could not be read.".to_string())
}
