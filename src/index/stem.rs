//! English stemming for the prose fields, with a memo.
//!
//! The prose tokenizer is tantivy's `en_stem` (simple tokenizer, words over 40 bytes dropped,
//! lower-casing, the Snowball English stemmer of the `frostem` crate), with one change: each
//! analyzer remembers the stems it computed. News text repeats a small vocabulary, so most
//! occurrences of a word are answered from the memo instead of being stemmed again; stemming
//! was the largest single cost of indexing after tantivy's own postings (about a fifth of its
//! CPU time).
//!
//! The tokens are exactly tantivy's, so indexes written with either analyzer are the same;
//! it is registered under the same name, `en_stem`.

use tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token, TokenFilter, TokenStream,
    Tokenizer,
};

/// Slots of the memo: a power of two. 16,384 entries of 48 bytes (768 KiB) hold the words that
/// make up most of the running text of news; on a Reuters sample, stemming took 18.5% of
/// indexing's CPU time without a memo, 12.6% with this one (13.9% with 4,096 slots).
const MEMO_SLOTS: usize = 16384;

/// Tokens an analyzer stems before it sets its memo up. The table costs its 768 KiB to fill, a
/// tenth of a millisecond: worth it for the millions of tokens of a segment writer, not for the
/// analyzers made for one query or one page of snippets.
const MEMO_AFTER_TOKENS: usize = 50_000;

/// tantivy's `en_stem` analysis, memoised.
pub fn english() -> TextAnalyzer {
    analyzer(MEMO_AFTER_TOKENS)
}

fn analyzer(memo_after_tokens: usize) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(MemoStemmer { memo_after_tokens })
        .build()
}

/// Token filter: the Snowball English stem of each (lower-cased) token.
#[derive(Debug, Clone, Copy)]
pub struct MemoStemmer {
    memo_after_tokens: usize,
}

impl TokenFilter for MemoStemmer {
    type Tokenizer<T: Tokenizer> = MemoStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> MemoStemmerFilter<T> {
        MemoStemmerFilter {
            inner: tokenizer,
            memo: Memo::new(self.memo_after_tokens),
        }
    }
}

#[derive(Clone)]
pub struct MemoStemmerFilter<T> {
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

pub struct MemoStemmerStream<'a, T> {
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

/// Words and their stems, in a direct-mapped table: a word's hash picks its one slot, and a
/// new word takes the slot over. A lookup is one hash and one compare, with no allocation; the
/// frequent words keep coming back to their slots. A clone starts empty: analyzers are cloned
/// for every segment writer and every search, and copying a memo would cost more than refilling
/// it.
struct Memo {
    stemmer: frostem::Stemmer,
    /// Empty until `after_tokens` tokens were stemmed, then [`MEMO_SLOTS`] long.
    slots: Vec<Slot>,
    stemmed: usize,
    after_tokens: usize,
}

/// A word and its stem; an empty word marks a free slot.
#[derive(Clone, Copy, Default)]
struct Slot {
    word: Short,
    stem: Short,
}

impl Clone for Memo {
    fn clone(&self) -> Memo {
        Memo::new(self.after_tokens)
    }
}

impl Memo {
    fn new(after_tokens: usize) -> Memo {
        Memo {
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
            slots: Vec::new(),
            stemmed: 0,
            after_tokens,
        }
    }

    /// Replace `word` by its stem.
    fn stem(&mut self, word: &mut String) {
        if self.slots.is_empty() {
            self.stemmed += 1;
            if self.stemmed > self.after_tokens {
                self.slots = vec![Slot::default(); MEMO_SLOTS];
            }
            *word = self.stemmer.stem(word).into_owned();
            return;
        }
        let Some(key) = Short::new(word) else {
            // Long words are rare: stem them every time.
            *word = self.stemmer.stem(word).into_owned();
            return;
        };
        let slot = &mut self.slots[key.slot()];
        if slot.word == key {
            word.clear();
            word.push_str(slot.stem.as_str());
            return;
        }
        let stem = self.stemmer.stem(word).into_owned();
        if let Some(short) = Short::new(&stem) {
            *slot = Slot {
                word: key,
                stem: short,
            };
        }
        *word = stem;
    }
}

/// A word of up to 23 bytes stored inline: memo entries need no allocation, and a lookup
/// compares a few machine words instead of chasing a pointer.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct Short {
    len: u8,
    bytes: [u8; 23],
}

impl Short {
    fn new(word: &str) -> Option<Short> {
        let len = word.len();
        let mut bytes = [0; 23];
        bytes.get_mut(..len)?.copy_from_slice(word.as_bytes());
        Some(Short {
            len: len as u8,
            bytes,
        })
    }

    /// The memo slot of the word: its first 16 bytes and its length, mixed by splitmix64's
    /// finaliser (words that differ in one letter land far apart).
    fn slot(&self) -> usize {
        let half = |at: usize| {
            let mut part = [0; 8];
            part.copy_from_slice(&self.bytes[at..at + 8]);
            u64::from_le_bytes(part)
        };
        let mut x = half(0) ^ half(8).rotate_left(29) ^ u64::from(self.len);
        x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        x ^= x >> 31;
        (x >> (64 - MEMO_SLOTS.trailing_zeros())) as usize
    }

    fn as_str(&self) -> &str {
        // Made from a whole `&str` in `new`.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use tantivy::tokenizer::TokenizerManager;

    use super::*;

    fn tokens(mut analyzer: TextAnalyzer, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        analyzer
            .token_stream(text)
            .process(&mut |t: &Token| out.push(t.clone()));
        out
    }

    fn tantivy_en_stem() -> TextAnalyzer {
        TokenizerManager::default()
            .get("en_stem")
            .expect("tantivy registers en_stem")
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
    }

    #[test]
    fn a_full_memo_still_stems() {
        let mut memo = Memo::new(MEMO_AFTER_TOKENS);
        for n in 0..MEMO_AFTER_TOKENS + MEMO_SLOTS * 4 {
            memo.stem(&mut format!("word{n}"));
        }
        let used = memo.slots.iter().filter(|s| s.word.len > 0).count();
        // Far more words than slots: the hash spreads them over nearly every slot.
        assert!(
            used > MEMO_SLOTS * 9 / 10,
            "{used} of {MEMO_SLOTS} slots used"
        );
        let mut word = "negotiations".to_string();
        memo.stem(&mut word);
        assert_eq!(word, "negoti");
        // Longer than a memo entry holds: stemmed all the same.
        let long = "counterrevolutionaries".repeat(2);
        let mut stemmed = long.clone();
        memo.stem(&mut stemmed);
        assert_eq!(stemmed, memo.stemmer.stem(&long));
        assert_ne!(stemmed, long);
        let mut again = "negotiations".to_string();
        memo.stem(&mut again);
        assert_eq!(again, "negoti");
    }

    proptest! {
        #[test]
        fn the_same_tokens_as_tantivy_on_any_text(text in "\\PC{0,200}") {
            // A memo from the first token on: the second pass answers from it.
            let mut ours = analyzer(0);
            let theirs = tokens(tantivy_en_stem(), &text);
            for _ in 0..2 {
                let mut out = Vec::new();
                ours.token_stream(&text).process(&mut |t: &Token| out.push(t.clone()));
                prop_assert_eq!(&out, &theirs);
            }
        }
    }
}
