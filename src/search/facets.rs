//! Facets: who, where and when for every article a query matches, not only the page shown.
//!
//! One pass over the matching articles reads fast columns only (never stored documents): the
//! speakers' keys (summed per entity by `SpeakerTally`), the raw `location` and `country`
//! values (counted by term ordinal, turned into strings by streaming each segment's column
//! dictionary once) and the `published` day. The days become a [`Timeline`]: a continuous
//! series of periods (day, week, month or year) from the first matching article's period to the
//! last one's. With `per`, each period's count is divided by the number of articles of the
//! whole index in that period (a second pass, over the `published` column only).

use std::sync::{Arc, Mutex};

use chrono::{Datelike, Days, Months, NaiveDate};
use rustc_hash::FxHashMap;
use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::{AllQuery, Query};
use tantivy::{DateTime, DocId, Score, SegmentOrdinal, SegmentReader};

use super::collapse::FirstOfStory;
use super::{Engine, query};
use crate::error::Result;
use crate::index::days::{DAY_SECS, DayTable};
use crate::index::rows::Rows;
use crate::index::stats::ranked;
use crate::roster::count::{SpeakerTally, Tallies, Tally};
use crate::roster::{Entity, Kind};

/// Entries of each facet when not told otherwise.
pub(crate) const DEFAULT_TOP: usize = 10;

/// The length of a timeline's periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    Day,
    /// ISO weeks, from Monday.
    Week,
    Month,
    Year,
}

impl Interval {
    /// The interval for matching articles published from `first` to `last`: about 60 periods
    /// at most, and no fewer than a handful.
    pub fn for_span(first: NaiveDate, last: NaiveDate) -> Interval {
        let days = (last - first).num_days();
        if days <= 60 {
            Interval::Day
        } else if days <= 548 {
            Interval::Week
        } else if days <= 15 * 366 {
            Interval::Month
        } else {
            Interval::Year
        }
    }

    /// The first day of the period holding `day`.
    pub fn start(self, day: NaiveDate) -> NaiveDate {
        match self {
            Interval::Day => day,
            Interval::Week => day - Days::new(u64::from(day.weekday().num_days_from_monday())),
            Interval::Month => day.with_day(1).unwrap_or(day),
            Interval::Year => NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day),
        }
    }

    /// The first day of the period after the one starting on `start`.
    pub fn next(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            Interval::Day => start.checked_add_days(Days::new(1)),
            Interval::Week => start.checked_add_days(Days::new(7)),
            Interval::Month => start.checked_add_months(Months::new(1)),
            Interval::Year => start.checked_add_months(Months::new(12)),
        }
    }
}

/// What to count besides the matching articles.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FacetOptions {
    /// Period length; `None`: chosen from the span of the matching articles.
    pub interval: Option<Interval>,
    /// Give each period's count per this many articles of the whole index in that period.
    pub per: Option<u64>,
    /// Most entries of the speakers, locations and countries facets.
    pub top: usize,
    /// Count stories instead of articles: each story once, with the values of its first
    /// matching version (`--count-by stories`).
    pub stories: bool,
}

impl Default for FacetOptions {
    fn default() -> FacetOptions {
        FacetOptions {
            interval: None,
            per: None,
            top: DEFAULT_TOP,
            stories: false,
        }
    }
}

/// An entity and its counts among the matching articles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpeakerCount {
    pub id: String,
    pub name: String,
    pub kind: Kind,
    /// Matching articles that quote it.
    pub articles: u64,
    /// Its quotes in those articles.
    pub quotes: u64,
}

/// A location or country as the articles write it, and the matching articles naming it.
pub(crate) use crate::index::stats::Count as ValueCount;

/// One period of a timeline.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Point {
    /// First day of the period.
    pub start: NaiveDate,
    /// Matching articles published in it.
    pub articles: u64,
    /// `articles`, or with `per`: `articles / (articles of the index in the period) * per`
    /// (0 when the index has none).
    pub value: f64,
}

