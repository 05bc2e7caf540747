//! Why a search found nothing, in terms a user can act on.
//!
//! Asked only after a search came back empty (a search that finds something pays nothing),
//! [`Engine::why`] and [`Engine::why_quotes`] look at each part of the request on its own:
//! - words of the query no article holds, with the closest words of the index
//!   (`spelling`) and the query rewritten with them ("did you mean");
//! - for an all-words query, how many articles hold each part, and which parts never meet in
//!   one article;
//! - whether the query matches articles that the filters then rule out, and which filter
//!   matches nothing on its own: a speaker or place no article names, with the closest names
//!   (`names`); for a date filter, how many articles have no publication date and the
//!   range of the dates there are.
//!
//! Nothing here prints: the printers in `output` turn a [`Diagnosis`] into lines or JSON.

pub(crate) mod fuzzy;
mod names;
pub(crate) mod spelling;

use chrono::NaiveDate;
use tantivy::collector::Count;
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser};
use tantivy::query_grammar::{Delimiter, UserInputAst, UserInputLeaf};
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

use super::quotes::QuoteRequest;
use super::speaker::SpeakerFilter;
use super::{Engine, Filters, Request, query};
use crate::error::Result;
use crate::index::engine;
use crate::index::schema;
pub use crate::index::stats::Count as Counted;

/// Parts of a query counted one by one (and in pairs); a longer query gets no counts.
const MAX_PARTS: usize = 8;
/// Words told of (and corrected) as in no article: a pasted paragraph is not spell-checked.
const MAX_UNKNOWN: usize = 8;

/// What an empty result comes from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Diagnosis {
    /// The query rewritten with the best suggestion for each word no article holds.
    pub suggestions: Vec<String>,
    /// What emptied the result, most basic first.
    pub reasons: Vec<Reason>,
}

impl Diagnosis {
    pub fn is_empty(&self) -> bool {
        self.suggestions.is_empty() && self.reasons.is_empty()
    }
}

/// One thing that keeps a search from finding anything.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// No article holds this word (as typed, lowercased); the closest words of the index,
    /// best first, with the articles holding each.
    UnknownWord { word: String, closest: Vec<Counted> },
    /// The parts of an all-words query with the articles holding each, and the pairs of
    /// parts that no article holds together.
    Parts {
        parts: Vec<Counted>,
        apart: Vec<[String; 2]>,
    },
    /// The query alone matches this many articles; the filters rule them all out.
    Filtered { articles: u64 },
    /// (Quotes) This many articles hold the words, but no quote in them says them all (by
    /// the speaker asked for).
    NotQuoted { articles: u64 },
    /// No article quotes a speaker by this name; the closest names.
    NoSpeaker { name: String, closest: Vec<Counted> },
    /// No article names a place by this name; the closest names.
    NoLocation { name: String, closest: Vec<Counted> },
    /// A date filter is on: the articles, how many have no publication date, and the first
    /// and last publication dates.
    Dates {
        articles: u64,
        undated: u64,
        earliest: Option<NaiveDate>,
        latest: Option<NaiveDate>,
    },
}

/// What is diagnosed: a query over some fields, and filters.
struct Ask<'a> {
    parser: &'a QueryParser,
    /// The prose fields the query's words search.
    fields: &'a [Field],
    /// The query as the user typed it, for suggestions in their words.
    query: &'a str,
    /// The query in tantivy's grammar (see [`query::typed`]), for everything else.
    typed: &'a str,
    filters: &'a Filters,
    quotes: bool,
}

impl Engine {
    /// Why `request` finds nothing. Meant for a search that came back empty.
    pub fn why(&self, request: &Request) -> Result<Diagnosis> {
        let fields = [self.news.fields.title, self.news.fields.body];
        self.diagnose(&Ask {
            parser: &self.parser,
            fields: &fields,
            query: &request.query,
            typed: &query::typed(&request.query)?,
            filters: &request.filters,
            quotes: false,
        })
    }

    /// Why a quote search finds nothing. Meant for one that came back empty.
    pub fn why_quotes(&self, request: &QuoteRequest) -> Result<Diagnosis> {
        self.diagnose(&Ask {
            parser: &self.quote_parser,
            fields: &[self.news.fields.body],
            query: &request.query,
            typed: &query::typed(&request.query)?,
            filters: &request.filters,
            quotes: true,
        })
    }

