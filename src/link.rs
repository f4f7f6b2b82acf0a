//! Safe links: only `https:` (and `http:` where the configuration allows it), `tel:` and `mailto:`
//! ever reach the page.
//!
//! Every URL in a data file or the configuration is untrusted. These functions turn a value into
//! an `href` only when its scheme is allowed, it names a host without user-info (the
//! `https://nhs.uk@evil.example/` trick), and it has no characters that could break out of an
//! attribute, smuggle a second scheme or disguise what the reader sees (control characters,
//! zero-width and bidirectional-override characters, the byte-order mark); anything else yields
//! `None`. URL *templates* from the configuration (tiles, directions, lookups) go through the same
//! checks with their `{placeholders}` filled in.

/// Which web schemes a link may use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Schemes {
    /// `https:` only: the default everywhere.
    #[default]
    HttpsOnly,
    /// `https:` or `http:`: only where the configuration says `"allow_http": true`.
    HttpsOrHttp,
}

/// A web address that may be used as a link: `https:` with a host (see [`web_with`]).
pub fn web(url: &str) -> Option<String> {
    web_with(url, Schemes::HttpsOnly)
}

/// A web address that may be used as a link under `schemes`: a host, no user-info, no control,
/// invisible or markup characters anywhere.
pub fn web_with(url: &str, schemes: Schemes) -> Option<String> {
    let u = url.trim_matches(|c: char| c == ' ' || c == '\t' || c == '\n' || c == '\r');
    if u.is_empty() || u.chars().any(|c| c.is_whitespace() || is_hidden(c) || "\"<>\\`{}".contains(c)) {
        return None;
    }
    let lower = u.to_ascii_lowercase();
    let rest = match lower.strip_prefix("https://") {
        Some(rest) => rest,
        None if schemes == Schemes::HttpsOrHttp => lower.strip_prefix("http://")?,
        None => return None,
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    // User-info ("name@host", "name:pass@host") makes the visible start of the link lie about
    // where it goes; a `%` in the host is an encoded trick of the same kind.
    if authority.contains('@') || authority.contains('%') {
        return None;
    }
    let host = match authority.rsplit_once(':') {
        Some((h, port)) if !h.starts_with('[') || h.ends_with(']') => {
            if !port.chars().all(|c| c.is_ascii_digit()) || port.parse::<u16>().is_err() {
                return None;
            }
            h
        }
        _ => authority,
    };
    if host.is_empty() || host.starts_with('.') || host.starts_with('-') || host.contains("..") {
        return None;
    }
    Some(u.to_string())
}

/// Whether a character is invisible or reorders text: control characters, zero-width characters,
/// bidirectional marks, embeddings, overrides and isolates, soft hyphen, word joiners, the BOM.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}')
}

/// A `tel:` link for a UK phone number as people write it ("01632 960123", "+44 1632 960123",
/// "+44 (0)1632 960123", whose "(0)" is dialled only from inside the country, so not in the link).
pub fn tel(phone: &str) -> Option<String> {
    let international = phone.trim_start().starts_with('+');
    let phone = if international { phone.replacen("(0)", "", 1) } else { phone.to_string() };
    let digits: String = phone.chars().filter(|c| !c.is_whitespace() && *c != '-' && *c != '(' && *c != ')').collect();
    let body = digits.strip_prefix('+').unwrap_or(&digits);
    if body.len() < 6 || body.len() > 15 || !body.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(format!("tel:{digits}"))
}

/// A `mailto:` link for a plain email address.
pub fn mailto(email: &str) -> Option<String> {
    is_email(email).then(|| format!("mailto:{}", email.trim()))
}

/// A `mailto:` link with a prefilled subject and body, both percent-encoded (RFC 6068), so no
/// character of either can add a header or break out of the attribute.
pub fn mailto_with(email: &str, subject: &str, body: &str) -> Option<String> {
    let base = mailto(email)?;
    Some(format!("{base}?subject={}&body={}", percent(subject), percent(body)))
}

