//! The results: the count (announced), the list of schemes (the map's text alternative), and the
//! empty state.
//!
//! The list shows the first [`PAGE`] entries with a "Show 50 more" button (every entry stays a real
//! element for screen readers, unlike a virtual list). An entry is kept when a filter change takes
//! it off show: it is hidden (the `hidden` attribute, so out of the accessibility tree and the tab
//! order) and shown again, not dropped and built again (see [`crate::list_rows`]). Entries are keyed
//! by scheme and a generation that changes with the search point (see `Rendered`), so they are drawn
//! again only when their distances change. The entries are made, moved and dropped by one effect
//! (`sync_rows`), which touches only the entries that come, go or change their showing. An entry is
//! short (name, distance, centre and town, one eligibility line, the conditions); choosing it opens
//! the full card.

use super::browser;
use super::card_actions::CardActions;
use super::scheme_card::{add, add_distance, as_sentence, scheme_card, CardContext, CardPlace};
use super::state::{AppState, ChosenBy, PhoneView};
use crate::list_rows::{self, Placing, MOST_KEPT_HIDDEN};
use leptos::prelude::*;
use leptos::tachys::view::any_view::AnyViewState;
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// How many entries the list shows at first, and how many more each press of the button.
pub const PAGE: usize = 50;

/// What an entry on show says besides its scheme: the distance in words, and whether the scheme
/// is shown although further away.
#[derive(Clone, Debug, Default, PartialEq)]
struct Shown {
    distance: Option<String>,
    further: bool,
}

/// The list's rendered entries (see `Results`).
#[derive(Clone, Debug, Default, PartialEq)]
struct Rendered {
    /// The search point the rows are ordered from, and whether the entries are shown although
    /// further away: what every entry's distance line depends on.
    from: Option<crate::scheme::LatLng>,
    further: bool,
    /// Counts the changes of `from` and `further`: part of each entry's key, so that entries are
    /// drawn again, with their new distances, when they change (and only then).
    generation: u32,
    /// The rendered entries (scheme indices), in list order.
    rows: Vec<usize>,
    /// Whether each scheme (by index) is on show.
    on_show: Vec<bool>,
}

/// The count as people say it.
pub fn count_text(n: usize) -> String {
    match n {
        0 => "No schemes match your filters".into(),
        1 => "1 scheme".into(),
        n => format!("{n} schemes"),
    }
}

/// Why nothing is on show, as the count says it and as its empty state advises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Nothing {
    /// The file has no scheme that could be shown (every record left out, or none at all).
    InTheFile,
    /// Only the Search box is set, and nothing matches it.
    MatchesTheSearch,
    /// Filters (perhaps with a search) that nothing matches together.
    MatchesTheFilters,
}

impl Nothing {
    fn count(self) -> &'static str {
        match self {
            Nothing::InTheFile => "No schemes to show",
            Nothing::MatchesTheSearch => "No schemes match your search",
            Nothing::MatchesTheFilters => "No schemes match your filters",
        }
    }
}

