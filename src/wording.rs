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
    labels.enumerate().map(|(i, l)| if i == 0 { l.to_string() } else { in_sentence(l) }).collect::<Vec<_>>().join(", ")
}

/// A label as it reads inside a sentence: only its first letter is lowered, and not even that
/// when the label starts with an acronym, so "Joints, bones and back (MSK)" becomes "joints,
/// bones and back (MSK)", "Neurological (stroke, MS, Parkinson's)" keeps "MS" and "Parkinson's",
/// and "GP" stays "GP".
pub fn in_sentence(label: &str) -> String {
    if label.chars().nth(1).is_some_and(char::is_uppercase) {
        label.to_string()
    } else {
        crate::case::lower_first(label)
    }
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

    #[test]
    fn a_label_in_a_sentence_keeps_its_acronyms_and_names() {
        assert_eq!(in_sentence("Joints, bones and back (MSK)"), "joints, bones and back (MSK)");
        assert_eq!(in_sentence("Breathing (COPD, asthma)"), "breathing (COPD, asthma)");
        assert_eq!(in_sentence("Neurological (stroke, MS, Parkinson's)"), "neurological (stroke, MS, Parkinson's)");
        assert_eq!(in_sentence("GP"), "GP");
        assert_eq!(in_sentence("Heart and circulation"), "heart and circulation");
        assert_eq!(in_sentence(""), "");
    }
}
