//! Lexical helpers shared by the extractors: tokens with byte offsets, sentence spans and
//! quotation spans, each found in one pass over the text without regular expressions.
//!
//! Tokens keep their byte range in the text they came from, so every later stage can point back
//! into the article body (quotes, snippets) without copying it.

mod fold;
mod quotations;
pub(crate) mod sentences;
mod tokens;

pub(crate) mod chars;
pub(crate) mod eights;
pub(crate) mod packed;

pub(crate) use fold::{Folded, fold, fold_key, fold_key_word};
pub(crate) use quotations::quotations;
pub(crate) use sentences::{Sentence, sentences};
pub(crate) use tokens::{
    CAP, DOT, HYPHEN, Kind, PARAGRAPH, PLAIN, POSSESSIVE, SPACE_BEFORE, Token, UPPER,
    after_possessive, tokenize,
};