#[component]
pub fn Results() -> impl IntoView {
    let state = expect_context::<AppState>();
    // Still loading until the map's first markers are on screen (see `AppState::first_view`): the
    // count and the entries appear together.
    let loading = move || state.is_loading() || !state.first_view.get();
    let total = Memo::new(move |_| state.visible.with(|r| r.entries.len()));
    // A closure, not a memo: a memo of a type of its own costs kilobytes of wasm.
    let nothing = move || {
        if state.with_loaded(|d| d.dataset.schemes.is_empty()).unwrap_or(false) {
            Nothing::InTheFile
        } else if state.view.with(|v| v.filters.active_count() == 1 && !v.filters.text.trim().is_empty()) {
            Nothing::MatchesTheSearch
        } else {
            Nothing::MatchesTheFilters
        }
    };
    // Searched from far outside the area (a device in Edinburgh): the count says so, in the line
    // that is announced, before the list of schemes hundreds of miles away. It measures every
    // scheme, so it is worked out when the search point changes, not on each keystroke.
    let outside = Memo::new(move |_| {
        state.from.with(|p| {
            let p = p.as_ref()?;
            state
                .with_loaded(|d| crate::nearby::coverage::outside_note(p, &d.dataset.schemes, &d.config.area.name))
                .flatten()
        })
    });
    let count = move || {
        if loading() {
            return "Loading schemes…".to_string();
        }
        let n = total.get();
        let further = state.visible.with(|r| r.further_away);
        let within = state.view.with(|v| v.within);
        let outside = || outside.get().map(|note| format!(" {note}")).unwrap_or_default();
        match (state.from.get(), further, within) {
            (Some(p), true, Some(w)) => format!(
                "No schemes within {w} miles of {}. The {n} nearest are shown, further away.{}",
                p.after_of(),
                outside()
            ),
            (Some(p), _, Some(w)) if n > 0 => {
                format!("{} within {w} miles of {}, nearest first", count_text(n), p.after_of())
            }
            (Some(p), _, _) if n > 0 => {
                let note = outside();
                let stop = if note.is_empty() { "" } else { "." };
                format!("{}, nearest first from {}{stop}{note}", count_text(n), p.label)
            }
            _ if n == 0 => nothing().count().to_string(),
            _ => count_text(n),
        }
    };
    let selected = Memo::new(move |_| state.selected_index());
    // How many entries are rendered: back to one page whenever the results change.
    let limit = RwSignal::new(PAGE);
    Effect::new(move |_| {
        state.visible.track();
        if limit.get_untracked() != PAGE {
            limit.set(PAGE);
        }
    });
    // Why the entries matched the Search box's conditions ("matches: breathing (COPD)", and the
    // words no scheme has, set aside): the same for every entry on show (they all match the
    // filters), so read once per change of the filters, and entries redraw only when it changes.
    let match_reason = Memo::new(move |_| state.view.with(|v| state.search_texts.with(|t| v.filters.search_reason(t))));

    // A marker was chosen: show its list entry (past the first pages if need be) and bring it
    // into view. A scheme chosen by the address (a shared link, the QR code on a handout) is on
    // show too, and brought into view once the list is first drawn (below).
    Effect::new(move |_| {
        let Some(sel) = state.selection.get() else { return };
        if sel.by == ChosenBy::List {
            return;
        }
        let position = state.visible.with_untracked(|r| r.entries.iter().position(|e| e.index == sel.index));
        if let Some(p) = position {
            if p >= limit.get_untracked() {
                limit.set((p / PAGE + 1) * PAGE);
            }
        }
        if sel.by == ChosenBy::Map {
            let id = format!("scheme-{}", sel.index);
            request_animation_frame(move || browser::scroll_into_view(&id));
        }
    });
    // On a phone the list is the first view, and the scheme of a shared link can be thousands of
    // pixels down: the list brings it into view when it is first drawn with it (not in an
    // embedded map, where that would scroll the partner's page as it loads).
    let embedded = use_context::<super::embed_mode::Embedding>().is_some_and(|e| e.is_on());
    let link_shown = Cell::new(embedded);

    // The rendered entries: those on show (the first `limit` results), and
    // the rows (scheme indices) in list order, with, hidden, the entries kept from earlier results
    // (none when the search point or the "further away" flag changed: the order or the distance
    // lines did too). The rows are unchanged by a filter change that only shows and hides kept
    // entries.
    let rendered = Memo::new(move |previous: Option<&Rendered>| {
        if !state.first_view.get() {
            return Rendered::default();
        }
        let n = limit.get();
        let from = state.from.with(|p| p.as_ref().map(|p| p.location));
        let further = state.visible.with(|r| r.further_away);
        let (previous, generation) = match previous {
            Some(r) if r.from == from && r.further == further => (r.rows.as_slice(), r.generation),
            Some(r) => (&[][..], r.generation.wrapping_add(1)),
            None => (&[][..], 0),
        };
        state
            .with_loaded(|d| {
                state.visible.with(|r| {
                    let page = &r.entries[..n.min(r.entries.len())];
                    let mut on_show = vec![false; d.dataset.schemes.len()];
                    for e in page {
                        if let Some(s) = on_show.get_mut(e.index) {
                            *s = true;
                        }
                    }
                    let rows = list_rows::rows(d.dataset.schemes.len(), page, previous, MOST_KEPT_HIDDEN);
                    Rendered { from, further, generation, rows, on_show }
                })
            })
            .unwrap_or_default()
    });
    // The entries themselves: one `<li>` per row of `rendered`, made, moved and dropped by this
    // effect as few times as the rows allow (see `list_rows::placing`), and shown or hidden with
    // the `hidden` attribute. An entry is made with one DOM call per node (see `Row::new`); the
    // chosen one holds the full card, a view with an owner of its own (a child of this
    // component's), dropped with it.
    let list = NodeRef::<leptos::html::Ul>::new();
    let rows: Rc<RefCell<Vec<Row>>> = Rc::default();
    let owner = Owner::current();
    {
        let rows = rows.clone();
        let owner = owner.clone();
        Effect::new(move |_| {
            let Some(ul) = list.get() else { return };
            let Some(owner) = owner.as_ref() else { return };
            let Some(doc) = ul.owner_document() else { return };
            let chosen = selected.get_untracked();
            let reason = match_reason.get_untracked();
            rendered.with(|r| {
                let build = |i: usize| {
                    let shown = r.on_show.get(i).copied().unwrap_or(false);
                    Row::new(&doc, state, owner, i, r.generation, shown, chosen == Some(i), reason.as_deref())
                };
                sync_rows(&ul, &mut rows.borrow_mut(), r, build);
                let linked = state.selection.with_untracked(|s| s.filter(|s| s.by == ChosenBy::Link).map(|s| s.index));
                if let Some(i) = linked.filter(|&i| r.on_show.get(i) == Some(&true) && !link_shown.replace(true)) {
                    let id = format!("scheme-{i}");
                    request_animation_frame(move || browser::scroll_into_view(&id));
                }
            });
        });
    }
    // The chosen entry holds the full card; the one chosen before goes back to the short entry.
    {
        let rows = rows.clone();
        Effect::new(move |before: Option<Option<usize>>| {
            let chosen = selected.get();
            let before = before.flatten();
            if before != chosen {
                if let (Some(owner), Some(doc)) = (owner.as_ref(), browser::document()) {
                    for row in rows.borrow_mut().iter_mut() {
                        if Some(row.index) == before || Some(row.index) == chosen {
                            row.choose(&doc, state, owner, Some(row.index) == chosen);
                        }
                    }
                }
            }
            chosen
        });
    }
    // The match reason changed: every entry says the new one.
    {
        let rows = rows.clone();
        Effect::new(move |_| {
            let reason = match_reason.get();
            let Some(doc) = browser::document() else { return };
            for row in rows.borrow_mut().iter_mut() {
                row.say_reason(&doc, reason.as_deref());
            }
        });
    }
    let more = move || total.get().saturating_sub(limit.get()).min(PAGE);
    let show_more = move |_| {
        let first_new = limit.get_untracked();
        limit.update(|l| *l += PAGE);
        let next = state.visible.with_untracked(|r| r.entries.get(first_new).map(|e| e.index));
        if let Some(i) = next {
            // Keyboard focus moves to the first new entry.
            request_animation_frame(move || browser::focus(&format!("choose-{i}")));
        }
    };
    // "Print these results": a handout of the first schemes on show (see `print`), read when it
    // is pressed (not on every change of the results).
    let print_results = move |_| {
        let Some(d) = state.data_untracked() else { return };
        super::print::print(state.visible.with_untracked(|r| {
            r.entries
                .iter()
                .take(super::print::MAX_SCHEMES)
                .filter_map(|e| d.dataset.schemes.get(e.index).cloned())
                .collect()
        }));
    };
    let print_label = move || {
        if total.get() > super::print::MAX_SCHEMES {
            format!("Print the first {} results", super::print::MAX_SCHEMES)
        } else {
            "Print these results".to_string()
        }
    };

    // With only a search set, "fewer filters" would send the person looking for filters they
    // have not set; with no scheme in the file, no filter would help.
    let empty_advice = move || match nothing() {
        Nothing::InTheFile => "The schemes file has no scheme that can be shown. Please try again later.",
        Nothing::MatchesTheSearch => "Try other words: a condition (COPD, back pain), a town or a postcode.",
        Nothing::MatchesTheFilters => "Try fewer filters or another search.",
    };

    view! {
        <section class="results" aria-labelledby="results-heading">
            <h2 id="results-heading" tabindex="-1">"Results"</h2>
            <p class="count" role="status" aria-live="polite">{count}</p>
            <Show when=move || { total.get() > 0 }>
                <button type="button" class="button secondary small print-results" on:click=print_results>
                    {print_label}
                </button>
            </Show>
            <Show when=move || !loading() && total.get() == 0>
                <div class="empty" data-testid="empty">
                    <p>{empty_advice}</p>
                    <button
                        type="button"
                        class="button"
                        hidden=move || nothing() == Nothing::InTheFile
                        on:click=move |_| {
                            state.clear_filters();
                            // The button goes with the empty results: keep the keyboard here.
                            browser::focus("results-heading");
                        }
                    >
                        {move || if nothing() == Nothing::MatchesTheSearch { "Clear the search" } else { "Clear filters" }}
                    </button>
                </div>
            </Show>
            <ul
                node_ref=list
                class="result-list"
                aria-label="Results"
                aria-busy=move || loading().to_string()
                on:click=move |e| {
                    if let Some(i) = chosen_entry(&e) {
                        choose(state, i);
                    }
                }
                on:keydown=move |e| {
                    // Escape in the chosen entry's card (not in its Share dialog, which Escape
                    // closes) folds it back into the short entry.
                    let in_card = || e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|t| {
                        t.closest("li[aria-current] .scheme-card").ok().flatten().is_some() && t.closest("dialog").ok().flatten().is_none()
                    });
                    if e.key() == "Escape" && in_card() {
                        state.select(None, ChosenBy::List);
                    }
                }
            >
            </ul>
            <Show when=move || { more() > 0 }>
                <button type="button" class="button secondary show-more" on:click=show_more>
                    {move || format!("Show {} more", more())}
                    <span class="visually-hidden">{move || format!(" of {} schemes", total.get())}</span>
                </button>
            </Show>
        </section>
    }
}

