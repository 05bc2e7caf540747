//! Making untrusted article text safe for a terminal.
//!
//! Control characters, ANSI escape sequences and bidirectional overrides in article text must
//! never reach a terminal raw: they are shown escaped (`\u{1b}`). Invisible format characters
//! (zero-width spaces and joiners, word joiners, the byte order mark, soft hyphens, Unicode tag
//! characters) are dropped: they hide text from the reader (`ad\u{200b}min` reads as `admin`
//! but is another word) and shown escaped would clutter text that uses them honestly. JSON
//! output keeps text exact.

use std::borrow::Cow;

/// Whether a character must not be written to a terminal as it is.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Whether a character is an invisible format character, dropped from terminal text: zero-width
/// space, non-joiner and joiner (U+200B-U+200D), the word joiner and invisible operators
/// (U+2060-U+206F, whose bidi isolates [`is_unsafe`] escapes first), the byte order mark or
/// zero-width no-break space (U+FEFF), the soft hyphen (U+00AD) and the tag characters
/// (U+E0000-U+E007F).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}'
            | '\u{2060}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{00AD}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// Escape unsafe characters as `\u{..}` and drop invisible ones; borrow when there is nothing
/// to change.
pub fn escape_control(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c) || is_invisible(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else if !is_invisible(c) {
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
    fn zero_width_characters_are_dropped() {
        assert_eq!(escape_control("ad\u{200B}min"), "admin");
        assert_eq!(escape_control("a\u{200C}b\u{200D}c"), "abc");
    }

    #[test]
    fn word_joiners_and_invisible_operators_are_dropped() {
        for c in ['\u{2060}', '\u{2061}', '\u{2064}', '\u{206A}', '\u{206F}'] {
            assert_eq!(escape_control(&format!("x{c}y")), "xy", "{:x}", c as u32);
        }
    }

    #[test]
    fn the_byte_order_mark_and_soft_hyphens_are_dropped() {
        assert_eq!(escape_control("\u{FEFF}Title"), "Title");
        assert_eq!(escape_control("news\u{00AD}paper"), "newspaper");
    }

    #[test]
    fn tag_characters_are_dropped() {
        // A hidden message in tags: "hi" as U+E0068 U+E0069, and the cancel tag.
        assert_eq!(escape_control("ok\u{E0068}\u{E0069}\u{E007F}"), "ok");
        assert_eq!(escape_control("\u{E0000}x\u{E0001}"), "x");
        // Just outside the block: a variation selector supplement character stays.
        assert_eq!(escape_control("x\u{E0100}"), "x\u{E0100}");
    }

    #[test]
    fn bidi_overrides_and_isolates_stay_escaped_not_dropped() {
        for c in ['\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}'] {
            assert_eq!(
                escape_control(&format!("{c}")),
                format!("\\u{{{:x}}}", c as u32)
            );
        }
        for c in ['\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}'] {
            assert_eq!(
                escape_control(&format!("{c}")),
                format!("\\u{{{:x}}}", c as u32)
            );
        }
    }

    #[test]
    fn one_line_drops_invisible_characters_too() {
        assert_eq!(one_line("a\u{200B}b\nc\u{FEFF}"), "ab c");
    }

    #[test]
    fn visible_neighbours_of_the_ranges_stay() {
        // U+200A hair space, U+200E LRM (escaped), U+2070 superscript zero, U+00AC not sign.
        assert_eq!(
            escape_control("\u{200A}\u{2070}\u{00AC}"),
            "\u{200A}\u{2070}\u{00AC}"
        );
        assert_eq!(escape_control("\u{200E}"), "\\u{200e}");
    }

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(escape_control("Ушаков 東京 🙂"), Cow::Borrowed(_)));
    }
}
