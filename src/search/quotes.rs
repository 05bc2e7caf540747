//! Quotes: who said what about something. Finds the statements the extractor attributed to
//! speakers that match a query, best first.
//!
//! Retrieval runs in two steps so that it stays fast on a large index. First the articles:
//! the query's words are looked for in the body (a quote is part of it), with the filters,
//! and an article is kept only if its quote terms hold them (`super::quote_filter`); the
//! kept articles are ranked by BM25 on the body. Then only the best of those articles' stored
//! quotes are read and scored one by one: a quote must satisfy the query on its own (every
//! required word, no excluded one), and it scores like BM25 with the quote as the document,
//! so that a short quote saying the query's rarer words beats a long one that mentions them
//! in passing. Without query words (only `--speaker`), the newest articles come first and
//! their quotes in order.

use std::ops::Range;
use std::time::Instant;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{Query, QueryParser};
use tantivy::{DocAddress, Order, Searcher, TantivyDocument};

use super::facets::Facets;
use super::quote_filter::{QuoteFilter, QuoteTerms};
use super::snippet::clauses::Target;
use super::snippet::{self, Highlighter, matches::Matches};
use super::speaker::SpeakerFilter;
use super::{Engine, Filters, Timings, query};
use crate::article::Quote;
use crate::error::{QueryProblem, Result};
use crate::index::{engine, schema};

/// BM25's term-frequency saturation.
const K1: f32 = 1.2;
/// BM25's length normalisation.
const B: f32 = 0.75;
/// Articles read per quote asked for: a matching article may hold no quote that matches on
/// its own, or quotes by other speakers.
const ARTICLES_PER_QUOTE: usize = 3;
/// Fewest articles read.
const MIN_ARTICLES: usize = 30;

/// One quote search.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteRequest {
    /// Query text in the query syntax; empty means any quote (then `--speaker` is needed).
    pub query: String,
    pub filters: Filters,
    pub limit: usize,
    pub offset: usize,
    /// Count the facets of the articles that may hold matching quotes (those counted in
    /// [`QuoteResults::articles`]).
    pub facets: Option<super::facets::FacetOptions>,
}

impl QuoteRequest {
    pub fn new(query: impl Into<String>) -> QuoteRequest {
        QuoteRequest {
            query: query.into(),
            filters: Filters::default(),
            limit: 10,
            offset: 0,
            facets: None,
        }
    }
}

/// A matching quote and the article it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteHit {
    /// 1-based rank, counting the offset.
    pub rank: usize,
    pub score: f32,
    /// Display name of the speaker's entity (the name the article gives, when no entity
    /// holds it).
    pub speaker: String,
    pub text: String,
    /// Character ranges of the query's matches in `text`.
    pub highlights: Vec<Range<usize>>,
    pub published: Option<NaiveDate>,
    pub title: String,
    pub path: String,
    pub id: String,
    pub url: Option<String>,
    /// Every article read that holds the same words said by the same speaker (copies and
    /// versions of a story, or a quote taken up again), this one first; earliest and latest by
    /// their `published` day.
    pub occurrences: Vec<Occurrence>,
}

/// An article that holds a quote.
#[derive(Debug, Clone, PartialEq)]
pub struct Occurrence {
    pub id: String,
    pub path: String,
    pub title: String,
    pub published: Option<NaiveDate>,
}

impl QuoteHit {
    /// The first and last days the quote appears on, among its dated occurrences.
    pub fn span(&self) -> Option<(NaiveDate, NaiveDate)> {
        let days = self.occurrences.iter().filter_map(|o| o.published);
        Some((days.clone().min()?, days.max()?))
    }
}

