//! The search point: the place "near me" is measured from, how exact it is, and what a postcode
//! lookup can answer.
//!
//! A lookup either finds a place ([`Lookup::Found`]), or knows the postcode does not exist
//! ([`Lookup::Unknown`]: "We could not find that postcode"), or could not be read at all
//! ([`LookupError`]: the service failed or sent something unexpected). The three are kept apart so
//! a person is never told their real postcode does not exist because a server was down.

use crate::scheme::LatLng;
use std::fmt;

/// What the app says when the text is not a postcode.
pub const ENTER_A_POSTCODE: &str = "Enter a postcode like SG1 1LZ";

/// What the app says when a well-formed postcode does not exist.
pub const POSTCODE_NOT_FOUND: &str = "We could not find that postcode";

/// The label of a search from the device's position.
pub const DEVICE_LABEL: &str = "your location";

/// How exactly the search point is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    /// A full postcode's own position (within metres of its addresses).
    Unit,
    /// The middle of a postcode sector ("SG19 1"): a full postcode outside the covered area.
    Sector,
    /// The middle of an outcode ("SG1"): an outcode search, or a full postcode outside the covered
    /// area whose sector is not known.
    Outcode,
    /// The device's own position (the browser's Geolocation API).
    Device,
}

impl Precision {
    /// Whether the point is the middle of an area rather than the person's own place.
    pub fn is_approximate(self) -> bool {
        matches!(self, Precision::Sector | Precision::Outcode)
    }
}

/// Where a search starts from.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchPoint {
    /// What the page shows: "SG1 1LZ", "near SG19 1", "near SG19", "SG1" or "your location".
    pub label: String,
    pub location: LatLng,
    pub precision: Precision,
}

impl SearchPoint {
    /// A search from the device's position; `None` when the coordinates are not a place on Earth.
    pub fn from_device(lat: f64, lng: f64) -> Option<SearchPoint> {
        Some(SearchPoint {
            label: DEVICE_LABEL.into(),
            location: checked_location(lat, lng)?,
            precision: Precision::Device,
        })
    }

    /// Where a "Directions" link should start: the point itself when it is the person's own
    /// postcode or position, `None` (the route planner asks) when it is only the middle of an area,
    /// because a route from the middle of a sector or outcode would start somewhere they are not.
    /// Pass it to [`Config::directions_url`](crate::config::Config::directions_url).
    pub fn directions_start(&self) -> Option<LatLng> {
        (!self.precision.is_approximate()).then_some(self.location)
    }

    /// The place as it reads after "within 5 miles of": the label, but "the SG19 1 area" for a
    /// label "near SG19 1" ("within 5 miles of near SG19 1" would not be English).
    pub fn after_of(&self) -> String {
        match self.label.strip_prefix("near ") {
            Some(area) => format!("the {area} area"),
            None => self.label.clone(),
        }
    }
}

/// What a postcode lookup found.
#[derive(Clone, Debug, PartialEq)]
pub enum Lookup {
    Found(SearchPoint),
    /// The postcode (or outcode) does not exist, or has no known position.
    Unknown,
}

/// A lookup that could not be completed: not the same as an unknown postcode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LookupError {
    /// The service answered with an HTTP status other than success or "not found".
    Status(u16),
    /// The answer was not in the expected format (the reason says what was wrong).
    Unreadable(String),
}

impl fmt::Display for LookupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LookupError::Status(s) => write!(f, "the postcode lookup failed (HTTP status {s})"),
            LookupError::Unreadable(why) => {
                write!(f, "the postcode lookup's answer could not be read: {why}")
            }
        }
    }
}

impl std::error::Error for LookupError {}

/// A position from outside (a file, a service, a device), if it is a place on Earth.
pub(crate) fn checked_location(lat: f64, lng: f64) -> Option<LatLng> {
    ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lng)).then_some(LatLng { lat, lng })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_position_is_labelled_your_location() {
        let p = SearchPoint::from_device(51.9019, -0.2053).unwrap();
        assert_eq!(p.label, "your location");
        assert_eq!(p.precision, Precision::Device);
        assert_eq!(p.location, LatLng { lat: 51.9019, lng: -0.2053 });
    }

    #[test]
    fn impossible_device_coordinates_are_refused() {
        for (lat, lng) in [(f64::NAN, 0.0), (0.0, f64::INFINITY), (91.0, 0.0), (0.0, -180.5)] {
            assert_eq!(SearchPoint::from_device(lat, lng), None, "{lat}, {lng}");
        }
    }

    #[test]
    fn directions_start_from_a_postcode_or_the_device_but_not_from_the_middle_of_an_area() {
        let at = LatLng { lat: 51.9, lng: -0.2 };
        let point = |precision| SearchPoint { label: "x".into(), location: at, precision };
        assert_eq!(point(Precision::Unit).directions_start(), Some(at));
        assert_eq!(point(Precision::Device).directions_start(), Some(at));
        assert_eq!(point(Precision::Sector).directions_start(), None);
        assert_eq!(point(Precision::Outcode).directions_start(), None);
    }

    #[test]
    fn directions_link_from_a_postcode_goes_through_the_configured_planner() {
        let config = crate::config::Config::shipped();
        let from = SearchPoint {
            label: "SG1 1LZ".into(),
            location: LatLng { lat: 51.901873, lng: -0.20532 },
            precision: Precision::Unit,
        };
        let to = LatLng { lat: 51.952427, lng: -0.281345 };
        let url = config.directions_url(from.directions_start(), to).unwrap();
        assert_eq!(url, "https://www.openstreetmap.org/directions?route=51.90187,-0.20532;51.95243,-0.28135");
    }

    #[test]
    fn after_of_reads_as_english_for_the_middle_of_an_area() {
        let at = LatLng { lat: 51.9, lng: -0.2 };
        let point = |label: &str, precision| SearchPoint { label: label.into(), location: at, precision };
        assert_eq!(point("near SG19 1", Precision::Sector).after_of(), "the SG19 1 area");
        assert_eq!(point("near SG19", Precision::Outcode).after_of(), "the SG19 area");
        assert_eq!(point("SG5", Precision::Outcode).after_of(), "SG5");
        assert_eq!(point("SG1 1LZ", Precision::Unit).after_of(), "SG1 1LZ");
        assert_eq!(point(DEVICE_LABEL, Precision::Device).after_of(), "your location");
    }

    #[test]
    fn lookup_errors_say_what_went_wrong() {
        assert_eq!(LookupError::Status(503).to_string(), "the postcode lookup failed (HTTP status 503)");
        assert!(LookupError::Unreadable("it is not JSON".into()).to_string().ends_with("it is not JSON"));
    }
}
