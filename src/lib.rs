//! The exercise-referral scheme map.
//!
//! The crate is split the way the product is:
//!
//! - a **browser-free core** that compiles and is tested natively: the scheme model and its
//!   validation ([`scheme`], [`price`], [`schedule`], [`activity`], [`condition`], [`referral`], [`district`]), loading a
//!   GeoJSON file of schemes ([`dataset`]), filtering ([`filter`]) with the Search box's clinical
//!   words ([`condition_search`]), distances ([`distance`]), the results list's rows ([`list_rows`]),
//!   postcodes ([`postcode`]), the URL state ([`url_state`]), the runtime configuration ([`config`])
//!   safe links ([`link`]), text as shown ([`shown`]); what a clinician reads and takes away:
//!   eligibility at a glance ([`eligibility`]), the copied record and report-a-change email
//!   ([`record`]), QR codes of a scheme's link ([`qr`]), and wording shared by both ([`wording`]);
//! - the **data tool**'s import and export, and the static host's headers ([`site_headers`])
//!   (native only, behind `cfg(not(target_arch = "wasm32"))`);
//! - a **thin web UI** ([`ui`], wasm only): Leptos components and one adapter that owns every
//!   Leaflet call.

pub mod activity;
pub mod case;
pub mod condition;
pub mod condition_search;
pub mod config;
pub mod dataset;
pub mod distance;
pub mod district;
pub mod eligibility;
pub mod embed;
pub mod filter;
pub mod float;
pub mod html;
pub mod link;
pub mod list_rows;
pub mod nearby;
pub mod number;
pub mod postcode;
pub mod price;
pub mod qr;
pub mod record;
pub mod referral;
pub mod schedule;
pub mod scheme;
pub mod shown;
pub mod url_state;
pub mod wording;

#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(not(target_arch = "wasm32"))]
pub mod export;
#[cfg(not(target_arch = "wasm32"))]
pub mod geodata;
#[cfg(not(target_arch = "wasm32"))]
pub mod import;
#[cfg(not(target_arch = "wasm32"))]
pub mod quality;
#[cfg(not(target_arch = "wasm32"))]
pub mod site_headers;

#[cfg(test)]
mod fixtures;
