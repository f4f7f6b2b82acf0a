//! Session times: when a scheme's sessions run each week ("Mon 10:00–11:00; Thu 14:00–15:00").
//!
//! A [`Session`] is one weekly slot: a weekday and a start and end time. [`read_written`] reads
//! the spreadsheet's wording as leniently as prices are read ("Mondays 10am-11am", "Mon & Thu
//! 10:00 to 11:00", "Tue-Thu 2-3pm"); [`written`] writes the canonical form the import reads back.
//! The data file stores sessions as `{"day": "mon", "start": "10:00", "end": "11:00"}` objects.
//!
//! Not here: dates, holidays or one-off sessions (a scheme's timetable is weekly).

use serde_json::{json, Value};

/// A day of the week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    pub const ALL: [Weekday; 7] =
        [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

    /// The code in the data file: "mon" … "sun".
    pub fn code(self) -> &'static str {
        match self {
            Weekday::Mon => "mon",
            Weekday::Tue => "tue",
            Weekday::Wed => "wed",
            Weekday::Thu => "thu",
            Weekday::Fri => "fri",
            Weekday::Sat => "sat",
            Weekday::Sun => "sun",
        }
    }

    /// "Mon" … "Sun".
    pub fn short(self) -> &'static str {
        match self {
            Weekday::Mon => "Mon",
            Weekday::Tue => "Tue",
            Weekday::Wed => "Wed",
            Weekday::Thu => "Thu",
            Weekday::Fri => "Fri",
            Weekday::Sat => "Sat",
            Weekday::Sun => "Sun",
        }
    }

    /// "Monday" … "Sunday" (also schema.org's DayOfWeek names).
    pub fn long(self) -> &'static str {
        match self {
            Weekday::Mon => "Monday",
            Weekday::Tue => "Tuesday",
            Weekday::Wed => "Wednesday",
            Weekday::Thu => "Thursday",
            Weekday::Fri => "Friday",
            Weekday::Sat => "Saturday",
            Weekday::Sun => "Sunday",
        }
    }

    /// iCalendar's two letters: "MO" … "SU".
    pub fn ical(self) -> &'static str {
        match self {
            Weekday::Mon => "MO",
            Weekday::Tue => "TU",
            Weekday::Wed => "WE",
            Weekday::Thu => "TH",
            Weekday::Fri => "FR",
            Weekday::Sat => "SA",
            Weekday::Sun => "SU",
        }
    }

    /// A day as people write it: "mon", "Monday", "Mondays", "Tues", "Thurs."…
    pub fn from_word(word: &str) -> Option<Weekday> {
        let w = crate::case::lower(word.trim().trim_end_matches('.'));
        let w = w.strip_suffix('s').filter(|s| s.ends_with("day")).unwrap_or(&w);
        let found = match w {
            "mon" | "monday" => Weekday::Mon,
            "tue" | "tues" | "tuesday" => Weekday::Tue,
            "wed" | "weds" | "wednesday" => Weekday::Wed,
            "thu" | "thur" | "thurs" | "thursday" => Weekday::Thu,
            "fri" | "friday" => Weekday::Fri,
            "sat" | "saturday" => Weekday::Sat,
            "sun" | "sunday" => Weekday::Sun,
            _ => return None,
        };
        Some(found)
    }

    fn index(self) -> usize {
        Weekday::ALL.iter().position(|d| *d == self).unwrap_or(0)
    }
}

/// One weekly session. Times are minutes after midnight; `end` is after `start` (same day).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Session {
    pub day: Weekday,
    pub start: u16,
    pub end: u16,
}

