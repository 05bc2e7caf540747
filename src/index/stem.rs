//! English stemming for the prose fields, with a memo.
//!
//! The prose tokenizer is tantivy's `en_stem` (simple tokenizer, words over 40 bytes dropped,
//! lower-casing, the Snowball English stemmer of the `frostem` crate) with accents folded
//! before stemming (tantivy's `AsciiFoldingFilter`: `Erdoğan` is `erdogan`), and each
//! analyzer remembers the stems it computed. News text repeats a small vocabulary, so most
//! occurrences of a word are answered from the memo instead of being stemmed again.
//!
//! The tokens are exactly those of tantivy's `en_stem` followed by its `AsciiFoldingFilter`;
//! the memo changes only how fast they come.

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token,
    TokenFilter, TokenStream, Tokenizer,
};

use crate::extract::text::packed;

/// Words a memo holds at most (about 2 MB): the words that make up most of the running text
/// of news come early in a batch of articles, and once the memo is full, later words are
/// stemmed every time.
const MEMO_WORDS: usize = 32_768;

/// Words of at most this many bytes are their own stems: the Snowball English stemmer leaves
/// words of under three letters as they are (every such string is tested).
const SHORTEST_STEMMED: usize = 2;

/// tantivy's `en_stem` analysis with accents folded, memoised.
pub(crate) fn english() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(MemoStemmer)
        .build()
}

/// Token filter: the Snowball English stem of each (lower-cased) token.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MemoStemmer;

impl TokenFilter for MemoStemmer {
    type Tokenizer<T: Tokenizer> = MemoStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> MemoStemmerFilter<T> {
        MemoStemmerFilter {
            inner: tokenizer,
            memo: Memo::new(),
        }
    }
}

#[derive(Clone)]
pub(crate) struct MemoStemmerFilter<T> {
    inner: T,
    memo: Memo,
}

impl<T: Tokenizer> Tokenizer for MemoStemmerFilter<T> {
    type TokenStream<'a> = MemoStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MemoStemmerStream {
            tail: self.inner.token_stream(text),
            memo: &mut self.memo,
        }
    }
}

pub(crate) struct MemoStemmerStream<'a, T> {
    tail: T,
    memo: &'a mut Memo,
}

impl<T: TokenStream> TokenStream for MemoStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.memo.stem(&mut self.tail.token_mut().text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Words and their stems, both [`packed`] into the map's entries: a lookup reads no memory
/// but the map's. Words longer than a pack are rare, and stemmed every time. A clone starts
/// empty: analyzers are cloned for every segment writer and every search, and copying a memo
/// would cost more than refilling it.
struct Memo {
    stemmer: frostem::Stemmer,
    stems: FxHashMap<packed::Packed, packed::Packed>,
}

impl Clone for Memo {
    fn clone(&self) -> Memo {
        Memo::new()
    }
}

impl Memo {
    fn new() -> Memo {
        Memo {
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
            stems: FxHashMap::default(),
        }
    }

    /// Replace `word` by its stem.
    fn stem(&mut self, word: &mut String) {
        if word.len() <= SHORTEST_STEMMED {
            // A fifth of the running text (`a`, `of`, `in`), and a lookup less each.
            return;
        }
        let Some(key) = packed::pack(word.as_bytes()) else {
            *word = self.stemmer.stem(word).into_owned();
            return;
        };
        if let Some(&stem) = self.stems.get(&key) {
            let (bytes, len) = packed::unpack(stem);
            // Most stems begin their word (`flights`, `flight`): cut, not copied.
            if packed::is_prefix(stem, key) && word.is_char_boundary(len) {
                word.truncate(len);
                return;
            }
            // Packed from a `&str` below.
            if let Ok(stem) = std::str::from_utf8(&bytes[..len]) {
                word.clear();
                word.push_str(stem);
                return;
            }
        }
        let stem = self.stemmer.stem(word).into_owned();
        if self.stems.len() < MEMO_WORDS
            && let Some(packed) = packed::pack(stem.as_bytes())
        {
            self.stems.insert(key, packed);
        }
        *word = stem;
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use tantivy::tokenizer::{Language, Stemmer};

    use super::*;

    fn tokens(mut analyzer: TextAnalyzer, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        analyzer
            .token_stream(text)
            .process(&mut |t: &Token| out.push(t.clone()));
        out
    }

    /// tantivy's `en_stem` with its accent folding before the stemmer.
    fn tantivy_en_stem() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(Stemmer::new(Language::English))
            .build()
    }

    #[test]
    fn stems_like_tantivy_en_stem() {
        let text = "Flights were flying; the negotiators NEGOTIATED and negotiations flew. \
                    Running runs ran, generously généreusement, Ünïcödé words, \
                    and a word far too long to index: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.";
        let ours = tokens(english(), text);
        assert_eq!(ours, tokens(tantivy_en_stem(), text));
        let words: Vec<&str> = ours.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(&words[..4], ["flight", "were", "fli", "the"]);
        assert!(words.contains(&"genereus"), "{words:?}");
    }

    #[test]
    fn every_string_of_two_bytes_or_fewer_is_its_own_stem() {
        let stemmer = frostem::Stemmer::new(frostem::Algorithm::English);
        let ascii = (0..128u8).map(char::from);
        let two_bytes = (0x80..0x800u32).filter_map(char::from_u32);
        let mut words: Vec<String> = ascii.clone().chain(two_bytes).map(String::from).collect();
        words.extend(
            ascii
                .clone()
                .flat_map(|a| ascii.clone().map(move |b| format!("{a}{b}"))),
        );
        words.push(String::new());
        for word in &words {
            assert!(word.len() <= SHORTEST_STEMMED);
            assert_eq!(stemmer.stem(word), word.as_str(), "{word:?}");
        }
    }

    #[test]
    fn a_full_memo_still_stems() {
        let mut memo = Memo::new();
        let mut stem = |word: &str| {
            let mut word = word.to_string();
            memo.stem(&mut word);
            word
        };
        assert_eq!(stem("negotiations"), "negoti");
        for n in 0..MEMO_WORDS * 2 {
            stem(&format!("word{n}"));
        }
        assert_eq!(stem("negotiations"), "negoti");
        assert_eq!(stem("flying"), "fli");
        assert_eq!(stem("flying"), "fli");
        assert_eq!(memo.stems.len(), MEMO_WORDS);
    }

    proptest! {
        #[test]
        fn the_same_tokens_as_tantivy_on_any_text(text in "\\PC{0,200}") {
            // The second pass answers from the memo.
            let mut ours = english();
            let theirs = tokens(tantivy_en_stem(), &text);
            for _ in 0..2 {
                let mut out = Vec::new();
                ours.token_stream(&text).process(&mut |t: &Token| out.push(t.clone()));
                prop_assert_eq!(&out, &theirs);
            }
        }

        #[test]
        fn memo_hits_give_the_stems_of_the_same_words(
            words in proptest::collection::vec("[a-eyé]{1,17}", 1..60)
        ) {
            // Short words over few letters: many come back.
            let text = words.join(" ");
            let text = format!("{text} {text}");
            // The first pass fills the memo; the second answers from it.
            let mut ours = english();
            let mut passes = Vec::new();
            for _ in 0..2 {
                let mut out = Vec::new();
                ours.token_stream(&text).process(&mut |t: &Token| out.push(t.clone()));
                passes.push(out);
            }
            prop_assert_eq!(&passes[0], &tokens(tantivy_en_stem(), &text));
            prop_assert_eq!(&passes[1], &tokens(tantivy_en_stem(), &text));
        }
    }
}
