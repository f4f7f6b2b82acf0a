//! Prices as people write them in a spreadsheet: "£3.50 per session", "Free",
//! "£22.49/month for 6 months", "£40 for 12 weeks", "£2.50 (concessions £1.50)",
//! "£3.50 per session, 2 sessions a week".
//!
//! [`parse_written`] reads them into a [`Price`]; [`Price::written`] writes the one canonical form,
//! which reads back to the same price, so a spreadsheet exported by the data tool imports unchanged.

use super::{money, plural, Price, PriceRecord};

/// How a readable price looks, for error messages.
pub const EXAMPLES: &str =
    "\"Free\", \"£3.50 per session\", \"£3.50 per session, 2 sessions a week\", \"£5 per week\", \"£22.49 per month for 6 months\", \"£40 for 12 weeks\" or \"£2.50 per session (concessions £1.50)\"";

/// Words that mean the scheme costs nothing.
const FREE_WORDS: [&str; 6] = ["free", "free of charge", "no charge", "nil", "£0", "£0.00"];

/// Reads a price as a person writes it. `note` is the extra words kept with the price
/// ("first session free"). The error says what could not be read, in plain words.
pub fn parse_written(text: &str, note: Option<&str>) -> Result<Price, String> {
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = crate::case::lower(&words);
    if lower.is_empty() {
        return Err(format!("there is no price: write it like {EXAMPLES}"));
    }
    let cannot = || format!("cannot be read as a price: write it like {EXAMPLES}");
    let mut record =
        PriceRecord { note: note.map(str::trim).filter(|n| !n.is_empty()).map(String::from), ..Default::default() };
    if FREE_WORDS.contains(&lower.as_str()) {
        record.unit = "free".into();
        return Price::from_record(&record);
    }

    // "… (concessions £1.50)" or "…, concessions £1.50"
    let (main, concessions) = match lower.find("concession") {
        Some(at) => {
            let tail = &lower[at..];
            let after_word = tail.trim_start_matches(|c: char| c.is_ascii_alphabetic());
            let after_word = after_word.trim_start_matches([':', ' ']);
            let (pence, rest) = if let Some(r) = after_word.strip_prefix("free") {
                (0, r)
            } else {
                read_money(after_word).ok_or_else(cannot)?
            };
            if !rest.trim().trim_end_matches(')').trim().is_empty() {
                return Err(cannot());
            }
            let head = lower[..at].trim_end().trim_end_matches(['(', ',', ';', '-', '–']).trim_end();
            if rest.contains(')') != lower[..at].contains('(') {
                return Err(cannot());
            }
            (head.to_string(), Some(pence))
        }
        None => (lower.clone(), None),
    };
    record.concessions = concessions.map(|p| f64::from(p) / 100.0);
    if FREE_WORDS.contains(&main.as_str()) {
        return Err("says free but also gives a concession price: write \"Free\" alone".into());
    }

    let (pence, rest) = read_money(&main).ok_or_else(cannot)?;
    record.amount = Some(f64::from(pence) / 100.0);
    let mut rest = rest.trim_start();

    // The unit.
    let units: [(&str, &[&str]); 4] = [
        (
            "session",
            &["per session", "a session", "/session", "each session", "per class", "a class", "/class", "each class"],
        ),
        ("week", &["per week", "a week", "/week", "/wk", "weekly", "pw"]),
        ("month", &["per month", "a month", "/month", "/mth", "monthly", "pcm"]),
        ("course", &["per course", "for the course", "/course", "a course"]),
    ];
    let mut unit = None;
    for (code, phrases) in units {
        if let Some(p) = phrases.iter().find(|p| starts_with_word(rest, p)) {
            unit = Some(code);
            rest = rest[p.len()..].trim_start();
            break;
        }
    }
    // "for 12 weeks" straight after the amount is a course price.
    if unit.is_none() {
        if let Some((n, r)) = read_count(rest, "for", &["weeks", "week"]) {
            unit = Some("course");
            record.weeks = Some(n);
            rest = r;
        }
    }
    let unit = unit.unwrap_or("session");
    record.unit = unit.into();

    // What may follow the unit.
    loop {
        rest = rest.trim_start_matches([',', ';', ' ']);
        if rest.is_empty() {
            break;
        }
        if unit == "month" && record.months.is_none() {
            if let Some((n, r)) = read_count(rest, "for", &["months", "month"]) {
                record.months = Some(n);
                rest = r;
                continue;
            }
        }
        if unit == "session" && record.sessions_per_week.is_none() {
            if let Some((n, r)) = read_sessions_a_week(rest) {
                record.sessions_per_week = Some(n);
                rest = r;
                continue;
            }
        }
        return Err(cannot());
    }
    Price::from_record(&record)
}

