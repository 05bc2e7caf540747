//! Sentence and word boundaries, found near a place in a text rather than over all of it
//! (only the few places a fragment may start or end are ever looked at).
//!
//! Where a sentence ends is decided by the one rule of extraction,
//! [`sentences::ends_sentence`], on the tokens of a short stretch around a terminator: from
//! the word before it to the word after the white space that follows it. A line break always
//! ends a sentence.

use crate::extract::text::{self, sentences};

/// How far a stretch tokenized around a terminator reaches back, and forward past the white
/// space after it, at most: far enough for any word the rule reads.
const REACH: usize = 64;

/// Characters that belong to the character before them: combining marks, joiners,
/// variation selectors and emoji modifiers. A cut never falls just before one.
pub(crate) fn is_joining(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0483}'..='\u{0489}'
        | '\u{0591}'..='\u{05BD}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0900}'..='\u{0903}'
        | '\u{093A}'..='\u{094F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{200C}'..='\u{200D}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{3099}'..='\u{309A}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{1F3FB}'..='\u{1F3FF}'
        | '\u{E0020}'..='\u{E007F}'
        | '\u{E0100}'..='\u{E01EF}')
}

/// If the terminator at byte `at` ends a sentence: the byte where the sentence's text ends
/// (after closing quotes) and where the next sentence starts.
fn boundary(text: &str, at: usize) -> Option<(usize, usize)> {
    let c = text.get(at..)?.chars().next()?;
    let after = at + c.len_utf8();
    if c == '\n' {
        return Some((at, after + text_start(&text[after..])));
    }
    if !sentences::is_terminator(c) {
        return None;
    }
    // The stretch: back to the white space before the terminator's run of text, forward
    // over that run, the white space after it and [`REACH`] characters more, to a word's end.
    let floor = back(text, at, REACH, 0);
    let from = text[floor..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace())
        .map_or(floor, |(i, c)| floor + i + c.len_utf8());
    let run_end = |from: usize| {
        let ceiling = forward(text, from, REACH, text.len());
        text[from..ceiling]
            .find(char::is_whitespace)
            .map_or(ceiling, |i| from + i)
    };
    let gap = run_end(after);
    let next = gap + text_start(&text[gap..]);
    let to = run_end(forward(text, next, REACH, text.len()));
    let stretch = &text[from..to];
    let tokens = text::tokenize(stretch);
    let stop = tokens.iter().position(|t| t.start == at - from)?;
    let (ends, following) = sentences::ends_sentence(stretch, &tokens, stop);
    if !ends {
        return None;
    }
    let end = joined_end(text, from + tokens[following - 1].end);
    Some((end, end + text_start(&text[end..])))
}

/// The first byte of the text that is not white space.
pub(crate) fn text_start(text: &str) -> usize {
    text.len() - text.trim_start().len()
}

/// The last sentence start at or before `at` and at or after `floor`.
pub(crate) fn sentence_start_before(text: &str, at: usize, floor: usize) -> Option<usize> {
    let window = text.get(floor..at)?;
    for i in terminators_backwards(window) {
        if let Some((_, next)) = boundary(text, floor + i)
            && next <= at
            && next < text.len()
        {
            return Some(next);
        }
    }
    let start = text_start(text);
    (floor <= start && start <= at).then_some(start)
}

/// The last sentence end in `(from, to]`: the byte just after its terminator and closing
/// quotes.
pub(crate) fn sentence_end_within(text: &str, from: usize, to: usize) -> Option<usize> {
    let window = text.get(from..to)?;
    for i in terminators_backwards(window) {
        let at = from + i;
        let length = text[at..].chars().next().map_or(1, char::len_utf8);
        let end = match boundary(text, at) {
            Some((end, _)) => end,
            None if text[at..].trim_start_matches(sentences::is_closer).len() <= length => {
                text.len()
            }
            None => continue,
        };
        let end = text[..end].trim_end().len();
        if from < end && end <= to {
            return Some(end);
        }
    }
    None
}

/// The byte offsets of the sentence terminators in `text`, last first.
fn terminators_backwards(text: &str) -> Terminators<'_> {
    Terminators {
        text,
        end: text.len(),
        newline: None,
        ascii: text.is_ascii(),
    }
}

