//! The Search box's clinical and everyday words: which conditions a search names, and why a
//! scheme matched.
//!
//! There is one synonym table, [`Condition::words`], shared with the data tool. This module only
//! reads a person's search against it, forgiving what people type in a hurry: any case,
//! apostrophes and hyphens ("Parkinsons", "post MI"), plurals ("strokes") and small misspellings
//! of longer words ("athsma", "osteoarthritus"). Short words and acronyms ("MS", "MI", "OA") must
//! be exact, so they never match by accident. What a search names that is not a condition stays
//! plain text for [`crate::filter`] to look for in the name, centre, town, postcode and operator;
//! beside a condition, a word that no scheme has is set aside and said so, rather than hiding
//! every scheme ([`Search::set_aside_words_in_no_scheme`]).
//!
//! Not here: the data tool's strict reading of spreadsheet cells ([`Condition::from_word`]).

use crate::condition::Condition;

/// A condition named in a search, with the table's word for what the person typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConditionTerm {
    pub condition: Condition,
    /// The synonym as the table writes it ("COPD", "asthma").
    pub word: &'static str,
}

/// A search, read: the conditions it names and its other words (lower case, as typed).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Search {
    pub terms: Vec<ConditionTerm>,
    pub words: Vec<String>,
    /// Words of a search that names a condition which no scheme has anywhere, so are not looked
    /// for (see [`Search::set_aside_words_in_no_scheme`]); the [reason](Search::reason) says so.
    pub set_aside: Vec<String>,
}

/// Little words between conditions ("hip or knee replacement") or before a place ("COPD in
/// Hatfield") that are not searched for.
const LINKING_WORDS: [&str; 12] = ["or", "and", "&", "with", "of", "the", "for", "a", "in", "at", "near", "around"];

/// Table words a clinician follows with a measurement ("BMI 35", "BMI>40", "BMI over 30"): the
/// measurement is part of what they named, not a word to look for in the schemes.
const TAKES_A_NUMBER: [&str; 1] = ["BMI"];

/// Words between such a table word and its number.
const COMPARING_WORDS: [&str; 6] = ["over", "above", "under", "below", "than", "greater"];

/// Misspellings are forgiven only in words at least this long.
const FUZZY_MIN_LEN: usize = 5;

