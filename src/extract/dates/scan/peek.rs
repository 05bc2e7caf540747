//! Questions about the tokens of a window, for the patterns: all answer `None` or `false`
//! past the end of the window.

use super::super::tokens::Kind;
use super::Scanner;

impl Scanner<'_> {
    pub(super) fn word(&self, i: usize) -> Option<&str> {
        let token = self.tokens.get(i)?;
        (token.kind == Kind::Word).then(|| token.text(self.text))
    }

    /// The word right before token `i`, if the token before it is a word.
    pub(super) fn word_before(&self, i: usize) -> Option<&str> {
        self.word(i.checked_sub(1)?)
    }

    pub(super) fn number(&self, i: usize) -> Option<(u32, usize)> {
        let token = self.tokens.get(i)?;
        if token.kind != Kind::Number {
            return None;
        }
        let digits = token.text(self.text);
        if digits.len() > 9 {
            return None;
        }
        Some((digits.parse().ok()?, digits.len()))
    }

    /// A one- or two-digit number touching the token before it (the parts of `2025-02-27`).
    pub(super) fn short_number(&self, i: usize) -> Option<(u32, usize)> {
        let (value, len) = self.number(i)?;
        (len <= 2 && !self.spaced(i)).then_some((value, len))
    }

    /// A day of the month: 1 to 31, at most two digits.
    pub(super) fn day_number(&self, i: usize) -> Option<u32> {
        match self.number(i)? {
            (day, 1 | 2) if (1..=31).contains(&day) => Some(day),
            _ => None,
        }
    }

    /// The token after an ordinal suffix (`27th`), or `j` if there is none.
    pub(super) fn after_ordinal(&self, j: usize) -> usize {
        match self.word(j) {
            Some("st" | "nd" | "rd" | "th") if !self.spaced(j) => j + 1,
            _ => j,
        }
    }

    /// Whether the number before token `j` goes on (`27,000`, `27.5`, `27:30`, `27%`).
    pub(super) fn continues_number(&self, j: usize) -> bool {
        if !self.touches(j) {
            return false;
        }
        let digits_follow = self.number(j + 1).is_some() && !self.spaced(j + 1);
        match self.tokens[j].kind {
            Kind::Punct(',' | '.' | '/' | '-' | ':') => digits_follow,
            Kind::Punct('%') | Kind::Number => true,
            _ => false,
        }
    }

    /// Whether a number at `i` is the tail of a longer figure (`1.27 February`, `3,2025`).
    pub(super) fn inside_number(&self, i: usize) -> bool {
        if i == 0 || self.spaced(i) {
            return false;
        }
        match self.tokens[i - 1].kind {
            Kind::Punct(',' | '.' | ':') => i >= 2 && self.number(i - 2).is_some(),
            Kind::Word | Kind::Number => true,
            _ => false,
        }
    }

    /// A `-` or `/` touching the tokens on both sides.
    pub(super) fn separator(&self, i: usize) -> Option<char> {
        let token = self.tokens.get(i)?;
        match token.kind {
            Kind::Punct(c @ ('-' | '/')) if !token.spaced => Some(c),
            _ => None,
        }
    }

    pub(super) fn punct_at(&self, i: usize, c: char) -> bool {
        self.tokens.get(i).is_some_and(|t| t.is_punct(c))
    }

    /// Whether token `i` exists and no space separates it from the one before.
    pub(super) fn touches(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| !t.spaced)
    }

    /// Whether white space comes before token `i` (true past the end).
    pub(super) fn spaced(&self, i: usize) -> bool {
        self.tokens.get(i).is_none_or(|t| t.spaced)
    }

    pub(super) fn prev_touches_punct(&self, i: usize, c: char) -> bool {
        i > 0 && !self.spaced(i) && self.punct_at(i - 1, c)
    }
}
