//! What a scheme costs, how it is said in plain words, and how prices with different units
//! compare.
//!
//! Prices come per session, per week, per month (often for a fixed number of months) or per
//! course. To compare them honestly the filter uses a **weekly equivalent**: a session price times
//! the sessions a week the scheme expects ([`SessionsAWeek`]: the price's `sessions_per_week`, else
//! the weekly sessions its timetable lists, else one, and then the words say it was assumed), a
//! monthly price spread over the 52/12 weeks of a month, a course price spread over the course's
//! weeks. The filter compares exactly the figure the card shows ([`Price::weekly_pence`]), and the
//! full price text is always shown beside it.

use serde::{Deserialize, Serialize};

mod written;
pub use written::{parse_written, EXAMPLES as WRITTEN_EXAMPLES};

/// The unit a price is charged in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PriceUnit {
    Free,
    Session,
    Week,
    Month,
    Course,
}

impl PriceUnit {
    pub fn from_code(code: &str) -> Option<PriceUnit> {
        match code {
            "free" => Some(PriceUnit::Free),
            "session" => Some(PriceUnit::Session),
            "week" => Some(PriceUnit::Week),
            "month" => Some(PriceUnit::Month),
            "course" => Some(PriceUnit::Course),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            PriceUnit::Free => "free",
            PriceUnit::Session => "session",
            PriceUnit::Week => "week",
            PriceUnit::Month => "month",
            PriceUnit::Course => "course",
        }
    }
}

/// How many sessions a week a session price is counted at, and where that number comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionsAWeek {
    /// The price says so (`sessions_per_week`).
    Stated(u8),
    /// The price does not say; the scheme's timetable lists this many weekly sessions.
    Timetabled(u8),
    /// Neither the price nor a timetable says: one session a week is assumed, and the words say
    /// that it is an assumption.
    Assumed,
}

impl SessionsAWeek {
    /// The number of sessions a week counted.
    pub fn count(self) -> u8 {
        match self {
            SessionsAWeek::Stated(n) | SessionsAWeek::Timetabled(n) => n,
            SessionsAWeek::Assumed => 1,
        }
    }
}

/// A validated price. Amounts are whole pence so that comparisons are exact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Price {
    pub unit: PriceUnit,
    /// The price in pence per unit (0 when free).
    pub pence: u32,
    /// For a session price: how many sessions a week the programme expects.
    pub sessions_per_week: Option<u8>,
    /// For a monthly price: for how many months it is paid.
    pub months: Option<u8>,
    /// For a course price: how many weeks the course lasts.
    pub weeks: Option<u8>,
    /// A concession price in pence, in the same unit.
    pub concession_pence: Option<u32>,
    /// Anything else a person should know ("first session free", "includes swim").
    pub note: Option<String>,
}

/// The price as it is written in the data file (`properties.price`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PriceRecord {
    pub unit: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sessions_per_week: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weeks: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concessions: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Turns an amount of pounds into whole pence, refusing negative, huge or non-finite values.
pub fn pounds_to_pence(amount: f64) -> Option<u32> {
    (amount.is_finite() && (0.0..100_000.0).contains(&amount)).then(|| (amount * 100.0).round() as u32)
}

/// Formats pence as a person writes money: "£3.50", "£22", "£22.49".
pub fn money(pence: u32) -> String {
    if pence % 100 == 0 {
        format!("£{}", pence / 100)
    } else {
        format!("£{}.{:02}", pence / 100, pence % 100)
    }
}

impl Price {
    /// A free scheme.
    pub fn free() -> Price {
        Price {
            unit: PriceUnit::Free,
            pence: 0,
            sessions_per_week: None,
            months: None,
            weeks: None,
            concession_pence: None,
            note: None,
        }
    }

    /// Validates a price record; the error says in plain words what is wrong.
    pub fn from_record(r: &PriceRecord) -> Result<Price, String> {
        let unit = PriceUnit::from_code(r.unit.trim())
            .ok_or_else(|| format!("the price unit \"{}\" is not one of free, session, week, month, course", r.unit))?;
        if let Some(c) = &r.currency {
            if c != "GBP" {
                return Err(format!("the price currency \"{c}\" is not GBP"));
            }
        }
        let pence = match (unit, r.amount) {
            (PriceUnit::Free, None) => 0,
            (_, Some(a)) => pounds_to_pence(a).ok_or_else(|| {
                format!("the price amount {} is not a sensible amount of pounds", crate::number::plain(a))
            })?,
            (_, None) => return Err("the price has no amount".into()),
        };
        if unit == PriceUnit::Free && pence != 0 {
            return Err("a free price cannot have an amount".into());
        }
        if unit != PriceUnit::Free && pence == 0 {
            return Err("a price of £0 should have the unit \"free\"".into());
        }
        let concession_pence = match r.concessions {
            None => None,
            Some(a) => Some(pounds_to_pence(a).ok_or_else(|| {
                format!("the concession amount {} is not a sensible amount of pounds", crate::number::plain(a))
            })?),
        };
        for (name, v) in [("sessions_per_week", r.sessions_per_week), ("months", r.months), ("weeks", r.weeks)] {
            if v == Some(0) {
                return Err(format!("the price's {name} cannot be 0"));
            }
        }
        Ok(Price {
            unit,
            pence,
            sessions_per_week: r.sessions_per_week,
            months: r.months,
            weeks: r.weeks,
            concession_pence,
            note: r
                .note
                .as_deref()
                .map(|n| crate::shown::visible(n, false).trim().to_string())
                .filter(|n| !n.is_empty()),
        })
    }

