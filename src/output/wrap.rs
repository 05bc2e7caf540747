//! Text on a terminal: snippets and quotes broken between words to fit its width, each line
//! after an indent, the highlighted words still highlighted.
//!
//! The plain text is wrapped first (textwrap), and each line is then written with the part of
//! the highlights that falls on it, so colour codes never count as width and a highlight never
//! loses its colour at a break. Output that is not a terminal is never wrapped: a script gets
//! each snippet on one line.

use std::io::{self, Write};
use std::ops::Range;

use textwrap::{Options, WordSeparator, WordSplitter};

use super::search::write_highlighted;

/// The narrowest text column wrapped to: on a narrower terminal, lines overflow rather than hold
/// a word or two each.
const MIN_COLUMNS: usize = 20;

/// The width of the terminal that stdout is, or `None` when stdout is not a terminal.
pub(crate) fn terminal_width() -> Option<usize> {
    terminal_size::terminal_size_of(io::stdout()).map(|(terminal_size::Width(w), _)| w.into())
}

/// The byte ranges of the lines that `text` breaks into to fit `columns` display columns,
/// breaking between words only: a word wider than a line has a line of its own and overflows
/// it. The spaces at a break belong to no line.
pub(crate) fn lines(text: &str, columns: usize) -> Vec<Range<usize>> {
    let options = Options::new(columns.max(1))
        .break_words(false)
        .word_separator(WordSeparator::AsciiSpace)
        .word_splitter(WordSplitter::NoHyphenation);
    let mut ranges = Vec::new();
    let mut cursor = 0;
    for line in textwrap::wrap(text, options) {
        // Each line is a piece of the text, in order, with only spaces between two lines.
        match text[cursor..].find(line.as_ref()) {
            Some(at) if !line.is_empty() => {
                let start = cursor + at;
                cursor = start + line.len();
                ranges.push(start..cursor);
            }
            _ => {}
        }
    }
    if ranges.is_empty() {
        ranges.push(0..text.len());
    }
    ranges
}

/// Write `text` after `indent`, with the character ranges `highlights` (sorted) coloured, and
/// end the line. Given a terminal `width`, the text is broken into lines of at most that many
/// columns (the indent included), each line after the indent; without one, it is one line.
pub(crate) fn write_wrapped(
    out: &mut impl Write,
    text: &str,
    highlights: &[Range<usize>],
    indent: &str,
    width: Option<usize>,
) -> io::Result<()> {
    let Some(width) = width else {
        write!(out, "{indent}")?;
        write_highlighted(out, text, highlights)?;
        return writeln!(out);
    };
    let columns = width
        .saturating_sub(textwrap::core::display_width(indent))
        .max(MIN_COLUMNS);
    let mut chars_before = 0;
    let mut byte_done = 0;
    for line in lines(text, columns) {
        chars_before += text[byte_done..line.start].chars().count();
        let length = text[line.clone()].chars().count();
        let (start, end) = (chars_before, chars_before + length);
        let on_line: Vec<Range<usize>> = highlights
            .iter()
            .filter(|r| r.start < end && r.end > start)
            .map(|r| r.start.max(start) - start..r.end.min(end) - start)
            .collect();
        write!(out, "{indent}")?;
        write_highlighted(out, &text[line.clone()], &on_line)?;
        writeln!(out)?;
        chars_before = end;
        byte_done = line.end;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "He said Moscow will seek “clearer answers” to its proposal to resume direct \
                        flights between Russia and the United States, as well as for Washington";

    fn pieces(text: &str, columns: usize) -> Vec<&str> {
        lines(text, columns).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn lines_break_between_words_and_fit() {
        for columns in [10, 20, 33, 60] {
            let lines = pieces(TEXT, columns);
            // Nothing lost, nothing cut: the lines are the text's words, in order.
            let words: Vec<&str> = lines.iter().flat_map(|l| l.split(' ')).collect();
            assert_eq!(words, TEXT.split(' ').collect::<Vec<_>>(), "{columns}");
            for line in &lines {
                assert!(
                    textwrap::core::display_width(line) <= columns,
                    "{line:?} is wider than {columns}"
                );
                assert!(!line.starts_with(' ') && !line.ends_with(' '), "{line:?}");
            }
        }
    }

    #[test]
    fn a_word_wider_than_a_line_is_kept_whole() {
        let text = "see https://en.wikinews.org/wiki/Magnitogorsk_apartment_building for more";
        assert_eq!(
            pieces(text, 12),
            [
                "see",
                "https://en.wikinews.org/wiki/Magnitogorsk_apartment_building",
                "for more"
            ]
        );
        assert_eq!(pieces("", 12), [""]);
    }

    /// What `write_wrapped` writes, with highlights in brackets.
    fn written(text: &str, highlights: &[Range<usize>], width: Option<usize>) -> String {
        let mut out = Vec::new();
        write_wrapped(&mut out, text, highlights, "  ", width).expect("write to memory");
        let m = crate::output::style::MATCH;
        let marked = String::from_utf8(out)
            .expect("UTF-8")
            .replace(&m.render().to_string(), "[")
            .replace(&m.render_reset().to_string(), "]");
        assert!(!marked.contains('\u{1b}'), "{marked:?}");
        marked
    }

    #[test]
    fn highlights_stay_on_their_words_across_lines() {
        let text = "Ушаков said the direct flights would resume";
        // "Ушаков" (characters 0-6), "direct" (16-22), "flights" (23-30).
        let highlights = [0..6, 16..22, 23..30];
        assert_eq!(
            written(text, &highlights, None),
            "  [Ушаков] said the [direct] [flights] would resume\n"
        );
        assert_eq!(
            written(text, &highlights, Some(2 + MIN_COLUMNS)),
            "  [Ушаков] said the\n  [direct] [flights] would\n  resume\n"
        );
    }

    #[test]
    fn a_highlight_broken_across_lines_is_coloured_on_both() {
        // A range over two words that a break falls inside (and an empty range past the end).
        let text = "aaaa bbbb cccc dddd eeee ffff gggg";
        let marked = written(text, &[10..19, 40..40], Some(2 + MIN_COLUMNS));
        assert_eq!(marked, "  aaaa bbbb [cccc dddd]\n  eeee ffff gggg\n");
        let marked = written(text, &[15..29, 40..40], Some(2 + MIN_COLUMNS));
        assert_eq!(marked, "  aaaa bbbb cccc [dddd]\n  [eeee ffff] gggg\n");
    }
}
