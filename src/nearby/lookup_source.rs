//! Which postcode lookup the app uses: the build's own files, or the configured online service.
//!
//! At start the app asks for `postcodes/meta.json`. When it is there and readable, postcodes are
//! looked up in the build's own per-outcode files ([`super::postcode_file`]) and never leave the
//! browser; when the site answers that it has none, the configured online service
//! ([`super::postcodes_io`]) is used, and the page says so. When the site gave no answer (no
//! connection, no answer in time, a server error), nothing is decided: the person's next search
//! asks again ([`LookupSource::Unanswered`]). The online service is no fallback for a lost request:
//! a build with postcode files does not allow the page to reach it (the CSP's `connect-src`).
//! A typical flow in the UI:
//!
//! ```text
//! let source = LookupSource::from_answer(meta_answer, &config.postcodes); // at start
//! let url = source.url(&query)?;                                       // per search
//! let lookup = source.read(status, &body, &query);                     // after the fetch
//! ```

use super::postcode_file::{self, PostcodeMeta};
use super::postcodes_io;
use super::search_point::{Lookup, LookupError, POSTCODE_NOT_FOUND};
use crate::config::Postcodes;
use crate::postcode::PostcodeQuery;

/// Where postcodes are looked up.
#[derive(Clone, Debug, PartialEq)]
pub enum LookupSource {
    /// The per-outcode files the build wrote under `base` (e.g. "postcodes/").
    Local { base: String, meta: PostcodeMeta },
    /// The configured online service, by its name (e.g. "postcodes.io").
    Online { name: String, config: Postcodes },
    /// Neither: the build had no postcode data and no usable online lookup is configured.
    Unavailable,
    /// Not known yet: `meta.json` has been asked for (the schemes are shown without waiting for
    /// it). A search made now waits for the answer.
    Pending,
    /// `meta.json` was asked for and the site gave no answer, for this reason ("the connection
    /// failed…"): the next search asks again.
    Unanswered(String),
}

impl LookupSource {
    /// The address of `meta.json` to ask for first; `None` when no local folder is configured.
    pub fn meta_url(config: &Postcodes) -> Option<String> {
        (!config.local_url.trim().is_empty()).then(|| postcode_file::meta_url(config.local_url.trim()))
    }

    /// Decides from what came of asking for [`LookupSource::meta_url`]: an answer (its status and
    /// body), or why there was none. No answer, or a server error (5xx), is
    /// [`LookupSource::Unanswered`]; any other answer is [`LookupSource::choose`]'s.
    pub fn from_answer(answer: Result<(u16, &str), String>, config: &Postcodes) -> LookupSource {
        match answer {
            Ok((code @ 500..=599, _)) => LookupSource::Unanswered(format!("the server answered {code}")),
            Ok(answer) => LookupSource::choose(Some(answer), config),
            Err(why) => LookupSource::Unanswered(why),
        }
    }

    /// Decides from the answer to [`LookupSource::meta_url`]: `Some((status, body))`, or `None`
    /// when it was not asked for or the request failed. Anything but a readable `meta.json` means
    /// the online lookup (a static host may answer a missing file with its index page).
    pub fn choose(meta_answer: Option<(u16, &str)>, config: &Postcodes) -> LookupSource {
        if let Some((200..=299, body)) = meta_answer {
            if let (Ok(meta), Some(_)) = (PostcodeMeta::parse(body), LookupSource::meta_url(config)) {
                return LookupSource::Local { base: config.local_url.trim().to_string(), meta };
            }
        }
        if postcodes_io::is_configured(config) {
            let name = if config.online_name.trim().is_empty() {
                "an online postcode lookup"
            } else {
                config.online_name.trim()
            };
            return LookupSource::Online { name: name.to_string(), config: config.clone() };
        }
        LookupSource::Unavailable
    }

    /// The address to fetch for `query`; `None` when there is no lookup.
    pub fn url(&self, query: &PostcodeQuery) -> Option<String> {
        match self {
            LookupSource::Local { base, .. } => Some(postcode_file::url(base, query)),
            LookupSource::Online { config, .. } => postcodes_io::url(config, query),
            LookupSource::Unavailable | LookupSource::Pending | LookupSource::Unanswered(_) => None,
        }
    }