/// A rendered entry (see `Results`): its scheme, the generation it was drawn for and what it
/// says, its `<li>`, whether it is on show, its match reason, and either the short entry or, when
/// it is the chosen scheme, the full card (its element, and its actions' view with their owner).
struct Row {
    index: usize,
    generation: u32,
    says: Shown,
    li: web_sys::Element,
    shown: bool,
    reason: Option<web_sys::Element>,
    entry: Option<web_sys::Element>,
    card: Option<(web_sys::Element, AnyViewState, Owner)>,
}

impl Row {
    /// Makes the entry of scheme `i` (not yet in the list). What it says holds for its
    /// generation (see `Rendered`).
    #[allow(clippy::too_many_arguments)]
    fn new(
        doc: &web_sys::Document,
        state: AppState,
        owner: &Owner,
        i: usize,
        generation: u32,
        shown: bool,
        chosen: bool,
        reason: Option<&str>,
    ) -> Option<Row> {
        let says = state
            .visible
            .with_untracked(|r| {
                let e = r.entries.iter().find(|e| e.index == i)?;
                Some(Shown { distance: e.distance_text(), further: r.further_away })
            })
            .unwrap_or_default();
        let li = doc.create_element("li").ok()?;
        li.set_id(&format!("scheme-{i}"));
        li.set_class_name("result");
        if !shown {
            let _ = li.set_attribute("hidden", "");
        }
        let mut row = Row { index: i, generation, says, li, shown, reason: None, entry: None, card: None };
        row.say_reason(doc, reason);
        row.choose(doc, state, owner, chosen);
        Some(row)
    }

