use leptos::prelude::*;

#[component]
fn App() -> impl IntoView {
    let count = RwSignal::new(0);
    view! {
        <button on:click=move |_| *count.write() += 1>"Click me"</button>
        <p>"Count: " {move || count.get()}</p>
    }
}

fn main() {
    leptos::mount::mount_to_body(App);
}