    /// The record form of this price, as written to a data file.
    pub fn to_record(&self) -> PriceRecord {
        PriceRecord {
            unit: self.unit.code().into(),
            amount: (self.unit != PriceUnit::Free).then(|| f64::from(self.pence) / 100.0),
            currency: (self.unit != PriceUnit::Free).then(|| "GBP".into()),
            sessions_per_week: self.sessions_per_week,
            months: self.months,
            weeks: self.weeks,
            concessions: self.concession_pence.map(|p| f64::from(p) / 100.0),
            note: self.note.clone(),
        }
    }

    pub fn is_free(&self) -> bool {
        self.unit == PriceUnit::Free
    }

    /// The concession price to show people: `None` when there is none, or when it is higher than
    /// the full price. Such a pair contradicts itself (one of them is wrong, and a patient cannot
    /// tell which), so the map shows the full price alone rather than leave the scheme out for it;
    /// the data tool warns about it, and keeps it in the files it writes so nothing is lost.
    pub fn concession(&self) -> Option<u32> {
        self.concession_pence.filter(|&c| c <= self.pence)
    }

    /// The price in plain words: "Free", "£3.50 a session", "£22 a month for 6 months",
    /// "£40 for 12 weeks", with concessions when there are some ([`Price::concession`]).
    pub fn describe(&self) -> String {
        match self.concession_text() {
            Some(c) => format!("{} ({c})", self.full_price()),
            None => self.full_price(),
        }
    }

    /// The concession in words for the end of a price line: "; concessions £2",
    /// "; concessions free", or nothing.
    pub fn concession_words(&self) -> String {
        self.concession_text().map(|c| format!("; {c}")).unwrap_or_default()
    }

    /// "concessions £2", or "concessions free" as the spreadsheet writes it (price/written.rs),
    /// not "£0"; `None` without a concession ([`Price::concession`]).
    fn concession_text(&self) -> Option<String> {
        self.concession().map(|c| match c {
            0 => "concessions free".to_string(),
            c => format!("concessions {}", money(c)),
        })
    }

    /// The full price alone, without its concession: "£3.50 a session".
    pub fn full_price(&self) -> String {
        match self.unit {
            PriceUnit::Free => "Free".to_string(),
            PriceUnit::Session => format!("{} a session", money(self.pence)),
            PriceUnit::Week => format!("{} a week", money(self.pence)),
            PriceUnit::Month => match self.months {
                Some(1) => format!("{} for 1 month", money(self.pence)),
                Some(m) => format!("{} a month for {m} months", money(self.pence)),
                None => format!("{} a month", money(self.pence)),
            },
            PriceUnit::Course => match self.weeks {
                Some(w) => format!("{} for {w} weeks", money(self.pence)),
                None => format!("{} for the course", money(self.pence)),
            },
        }
    }

    /// How many sessions a week a session price is counted at (`None` for other units).
    /// `listed` is how many weekly sessions the scheme's timetable lists (0 when it has none).
    pub fn sessions_a_week(&self, listed: usize) -> Option<SessionsAWeek> {
        (self.unit == PriceUnit::Session).then(|| match (self.sessions_per_week, listed) {
            (Some(n), _) => SessionsAWeek::Stated(n),
            (None, 0) => SessionsAWeek::Assumed,
            (None, n) => SessionsAWeek::Timetabled(u8::try_from(n).unwrap_or(u8::MAX)),
        })
    }

    /// The weekly equivalent in pence, used to compare prices of different units: exactly the
    /// figure the card shows, so the price filter and the card agree ("about £5 a week" passes
    /// "Up to £5 a week"). A weekly price is exact; the others are rounded to the nearest 10p, as
    /// "about …" says. `programme_weeks` is the scheme's length, used for a course price that does
    /// not say; `listed` is how many weekly sessions the timetable lists (see [`SessionsAWeek`]).
    pub fn weekly_pence(&self, programme_weeks: Option<u8>, listed: usize) -> u32 {
        let p = f64::from(self.pence);
        let w = match self.unit {
            PriceUnit::Free => return 0,
            PriceUnit::Week => return self.pence,
            PriceUnit::Session => p * f64::from(self.sessions_a_week(listed).map_or(1, SessionsAWeek::count)),
            PriceUnit::Month => p * 12.0 / 52.0,
            PriceUnit::Course => p / f64::from(self.weeks.or(programme_weeks).unwrap_or(12).max(1)),
        };
        round_to_ten(w.round() as u32)
    }

