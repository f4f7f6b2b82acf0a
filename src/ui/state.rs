//! The UI's state, created once at the top and shared with every component through the context:
//! the loaded data, the view (the URL's filters, postcode and distance), the postcode or location
//! search, the selection and where it came from, and one memo of the entries on show with their
//! distances. Components read it and call its methods; none of them import each other for state.

use super::browser::{self, Entry};
use super::embed_mode::Embedding;
use super::loader::{self, Loaded};
use crate::nearby::{nearest_first, NearbyResults, SearchPoint};
use crate::scheme::LatLng;
use crate::url_state::ViewState;
use leptos::prelude::*;
use std::rc::Rc;
use std::sync::Arc;

/// Where the data stands. The loaded data is shared, never copied.
#[derive(Clone, Debug, PartialEq)]
pub enum Load {
    Loading,
    Failed(String),
    Ready(Arc<Loaded>),
}

/// The "near me" search: one value, so what is searched from and what the last attempt said never
/// disagree. While a new search is pending or after it failed, the earlier point stays in use.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Search {
    /// No search.
    #[default]
    None,
    /// A postcode is being looked up, or the device asked for its position.
    Pending { shown: Option<SearchPoint> },
    /// Searching from a postcode (kept in the URL).
    Found(SearchPoint),
    /// Searching from the device's position (never put in the URL).
    Device(SearchPoint),
    /// The last attempt failed with a message the person can act on.
    Problem { message: String, shown: Option<SearchPoint> },
}

impl Search {
    /// The point the results are measured from, if any.
    pub fn point(&self) -> Option<&SearchPoint> {
        match self {
            Search::None => None,
            Search::Found(p) | Search::Device(p) => Some(p),
            Search::Pending { shown } | Search::Problem { shown, .. } => shown.as_ref(),
        }
    }

    /// The same search, now pending.
    pub fn pending(&self) -> Search {
        Search::Pending { shown: self.point().cloned() }
    }

    /// The same search, with a problem to show. While an earlier search's results stay, the
    /// message says so: the Postcode box may hold another postcode than the one they are from.
    pub fn problem(&self, message: String) -> Search {
        let shown = self.point().cloned();
        let message = match &shown {
            Some(p) => {
                let end = if message.ends_with('.') { " " } else { ". " };
                format!("{message}{end}The list is still nearest first from {}.", p.label)
            }
            None => message,
        };
        Search::Problem { message, shown }
    }
}

/// Where a selection came from: the list scrolls to a scheme chosen on the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChosenBy {
    List,
    Map,
    /// From the address (a shared link) or the program.
    Link,
}

/// The selected scheme (an index into the loaded schemes) and where it was chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    pub index: usize,
    pub by: ChosenBy,
}

/// The two views of the phone layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhoneView {
    List,
    Map,
}

/// What a scheme's card shows besides the scheme: assembled once, for the list and the popup.
#[derive(Clone, Debug, PartialEq)]
pub struct CardInfo {
    pub index: usize,
    /// Distance from the search point, in words ("1.2 miles").
    pub distance: Option<String>,
    /// Shown although outside the chosen distance (the nearest anyway).
    pub further: bool,
    /// Where directions start: the person's postcode or position.
    pub from: Option<LatLng>,
}

/// Starts loading the configuration and the data into `load`, and calls `mount` once it is
/// settled (read, or failed with a message), or sooner when the schemes file is large (see
/// [`loader::load`]). Runs without the UI: [`super::start`] starts it before mounting, so that
/// the first render can be the one with the data. `mount` may be called twice.
pub fn load_into(load: RwSignal<Load>, mount: Rc<dyn Fn()>) {
    load.set(Load::Loading);
    leptos::task::spawn_local(async move {
        load.set(match loader::load(&*mount).await {
            Ok(d) => Load::Ready(Arc::new(d)),
            Err(e) => Load::Failed(e),
        });
        mount();
    });
}

/// The state every component shares, created once by [`AppState::new`].
#[derive(Clone, Copy)]
pub struct AppState {
    pub load: RwSignal<Load>,
    /// Filters, postcode and distance: the URL's content (its `selected` is [`AppState::selection`]).
    pub view: RwSignal<ViewState>,
    pub search: RwSignal<Search>,
    /// The search point alone, so a pending search or a message does not recompute the results.
    pub from: Memo<Option<SearchPoint>>,
    pub selection: RwSignal<Option<Selection>>,
    /// The address named a scheme that is not in the data (a withdrawn scheme's old link).
    pub link_missing: RwSignal<bool>,
    /// The schemes on show, in list order, with distances when there is a search point: the
    /// list's and the map's.
    pub visible: Memo<NearbyResults>,
    /// Each scheme's lower-cased search text ([`crate::filter::search_text`]), made once per
    /// loaded dataset (not per keystroke).
    pub search_texts: Memo<Arc<Vec<String>>>,
    /// On a phone: whether the list or the map is shown.
    pub phone_view: RwSignal<PhoneView>,
    /// Whether the phone layout (the list and the map as two views) is in use: the window's
    /// width, kept up to date when it changes.
    pub phone_layout: RwSignal<bool>,
    /// On a phone: whether the filters are unfolded.
    pub filters_open: RwSignal<bool>,
    /// Whether the list may render its entries: once the map has painted its first markers (or
    /// has none to paint). The map is the first view on a wide screen, so its markers reach the
    /// screen a frame before the list is built; on a phone the list is the first view and is not
    /// held back.
    pub first_view: RwSignal<bool>,
}

