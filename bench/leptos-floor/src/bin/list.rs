#[path = "../list_app.rs"]
mod list_app;

use list_app::Item;

fn main() {
    list_app::run(vec![
        Item { id: 0, title: "Learn Leptos".to_string(), done: true },
        Item { id: 1, title: "Measure the wasm".to_string(), done: false },
    ]);
}
