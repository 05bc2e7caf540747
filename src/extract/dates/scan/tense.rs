//! The tense of the clause a date stands in (`will meet on Thursday`, `met on Thursday`),
//! from the nearest cue word, which tells a weekday's direction.

use super::super::lexicon::{self, Tense};
use super::super::tokens::Kind;
use super::Scanner;

impl Scanner<'_> {
    /// The tense of the clause that token `i` sits in, from the nearest cue among the `reach`
    /// tokens before it.
    pub(super) fn tense_before(&self, i: usize, reach: usize) -> Option<Tense> {
        let back = (i.saturating_sub(reach)..i).rev();
        self.first_cue(back, |j| self.tokens[j + 1].paragraph)
    }

    /// The tense of the clause that token `i` opens (`On Wednesday, Eurostat will publish`),
    /// from the first cue among the `reach` tokens after it.
    pub(super) fn tense_after(&self, i: usize, reach: usize) -> Option<Tense> {
        let on = i + 1..(i + 1 + reach).min(self.tokens.len());
        self.first_cue(on, |j| self.tokens[j].paragraph)
    }

    /// The first tense cue among the tokens `order`, which stops at the end of the sentence or
    /// where `breaks_before(j)` says a paragraph ends.
    pub(super) fn first_cue(
        &self,
        order: impl Iterator<Item = usize>,
        breaks_before: impl Fn(usize) -> bool,
    ) -> Option<Tense> {
        for j in order {
            if breaks_before(j) {
                return None;
            }
            match self.tokens[j].kind {
                Kind::Punct('.' | '!' | '?' | ';') => return None,
                Kind::Word => {
                    if let Some(tense) = self.cue(j) {
                        return Some(tense);
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// The tense the word at `j` signals where it stands.
    pub(super) fn cue(&self, j: usize) -> Option<Tense> {
        let word = self.word(j)?;
        let before = self.word_before(j);
        let tense = match word {
            // `set to resume`, `set for Monday`, but `a record set on Aug. 6`.
            "set" if matches!(self.word(j + 1), Some("to" | "for")) => Tense::Future,
            "set" => Tense::Past,
            // `is to resume trading Tuesday`.
            "to" if matches!(before, Some("is" | "are")) => Tense::Future,
            _ => lexicon::tense(word)?,
        };
        match tense {
            // `will be held Monday`: a participle after `be` has no tense of its own.
            Tense::Past if matches!(before, Some("be" | "being")) => None,
            // `had been due to expire Friday`, `had planned to`: a plan that lies in the past.
            Tense::Future
                if before == Some("had")
                    || (before == Some("been") && self.word_before(j - 1) == Some("had")) =>
            {
                Some(Tense::Past)
            }
            tense => Some(tense),
        }
    }

    pub(super) fn starts_sentence(&self, i: usize) -> bool {
        if i == 0 || self.tokens[i].paragraph {
            return true;
        }
        matches!(
            self.tokens[i - 1].kind,
            Kind::Punct('.' | '!' | '?' | '"' | '\'' | ':' | '(' | '_' | '-' | '`')
        )
    }
}