    /// Why `query` is not asked for at all: the build's own files (OS Code-Point Open) hold
    /// Great Britain only, so a postcode in Northern Ireland, Jersey, Guernsey or the Isle of Man
    /// would only come back "not found" after a useless request.
    pub fn not_covered(&self, query: &PostcodeQuery) -> Option<String> {
        match self {
            LookupSource::Local { .. } => query.outside_great_britain().map(|_| not_found(query)),
            _ => None,
        }
    }

    /// Reads the answer to the request for [`LookupSource::url`].
    pub fn read(&self, status: u16, body: &str, query: &PostcodeQuery) -> Result<Lookup, LookupError> {
        match self {
            LookupSource::Local { .. } => postcode_file::from_response(status, body, query),
            LookupSource::Online { .. } => postcodes_io::from_response(status, body, query),
            LookupSource::Unavailable => Err(LookupError::Unreadable("no postcode lookup is configured".into())),
            LookupSource::Pending | LookupSource::Unanswered(_) => {
                Err(LookupError::Unreadable("the postcode lookup is not ready yet".into()))
            }
        }
    }

    /// One sentence for the page about where postcodes are looked up.
    pub fn describe(&self) -> String {
        match self {
            LookupSource::Local { meta, .. } => {
                format!("Postcodes are looked up in your browser ({}).", crate::shown::cap(meta.source.trim(), 200))
            }
            LookupSource::Online { name, .. } => {
                format!("Postcodes are looked up online with {}.", crate::shown::cap(name, crate::config::MAX_NAME))
            }
            LookupSource::Unavailable => "Postcode search is not available; use your location instead.".into(),
            LookupSource::Pending | LookupSource::Unanswered(_) => "Postcode search is getting ready.".into(),
        }
    }
}