/// The answer to a [`QuoteRequest`].
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteResults {
    /// Articles that may hold matching quotes: with the filters, the query's words are among
    /// the words of their quotes (maybe not all in one quote, nor said by the speaker asked for).
    pub articles: usize,
    /// The best of those articles, whose quotes were read one by one (all of them when
    /// `read == articles`).
    pub read: usize,
    /// Matching quotes found in the articles read (at least the ones returned; all matching
    /// quotes when every article was read), a quote said in several articles counted once.
    pub found: usize,
    /// Articles read that hold at least one of the quotes found.
    pub found_articles: usize,
    pub quotes: Vec<QuoteHit>,
    pub timings: Timings,
    /// Why no quote was found: empty unless filled from [`Engine::why_quotes`].
    pub why: super::why::Diagnosis,
    /// Who, where and when for the `articles` that may hold matching quotes, when asked for.
    pub facets: Option<super::facets::Facets>,
}

impl QuoteResults {
    /// Whether every article that may hold a matching quote was read, so that `found` is the
    /// number of matching quotes rather than a lower bound.
    pub fn exhaustive(&self) -> bool {
        self.read >= self.articles
    }
}

/// The query parser of quote searches: words search the body (which holds the quotes), ANDed.
pub(crate) fn parser(index: &tantivy::Index, fields: &schema::Fields) -> QueryParser {
    let mut parser = QueryParser::for_index(index, vec![fields.body]);
    parser.set_conjunction_by_default();
    // For `word*` prefixes, as in searches (see `prefix::with_prefixes`).
    parser.allow_regexes();
    parser
}

/// Whether `speaker` is the one a `--speaker` filter names: the filter's words, in order,
/// are words of the name (`ushakov` and `Yuri Ushakov` name "Yuri Ushakov"), in any case and
/// with or without accents, as the speaker field matches them.
pub(crate) fn said_by(filter: &str, speaker: &str) -> bool {
    let wanted = schema::name_words(filter);
    let name = schema::name_words(speaker);
    schema::holds_words(&name, &wanted)
}

/// A quote that matches, with its score and highlight ranges (characters).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Scored {
    /// Index of the quote in the list given.
    pub index: usize,
    pub score: f32,
    pub highlights: Vec<Range<usize>>,
}

/// Score the quotes that match on their own, in the order given. Without query words every
/// quote matches with score 0. `average_words` is the length BM25 normalises to.
pub(crate) fn score_quotes(
    highlighter: &Highlighter,
    quotes: &[&Quote],
    average_words: f32,
) -> Vec<Scored> {
    quotes
        .iter()
        .enumerate()
        .filter_map(|(index, quote)| {
            if highlighter.is_empty() {
                return Some(Scored {
                    index,
                    score: 0.0,
                    highlights: Vec::new(),
                });
            }
            let matches = highlighter.matches(&quote.text);
            if !highlighter.satisfied_by(&matches) {
                return None;
            }
            Some(Scored {
                index,
                score: bm25(
                    highlighter,
                    &matches,
                    word_count(&quote.text),
                    average_words,
                ),
                highlights: snippet::to_char_ranges(&quote.text, &matches.words),
            })
        })
        .collect()
}

fn bm25(highlighter: &Highlighter, matches: &Matches, words: usize, average: f32) -> f32 {
    let weights = highlighter.weights();
    let norm = 1.0 - B + B * words as f32 / average.max(1.0);
    matches
        .counts(weights.len())
        .iter()
        .zip(weights)
        .filter(|(count, _)| **count > 0)
        .map(|(&count, &idf)| {
            let tf = count as f32;
            idf * tf * (K1 + 1.0) / (tf + K1 * norm)
        })
        .sum()
}

fn word_count(text: &str) -> usize {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
}

/// An article read for its quotes.
struct Candidate {
    /// Rank among the articles read (its index in their list).
    rank: usize,
    doc: TantivyDocument,
    quotes: Vec<Quote>,
}

