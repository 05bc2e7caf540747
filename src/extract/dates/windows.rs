//! The tokens of the windows of text that the date patterns read, each stretch of the shared
//! tokens viewed once however many windows overlap it.
//!
//! Candidates for a date often sit close together (a number in every line of a table, a
//! month and a weekday in one sentence), and their windows of some two hundred bytes overlap.
//! Windows start and end at white space, where no token can straddle, so the tokens of a window
//! are a run of the tokens of a longer stretch: only the first one's `spaced` and `paragraph`
//! flags, which count from the window's start, may read otherwise.

use std::ops::Range;

use super::tokens::{self, Gap, Token};
use crate::extract::text;

/// Tokens of one stretch of the text, grown as windows further on ask for them.
pub(super) struct Windows<'a> {
    text: &'a str,
    /// The shared tokens of the whole text ([`text::tokenize`]).
    shared: &'a [text::Token],
    /// The view of `shared[stretch]`.
    cached: Vec<Token>,
    stretch: Range<usize>,
    /// What follows the last token of the stretch.
    gap: Gap,
    /// A window's tokens where they differ from the cached ones.
    window: Vec<Token>,
}

impl<'a> Windows<'a> {
    pub(super) fn new(text: &'a str, shared: &'a [text::Token]) -> Self {
        Windows {
            text,
            shared,
            cached: Vec::new(),
            stretch: 0..0,
            gap: Gap::default(),
            window: Vec::new(),
        }
    }

    /// The tokens that start in `text[range]`, the first counted as spaced and as after a
    /// paragraph break if two line breaks lie between `range.start` and it.
    pub(super) fn tokens(&mut self, range: Range<usize>) -> &[Token] {
        // A shared token reaching into the window from before it may hold some of its tokens.
        let lo = self.shared.partition_point(|t| t.end <= range.start);
        let hi = lo + self.shared[lo..].partition_point(|t| t.start < range.end);
        if lo < self.stretch.start || lo > self.stretch.end {
            self.cached.clear();
            self.stretch = lo..lo;
            self.gap = Gap::default();
        }
        if hi > self.stretch.end {
            let from = self.stretch.end;
            tokens::extend(
                self.text,
                &self.shared[from..hi],
                &mut self.gap,
                &mut self.cached,
            );
            self.stretch.end = hi;
        }
        let first = self.cached.partition_point(|t| t.start < range.start);
        let end = first + self.cached[first..].partition_point(|t| t.start < range.end);
        let Some(head) = self.cached.get(first).filter(|_| first < end) else {
            return &[];
        };
        let paragraph = self.newlines(range.start, head.start) >= 2;
        if head.spaced && head.paragraph == paragraph {
            return &self.cached[first..end];
        }
        self.window.clear();
        self.window.extend_from_slice(&self.cached[first..end]);
        self.window[0].spaced = true;
        self.window[0].paragraph = paragraph;
        &self.window
    }

    /// The line breaks between bytes `from` and `to`, as the shared tokens tell them (a
    /// paragraph break counts two).
    fn newlines(&self, from: usize, to: usize) -> u32 {
        let i = self.shared.partition_point(|t| t.start < from);
        self.shared[i..]
            .iter()
            .take_while(|t| t.start < to && t.kind == text::Kind::Break)
            .map(|t| if t.is(text::PARAGRAPH) { 2 } else { 1 })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The tokens of `text[range]` viewed from scratch, without a cache.
    fn alone(text: &str, shared: &[text::Token], range: Range<usize>) -> Vec<Token> {
        let mut fresh = Windows::new(text, shared);
        fresh.tokens(range).to_vec()
    }

    /// Every window of `text` between white space reads as viewing it alone does.
    fn check_all_windows(text: &str) {
        let shared = text::tokenize(text);
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| i == 0 || i == text.len() || text.as_bytes()[i].is_ascii_whitespace())
            .collect();
        for (n, &from) in bounds.iter().enumerate() {
            // One cache across windows in order, as the scan asks for them.
            let mut windows = Windows::new(text, &shared);
            for &to in &bounds[n..] {
                let expected = alone(text, &shared, from..to);
                assert_eq!(windows.tokens(from..to), &expected[..], "{from}..{to}");
            }
            let mut windows = Windows::new(text, &shared);
            for &later in &bounds[n..] {
                let to = (later + 7).min(text.len());
                let to = bounds[bounds.partition_point(|&b| b < to)];
                let expected = alone(text, &shared, later..to);
                assert_eq!(windows.tokens(later..to), &expected[..], "{later}..{to}");
            }
        }
    }

    #[test]
    fn windows_read_as_viewed_alone() {
        check_all_windows("Feb. 27, 2025\n\n said Monday \n \n\n that 10/20/2006 (x)\nyesterday");
        check_all_windows("\n\nOn\n\nMonday\u{a0}\n\nthe 27th\n\n");
    }

    #[test]
    fn a_window_starts_with_a_spaced_token_after_its_own_breaks() {
        let text = "said.\n\nMonday 27 Feb";
        let shared = text::tokenize(text);
        let mut windows = Windows::new(text, &shared);
        assert!(windows.tokens(0..text.len())[2].paragraph);
        let window = windows.tokens(6..text.len());
        assert_eq!(window[0].text(text), "Monday");
        assert!(
            window[0].spaced && !window[0].paragraph,
            "one break after byte 6"
        );
    }

    #[test]
    fn windows_inside_words_start_at_their_parts() {
        let text = "x-Monday said";
        let shared = text::tokenize(text);
        let mut windows = Windows::new(text, &shared);
        let window = windows.tokens(2..8);
        assert_eq!(window.len(), 1);
        assert_eq!(window[0].text(text), "Monday");
        assert!(window[0].spaced);
    }

    proptest! {
        #[test]
        fn any_text_reads_the_same(text in "([A-Za-z]{1,4}|[0-9]{1,3}|[ .,\n]|\n\n|\u{a0}|\u{2019}){0,24}") {
            check_all_windows(&text);
        }
    }
}