impl Price {
    /// The canonical written form, which [`parse_written`] reads back to the same price
    /// (the note is kept separately).
    pub fn written(&self) -> String {
        use super::PriceUnit::*;
        let mut s = match self.unit {
            Free => "Free".to_string(),
            Session => match self.sessions_per_week {
                Some(n) => format!("{} per session, {n} session{} a week", money(self.pence), plural(n)),
                None => format!("{} per session", money(self.pence)),
            },
            Week => format!("{} per week", money(self.pence)),
            Month => match self.months {
                Some(n) => format!("{} per month for {n} month{}", money(self.pence), plural(n)),
                None => format!("{} per month", money(self.pence)),
            },
            Course => match self.weeks {
                Some(n) => format!("{} for {n} week{}", money(self.pence), plural(n)),
                None => format!("{} per course", money(self.pence)),
            },
        };
        match self.concession_pence {
            Some(0) => s.push_str(" (concessions free)"),
            Some(c) => s.push_str(&format!(" (concessions {})", money(c))),
            None => {}
        }
        s
    }
}

/// Whether `s` starts with the phrase `p` followed by the end, a space or punctuation.
fn starts_with_word(s: &str, p: &str) -> bool {
    s.starts_with(p) && s[p.len()..].chars().next().is_none_or(|c| !c.is_ascii_alphanumeric())
}

/// Reads "£3.50", "3.5", "£22" at the start; returns the pence and the rest.
fn read_money(s: &str) -> Option<(u32, &str)> {
    let s = s.trim_start();
    let s = s.strip_prefix('£').or_else(|| s.strip_prefix("gbp")).unwrap_or(s).trim_start();
    let whole_len = s.bytes().take_while(u8::is_ascii_digit).count();
    if whole_len == 0 || whole_len > 5 {
        return None;
    }
    let whole: u32 = s[..whole_len].parse().ok()?;
    let mut rest = &s[whole_len..];
    let mut pence = 0;
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        pence = match (n, frac.get(..n)) {
            (1, Some(d)) => d.parse::<u32>().ok()? * 10,
            (2, Some(d)) => d.parse::<u32>().ok()?,
            _ => return None,
        };
        rest = &frac[n..];
    }
    if rest.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        // "3.50p", "3x": not money as we know it.
        return None;
    }
    Some((whole * 100 + pence, rest))
}

/// Reads "for 6 months" (with `lead` = "for" and the given unit words); returns the number and the rest.
fn read_count<'a>(s: &'a str, lead: &str, units: &[&str]) -> Option<(u8, &'a str)> {
    let s = s.strip_prefix(lead)?.trim_start();
    let n_len = s.bytes().take_while(u8::is_ascii_digit).count();
    let n: u8 = s.get(..n_len)?.parse().ok()?;
    let s = s[n_len..].trim_start();
    let s = s.strip_prefix('-').unwrap_or(s).trim_start();
    let u = units.iter().find(|u| starts_with_word(s, u))?;
    Some((n, s[u.len()..].trim_start()))
}

/// Reads "2 sessions a week", "2 sessions per week", "2 a week", "twice a week", "once a week",
/// "3 times a week", optionally in brackets.
fn read_sessions_a_week(s: &str) -> Option<(u8, &str)> {
    let (bracketed, s) = match s.strip_prefix('(') {
        Some(r) => (true, r.trim_start()),
        None => (false, s),
    };
    let (n, s) = if let Some(r) = s.strip_prefix("once") {
        (1, r)
    } else if let Some(r) = s.strip_prefix("twice") {
        (2, r)
    } else {
        let n_len = s.bytes().take_while(u8::is_ascii_digit).count();
        let n: u8 = s.get(..n_len)?.parse().ok()?;
        let r = s[n_len..].trim_start();
        let r = ["sessions", "session", "classes", "class", "times", "x"]
            .iter()
            .find_map(|w| r.strip_prefix(w).filter(|t| t.is_empty() || t.starts_with(' ')))
            .unwrap_or(r);
        (n, r)
    };
    let s = s.trim_start();
    let s = ["a week", "per week", "weekly", "/week"]
        .iter()
        .find_map(|w| s.strip_prefix(w).filter(|t| !t.starts_with(|c: char| c.is_ascii_alphanumeric())))?;
    let s = if bracketed { s.trim_start().strip_prefix(')')? } else { s };
    Some((n, s.trim_start()))
}

