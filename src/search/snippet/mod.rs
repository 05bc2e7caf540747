//! Snippets: the fragments of a body that show a query's matches, with highlight ranges, and
//! the highlights of a title or a quote.
//!
//! [`Snippets`] is built once per query: it reads the query's words, phrases, prefixes and
//! exclusions for each field (`clauses`), weighs them by idf, and prepares a fast word
//! finder (`words`). For each hit it finds where the clauses occur ([`matches`]) and picks
//! the best windows of text around them ([`window`], cut at sentence and word boundaries
//! found by `bounds`).
//!
//! Highlight ranges are character offsets (Unicode scalar values) into the fragment text, so
//! that scripts in any language can slice the text they receive. A fragment's white space is
//! collapsed to single spaces.

pub(crate) mod bounds;
pub(crate) mod clauses;
pub(crate) mod matches;
#[cfg(test)]
pub(crate) mod samples;
pub mod window;
pub(crate) mod words;

use std::ops::Range;

use serde::Serialize;
use tantivy::query_grammar::UserInputAst;
use tantivy::schema::{Field, FieldType};
use tantivy::tokenizer::{SimpleTokenizer, TextAnalyzer};
use tantivy::{Index, Searcher, Term};

use crate::index::schema::{Fields, PROSE_TOKENIZER};
use clauses::{FieldQuery, Target};
use matches::Matches;
pub use window::Shape;
use words::WordFinder;

/// Default length of a fragment, in characters.
pub(crate) const DEFAULT_CHARS: usize = 200;
/// Default number of fragments per hit.
pub(crate) const DEFAULT_FRAGMENTS: usize = 2;

/// Longest fragment asked for that is honoured, in characters.
pub(crate) const MAX_CHARS: usize = 1_000_000;

/// A piece of text with the ranges to highlight.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Fragment {
    pub text: String,
    /// Character offsets into `text`, sorted, not overlapping.
    pub highlights: Vec<Range<usize>>,
}

/// Parse query text with the grammar the search used; `None` for the empty query (all
/// articles) or text the grammar refuses.
pub(crate) fn parse(query: &str) -> Option<UserInputAst> {
    if query.trim().is_empty() {
        return None;
    }
    tantivy::query_grammar::parse_query(query).ok()
}

/// How one field's text is matched against a query.
#[derive(Clone)]
pub(crate) struct Highlighter {
    query: FieldQuery,
    finder: WordFinder,
    weights: Vec<f32>,
}

impl Highlighter {
    /// The highlighter of `field` (named `target.name` in the query syntax). With a
    /// searcher, clauses are weighed by their idf in that field; without, equally.
    pub(crate) fn new(
        index: &Index,
        searcher: Option<&Searcher>,
        field: Field,
        ast: Option<&UserInputAst>,
        target: Target,
    ) -> Highlighter {
        let Ok(analyzer) = index.tokenizer_for_field(field) else {
            let analyzer = TextAnalyzer::from(SimpleTokenizer::default());
            return Highlighter::with_analyzer(None, target, analyzer, false, &mut |_| 1.0);
        };
        let runs = tokenizer_name(index, field).as_deref() == Some(PROSE_TOKENIZER);
        let docs = searcher.map_or(0, Searcher::num_docs) as f32;
        let mut idf = |term: &str| match searcher {
            Some(searcher) => {
                let df = searcher
                    .doc_freq(&Term::from_field_text(field, term))
                    .unwrap_or(0) as f32;
                (1.0 + (docs - df + 0.5) / (df + 0.5)).ln().max(0.01)
            }
            None => 1.0,
        };
        Highlighter::with_analyzer(ast, target, analyzer, runs, &mut idf)
    }

