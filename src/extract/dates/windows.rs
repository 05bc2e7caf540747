//! The tokens of the windows of text that the date patterns read, each stretch of text
//! tokenized once however many windows overlap it.
//!
//! Candidates for a date often sit close together (a number in every line of a table, a
//! month and a weekday in one sentence), and their windows of some two hundred bytes overlap.
//! Windows start and end at white space, where no token can straddle, so the tokens of a window
//! are a run of the tokens of a longer stretch: only the first one's `paragraph` flag, which
//! counts line breaks from the window's start, may read otherwise.

use std::ops::Range;

use super::tokens::{self, Token};

/// Tokens of one stretch of the text, grown as windows further on ask for them.
pub struct Windows<'a> {
    text: &'a str,
    /// The tokens of `text[stretch]`, as [`tokens::tokenize`] makes them of that range.
    cached: Vec<Token>,
    stretch: Range<usize>,
    /// A window's tokens where they differ from the cached ones.
    window: Vec<Token>,
}

impl<'a> Windows<'a> {
    pub fn new(text: &'a str) -> Self {
        Windows {
            text,
            cached: Vec::new(),
            stretch: 0..0,
            window: Vec::new(),
        }
    }

    /// The tokens of `text[range]`, exactly as [`tokens::tokenize`] makes them. `range` must
    /// start and end on character boundaries.
    pub fn tokens(&mut self, range: Range<usize>) -> &[Token] {
        let bytes = self.text.as_bytes();
        let boundary = |i: usize| i == 0 || i >= bytes.len() || bytes[i].is_ascii_whitespace();
        if !boundary(range.start) || !boundary(range.end) || range.end > bytes.len() {
            tokens::tokenize(self.text, range, &mut self.window);
            return &self.window;
        }
        if range.start < self.stretch.start || range.start > self.stretch.end {
            self.cached.clear();
            self.stretch = range.start..range.start;
        }
        if range.end > self.stretch.end {
            self.grow(range.end);
        }
        let first = self.cached.partition_point(|t| t.start < range.start);
        let end = first + self.cached[first..].partition_point(|t| t.start < range.end);
        let Some(head) = self.cached.get(first).filter(|_| first < end) else {
            return &[];
        };
        // The window's tokenizer counts line breaks from the window's start.
        let paragraph = newlines(&bytes[range.start..head.start]) >= 2;
        if head.paragraph == paragraph {
            return &self.cached[first..end];
        }
        self.window.clear();
        self.window.extend_from_slice(&self.cached[first..end]);
        self.window[0].paragraph = paragraph;
        &self.window
    }

    /// Tokenize on from the end of the stretch to `to` (a boundary).
    fn grow(&mut self, to: usize) {
        let from = self.stretch.end;
        let had = self.cached.len();
        tokens::extend(self.text, from..to, &mut self.cached);
        // Line breaks before the first new token count from the end of the last old one.
        let previous_end = self.cached[..had]
            .last()
            .map_or(self.stretch.start, |t| t.end);
        if let Some(t) = self.cached.get_mut(had) {
            t.paragraph = newlines(&self.text.as_bytes()[previous_end..t.start]) >= 2;
        }
        self.stretch.end = to;
    }
}

fn newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Every window of `text` between white space reads as tokenizing it alone does.
    fn check_all_windows(text: &str) {
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| i == 0 || i == text.len() || text.as_bytes()[i].is_ascii_whitespace())
            .collect();
        let mut alone = Vec::new();
        for (n, &from) in bounds.iter().enumerate() {
            // One cache across windows in order, as the scan asks for them.
            let mut windows = Windows::new(text);
            for &to in &bounds[n..] {
                tokens::tokenize(text, from..to, &mut alone);
                assert_eq!(windows.tokens(from..to), &alone[..], "{from}..{to}");
            }
            let mut windows = Windows::new(text);
            for &later in &bounds[n..] {
                let to = (later + 7).min(text.len());
                let to = bounds[bounds.partition_point(|&b| b < to)];
                tokens::tokenize(text, later..to, &mut alone);
                assert_eq!(windows.tokens(later..to), &alone[..], "{later}..{to}");
            }
        }
    }

    #[test]
    fn windows_read_as_tokenized_alone() {
        check_all_windows("Feb. 27, 2025\n\n said Monday \n \n\n that 10/20/2006 (x)\nyesterday");
        check_all_windows("\n\nOn\n\nMonday\u{a0}\n\nthe 27th\n\n");
    }

    #[test]
    fn windows_inside_words_are_tokenized_apart() {
        let text = "xMonday said";
        let mut windows = Windows::new(text);
        let mut alone = Vec::new();
        tokens::tokenize(text, 1..7, &mut alone);
        assert_eq!(windows.tokens(1..7), &alone[..]);
        assert_eq!(windows.tokens(1..7)[0].text(text), "Monday");
    }

    proptest! {
        #[test]
        fn any_text_reads_the_same(text in "([A-Za-z]{1,4}|[0-9]{1,3}|[ .,\n]|\n\n|\u{a0}|\u{2019}){0,24}") {
            check_all_windows(&text);
        }
    }
}