    fn diagnose(&self, ask: &Ask) -> Result<Diagnosis> {
        let searcher = self.reader.searcher();
        let speaker = self.speaker_filter(ask.filters)?;
        let mut diagnosis = Diagnosis::default();
        if let Some(ast) = super::snippet::parse(ask.typed) {
            self.diagnose_words(&searcher, ask, &ast, &mut diagnosis)?;
            self.diagnose_filters(&searcher, ask, speaker.as_ref(), &mut diagnosis)?;
        }
        self.diagnose_names(&searcher, ask, speaker.as_ref(), &mut diagnosis)?;
        if ask.filters.since.is_some() || ask.filters.until.is_some() {
            let days = dates(&searcher).map_err(|e| engine(&self.news.path, e))?;
            diagnosis.reasons.push(days);
        }
        Ok(diagnosis)
    }

    /// The query's words no article holds, each with the closest that some do (and the query
    /// with the best of them as a suggestion); and words that occur apart but never together.
    fn diagnose_words(
        &self,
        searcher: &Searcher,
        ask: &Ask,
        ast: &UserInputAst,
        diagnosis: &mut Diagnosis,
    ) -> Result<()> {
        let fail = |e| engine(&self.news.path, e);
        let mut replaced = Vec::new();
        for word in self.unknown_words(searcher, ask, ast).map_err(fail)? {
            let closest =
                spelling::suggest(&self.news.index, searcher, ask.fields, &word).map_err(fail)?;
            if let Some(best) = closest.first() {
                replaced.push((word.clone(), best.word.clone()));
            }
            diagnosis.reasons.push(Reason::UnknownWord {
                word,
                closest: closest
                    .into_iter()
                    .map(|s| Counted {
                        value: s.word,
                        articles: s.articles,
                    })
                    .collect(),
            });
        }
        if !replaced.is_empty() {
            diagnosis.suggestions.push(corrected(ask.query, &replaced));
        }
        if let Some(parts) = parts(searcher, ask.parser, ast).map_err(fail)? {
            diagnosis.reasons.push(parts);
        }
        Ok(())
    }

    /// Whether the words alone match articles that the filters leave out; for a quote search,
    /// first whether articles hold the words though none of their quotes does.
    fn diagnose_filters(
        &self,
        searcher: &Searcher,
        ask: &Ask,
        speaker: Option<&SpeakerFilter>,
        diagnosis: &mut Diagnosis,
    ) -> Result<()> {
        let filtered = !ask.filters.is_empty();
        let alone = if ask.quotes {
            // A quote search looks for the words in articles first, then in their quotes.
            let text = query::parse_text_without_exclusions(ask.parser, ask.typed)?;
            let (index, fields) = (&self.news.index, &self.news.fields);
            let with_filters =
                query::with_filters(index, fields, text.box_clone(), ask.filters, speaker);
            let held = self.count(searcher, &*with_filters)?;
            if held > 0 {
                diagnosis.reasons.push(Reason::NotQuoted { articles: held });
                0
            } else if filtered {
                self.count(searcher, &*text)?
            } else {
                0
            }
        } else if filtered {
            self.count(searcher, &*query::parse_text(ask.parser, ask.typed)?)?
        } else {
            0
        };
        if alone > 0 {
            diagnosis.reasons.push(Reason::Filtered { articles: alone });
        }
        Ok(())
    }

    /// A `--speaker` or `--location` that no article names, with the closest names some do.
    fn diagnose_names(
        &self,
        searcher: &Searcher,
        ask: &Ask,
        speaker: Option<&SpeakerFilter>,
        diagnosis: &mut Diagnosis,
    ) -> Result<()> {
        let fail = |e| engine(&self.news.path, e);
        let (index, fields) = (&self.news.index, &self.news.fields);
        if let Some(name) = &ask.filters.speaker
            && !speaker.is_some_and(|s| s.resolved())
            && self.count(searcher, &*query::name_query(index, fields.speaker, name))? == 0
        {
            let closest =
                names::closest(index, searcher, fields.speaker, "speaker", name).map_err(fail)?;
            diagnosis.reasons.push(Reason::NoSpeaker {
                name: name.clone(),
                closest,
            });
        }
        if let Some(place) = &ask.filters.location
            && self.count(searcher, &*query::name_query(index, fields.location, place))? == 0
        {
            let closest = names::closest(index, searcher, fields.location, "location", place)
                .map_err(fail)?;
            diagnosis.reasons.push(Reason::NoLocation {
                name: place.clone(),
                closest,
            });
        }
        Ok(())
    }