/// "10:00" from minutes after midnight.
pub fn clock(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Minutes after midnight from "10:00" (24-hour, two-digit minutes), the data file's form.
pub fn from_clock(text: &str) -> Option<u16> {
    let (h, m) = text.split_once(':')?;
    let ok = |s: &str, n: usize| (1..=n).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if !ok(h, 2) || m.len() != 2 || !ok(m, 2) {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

impl Session {
    /// "Mon 10:00–11:00".
    pub fn describe(&self) -> String {
        format!("{} {}–{}", self.day.short(), clock(self.start), clock(self.end))
    }

    /// The data file's form.
    pub fn to_json(&self) -> Value {
        json!({"day": self.day.code(), "start": clock(self.start), "end": clock(self.end)})
    }

    /// Reads the data file's form; the reason when it cannot.
    pub fn from_json(v: &Value) -> Result<Session, String> {
        let text = |k: &str| v.get(k).and_then(Value::as_str);
        let day = text("day")
            .and_then(|d| Weekday::ALL.into_iter().find(|w| w.code() == d))
            .ok_or("a session needs a \"day\" from mon to sun")?;
        let start = text("start").and_then(from_clock).ok_or("a session needs a \"start\" time like 10:00")?;
        let end = text("end").and_then(from_clock).ok_or("a session needs an \"end\" time like 11:00")?;
        if end <= start {
            return Err(format!(
                "the session on {} ends ({}) before it starts ({})",
                day.long(),
                clock(end),
                clock(start)
            ));
        }
        Ok(Session { day, start, end })
    }
}

/// The canonical written form: "Mon 10:00–11:00; Thu 14:00–15:00" (empty for no sessions).
pub fn written(sessions: &[Session]) -> String {
    sessions.iter().map(Session::describe).collect::<Vec<_>>().join("; ")
}

/// For a card or a list: "Mon 10:00–11:00, Thu 14:00–15:00" (`None` for no sessions).
pub fn listed(sessions: &[Session]) -> Option<String> {
    (!sessions.is_empty()).then(|| sessions.iter().map(Session::describe).collect::<Vec<_>>().join(", "))
}

/// The most sessions a scheme may list.
pub const MAX_SESSIONS: usize = 50;

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Day(Weekday),
    /// Minutes after midnight as written, whether it said am/pm (`Some(true)` = pm), and
    /// whether minutes were written.
    Time {
        hour: u16,
        minute: u16,
        pm: Option<bool>,
        minutes_written: bool,
    },
    Dash,
}

/// Reads session times as people write them. Sessions are separated by ";", "," or new lines;
/// each names its days ("Mon", "Monday", "Mon & Thu", "Mon-Fri") then a time range ("10:00–11:00",
/// "10-11am", "2pm to 3pm", "14.00-15.00"). A range with no days of its own repeats the days before
/// it ("Mon 10:00-11:00, 14:00-15:00"). An empty text is no sessions.
pub fn read_written(text: &str) -> Result<Vec<Session>, String> {
    let tokens = tokenise(text)?;
    let mut out: Vec<Session> = Vec::new();
    let mut days: Vec<Weekday> = Vec::new();
    let mut days_used = false;
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i] {
            Token::Day(d) => {
                if days_used {
                    days.clear();
                    days_used = false;
                }
                // "Mon-Fri": every day from one to the other.
                if let (Some(Token::Dash), Some(Token::Day(to))) = (tokens.get(i + 1), tokens.get(i + 2)) {
                    if to.index() < d.index() {
                        return Err(format!(
                            "\"{}-{}\" runs backwards: write the days in week order",
                            d.short(),
                            to.short()
                        ));
                    }
                    days.extend(Weekday::ALL[d.index()..=to.index()].iter().copied());
                    i += 3;
                    continue;
                }
                days.push(*d);
                i += 1;
            }
            Token::Time { .. } => {
                let (Some(Token::Dash), Some(end @ Token::Time { .. })) = (tokens.get(i + 1), tokens.get(i + 2)) else {
                    return Err("a time needs a start and an end, like 10:00–11:00".into());
                };
                if days.is_empty() {
                    return Err("a time has no day before it: write the day first, like Mon 10:00–11:00".into());
                }
                let (start, end) = range(&tokens[i], end)?;
                for d in &days {
                    out.push(Session { day: *d, start, end });
                }
                days_used = true;
                i += 3;
            }
            Token::Dash => return Err("a dash has nothing before it: write sessions like Mon 10:00–11:00".into()),
        }
    }
    if !days.is_empty() && !days_used {
        let names: Vec<&str> = days.iter().map(|d| d.short()).collect();
        return Err(format!("{} has no times: write them like {} 10:00–11:00", names.join(", "), names[0]));
    }
    out.sort();
    out.dedup();
    if out.len() > MAX_SESSIONS {
        return Err(format!("there are more than {MAX_SESSIONS} sessions"));
    }
    Ok(out)
}

