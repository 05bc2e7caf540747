//! `newsdex speakers`: the entities quoted in the articles a query matches, by the number of
//! those articles that quote them (*who is quoted on X*).

use std::time::{Duration, Instant};

use serde::Serialize;
use tantivy::collector::Count;
use tantivy::query::{AllQuery, Query};

use super::{Engine, Filters, query};
use crate::error::Result;
use crate::roster::count::{SpeakerTally, Tally};
use crate::roster::{Entity, Kind};

/// One `speakers` question.
#[derive(Debug, Clone, PartialEq)]
pub struct SpeakerRequest {
    /// Articles to count in (query syntax); empty: every article.
    pub query: String,
    pub filters: Filters,
    /// Only entities of this kind.
    pub kind: Option<Kind>,
    pub limit: usize,
    pub offset: usize,
}

impl SpeakerRequest {
    /// Every kind, no filter, the first 20.
    pub fn new(query: impl Into<String>) -> SpeakerRequest {
        SpeakerRequest {
            query: query.into(),
            filters: Filters::default(),
            kind: None,
            limit: 20,
            offset: 0,
        }
    }
}

/// An entity with its counts among the matching articles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Speaker {
    pub id: String,
    /// Display name: the commonest full form.
    pub name: String,
    /// Every name it was seen under, the display name first.
    pub names: Vec<String>,
    pub kind: Kind,
    /// Matching articles that quote it.
    pub articles: u64,
    /// Its quotes in those articles.
    pub quotes: u64,
}

/// The answer to a [`SpeakerRequest`].
#[derive(Debug, Clone, PartialEq)]
pub struct SpeakerResults {
    /// Articles matching the query and filters.
    pub articles: usize,
    /// Entities quoted in them (of the kind asked for).
    pub total: usize,
    /// The page asked for, most articles first.
    pub speakers: Vec<Speaker>,
    pub took: Duration,
}

impl Engine {
    /// Count the speakers of the articles a query matches.
    pub fn speakers(&self, request: &SpeakerRequest) -> Result<SpeakerResults> {
        let started = Instant::now();
        let text: Box<dyn Query> = if request.query.trim().is_empty() {
            Box::new(AllQuery)
        } else {
            let typed = query::typed(&request.query)?;
            query::parse_text(&self.parser, &typed)
                .map_err(|e| query::as_typed(e, &request.query))?
        };
        let roster = self.roster()?;
        let searcher = self.reader.searcher();
        let whole_index = request.query.trim().is_empty() && request.filters.is_empty();
        let (tallies, articles) = if whole_index && roster.counted {
            // The roster counted the whole index when it was resolved.
            let tallies = roster
                .entities
                .iter()
                .enumerate()
                .filter(|(_, e)| e.articles > 0);
            let tallies = tallies
                .map(|(i, e)| {
                    let tally = Tally {
                        articles: e.articles,
                        quotes: e.quotes,
                    };
                    (i as u32, tally)
                })
                .collect();
            (tallies, searcher.num_docs() as usize)
        } else {
            let (full, _) = self.filtered(text, &request.filters)?;
            searcher
                .search(&*full, &(SpeakerTally::new(roster), Count))
                .map_err(|e| query::search_error(&self.news.path, &request.query, e))?
        };
        let mut ranked: Vec<(&Entity, Tally)> = tallies
            .into_iter()
            .filter_map(|(i, tally)| Some((roster.entities.get(i as usize)?, tally)))
            .filter(|(e, _)| request.kind.is_none_or(|k| e.kind == k))
            .collect();
        let tallies_total = ranked.len();
        let order = most_quoted_first;
        // Only the page asked for is put in order: the entities of a large index are many.
        let wanted = request.offset.saturating_add(request.limit);
        if wanted < ranked.len() {
            ranked.select_nth_unstable_by(wanted, order);
            ranked.truncate(wanted);
        }
        let total = tallies_total;
        ranked.sort_by(order);
        let speakers = ranked
            .into_iter()
            .skip(request.offset)
            .take(request.limit)
            .map(|(e, t)| Speaker {
                id: e.id.clone(),
                name: e.name().to_string(),
                names: e.names.clone(),
                kind: e.kind,
                articles: t.articles,
                quotes: t.quotes,
            })
            .collect();
        Ok(SpeakerResults {
            articles,
            total,
            speakers,
            took: started.elapsed(),
        })
    }
}

/// The order of entities by their tallies: most articles, then most quotes, then by name and
/// id (so that the order is the same from one run to the next).
pub(crate) fn most_quoted_first(
    (a, ta): &(&Entity, Tally),
    (b, tb): &(&Entity, Tally),
) -> std::cmp::Ordering {
    tb.articles
        .cmp(&ta.articles)
        .then_with(|| tb.quotes.cmp(&ta.quotes))
        .then_with(|| a.name().cmp(b.name()))
        .then_with(|| a.id.cmp(&b.id))
}