    /// Shows the full card (`chosen`) or the short entry. Keyboard focus inside the entry (its
    /// name's button, just pressed) moves to the same button in what replaces it, instead of
    /// falling to the page's `<body>` with the removed node.
    fn choose(&mut self, doc: &web_sys::Document, state: AppState, owner: &Owner, chosen: bool) {
        let had_focus = doc.active_element().is_some_and(|a| self.li.contains(Some(&a)));
        if chosen {
            if self.card.is_some() {
                return;
            }
            let Some((card, actions)) = full_card(doc, state, self.index, &self.says) else { return };
            if let Some(entry) = self.entry.take() {
                entry.remove();
            }
            let _ = self.li.set_attribute("aria-current", "true");
            let _ = self.li.append_child(&card);
            let card_owner = owner.child();
            // Built untracked: nothing the actions read as they are made re-runs the effect that
            // made them.
            let mut view = card_owner.with(|| untrack(|| actions.into_any().build()));
            view.mount(&card, None);
            self.card = Some((card, view, card_owner));
        } else {
            if self.entry.is_some() {
                return;
            }
            if let Some((card, mut view, card_owner)) = self.card.take() {
                view.unmount();
                card_owner.cleanup();
                card.remove();
            }
            let _ = self.li.remove_attribute("aria-current");
            self.entry = list_entry(doc, state, self.index, &self.says);
            if let Some(entry) = &self.entry {
                let _ = self.li.append_child(entry);
            }
        }
        if had_focus {
            let button = self.li.query_selector(".scheme-name button").ok().flatten();
            if let Some(button) = button.and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = button.focus();
            }
        }
    }

    /// Shows `reason` as the entry's match reason (first in the entry), or none.
    fn say_reason(&mut self, doc: &web_sys::Document, reason: Option<&str>) {
        match (reason, &self.reason) {
            (Some(text), Some(p)) => {
                if p.text_content().as_deref() != Some(text) {
                    p.set_text_content(Some(text));
                }
            }
            (Some(text), None) => {
                let Ok(p) = doc.create_element("p") else { return };
                p.set_class_name("match-reason");
                p.set_text_content(Some(text));
                let _ = self.li.insert_before(&p, self.li.first_child().as_ref());
                self.reason = Some(p);
            }
            (None, Some(p)) => {
                p.remove();
                self.reason = None;
            }
            (None, None) => {}
        }
    }

    fn drop_from_list(self) {
        if let Some((_, mut view, card_owner)) = self.card {
            view.unmount();
            card_owner.cleanup();
        }
        self.li.remove();
    }
}