/// A quote query ready to run: the query that finds the articles, and what reads their quotes.
struct Prepared {
    /// Whether the query has words; without them (only `--speaker`) the newest articles come
    /// first, and their quotes in order.
    has_words: bool,
    /// The query's words in the body, with the filters.
    full: Box<dyn Query>,
    /// Keeps only the quotes of the speaker asked for.
    speaker: Option<SpeakerFilter>,
    /// Scores each quote on its own.
    highlighter: Highlighter,
    /// The words an article's quote terms must hold.
    terms: QuoteTerms,
}

/// The articles a quote search reads, best (or newest) first, and what the search counted.
struct Retrieved {
    top: Vec<DocAddress>,
    /// Articles that may hold matching quotes.
    total: usize,
    facets: Option<Facets>,
}

impl Engine {
    /// Find the quotes that match a query, best first.
    pub fn quotes(&self, request: &QuoteRequest) -> Result<QuoteResults> {
        let mut timings = Timings::default();
        let searcher = self.reader.searcher();

        let started = Instant::now();
        let Prepared {
            has_words,
            full,
            speaker,
            highlighter,
            terms,
        } = self.prepare_quotes(request, &searcher)?;
        timings.parse = started.elapsed();

        let started = Instant::now();
        let retrieved = self.quote_articles(request, &searcher, &*full, terms, has_words)?;
        timings.search = started.elapsed();

        let started = Instant::now();
        let candidates = self.read_candidates(&searcher, &retrieved.top, speaker.as_ref())?;
        timings.fetch = started.elapsed();

        let started = Instant::now();
        let found = rank_quotes(&highlighter, &candidates);
        let mut holding: Vec<usize> = found.iter().map(|f| f.1).collect();
        holding.sort_unstable();
        holding.dedup();
        let merged = self.merge_occurrences(found, &candidates);
        let count = merged.len();
        let quotes = self.page_of_quotes(request, merged, &candidates);
        timings.snippets = started.elapsed();

        Ok(QuoteResults {
            articles: retrieved.total,
            read: candidates.len(),
            found: count,
            found_articles: holding.len(),
            quotes,
            timings,
            why: super::why::Diagnosis::default(),
            facets: retrieved.facets,
        })
    }

    /// The request's query parsed (without its exclusions, which the quotes themselves must
    /// honour), with the filters, and the highlighter that scores quotes by it.
    fn prepare_quotes(&self, request: &QuoteRequest, searcher: &Searcher) -> Result<Prepared> {
        let typed = query::typed(&request.query)?;
        let ast = snippet::parse(&typed);
        if ast.is_none() && request.filters.speaker.is_none() {
            return Err(query::refused(&request.query, QueryProblem::NoWords));
        }
        let text = query::parse_text_without_exclusions(&self.quote_parser, &typed)
            .map_err(|e| query::as_typed(e, &request.query))?;
        let (full, speaker) = self.filtered(text, &request.filters)?;
        let highlighter = Highlighter::new(
            &self.news.index,
            Some(searcher),
            self.news.fields.body,
            ast.as_ref(),
            Target {
                name: "quote",
                default: true,
            },
        );
        let terms = QuoteTerms::new(highlighter.field_query());
        Ok(Prepared {
            has_words: ast.is_some(),
            full,
            speaker,
            highlighter,
            terms,
        })
    }

