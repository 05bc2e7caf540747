//! Sentence spans over the tokens: a sentence ends at `.`, `!`, `?` before a word that can
//! start one, unless the period closes an abbreviation (titles, initials, months), and at
//! every line break.

use std::ops::Range;

use super::tokens::{CAP, Kind, Token};

/// One sentence: its token range and its byte range in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub tokens: Range<usize>,
    pub bytes: Range<usize>,
}

/// `Jan`, `Feb`, `Sept`: written with a period that does not end a sentence.
pub fn is_month_abbreviation(word: &str) -> bool {
    matches!(
        word,
        "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
    )
}

/// Abbreviations after which a period never ends a sentence (titles, initials, months).
fn never_ends(word: &str) -> bool {
    word.len() == 1
        || matches!(
            word,
            "Mr" | "Mrs"
                | "Ms"
                | "Dr"
                | "Sen"
                | "Rep"
                | "Gov"
                | "Gen"
                | "Lt"
                | "Col"
                | "Sgt"
                | "Capt"
                | "Cmdr"
                | "Adm"
                | "Maj"
                | "Prof"
                | "Rev"
                | "Fr"
                | "St"
                | "Mt"
                | "Pres"
                | "Supt"
                | "Insp"
                | "Det"
                | "Cpl"
                | "Pvt"
                | "Hon"
                | "Messrs"
                | "Mme"
                | "Mlle"
                | "No"
                | "Nos"
                | "vs"
                | "v"
                | "Ft"
                | "Calif"
                | "Fla"
                | "Mass"
                | "Ariz"
                | "Ga"
                | "Ill"
                | "Ind"
                | "Tenn"
                | "Tex"
                | "Va"
                | "Wash"
                | "Penn"
                | "Conn"
                | "Mich"
                | "Minn"
                | "Wis"
                | "Okla"
                | "Ky"
                | "Md"
                | "Colo"
                | "Nev"
                | "Ore"
                | "Ala"
        )
        || is_month_abbreviation(word)
}

/// Words that, capitalised after an abbreviation's period, show that a new sentence began.
pub fn starts_sentence(word: &str) -> bool {
    matches!(
        word,
        "The"
            | "A"
            | "An"
            | "He"
            | "She"
            | "It"
            | "They"
            | "We"
            | "I"
            | "But"
            | "And"
            | "In"
            | "On"
            | "At"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "There"
            | "His"
            | "Her"
            | "Their"
            | "Its"
            | "Our"
            | "As"
            | "If"
            | "When"
            | "While"
            | "After"
            | "Before"
            | "Since"
            | "So"
            | "Yet"
            | "Still"
            | "However"
            | "Meanwhile"
            | "Also"
            | "For"
            | "Some"
            | "Many"
            | "Most"
            | "Officials"
            | "Now"
            | "Last"
            | "Earlier"
            | "Later"
            | "Both"
            | "Such"
            | "What"
            | "Why"
            | "How"
            | "Who"
            | "Where"
            | "Under"
            | "According"
            | "Asked"
            | "Analysts"
    )
}

/// Split the tokens into sentences: at `.`, `!`, `?` (with any closing quotes or brackets that
/// follow) before a word that can start a sentence, and at every line break.
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
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
    let word = prev.text(text);
    if never_ends(word) {
        return next.kind != Kind::Break;
    }
    // `U.S.`, `Inc.`, `Jr.`: a sentence ends only if a typical sentence opener follows.
    let dotted = word.contains('.');
    let maybe = dotted
        || matches!(
            word,
            "Inc" | "Corp" | "Co" | "Ltd" | "Jr" | "Sr" | "Bros" | "etc"
        );
    if maybe {
        return match next.kind {
            Kind::Word => !starts_sentence(next.text(text)),
            Kind::Number => true,
            _ => false,
        };
    }
    false
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
