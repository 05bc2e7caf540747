//! Where a query's clauses occur in a text: each word clause wherever its word is, each
//! phrase only where its words stand in order (within the slop), excluded words never.

use std::ops::Range;

use super::clauses::{Clause, FieldQuery, PatternSet};
use super::words::{Occurrence, WordFinder};

/// One occurrence of a clause: a word, or the words of a phrase.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Unit {
    /// Bytes from the first word's start to the last word's end.
    pub span: Range<usize>,
    /// Index into [`FieldQuery::clauses`].
    pub clause: usize,
}

/// The matches of a query in one text.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Matches {
    /// Clause occurrences, by position.
    pub units: Vec<Unit>,
    /// Byte ranges of the words to highlight, in order, disjoint.
    pub words: Vec<Range<usize>>,
    /// Indexes of the excluded clauses ([`FieldQuery::excluded`]) that occur.
    pub excluded: Vec<usize>,
}

impl Matches {
    pub(crate) fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// How many times each clause occurs (indexed like the clauses).
    pub(crate) fn counts(&self, clauses: usize) -> Vec<u32> {
        let mut counts = vec![0; clauses];
        for unit in &self.units {
            if let Some(count) = counts.get_mut(unit.clause) {
                *count += 1;
            }
        }
        counts
    }
}

/// Find the clauses of `query` in `text`.
pub(crate) fn find(query: &FieldQuery, finder: &WordFinder, text: &str) -> Matches {
    let found = finder.find(text);
    if found.is_empty() {
        return Matches::default();
    }
    let positions = match query.phrase_reach() {
        Some(reach) => positions(text, &found, reach.saturating_add(1)),
        None => Vec::new(),
    };
    let words = Words {
        found: &found,
        positions: &positions,
    };
    let mut banned = vec![false; found.len()];
    let mut excluded = Vec::new();
    for (index, clause) in query.excluded.iter().enumerate() {
        let mut any = false;
        words.each_occurrence(clause, &mut |occurrence| {
            any = true;
            for &i in occurrence {
                banned[i] = true;
            }
        });
        if any {
            excluded.push(index);
        }
    }
    let mut highlighted = vec![false; found.len()];
    let mut units = Vec::new();
    for (index, clause) in query.clauses.iter().enumerate() {
        words.each_occurrence(clause, &mut |occurrence| {
            if occurrence.iter().any(|&i| banned[i]) {
                return;
            }
            let (Some(&first), Some(&last)) = (occurrence.iter().min(), occurrence.iter().max())
            else {
                return;
            };
            for &i in occurrence {
                highlighted[i] = true;
            }
            units.push(Unit {
                span: found[first].bytes.start..found[last].bytes.end,
                clause: index,
            });
        });
    }
    units.sort_by_key(|u| (u.span.start, u.span.end));
    let words = found
        .iter()
        .zip(highlighted)
        .filter(|(_, lit)| *lit)
        .map(|(o, _)| o.bytes.clone())
        .collect();
    Matches {
        units,
        words,
        excluded,
    }
}

/// The token position of each found word, counted from the first: the index counts every
/// run of alphanumeric characters as one position, the ones too long to index included.
/// A gap of `cap` runs or more counts as `cap`: words that far apart are in no phrase
/// together either way, and counting stops early.
fn positions(text: &str, found: &[Occurrence], cap: u32) -> Vec<u32> {
    let mut positions = Vec::with_capacity(found.len());
    let mut position = 0u32;
    let mut previous_end = None;
    for occurrence in found {
        if let Some(end) = previous_end {
            let between = text.get(end..occurrence.bytes.start).unwrap_or_default();
            position = position.saturating_add(runs(between, cap) + 1);
        }
        positions.push(position);
        previous_end = Some(occurrence.bytes.end);
    }
    positions
}

/// The number of runs of alphanumeric characters in a text, counted up to `cap`.
fn runs(text: &str, cap: u32) -> u32 {
    let mut count = 0;
    let mut inside = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() && count < cap {
        let b = bytes[i];
        let alphanumeric = if b.is_ascii() {
            i += 1;
            b.is_ascii_alphanumeric()
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            c.is_alphanumeric()
        };
        if alphanumeric && !inside {
            count += 1;
        }
        inside = alphanumeric;
    }
    count
}

struct Words<'a> {
    found: &'a [Occurrence],
    positions: &'a [u32],
}