/// Matching articles per period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    pub interval: Interval,
    pub per: Option<u64>,
    /// Matching articles without a publication date (in no period).
    pub undated: u64,
    /// Every period from the first matching article's to the last one's, empty ones too.
    pub points: Vec<Point>,
}

/// The facets of the articles a query matches.
#[derive(Debug, Clone, PartialEq)]
pub struct Facets {
    /// Articles counted (stories, when `stories`).
    pub articles: u64,
    /// Whether stories were counted, one version each, rather than articles.
    pub stories: bool,
    /// The entities quoted in most of them.
    pub speakers: Vec<SpeakerCount>,
    pub locations: Vec<ValueCount>,
    pub countries: Vec<ValueCount>,
    pub timeline: Timeline,
}

/// The collector of the facets of the matching articles, to run in the same pass as the
/// search (see [`Engine::facet_collector`] and [`Engine::facets_of`]).
pub(crate) type FacetCollector = FirstOfStory<(SpeakerTally, FieldCounts)>;

/// What a [`FacetCollector`] gathers.
pub(crate) type FacetFruit = (Tallies, Counts);

impl Engine {
    /// The facets of the articles `full` (a query with its filters) matches, in one pass over
    /// fast columns (two with `per`).
    pub fn facets(&self, full: &dyn Query, options: &FacetOptions) -> Result<Facets> {
        let fruit = self
            .reader
            .searcher()
            .search(full, &self.facet_collector(options.stories)?)
            .map_err(|e| query::search_error(&self.news.path, "(facets)", e))?;
        self.facets_of(fruit, options)
    }

    /// Articles per publication day of the whole index, counted once per open index.
    fn index_days(&self) -> Result<&Dated> {
        if let Some(days) = self.index_days.get() {
            return Ok(days);
        }
        let days = self
            .reader
            .searcher()
            .search(&AllQuery, &DayCounts)
            .map_err(|e| query::search_error(&self.news.path, "(facets)", e))?;
        Ok(self.index_days.get_or_init(|| days))
    }

    /// A collector to add to a search's own (as a tuple) for its facets, of articles or of
    /// `stories`.
    pub fn facet_collector(&self, stories: bool) -> Result<FacetCollector> {
        let counts = (SpeakerTally::new(self.roster()?), FieldCounts::default());
        Ok(FirstOfStory::new(counts, stories))
    }

    /// The facets from what a `FacetCollector` gathered.
    pub fn facets_of(
        &self,
        (tallies, counts): FacetFruit,
        options: &FacetOptions,
    ) -> Result<Facets> {
        let roster = self.roster()?;
        let mut speakers: Vec<(&Entity, Tally)> = tallies
            .into_iter()
            .filter_map(|(i, t)| Some((roster.entities.get(i as usize)?, t)))
            .collect();
        let order = super::speakers::most_quoted_first;
        // Only the top is put in order: the entities of a large index are many.
        if options.top < speakers.len() {
            speakers.select_nth_unstable_by(options.top, order);
            speakers.truncate(options.top);
        }
        speakers.sort_by(order);
        let speakers = speakers
            .into_iter()
            .take(options.top)
            .map(|(e, t)| SpeakerCount {
                id: e.id.clone(),
                name: e.name().to_string(),
                kind: e.kind,
                articles: t.articles,
                quotes: t.quotes,
            })
            .collect();
        let all_days = match options.per {
            Some(_) => Some(self.index_days()?),
            None => None,
        };
        let timeline = timeline(&counts.days, all_days, options);
        Ok(Facets {
            articles: counts.articles,
            stories: options.stories,
            speakers,
            locations: ranked(counts.locations, options.top),
            countries: ranked(counts.countries, options.top),
            timeline,
        })
    }
}

/// Articles per day (days since 1970-01-01) and undated articles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dated {
    pub per_day: FxHashMap<i64, u64>,
    pub undated: u64,
}