/// Turns the rendered rows into the rows of `r`: drops the rows no longer wanted, makes the new
/// ones with `build` and puts them and any row out of order before the next row that stays
/// (`list_rows::placing`), and sets `hidden` on the rows whose showing changed.
fn sync_rows(ul: &web_sys::Element, rows: &mut Vec<Row>, r: &Rendered, mut build: impl FnMut(usize) -> Option<Row>) {
    let before: Vec<(usize, u32)> = rows.iter().map(|row| (row.index, row.generation)).collect();
    let after: Vec<(usize, u32)> = r.rows.iter().map(|&i| (i, r.generation)).collect();
    let placing = list_rows::placing(&before, &after);
    let wanted: HashSet<(usize, u32)> = after.iter().copied().collect();
    let mut old: HashMap<(usize, u32), Row> = HashMap::new();
    for row in rows.drain(..) {
        let key = (row.index, row.generation);
        if wanted.contains(&key) {
            old.insert(key, row);
        } else {
            row.drop_from_list();
        }
    }
    // The rows that stay, in order: each new or moving row goes before the next of them.
    let staying: Vec<(usize, u32)> =
        after.iter().zip(&placing).filter(|(_, p)| **p == Placing::Stays).map(|(k, _)| *k).collect();
    let mut next_staying = 0;
    for (key, place) in after.iter().zip(placing) {
        let row = match place {
            Placing::Stays => {
                next_staying += 1;
                old.remove(key)
            }
            Placing::Moves | Placing::New => {
                let row = if place == Placing::New { build(key.0) } else { old.remove(key) };
                let before_node: Option<web_sys::Node> =
                    staying.get(next_staying).and_then(|k| old.get(k)).map(|row| row.li.clone().into());
                row.inspect(|row| {
                    let _ = ul.insert_before(&row.li, before_node.as_ref());
                })
            }
        };
        let Some(mut row) = row else { continue };
        let shown = r.on_show.get(row.index).copied().unwrap_or(false);
        if row.shown != shown {
            let _ = row.li.toggle_attribute_with_force("hidden", !shown);
            row.shown = shown;
        }
        rows.push(row);
    }
    for (_, row) in old {
        row.drop_from_list();
    }
}