    /// The articles whose quotes are read: a few per quote asked for, those whose quote terms
    /// hold the query's words, ranked by BM25 on the body (or newest first, without words);
    /// with the facets of all of them, when asked for.
    fn quote_articles(
        &self,
        request: &QuoteRequest,
        searcher: &Searcher,
        full: &dyn Query,
        terms: QuoteTerms,
        has_words: bool,
    ) -> Result<Retrieved> {
        let path = &self.news.path;
        let wanted = request
            .offset
            .saturating_add(request.limit)
            .saturating_mul(ARTICLES_PER_QUOTE);
        // tantivy reserves room for as many articles as it is asked for, in every segment: a
        // huge --limit or --offset must not become a huge allocation, so no more than the index
        // holds.
        let docs = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
        let articles = wanted.max(MIN_ARTICLES).min(docs).max(1);
        let facet_collector = match request.facets {
            Some(options) => Some(self.facet_collector(options.stories)?),
            None => None,
        };
        let (top, total, facet_fruit): (Vec<DocAddress>, usize, _) = if has_words {
            let best = TopDocs::with_limit(articles).order_by_score();
            let collector = QuoteFilter::new(terms, (best, Count, facet_collector));
            let (top, total, fruit) = searcher
                .search(full, &collector)
                .map_err(|e| query::search_error(path, &request.query, e))?;
            (top.into_iter().map(|(_, a)| a).collect(), total, fruit)
        } else {
            let newest = TopDocs::with_limit(articles)
                .order_by_fast_field::<tantivy::DateTime>("published", Order::Desc);
            let collector = QuoteFilter::new(terms, (newest, Count, facet_collector));
            let (top, total, fruit) = searcher
                .search(full, &collector)
                .map_err(|e| query::search_error(path, &request.query, e))?;
            (top.into_iter().map(|(_, a)| a).collect(), total, fruit)
        };
        let facets = match (facet_fruit, &request.facets) {
            (Some(fruit), Some(options)) => Some(self.facets_of(fruit, options)?),
            _ => None,
        };
        Ok(Retrieved { top, total, facets })
    }

    /// The articles at `top`, in that order, each with its stored quotes (only the speaker's,
    /// with `--speaker`).
    fn read_candidates(
        &self,
        searcher: &Searcher,
        top: &[DocAddress],
        speaker: Option<&SpeakerFilter>,
    ) -> Result<Vec<Candidate>> {
        let (fields, path) = (&self.news.fields, &self.news.path);
        let mut candidates = Vec::with_capacity(top.len());
        for (rank, &address) in top.iter().enumerate() {
            let doc: TantivyDocument = searcher.doc(address).map_err(|e| engine(path, e))?;
            let quotes = schema::stored_entities(fields, &doc)
                .quotes
                .into_iter()
                .filter(|q| speaker.is_none_or(|s| s.said(&q.speaker)))
                .collect();
            candidates.push(Candidate { rank, doc, quotes });
        }
        Ok(candidates)
    }

    /// The page of merged quotes the request asks for (after its offset), as hits.
    fn page_of_quotes(
        &self,
        request: &QuoteRequest,
        merged: Vec<(Found, Vec<usize>)>,
        candidates: &[Candidate],
    ) -> Vec<QuoteHit> {
        merged
            .into_iter()
            .skip(request.offset)
            .take(request.limit)
            .enumerate()
            .filter_map(|(i, (best, others))| {
                let (score, rank, index, scored) = best;
                let candidate = candidates.get(rank)?;
                let quote = candidate.quotes.get(index)?;
                let mut hit = self.quote_hit(
                    request.offset.saturating_add(i + 1),
                    score,
                    quote,
                    scored,
                    &candidate.doc,
                );
                hit.occurrences.extend(
                    others
                        .iter()
                        .filter_map(|&rank| Some(self.occurrence(&candidates.get(rank)?.doc))),
                );
                Some(hit)
            })
            .collect()
    }

    fn quote_hit(
        &self,
        rank: usize,
        score: f32,
        quote: &Quote,
        scored: Scored,
        doc: &TantivyDocument,
    ) -> QuoteHit {
        let f = &self.news.fields;
        QuoteHit {
            rank,
            score,
            speaker: self.display_name(&quote.speaker),
            text: quote.text.clone(),
            highlights: scored.highlights,
            published: schema::stored_published(f, doc),
            title: schema::stored_text(doc, f.title),
            path: schema::stored_text(doc, f.path),
            id: schema::article_id(f, doc),
            url: schema::stored_optional_text(doc, f.url),
            occurrences: vec![self.occurrence(doc)],
        }
    }

    fn occurrence(&self, doc: &TantivyDocument) -> Occurrence {
        let f = &self.news.fields;
        Occurrence {
            id: schema::article_id(f, doc),
            path: schema::stored_text(doc, f.path),
            title: schema::stored_text(doc, f.title),
            published: schema::stored_published(f, doc),
        }
    }