/// The start and end of a range in minutes, filling in a missing am/pm from the other end.
fn range(start: &Token, end: &Token) -> Result<(u16, u16), String> {
    let (
        Token::Time { hour: h1, minute: m1, pm: p1, minutes_written: w1 },
        Token::Time { hour: h2, minute: m2, pm: p2, minutes_written: w2 },
    ) = (start, end)
    else {
        return Err("a time needs a start and an end, like 10:00–11:00".into());
    };
    let to24 = |h: u16, pm: bool| if pm { h % 12 + 12 } else { h % 12 };
    let (s, e) = match (p1, p2) {
        (Some(a), Some(b)) => (to24(*h1, *a) * 60 + m1, to24(*h2, *b) * 60 + m2),
        (None, Some(b)) => {
            let e = to24(*h2, *b) * 60 + m2;
            // "10-11am", "2-3pm": the same half of the day, unless that puts the start after the end ("11-1pm").
            let same = to24(*h1, *b) * 60 + m1;
            let s = if same < e { same } else { to24(*h1, !*b) * 60 + m1 };
            (s, e)
        }
        (Some(a), None) => (to24(*h1, *a) * 60 + m1, to24(*h2, *a) * 60 + m2),
        (None, None) => {
            // 24-hour times; a bare small hour ("2-3") is more likely the afternoon than the night.
            for (h, w) in [(h1, w1), (h2, w2)] {
                if (1..=6).contains(h) && !w {
                    return Err(format!(
                        "\"{h}\" could be morning or afternoon: write 24-hour times like 14:00, or add am or pm"
                    ));
                }
            }
            (h1 * 60 + m1, h2 * 60 + m2)
        }
    };
    if e <= s {
        return Err(format!("the session ends ({}) before it starts ({})", clock(e), clock(s)));
    }
    Ok((s, e))
}

