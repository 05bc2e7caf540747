//! Searching an index: query building, filters, ranking, snippets.
//!
//! [`Engine`] opens an index once and answers [`Request`]s with [`Results`]: ranked hits with
//! their fields, highlighted title and body fragments, and the time each stage took (which
//! `newsdex bench` reports). Nothing here prints.

mod blocks;
pub(crate) mod collapse;
pub mod facets;
pub(crate) mod lookup;
pub(crate) mod order;
pub mod period;
pub(crate) mod prefix;
pub mod query;
mod quote_filter;
pub mod quotes;
pub mod snippet;
pub mod speaker;
pub(crate) mod speakers;
mod top_stories;
mod typed;
pub mod why;

use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use serde::Serialize;
use tantivy::collector::Collector;
use tantivy::query::{Query, QueryParser};
use tantivy::schema::Value;
use tantivy::{DocAddress, IndexReader, Score, Searcher, TantivyDocument};

use crate::error::Result;

/// Most versions of one story listed under it (`--versions`).
const MAX_VERSIONS_SHOWN: usize = 50;

/// Top articles the first pass of a collapsed search by date ranks per story of the page.
const FIRST_PASS_VERSIONS: usize = 12;
use crate::index::{NewsIndex, engine, schema};
use crate::roster::names::Names;
use crate::roster::{self, Roster};
pub(crate) use order::Order;
pub use query::Filters;
use snippet::{Fragment, Shape, Snippets};
use speaker::SpeakerFilter;
use top_stories::TopStories;

/// One search.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// Query text in the query syntax; empty means every article (with filters).
    pub query: String,
    pub filters: Filters,
    pub limit: usize,
    pub offset: usize,
    /// Whether to make snippets (the costly part of a result page).
    pub snippets: bool,
    /// Length of a snippet fragment, in characters.
    pub snippet_chars: usize,
    /// Most fragments per hit.
    pub fragments: usize,
    /// Match articles holding any part of an all-words query, those holding the most first
    /// (`--any`).
    pub any: bool,
    /// The order of the hits (`--sort`, `--recency`).
    pub order: Order,
    /// Count the facets of every matching article too (see [`facets`]).
    pub facets: Option<facets::FacetOptions>,
    /// Give each hit its story's other matching versions (`--versions`); the hits are one per
    /// story either way.
    pub versions: bool,
    /// One hit per story (the default); `false` ranks every matching article on its own.
    pub collapse: bool,
    /// Matching stories counted exactly up to this many; more are estimated (see
    /// `collapse`).
    pub exact_stories: usize,
}

impl Request {
    pub fn new(query: impl Into<String>) -> Request {
        Request {
            query: query.into(),
            filters: Filters::default(),
            limit: 10,
            offset: 0,
            snippets: true,
            snippet_chars: snippet::DEFAULT_CHARS,
            fragments: snippet::DEFAULT_FRAGMENTS,
            any: false,
            order: Order::Relevance,
            facets: None,
            versions: false,
            collapse: true,
            exact_stories: collapse::EXACT_STORIES,
        }
    }

    /// The collector of the totals of this request.
    fn story_tally(&self) -> collapse::StoryTally {
        collapse::StoryTally::new(self.exact_stories)
    }
}

/// A ranked article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// 1-based rank, counting the offset.
    pub rank: usize,
    pub score: f32,
    pub id: String,
    pub path: String,
    pub title: String,
    /// Character ranges of the query's matches in `title`.
    pub title_highlights: Vec<Range<usize>>,
    pub published: Option<NaiveDate>,
    pub url: Option<String>,
    pub speakers: Vec<String>,
    pub locations: Vec<String>,
    /// Body fragments that show the matches, best first.
    pub fragments: Vec<Fragment>,
    /// The story the article is a version of (see [`crate::stories`]).
    pub story: Option<String>,
    /// Matching articles of that story, this one included: the hit stands for them all.
    pub versions: usize,
    /// With [`Request::versions`], the story's other matching versions, best first.
    pub other_versions: Vec<Hit>,
}

/// Where a search spent its time.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Timings {
    pub parse: Duration,
    pub search: Duration,
    pub fetch: Duration,
    pub snippets: Duration,
}

impl Timings {
    pub fn total(&self) -> Duration {
        self.parse + self.search + self.fetch + self.snippets
    }
}