    /// The highlighter of a field analysed by `analyzer`; `words_are_alphanumeric_runs` as for
    /// [`WordFinder::new`]; `idf` weighs an analysed term. With a single clause there is
    /// nothing to weigh against, so `idf` is not asked.
    pub(crate) fn with_analyzer(
        ast: Option<&UserInputAst>,
        target: Target,
        mut analyzer: TextAnalyzer,
        words_are_alphanumeric_runs: bool,
        idf: &mut dyn FnMut(&str) -> f32,
    ) -> Highlighter {
        let mut query = match ast {
            Some(ast) => FieldQuery::new(ast, target, &mut analyzer),
            None => FieldQuery::empty(),
        };
        if query.clauses.len() > 1 {
            query.weigh(idf);
        }
        let finder = WordFinder::new(&query, analyzer, words_are_alphanumeric_runs);
        let weights = query.clauses.iter().map(|c| c.weight).collect();
        Highlighter {
            query,
            finder,
            weights,
        }
    }

    /// The part of the query this highlighter matches.
    pub(crate) fn field_query(&self) -> &FieldQuery {
        &self.query
    }

    /// Whether the query has anything to highlight in this field.
    pub(crate) fn is_empty(&self) -> bool {
        self.query.is_empty()
    }

    /// Where the query's clauses occur in `text`.
    pub(crate) fn matches(&self, text: &str) -> Matches {
        if self.query.is_empty() {
            return Matches::default();
        }
        matches::find(&self.query, &self.finder, text)
    }

    /// Clause weights, indexed like the units' clauses.
    pub(crate) fn weights(&self) -> &[f32] {
        &self.weights
    }

    /// Whether a text with these matches satisfies the query on its own (every required
    /// word, no excluded one) and holds at least one of its clauses.
    pub(crate) fn satisfied_by(&self, matches: &Matches) -> bool {
        if matches.is_empty() {
            return false;
        }
        let counts = matches.counts(self.query.clauses.len());
        self.query.tree.holds(&|i, excluded| {
            if excluded {
                matches.excluded.contains(&i)
            } else {
                counts.get(i).is_some_and(|&n| n > 0)
            }
        })
    }

    /// Character ranges of the highlighted words of a whole text (a title, a quote).
    pub(crate) fn char_ranges(&self, text: &str) -> Vec<Range<usize>> {
        to_char_ranges(text, &self.matches(text).words)
    }
}

/// Makes the snippets of one query; build it once per query, use it for every hit.
pub struct Snippets {
    body: Highlighter,
    title: Highlighter,
    shape: Shape,
}

impl Snippets {
    pub fn new(
        index: &Index,
        fields: &Fields,
        searcher: &Searcher,
        query: &str,
        shape: Shape,
    ) -> Snippets {
        let ast = parse(query);
        let body = Highlighter::new(
            index,
            Some(searcher),
            fields.body,
            ast.as_ref(),
            Target {
                name: "body",
                default: true,
            },
        );
        // Title weights are never used: skip their idf look-ups.
        let title = Highlighter::new(
            index,
            None,
            fields.title,
            ast.as_ref(),
            Target {
                name: "title",
                default: true,
            },
        );
        // Window arithmetic adds and multiplies lengths: `--snippet-chars 18446744073709551615`
        // must not overflow it, and no fragment needs to be longer than a long article.
        let shape = Shape {
            chars: shape.chars.min(MAX_CHARS),
            ..shape
        };
        Snippets { body, title, shape }
    }

    /// The fragments of a body that show the query's matches, best first; the lead when
    /// nothing matched. Matches inside `preferred` byte ranges (a speaker's quotes) count
    /// double, and without matches those ranges are shown instead of the lead.
    pub fn body(&self, body: &str, preferred: &[Range<usize>]) -> Vec<Fragment> {
        if self.shape.fragments == 0 {
            return Vec::new();
        }
        let matches = self.body.matches(body);
        window::choose(body, &matches, self.body.weights(), preferred, self.shape)
            .into_iter()
            .map(|w| fragment(body, w.bytes, &matches.words))
            .collect()
    }

    /// Highlight ranges of the query's matches in a title.
    pub fn title(&self, title: &str) -> Vec<Range<usize>> {
        self.title.char_ranges(title)
    }
}

fn tokenizer_name(index: &Index, field: Field) -> Option<String> {
    match index.schema().get_field_entry(field).field_type() {
        FieldType::Str(options) => options
            .get_indexing_options()
            .map(|indexing| indexing.tokenizer().to_string()),
        _ => None,
    }
}

