//! Text made safe inside HTML, for the places that write HTML as text: the iframe snippet a
//! partner copies (`embed`), and the pages the tool writes (`export`: the open-data dataset page
//! and the plain list of schemes). The map itself never does: the UI builds DOM nodes and Leptos
//! views.

/// `text` made safe inside HTML text and double-quoted attributes: `& < > " '` become
/// entities, and control characters other than white space (which HTML does not allow) are
/// dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && !c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_becomes_text() {
        assert_eq!(
            escape(r#"<a href="x" title='y'>A & B</a>"#),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;A &amp; B&lt;/a&gt;"
        );
        assert_eq!(escape("Line one\nline\ttwo"), "Line one\nline\ttwo");
        assert_eq!(escape("bell\u{7}and\u{0}null"), "bellandnull");
        assert_eq!(escape("Café £3"), "Café £3");
    }
}
