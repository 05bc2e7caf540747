//! One article prepared for the name and attribution rules: tokens, their word classes and
//! their sentences, computed once.

use std::cell::Cell;
use std::ops::Range;

use crate::extract::text::{self, Kind, Sentence, Token};

use super::lexicon::{self, Lex, STOP};

/// Word classes not looked up yet (no real word has every class).
const UNKNOWN: Lex = Lex::MAX;

/// The prepared text.
pub(super) struct Doc<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
    /// Word classes of each token (0 for non-words), looked up when first asked for: most
    /// lower-case words are never asked about.
    lex: Vec<Cell<Lex>>,
    pub sentences: Vec<Sentence>,
    /// Index of the sentence each token belongs to.
    pub sentence_of: Vec<u32>,
    /// Byte ranges of the quotations ([`text::quotations`]), in text order.
    pub quotations: Vec<Range<usize>>,
    /// Sentences before this one are read without trusting their capitals (a title-cased title).
    muted: usize,
    /// Whether each sentence stands on a line that carries a credit (`Ross Perot Image: Allan
    /// Warren.`): a caption, which holds no statement.
    pub caption: Vec<bool>,
    /// Whether each sentence stands on a line of fields (`CUSIP: 569399 PAYING AGENT: WesBanco
    /// Bank Fairmont`): a form or listing, whose values are capitalised as names are whatever
    /// they name.
    pub listing: Vec<bool>,
}

impl<'a> Doc<'a> {
    #[cfg(test)]
    pub fn new(text: &'a str) -> Self {
        Doc::with_tokens(text, text::tokenize(text))
    }

    /// The document of `text`, given its tokens ([`text::tokenize`]).
    pub(super) fn with_tokens(text: &'a str, tokens: Vec<Token>) -> Self {
        let lex = tokens
            .iter()
            .map(|t| Cell::new(if t.kind == Kind::Word { UNKNOWN } else { 0 }))
            .collect();
        let sentences = text::sentences(text, &tokens);
        let mut sentence_of = vec![u32::MAX; tokens.len()];
        for (n, s) in sentences.iter().enumerate() {
            for slot in &mut sentence_of[s.tokens.clone()] {
                *slot = n as u32;
            }
        }
        let quotations = text::quotations(&tokens);
        let line_of = lines_of(&tokens, &sentences);
        let caption = captions(text, &tokens, &sentences, &line_of);
        let listing = listings(&tokens, &sentences, &line_of);
        Doc {
            text,
            tokens,
            lex,
            sentences,
            sentence_of,
            quotations,
            muted: 0,
            caption,
            listing,
        }
    }

    /// Whether token `i` is the label of a credit (`Image:`, `Photo:`), standing alone or glued
    /// to the caption before it (`Bill HammonsImage:`).
    pub(super) fn credit_label(&self, i: usize) -> bool {
        credit_label(self.text, &self.tokens, i)
    }

    /// Whether token `i` is a credit label glued to the word before it (`HammonsImage:`).
    pub(super) fn glued_credit(&self, i: usize) -> bool {
        self.credit_label(i) && !CREDIT_LABELS.contains(&self.word(i))
    }

    /// Stop trusting capitals in the sentences that end before byte `offset`.
    pub(super) fn mute_before(&mut self, offset: usize) {
        self.muted = self.sentences.partition_point(|s| s.bytes.end <= offset);
    }

    pub(super) fn word(&self, i: usize) -> &'a str {
        self.tokens.get(i).map_or("", |t| t.text(self.text))
    }

    /// The word classes of token `i`.
    #[inline]
    pub(super) fn lex(&self, i: usize) -> Lex {
        let Some(cell) = self.lex.get(i) else {
            return 0;
        };
        match cell.get() {
            UNKNOWN => self.classify(i, cell),
            lex => lex,
        }
    }

    /// Look the word classes of token `i` up, and keep them in `cell`.
    fn classify(&self, i: usize, cell: &Cell<Lex>) -> Lex {
        let t = self.tokens[i];
        let lex = lexicon::classify(t.text(self.text), t.is(text::CAP | text::UPPER));
        cell.set(lex);
        lex
    }

    #[inline]
    pub(super) fn has(&self, i: usize, class: Lex) -> bool {
        self.lex(i) & class != 0
    }

    /// Whether token `i` stands where any word is capitalised: the start of a sentence, or
    /// right after an opening quote, bracket, colon or dash.
    pub(super) fn initial_position(&self, i: usize) -> bool {
        let Some(&s) = self.sentence_of.get(i) else {
            return false;
        };
        let Some(sentence) = self.sentences.get(s as usize) else {
            return false;
        };
        if i == sentence.tokens.start {
            return true;
        }
        let prev = self.tokens[i - 1];
        match prev.kind {
            Kind::OpenQuote | Kind::Break => true,
            Kind::Punct(c) => matches!(c, '(' | ':' | '—' | '–' | '-' | '[' | ';' | '•' | '*'),
            _ => false,
        }
    }

    /// Whether token `i` is a common word in sentence-initial position (`The`, `But`).
    pub(super) fn initial_stop(&self, i: usize) -> bool {
        self.has(i, STOP) && self.initial_position(i)
    }

    /// Whether most words of sentence `s` are in capitals (a headline or a shouted line), where
    /// case says nothing about names.
    pub(super) fn shouting(&self, s: usize) -> bool {
        if s < self.muted {
            return true;
        }
        let Some(sentence) = self.sentences.get(s) else {
            return false;
        };
        // Counted without branches: whether a token counts is as good as random to a predictor.
        let (mut words, mut upper) = (0usize, 0usize);
        for t in &self.tokens[sentence.tokens.clone()] {
            let word = t.kind == Kind::Word && t.end - t.start > 1;
            words += usize::from(word);
            upper += usize::from(word & t.is(text::UPPER));
        }
        words >= 3 && upper * 10 >= words * 6
    }
}