    /// The articles `query` matches.
    fn count(&self, searcher: &Searcher, query: &dyn Query) -> Result<u64> {
        Ok(searcher
            .search(query, &Count)
            .map_err(|e| engine(&self.news.path, e))? as u64)
    }

    /// The words of the query (outside phrases and exclusions) that no article holds in the
    /// searched fields, lowercased as typed, each once.
    fn unknown_words(
        &self,
        searcher: &Searcher,
        ask: &Ask,
        ast: &UserInputAst,
    ) -> tantivy::Result<Vec<String>> {
        let Some(&prose) = ask.fields.first() else {
            return Ok(Vec::new());
        };
        let schema = self.news.index.schema();
        let names: Vec<&str> = ask
            .fields
            .iter()
            .map(|&f| schema.get_field_name(f))
            .collect();
        let mut literals = Vec::new();
        plain_words(ast, &names, &mut literals);
        let mut analyzer = self.news.index.tokenizer_for_field(prose)?;
        let mut unknown: Vec<String> = Vec::new();
        for literal in literals {
            let mut stream = analyzer.token_stream(&literal);
            while let Some(token) = stream.next() {
                let Some(typed) = literal.get(token.offset_from..token.offset_to) else {
                    continue;
                };
                let typed = typed.to_lowercase();
                if unknown.contains(&typed) {
                    continue;
                }
                let mut docs = 0;
                for &field in ask.fields {
                    docs += searcher.doc_freq(&Term::from_field_text(field, &token.text))?;
                }
                if docs == 0 {
                    unknown.push(typed);
                    if unknown.len() == MAX_UNKNOWN {
                        return Ok(unknown);
                    }
                }
            }
        }
        Ok(unknown)
    }
}

/// The text of the plain words (not phrases, not prefixes, not excluded) of a query that
/// search the default fields or one of `fields`.
fn plain_words(ast: &UserInputAst, fields: &[&str], out: &mut Vec<String>) {
    match ast {
        UserInputAst::Clause(clauses) => {
            for (occur, clause) in clauses {
                if *occur != Some(Occur::MustNot) {
                    plain_words(clause, fields, out);
                }
            }
        }
        UserInputAst::Boost(inner, _) => plain_words(inner, fields, out),
        UserInputAst::Leaf(leaf) => {
            if let UserInputLeaf::Literal(literal) = &**leaf
                && literal.delimiter == Delimiter::None
                && !literal.prefix
                && !literal.phrase.contains('*')
                && literal
                    .field_name
                    .as_deref()
                    .is_none_or(|name| fields.contains(&name))
            {
                out.push(literal.phrase.clone());
            }
        }
    }
}

/// For an all-words query of two parts or more: the articles holding each part, and the
/// pairs of parts no article holds together.
fn parts(
    searcher: &Searcher,
    parser: &QueryParser,
    ast: &UserInputAst,
) -> tantivy::Result<Option<Reason>> {
    let UserInputAst::Clause(clauses) = ast else {
        return Ok(None);
    };
    if clauses
        .iter()
        .any(|(occur, _)| *occur == Some(Occur::Should))
    {
        return Ok(None);
    }
    let mut parts: Vec<(String, Box<dyn Query>, u64)> = Vec::new();
    for (_, clause) in clauses
        .iter()
        .filter(|(occur, _)| *occur != Some(Occur::MustNot))
    {
        let Ok(query) = parser.build_query_from_user_input_ast(clause.clone()) else {
            return Ok(None);
        };
        let articles = searcher.search(&*query, &Count)? as u64;
        parts.push((label(clause), query, articles));
    }
    // Parts no article holds are told of one by one already.
    if parts.len() < 2 || parts.len() > MAX_PARTS || parts.iter().all(|p| p.2 == 0) {
        return Ok(None);
    }
    let mut apart = Vec::new();
    for (i, (a, qa, na)) in parts.iter().enumerate() {
        for (b, qb, nb) in &parts[i + 1..] {
            if *na == 0 || *nb == 0 {
                continue;
            }
            let both = BooleanQuery::new(vec![
                (Occur::Must, qa.box_clone()),
                (Occur::Must, qb.box_clone()),
            ]);
            if searcher.search(&both, &Count)? == 0 {
                apart.push([a.clone(), b.clone()]);
            }
        }
    }
    Ok(Some(Reason::Parts {
        parts: parts
            .into_iter()
            .map(|(value, _, articles)| Counted { value, articles })
            .collect(),
        apart,
    }))
}

