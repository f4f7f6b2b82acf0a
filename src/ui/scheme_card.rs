//! A scheme's details, as a person needs them to decide and to join. The same full card is the
//! chosen list entry and the map popup, so the two never say different things. Its clinician's
//! actions (copy, share, print, report a change) are [`super::card_actions`].

use super::card_actions::CardActions;
use crate::config::Config;
use crate::link;
use crate::scheme::Scheme;
use leptos::prelude::*;

/// Where the card is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardPlace {
    /// In the results list: the heading is a button that shows the scheme on the map.
    List,
    /// In the map's popup.
    Popup,
}

pub use crate::wording::{as_sentence, long_date};

#[component]
pub fn SchemeCard(
    scheme: Scheme,
    config: Config,
    place: CardPlace,
    /// Called when the heading button is pressed (list only).
    #[prop(optional, into)]
    on_choose: Option<Callback<()>>,
    /// Distance from the search point, in words ("1.2 miles").
    #[prop(default = None)]
    distance: Option<String>,
    /// Shown although outside the chosen distance (the nearest anyway).
    #[prop(optional)]
    further: bool,
    /// Where directions start: the person's postcode or position.
    #[prop(default = None)]
    from: Option<crate::scheme::LatLng>,
) -> impl IntoView {
    let s = scheme;
    let heading = match (place, on_choose) {
        (CardPlace::List, Some(choose)) => view! {
            <h3 class="scheme-name">
                <button type="button" class="link-button" on:click=move |_| choose.run(())>{s.name.clone()}</button>
            </h3>
        }
        .into_any(),
        // Focusable by script: a card opened by keyboard on the map takes the focus here.
        _ => view! { <h3 class="scheme-name" tabindex="-1">{s.name.clone()}</h3> }.into_any(),
    };
    let price = s.price_in_full();
    let price_note = s.price.note.clone();
    let conditions = as_sentence(s.conditions.iter().map(|c| c.label()));
    let routes = as_sentence(s.referral.iter().map(|r| r.label()));
    let phone = s.phone.clone().and_then(|p| link::tel(&p).map(|href| (p, href)));
    let email = s.email.clone().and_then(|e| link::mailto(&e).map(|href| (e, href)));
    let website = s.website.clone().and_then(|w| link::web(&w));
    let ages = s.age_range();
    let weeks = s.programme_weeks.map(|w| format!("{w} weeks"));
    let sessions = crate::schedule::listed(&s.sessions);
    let district = config.district_name(&s.district).to_string();
    let directions = config.directions_url(from, s.location);
    let directions_name = config.directions.name.clone();
    let actions = view! { <CardActions scheme=s.clone() config=config.clone()/> };

    view! {
        <article class="scheme-card">
            {heading}
            {distance.map(|d| view! {
                <p class="distance">
                    <strong>{d}</strong>
                    {further.then(|| view! { <span class="further">" · further away"</span> })}
                </p>
            })}
            {s.sample.then(|| view! { <span class="tag">"Demonstration data"</span> })}
            <p class="centre">{s.centre.clone()}" · "{s.operator.clone()}</p>
            <p class="address">{s.full_address()}<span class="district">" · "{district}</span></p>
            <dl class="facts">
                <div>
                    <dt>"Price"</dt>
                    <dd>
                        <span class="price">{price}</span>
                        {price_note.map(|n| view! { <span class="price-note">" " {n}</span> })}
                    </dd>
                </div>
                <div><dt>"Conditions"</dt><dd>{conditions}</dd></div>
                <div><dt>"Who can refer"</dt><dd>{routes}</dd></div>
                <div><dt>"How to join"</dt><dd>{crate::eligibility::how_to_join(&s)}</dd></div>
                {ages.map(|a| view! { <div><dt>"Ages"</dt><dd>{a}</dd></div> })}
                {weeks.map(|w| view! { <div><dt>"Programme"</dt><dd>{w}</dd></div> })}
                {sessions.map(|t| view! { <div><dt>"Sessions"</dt><dd class="sessions">{t}</dd></div> })}
                <div><dt>"Last checked"</dt><dd>{long_date(&s.last_verified)}</dd></div>
            </dl>
            {s.notes.clone().map(|n| view! { <p class="notes">{n}</p> })}
            <ul class="contacts" aria-label=format!("Contact {}", s.name)>
                {phone.map(|(text, href)| view! { <li><span class="contact-label">"Phone: "</span><a href=href>{text}</a></li> })}
                {email.map(|(text, href)| view! { <li><span class="contact-label">"Email: "</span><a href=href>{text}</a></li> })}
                {website.map(|href| view! {
                    <li>
                        <a href=href target="_blank" rel="noopener noreferrer">
                            "Website"<span class="visually-hidden">" of " {s.name.clone()} " (opens in a new tab)"</span>
                        </a>
                    </li>
                })}
                {directions.map(|href| view! {
                    <li>
                        <a href=href target="_blank" rel="noopener noreferrer">
                            "Directions"<span class="visually-hidden">" to " {s.name.clone()} " on " {directions_name} " (opens in a new tab)"</span>
                        </a>
                    </li>
                })}
            </ul>
            {actions}
        </article>
    }
}