/// Percent-encoding of everything but unreserved characters (spaces as `%20`, lines as `%0D%0A`).
fn percent(text: &str) -> String {
    let normalised = text.replace("\r\n", "\n").replace('\n', "\r\n");
    let mut out = String::new();
    for b in normalised.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Whether a text looks like one plain email address (`name@domain.tld`, no spaces or markup).
pub fn is_email(email: &str) -> bool {
    let e = email.trim();
    let Some((local, domain)) = e.split_once('@') else { return false };
    let ok = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "._%+-'".contains(c));
    ok(local) && ok(domain) && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_are_web_links() {
        assert_eq!(web("https://www.everyoneactive.com/").as_deref(), Some("https://www.everyoneactive.com/"));
        assert!(web("http://example.org/a?b=c").is_none(), "http: only where the config allows it");
        assert!(web_with("http://example.org/a?b=c", Schemes::HttpsOrHttp).is_some());
        assert!(web_with("ftp://example.org/", Schemes::HttpsOrHttp).is_none());
        assert!(web("javascript:alert(1)").is_none());
        assert!(web("JAVASCRIPT:alert(1)").is_none());
        assert!(web("data:text/html,<script>").is_none());
        assert!(web("https://").is_none());
        assert!(web("https://ex ample.org").is_none());
        assert!(web("https://example.org/\"onmouseover=").is_none());
        assert!(web("//example.org").is_none());
    }

    #[test]
    fn phones_and_emails() {
        assert_eq!(tel("01632 960123").as_deref(), Some("tel:01632960123"));
        // "(0)" after the country code is not dialled from abroad: +44 1632…, not +44 01632….
        assert_eq!(tel("+44 (0)1632 960-123").as_deref(), Some("tel:+441632960123"));
        assert_eq!(tel("+44 (0) 1632 960123").as_deref(), Some("tel:+441632960123"));
        assert_eq!(tel("(01632) 960123").as_deref(), Some("tel:01632960123"));
        assert!(tel("call us").is_none());
        assert_eq!(mailto("referrals@example.org").as_deref(), Some("mailto:referrals@example.org"));
        assert!(mailto("a@b").is_none());
        assert!(mailto("<script>@example.org").is_none());
        assert!(mailto("x@example.org?subject=hi").is_none());
    }

    #[test]
    fn user_info_is_never_a_link() {
        assert!(web("https://nhs.uk@evil.example/").is_none());
        assert!(web("https://nhs.uk:443@evil.example/").is_none());
        assert!(web("https://user:pass@example.org/").is_none());
        assert!(web("https://example.org/contact@us").is_some(), "an @ in the path is fine");
        assert!(web("https://example.org:8443/a").is_some());
        assert!(web("https://example.org:/a").is_none());
        assert!(web("https://example.org:99999/a").is_none());
        assert!(web("https://ex%61mple.org/").is_none());
    }

    #[test]
    fn control_and_invisible_characters_are_refused_anywhere() {
        for hidden in ['\u{200B}', '\u{200D}', '\u{202E}', '\u{2066}', '\u{FEFF}', '\u{00AD}', '\u{0007}', '\u{007F}'] {
            assert!(web(&format!("https://exam{hidden}ple.org/")).is_none(), "{hidden:?} in the host");
            assert!(web(&format!("https://example.org/a{hidden}b")).is_none(), "{hidden:?} in the path");
            assert!(web(&format!("{hidden}https://example.org/")).is_none(), "{hidden:?} in front");
        }
        assert!(web("https://example.org/caf\u{e9}").is_some(), "ordinary letters are fine");
    }

    #[test]
    fn mailto_subject_and_body_are_encoded() {
        assert_eq!(
            mailto_with("maps@example.org", "Change: A & B?", "Line 1\nLine=2 #3").as_deref(),
            Some("mailto:maps@example.org?subject=Change%3A%20A%20%26%20B%3F&body=Line%201%0D%0ALine%3D2%20%233")
        );
        assert_eq!(
            mailto_with("x@example.org", "£", "\"><").as_deref(),
            Some("mailto:x@example.org?subject=%C2%A3&body=%22%3E%3C")
        );
        assert!(mailto_with("not an address", "a", "b").is_none());
    }
}
