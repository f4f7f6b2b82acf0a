#[path = "../list_app.rs"]
mod list_app;

use list_app::Item;
use serde::Deserialize;

/// About as rich as one record of our data: strings, numbers, a list and an optional field.
#[derive(Deserialize)]
struct Record {
    id: u32,
    title: String,
    done: bool,
    provider: String,
    price: f64,
    distance_km: f64,
    tags: Vec<String>,
    website: Option<String>,
}

static DATA: &str = r#"[
  {"id": 0, "title": "Learn Leptos", "done": true, "provider": "Council", "price": 2.5,
   "distance_km": 1.25, "tags": ["gym", "swim"], "website": "https://example.org/a"},
  {"id": 1, "title": "Measure the wasm", "done": false, "provider": "Trust", "price": 0.0,
   "distance_km": 12.0, "tags": [], "website": null},
  {"id": 2, "title": "Set a size target", "done": false, "provider": "NHS", "price": 10.75,
   "distance_km": 3.5, "tags": ["walk"]}
]"#;

fn main() {
    let records: Vec<Record> = serde_json::from_str(DATA).unwrap_or_default();
    let items = records
        .into_iter()
        .map(|r| Item {
            id: r.id,
            // Use every field, so none of the parsing is optimised away.
            title: format!(
                "{} ({}, £{}, {} km, {}{})",
                r.title,
                r.provider,
                r.price,
                r.distance_km,
                r.tags.join("/"),
                r.website.map(|w| format!(", {w}")).unwrap_or_default()
            ),
            done: r.done,
        })
        .collect();
    list_app::run(items);
}