/// The answer to a [`Request`].
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    /// Number of matching articles.
    pub total: usize,
    /// Number of matching stories (each hit is the best version of one); an estimate when
    /// `stories_estimated`.
    pub stories: usize,
    /// Whether `stories` is an estimate: more stories matched than [`Request::exact_stories`].
    pub stories_estimated: bool,
    pub hits: Vec<Hit>,
    pub timings: Timings,
    /// Why nothing was found: empty unless filled from [`Engine::why`].
    pub why: why::Diagnosis,
    /// Who, where and when for every matching article, when the request asked for them.
    pub facets: Option<facets::Facets>,
}

/// An open index ready to answer queries.
pub struct Engine {
    news: NewsIndex,
    reader: IndexReader,
    parser: QueryParser,
    quote_parser: QueryParser,
    /// The opstamp of the last commit when `reader` was made (the commit it sees, unless
    /// another landed in between; then the roster is only resolved again).
    opstamp: u64,
    /// The roster of the commit `reader` sees, read on first use.
    roster: OnceLock<Roster>,
    /// The display names of that roster, opened on first use; `None` when their file is
    /// missing or of another commit.
    names: OnceLock<Option<Names>>,
    /// Articles per publication day of the whole index (for facets' `per`), on first use.
    index_days: OnceLock<facets::Dated>,
}

/// A request's query: as typed (for snippets), as run (with the filters), and the speaker
/// filter (whose quotes snippets prefer).
struct Parsed<'q> {
    typed: std::borrow::Cow<'q, str>,
    full: Box<dyn Query>,
    speaker: Option<SpeakerFilter>,
}

/// What one pass over the matches found.
struct Found {
    /// The page: score and address of each hit.
    top: order::Ranked,
    /// Matching articles and stories.
    tally: collapse::Tally,
    /// Matching versions of the page's stories.
    versions: collapse::Versions,
    facets: Option<facets::Facets>,
}

/// A hit's score and document, with its story's other versions.
type Fetched = (Score, TantivyDocument, Vec<(Score, TantivyDocument)>);

/// Articles from which an index's segments are searched on all cores at once. Below it, waking
/// the other threads takes longer than they save (on 92k articles the median query went from
/// 0.48 to 0.75 ms); on 1M articles in 11 segments it went from 2.8 to 2.3 ms, p99 from 57 to
/// 41 ms, and the facets of a query matching 10% of them from 25 to 19 ms.
const PARALLEL_FROM: u64 = 200_000;

/// Whether the segments of a commit make an index worth searching on several threads.
fn is_large(segments: &[tantivy::SegmentMeta]) -> bool {
    let docs: u64 = segments.iter().map(|s| u64::from(s.num_docs())).sum();
    docs >= PARALLEL_FROM && segments.len() > 1
}

impl Engine {
    /// Open the index at `path` for searching; it sees the last commit. A large index is
    /// searched a segment per thread.
    pub fn open(path: &Path) -> Result<Engine> {
        let mut news = NewsIndex::open(path)?;
        // The commit's list of segments says whether the index is large before any segment is
        // opened (opening them twice, before and after choosing the executor, cost more than
        // a small search), and which commit the roster's display names must be of.
        let metas = news.index.load_metas().map_err(|e| engine(path, e))?;
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        if threads > 1 && is_large(&metas.segments) {
            news.index
                .set_multithread_executor(threads)
                .map_err(|e| engine(path, e))?;
        }
        let reader = news.reader()?;
        let parser = query::parser(&news.index, &news.fields);
        let quote_parser = quotes::parser(&news.index, &news.fields);
        Ok(Engine {
            news,
            reader,
            parser,
            quote_parser,
            opstamp: metas.opstamp,
            roster: OnceLock::new(),
            names: OnceLock::new(),
            index_days: OnceLock::new(),
        })
    }

    /// The entities of the index (see [`crate::roster`]).
    pub fn roster(&self) -> Result<&Roster> {
        if let Some(roster) = self.roster.get() {
            return Ok(roster);
        }
        let searcher = self.reader.searcher();
        let roster = roster::store::current(&self.news.path, self.opstamp, &searcher)?;
        Ok(self.roster.get_or_init(|| roster))
    }