    /// How the weekly equivalent is explained next to a price that is not already weekly:
    /// "about £7 a week at 2 sessions a week" (stated), "about £8.40 a week for the 3 weekly
    /// sessions listed" (from the timetable), "about £2.80 a week if you go once a week; the
    /// scheme does not say how often" (assumed); `None` for free and weekly prices.
    pub fn weekly_explained(&self, programme_weeks: Option<u8>, listed: usize) -> Option<String> {
        let about = format!("about {} a week", money(self.weekly_pence(programme_weeks, listed)));
        match self.unit {
            PriceUnit::Free | PriceUnit::Week => None,
            PriceUnit::Session => Some(match self.sessions_a_week(listed).unwrap_or(SessionsAWeek::Assumed) {
                SessionsAWeek::Stated(n) => format!("{about} at {n} session{} a week", plural(n)),
                SessionsAWeek::Timetabled(n) => format!("{about} for the {n} weekly session{} listed", plural(n)),
                SessionsAWeek::Assumed => format!("{about} if you go once a week; the scheme does not say how often"),
            }),
            PriceUnit::Month | PriceUnit::Course => Some(about),
        }
    }
}

impl Price {
    /// The price in a week, short, for a one-line summary: "Free", "£5 a week",
    /// "about £7 a week"; a session price whose sessions a week are only assumed is given as it is
    /// ("£2.80 a session"), since its weekly figure is a guess.
    pub fn per_week(&self, programme_weeks: Option<u8>, listed: usize) -> String {
        match (self.unit, self.sessions_a_week(listed)) {
            (PriceUnit::Free, _) => "Free".into(),
            (PriceUnit::Week, _) => format!("{} a week", money(self.pence)),
            (_, Some(SessionsAWeek::Assumed)) => format!("{} a session", money(self.pence)),
            _ => format!("about {} a week", money(self.weekly_pence(programme_weeks, listed))),
        }
    }
}

