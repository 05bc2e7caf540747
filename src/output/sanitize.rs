//! Making untrusted article text safe for a terminal.
//!
//! Control characters, ANSI escape sequences and bidirectional overrides in article text must
//! never reach a terminal raw: they are shown escaped (`\u{1b}`). JSON output keeps text exact.

use std::borrow::Cow;

/// Whether a character must not be written to a terminal as it is.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Escape unsafe characters as `\u{..}`; borrow when there is nothing to escape.
pub fn escape_control(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Like [`escape_control`], on one line: newlines and tabs become spaces too.
pub fn one_line(text: &str) -> String {
    escape_control(text).replace(['\n', '\t', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_bidi_overrides_are_shown_escaped() {
        assert_eq!(escape_control("a\u{1b}[31mred"), "a\\u{1b}[31mred");
        assert_eq!(escape_control("x\u{202E}y"), "x\\u{202e}y");
        assert_eq!(escape_control("bell\u{7}"), "bell\\u{7}");
    }

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(escape_control("Ушаков 東京 🙂"), Cow::Borrowed(_)));
    }
}