    /// A query with the filters, and the `--speaker` filter it holds.
    fn filtered(
        &self,
        text: Box<dyn tantivy::query::Query>,
        filters: &Filters,
    ) -> Result<(Box<dyn tantivy::query::Query>, Option<SpeakerFilter>)> {
        let speaker = self.speaker_filter(filters)?;
        let fields = &self.news.fields;
        let full = query::with_filters(&self.news.index, fields, text, filters, speaker.as_ref());
        Ok((full, speaker))
    }

    /// A `--speaker` filter resolved against the roster.
    pub fn speaker_filter(&self, filters: &Filters) -> Result<Option<SpeakerFilter>> {
        match &filters.speaker {
            Some(name) => Ok(Some(SpeakerFilter::new(name, self.roster()?))),
            None => Ok(None),
        }
    }

    pub fn index(&self) -> &NewsIndex {
        &self.news
    }

    pub fn reader(&self) -> &IndexReader {
        &self.reader
    }

    /// Run one search.
    pub fn search(&self, request: &Request) -> Result<Results> {
        let mut timings = Timings::default();

        let started = Instant::now();
        let parsed = self.parse(request)?;
        timings.parse = started.elapsed();

        let started = Instant::now();
        let searcher = self.reader.searcher();
        let found = self.find(&searcher, &parsed, request)?;
        timings.search = started.elapsed();

        let started = Instant::now();
        let docs = self.fetch(&searcher, &parsed, request, &found)?;
        timings.fetch = started.elapsed();

        let started = Instant::now();
        let hits = self.shown(&searcher, &parsed, request, docs, &found.versions);
        timings.snippets = started.elapsed();

        Ok(Results {
            total: found.tally.articles,
            stories: found.tally.stories,
            stories_estimated: found.tally.estimated,
            hits,
            timings,
            why: why::Diagnosis::default(),
            facets: found.facets,
        })
    }