/// Iterator of [`terminators_backwards`]. ASCII text, the common case, is searched with
/// `memrchr`; other text char by char.
struct Terminators<'a> {
    text: &'a str,
    /// Where the search goes on (exclusive).
    end: usize,
    /// The last line break before `end`, once searched for.
    newline: Option<Option<usize>>,
    ascii: bool,
}

impl Iterator for Terminators<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let before = &self.text[..self.end];
        if !self.ascii {
            let (i, _) = before
                .char_indices()
                .rev()
                .find(|&(_, c)| c == '\n' || sentences::is_terminator(c))?;
            self.end = i;
            return Some(i);
        }
        let bytes = before.as_bytes();
        let newline = match self.newline {
            Some(known) => known,
            None => memchr::memrchr(b'\n', bytes),
        };
        let stop = memchr::memrchr3(b'.', b'!', b'?', bytes);
        let i = stop.max(newline)?;
        self.newline = if newline == Some(i) {
            None
        } else {
            Some(newline)
        };
        self.end = i;
        Some(i)
    }
}

/// Move back `chars` characters from byte `at`, not before `floor`.
pub(crate) fn back(text: &str, at: usize, chars: usize, floor: usize) -> usize {
    let window = text.get(floor..at).unwrap_or_default();
    if window.len() >= chars && window.as_bytes()[window.len() - chars..].is_ascii() {
        return at - chars;
    }
    window
        .char_indices()
        .rev()
        .take(chars)
        .last()
        .map_or(at, |(i, _)| floor + i)
}

/// Move forward `chars` characters from byte `at`, not past `ceiling`.
pub(crate) fn forward(text: &str, at: usize, chars: usize, ceiling: usize) -> usize {
    let window = text.get(at..ceiling).unwrap_or_default();
    if window.len() > chars && window.as_bytes()[..chars].is_ascii() {
        return at + chars;
    }
    window
        .char_indices()
        .nth(chars)
        .map_or(ceiling.min(text.len()), |(i, _)| at + i)
}

/// The first word start at or after `at` and before `limit`: the byte after white space.
/// `at` itself when it starts a word already, or when no white space comes before `limit`.
pub(crate) fn word_start_after(text: &str, at: usize, limit: usize) -> usize {
    let before = text.get(..at).and_then(|s| s.chars().next_back());
    if before.is_none_or(char::is_whitespace) {
        return at;
    }
    let window = text.get(at..limit).unwrap_or_default();
    match window.find(char::is_whitespace) {
        Some(i) => {
            let from = at + i;
            from + text_start(&text[from..limit])
        }
        None => joined_start(text, at),
    }
}

/// Move a start back off any combining marks and joiners to the character they belong to.
pub(crate) fn joined_start(text: &str, mut at: usize) -> usize {
    while at > 0
        && text
            .get(at..)
            .and_then(|s| s.chars().next())
            .is_some_and(is_joining)
    {
        at = back(text, at, 1, 0);
    }
    at
}

/// Move an end forward over any combining marks and joiners that belong to the character
/// before it.
pub(crate) fn joined_end(text: &str, at: usize) -> usize {
    let rest = text.get(at..).unwrap_or_default();
    at + rest
        .chars()
        .take_while(|&c| is_joining(c))
        .map(char::len_utf8)
        .sum::<usize>()
}

