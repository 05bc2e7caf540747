//! The order of search results: by relevance (BM25), newest or oldest first, or relevance
//! decayed by age (`--recency`).
//!
//! Dates come from the `published` fast column, never from stored documents. With `newest`
//! and `oldest`, articles of the same day are ranked by relevance, and undated articles come
//! last, by relevance too. With a half-life, an article's score is its BM25 score times
//! `2^(-age / half_life)`, its age counted in days from the newest article of the index; an
//! undated article keeps its BM25 score but comes after every dated one (its age is unknown,
//! and it should not outrank fresh news). Equal keys fall back to index order, so the order
//! is the same from one run to the next and pages do not overlap.

use tantivy::collector::{Collector, Count, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::{DateTime, DocAddress, DocId, Score, Searcher, SegmentReader};

use crate::index::schema;

/// Seconds in a day.
const DAY_SECS: f64 = 86_400.0;

/// How hits are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub enum Order {
    /// Best BM25 score first.
    #[default]
    Relevance,
    /// Latest publication date first.
    Newest,
    /// Earliest publication date first.
    Oldest,
    /// BM25 times a decay with the article's age (`--recency`).
    Recency(HalfLife),
}

/// The age at which an article's score is halved (`--recency 30d`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HalfLife {
    days: f64,
}

impl HalfLife {
    /// A half-life of so many days (positive and finite).
    pub fn from_days(days: f64) -> Option<HalfLife> {
        (days.is_finite() && days > 0.0).then_some(HalfLife { days })
    }