impl Dated {
    fn add(&mut self, other: Dated) {
        for (day, n) in other.per_day {
            *self.per_day.entry(day).or_insert(0) += n;
        }
        self.undated += other.undated;
    }

    /// Articles per period starting day.
    fn by_period(&self, interval: Interval) -> FxHashMap<NaiveDate, u64> {
        let mut out = FxHashMap::default();
        for (&day, &n) in &self.per_day {
            if let Some(date) = to_date(day) {
                *out.entry(interval.start(date)).or_insert(0) += n;
            }
        }
        out
    }
}

fn to_date(day: i64) -> Option<NaiveDate> {
    chrono::DateTime::from_timestamp(day.checked_mul(DAY_SECS)?, 0).map(|d| d.date_naive())
}

/// The continuous timeline of `days`; with `per`, relative to `all` (the whole index).
pub(crate) fn timeline(days: &Dated, all: Option<&Dated>, options: &FacetOptions) -> Timeline {
    let first = days.per_day.keys().min().and_then(|&d| to_date(d));
    let last = days.per_day.keys().max().and_then(|&d| to_date(d));
    let interval = match (options.interval, first, last) {
        (Some(interval), _, _) => interval,
        (None, Some(first), Some(last)) => Interval::for_span(first, last),
        (None, _, _) => Interval::Month,
    };
    let mut points = Vec::new();
    if let (Some(first), Some(last)) = (first, last) {
        let counts = days.by_period(interval);
        let totals = all.map(|a| a.by_period(interval));
        let end = interval.start(last);
        let mut start = interval.start(first);
        loop {
            let articles = counts.get(&start).copied().unwrap_or(0);
            let value = match (options.per, &totals) {
                (Some(per), Some(totals)) => match totals.get(&start).copied().unwrap_or(0) {
                    0 => 0.0,
                    total => articles as f64 / total as f64 * per as f64,
                },
                _ => articles as f64,
            };
            points.push(Point {
                start,
                articles,
                value,
            });
            match interval.next(start) {
                Some(next) if start < end => start = next,
                _ => break,
            }
        }
    }
    Timeline {
        interval,
        per: options.per,
        undated: days.undated,
        points,
    }
}

/// Counts of the place columns and days of the matching articles.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    pub articles: u64,
    pub locations: FxHashMap<String, u64>,
    pub countries: FxHashMap<String, u64>,
    pub days: Dated,
}

/// A collector of [`Counts`].
///
/// Each segment counts the values of a text column by term ordinal, in a table with a slot
/// per ordinal; the tables of finished segments are cleared and kept for the next ones.
#[derive(Debug, Clone, Default)]
pub struct FieldCounts {
    spare: Spare,
}

/// Cleared ordinal tables.
type Spare = Arc<Mutex<Vec<Vec<OrdSlot>>>>;

impl Collector for FieldCounts {
    type Fruit = Counts;
    type Child = SegmentCounts;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let fast = segment.fast_fields();
        Ok(SegmentCounts {
            articles: 0,
            locations: OrdCounts::new(fast.str("location")?, &self.spare),
            countries: OrdCounts::new(fast.str("country")?, &self.spare),
            days: SegmentDays::new(segment)?,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentFruit>) -> tantivy::Result<Counts> {
        let mut all = Counts::default();
        for fruit in fruits {
            all.articles += fruit.articles;
            fruit.locations.resolve(&mut all.locations)?;
            fruit.countries.resolve(&mut all.countries)?;
            all.days.add(fruit.days);
        }
        Ok(all)
    }
}

/// What [`SegmentCounts`] found in one segment (ordinals not yet made strings).
pub struct SegmentFruit {
    articles: u64,
    locations: OrdFruit,
    countries: OrdFruit,
    days: Dated,
}

/// [`FieldCounts`] on one segment.
pub struct SegmentCounts {
    articles: u64,
    locations: OrdCounts,
    countries: OrdCounts,
    days: SegmentDays,
}

impl SegmentCollector for SegmentCounts {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.collect_block(&[doc]);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.articles += docs.len() as u64;
        self.locations.collect_block(docs);
        self.countries.collect_block(docs);
        self.days.collect_block(docs);
    }

