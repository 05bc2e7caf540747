//! Sentence spans over the tokens: a sentence ends at `.`, `!`, `?` before a word that can
//! start one, unless the period closes an abbreviation (titles, initials, months), and at
//! every line break.

use std::ops::Range;

use super::tokens::{CAP, Kind, Token};
use crate::extract::lexicon;

/// One sentence: its token range and its byte range in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sentence {
    pub tokens: Range<usize>,
    pub bytes: Range<usize>,
}

/// Split the tokens into sentences: at `.`, `!`, `?` (with any closing quotes or brackets that
/// follow) before a word that can start a sentence, and at every line break.
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
        let ender = matches!(t.kind, Kind::Punct('.' | '!' | '?' | '…'));
        if !ender {
            i += 1;
            continue;
        }
        // Take closing quotes and brackets into the ending sentence.
        let mut end = i + 1;
        while end < tokens.len()
            && (tokens[end].kind == Kind::CloseQuote || tokens[end].is_punct(')'))
        {
            end += 1;
        }
        let boundary = match tokens.get(end) {
            None => true,
            Some(next) => {
                let next_starts = match next.kind {
                    Kind::Word => next.is(CAP),
                    Kind::OpenQuote | Kind::Number | Kind::Break => true,
                    Kind::Punct(c) => matches!(c, '(' | '[' | '—' | '-' | '–'),
                    Kind::CloseQuote => false,
                };
                next_starts && !abbreviation_before(text, tokens, i, next)
            }
        };
        if boundary {
            push(&mut out, begin, end);
            begin = end;
        }
        i = end;
    }
    push(&mut out, begin, tokens.len());
    out
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
