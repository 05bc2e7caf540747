//! Lexical helpers shared by the extractors: tokens with byte offsets, sentence spans and
//! quotation spans, each found in one pass over the text without regular expressions.
//!
//! Tokens keep their byte range in the text they came from, so every later stage can point back
//! into the article body (quotes, snippets) without copying it.

mod fold;
mod quotations;
pub(crate) mod sentences;
mod tokens;

pub mod chars;
pub mod eights;
pub mod packed;

pub use fold::{Folded, fold, fold_key, fold_key_word, with_lowercase};
pub use quotations::quotations;
pub use sentences::{Sentence, sentences};
pub use tokens::{
    CAP, DOT, HYPHEN, Kind, PARAGRAPH, PLAIN, POSSESSIVE, SINGLE, SPACE_BEFORE, Token, UPPER,
    after_possessive, tokenize,
};
