// The todomvc-like app shared by the `list` and `list_serde` binaries.
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub id: u32,
    pub title: String,
    pub done: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Filter {
    All,
    Active,
    Done,
}

impl Filter {
    fn from_value(s: &str) -> Filter {
        match s {
            "active" => Filter::Active,
            "done" => Filter::Done,
            _ => Filter::All,
        }
    }

    fn keeps(self, item: &Item) -> bool {
        match self {
            Filter::All => true,
            Filter::Active => !item.done,
            Filter::Done => item.done,
        }
    }
}

/// The shared state, handed to the rows through context.
#[derive(Clone, Copy)]
struct Todos {
    items: RwSignal<Vec<Item>>,
    next_id: StoredValue<u32>,
}

impl Todos {
    fn add(&self, title: String) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        self.items.update(|v| v.push(Item { id, title, done: false }));
    }

    fn toggle(&self, id: u32, done: bool) {
        self.items.update(|v| {
            if let Some(item) = v.iter_mut().find(|i| i.id == id) {
                item.done = done;
            }
        });
    }

    fn remove(&self, id: u32) {
        self.items.update(|v| v.retain(|i| i.id != id));
    }
}

#[component]
fn App(initial: Vec<Item>) -> impl IntoView {
    let next = initial.iter().map(|i| i.id + 1).max().unwrap_or(0);
    let todos = Todos { items: RwSignal::new(initial), next_id: StoredValue::new(next) };
    provide_context(todos);

    let draft = RwSignal::new(String::new());
    let filter = RwSignal::new(Filter::All);
    let remaining = Memo::new(move |_| todos.items.with(|v| v.iter().filter(|i| !i.done).count()));

    Effect::new(move |_| {
        let n = remaining.get();
        document().set_title(&format!("{n} left"));
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let title = draft.get_untracked().trim().to_string();
        if !title.is_empty() {
            todos.add(title);
            draft.set(String::new());
        }
    };

    let shown = move || {
        let f = filter.get();
        todos.items.with(|v| v.iter().filter(|i| f.keeps(i)).cloned().collect::<Vec<_>>())
    };

    view! {
        <h1>"todos"</h1>
        <form on:submit=on_submit>
            <input
                type="text"
                placeholder="What needs to be done?"
                prop:value=move || draft.get()
                on:input=move |ev| draft.set(event_target_value(&ev))
            />
            <button type="submit">"Add"</button>
        </form>
        <select on:change=move |ev| filter.set(Filter::from_value(&event_target_value(&ev)))>
            <option value="all">"All"</option>
            <option value="active">"Active"</option>
            <option value="done">"Done"</option>
        </select>
        <Show
            when=move || todos.items.with(|v| !v.is_empty())
            fallback=|| view! { <p class="empty">"Nothing to do."</p> }
        >
            <ul>
                <For each=shown key=|item| item.id let:item>
                    <ItemRow id=item.id title=item.title/>
                </For>
            </ul>
            <p>{move || remaining.get()} " items left"</p>
        </Show>
    }
}

#[component]
fn ItemRow(id: u32, title: String) -> impl IntoView {
    let todos = expect_context::<Todos>();
    let done = move || todos.items.with(|v| v.iter().find(|i| i.id == id).map(|i| i.done).unwrap_or(false));
    view! {
        <li class:done=done>
            <input
                type="checkbox"
                prop:checked=done
                on:change=move |ev| todos.toggle(id, event_target_checked(&ev))
            />
            <span>{title}</span>
            <button on:click=move |_| todos.remove(id)>"Delete"</button>
        </li>
    }
}

pub fn run(initial: Vec<Item>) {
    leptos::mount::mount_to_body(move || view! { <App initial=initial/> });
}