/// What to say when `query` was not found: [`POSTCODE_NOT_FOUND`], or, for a postcode outside
/// Great Britain (which the online service may know without a position), where it is and what
/// to do instead.
pub fn not_found(query: &PostcodeQuery) -> String {
    match query.outside_great_britain() {
        Some(place) => format!(
            "{} is in {place}, and postcodes there cannot be looked up here. Use your location instead.",
            query.as_str()
        ),
        None => POSTCODE_NOT_FOUND.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::nearby::Precision;
    use crate::postcode;

    const META: &str = r#"{"source":"OS Code-Point Open 2025-10","units_outcodes":66,"outcodes":2864}"#;

    fn config() -> Postcodes {
        Config::shipped().postcodes
    }

    #[test]
    fn a_build_with_postcode_data_looks_postcodes_up_locally() {
        let source = LookupSource::choose(Some((200, META)), &config());
        assert!(matches!(&source, LookupSource::Local { base, .. } if base == "postcodes/"));
        assert_eq!(source.url(&postcode::parse("sg11lz").unwrap()).as_deref(), Some("postcodes/SG1.json"));
        assert_eq!(source.describe(), "Postcodes are looked up in your browser (OS Code-Point Open 2025-10).");
    }

    #[test]
    fn without_meta_json_the_app_uses_the_online_lookup_and_says_so() {
        for answer in [None, Some((404, "Not Found")), Some((200, "<!doctype html>")), Some((500, ""))] {
            let source = LookupSource::choose(answer, &config());
            assert!(matches!(&source, LookupSource::Online { name, .. } if name == "postcodes.io"), "{answer:?}");
            assert_eq!(source.describe(), "Postcodes are looked up online with postcodes.io.");
        }
    }

    #[test]
    fn the_online_lookup_reads_postcodes_io_answers() {
        let source = LookupSource::choose(None, &config());
        let q = postcode::parse("SG1 1LZ").unwrap();
        assert_eq!(source.url(&q).as_deref(), Some("https://api.postcodes.io/postcodes/SG11LZ"));
        let body = r#"{"status":200,"result":{"postcode":"SG1 1LZ","latitude":51.901873,"longitude":-0.20532}}"#;
        match source.read(200, body, &q) {
            Ok(Lookup::Found(p)) => assert_eq!(p.precision, Precision::Unit),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_local_lookup_reads_the_outcode_file() {
        let source = LookupSource::choose(Some((200, META)), &config());
        let q = postcode::parse("SG19 1AB").unwrap();
        let body = r#"{"outcode":"SG19","lat":52.139575,"lng":-0.238887,"sectors":{"SG19 1":[52.130203,-0.291849]}}"#;
        match source.read(200, body, &q) {
            Ok(Lookup::Found(p)) => assert_eq!(p.label, "near SG19 1"),
            other => panic!("{other:?}"),
        }
        assert_eq!(source.read(404, "", &q), Ok(Lookup::Unknown));
    }

    #[test]
    fn a_postcode_outside_great_britain_is_not_asked_for_in_the_build_s_files() {
        let local = LookupSource::choose(Some((200, META)), &config());
        for (text, place) in [
            ("BT1 1AA", "Northern Ireland"),
            ("je2", "Jersey"),
            ("GY1 1AA", "Guernsey"),
            ("IM1 1AA", "the Isle of Man"),
        ] {
            let q = postcode::parse(text).unwrap();
            let why = local.not_covered(&q).unwrap_or_else(|| panic!("{text} is asked for"));
            assert!(why.starts_with(&format!("{} is in {place},", q.as_str())), "{why}");
            assert!(why.ends_with("Use your location instead."), "{why}");
            assert_eq!(not_found(&q), why, "the online service's \"not found\" says the same");
        }
        for text in ["SG1 1LZ", "B1 1AA", "G1", "IG1 1AA"] {
            let q = postcode::parse(text).unwrap();
            assert_eq!(local.not_covered(&q), None, "{text}");
            assert_eq!(not_found(&q), POSTCODE_NOT_FOUND, "{text}");
        }
        // postcodes.io has Northern Ireland's postcodes: the online lookup asks for every one.
        let online = LookupSource::choose(None, &config());
        assert_eq!(online.not_covered(&postcode::parse("BT1 1AA").unwrap()), None);
    }

    #[test]
    fn while_meta_json_is_awaited_no_postcode_leaves_the_browser() {
        let q = postcode::parse("SG1 1LZ").unwrap();
        assert_eq!(LookupSource::Pending.url(&q), None);
        assert!(LookupSource::Pending.read(200, "{}", &q).is_err());
        assert_eq!(LookupSource::Pending.describe(), "Postcode search is getting ready.");
    }

    #[test]
    fn meta_json_lost_on_the_way_is_asked_again_not_taken_for_a_build_without_postcode_files() {
        let q = postcode::parse("SG1 1LZ").unwrap();
        // No answer, or a server error: nothing decided, and nothing asked of the online service
        // (a build with postcode files does not let the page reach it).
        for (answer, why) in [
            (
                Err("the connection failed. Check your internet connection".to_string()),
                "the connection failed. Check your internet connection",
            ),
            (
                Err("the server did not answer within 15 seconds".to_string()),
                "the server did not answer within 15 seconds",
            ),
            (Ok((500, "")), "the server answered 500"),
            (Ok((503, "<html>busy</html>")), "the server answered 503"),
        ] {
            let source =
                LookupSource::from_answer(answer.as_ref().map(|(c, b)| (*c, *b)).map_err(Clone::clone), &config());
            assert_eq!(source, LookupSource::Unanswered(why.into()));
            assert_eq!(source.url(&q), None);
            assert_eq!(source.describe(), "Postcode search is getting ready.");
        }
        // The site's own answer decides as before: its files, or (none there) the online service.
        assert!(matches!(LookupSource::from_answer(Ok((200, META)), &config()), LookupSource::Local { .. }));
        for answer in [(404, "Not found"), (200, "<!doctype html><title>Home</title>")] {
            assert!(
                matches!(LookupSource::from_answer(Ok(answer), &config()), LookupSource::Online { .. }),
                "{answer:?}"
            );
        }
    }

    #[test]
    fn no_local_folder_and_no_online_service_means_no_postcode_search() {
        let none = Postcodes::default();
        assert_eq!(LookupSource::meta_url(&none), None);
        let source = LookupSource::choose(Some((200, META)), &none);
        assert_eq!(source, LookupSource::Unavailable);
        assert_eq!(source.url(&postcode::parse("SG1").unwrap()), None);
        assert!(source.read(200, "{}", &postcode::parse("SG1").unwrap()).is_err());
    }
}