impl Words<'_> {
    fn has(&self, i: usize, pattern: usize) -> bool {
        let bit: PatternSet = 1 << pattern;
        self.found[i].patterns & bit != 0
    }

    /// Call `f` with each occurrence of a clause, as the indexes of its words.
    fn each_occurrence(&self, clause: &Clause, f: &mut dyn FnMut(&[usize])) {
        let Some(&(first_offset, first)) = clause.words.first() else {
            return;
        };
        let starts = (0..self.found.len()).filter(|&i| self.has(i, first));
        if !clause.is_phrase() {
            starts.for_each(|i| f(&[i]));
            return;
        }
        let mut used_until = None;
        let mut chain = Vec::with_capacity(clause.words.len());
        for i in starts {
            // One phrase occurrence per start, not overlapping the previous one.
            if used_until.is_some_and(|end| i <= end) {
                continue;
            }
            chain.clear();
            chain.push(i);
            let adjusted = i64::from(self.positions[i]) - i64::from(first_offset);
            if self.extend(clause, &mut chain, adjusted, i64::from(clause.slop)) {
                used_until = chain.iter().max().copied();
                f(&chain);
            }
        }
    }

    /// Depth-first search for the next words of a phrase, spending at most `budget` of slop
    /// (tantivy's rule: the distances between the words' adjusted positions add up).
    fn extend(&self, clause: &Clause, chain: &mut Vec<usize>, adjusted: i64, budget: i64) -> bool {
        let Some(&(offset, pattern)) = clause.words.get(chain.len()) else {
            return true;
        };
        let target = adjusted + i64::from(offset);
        let low = self
            .positions
            .partition_point(|&p| i64::from(p) < target - budget);
        let mut candidates: Vec<usize> = (low..self.found.len())
            .take_while(|&j| i64::from(self.positions[j]) <= target + budget)
            .filter(|&j| self.has(j, pattern) && !chain.contains(&j))
            .collect();
        candidates.sort_by_key(|&j| (i64::from(self.positions[j]) - target).abs());
        for j in candidates {
            let cost = (i64::from(self.positions[j]) - target).abs();
            chain.push(j);
            let next = i64::from(self.positions[j]) - i64::from(offset);
            if self.extend(clause, chain, next, budget - cost) {
                return true;
            }
            chain.pop();
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::snippet::samples;

    fn matches(query: &str, text: &str) -> Matches {
        let (q, finder) = samples::body_query(query);
        find(&q, &finder, text)
    }

    fn lit<'t>(text: &'t str, m: &Matches) -> Vec<&'t str> {
        m.words.iter().map(|r| &text[r.clone()]).collect()
    }

    #[test]
    fn a_phrase_is_highlighted_only_where_its_words_stand_together() {
        let seed = samples::body(samples::SEED_000);
        let m = matches("\"direct flights\"", &seed);
        assert_eq!(lit(&seed, &m), ["direct", "flights", "direct", "flights"]);
        // The seed also has "the first direct talks": not highlighted.
        assert_eq!(seed.matches("direct").count(), 3);
        assert!(
            m.units
                .iter()
                .all(|u| &seed[u.span.clone()] == "direct flights")
        );
    }

    #[test]
    fn slop_lets_phrase_words_stand_apart() {
        let text = "It seeks direct air flights, and direct talks about flights.";
        assert!(matches("\"direct flights\"", text).is_empty());
        let m = matches("\"direct flights\"~1", text);
        assert_eq!(lit(text, &m), ["direct", "flights"]);
        let m = matches("\"direct flights\"~3", text);
        assert_eq!(lit(text, &m), ["direct", "flights", "direct", "flights"]);
    }

    #[test]
    fn phrases_across_punctuation_match_as_the_index_does() {
        // Positions skip punctuation: "Moscow. Washington" is a phrase to the index.
        let text = "between Moscow and Washington. Moscow, Washington";
        let m = matches("\"Moscow Washington\"", text);
        assert_eq!(m.units.len(), 1);
        assert_eq!(&text[m.units[0].span.clone()], "Moscow, Washington");
    }

    #[test]
    fn excluded_words_are_never_highlighted() {
        let seed = samples::body(samples::SEED_000);
        let m = matches("talks -Ushakov", &seed);
        assert!(!lit(&seed, &m).is_empty());
        assert!(lit(&seed, &m).iter().all(|w| w.to_lowercase() == "talks"));
        assert_eq!(m.excluded, [0]);
        let m = matches("Ushakov talks", &seed);
        assert!(lit(&seed, &m).contains(&"Ushakov"));
    }

    #[test]
    fn a_word_clause_lights_every_occurrence_including_inside_phrases() {
        let seed = samples::body(samples::SEED_004);
        let m = matches("\"direct flights\" flights", &seed);
        let flights = lit(&seed, &m)
            .iter()
            .filter(|w| w.starts_with("flight"))
            .count();
        assert_eq!(flights, seed.matches("flights").count());
    }

    #[test]
    fn phrase_prefixes_match_word_beginnings() {
        let seed = samples::body(samples::SEED_004);
        let m = matches("\"direct fli\"*", &seed);
        assert_eq!(m.units.len(), 2, "{:?}", lit(&seed, &m));
        assert!(lit(&seed, &m).contains(&"flights"));
    }
}
