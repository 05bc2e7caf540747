//! English stemming for the prose fields, with a memo.
//!
//! The prose tokenizer is tantivy's `en_stem` (simple tokenizer, words over 40 bytes dropped,
//! lower-casing, the Snowball English stemmer of the `frostem` crate) with accents folded
//! before stemming (tantivy's `AsciiFoldingFilter`: `Erdoğan` is `erdogan`), and each
//! analyzer remembers the stems it computed. News text repeats a small vocabulary, so most
//! occurrences of a word are answered from the memo instead of being stemmed again; stemming
//! was the largest single cost of indexing after tantivy's own postings (about a fifth of its
//! CPU time).
//!
//! The tokens are exactly those of tantivy's `en_stem` followed by its `AsciiFoldingFilter`;
//! the memo changes only how fast they come.

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token,
    TokenFilter, TokenStream, Tokenizer,
};

/// Slots of the memo: a power of two. 65,536 entries of 32 bytes (2 MiB) hold the words that
/// make up most of the running text of news. As the slots of a batch are read together, a
/// larger table costs little in waiting for memory: on a full Reuters build the stemming path
/// took 10.6% of the CPU samples with 16,384 slots, 9.9% with 32,768 and 9.4% with 65,536.
const MEMO_SLOTS: usize = 65536;

/// Tokens an analyzer stems before it sets its memo up. The table costs its 2 MiB to fill, half a
/// millisecond: worth it for the millions of tokens of a segment writer, not for the
/// analyzers made for one query or one page of snippets.
const MEMO_AFTER_TOKENS: usize = 50_000;

/// tantivy's `en_stem` analysis with accents folded, memoised.
pub fn english() -> TextAnalyzer {
    analyzer(MEMO_AFTER_TOKENS)
}

fn analyzer(memo_after_tokens: usize) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(MemoStemmer { memo_after_tokens })
        .build()
}

/// Token filter: the Snowball English stem of each (lower-cased) token.
#[derive(Debug, Clone, Copy)]
pub struct MemoStemmer {
    memo_after_tokens: usize,
}

/// Tokens stemmed together: the memo slots of a batch are all read before any is used, so
/// that the memory reads overlap instead of waiting one after the other (the memo is larger
/// than a core's cache, and a lookup is mostly the wait for its slot).
const BATCH: usize = 64;

impl TokenFilter for MemoStemmer {
    type Tokenizer<T: Tokenizer> = MemoStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> MemoStemmerFilter<T> {
        MemoStemmerFilter {
            inner: tokenizer,
            memo: Memo::new(self.memo_after_tokens),
            batch: Vec::new(),
        }
    }
}

#[derive(Clone)]
pub struct MemoStemmerFilter<T> {
    inner: T,
    memo: Memo,
    /// The tokens of the current batch; their strings are reused from batch to batch.
    batch: Vec<Token>,
}

impl<T: Tokenizer> Tokenizer for MemoStemmerFilter<T> {
    type TokenStream<'a> = MemoStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if self.batch.is_empty() {
            // `token()` may be asked for before the first `advance()`.
            self.batch.push(Token::default());
        }
        MemoStemmerStream {
            tail: self.inner.token_stream(text),
            memo: &mut self.memo,
            batch: &mut self.batch,
            len: 0,
            next: 0,
        }
    }
}

pub struct MemoStemmerStream<'a, T> {
    tail: T,
    memo: &'a mut Memo,
    batch: &'a mut Vec<Token>,
    /// Tokens of the batch in use.
    len: usize,
    /// The next token to hand out is `batch[next]`.
    next: usize,
}

impl<T: TokenStream> MemoStemmerStream<'_, T> {
    /// Take the next tokens from the tail and stem them; false at the end of the text.
    fn refill(&mut self) -> bool {
        self.len = 0;
        self.next = 0;
        while self.len < BATCH && self.tail.advance() {
            if self.len == self.batch.len() {
                self.batch.push(Token::default());
            }
            let token = &mut self.batch[self.len];
            let theirs = self.tail.token_mut();
            token.offset_from = theirs.offset_from;
            token.offset_to = theirs.offset_to;
            token.position = theirs.position;
            token.position_length = theirs.position_length;
            // The tail overwrites its token's text on its next advance: swapping hands it a
            // spare string instead of copying the word. (The rest is copied, not swapped: the
            // tail counts positions on from its own token.)
            std::mem::swap(&mut token.text, &mut theirs.text);
            self.len += 1;
        }
        self.memo.stem_all(&mut self.batch[..self.len]);
        self.len > 0
    }
}