    /// The quotes found, best first, with the same words said by the same speaker (entity)
    /// in several articles merged into the best of them: each with the ranks of the other
    /// articles that hold it, best first.
    fn merge_occurrences(
        &self,
        found: Vec<Found>,
        candidates: &[Candidate],
    ) -> Vec<(Found, Vec<usize>)> {
        let mut merged: Vec<(Found, Vec<usize>)> = Vec::with_capacity(found.len());
        let mut by_key: FxHashMap<(String, String), usize> = FxHashMap::default();
        for f in found {
            let Some(quote) = candidates.get(f.1).and_then(|c| c.quotes.get(f.2)) else {
                continue;
            };
            let key = (self.display_name(&quote.speaker), said_words(&quote.text));
            match by_key.get(&key) {
                Some(&at) => {
                    let (best, others) = &mut merged[at];
                    if best.1 != f.1 && !others.contains(&f.1) {
                        others.push(f.1);
                    }
                }
                None => {
                    by_key.insert(key, merged.len());
                    merged.push((f, Vec::new()));
                }
            }
        }
        merged
    }
}

/// Every quote of the candidates that satisfies the query on its own, scored against the
/// average quote length among them; best score first, then the better (or newer) article,
/// then order in the article.
fn rank_quotes(highlighter: &Highlighter, candidates: &[Candidate]) -> Vec<Found> {
    let all: Vec<&Quote> = candidates.iter().flat_map(|c| &c.quotes).collect();
    let average = if all.is_empty() {
        1.0
    } else {
        all.iter().map(|q| word_count(&q.text)).sum::<usize>() as f32 / all.len() as f32
    };
    let mut found: Vec<Found> = Vec::new();
    for candidate in candidates {
        let quotes: Vec<&Quote> = candidate.quotes.iter().collect();
        for scored in score_quotes(highlighter, &quotes, average) {
            found.push((scored.score, candidate.rank, scored.index, scored));
        }
    }
    found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    found
}

/// A found quote: its score, its article's rank among those read, its index in the article's
/// quotes, and its highlights.
type Found = (f32, usize, usize, Scored);