fn tokenise(text: &str) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() || matches!(c, ',' | ';' | '&' | '/' | '+' | '(' | ')') {
            i += 1;
        } else if matches!(c, '-' | '–' | '—' | '‒' | '−') {
            tokens.push(Token::Dash);
            i += 1;
        } else if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let hour_text: String = chars[start..i].iter().collect();
            let mut minute_text = String::new();
            if i + 1 < chars.len() && matches!(chars[i], ':' | '.') && chars[i + 1].is_ascii_digit() {
                i += 1;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    minute_text.push(chars[i]);
                    i += 1;
                }
            }
            // "1000" or "10:00": a four-digit hour is hhmm.
            let (hour_text, minute_text) = if minute_text.is_empty() && hour_text.len() == 4 {
                (hour_text[..2].to_string(), hour_text[2..].to_string())
            } else {
                (hour_text, minute_text)
            };
            let written: String = chars[start..i].iter().collect();
            let bad = || format!("\"{written}\" is not a time: write times like 10:00 or 2pm");
            let hour: u16 = hour_text.parse().map_err(|_| bad())?;
            let minute: u16 = if minute_text.is_empty() { 0 } else { minute_text.parse().map_err(|_| bad())? };
            if hour > 23 || minute > 59 || (!minute_text.is_empty() && minute_text.len() != 2) {
                return Err(bad());
            }
            // am/pm, right after the number or after a space.
            let mut j = i;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            let word_end =
                (j..chars.len()).find(|k| !chars[*k].is_alphabetic() && chars[*k] != '.').unwrap_or(chars.len());
            let word: String = crate::case::lower(&chars[j..word_end].iter().collect::<String>()).replace('.', "");
            let pm = match word.as_str() {
                "am" => Some(false),
                "pm" => Some(true),
                _ => None,
            };
            if pm.is_some() {
                if hour == 0 || hour > 12 {
                    return Err(bad());
                }
                i = word_end;
            }
            tokens.push(Token::Time { hour, minute, pm, minutes_written: !minute_text.is_empty() });
        } else if c.is_alphabetic() {
            let start = i;
            while i < chars.len() && (chars[i].is_alphabetic() || chars[i] == '.') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let folded = crate::case::lower(&word);
            match folded.trim_end_matches('.') {
                "to" | "until" | "till" | "til" => tokens.push(Token::Dash),
                "and" | "at" | "from" | "every" | "on" => {}
                "noon" | "midday" => {
                    tokens.push(Token::Time { hour: 12, minute: 0, pm: Some(true), minutes_written: true })
                }
                _ => match Weekday::from_word(&word) {
                    Some(d) => tokens.push(Token::Day(d)),
                    None => {
                        return Err(format!(
                            "\"{word}\" is not a day or a time: write sessions like Mon 10:00–11:00; Thu 14:00–15:00"
                        ))
                    }
                },
            }
        } else {
            return Err(format!(
                "\"{c}\" cannot be read in session times: write them like Mon 10:00–11:00; Thu 14:00–15:00"
            ));
        }
    }
    Ok(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(day: Weekday, start: &str, end: &str) -> Session {
        Session { day, start: from_clock(start).unwrap(), end: from_clock(end).unwrap() }
    }

    #[test]
    fn session_times_are_read_as_people_write_them() {
        use Weekday::*;
        let cases: &[(&str, &[Session])] = &[
            ("", &[]),
            ("Mon 10:00–11:00; Thu 14:00–15:00", &[s(Mon, "10:00", "11:00"), s(Thu, "14:00", "15:00")]),
            ("Mon 10:00-11:00, Thu 14:00-15:00", &[s(Mon, "10:00", "11:00"), s(Thu, "14:00", "15:00")]),
            ("Monday 10am-11am", &[s(Mon, "10:00", "11:00")]),
            ("Mondays 10-11am", &[s(Mon, "10:00", "11:00")]),
            ("Tuesdays 2-3pm", &[s(Tue, "14:00", "15:00")]),
            ("Wed 11-1pm", &[s(Wed, "11:00", "13:00")]),
            ("Mon & Thu 10:00 to 11:00", &[s(Mon, "10:00", "11:00"), s(Thu, "10:00", "11:00")]),
            ("Mon and Wed 9.30-10.30", &[s(Mon, "09:30", "10:30"), s(Wed, "09:30", "10:30")]),
            ("Mon-Wed 18:00—19:00", &[s(Mon, "18:00", "19:00"), s(Tue, "18:00", "19:00"), s(Wed, "18:00", "19:00")]),
            ("Fri 10:00-11:00, 14:00-15:00", &[s(Fri, "10:00", "11:00"), s(Fri, "14:00", "15:00")]),
            ("Sat 1000-1100", &[s(Sat, "10:00", "11:00")]),
            ("sun 11.30am - 12.30pm", &[s(Sun, "11:30", "12:30")]),
            ("Thurs. 11am to noon", &[s(Thu, "11:00", "12:00")]),
            ("Thu 14:00–15:00\nMon 10:00–11:00", &[s(Mon, "10:00", "11:00"), s(Thu, "14:00", "15:00")]),
            ("Mon 10:00-11:00; Mon 10:00-11:00", &[s(Mon, "10:00", "11:00")]),
        ];
        for (text, want) in cases {
            assert_eq!(read_written(text).as_deref(), Ok(*want), "{text:?}");
        }
    }

    #[test]
    fn unreadable_session_times_say_what_is_wrong() {
        let cases: &[(&str, &str)] = &[
            ("Mon", "has no times"),
            ("10:00-11:00", "no day before it"),
            ("Mon 10:00", "a start and an end"),
            ("Mon 11:00-10:00", "ends (10:00) before it starts (11:00)"),
            ("Mon 25:00-26:00", "is not a time"),
            ("Mon 10:75-11:00", "is not a time"),
            ("Mon 2-3", "morning or afternoon"),
            ("Mondy 10:00-11:00", "\"Mondy\" is not a day"),
            ("Fri-Mon 10:00-11:00", "runs backwards"),
            ("Mon 13pm-14pm", "is not a time"),
            ("Mon 10:00-11:00 <b>", "\"<\" cannot be read"),
            ("- 10:00", "nothing before it"),
        ];
        for (text, want) in cases {
            match read_written(text) {
                Err(e) => assert!(e.contains(want), "{text:?}: {e}"),
                Ok(v) => panic!("{text:?} was read as {v:?}"),
            }
        }
    }

    #[test]
    fn the_written_form_reads_back_to_the_same_sessions() {
        let sessions = read_written("Thu 2-3pm; Mon 10am-11am").unwrap();
        let text = written(&sessions);
        assert_eq!(text, "Mon 10:00–11:00; Thu 14:00–15:00");
        assert_eq!(listed(&sessions).as_deref(), Some("Mon 10:00–11:00, Thu 14:00–15:00"));
        assert_eq!(listed(&[]), None);
        assert_eq!(read_written(&text).unwrap(), sessions);
    }

    #[test]
    fn the_data_files_form_round_trips_and_is_checked() {
        let one = s(Weekday::Tue, "09:30", "10:30");
        assert_eq!(one.to_json(), json!({"day": "tue", "start": "09:30", "end": "10:30"}));
        assert_eq!(Session::from_json(&one.to_json()), Ok(one));
        for bad in [
            json!({"day": "tuesday", "start": "09:30", "end": "10:30"}),
            json!({"day": "tue", "start": "9:3", "end": "10:30"}),
            json!({"day": "tue", "start": "10:30", "end": "09:30"}),
            json!({"day": "tue", "start": "24:00", "end": "24:30"}),
            json!("Tue 09:30-10:30"),
        ] {
            assert!(Session::from_json(&bad).is_err(), "{bad}");
        }
    }
}
