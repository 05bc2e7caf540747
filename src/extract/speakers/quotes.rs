//! The words of each attributed statement: the sentence that carries the attribution, widened
//! to whole quotations it touches and to the quoted sentences that continue it in the same
//! paragraph (`“I hope the process will continue,” Ushakov said. “We’ll see.”`).

use std::ops::Range;

use crate::extract::text::{Kind, PARAGRAPH};

use super::attribution::Attribution;
use super::doc::Doc;

/// A speaker's statement as a byte range of the document text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Span {
    pub speaker: usize,
    pub bytes: Range<usize>,
}

/// Byte ranges of the statements, merged per speaker where they overlap, in text order.
pub(super) fn spans(doc: &Doc, attributions: &[Attribution]) -> Vec<Span> {
    let quotations = &doc.quotations;
    let attributed: Vec<bool> = {
        let mut v = vec![false; doc.sentences.len()];
        for a in attributions {
            v[a.sentence] = true;
        }
        v
    };
    let mut out: Vec<Span> = Vec::new();
    for a in attributions {
        let mut first = a.sentence;
        let mut last = a.sentence;
        // Widen to the quotations that overlap, then to whole sentences.
        loop {
            let bytes = doc.sentences[first].bytes.start..doc.sentences[last].bytes.end;
            let mut changed = false;
            for q in quotations {
                if q.start < bytes.end && bytes.start < q.end {
                    while first > 0 && q.start < doc.sentences[first].bytes.start {
                        first -= 1;
                        changed = true;
                    }
                    while last + 1 < doc.sentences.len() && q.end > doc.sentences[last].bytes.end {
                        last += 1;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        // Quoted sentences that follow in the same paragraph, with no one else speaking.
        let quoted = quotations.iter().any(|q| {
            q.start < doc.sentences[last].bytes.end && doc.sentences[first].bytes.start < q.end
        });
        while quoted
            && last + 1 < doc.sentences.len()
            && !attributed[last + 1]
            && same_paragraph(doc, last, last + 1)
            && opens_with_quote(doc, last + 1)
        {
            last += 1;
        }
        let bytes = doc.sentences[first].bytes.start..doc.sentences[last].bytes.end;
        if let Some(prev) = out.iter_mut().find(|s| {
            s.speaker == a.speaker && s.bytes.start <= bytes.end && bytes.start <= s.bytes.end
        }) {
            prev.bytes = prev.bytes.start.min(bytes.start)..prev.bytes.end.max(bytes.end);
        } else {
            out.push(Span {
                speaker: a.speaker,
                bytes,
            });
        }
    }
    out.sort_by_key(|s| (s.bytes.start, s.speaker));
    out
}

fn same_paragraph(doc: &Doc, a: usize, b: usize) -> bool {
    let gap = doc.sentences[a].tokens.end..doc.sentences[b].tokens.start;
    !doc.tokens[gap]
        .iter()
        .any(|t| t.kind == Kind::Break && t.is(PARAGRAPH))
}

fn opens_with_quote(doc: &Doc, s: usize) -> bool {
    doc.tokens
        .get(doc.sentences[s].tokens.start)
        .is_some_and(|t| t.kind == Kind::OpenQuote)
}
