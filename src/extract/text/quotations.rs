//! Quotation spans over the tokens: an opening mark to its closing mark, or to the end of the
//! paragraph when a quotation runs on into the next one.

use std::ops::Range;

use super::tokens::{Kind, PARAGRAPH, SINGLE, Token};

/// Byte ranges of quotations: from an opening mark to the matching closing mark, or to the end
/// of the paragraph when a quotation runs on into the next one (as news style does). Single
/// marks count only outside double ones, and a lone `’` (an apostrophe) closes nothing else.
pub(crate) fn quotations(tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    // Start of the open quotation and whether it opened with a single mark.
    let mut open: Option<(usize, bool)> = None;
    let mut last_end = 0;
    for t in tokens {
        let single = t.is(SINGLE);
        match t.kind {
            Kind::OpenQuote if open.is_none() => open = Some((t.start, single)),
            Kind::CloseQuote => {
                if let Some((start, opened_single)) = open
                    && opened_single == single
                {
                    out.push(start..t.end);
                    open = None;
                }
            }
            Kind::Break if t.is(PARAGRAPH) => {
                if let Some((start, _)) = open.take() {
                    out.push(start..last_end);
                }
            }
            _ => {}
        }
        if t.kind != Kind::Break {
            last_end = t.end;
        }
    }
    if let Some((start, _)) = open {
        out.push(start..last_end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::tokenize;

    #[test]
    fn quotations_pair_marks_and_run_to_paragraph_end() {
        let text = "He said “one of the Democrats’ ‘plans’” and “two\n\n“three”";
        let tokens = tokenize(text);
        let spans: Vec<&str> = quotations(&tokens).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            spans,
            ["“one of the Democrats’ ‘plans’”", "“two", "“three”"]
        );
    }
}