    fn harvest(self) -> SegmentFruit {
        SegmentFruit {
            articles: self.articles,
            locations: self.locations.harvest(),
            countries: self.countries.harvest(),
            days: self.days.harvest(),
        }
    }
}

/// Articles holding one term ordinal in a segment.
#[derive(Debug, Clone, Copy, Default)]
struct OrdSlot {
    articles: u32,
    /// The last article counted, plus one (0: none yet).
    last: u32,
}

/// Articles per term ordinal of a text fast column in one segment, each article once a value.
struct OrdCounts {
    column: Option<StrColumn>,
    slots: Vec<OrdSlot>,
    rows: Rows<u64>,
    spare: Spare,
}

/// The ordinals an [`OrdCounts`] counted, in order, with their counts.
struct OrdFruit {
    column: Option<StrColumn>,
    counts: Vec<(u64, u64)>,
}

impl OrdCounts {
    fn new(column: Option<StrColumn>, spare: &Spare) -> OrdCounts {
        let terms = column.as_ref().map_or(0, |c| c.num_terms());
        let mut slots = spare
            .lock()
            .ok()
            .and_then(|mut s| s.pop())
            .unwrap_or_default();
        // A kept table is all zeros: growing or shrinking it keeps it so.
        slots.resize(terms, OrdSlot::default());
        OrdCounts {
            column,
            slots,
            rows: Rows::new(),
            spare: Arc::clone(spare),
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        let Some(column) = &self.column else {
            return;
        };
        let (docs, ords) = self.rows.read(column.ords(), docs);
        for (&doc, &ord) in docs.iter().zip(ords) {
            if let Some(slot) = self.slots.get_mut(ord as usize)
                && slot.last != doc + 1
            {
                slot.last = doc + 1;
                slot.articles += 1;
            }
        }
    }

    fn harvest(mut self) -> OrdFruit {
        let mut counts = Vec::new();
        for (ord, slot) in self.slots.iter_mut().enumerate() {
            if slot.articles > 0 {
                counts.push((ord as u64, u64::from(slot.articles)));
                *slot = OrdSlot::default();
            }
        }
        if let Ok(mut spare) = self.spare.lock() {
            spare.push(self.slots);
        }
        OrdFruit {
            column: self.column,
            counts,
        }
    }
}

impl OrdFruit {
    /// Add the counts to `out` by value, reading the column's dictionary once, in order, and
    /// only its blocks that hold a value counted.
    fn resolve(self, out: &mut FxHashMap<String, u64>) -> tantivy::Result<()> {
        let Some(column) = self.column else {
            return Ok(());
        };
        let ords: Vec<u64> = self.counts.iter().map(|&(ord, _)| ord).collect();
        let mut counts = self.counts.iter().map(|&(_, n)| n);
        column.dictionary().sorted_ords_to_term_cb(&ords, |term| {
            let n = counts.next().unwrap_or(0);
            if let Ok(value) = std::str::from_utf8(term) {
                match out.get_mut(value) {
                    Some(sum) => *sum += n,
                    None => {
                        out.insert(value.to_string(), n);
                    }
                }
            }
        })?;
        Ok(())
    }
}

/// Articles per publication day of one segment.
struct SegmentDays {
    column: Column<DateTime>,
    days: DayTable,
    undated: u64,
    rows: Rows<DateTime>,
}

impl SegmentDays {
    fn new(segment: &SegmentReader) -> tantivy::Result<SegmentDays> {
        let column = segment.fast_fields().date("published")?;
        Ok(SegmentDays {
            days: DayTable::new(&column),
            column,
            undated: 0,
            rows: Rows::new(),
        })
    }