/// The text of `bytes` with its white space collapsed, and the character ranges of the
/// `words` (sorted byte ranges of words, which hold no white space) that lie inside it.
pub(crate) fn fragment(text: &str, bytes: Range<usize>, words: &[Range<usize>]) -> Fragment {
    let Some(slice) = text.get(bytes.clone()) else {
        return Fragment::default();
    };
    let first = words.partition_point(|w| w.start < bytes.start);
    let mut words = words[first..]
        .iter()
        .take_while(|w| w.end <= bytes.end)
        .peekable();
    // In plain ASCII (no vertical tabs or form feeds) a single space between words needs no
    // collapsing, so whole runs of words are copied at once.
    let plain = slice.is_ascii() && memchr::memchr2(0x0b, 0x0c, slice.as_bytes()).is_none();
    let mut out = String::with_capacity(slice.len());
    let mut highlights = Vec::new();
    let mut at = word_at(text, bytes.start, bytes.end);
    while at < bytes.end {
        let end = if plain {
            odd_space_at(text, at, bytes.end)
        } else {
            space_at(text, at, bytes.end)
        };
        if end > at {
            if !out.is_empty() {
                out.push(' ');
            }
            let shift = out.len();
            while let Some(word) = words.next_if(|w| w.end <= end) {
                if word.start >= at {
                    highlights.push(shift + word.start - at..shift + word.end - at);
                }
            }
            out.push_str(&text[at..end]);
        }
        at = word_at(text, end, bytes.end);
    }
    let highlights = if out.is_ascii() {
        highlights
    } else {
        to_char_ranges(&out, &highlights)
    };
    Fragment {
        text: out,
        highlights,
    }
}

/// In ASCII text, the first white space at or after byte `at` (or `end`) that is not a
/// single space between two words.
fn odd_space_at(text: &str, at: usize, end: usize) -> usize {
    let hay = &text.as_bytes()[at..end];
    let odd = memchr::memchr3(b'\n', b'\t', b'\r', hay);
    let double = memchr::memmem::find(hay, b"  ");
    let mut cut = match (odd, double) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b).unwrap_or(hay.len()),
    };
    // Spaces just before the cut (or the end) belong to the run being cut.
    while cut > 0 && hay[cut - 1] == b' ' {
        cut -= 1;
    }
    at + cut
}

/// The first white space at or after byte `at` (or `end`).
fn space_at(text: &str, at: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = at;
    while i < end {
        let b = bytes[i];
        if b.is_ascii() {
            if b.is_ascii_whitespace() || b == 0x0b {
                return i;
            }
            i += 1;
        } else {
            match text[i..].chars().next() {
                Some(c) if c.is_whitespace() => return i,
                Some(c) => i += c.len_utf8(),
                None => return end,
            }
        }
    }
    end
}

/// The first byte that is not white space at or after byte `at` (or `end`).
fn word_at(text: &str, at: usize, end: usize) -> usize {
    text.get(at..end)
        .map_or(end, |rest| end - rest.trim_start().len())
}