impl AppState {
    /// Creates the state over the data's load (already started, [`load_into`]), reads the address
    /// and keeps the address in step.
    pub fn new(load: RwSignal<Load>) -> AppState {
        // The URL is read against the shipped districts first and re-read once the configuration
        // has loaded (a partner's config may list other districts).
        let shipped = crate::config::Config::shipped();
        let view = RwSignal::new(ViewState::from_url(&browser::query(), &browser::fragment(), &shipped.area.districts));
        let search = RwSignal::new(Search::None);
        let from = Memo::new(move |_| search.with(|s| s.point().cloned()));
        let search_texts = Memo::new(move |_| match load.get() {
            Load::Ready(d) => Arc::new(crate::filter::search_texts(&d.dataset.schemes, &d.config.area.districts)),
            _ => Arc::new(Vec::new()),
        });
        let visible = Memo::new(move |_| {
            let Load::Ready(d) = load.get() else { return NearbyResults::default() };
            view.with(|v| {
                from.with(|p| {
                    let matching = search_texts.with(|texts| v.filters.apply_with_texts(&d.dataset.schemes, texts));
                    nearest_first(&d.dataset.schemes, &matching, p.as_ref(), v.within)
                })
            })
        });
        let phone = browser::is_phone();
        let state = AppState {
            load,
            view,
            search,
            from,
            selection: RwSignal::new(None),
            link_missing: RwSignal::new(false),
            visible,
            search_texts,
            phone_view: RwSignal::new(PhoneView::List),
            phone_layout: RwSignal::new(phone),
            filters_open: RwSignal::new(false),
            first_view: RwSignal::new(phone),
        };
        browser::on_phone_layout_change(move |phone| state.phone_layout.set(phone));
        state.read_address_once_loaded();
        state.keep_address();
        state.follow_history();
        state
    }

    /// Loads the configuration and the data again (after a failure: "Try again").
    pub fn start_loading(&self) {
        load_into(self.load, Rc::new(|| {}));
    }

    /// Once the configuration is known: the URL's districts against its districts, and the
    /// selected scheme. (A postcode from the URL is searched again by the "near me" component.)
    /// When the data is already there (the UI mounts once it is in), at once, so that the first
    /// render has them.
    fn read_address_once_loaded(&self) {
        let state = *self;
        if let Some(data) = state.data_untracked() {
            state.read_address(&data);
            return;
        }
        Effect::new(move |done: Option<bool>| {
            if done == Some(true) {
                return true;
            }
            let Some(data) = state.data() else { return false };
            untrack(|| state.read_address(&data));
            true
        });
    }

    /// The address's districts (against the loaded configuration's) and selected scheme (or
    /// none), into the view and the selection.
    fn read_address(&self, data: &Loaded) {
        let from_url = ViewState::from_url(&browser::query(), &browser::fragment(), &data.config.area.districts);
        self.view.update(|v| v.filters.districts = from_url.filters.districts);
        match &from_url.selected {
            Some(id) => match data.dataset.schemes.iter().position(|s| &s.id == id) {
                Some(index) => self.selection.set(Some(Selection { index, by: ChosenBy::Link })),
                None => self.link_missing.set(true),
            },
            // Back to an entry where no scheme was chosen.
            None if self.selection.with_untracked(|s| s.is_some()) => self.selection.set(None),
            None => {}
        }
    }

    /// Keeps the address in step with the view and the selection, so reload and shared links
    /// restore them. In embed mode the partner's embed parameters are kept beside the view's.
    fn keep_address(&self) {
        let state = *self;
        let embedding = use_context::<Embedding>();
        Effect::new(move |_| {
            let selected = state.selection.get().and_then(|s| state.scheme_id(s.index));
            let (q, f) = state.view.with(|v| {
                let mut v = v.clone();
                v.selected = selected;
                (v.to_query(), v.to_fragment())
            });
            if state.load.with(|l| matches!(l, Load::Ready(_))) {
                let q = match embedding {
                    Some(e) => e.keep_in(&q),
                    None => q,
                };
                browser::replace_address(&q, &f);
            }
        });
    }