fn plural(n: u8) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn round_to_ten(pence: u32) -> u32 {
    (pence + 5) / 10 * 10
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(unit: &str, amount: Option<f64>) -> PriceRecord {
        PriceRecord { unit: unit.into(), amount, ..Default::default() }
    }

    #[test]
    fn prices_are_said_in_plain_words() {
        assert_eq!(Price::from_record(&rec("free", None)).unwrap().describe(), "Free");
        assert_eq!(Price::from_record(&rec("session", Some(3.5))).unwrap().describe(), "£3.50 a session");
        let mut m = rec("month", Some(22.0));
        m.months = Some(6);
        assert_eq!(Price::from_record(&m).unwrap().describe(), "£22 a month for 6 months");
        let mut c = rec("course", Some(40.0));
        c.weeks = Some(12);
        c.concessions = Some(20.0);
        assert_eq!(Price::from_record(&c).unwrap().describe(), "£40 for 12 weeks (concessions £20)");
        c.concessions = Some(0.0);
        assert_eq!(Price::from_record(&c).unwrap().describe(), "£40 for 12 weeks (concessions free)");
    }

    #[test]
    fn a_concession_higher_than_the_full_price_is_kept_but_not_shown() {
        let mut r = rec("session", Some(3.5));
        r.concessions = Some(5.0);
        let p = Price::from_record(&r).expect("the scheme is kept");
        assert_eq!(p.concession_pence, Some(500), "kept as written, for the data tool");
        assert_eq!(p.concession(), None);
        assert_eq!(p.describe(), "£3.50 a session");
        assert_eq!(Price::from_record(&p.to_record()).unwrap(), p, "written back as it was");
        // Equal to the full price, or lower: shown.
        for (concessions, shown) in
            [(3.5, "£3.50 a session (concessions £3.50)"), (2.0, "£3.50 a session (concessions £2)")]
        {
            r.concessions = Some(concessions);
            assert_eq!(Price::from_record(&r).unwrap().describe(), shown);
        }
        // A free scheme with a concession price above nothing.
        let mut free = rec("free", None);
        free.concessions = Some(1.0);
        assert_eq!(Price::from_record(&free).unwrap().describe(), "Free");
    }

    #[test]
    fn weekly_equivalents_compare_units_honestly() {
        let mut s = rec("session", Some(3.5));
        s.sessions_per_week = Some(2);
        assert_eq!(Price::from_record(&s).unwrap().weekly_pence(None, 2), 700);
        assert_eq!(Price::from_record(&rec("month", Some(26.0))).unwrap().weekly_pence(None, 2), 600);
        assert_eq!(Price::from_record(&rec("course", Some(36.0))).unwrap().weekly_pence(Some(12), 2), 300);
        assert_eq!(Price::from_record(&rec("week", Some(5.0))).unwrap().weekly_pence(None, 2), 500);
        assert_eq!(Price::free().weekly_pence(None, 2), 0);
    }

    fn session(amount: f64, sessions_per_week: Option<u8>) -> Price {
        let mut r = rec("session", Some(amount));
        r.sessions_per_week = sessions_per_week;
        Price::from_record(&r).unwrap()
    }

    #[test]
    fn a_session_price_counts_the_stated_sessions_else_the_timetables_else_one_said_as_assumed() {
        // Stated: the price's own number wins, whatever the timetable lists.
        let stated = session(3.2, Some(3));
        assert_eq!(stated.sessions_a_week(1), Some(SessionsAWeek::Stated(3)));
        assert_eq!(stated.weekly_pence(None, 1), 960);
        assert_eq!(stated.weekly_explained(None, 1).unwrap(), "about £9.60 a week at 3 sessions a week");
        assert_eq!(session(3.0, Some(1)).weekly_explained(None, 2).unwrap(), "about £3 a week at 1 session a week");

        // Not stated, but the timetable lists three weekly sessions: all three are counted, and the
        // words say where the number comes from.
        let unstated = session(2.8, None);
        assert_eq!(unstated.sessions_a_week(3), Some(SessionsAWeek::Timetabled(3)));
        assert_eq!(unstated.weekly_pence(None, 3), 840);
        assert_eq!(unstated.weekly_explained(None, 3).unwrap(), "about £8.40 a week for the 3 weekly sessions listed");
        assert_eq!(unstated.weekly_explained(None, 1).unwrap(), "about £2.80 a week for the 1 weekly session listed");
        assert_eq!(unstated.per_week(None, 3), "about £8.40 a week");

        // Neither: one session is assumed, and never said as if the data said it.
        assert_eq!(unstated.sessions_a_week(0), Some(SessionsAWeek::Assumed));
        assert_eq!(unstated.weekly_pence(None, 0), 280);
        let words = unstated.weekly_explained(None, 0).unwrap();
        assert_eq!(words, "about £2.80 a week if you go once a week; the scheme does not say how often");
        assert!(!words.contains("at 1 session a week"));
        assert_eq!(unstated.per_week(None, 0), "£2.80 a session");

        // Other units have no sessions a week.
        assert_eq!(Price::from_record(&rec("week", Some(5.0))).unwrap().sessions_a_week(3), None);
        assert_eq!(Price::free().sessions_a_week(3), None);
    }

    #[test]
    fn the_weekly_figure_is_the_one_the_words_show() {
        // £21.80 a month is 503p a week, shown as "about £5 a week": the filter compares 500p, so a
        // card saying "about £5 a week" is never missing from "Up to £5 a week".
        let m = Price::from_record(&rec("month", Some(21.8))).unwrap();
        assert_eq!(m.weekly_pence(None, 0), 500);
        assert_eq!(m.weekly_explained(None, 0).unwrap(), "about £5 a week");
        // A weekly price is shown exactly, and compared exactly.
        assert_eq!(Price::from_record(&rec("week", Some(5.03))).unwrap().weekly_pence(None, 0), 503);
        assert_eq!(Price::from_record(&rec("week", Some(5.03))).unwrap().per_week(None, 0), "£5.03 a week");
        // Rounding to 10p, as the words do.
        assert_eq!(session(2.84, Some(1)).weekly_pence(None, 0), 280);
        assert_eq!(session(2.85, Some(1)).weekly_pence(None, 0), 290);
        assert_eq!(Price::from_record(&rec("month", Some(22.49))).unwrap().weekly_pence(None, 0), 520);
    }

    #[test]
    fn unreadable_prices_are_refused() {
        assert!(Price::from_record(&rec("fortnight", Some(3.0))).is_err());
        assert!(Price::from_record(&rec("session", None)).is_err());
        assert!(Price::from_record(&rec("session", Some(-1.0))).is_err());
        assert!(Price::from_record(&rec("session", Some(f64::NAN))).is_err());
        assert!(Price::from_record(&rec("free", Some(2.0))).is_err());
        let mut usd = rec("session", Some(3.0));
        usd.currency = Some("USD".into());
        assert!(Price::from_record(&usd).is_err());
    }

    #[test]
    fn records_round_trip() {
        let mut m = rec("month", Some(22.49));
        m.months = Some(6);
        m.currency = Some("GBP".into());
        let p = Price::from_record(&m).unwrap();
        assert_eq!(Price::from_record(&p.to_record()).unwrap(), p);
        assert_eq!(p.to_record(), m);
    }
}