impl Search {
    /// Reads what a person typed in the Search box.
    pub fn read(query: &str) -> Search {
        // Each typed word becomes one or more tokens ("post-MI" → "post", "mi").
        let raw: Vec<String> = query.split_whitespace().map(crate::case::lower).collect();
        let mut tokens = Vec::new(); // (token, index of its typed word)
        for (i, w) in raw.iter().enumerate() {
            tokens.extend(tokenise(w).into_iter().map(|t| (t, i)));
        }
        let table = table();
        let mut used = vec![0usize; raw.len()];
        let mut terms: Vec<ConditionTerm> = Vec::new();
        let mut at = 0;
        while at < tokens.len() {
            let found = best_entry(table, &tokens[at..]);
            match found {
                Some((entry, len)) => {
                    let term = ConditionTerm { condition: entry.condition, word: entry.word };
                    if !terms.contains(&term) {
                        terms.push(term);
                    }
                    for (_, w) in &tokens[at..at + len] {
                        used[*w] += 1;
                    }
                    at += len;
                    if TAKES_A_NUMBER.contains(&entry.word) {
                        let n = measurement_len(&tokens[at..]);
                        for (_, w) in &tokens[at..at + n] {
                            used[*w] += 1;
                        }
                        at += n;
                    }
                }
                None => at += 1,
            }
        }
        // A typed word is plain text unless every one of its tokens was part of a condition.
        let token_counts = raw.iter().map(|w| tokenise(w).len());
        let mut words: Vec<String> = raw
            .iter()
            .zip(token_counts)
            .zip(&used)
            .filter(|((_, n), u)| *n == 0 || **u < *n)
            // Punctuation around a word is not looked for: "St." finds "St Albans", "Hatfield,"
            // finds "Hatfield".
            .map(|((w, _), _)| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
            .filter(|w| !w.is_empty())
            .collect();
        if !terms.is_empty() {
            words.retain(|w| !LINKING_WORDS.contains(&w.as_str()));
        }
        Search { terms, words, set_aside: Vec::new() }
    }

    /// Sets aside the other words that no scheme has (`in_some_scheme` says whether one has), when
    /// the search names a condition: "breast cancer" with "breast" unknown to the table, "COPD
    /// hatfeild", "BP patient" then find what the condition alone finds, and the reason says
    /// which words were left out, instead of nothing matching at all. A word that some scheme has
    /// still narrows the result ("COPD hatfield" is the COPD schemes in Hatfield), and a search
    /// that names no condition keeps every word, so a word found nowhere still matches nothing.
    pub fn set_aside_words_in_no_scheme(&mut self, in_some_scheme: impl Fn(&str) -> bool) {
        if self.terms.is_empty() {
            return;
        }
        let (kept, set_aside) = std::mem::take(&mut self.words).into_iter().partition(|w| in_some_scheme(w));
        self.words = kept;
        self.set_aside = set_aside;
    }

    /// Whether a scheme accepts every condition the search names.
    pub fn conditions_match(&self, conditions: &[Condition]) -> bool {
        self.terms.iter().all(|t| conditions.contains(&t.condition))
    }

    /// Why a scheme matched the conditions of the search, e.g. "matches: breathing (COPD)", and
    /// the words set aside, if any ("matches: breathing (COPD); “hatfeild” left out: no scheme has
    /// it"); `None` when the search names no condition.
    pub fn reason(&self) -> Option<String> {
        if self.terms.is_empty() {
            return None;
        }
        // Each condition once, in the order first found, with the words that found it other than
        // its own name: "diabetes type 2" reads "diabetes (type 2)", not "diabetes, diabetes (type 2)".
        let mut found: Vec<(Condition, Vec<&str>)> = Vec::new();
        for t in &self.terms {
            let at = match found.iter().position(|(c, _)| *c == t.condition) {
                Some(at) => at,
                None => {
                    found.push((t.condition, Vec::new()));
                    found.len() - 1
                }
            };
            let name = t.condition.short_name();
            let own_name = t.word.eq_ignore_ascii_case(name) || t.word == t.condition.code();
            if !own_name && !found[at].1.contains(&t.word) {
                found[at].1.push(t.word);
            }
        }
        let parts: Vec<String> = found
            .iter()
            .map(|(c, words)| match words.as_slice() {
                [] => c.short_name().to_string(),
                words => format!("{} ({})", c.short_name(), words.join(", ")),
            })
            .collect();
        let matches = format!("matches: {}", parts.join(", "));
        let quoted: Vec<String> = self.set_aside.iter().map(|w| format!("“{w}”")).collect();
        Some(match quoted.as_slice() {
            [] => matches,
            [one] => format!("{matches}; {one} left out: no scheme has it"),
            many => format!("{matches}; {} left out: no scheme has them", many.join(", ")),
        })
    }
}

/// One synonym, read into tokens.
struct Entry {
    condition: Condition,
    word: &'static str,
    tokens: Vec<Token>,
}

/// A word, lower case and without punctuation, as written (`raw`) and made singular (`singular`).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Token {
    singular: String,
    raw: String,
}