    /// On a phone, Back after a scheme was chosen returns to where the person was instead of
    /// leaving the site: choosing from the list (the map shown with its card) pushes a history
    /// entry, and so does opening a card on the map when none was open
    /// ([`browser::push_entry`]). Going back or forward shows the view and the scheme of the
    /// entry arrived at: Back from a card chosen on the map closes it and leaves the map on show;
    /// Back from one chosen in the list shows the list.
    pub fn follow_history(&self) {
        let state = *self;
        browser::on_history_move(move |arrived, left| match (arrived, left) {
            (Entry::Map | Entry::Card, _) => {
                if let Some(data) = state.data_untracked() {
                    state.read_address(&data);
                }
                state.show_phone_view(PhoneView::Map);
            }
            (Entry::Page, Entry::Map | Entry::Card) => {
                state.select(None, ChosenBy::List);
                if left == Entry::Map {
                    state.show_phone_view(PhoneView::List);
                }
            }
            // Between the page's own entries: a fragment edited in the address bar, which
            // `hashchange` follows (reading the address here would write the old one back).
            (Entry::Page, Entry::Page) => {}
        });
    }

    /// A scheme chosen on the map. On a phone, the first card opened from the page's own entry
    /// adds a history entry, so that Back closes it (see [`AppState::follow_history`]); the cards
    /// opened after it on that entry replace it (Back closes the card, not each one in turn).
    pub fn choose_on_map(&self, index: usize) {
        if self.phone_layout.get_untracked() && browser::current_entry() == Entry::Page {
            browser::push_entry(Entry::Card);
        }
        self.select(Some(index), ChosenBy::Map);
    }

    /// Shows one of the phone layout's two views. The view already on show is left alone: setting
    /// it again would re-run everything that follows it (the map would fit the schemes again and
    /// move an open card out of sight).
    pub fn show_phone_view(&self, which: PhoneView) {
        if self.phone_view.get_untracked() != which {
            self.phone_view.set(which);
            // Once the list is hidden (the next frame), the map is brought up to the switch.
            if which == PhoneView::Map && self.phone_layout.get_untracked() {
                request_animation_frame(browser::scroll_map_into_view);
            }
        }
    }

    /// On a phone, the map card's "All details": the list, at scheme `i`'s full card (it is the
    /// chosen scheme), its name focused.
    pub fn show_card_in_list(&self, i: usize) {
        self.show_phone_view(PhoneView::List);
        request_animation_frame(move || {
            browser::scroll_to_top(&format!("scheme-{i}"));
            browser::focus(&format!("choose-{i}"));
        });
    }

    /// Whether the map is out of sight: the phone layout showing the list (tracked).
    pub fn map_hidden(&self) -> bool {
        self.phone_layout.get() && self.phone_view.get() == PhoneView::List
    }

    /// The map has painted its first markers, or has none to show: the list may render. Called
    /// again it does nothing.
    pub fn first_view_shown(&self) {
        if !self.first_view.get_untracked() {
            self.first_view.set(true);
        }
    }

    /// The loaded data (tracked), if any.
    pub fn data(&self) -> Option<Arc<Loaded>> {
        self.load.with(|l| match l {
            Load::Ready(d) => Some(d.clone()),
            _ => None,
        })
    }

    /// The loaded data without tracking (for event handlers).
    pub fn data_untracked(&self) -> Option<Arc<Loaded>> {
        self.load.with_untracked(|l| match l {
            Load::Ready(d) => Some(d.clone()),
            _ => None,
        })
    }

    /// Runs `f` with the loaded data, if any.
    pub fn with_loaded<R>(&self, f: impl FnOnce(&Loaded) -> R) -> Option<R> {
        self.load.with(|l| match l {
            Load::Ready(d) => Some(f(d)),
            _ => None,
        })
    }

    /// Whether the data is still loading (for `aria-busy`).
    pub fn is_loading(&self) -> bool {
        self.load.with(|l| matches!(l, Load::Loading))
    }

    fn scheme_id(&self, index: usize) -> Option<String> {
        self.load.with_untracked(|l| match l {
            Load::Ready(d) => d.dataset.schemes.get(index).map(|s| s.id.clone()),
            _ => None,
        })
    }

    /// The index of the selected scheme.
    pub fn selected_index(&self) -> Option<usize> {
        self.selection.with(|s| s.map(|s| s.index))
    }

    /// Selects a scheme (or nothing), saying where it was chosen.
    pub fn select(&self, index: Option<usize>, by: ChosenBy) {
        self.selection.set(index.map(|index| Selection { index, by }));
    }

    /// Clears every filter (keeping the search point and the selection).
    pub fn clear_filters(&self) {
        self.view.update(|v| v.filters = Default::default());
    }

    /// The scheme chosen by the address, when the filters (or the distance) leave it out: the
    /// link's scheme is then on neither the list nor the map.
    pub fn linked_but_left_out(&self) -> Option<usize> {
        let sel = self.selection.get().filter(|s| s.by == ChosenBy::Link)?;
        let shown = self.visible.with(|r| r.entries.iter().any(|e| e.index == sel.index));
        (!shown && !self.is_loading()).then_some(sel.index)
    }

    /// What the card of the scheme at `index` shows besides the scheme, when it is on show.
    pub fn card_info(&self, index: usize) -> Option<CardInfo> {
        let from = self.from.with(|p| p.as_ref().and_then(|p| p.directions_start()));
        self.visible.with(|r| {
            r.entries.iter().find(|e| e.index == index).map(|e| CardInfo {
                index,
                distance: e.distance_text(),
                further: r.further_away,
                from,
            })
        })
    }
}