/// A part of a query as the user wrote it (near enough: tantivy's grammar keeps no text).
fn label(ast: &UserInputAst) -> String {
    if let UserInputAst::Leaf(leaf) = ast
        && let UserInputLeaf::Literal(literal) = &**leaf
    {
        let mut text = String::new();
        if let Some(field) = &literal.field_name {
            text.push_str(field);
            text.push(':');
        }
        match literal.delimiter {
            Delimiter::DoubleQuotes => text.push_str(&format!("\"{}\"", literal.phrase)),
            Delimiter::SingleQuotes => text.push_str(&format!("'{}'", literal.phrase)),
            Delimiter::None => text.push_str(&literal.phrase),
        }
        if literal.slop > 0 {
            text.push_str(&format!("~{}", literal.slop));
        } else if literal.prefix {
            text.push('*');
        }
        return text;
    }
    format!("{ast:?}")
}

/// `query` with each word of `replaced` (lowercased) outside `"phrases"` swapped for its
/// replacement.
pub(crate) fn corrected(query: &str, replaced: &[(String, String)]) -> String {
    let mut out = String::with_capacity(query.len());
    let mut quoted = false;
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String, quoted: bool| {
        let lower = word.to_lowercase();
        match replaced.iter().find(|(typed, _)| *typed == lower) {
            Some((_, instead)) if !quoted => out.push_str(instead),
            _ => out.push_str(word),
        }
        word.clear();
    };
    for c in query.chars() {
        if c.is_alphanumeric() {
            word.push(c);
            continue;
        }
        flush(&mut word, &mut out, quoted);
        if c == '"' {
            quoted = !quoted;
        }
        out.push(c);
    }
    flush(&mut word, &mut out, quoted);
    out
}

/// The articles, the undated ones, and the first and last publication dates.
fn dates(searcher: &Searcher) -> tantivy::Result<Reason> {
    let (mut articles, mut undated) = (0, 0);
    let (mut earliest, mut latest): (Option<NaiveDate>, Option<NaiveDate>) = (None, None);
    for segment in searcher.segment_readers() {
        let published = segment.fast_fields().date("published")?;
        for doc in segment.doc_ids_alive() {
            articles += 1;
            match published.first(doc).and_then(schema::datetime_to_day) {
                Some(day) => {
                    earliest = Some(earliest.map_or(day, |e| e.min(day)));
                    latest = Some(latest.map_or(day, |l| l.max(day)));
                }
                None => undated += 1,
            }
        }
    }
    Ok(Reason::Dates {
        articles,
        undated,
        earliest,
        latest,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn a_corrected_query_keeps_phrases_and_the_rest_as_typed() {
        let replaced = pairs(&[("electoin", "election"), ("ambasador", "ambassador")]);
        assert_eq!(
            corrected("Electoin ambasador", &replaced),
            "election ambassador"
        );
        assert_eq!(
            corrected(
                "title:electoin -\"electoin day\" (ambasador OR x)",
                &replaced
            ),
            "title:election -\"electoin day\" (ambassador OR x)"
        );
    }

    #[test]
    fn only_plain_searched_words_are_checked() {
        let ast = tantivy::query_grammar::parse_query(
            "electoin \"ambasador talks\" -zzz negotiat* body:fligts speaker:brwn",
        )
        .expect("parses");
        let mut words = Vec::new();
        plain_words(&ast, &["title", "body"], &mut words);
        assert_eq!(words, ["electoin", "fligts"]);
    }

    #[test]
    fn parts_are_labelled_as_written() {
        let ast = tantivy::query_grammar::parse_query("title:talks \"direct flights\"~2 hope*")
            .expect("parses");
        let UserInputAst::Clause(clauses) = ast else {
            panic!("a clause list")
        };
        let labels: Vec<String> = clauses.iter().map(|(_, c)| label(c)).collect();
        assert_eq!(labels, ["title:talks", "\"direct flights\"~2", "hope*"]);
    }
}