#[cfg(test)]
mod tests {
    use super::super::PriceUnit;
    use super::*;

    fn p(text: &str) -> Price {
        parse_written(text, None).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn the_ways_people_write_prices_are_read() {
        assert_eq!(p("Free"), Price::free());
        assert_eq!(p("  free of charge "), Price::free());
        let s = p("£3.50 per session");
        assert_eq!((s.unit, s.pence, s.sessions_per_week), (PriceUnit::Session, 350, None));
        let m = p("£22.49/month for 6 months");
        assert_eq!((m.unit, m.pence, m.months), (PriceUnit::Month, 2249, Some(6)));
        let c = p("£40 for 12 weeks");
        assert_eq!((c.unit, c.pence, c.weeks), (PriceUnit::Course, 4000, Some(12)));
        let k = p("£2.50 (concessions £1.50)");
        assert_eq!((k.unit, k.pence, k.concession_pence), (PriceUnit::Session, 250, Some(150)));
        let t = p("£3.50 per session, 2 sessions a week");
        assert_eq!((t.unit, t.pence, t.sessions_per_week), (PriceUnit::Session, 350, Some(2)));
    }

    #[test]
    fn other_common_spellings_are_read() {
        assert_eq!(p("£5 a week").unit, PriceUnit::Week);
        assert_eq!(p("5.00 weekly").pence, 500);
        assert_eq!(p("£25 pcm").unit, PriceUnit::Month);
        assert_eq!(p("£3 per class twice a week").sessions_per_week, Some(2));
        assert_eq!(p("£3 a session (3 times a week)").sessions_per_week, Some(3));
        assert_eq!(p("£60 per course").weeks, None);
        assert_eq!(p("£3.5 per session").pence, 350);
        assert_eq!(p("£3.50 per session, concessions £2").concession_pence, Some(200));
        assert_eq!(p("£4 per session (concessions free)").concession_pence, Some(0));
        assert_eq!(p("£40 for 12-weeks").weeks, Some(12));
    }

    #[test]
    fn the_note_is_kept_with_the_price() {
        let n = parse_written("£5 per session", Some(" First session free ")).unwrap();
        assert_eq!(n.note.as_deref(), Some("First session free"));
    }

    #[test]
    fn unreadable_prices_name_the_text_and_show_examples() {
        for bad in [
            "£3.50 a sesh",
            "three pounds",
            "£3.50 per session (bring a towel)",
            "£",
            "£3.505 per session",
            "£3.50 per fortnight",
            "$5 per session",
            "Free (concessions £1)",
            "£3.50 per session (concessions £1.50",
            "£22 per month for many months",
            "<script>alert(1)</script>",
        ] {
            let e = parse_written(bad, None).expect_err(bad);
            assert!(e.contains("write it like") || e.contains("Free"), "{bad}: {e}");
        }
        assert_eq!(
            parse_written("£3.50 a sesh", None).unwrap_err(),
            format!("cannot be read as a price: write it like {EXAMPLES}")
        );
        assert!(parse_written("", None).unwrap_err().starts_with("there is no price"));
    }

    #[test]
    fn zero_and_huge_amounts_are_refused_by_the_price_rules() {
        assert_eq!(parse_written("£0 per session", None).unwrap_err(), "a price of £0 should have the unit \"free\"");
        assert!(parse_written("£999999 per session", None).is_err());
    }

    #[test]
    fn the_written_form_reads_back_to_the_same_price() {
        for text in [
            "Free",
            "£3.50 per session",
            "£3.50 per session, 2 sessions a week",
            "£3 per session, 1 session a week",
            "£5 per week",
            "£22.49 per month for 6 months",
            "£20 per month",
            "£18 per month for 1 month",
            "£40 for 12 weeks",
            "£40 for 1 week",
            "£60 per course",
            "£2.50 per session (concessions £1.50)",
            "£3.75 per session, 2 sessions a week (concessions £2.50)",
            "£4 per session (concessions free)",
        ] {
            let price = p(text);
            assert_eq!(price.written(), text);
            assert_eq!(p(&price.written()), price);
        }
    }
}
