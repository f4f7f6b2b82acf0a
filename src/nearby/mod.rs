//! Find near me: the browser-free core of "what is near me?".
//!
//! A person searches from a postcode ("SG1 1LZ", "sg11lz", "SG1") or from their device's position.
//! This module turns what came back from a lookup into a [`SearchPoint`], and ranks the schemes
//! that pass the filters nearest first with their distances ([`nearest_first`]).
//!
//! - [`search_point`]: the place a search starts from, how precise it is, and what a lookup found.
//! - [`lookup_source`]: which lookup the app uses (the build's files, else the online service).
//! - [`postcode_file`]: the per-outcode files the build writes (`postcodes/SG1.json`), which keep
//!   the patient's postcode inside their browser: only the outcode is ever requested.
//! - [`postcodes_io`]: the online fallback, for a build without postcode data (postcodes.io or a
//!   service that speaks its response format).
//! - [`nearest`]: nearest first, the distance filter, and the "3 nearest anyway" fallback.
//! - [`coverage`]: whether a search point is outside the area the map covers.
//!
//! Not here: fetching (the UI does it and hands over the status and text of the response), the
//! Geolocation API, and the map. Directions links come from
//! [`Config::directions_url`](crate::config::Config::directions_url), started from
//! [`SearchPoint::directions_start`].

pub mod coverage;
pub mod lookup_source;
pub mod nearest;
pub mod postcode_file;
pub mod postcodes_io;
pub mod search_point;

pub use lookup_source::{not_found, LookupSource};
pub use nearest::{nearest_first, NearbyEntry, NearbyResults, FURTHER_AWAY_COUNT};
pub use postcode_file::{PostcodeFile, PostcodeMeta};
pub use search_point::{
    Lookup, LookupError, Precision, SearchPoint, DEVICE_LABEL, ENTER_A_POSTCODE, POSTCODE_NOT_FOUND,
};