    fn collect_block(&mut self, block: &[DocId]) {
        let (docs, dates) = self.rows.read(&self.column, block);
        let mut dated = 0;
        let mut previous = None;
        for (&doc, &date) in docs.iter().zip(dates) {
            // An article's first date only.
            if previous == Some(doc) {
                continue;
            }
            previous = Some(doc);
            dated += 1;
            self.days.add(date);
        }
        self.undated += (block.len() - dated) as u64;
    }

    fn harvest(self) -> Dated {
        Dated {
            per_day: self.days.counts().collect(),
            undated: self.undated,
        }
    }
}

/// A collector of the publication days of the matching articles alone (for `per`).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct DayCounts;

impl Collector for DayCounts {
    type Fruit = Dated;
    type Child = SegmentDayCounts;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(SegmentDayCounts(SegmentDays::new(segment)?))
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Dated>) -> tantivy::Result<Dated> {
        let mut all = Dated::default();
        for fruit in fruits {
            all.add(fruit);
        }
        Ok(all)
    }
}

/// [`DayCounts`] on one segment.
pub(crate) struct SegmentDayCounts(SegmentDays);

impl SegmentCollector for SegmentDayCounts {
    type Fruit = Dated;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.0.collect_block(&[doc]);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.0.collect_block(docs);
    }

    fn harvest(self) -> Dated {
        self.0.harvest()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn days(list: &[(&str, u64)], undated: u64) -> Dated {
        let mut out = Dated {
            undated,
            ..Dated::default()
        };
        for (d, n) in list {
            let secs = day(d).and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp();
            out.per_day.insert(secs / DAY_SECS, *n);
        }
        out
    }

    #[test]
    fn periods_start_on_their_first_day() {
        let d = day("2025-02-27"); // a Thursday
        assert_eq!(Interval::Day.start(d), d);
        assert_eq!(Interval::Week.start(d), day("2025-02-24"));
        assert_eq!(Interval::Month.start(d), day("2025-02-01"));
        assert_eq!(Interval::Year.start(d), day("2025-01-01"));
    }

    #[test]
    fn the_interval_follows_the_span() {
        let d = day("2020-01-01");
        assert_eq!(Interval::for_span(d, day("2020-02-15")), Interval::Day);
        assert_eq!(Interval::for_span(d, day("2021-01-01")), Interval::Week);
        assert_eq!(Interval::for_span(d, day("2030-01-01")), Interval::Month);
        assert_eq!(Interval::for_span(d, day("2040-01-01")), Interval::Year);
    }

    #[test]
    fn empty_periods_inside_the_span_are_points() {
        let options = FacetOptions {
            interval: Some(Interval::Month),
            ..FacetOptions::default()
        };
        let t = timeline(
            &days(&[("2025-01-15", 2), ("2025-04-02", 1)], 3),
            None,
            &options,
        );
        let starts: Vec<_> = t.points.iter().map(|p| p.start.to_string()).collect();
        assert_eq!(
            starts,
            ["2025-01-01", "2025-02-01", "2025-03-01", "2025-04-01"]
        );
        let counts: Vec<_> = t.points.iter().map(|p| p.articles).collect();
        assert_eq!(counts, [2, 0, 0, 1]);
        assert_eq!(t.undated, 3);
    }

    #[test]
    fn per_divides_by_the_whole_index() {
        let options = FacetOptions {
            interval: Some(Interval::Year),
            per: Some(100),
            ..FacetOptions::default()
        };
        let matching = days(&[("2024-03-01", 1), ("2025-05-01", 3)], 0);
        let all = days(
            &[("2024-01-01", 4), ("2025-05-01", 6), ("2025-06-01", 6)],
            2,
        );
        let t = timeline(&matching, Some(&all), &options);
        let values: Vec<_> = t.points.iter().map(|p| p.value).collect();
        assert_eq!(values, [25.0, 25.0]);
    }

    #[test]
    fn no_dated_article_no_point() {
        let t = timeline(&days(&[], 4), None, &FacetOptions::default());
        assert!(t.points.is_empty());
        assert_eq!(t.undated, 4);
    }
}