/// Chooses the scheme from the list (on a phone, the map then shows it); the chosen scheme's own
/// button (its full card's heading, `aria-expanded="true"`) folds it back into the short entry.
fn choose(state: AppState, i: usize) {
    if state.selection.with_untracked(|s| s.is_some_and(|s| s.index == i)) {
        state.select(None, ChosenBy::List);
        return;
    }
    let to_map = state.phone_layout.get_untracked() && state.phone_view.get_untracked() != PhoneView::Map;
    if to_map && browser::current_entry() != browser::Entry::Map {
        // Back returns to the list (see `AppState::follow_history`): one entry, though the person
        // went back to the list with "List" and chose again.
        browser::push_entry(browser::Entry::Map);
    }
    state.select(Some(i), ChosenBy::List);
    if to_map {
        state.show_phone_view(PhoneView::Map);
    }
}

/// A short list entry: the name (a button that chooses the scheme), the distance, the centre and
/// town, one eligibility line and the conditions, as an `<article>`.
///
/// Made with one DOM call per node and text only (`textContent`, never HTML), not by `view!`: in
/// this build (`--cfg erase_components`) a view gives every element with children a marker comment
/// and a boxed view per child (13 marker comments in a short entry), and its reactive nodes and
/// owner, and making the 50 new entries of a search was most of the list's share of a keystroke
/// (docs/benchmarks.md, "fifth pass"). Its button is chosen through the list's one click handler
/// ([`chosen_entry`]), not a handler of its own.
fn list_entry(doc: &web_sys::Document, state: AppState, i: usize, says: &Shown) -> Option<web_sys::Element> {
    let data = state.data_untracked()?;
    let s = data.dataset.schemes.get(i)?;
    let add =
        |parent: &web_sys::Element, tag: &str, class: &str, text: Option<&str>| add(doc, parent, tag, class, text);
    let article = doc.create_element("article").ok()?;
    article.set_class_name("scheme-entry");
    if let Some(h3) = add(&article, "h3", "scheme-name", None) {
        if let Some(button) = add(&h3, "button", "link-button", Some(&s.name)) {
            let _ = button.set_attribute("type", "button");
            let _ = button.set_attribute("aria-expanded", "false");
            button.set_id(&format!("choose-{i}"));
        }
    }
    add_distance(doc, &article, says.distance.as_deref(), says.further);
    add(&article, "p", "centre", Some(&format!("{} · {}", s.centre, s.town)));
    if let Some(p) = add(&article, "p", "eligibility", Some(&crate::eligibility::line(s))) {
        if crate::eligibility::self_referral(s) {
            let _ = p.append_with_str_1(" ");
            add(&p, "span", "tag self-referral", Some("Self-referral"));
        }
    }
    add(&article, "p", "conditions", Some(&as_sentence(s.conditions.iter().map(|c| c.label()))));
    Some(article)
}

/// The scheme whose short-entry button (`choose-N`, see [`list_entry`]) a click in the list
/// was on, if any.
fn chosen_entry(e: &web_sys::Event) -> Option<usize> {
    let target: web_sys::Element = e.target()?.dyn_into().ok()?;
    let button = target.closest("button[id^=\"choose-\"]").ok()??;
    button.id().strip_prefix("choose-")?.parse().ok()
}

/// The chosen entry: the full card, and its clinician's actions (a view, for the caller to mount
/// at the card's end). A click on the card's heading is the list's (see [`chosen_entry`]).
fn full_card(
    doc: &web_sys::Document,
    state: AppState,
    i: usize,
    says: &Shown,
) -> Option<(web_sys::Element, impl IntoView)> {
    let data = state.data_untracked()?;
    let scheme = data.dataset.schemes.get(i)?.clone();
    let config = data.config.clone();
    let from = state.from.with_untracked(|p| p.as_ref().and_then(|p| p.directions_start()));
    let at = CardContext { distance: says.distance.clone(), further: says.further, from };
    let card = scheme_card(doc, &scheme, &config, CardPlace::List, i, &at)?;
    Some((card, view! { <CardActions scheme=scheme config=config/> }))
}
