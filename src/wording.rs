//! Small pieces of wording shared by the page, the copied record and the printed handout:
//! dates in words, lists as a sentence and "this, that or the other".

/// "1 October 2026" from "2026-10-01" (the text as given if it is not such a date).
pub fn long_date(iso: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let parts: Vec<&str> = iso.split('-').collect();
    match parts.as_slice() {
        [y, m, d] => match (m.parse::<usize>(), d.parse::<u32>()) {
            (Ok(m @ 1..=12), Ok(d)) => format!("{d} {} {y}", MONTHS[m - 1]),
            _ => iso.to_string(),
        },
        _ => iso.to_string(),
    }
}

/// Labels as one sentence-case list: "Heart and circulation, high blood pressure, diabetes".
/// Only a label's first letter is lowered, so "MSK", "COPD" and "GP" keep their capitals.
pub fn as_sentence<'a>(labels: impl Iterator<Item = &'a str>) -> String {
    labels
        .enumerate()
        .map(|(i, l)| {
            let mut c = l.chars();
            match (i, c.next()) {
                (0, _) | (_, None) => l.to_string(),
                (_, Some(first)) if l.chars().nth(1).is_some_and(char::is_uppercase) => {
                    format!("{first}{}", c.as_str())
                }
                (_, Some(_)) => crate::case::lower_first(l),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// "a GP", "a GP or a social prescriber", "a GP, another health professional or a social prescriber".
pub fn or_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_words() {
        assert_eq!(long_date("2026-10-01"), "1 October 2026");
        assert_eq!(long_date("2026-13-01"), "2026-13-01");
        assert_eq!(long_date("soon"), "soon");
    }

    #[test]
    fn lists_as_a_sentence_keep_acronyms() {
        assert_eq!(
            as_sentence(["GP", "Other health professional", "Self-referral"].into_iter()),
            "GP, other health professional, self-referral"
        );
        assert_eq!(as_sentence(["Heart", "MSK"].into_iter()), "Heart, MSK");
    }
}
