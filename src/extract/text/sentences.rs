//! Sentence spans over the tokens, and the one rule for where a sentence ends, which
//! snippets use too ([`ends_sentence`]): a sentence ends at `.`, `!`, `?` or `…` (with the
//! closing quotes and brackets after it) before white space and what can open a sentence,
//! unless the period closes an abbreviation (titles, initials, months); after a CJK full stop
//! (`。`, `！`, `？`), which needs no space; and at every line break.

use std::ops::Range;

use super::chars;
use super::tokens::{Kind, SPACE_BEFORE, Token};
use crate::extract::lexicon;

/// One sentence: its token range and its byte range in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sentence {
    pub tokens: Range<usize>,
    pub bytes: Range<usize>,
}

/// Split the tokens into sentences where [`ends_sentence`] says, and at every line break.
pub(crate) fn sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::with_capacity(tokens.len() / 20 + 1);
    let mut begin = 0;
    let mut i = 0;
    let push = |out: &mut Vec<Sentence>, from: usize, to: usize| {
        if from < to {
            out.push(Sentence {
                tokens: from..to,
                bytes: tokens[from].start..tokens[to - 1].end,
            });
        }
    };
    while i < tokens.len() {
        let t = tokens[i];
        if t.kind == Kind::Break {
            push(&mut out, begin, i);
            begin = i + 1;
            i += 1;
            continue;
        }
        if !matches!(t.kind, Kind::Punct(c) if is_terminator(c)) {
            i += 1;
            continue;
        }
        let (ends, end) = ends_sentence(text, tokens, i);
        if ends {
            push(&mut out, begin, end);
            begin = end;
        }
        i = end;
    }
    push(&mut out, begin, tokens.len());
    out
}

/// A character that may end a sentence: `.`, `!`, `?`, `…` and the CJK full stops.
pub(crate) fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…') || is_cjk_terminator(c)
}

/// A CJK full stop: it ends a sentence whatever follows, and no space is written after it.
fn is_cjk_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？')
}

/// A closing quotation mark or bracket, which stays with the sentence it closes.
pub(crate) fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '」' | '』' | '）'
    )
}

/// The one rule for where a sentence ends, for extraction and for snippets alike: whether the
/// terminator token `stop` ends a sentence, and the index of the first token after it and the
/// closing quotes and brackets that belong to it (where the next sentence starts if it does).
///
/// It does after a CJK full stop, at the end of the text and before a line break. Otherwise
/// what follows must open a sentence: after white space, a word that does not start in lower
/// case (`The`, or a script without case), a number, an opening quote or bracket, a dash, `¿`
/// or `¡`; touching the terminator, an opening quote or bracket (`end.“Next`), or a
/// capitalised word where a space was lost (`Afghanistan.Trump said`) that no other period
/// follows (`www.BBC.co.uk` stays whole). A period after an abbreviation ends a
/// sentence as [`lexicon::Abbreviation`] says (never after `Mr.`, `Feb.` or `J.`; after `Inc.`
/// or `U.S.` only before a sentence opener such as `The`).
pub(crate) fn ends_sentence(text: &str, tokens: &[Token], stop: usize) -> (bool, usize) {
    let Some(&Token {
        kind: Kind::Punct(c),
        ..
    }) = tokens.get(stop)
    else {
        return (false, stop + 1);
    };
    if !is_terminator(c) {
        return (false, stop + 1);
    }
    let mut end = stop + 1;
    while tokens.get(end).is_some_and(closes) {
        end += 1;
    }
    if is_cjk_terminator(c) {
        return (true, end);
    }
    let Some(next) = tokens.get(end) else {
        return (true, end);
    };
    let opens = if next.kind == Kind::Break {
        true
    } else if next.is(SPACE_BEFORE) {
        opens_sentence(text, next)
    } else {
        match next.kind {
            Kind::OpenQuote | Kind::Punct('(' | '[') => true,
            // Text run together where a space was lost (`Afghanistan.Trump said`) splits
            // before a capitalised word, unless a period follows that word too: a dotted name
            // (`www.BBC.co.uk`) stays whole.
            Kind::Word => opens_sentence(text, next) && !dotted_on(tokens, end),
            _ => false,
        }
    };
    (opens && !abbreviation_before(text, tokens, stop, next), end)
}

/// Whether the word at `word` is followed right away (no space) by another period.
fn dotted_on(tokens: &[Token], word: usize) -> bool {
    tokens
        .get(word + 1)
        .is_some_and(|after| after.is_punct('.') && after.start == tokens[word].end)
}

/// Whether a token right after a terminator closes what the sentence opened: a closing quote,
/// or a closing bracket or straight single quote that touches what comes before.
fn closes(token: &Token) -> bool {
    match token.kind {
        Kind::CloseQuote => true,
        Kind::Punct(c) => is_closer(c) && !token.is(SPACE_BEFORE),
        _ => false,
    }
}