/// The words of a quote, lowercased, as one string: two quotes with the same words are the
/// same statement, whatever their punctuation, quotation marks or line breaks.
fn said_words(text: &str) -> String {
    let mut words = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !words.is_empty() {
            words.push(' ');
        }
        words.extend(word.chars().flat_map(char::to_lowercase));
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::snippet::samples;

    fn highlighter(query: &str) -> Highlighter {
        let analyzer = samples::en_stem();
        let ast = snippet::parse(query);
        let target = Target {
            name: "quote",
            default: true,
        };
        // Rarer words weigh more, as idf makes them in an index.
        let mut idf = |term: &str| if term == "flight" { 3.0 } else { 1.0 };
        Highlighter::with_analyzer(ast.as_ref(), target, analyzer, true, &mut idf)
    }

    /// A quote of a seed article, by its opening words.
    fn quote(raw: &str, speaker: &str, opening: &str, closing: &str) -> Quote {
        let body = samples::body(raw);
        let start = body.find(opening).expect("the opening is in the body");
        let end = start + body[start..].find(closing).expect("the closing follows") + closing.len();
        Quote {
            speaker: speaker.to_string(),
            text: body[start..end].to_string(),
            start,
            end,
        }
    }

    fn ryabkov_third_round() -> Quote {
        quote(
            samples::SEED_004,
            "Sergei Ryabkov",
            "“The third round of bilateral",
            "very soon,”",
        )
    }

    fn ryabkov_directives() -> Quote {
        quote(
            samples::SEED_004,
            "Sergei Ryabkov",
            "“We receive instructions",
            "directives.”",
        )
    }

    fn ushakov_process() -> Quote {
        quote(
            samples::SEED_000,
            "Yuri Ushakov",
            "“I hope the process",
            "continue,”",
        )
    }

    #[test]
    fn a_speaker_filter_names_a_speaker_by_any_of_their_words() {
        assert!(said_by("ushakov", "Yuri Ushakov"));
        assert!(said_by("Yuri Ushakov", "Yuri Ushakov"));
        assert!(said_by("YURI", "Yuri Ushakov"));
        assert!(said_by("erdogan", "Recep Tayyip Erdoğan"));
        assert!(said_by("Agnès", "Agnes Callamard"));
        assert!(!said_by("ushak", "Yuri Ushakov"));
        assert!(!said_by("Ushakov Yuri", "Yuri Ushakov"));
        assert!(!said_by("", "Yuri Ushakov"));
    }

    #[test]
    fn only_quotes_that_match_on_their_own_are_kept() {
        let quotes = [
            ryabkov_third_round(),
            ryabkov_directives(),
            ushakov_process(),
        ];
        let refs: Vec<&Quote> = quotes.iter().collect();
        let scored = score_quotes(&highlighter("hope"), &refs, 20.0);
        let kept: Vec<usize> = scored.iter().map(|s| s.index).collect();
        assert_eq!(kept, [0, 2], "both hope; the directives quote does not");
        // All words are required, in one quote.
        let scored = score_quotes(&highlighter("hope discussions"), &refs, 20.0);
        assert_eq!(scored.iter().map(|s| s.index).collect::<Vec<_>>(), [0]);
        let scored = score_quotes(&highlighter("hope -discussions"), &refs, 20.0);
        assert_eq!(scored.iter().map(|s| s.index).collect::<Vec<_>>(), [2]);
    }

    #[test]
    fn a_short_quote_with_the_words_beats_a_long_one() {
        let quotes = [ryabkov_third_round(), ushakov_process()];
        let refs: Vec<&Quote> = quotes.iter().collect();
        let scored = score_quotes(&highlighter("hope"), &refs, 20.0);
        let long = scored.iter().find(|s| s.index == 0).expect("kept");
        let short = scored.iter().find(|s| s.index == 1).expect("kept");
        assert!(short.score > long.score, "{short:?} {long:?}");
    }

    #[test]
    fn rarer_and_more_words_score_higher() {
        let text = |t: &str| Quote {
            speaker: "Sergei Ryabkov".to_string(),
            text: t.to_string(),
            start: 0,
            end: t.len(),
        };
        let quotes = [
            text("We discussed the talks at length."),
            text("We discussed flights at length."),
            text("We discussed flights and talks at length."),
        ];
        let refs: Vec<&Quote> = quotes.iter().collect();
        let scored = score_quotes(&highlighter("flights OR talks"), &refs, 6.0);
        let score = |i: usize| scored.iter().find(|s| s.index == i).map(|s| s.score);
        assert!(score(1) > score(0), "flights is rarer than talks");
        assert!(score(2) > score(1), "both words beat one");
    }

    #[test]
    fn highlights_are_characters_of_the_quote() {
        let quotes = [ushakov_process()];
        let refs: Vec<&Quote> = quotes.iter().collect();
        let scored = score_quotes(&highlighter("process"), &refs, 20.0);
        let text = &quotes[0].text;
        let lit: Vec<String> = scored[0]
            .highlights
            .iter()
            .map(|r| text.chars().skip(r.start).take(r.end - r.start).collect())
            .collect();
        assert_eq!(lit, ["process"]);
    }

    #[test]
    fn without_words_every_quote_is_kept_in_order() {
        let quotes = [ryabkov_third_round(), ryabkov_directives()];
        let refs: Vec<&Quote> = quotes.iter().collect();
        let scored = score_quotes(&highlighter(""), &refs, 20.0);
        assert_eq!(scored.iter().map(|s| s.index).collect::<Vec<_>>(), [0, 1]);
    }
}