/// The labels of picture credits.
const CREDIT_LABELS: [&str; 7] = [
    "Image",
    "Images",
    "Photo",
    "Photos",
    "Photograph",
    "Picture",
    "Credit",
];

fn credit_label(text: &str, tokens: &[Token], i: usize) -> bool {
    let (Some(t), Some(next)) = (tokens.get(i), tokens.get(i + 1)) else {
        return false;
    };
    if t.kind != Kind::Word || !next.is_punct(':') {
        return false;
    }
    let w = t.text(text);
    CREDIT_LABELS.iter().any(|label| {
        w.strip_suffix(label).is_some_and(|head| {
            head.is_empty() || head.ends_with(|c: char| c.is_lowercase() || c == '.')
        })
    })
}

/// For each sentence, the number of the line it stands on (lines of a paragraph that cleaning
/// joined count as one).
fn lines_of(tokens: &[Token], sentences: &[Sentence]) -> Vec<usize> {
    let mut line = 0usize;
    let mut out = Vec::with_capacity(sentences.len());
    for (n, s) in sentences.iter().enumerate() {
        if n > 0 {
            let gap = sentences[n - 1].tokens.end..s.tokens.start;
            if tokens[gap].iter().any(|t| t.kind == Kind::Break) {
                line += 1;
            }
        }
        out.push(line);
    }
    out
}

/// For each sentence, whether its line holds a credit label: the line is a caption.
fn captions(text: &str, tokens: &[Token], sentences: &[Sentence], line_of: &[usize]) -> Vec<bool> {
    let credited: Vec<usize> = sentences
        .iter()
        .zip(line_of)
        .filter(|(s, _)| s.tokens.clone().any(|i| credit_label(text, tokens, i)))
        .map(|(_, &line)| line)
        .collect();
    line_of.iter().map(|l| credited.contains(l)).collect()
}

/// Field labels a line and its neighbours hold when they are a form or a listing, not prose:
/// one label opens a dateline or a heading (`WASHINGTON:`), two a question and its answer.
const LISTING_LABELS: usize = 3;

/// Most words per field label in a form or listing: a transcript (`TRUMP: We will ...`) has
/// labels too, before whole paragraphs.
const WORDS_PER_LABEL: usize = 8;

/// For each sentence, whether its line is part of a form or listing: with the two lines on
/// either side (a form cleaned into one paragraph is one line) it holds [`LISTING_LABELS`] field labels,
/// words in capitals right before a colon (`CUSIP:`, `PAYING AGENT:`, `L.O.:`), and few words
/// besides.
fn listings(tokens: &[Token], sentences: &[Sentence], line_of: &[usize]) -> Vec<bool> {
    let lines = line_of.last().map_or(0, |&l| l + 1);
    let (mut labels, mut words) = (vec![0usize; lines], vec![0usize; lines]);
    for (s, &line) in sentences.iter().zip(line_of) {
        for i in s.tokens.clone() {
            labels[line] += usize::from(field_label(tokens, i));
            words[line] += usize::from(tokens[i].kind == Kind::Word);
        }
    }
    let listing: Vec<bool> = (0..lines)
        .map(|l| {
            let near = l.saturating_sub(2)..(l + 3).min(lines);
            let labels: usize = labels[near.clone()].iter().sum();
            let words: usize = words[near].iter().sum();
            labels >= LISTING_LABELS && labels * WORDS_PER_LABEL >= words
        })
        .collect();
    line_of.iter().map(|&l| listing[l]).collect()
}

/// Whether token `i` is a word in capitals with a colon right after it (`CUSIP:`), or after
/// its abbreviating period (`L.O.:`).
fn field_label(tokens: &[Token], i: usize) -> bool {
    let Some(t) = tokens.get(i) else {
        return false;
    };
    if t.kind != Kind::Word || !t.is(text::UPPER) {
        return false;
    }
    let mut next = i + 1;
    if t.is(text::DOT) && tokens.get(next).is_some_and(|p| p.is_punct('.')) {
        next += 1;
    }
    tokens
        .get(next)
        .is_some_and(|c| c.is_punct(':') && c.start == tokens[next - 1].end)
}
