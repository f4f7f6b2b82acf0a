//! Safe links: only `https:`, `http:`, `tel:` and `mailto:` ever reach the page.
//!
//! Every URL in a data file or the configuration is untrusted. These functions turn a value into
//! an `href` only when its scheme is allowed and it has no characters that could break out of an
//! attribute or smuggle a second scheme; anything else yields `None`.

/// A web address that may be used as a link: `https:` or `http:` with a host.
pub fn web(url: &str) -> Option<String> {
    let u = url.trim();
    if u.is_empty()
        || u.chars().any(|c| c.is_control() || c.is_whitespace() || c == '"' || c == '<' || c == '>' || c == '\\')
    {
        return None;
    }
    let lower = u.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || host.starts_with('@') || host.starts_with('.') {
        return None;
    }
    Some(u.to_string())
}

/// A `tel:` link for a UK phone number as people write it ("01632 960123", "+44 1632 960123").
pub fn tel(phone: &str) -> Option<String> {
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
        assert!(web("http://example.org/a?b=c").is_some());
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
        assert_eq!(tel("+44 (0)1632 960-123").as_deref(), Some("tel:+4401632960123"));
        assert!(tel("call us").is_none());
        assert_eq!(mailto("referrals@example.org").as_deref(), Some("mailto:referrals@example.org"));
        assert!(mailto("a@b").is_none());
        assert!(mailto("<script>@example.org").is_none());
        assert!(mailto("x@example.org?subject=hi").is_none());
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
