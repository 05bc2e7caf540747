//! What an index holds: articles, segments, size on disk, and the most frequent speakers,
//! locations and publication years.

use std::collections::HashMap;
use std::fmt::Debug;
use std::path::Path;

use chrono::Datelike;
use serde::Serialize;
use tantivy::columnar::ColumnValues;
use tantivy::{DateTime, Searcher, SegmentReader};

use crate::error::Result;

use super::days::{DAY_SECS, DayTable};
use super::{NewsIndex, engine, schema};

/// A value and the number of articles it appears in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    pub value: String,
    pub articles: u64,
}

/// Summary of an index.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub index: String,
    pub articles: u64,
    pub segments: usize,
    pub size_bytes: u64,
    /// The most quoted people and organisations (entities, by display name).
    pub speakers: Vec<Count>,
    pub locations: Vec<Count>,
    pub years: Vec<Count>,
    /// Articles with no publication date.
    pub undated: u64,
    /// With `--count-by stories`, the number of stories, and the lists and `undated` count
    /// stories (each once, by its first version) instead of articles; else null.
    pub stories: Option<u64>,
}

/// Gather the statistics of an open index; `top` bounds each list. `speakers` are the most
/// quoted entities, counted by the caller (see [`crate::search::speakers`]).
pub(crate) fn stats(
    news: &NewsIndex,
    searcher: &Searcher,
    top: usize,
    speakers: Vec<Count>,
) -> Result<Stats> {
    let path = &news.path;
    let mut locations = HashMap::new();
    let mut years: HashMap<String, u64> = HashMap::new();
    let mut undated = 0;
    for segment in searcher.segment_readers() {
        count_values(segment, "location", &mut locations).map_err(|e| engine(path, e))?;
        let published = segment
            .fast_fields()
            .date("published")
            .map_err(|e| engine(path, e))?;
        let mut days = DayTable::new(&published);
        if segment.alive_bitset().is_none() {
            // No deleted article: the column's values are the live articles' dates (one each
            // at most), read in a row rather than looked up article by article.
            let mut dated = 0;
            for_each_row(&*published.values, |value| {
                days.add(value);
                dated += 1;
            });
            undated += u64::from(segment.max_doc()) - dated;
        } else {
            for doc in segment.doc_ids_alive() {
                match published.first(doc) {
                    Some(value) => days.add(value),
                    None => undated += 1,
                }
            }
        }
        for (day, n) in days.counts() {
            let midnight = DateTime::from_timestamp_secs(day.saturating_mul(DAY_SECS));
            match schema::datetime_to_day(midnight) {
                Some(day) => *years.entry(day.year().to_string()).or_insert(0) += n,
                None => undated += n,
            }
        }
    }
    let mut years = ranked(years, usize::MAX);
    years.sort_by(|a, b| b.value.cmp(&a.value));
    years.truncate(top);
    Ok(Stats {
        index: path.display().to_string(),
        articles: searcher.num_docs(),
        segments: searcher.segment_readers().len(),
        size_bytes: folder_size(path),
        speakers,
        locations: ranked(locations, top),
        years,
        undated,
        stories: None,
    })
}

/// Add to `counts` the number of live articles of `segment` holding each value of the text fast
/// column `name` (a speaker or place name as extracted).
pub(crate) fn count_values(
    segment: &SegmentReader,
    name: &str,
    counts: &mut HashMap<String, u64>,
) -> tantivy::Result<()> {
    for_each_value(segment, name, |value, n| {
        *counts.entry(value.to_string()).or_insert(0) += n;
    })
}

/// Call `f` with each value of the text fast column `name` that live articles of `segment`
/// hold, and the number of those articles.
///
/// The column's dictionary is read once, in order: looking values up by ordinal one by one
/// decodes a block of the dictionary each time, which is slow when the values are many.
pub(crate) fn for_each_value(
    segment: &SegmentReader,
    name: &str,
    mut f: impl FnMut(&str, u64),
) -> tantivy::Result<()> {
    let Some(column) = segment.fast_fields().str(name)? else {
        return Ok(());
    };
    let mut per_ord = vec![0u64; column.num_terms()];
    let mut add = |ord: u64| {
        if let Some(n) = per_ord.get_mut(ord as usize) {
            *n += 1;
        }
    };
    if segment.alive_bitset().is_none() {
        // No deleted article: every value of the column is a live article's.
        for_each_row(&*column.ords().values, add);
    } else {
        for doc in segment.doc_ids_alive() {
            column.term_ords(doc).for_each(&mut add);
        }
    }
    let mut terms = column.dictionary().stream()?;
    while terms.advance() {
        let n = per_ord.get(terms.term_ord() as usize).copied().unwrap_or(0);
        if n > 0
            && let Ok(value) = std::str::from_utf8(terms.key())
        {
            f(value, n);
        }
    }
    Ok(())
}

/// Call `f` with every value of a column, in order, read a run of rows at a time.
fn for_each_row<T: Copy + Default + PartialOrd + Debug + Send + Sync + 'static>(
    values: &dyn ColumnValues<T>,
    mut f: impl FnMut(T),
) {
    let mut buffer = [T::default(); 4096];
    let rows = values.num_vals();
    let mut start = 0;
    while start < rows {
        let n = (rows - start).min(buffer.len() as u32);
        let run = &mut buffer[..n as usize];
        values.get_range(u64::from(start), run);
        run.iter().for_each(|&v| f(v));
        start += n;
    }
}

/// Values by number of articles, most first, then by value; the first `top`.
pub(crate) fn ranked(counts: impl IntoIterator<Item = (String, u64)>, top: usize) -> Vec<Count> {
    let mut list: Vec<Count> = counts
        .into_iter()
        .map(|(value, articles)| Count { value, articles })
        .collect();
    let order = |a: &Count, b: &Count| {
        b.articles
            .cmp(&a.articles)
            .then_with(|| a.value.cmp(&b.value))
    };
    // Only the top is put in order: the values may be many.
    if top < list.len() {
        list.select_nth_unstable_by(top, order);
        list.truncate(top);
    }
    list.sort_by(order);
    list
}

/// Bytes of all files below `path`.
pub(crate) fn folder_size(path: &Path) -> u64 {
    walkdir::WalkDir::new(path)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}
