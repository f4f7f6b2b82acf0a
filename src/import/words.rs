//! Lists of conditions and referral routes as people write them ("COPD; cardiac, type 2
//! diabetes") → the controlled codes. An unknown word is an error that lists the accepted words.

use crate::condition::Condition;
use crate::referral::Referral;

/// Reads a cell of conditions.
pub fn conditions(cell: &str) -> Result<Vec<Condition>, String> {
    codes(cell, Condition::from_word, "condition", || {
        Condition::ALL.iter().map(|c| accepted(c.code(), c.words())).collect::<Vec<_>>().join("; ")
    })
}

/// Reads a cell of referral routes.
pub fn referrals(cell: &str) -> Result<Vec<Referral>, String> {
    codes(cell, Referral::from_word, "referral route", || {
        Referral::ALL.iter().map(|r| accepted(r.code(), r.words())).collect::<Vec<_>>().join("; ")
    })
}

fn accepted(code: &str, words: &[&str]) -> String {
    let others: Vec<&str> = words.iter().copied().filter(|w| !w.eq_ignore_ascii_case(code)).collect();
    if others.is_empty() {
        code.to_string()
    } else {
        format!("{code} ({})", others.join(", "))
    }
}

fn codes<T: Ord + Copy>(
    cell: &str,
    from_word: fn(&str) -> Option<T>,
    what: &str,
    help: impl Fn() -> String,
) -> Result<Vec<T>, String> {
    let mut found = Vec::new();
    let mut unknown = Vec::new();
    for piece in cell.split([';', '\n', '\r', '|']) {
        read_piece(piece, from_word, &mut found, &mut unknown);
    }
    if !unknown.is_empty() {
        let list: Vec<String> = unknown.iter().map(|u| format!("\"{u}\"")).collect();
        let known =
            if unknown.len() == 1 { format!("is not a known {what}") } else { format!("are not known {what}s") };
        return Err(format!("{} {known}. Accepted words: {}", list.join(", "), help()));
    }
    if found.is_empty() {
        return Err(format!(
            "no {what} is given: list at least one, separated by semicolons. Accepted words: {}",
            help()
        ));
    }
    found.sort();
    found.dedup();
    Ok(found)
}

/// A piece is tried whole ("Joints, bones and back (MSK)"), then split at commas, then at "and"/"&".
fn read_piece<T>(piece: &str, from_word: fn(&str) -> Option<T>, found: &mut Vec<T>, unknown: &mut Vec<String>) {
    let p = piece.trim();
    if p.is_empty() {
        return;
    }
    if let Some(c) = from_word(p) {
        found.push(c);
        return;
    }
    if p.contains(',') {
        for part in p.split(',') {
            read_piece(part, from_word, found, unknown);
        }
        return;
    }
    let lower = p.to_lowercase();
    for sep in [" and ", " & "] {
        if let Some(at) = lower.find(sep) {
            let (a, b) = (&p[..at], &p[at + sep.len()..]);
            if let (Some(x), Some(y)) = (from_word(a), from_word(b)) {
                found.push(x);
                found.push(y);
                return;
            }
        }
    }
    unknown.push(p.chars().take(60).collect());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_people_use_become_codes() {
        assert_eq!(
            conditions("COPD; cardiac, type 2 diabetes").unwrap(),
            vec![Condition::Heart, Condition::Diabetes, Condition::Breathing]
        );
        assert_eq!(conditions("Joints, bones and back (MSK)").unwrap(), vec![Condition::Msk]);
        assert_eq!(conditions("stroke and COPD").unwrap(), vec![Condition::Breathing, Condition::Neurological]);
        assert_eq!(conditions("heart; heart; cardiac").unwrap(), vec![Condition::Heart]);
        assert_eq!(referrals("GP referral; self-referral").unwrap(), vec![Referral::Gp, Referral::SelfReferral]);
        assert_eq!(
            referrals("physio, social prescribing link worker").unwrap(),
            vec![Referral::HealthProfessional, Referral::SocialPrescriber]
        );
    }

    #[test]
    fn unknown_words_are_errors_listing_the_accepted_words() {
        let e = conditions("diabetes; gout").unwrap_err();
        assert!(e.starts_with("\"gout\" is not a known condition. Accepted words: heart (cardiac, "), "{e}");
        assert!(e.contains("menopause (perimenopause)"));
        let e = referrals("friend, neighbour").unwrap_err();
        assert!(
            e.starts_with("\"friend\", \"neighbour\" are not known referral routes. Accepted words: gp (gp referral, "),
            "{e}"
        );
        assert!(conditions(" ; ").unwrap_err().starts_with("no condition is given"));
    }
}