/// Whether a token after white space can open a sentence.
fn opens_sentence(text: &str, token: &Token) -> bool {
    match token.kind {
        Kind::Word => text[token.start..]
            .chars()
            .next()
            .is_some_and(|c| !chars::is_lowercase(c)),
        Kind::OpenQuote | Kind::Number | Kind::Break => true,
        Kind::Punct(c) => matches!(c, '(' | '[' | '—' | '-' | '–' | '\'' | '¿' | '¡'),
        Kind::CloseQuote => false,
    }
}

/// Whether the period at token `dot` belongs to an abbreviation that does not end the sentence.
fn abbreviation_before(text: &str, tokens: &[Token], dot: usize, next: &Token) -> bool {
    if !tokens[dot].is_punct('.') || dot == 0 {
        return false;
    }
    let prev = tokens[dot - 1];
    if prev.kind != Kind::Word || prev.end != tokens[dot].start {
        return false;
    }
    let Some(abbreviation) = lexicon::abbreviation(prev.text(text)) else {
        return false;
    };
    let next = match next.kind {
        // A line break ends a sentence even after `Mr.`.
        Kind::Break => return false,
        Kind::Word | Kind::Number => Some(next.text(text)),
        _ => None,
    };
    !abbreviation.ends_sentence_before(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::{PARAGRAPH, tokenize};

    #[test]
    fn sentences_skip_titles_initials_and_months() {
        let text =
            "Mr. Trump met Joseph R. Biden on Feb. 27 in the U.S. They talked. “Fine.” He left.";
        let tokens = tokenize(text);
        let spans: Vec<&str> = sentences(text, &tokens)
            .iter()
            .map(|s| &text[s.bytes.clone()])
            .collect();
        assert_eq!(
            spans,
            [
                "Mr. Trump met Joseph R. Biden on Feb. 27 in the U.S.",
                "They talked.",
                "“Fine.”",
                "He left."
            ]
        );
    }

    fn split(text: &str) -> Vec<&str> {
        sentences(text, &tokenize(text))
            .iter()
            .map(|s| &text[s.bytes.clone()])
            .collect()
    }

    #[test]
    fn dotted_names_stay_whole_and_sentences_run_together_split() {
        // A lost space before a capitalised word splits; a name with more periods does not,
        // nor does a lower-case word touching the period.
        assert_eq!(
            split("Read it on www.BBC.co.uk today. It ended.Next came more. See node.js now."),
            [
                "Read it on www.BBC.co.uk today.",
                "It ended.",
                "Next came more.",
                "See node.js now."
            ]
        );
        // An opening quote or bracket may touch the terminator.
        assert_eq!(
            split("It ended.“Next,” he said."),
            ["It ended.", "“Next,” he said."]
        );
    }

    #[test]
    fn titles_are_no_sentence_ends_and_may_end_abbreviations_need_an_opener() {
        assert_eq!(
            split("Mr. Smith met Dr. Jones."),
            ["Mr. Smith met Dr. Jones."]
        );
        assert_eq!(
            split("He joined Apple Inc. Chief executives met. He went to the U.S. But why?"),
            [
                "He joined Apple Inc. Chief executives met.",
                "He went to the U.S.",
                "But why?"
            ]
        );
    }

    #[test]
    fn cjk_full_stops_end_sentences_without_spaces() {
        assert_eq!(
            split("東京は晴れ。大阪は雨。"),
            ["東京は晴れ。", "大阪は雨。"]
        );
        // A script without case opens a sentence as a capital does.
        assert_eq!(split("انتهى. بدأ"), ["انتهى.", "بدأ"]);
    }

    #[test]
    fn lower_case_continuations_are_no_sentence_ends() {
        assert_eq!(
            split("“Why?” he asked. “Fine!” she said … and left."),
            ["“Why?” he asked.", "“Fine!” she said … and left."]
        );
    }

    #[test]
    fn closing_quotes_and_brackets_stay_with_their_sentence() {
        assert_eq!(
            split("He said “We’ll see.” Then (he left.) She said 'no.' Then"),
            [
                "He said “We’ll see.”",
                "Then (he left.)",
                "She said 'no.'",
                "Then"
            ]
        );
    }

    #[test]
    fn the_rule_reads_the_tokens_around_one_terminator() {
        let text = "He reads www.BBC.co.uk daily. Then he goes.";
        let tokens = tokenize(text);
        let stop = |at: &str| {
            let at = text.find(at).expect("present");
            tokens.iter().position(|t| t.start == at).expect("a token")
        };
        let (ends, next) = ends_sentence(text, &tokens, stop(". Then"));
        assert!(ends);
        assert_eq!(&text[tokens[next].start..], "Then he goes.");
        assert!(!ends_sentence(text, &tokens, stop(".BBC")).0);
        // Not a terminator.
        assert!(!ends_sentence(text, &tokens, 0).0);
    }

    #[test]
    fn line_breaks_end_sentences() {
        let text = "LONDON 1996-08-30\nSimmons took four\n\nNew paragraph";
        let tokens = tokenize(text);
        assert_eq!(sentences(text, &tokens).len(), 3);
        let breaks: Vec<bool> = tokens
            .iter()
            .filter(|t| t.kind == Kind::Break)
            .map(|t| t.is(PARAGRAPH))
            .collect();
        assert_eq!(breaks, [false, true]);
    }
}