/// Where to cut a text that must end by `limit` and not before `floor`: after the last
/// word that ends by `limit`, else (a run of text with no spaces, as in Chinese) at `limit`
/// itself, moved back before any combining mark.
pub(crate) fn word_end_before(text: &str, limit: usize, floor: usize) -> usize {
    let limit = limit.min(text.len());
    let next = text.get(limit..).and_then(|s| s.chars().next());
    if next.is_none_or(char::is_whitespace) {
        return text[..limit].trim_end().len().max(floor);
    }
    let window = text.get(floor..limit).unwrap_or_default();
    if let Some(i) = window.rfind(char::is_whitespace) {
        let end = text[..floor + i].trim_end().len();
        if end > floor {
            return end;
        }
    }
    let mut end = limit;
    while end > floor && text[end..].chars().next().is_some_and(is_joining) {
        end = back(text, end, 1, floor);
    }
    if end == floor { limit } else { end }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::snippet::samples;

    fn starts(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut at = text.len();
        while let Some(s) = sentence_start_before(text, at, 0) {
            out.push(text[s..].chars().take(12).collect::<String>());
            if s == 0 {
                break;
            }
            at = back(text, s, 1, 0);
        }
        out.reverse();
        out
    }

    #[test]
    fn sentences_start_after_terminators_and_line_breaks() {
        let text = "He left. She stayed! Did they? “Yes,” he said.\n\nnext para";
        assert_eq!(
            starts(text),
            [
                "He left. She",
                "She stayed! ",
                "Did they? “Y",
                "“Yes,” he sa",
                "next para"
            ]
        );
    }

    #[test]
    fn initials_abbreviations_and_lowercase_continuations_are_not_sentence_ends() {
        let text = "U.S. President Donald Trump met Mr. Putin on Feb. 27 at 5 p.m. and left.";
        assert_eq!(starts(text), ["U.S. Preside"]);
    }

    #[test]
    fn snippets_split_sentences_by_the_rule_of_extraction() {
        // A URL stays whole; sentences run together split; a title's period ends nothing; a
        // lower-case word after `?` goes on with the sentence; an opening quote may touch the
        // period.
        let text = "Read www.BBC.co.uk today. It ended.Next came. Mr. Smith left. \
                    “Why?” he asked. It ended.“Next,” he said.";
        assert_eq!(
            starts(text),
            [
                "Read www.BBC",
                "It ended.Nex",
                "Next came. M",
                "Mr. Smith le",
                "“Why?” he as",
                "It ended.“Ne",
                "“Next,” he s"
            ]
        );
        let end = sentence_end_within(text, 0, text.find("It ended.Next").expect("present"));
        assert_eq!(end, Some("Read www.BBC.co.uk today.".len()));
    }

    #[test]
    fn a_long_run_of_white_space_or_text_around_a_terminator_is_read_whole() {
        let text = format!("He left.{}The end", " ".repeat(200));
        assert_eq!(starts(&text), ["He left.    ", "The end"]);
        let text = format!("A {}. The end", "x".repeat(200));
        assert_eq!(starts(&text).len(), 2);
    }

    #[test]
    fn a_sentence_in_a_real_article_starts_after_the_previous_one() {
        let seed = samples::body(samples::SEED_000);
        let sentence_of = |words: &str| {
            let at = seed.find(words).expect("in the seed");
            let s = sentence_start_before(&seed, at, 0).expect("a sentence start");
            seed[s..].chars().take(20).collect::<String>()
        };
        assert!(sentence_of("Ushakov told reporters").starts_with("“I can assume"));
        assert!(sentence_of("Darchiev had returned").starts_with("Ushakov confirmed"));
    }

    #[test]
    fn sentence_ends_include_closing_quotes() {
        let text = "He said “We’ll see.” Then he left";
        let end = sentence_end_within(text, 0, text.len()).expect("an end");
        assert_eq!(&text[..end], "He said “We’ll see.”");
        let text = "Last words.";
        assert_eq!(sentence_end_within(text, 0, text.len()), Some(text.len()));
    }

    #[test]
    fn cjk_full_stops_end_sentences_without_spaces() {
        let text = "東京は晴れ。大阪は雨。";
        let at = text.find("大阪").expect("present");
        assert_eq!(sentence_start_before(text, at + 3, 0), Some(at));
        assert_eq!(sentence_end_within(text, 0, at), Some(at));
    }

    #[test]
    fn cuts_fall_between_words_and_never_before_a_combining_mark() {
        let text = "one two three";
        assert_eq!(word_end_before(text, 9, 0), 7);
        assert_eq!(word_end_before(text, 7, 0), 7);
        assert_eq!(word_start_after(text, 5, text.len()), 8);
        let text = "cafe\u{301}cafe\u{301}";
        let at = text.find('\u{301}').expect("present");
        let end = word_end_before(text, at, 0);
        assert!(end < at && text.is_char_boundary(end));
    }
}