impl<T: TokenStream> TokenStream for MemoStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if self.next == self.len && !self.refill() {
            return false;
        }
        self.next += 1;
        true
    }

    fn token(&self) -> &Token {
        &self.batch[self.next.saturating_sub(1)]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.batch[self.next.saturating_sub(1)]
    }
}

/// Words and their stems, in a direct-mapped table: a word's hash picks its one slot, and a
/// new word takes the slot over. A lookup reads the word a few bytes at a time (no copy), hashes
/// it and compares it with one slot, half a cache line; a hit turns the word into its stem in
/// place, usually by cutting its end off. The frequent words keep coming back to their slots.
/// A clone starts empty: analyzers are cloned for every segment writer and every search, and
/// copying a memo would cost more than refilling it.
struct Memo {
    stemmer: frostem::Stemmer,
    /// Empty until `after_tokens` tokens were stemmed, then [`MEMO_SLOTS`] long.
    slots: Vec<Slot>,
    stemmed: usize,
    after_tokens: usize,
}

/// A word of up to [`Key::MAX_LEN`] bytes and its stem, written as the length of the prefix
/// the stem shares with the word and the bytes that follow it (most often none: "said", "the";
/// or a few: "studies" to "studi"). A zero word length marks a free slot.
#[derive(Clone, Copy, Default)]
#[repr(C, align(32))]
struct Slot {
    head: u64,
    end: u64,
    len: u8,
    keep: u8,
    tail_len: u8,
    tail: [u8; Slot::MAX_TAIL],
}

impl Slot {
    const MAX_TAIL: usize = 13;

    /// The slot for `key` and its `stem`, if the stem's tail fits.
    fn new(key: Key, word: &str, stem: &str) -> Option<Slot> {
        let mut keep = word
            .bytes()
            .zip(stem.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        while !stem.is_char_boundary(keep) {
            keep -= 1;
        }
        let rest = &stem.as_bytes()[keep..];
        let mut tail = [0; Slot::MAX_TAIL];
        tail.get_mut(..rest.len())?.copy_from_slice(rest);
        Some(Slot {
            head: key.head,
            end: key.end,
            len: key.len,
            keep: keep as u8,
            tail_len: rest.len() as u8,
            tail,
        })
    }

    fn holds(&self, key: &Key) -> bool {
        self.head == key.head && self.end == key.end && self.len == key.len
    }

    /// Turn the slot's word into its stem.
    fn apply(&self, word: &mut String) {
        word.truncate(usize::from(self.keep));
        if self.tail_len > 0 {
            // Made from the end of a whole `&str`, cut at a character boundary, in `new`.
            let tail = &self.tail[..usize::from(self.tail_len)];
            word.push_str(std::str::from_utf8(tail).unwrap_or_default());
        }
    }
}

/// A word of up to 15 bytes as two machine words and its length: for 8 bytes or more, its
/// first and last 8 bytes (overlapping); for 4 to 7, its first and last 4; below, its first,
/// middle and last byte. With the length, these cover every byte, so equal keys are equal
/// words.
#[derive(Clone, Copy)]
struct Key {
    head: u64,
    end: u64,
    len: u8,
}

impl Key {
    const MAX_LEN: usize = 15;

    fn new(word: &str) -> Option<Key> {
        let b = word.as_bytes();
        let len = b.len();
        let u64_at = |at: usize| u64::from_le_bytes(b[at..at + 8].try_into().unwrap_or_default());
        let u32_at = |at: usize| {
            u64::from(u32::from_le_bytes(
                b[at..at + 4].try_into().unwrap_or_default(),
            ))
        };
        let (head, end) = match len {
            0 => return None,
            1..=3 => (
                u64::from(b[0]) | u64::from(b[len / 2]) << 8 | u64::from(b[len - 1]) << 16,
                0,
            ),
            4..=7 => (u32_at(0), u32_at(len - 4)),
            8..=Key::MAX_LEN => (u64_at(0), u64_at(len - 8)),
            _ => return None,
        };
        Some(Key {
            head,
            end,
            len: len as u8,
        })
    }