/// Convert sorted byte ranges of `text` into character ranges.
pub fn to_char_ranges(text: &str, ranges: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(ranges.len());
    let mut chars = 0;
    let mut byte = 0;
    let mut count_to = |target: usize| {
        let target = target.min(text.len());
        if target > byte {
            chars += text.get(byte..target).map_or(0, |s| s.chars().count());
            byte = target;
        }
        chars
    };
    for range in ranges {
        let start = count_to(range.start);
        let end = count_to(range.end);
        out.push(start..end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema;
    use proptest::prelude::*;
    use samples::{PELOSI, SEED_000, SEED_004};

    fn snippets(query: &str, fragments: usize, chars: usize) -> Snippets {
        let index = Index::create_in_ram(schema::schema());
        schema::register_tokenizers(&index);
        let fields = Fields::new(&index.schema()).expect("the schema's fields");
        let reader = index.reader().expect("a reader");
        let shape = Shape { fragments, chars };
        Snippets::new(&index, &fields, &reader.searcher(), query, shape)
    }

    fn lit(fragment: &Fragment) -> Vec<String> {
        fragment
            .highlights
            .iter()
            .map(|r| fragment.text.chars().skip(r.start).take(r.len()).collect())
            .collect()
    }

    /// The body with its white space collapsed, as fragments show it.
    fn collapsed(body: &str) -> String {
        body.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Assert that the fragment is a run of whole words of the body.
    fn assert_whole_words(body: &str, fragment: &Fragment) {
        let body = collapsed(body);
        let at = body
            .find(&fragment.text)
            .unwrap_or_else(|| panic!("{:?} is not in the body", fragment.text));
        let before = body[..at].chars().next_back();
        let after = body[at + fragment.text.len()..].chars().next();
        assert!(
            !before.is_some_and(char::is_alphanumeric),
            "{:?}",
            fragment.text
        );
        assert!(
            !after.is_some_and(char::is_alphanumeric),
            "{:?}",
            fragment.text
        );
    }

    /// Whether `part` occurs in `text` without splitting a character from its combining
    /// marks or joiners at either end.
    fn cut_cleanly(text: &str, part: &str) -> bool {
        text.match_indices(part).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + part.len()..].chars().next();
            let starts_joined =
                part.starts_with(bounds::is_joining) && before.is_some_and(|c| c != ' ');
            !starts_joined && !after.is_some_and(bounds::is_joining)
        })
    }

    #[test]
    fn fragments_start_at_a_sentence_and_show_the_phrase() {
        let body = samples::body(SEED_000);
        let fragments = snippets("\"direct flights\"", 2, 200).body(&body, &[]);
        assert!(!fragments.is_empty());
        for fragment in &fragments {
            assert_whole_words(&body, fragment);
            assert!(
                fragment.text.starts_with(char::is_uppercase),
                "{:?}",
                fragment.text
            );
            assert_eq!(lit(fragment).len() % 2, 0, "{:?}", lit(fragment));
            assert!(
                lit(fragment)
                    .iter()
                    .all(|w| w == "direct" || w == "flights")
            );
        }
        let shown: usize = fragments.iter().map(|f| lit(f).len()).sum();
        assert_eq!(shown, 4, "both occurrences of the phrase, nothing else");
    }

    #[test]
    fn at_most_the_asked_fragments_of_about_the_asked_length() {
        let body = samples::wikinews_body(PELOSI);
        for (fragments, chars) in [(1, 80), (2, 150), (3, 120)] {
            let shown = snippets("Pelosi Congress", fragments, chars).body(&body, &[]);
            assert!(!shown.is_empty() && shown.len() <= fragments, "{shown:?}");
            for fragment in &shown {
                let length = fragment.text.chars().count();
                // Merged neighbours may reach twice the length.
                assert!(length <= 2 * chars, "{length} > 2 × {chars}");
                assert!(length >= chars / 4, "{:?}", fragment.text);
                assert_whole_words(&body, fragment);
            }
        }
    }

    #[test]
    fn the_best_fragment_comes_first() {
        let body = samples::wikinews_body(PELOSI);
        let shown = snippets("Pelosi Trump", 2, 160).body(&body, &[]);
        assert_eq!(shown.len(), 2, "{shown:?}");
        let distinct = |f: &Fragment| {
            let mut words: Vec<String> = lit(f).iter().map(|w| w.to_lowercase()).collect();
            words.sort();
            words.dedup();
            words.len()
        };
        assert_eq!(distinct(&shown[0]), 2, "{:?}", shown[0]);
        assert!(distinct(&shown[0]) >= distinct(&shown[1]));
    }

    #[test]
    fn touching_windows_merge_into_one_fragment() {
        let body = "Talks on direct flights resumed on Monday. Direct flights may start in May. \
                    Nothing else was agreed, officials from both sides said after the meeting.";
        let shown = snippets("flights", 2, 40).body(body, &[]);
        assert_eq!(shown.len(), 1, "{shown:?}");
        assert_eq!(lit(&shown[0]), ["flights", "flights"]);
        assert!(shown[0].text.starts_with("Talks on direct"));
    }

    #[test]
    fn without_a_body_match_the_lead_is_shown() {
        let body = samples::wikinews_body(PELOSI);
        let shown = snippets("zzyzx", 2, 200).body(&body, &[]);
        assert_eq!(shown.len(), 1);
        assert!(shown[0].highlights.is_empty());
        assert!(body.starts_with(&shown[0].text), "{:?}", shown[0].text);
        assert!(shown[0].text.ends_with("Congress."), "{:?}", shown[0].text);
    }

    #[test]
    fn a_speakers_quotes_are_preferred() {
        let body = samples::body(SEED_004);
        let start = body
            .find("“The third round")
            .expect("the quote is in the body");
        let end = start + body[start..].find("very soon,”").expect("its end") + "very soon,”".len();
        let quote = &body[start..end];
        let s = snippets("talks", 1, 200);
        let plain = s.body(&body, &[]);
        let quotes = [Range { start, end }];
        let preferred = s.body(&body, &quotes);
        assert!(!quote.contains(&plain[0].text), "{:?}", plain[0].text);
        assert!(
            preferred[0].text.starts_with("“The third round"),
            "{:?}",
            preferred[0]
        );
        // Without query words, the quote replaces the lead.
        let shown = snippets("", 1, 200).body(&body, &quotes);
        assert!(
            shown[0].text.starts_with("“The third round"),
            "{:?}",
            shown[0]
        );
    }

    #[test]
    fn titles_are_highlighted_like_bodies() {
        let title = "Nancy Pelosi again elected Speaker as 116th U.S. Congress sworn in";
        let s = snippets("\"elected speaker\" congress -trump", 2, 200);
        let fragment = Fragment {
            text: title.to_string(),
            highlights: s.title(title),
        };
        assert_eq!(lit(&fragment), ["elected", "Speaker", "Congress"]);
        let s = snippets("\"speaker elected\" congress", 2, 200);
        let fragment = Fragment {
            text: title.to_string(),
            highlights: s.title(title),
        };
        assert_eq!(lit(&fragment), ["Congress"]);
    }

    #[test]
    fn offsets_count_characters_in_any_script() {
        let body =
            "Юрий Ушаков 🙂 сказал: 東京への direct flights ✈ resumed. Cafe\u{301} flights too.";
        let shown = snippets("flights ушаков", 2, 200).body(body, &[]);
        let words: Vec<String> = shown.iter().flat_map(lit).collect();
        assert_eq!(words, ["Ушаков", "flights", "flights"]);
    }

    #[test]
    fn fragments_collapse_white_space_and_keep_offsets() {
        let text = "Line one\n\nline  two  flights\tend";
        let at = text.find("flights").expect("present");
        let words = [Range {
            start: at,
            end: at + 7,
        }];
        let fragment = fragment(text, 0..text.len(), &words);
        assert_eq!(fragment.text, "Line one line two flights end");
        assert_eq!(lit(&fragment), ["flights"]);
    }

    proptest! {
        #[test]
        fn snippets_never_panic_nor_split_characters(
            body in "([a-zA-Z]{1,8}|[ .!?,\n“”]|Ушаков|東京。|🙂|e\u{301}|\u{200D}|flights|Flight){0,80}",
            query in prop::collection::vec(
                prop::sample::select(vec![
                    "flights", "\"direct flights\"", "-ушаков", "ушаков", "東京", "e", "🙂",
                    "\"a b\"~2", "\"fli gh\"*",
                ]),
                0..3,
            ),
            fragments in 0usize..4,
            chars in 1usize..120,
        ) {
            let s = snippets(&query.join(" "), fragments, chars);
            let shown = s.body(&body, &[]);
            prop_assert!(shown.len() <= fragments.max(1));
            for f in &shown {
                let length = f.text.chars().count();
                let mut previous_end = 0;
                for r in &f.highlights {
                    prop_assert!(previous_end <= r.start && r.start < r.end && r.end <= length);
                    previous_end = r.end;
                }
                prop_assert!(cut_cleanly(&collapsed(&body), &f.text), "{:?}", f.text);
            }
            let title = s.title(&body);
            prop_assert!(title.iter().all(|r| r.end <= body.chars().count()));
        }
    }
}
