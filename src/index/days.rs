//! Articles per publication day of one segment, for `stats` and for the facets' timeline: a
//! table indexed by day when the span of the segment's dates allows, and a map for a wider
//! span (dates read wrong).

use rustc_hash::FxHashMap;
use tantivy::DateTime;
use tantivy::columnar::Column;

/// Seconds in a day: `published` holds midnight UTC of the day.
pub(crate) const DAY_SECS: i64 = 86_400;

/// Most days a [`DayTable`] counts in a dense table (about 270 years).
const DENSE_DAYS: i64 = 100_000;

/// The day (since 1970-01-01) of a `published` value.
pub(crate) fn day(value: DateTime) -> i64 {
    value.into_timestamp_secs().div_euclid(DAY_SECS)
}

/// Articles per day of the dates of one segment's `published` column.
pub(crate) struct DayTable {
    /// The first day of the column.
    first: i64,
    /// Articles per day from `first`, when the span is short enough...
    dense: Vec<u64>,
    /// ...and of the days outside it.
    sparse: FxHashMap<i64, u64>,
}

impl DayTable {
    /// A table for the dates of `column`.
    pub(crate) fn new(column: &Column<DateTime>) -> DayTable {
        DayTable::spanning(day(column.min_value()), day(column.max_value()))
    }

    /// A table dense from day `first` to day `last`.
    fn spanning(first: i64, last: i64) -> DayTable {
        let span = last.saturating_sub(first);
        let dense = if (0..DENSE_DAYS).contains(&span) {
            vec![0; span as usize + 1]
        } else {
            Vec::new()
        };
        DayTable {
            first,
            dense,
            sparse: FxHashMap::default(),
        }
    }

    /// Count one article published on `value`.
    pub(crate) fn add(&mut self, value: DateTime) {
        let day = day(value);
        match usize::try_from(day.wrapping_sub(self.first))
            .ok()
            .and_then(|i| self.dense.get_mut(i))
        {
            Some(n) => *n += 1,
            None => *self.sparse.entry(day).or_insert(0) += 1,
        }
    }

    /// Each day counted (since 1970-01-01), once, and its articles.
    pub(crate) fn counts(self) -> impl Iterator<Item = (i64, u64)> {
        let first = self.first;
        self.dense
            .into_iter()
            .enumerate()
            .filter(|&(_, n)| n > 0)
            .map(move |(i, n)| (first + i as i64, n))
            .chain(self.sparse)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_counted_once_each_inside_and_outside_the_dense_span() {
        let mut table = DayTable::spanning(0, 10);
        for d in [0i64, 3, 3, 10, -40_000, 3] {
            table.add(DateTime::from_timestamp_secs(d * DAY_SECS + 3_600));
        }
        let mut counts: Vec<(i64, u64)> = table.counts().collect();
        counts.sort_unstable();
        assert_eq!(counts, [(-40_000, 1), (0, 1), (3, 3), (10, 1)]);
    }
}
