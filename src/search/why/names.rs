//! The names a name filter (`--speaker`, `--location`) may have meant when it matches none.
//!
//! Each word of the filter is looked for among the words of the field's names (its term
//! dictionary) with a Levenshtein automaton that also accepts longer words starting within
//! reach (`brwn` reaches `brown`, `ushak` reaches `ushakov`). The names holding those words
//! (read with their spelling from the field's column) rank by how many of the filter's words
//! they hold, then by the fewest edits (a word only started counts one edit more), then by
//! the number of articles.

use std::cmp::Reverse;
use std::collections::HashMap;

use rustc_hash::FxHashMap;
use tantivy::schema::Field;
use tantivy::{Index, Searcher};

use super::fuzzy::{self, Near};
use crate::index::schema;
use crate::index::stats::{self, Count};

/// Names suggested for a filter.
pub(super) const MAX_NAMES: usize = 5;

/// The names of `field` (whose column `column` keeps their spelling) closest to `typed`.
pub(super) fn closest(
    index: &Index,
    searcher: &Searcher,
    field: Field,
    column: &str,
    typed: &str,
) -> tantivy::Result<Vec<Count>> {
    let mut analyzer = index.tokenizer_for_field(field)?;
    let wanted = schema::terms(&mut analyzer, typed);
    // For each word of the filter: the words of names within reach, and their cost.
    let mut reach: Vec<FxHashMap<String, u8>> = Vec::with_capacity(wanted.len());
    for word in &wanted {
        let allowed = fuzzy::allowed_distance(word);
        let whole = Near::word(word, allowed);
        let mut costs = FxHashMap::default();
        for term in Near::prefix(word, allowed).terms(searcher, field)? {
            let cost = whole
                .distance(&term.text)
                .unwrap_or(term.distance.saturating_add(1));
            costs.insert(term.text, cost);
        }
        reach.push(costs);
    }
    if reach.iter().all(FxHashMap::is_empty) {
        return Ok(Vec::new());
    }
    let mut names = HashMap::new();
    for segment in searcher.segment_readers() {
        stats::count_values(segment, column, &mut names)?;
    }
    let mut ranked: Vec<(usize, u32, Count)> = names
        .into_iter()
        .filter_map(|(name, articles)| {
            let (held, cost) = score(&reach, &schema::terms(&mut analyzer, &name));
            (held > 0).then_some((
                held,
                cost,
                Count {
                    value: name,
                    articles,
                },
            ))
        })
        .collect();
    ranked.sort_by(|a, b| {
        Reverse(a.0)
            .cmp(&Reverse(b.0))
            .then(a.1.cmp(&b.1))
            .then(b.2.articles.cmp(&a.2.articles))
            .then_with(|| a.2.value.cmp(&b.2.value))
    });
    Ok(ranked
        .into_iter()
        .take(MAX_NAMES)
        .map(|(_, _, count)| count)
        .collect())
}

/// How many of the filter's words a name holds, and the edits they cost in all.
fn score(reach: &[FxHashMap<String, u8>], name: &[String]) -> (usize, u32) {
    let mut held = 0;
    let mut cost = 0;
    for costs in reach {
        if let Some(best) = name.iter().filter_map(|w| costs.get(w)).min() {
            held += 1;
            cost += u32::from(*best);
        }
    }
    (held, cost)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reach(entries: &[(&str, u8)]) -> FxHashMap<String, u8> {
        entries.iter().map(|(w, c)| (w.to_string(), *c)).collect()
    }

    fn name(text: &str) -> Vec<String> {
        text.split(' ').map(str::to_lowercase).collect()
    }

    #[test]
    fn a_name_holding_more_of_the_words_scores_better() {
        let reach = [reach(&[("gordon", 0)]), reach(&[("brown", 1)])];
        assert_eq!(score(&reach, &name("Gordon Brown")), (2, 1));
        assert_eq!(score(&reach, &name("Chris Brown")), (1, 1));
        assert_eq!(score(&reach, &name("Tony Blair")), (0, 0));
    }
}