    /// Parse a number and a unit: `30d` days, `2w` weeks, `6m` months (a twelfth of 365.25
    /// days), `1y` years (365.25 days); the number may have a fraction (`1.5y`).
    pub fn parse(text: &str) -> Result<HalfLife, String> {
        let text = text.trim();
        let unit = text
            .chars()
            .last()
            .ok_or("expected a number and a unit (30d)")?;
        let days_per_unit = match unit.to_ascii_lowercase() {
            'd' => 1.0,
            'w' => 7.0,
            'm' => 365.25 / 12.0,
            'y' => 365.25,
            _ => {
                return Err(
                    "expected a number and a unit: d (days), w (weeks), m (months) or y (years)"
                        .to_string(),
                );
            }
        };
        let number = &text[..text.len() - unit.len_utf8()];
        let value: f64 = number
            .parse()
            .ok()
            .filter(|_| number.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
            .ok_or_else(|| format!("{number:?} is not a number"))?;
        HalfLife::from_days(value * days_per_unit)
            .ok_or_else(|| "the half-life must be more than zero".to_string())
    }

    pub fn days(self) -> f64 {
        self.days
    }

    /// The factor of an article `age` days older than the newest: `2^(-age / half_life)`.
    pub fn decay(self, age_days: f64) -> f64 {
        (-age_days / self.days).exp2()
    }
}

/// Hits with the score each shows, best first.
pub(crate) type Ranked = Vec<(Score, DocAddress)>;

/// The top `limit` hits after `offset` in this order, with the score each shows (BM25, or BM25
/// decayed for [`Order::Recency`]), and the number of matches.
pub(crate) fn top(
    searcher: &Searcher,
    query: &dyn Query,
    order: Order,
    limit: usize,
    offset: usize,
) -> tantivy::Result<(Vec<(Score, DocAddress)>, usize)> {
    let (top, count, _) = top_with(searcher, query, order, limit, offset, None::<Count>)?;
    Ok((top, count))
}

/// The top `limit` hits after `offset` in this order, alone: by relevance, tantivy then skips
/// the blocks of postings whose best score cannot enter the top (block-WAND), which a
/// collector of every match beside it would forbid.
pub(crate) fn ranked(
    searcher: &Searcher,
    query: &dyn Query,
    order: Order,
    limit: usize,
    offset: usize,
) -> tantivy::Result<Ranked> {
    match order {
        Order::Relevance => {
            let top = TopDocs::with_limit(limit).and_offset(offset);
            searcher.search(query, &top.order_by_score())
        }
        // A score tweaked by date prunes nothing: one pass counts too.
        _ => Ok(top(searcher, query, order, limit, offset)?.0),
    }
}

/// Whether tantivy can find the top hits of `query` by relevance without scoring every match
/// (block-WAND, see [`ranked`]): a word, in one field or in several (a union of terms, the
/// title's boosted). Anything else (a phrase, all of several words, a filter) is scored
/// match by match. Only the speed depends on the answer, never the hits.
pub(crate) fn prunable(query: &dyn Query) -> bool {
    if let Some(union) = query.downcast_ref::<BooleanQuery>() {
        return union
            .clauses()
            .iter()
            .all(|(occur, clause)| *occur == Occur::Should && is_term(clause.as_ref()));
    }
    is_term(query)
}

/// Whether `query` is one term without positions (boosted or not): a boost hides what it
/// holds, but the terms it reports tell a boosted term from a boosted phrase or group.
fn is_term(query: &dyn Query) -> bool {
    if query.is::<TermQuery>() {
        return true;
    }
    if !query.is::<BoostQuery>() {
        return false;
    }
    let mut terms = 0;
    let mut positions = false;
    query.query_terms(&mut |_, with_positions| {
        terms += 1;
        positions |= with_positions;
    });
    terms == 1 && !positions
}

/// [`top`], with another collector over every match in the same pass.
pub(crate) fn top_with<C: Collector>(
    searcher: &Searcher,
    query: &dyn Query,
    order: Order,
    limit: usize,
    offset: usize,
    also: C,
) -> tantivy::Result<(Ranked, usize, C::Fruit)> {
    let top = TopDocs::with_limit(limit).and_offset(offset);
    match order {
        Order::Relevance => searcher.search(query, &(top.order_by_score(), Count, also)),
        Order::Newest | Order::Oldest => {
            let newest = order == Order::Newest;
            let by_date = top.tweak_score(move |segment: &SegmentReader| {
                let published = published(segment);
                move |doc: DocId, score: Score| {
                    // Undated: below every date, whichever way dates are compared.
                    let day = match published.as_ref().and_then(|c| c.first(doc)) {
                        Some(date) if newest => date.into_timestamp_secs(),
                        Some(date) => -date.into_timestamp_secs(),
                        None => i64::MIN,
                    };
                    (day, score)
                }
            });
            let (top, count, fruit) = searcher.search(query, &(by_date, Count, also))?;
            Ok((shown(top), count, fruit))
        }
        Order::Recency(half_life) => {
            let newest = newest_published(searcher);
            let decayed = top.tweak_score(move |segment: &SegmentReader| {
                let published = published(segment);
                move |doc: DocId, score: Score| match (
                    newest,
                    published.as_ref().and_then(|c| c.first(doc)),
                ) {
                    (Some(newest), Some(date)) => {
                        let age = (newest - date.into_timestamp_secs()) as f64 / DAY_SECS;
                        (true, score * half_life.decay(age.max(0.0)) as Score)
                    }
                    _ => (false, score),
                }
            });
            let (top, count, fruit) = searcher.search(query, &(decayed, Count, also))?;
            Ok((shown(top), count, fruit))
        }
    }
}

/// The hits with the score of their sort key (its last part).
fn shown<K>(top: Vec<((K, Score), DocAddress)>) -> Vec<(Score, DocAddress)> {
    top.into_iter()
        .map(|((_, score), address)| (score, address))
        .collect()
}

/// A segment's publication dates; `None` when none of its articles has one.
fn published(segment: &SegmentReader) -> Option<tantivy::columnar::Column<DateTime>> {
    // A segment without a date holds no column; any other failure reads as undated too,
    // which only changes the order.
    segment
        .fast_fields()
        .column_opt::<DateTime>(schema::PUBLISHED)
        .ok()
        .flatten()
}

/// The latest publication date of the index, in seconds (the greatest value of the
/// `published` column over the segments); `None` when no article is dated.
pub(crate) fn newest_published(searcher: &Searcher) -> Option<i64> {
    searcher
        .segment_readers()
        .iter()
        .filter_map(published)
        .filter(|column| column.values.num_vals() > 0)
        .map(|column| column.max_value().into_timestamp_secs())
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_lives_take_a_number_and_a_unit() {
        let days = |text: &str| HalfLife::parse(text).map(HalfLife::days);
        assert_eq!(days("30d"), Ok(30.0));
        assert_eq!(days("2w"), Ok(14.0));
        assert_eq!(days("1y"), Ok(365.25));
        assert_eq!(days("12m"), Ok(365.25));
        assert_eq!(days("1.5D"), Ok(1.5));
        for bad in [
            "", "30", "d", "0d", "-3d", "3x", "1e3d", "inf d", "NaNd", "3 d",
        ] {
            assert!(HalfLife::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn only_a_word_by_relevance_is_ranked_with_pruning() {
        let index = tantivy::Index::create_in_ram(schema::schema());
        schema::register_tokenizers(&index);
        let fields = schema::Fields::new(&index.schema()).expect("fields");
        let parser = crate::search::query::parser(&index, &fields);
        let prunable = |text: &str| {
            let query = crate::search::query::parse_text(&parser, text).expect("parses");
            prunable(query.as_ref())
        };
        // A word is looked for in the title (boosted) and the body: a union of terms.
        assert!(prunable("oil"));
        assert!(prunable("body:oil"));
        assert!(!prunable("oil prices"));
        assert!(!prunable("\"oil prices\""));
        assert!(!prunable("oil -prices"));
        assert!(!prunable("oil*"));
        assert!(!prunable(""));
        // A filter adds nothing to the scores, but the query is no bare union any more (the
        // CLI tests compare the two ways on it).
        let oil = crate::search::query::parse_text(&parser, "oil").expect("parses");
        let filters = crate::search::Filters {
            path: Some("2024".to_string()),
            ..Default::default()
        };
        let filtered = crate::search::query::with_filters(&index, &fields, oil, &filters, None);
        assert!(!super::prunable(filtered.as_ref()));
    }

    #[test]
    fn the_score_halves_at_each_half_life() {
        let half_life = HalfLife::from_days(30.0).expect("positive");
        assert_eq!(half_life.decay(0.0), 1.0);
        assert!((half_life.decay(30.0) - 0.5).abs() < 1e-12);
        assert!((half_life.decay(90.0) - 0.125).abs() < 1e-12);
    }
}
