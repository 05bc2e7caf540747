//! Snippets: fragments of the body around the matched words, with highlight ranges.
//!
//! Ranges are character offsets (Unicode scalar values) into the fragment text, so that
//! scripts in any language can slice the text they receive.

use std::ops::Range;

use serde::Serialize;
use tantivy::Searcher;
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;

/// Default length of a fragment, in characters.
pub const DEFAULT_CHARS: usize = 200;

/// A piece of text with the ranges to highlight.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Fragment {
    pub text: String,
    /// Character offsets into `text`, sorted, not overlapping.
    pub highlights: Vec<Range<usize>>,
}

/// Makes the snippets of one query; build it once per query, use it for every hit.
pub struct Snippets {
    body: SnippetGenerator,
    title: SnippetGenerator,
}

impl Snippets {
    pub fn new(
        searcher: &Searcher,
        query: &dyn Query,
        body: Field,
        title: Field,
        chars: usize,
    ) -> tantivy::Result<Snippets> {
        let mut body = SnippetGenerator::create(searcher, query, body)?;
        body.set_max_num_chars(chars);
        let mut title = SnippetGenerator::create(searcher, query, title)?;
        title.set_max_num_chars(usize::MAX / 2);
        Ok(Snippets { body, title })
    }

    /// The fragments of a body that show the query's matches; the lead when nothing matched.
    pub fn body(&self, body: &str) -> Vec<Fragment> {
        let snippet = self.body.snippet(body);
        if snippet.is_empty() {
            return vec![lead(body, DEFAULT_CHARS)];
        }
        let text = snippet.fragment();
        vec![Fragment {
            text: text.to_string(),
            highlights: to_char_ranges(text, snippet.highlighted()),
        }]
    }

    /// Highlight ranges of the query's matches in a title.
    pub fn title(&self, title: &str) -> Vec<Range<usize>> {
        let snippet = self.title.snippet(title);
        if snippet.fragment() != title {
            return Vec::new();
        }
        to_char_ranges(title, snippet.highlighted())
    }
}

/// The first characters of a text, cut at a word boundary.
pub fn lead(text: &str, chars: usize) -> Fragment {
    let end = text
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i);
    let cut = if end < text.len() {
        text[..end].rfind(char::is_whitespace).unwrap_or(end)
    } else {
        end
    };
    Fragment {
        text: text[..cut].trim_end().to_string(),
        highlights: Vec::new(),
    }
}

/// Convert byte ranges of `text` into character ranges.
pub fn to_char_ranges(text: &str, ranges: &[Range<usize>]) -> Vec<Range<usize>> {
    let char_at = |byte: usize| text.get(..byte).map_or(0, |s| s.chars().count());
    ranges
        .iter()
        .map(|r| char_at(r.start)..char_at(r.end))
        .collect()
}