    /// The memo slot of the word, mixed by splitmix64's finaliser (words that differ in one
    /// letter land far apart).
    fn slot(&self) -> usize {
        let mut x = self.head ^ self.end.rotate_left(29) ^ u64::from(self.len);
        x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        x ^= x >> 31;
        (x >> (64 - MEMO_SLOTS.trailing_zeros())) as usize
    }
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

    /// Replace each token's text by its stem.
    fn stem_all(&mut self, tokens: &mut [Token]) {
        if self.slots.is_empty() {
            for token in tokens.iter_mut() {
                token.text = self.stemmer.stem(&token.text).into_owned();
            }
            self.stemmed += tokens.len();
            if self.stemmed > self.after_tokens {
                self.slots = vec![Slot::default(); MEMO_SLOTS];
            }
            return;
        }
        // First every slot is read, then compared: the reads are independent of each other.
        let mut found = [(None, 0, 0); BATCH];
        for (token, found) in tokens.iter().zip(&mut found) {
            if let Some(key) = Key::new(&token.text) {
                let slot = key.slot();
                *found = (Some(key), slot, self.slots[slot].head);
            }
        }
        for (token, &(key, slot, head)) in tokens.iter_mut().zip(&found) {
            match key {
                Some(key) if head == key.head && self.slots[slot].holds(&key) => {
                    self.slots[slot].apply(&mut token.text)
                }
                Some(key) => self.insert(key, slot, &mut token.text),
                // Long words are rare: stem them every time.
                None => token.text = self.stemmer.stem(&token.text).into_owned(),
            }
        }
    }

    /// Stem a word the memo does not hold, and keep it in `slot`.
    fn insert(&mut self, key: Key, slot: usize, word: &mut String) {
        let stem = self.stemmer.stem(word).into_owned();
        if let Some(new) = Slot::new(key, word, &stem) {
            self.slots[slot] = new;
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
    fn a_slot_is_half_a_cache_line() {
        assert_eq!(std::mem::size_of::<Slot>(), 32);
    }

    /// One word through the memo, as a batch of one token.
    fn stem(memo: &mut Memo, word: &str) -> String {
        let mut token = [Token {
            text: word.to_string(),
            ..Token::default()
        }];
        memo.stem_all(&mut token);
        std::mem::take(&mut token[0].text)
    }

    #[test]
    fn a_full_memo_still_stems() {
        let mut memo = Memo::new(MEMO_AFTER_TOKENS);
        for n in 0..MEMO_AFTER_TOKENS + MEMO_SLOTS * 4 {
            stem(&mut memo, &format!("word{n}"));
        }
        let used = memo.slots.iter().filter(|s| s.len > 0).count();
        // Far more words than slots: the hash spreads them over nearly every slot.
        assert!(
            used > MEMO_SLOTS * 9 / 10,
            "{used} of {MEMO_SLOTS} slots used"
        );
        let word = stem(&mut memo, "negotiations");
        assert_eq!(word, "negoti");
        // Longer than a memo entry holds: stemmed all the same.
        let long = "counterrevolutionaries".repeat(2);
        let stemmed = stem(&mut memo, &long);
        assert_eq!(stemmed, memo.stemmer.stem(&long));
        assert_ne!(stemmed, long);
        let again = stem(&mut memo, "negotiations");
        assert_eq!(again, "negoti");
    }

    proptest! {
        #[test]
        fn the_same_tokens_as_tantivy_on_any_text(text in "\\PC{0,200}") {
            // A memo from the first batch on: the second pass answers from it.
            let mut ours = analyzer(0);
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
            // Short words over few letters: many share their head and end bytes, and come back.
            let text = words.join(" ");
            let text = format!("{text} {text}");
            // The first pass sets the memo up (after its first batch); the second answers from it.
            let mut ours = analyzer(0);
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