    /// The query as typed, as tantivy's query with the filters, and the speaker filter.
    fn parse<'q>(&self, request: &'q Request) -> Result<Parsed<'q>> {
        let typed = query::typed(&request.query)?;
        let text = if request.any {
            query::parse_any(&self.parser, &typed)
        } else {
            query::parse_text(&self.parser, &typed)
        }
        .map_err(|e| query::as_typed(e, &request.query))?;
        let (full, speaker) = self.filtered(text.box_clone(), &request.filters)?;
        Ok(Parsed {
            typed,
            full,
            speaker,
        })
    }

    /// The page of hits (one per story unless `--articles`), the totals, the matching
    /// versions of the page's stories, and the facets.
    fn find(&self, searcher: &Searcher, parsed: &Parsed, request: &Request) -> Result<Found> {
        let path = &self.news.path;
        let failed = |e| query::search_error(path, &request.query, e);
        // The facets count every matching article in the same pass as the totals.
        let facet_collector = match &request.facets {
            Some(options) => Some(blocks::Blocks(self.facet_collector(options.stories)?)),
            None => None,
        };
        let query = &*parsed.full;
        let (top, tally, facet_fruit) = self
            .counted_page(searcher, query, request, facet_collector)
            .map_err(failed)?;
        let top = if request.limit == 0 { Vec::new() } else { top };
        let stories: Vec<u64> = collapse::stories_of(searcher, &top)
            .into_iter()
            .flatten()
            .collect();
        let versions = collapse::versions_of(searcher, query, self.news.fields.story, &stories)
            .map_err(failed)?;
        let facets = match (&request.facets, facet_fruit) {
            (Some(options), Some(fruit)) => Some(self.facets_of(fruit, options)?),
            _ => None,
        };
        Ok(Found {
            top,
            tally,
            versions,
            facets,
        })
    }

    /// The page (by relevance and one hit per story, see [`TopStories`]; else
    /// [`Engine::paged`]), the totals, and what `also` gathered over every matching article.
    ///
    /// A query whose top hits tantivy can find without scoring every match (a word, by
    /// relevance: see [`order::prunable`]) is counted in a pass without scores and ranked
    /// alone, so that block-WAND skips what cannot enter the top. Any other query (a phrase,
    /// several words, a filter, an order by date) scores every match anyway: one pass ranks
    /// and counts, rather than two passes each reading every match.
    fn counted_page<C: Collector>(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        request: &Request,
        also: C,
    ) -> tantivy::Result<(order::Ranked, collapse::Tally, C::Fruit)> {
        // tantivy reserves room for the hits asked for up front: a huge `--offset` or
        // `--limit` must not become a huge allocation (or an overflow), so ask for no more
        // than the index holds.
        let docs = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
        let offset = request.offset.min(docs);
        let limit = request.limit.min(docs - offset).max(1);
        let page = offset.saturating_add(limit);
        let order = request.order;
        let also = (request.story_tally(), also);
        // By relevance, a collapsed page is ranked by story (see [`TopStories`]).
        let by_story = request.collapse && order == Order::Relevance;
        let cut = |ranked: order::Ranked| ranked.into_iter().skip(offset).take(limit).collect();
        if order == Order::Relevance && order::prunable(query) {
            let (tally, fruit) = searcher.search(query, &also)?;
            let total = tally.articles;
            if total == 0 {
                return Ok((Vec::new(), tally, fruit));
            }
            let top = match by_story {
                true => cut(searcher.search(query, &TopStories { limit: page })?),
                false => cut(order::ranked(searcher, query, order, page.min(total), 0)?),
            };
            return Ok((top, tally, fruit));
        }
        if by_story {
            let (ranked, (tally, fruit)) =
                searcher.search(query, &(TopStories { limit: page }, also))?;
            return Ok((cut(ranked), tally, fruit));
        }
        // By date, or every article on its own: the top articles, cut into stories. A collapsed
        // page needs enough of them to hold its stories even when each has several versions (a
        // corpus holding every report ten times over).
        let wanted = match request.collapse {
            true => page.saturating_mul(FIRST_PASS_VERSIONS).saturating_add(32),
            false => page,
        }
        .min(docs.max(1));
        let (ranked, _, (tally, fruit)) = order::top_with(searcher, query, order, wanted, 0, also)?;
        let total = tally.articles;
        let top = self.paged(searcher, query, request, (offset, limit), ranked, total)?;
        Ok((top, tally, fruit))
    }

    /// The documents of the page, each with its story's other versions (`--versions`).
    fn fetch(
        &self,
        searcher: &Searcher,
        parsed: &Parsed,
        request: &Request,
        found: &Found,
    ) -> Result<Vec<Fetched>> {
        let path = &self.news.path;
        let mut docs = Vec::with_capacity(found.top.len());
        for &(score, address) in &found.top {
            let doc: TantivyDocument = searcher.doc(address).map_err(|e| engine(path, e))?;
            let others = match schema::stored_story(&self.news.fields, &doc) {
                Some(story) if request.versions && found.versions.get(&story) > Some(&1) => self
                    .other_versions(searcher, &*parsed.full, request.order, story, address)
                    .map_err(|e| query::search_error(path, &request.query, e))?,
                _ => Vec::new(),
            };
            docs.push((score, doc, others));
        }
        Ok(docs)
    }

    /// The hits as shown: their fields, snippets (preferring the filtered speaker's quotes)
    /// and versions.
    fn shown(
        &self,
        searcher: &Searcher,
        parsed: &Parsed,
        request: &Request,
        docs: Vec<Fetched>,
        versions: &collapse::Versions,
    ) -> Vec<Hit> {
        let fields = &self.news.fields;
        let snippets = (request.snippets && !docs.is_empty()).then(|| {
            let shape = Shape {
                fragments: request.fragments,
                chars: request.snippet_chars,
            };
            Snippets::new(&self.news.index, fields, searcher, &parsed.typed, shape)
        });
        docs.into_iter()
            .enumerate()
            .map(|(i, (score, doc, others))| {
                let rank = request.offset.saturating_add(i + 1);
                let shown = |score, doc: &TantivyDocument| {
                    let mut hit = self.hit(rank, score, doc);
                    if let Some(snippets) = &snippets {
                        let body = doc.get_first(fields.body).and_then(|v| v.as_str());
                        let preferred = match &parsed.speaker {
                            Some(speaker) => speaker_quotes(fields, doc, speaker),
                            None => Vec::new(),
                        };
                        hit.fragments = snippets.body(body.unwrap_or_default(), &preferred);
                        hit.title_highlights = snippets.title(&hit.title);
                    }
                    hit.versions = schema::stored_story(fields, doc)
                        .and_then(|story| versions.get(&story))
                        .map_or(1, |&n| n as usize);
                    hit
                };
                let mut hit = shown(score, &doc);
                hit.other_versions = others
                    .iter()
                    .map(|(score, doc)| shown(*score, doc))
                    .collect();
                hit
            })
            .collect()
    }

    /// A speaker's name as its entity's display name (`Tim Geithner` as "Timothy Geithner").
    fn display_name(&self, name: &str) -> String {
        // A page names a few dozen people: the display names' file answers for them without
        // the whole roster being read.
        let names = self.names.get_or_init(|| {
            Names::open(&self.news.path).filter(|names| names.opstamp() == self.opstamp)
        });
        if let Some(names) = names {
            return names.display(name).unwrap_or(name).to_string();
        }
        match self.roster().ok().and_then(|r| r.entity(name)) {
            Some(entity) => entity.name().to_string(),
            None => name.to_string(),
        }
    }

    /// [`Engine::display_name`] of each name, each once.
    fn display_names(&self, names: Vec<String>) -> Vec<String> {
        let mut out: Vec<String> = Vec::with_capacity(names.len());
        for name in names {
            let shown = self.display_name(&name);
            if !out.contains(&shown) {
                out.push(shown);
            }
        }
        out
    }

    fn hit(&self, rank: usize, score: f32, doc: &TantivyDocument) -> Hit {
        let f = &self.news.fields;
        let all = |field| {
            doc.get_all(field)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect::<Vec<_>>()
        };
        Hit {
            rank,
            score,
            id: schema::article_id(f, doc),
            path: schema::stored_text(doc, f.path),
            title: schema::stored_text(doc, f.title),
            title_highlights: Vec::new(),
            published: schema::stored_published(f, doc),
            url: schema::stored_optional_text(doc, f.url),
            speakers: self.display_names(all(f.speaker)),
            locations: all(f.location),
            fragments: Vec::new(),
            story: schema::stored_story(f, doc).map(crate::stories::display),
            versions: 1,
            other_versions: Vec::new(),
        }
    }

    /// The page cut from `ranked`, the first of the `total` matching articles in the request's
    /// order: the best version of each of the stories ranked `offset` to `offset + limit`
    /// (each article on its own without [`Request::collapse`]). When those articles hold too
    /// few stories, more are ranked.
    fn paged(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        request: &Request,
        (offset, limit): (usize, usize),
        mut ranked: order::Ranked,
        total: usize,
    ) -> tantivy::Result<order::Ranked> {
        if !request.collapse {
            return Ok(ranked.into_iter().skip(offset).take(limit).collect());
        }
        loop {
            let stories = collapse::stories_of(searcher, &ranked);
            let (page, complete) = collapse::page(&stories, offset, limit);
            if complete || ranked.len() >= total {
                return Ok(page.into_iter().map(|i| ranked[i]).collect());
            }
            let wanted = ranked.len().saturating_mul(4).min(total);
            ranked = order::ranked(searcher, query, request.order, wanted, 0)?;
        }
    }

    /// A story's matching versions other than the hit shown for it (`shown`), best first.
    fn other_versions(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        order: Order,
        story: u64,
        shown: DocAddress,
    ) -> tantivy::Result<Vec<(Score, TantivyDocument)>> {
        // The story only filters: the versions keep the scores they have in the page.
        let both = collapse::within_stories(query, self.news.fields.story, &[story]);
        let ranked = order::ranked(searcher, &both, order, MAX_VERSIONS_SHOWN, 0)?;
        ranked
            .into_iter()
            .filter(|(_, address)| *address != shown)
            .map(|(score, address)| Ok((score, searcher.doc(address)?)))
            .collect()
    }
}

/// The byte ranges in the body of the quotes of the speaker a `--speaker` filter names.
fn speaker_quotes(
    fields: &schema::Fields,
    doc: &TantivyDocument,
    speaker: &SpeakerFilter,
) -> Vec<Range<usize>> {
    schema::stored_entities(fields, doc)
        .quotes
        .into_iter()
        .filter(|q| q.start < q.end && speaker.said(&q.speaker))
        .map(|q| q.start..q.end)
        .collect()
}