impl Token {
    /// How close the typed token is to this one of the table (see [`closeness`]): the closer of
    /// the singular forms and the forms as written. Both count, as making a word singular can move
    /// a misspelling away from the word meant: "diabetis" is two letters from "diabete" (the
    /// singular of "diabetes") but one from "diabetes" as written, and one from "diabetic".
    fn closeness(&self, table: &Token) -> Option<usize> {
        match (closeness(&self.singular, &table.singular), closeness(&self.raw, &table.raw)) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// The synonym table read into tokens, made once (a search is read on every keystroke).
fn table() -> &'static [Entry] {
    static TABLE: std::sync::OnceLock<Vec<Entry>> = std::sync::OnceLock::new();
    TABLE.get_or_init(make_table)
}

fn make_table() -> Vec<Entry> {
    Condition::ALL
        .into_iter()
        .flat_map(|c| {
            std::iter::once(c.code()).chain(c.words().iter().copied()).map(move |word| Entry {
                condition: c,
                word,
                tokens: tokenise(word),
            })
        })
        .filter(|e| !e.tokens.is_empty())
        .collect()
}

/// The longest synonym the tokens start with; among equally long ones, exact before forgiven.
fn best_entry<'a>(table: &'a [Entry], tokens: &[(Token, usize)]) -> Option<(&'a Entry, usize)> {
    let mut best: Option<(&Entry, usize, usize)> = None; // (entry, length, edits)
    for e in table {
        let n = e.tokens.len();
        if n > tokens.len() {
            continue;
        }
        let mut edits = 0;
        let mut ok = true;
        for (q, t) in tokens[..n].iter().map(|(q, _)| q).zip(&e.tokens) {
            match q.closeness(t) {
                Some(d) => edits += d,
                None => {
                    ok = false;
                    break;
                }
            }
        }
        let better = match best {
            None => true,
            Some((_, bn, bd)) => n > bn || (n == bn && edits < bd),
        };
        if ok && better {
            best = Some((e, n, edits));
        }
    }
    best.map(|(e, n, _)| (e, n))
}

/// How many of the tokens are a measurement: a number, or comparing words and then a number
/// ("over 35"); none when no number follows.
fn measurement_len(tokens: &[(Token, usize)]) -> usize {
    let is_number = |t: &Token| !t.raw.is_empty() && t.raw.chars().all(|c| c.is_ascii_digit());
    let words = tokens.iter().take_while(|(t, _)| COMPARING_WORDS.contains(&t.raw.as_str())).count();
    let numbers = tokens[words..].iter().take_while(|(t, _)| is_number(t)).count();
    if numbers == 0 {
        0
    } else {
        words + numbers
    }
}

/// Lower case, apostrophes dropped, other punctuation a break, each token made singular.
fn tokenise(text: &str) -> Vec<Token> {
    let cleaned: String = crate::case::lower(text)
        .chars()
        .filter(|c| !matches!(c, '\'' | '’' | '‘'))
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    cleaned.split_whitespace().flat_map(split_measurement).map(|raw| Token { singular: singular(&raw), raw }).collect()
}

/// "bmi35" as "bmi" and "35", as if it had been typed "BMI 35"; any other token as it is.
fn split_measurement(token: &str) -> Vec<String> {
    for word in TAKES_A_NUMBER {
        let word = crate::case::lower(word);
        if let Some(number) = token.strip_prefix(word.as_str()) {
            if !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()) {
                return vec![word, number.to_string()];
            }
        }
    }
    vec![token.to_string()]
}

fn singular(token: &str) -> String {
    let n = token.chars().count();
    if n > 4 && token.ends_with("ies") {
        format!("{}y", &token[..token.len() - 3])
    } else if n > 3
        && token.ends_with('s')
        && !token.ends_with("ss")
        && !token.ends_with("us")
        && !token.ends_with("is")
    {
        token[..token.len() - 1].to_string()
    } else {
        token.to_string()
    }
}

/// How many edits turn the typed token into the table's: `Some(0)` when equal; a small number
/// for a misspelling of a longer word (1 up to 7 letters, 2 from 8); `None` otherwise.
fn closeness(typed: &str, word: &str) -> Option<usize> {
    if typed == word {
        return Some(0);
    }
    let (a, b): (Vec<char>, Vec<char>) = (typed.chars().collect(), word.chars().collect());
    if a.len() < FUZZY_MIN_LEN || b.len() < FUZZY_MIN_LEN || a.iter().any(char::is_ascii_digit) {
        return None;
    }
    let allowed = if b.len() >= 8 { 2 } else { 1 };
    let d = edit_distance(&a, &b);
    (d <= allowed).then_some(d)
}

/// Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of two
/// neighbouring letters ("ashtma") each count one.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[n][m]
}

#[cfg(test)]
mod tests;
