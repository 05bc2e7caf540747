//! Terms of an index close to a word: a Levenshtein automaton (from `levenshtein_automata`, the
//! crate tantivy's fuzzy queries use) run over a field's term dictionary, so only the terms
//! within reach are visited.

use std::sync::OnceLock;

use levenshtein_automata::{DFA, Distance, LevenshteinAutomatonBuilder, SINK_STATE};
use rustc_hash::FxHashMap;
use tantivy::Searcher;
use tantivy::schema::Field;

/// The most edits between a word and a term suggested for it.
pub(crate) const MAX_DISTANCE: u8 = 2;

/// Words shorter than this (in characters) get no suggestion: too many terms are one edit away.
pub(crate) const MIN_CHARS: usize = 3;

/// How many edits a suggestion for `word` may be away: one for a short word, two for a longer
/// one (each edit is a letter added, dropped, changed, or two neighbours swapped).
pub(crate) fn allowed_distance(word: &str) -> u8 {
    match word.chars().count() {
        n if n < MIN_CHARS => 0,
        n if n <= 5 => 1,
        _ => MAX_DISTANCE,
    }
}

/// The automaton builders, one per distance: building one takes a while, using it does not.
fn builder(distance: u8) -> &'static LevenshteinAutomatonBuilder {
    static BUILDERS: [OnceLock<LevenshteinAutomatonBuilder>; MAX_DISTANCE as usize + 1] =
        [const { OnceLock::new() }; MAX_DISTANCE as usize + 1];
    let distance = distance.min(MAX_DISTANCE);
    BUILDERS[usize::from(distance)].get_or_init(|| LevenshteinAutomatonBuilder::new(distance, true))
}

/// The texts within some edits of a word, as an automaton.
pub(crate) struct Near {
    dfa: DFA,
}

impl Near {
    /// Texts within `distance` edits of `word`.
    pub(crate) fn word(word: &str, distance: u8) -> Near {
        Near {
            dfa: builder(distance).build_dfa(word),
        }
    }

    /// Texts that start with something within `distance` edits of `word` (`ushak` and `ushkov`
    /// both reach `ushakov`).
    pub(crate) fn prefix(word: &str, distance: u8) -> Near {
        Near {
            dfa: builder(distance).build_prefix_dfa(word),
        }
    }

    /// The edits from the word to `text`, when within reach.
    pub(crate) fn distance(&self, text: &str) -> Option<u8> {
        match self.dfa.eval(text) {
            Distance::Exact(d) => Some(d),
            Distance::AtLeast(_) => None,
        }
    }

    /// The terms of `field` within reach, with their edits and the number of documents holding
    /// each (summed over segments).
    pub(crate) fn terms(&self, searcher: &Searcher, field: Field) -> tantivy::Result<Vec<Term>> {
        let mut found: FxHashMap<String, Term> = FxHashMap::default();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(field)?;
            let mut stream = inverted
                .terms()
                .search(Automaton(&self.dfa))
                .into_stream()?;
            while stream.advance() {
                let Ok(text) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                let docs = u64::from(stream.value().doc_freq);
                match found.get_mut(text) {
                    Some(term) => term.docs += docs,
                    None => {
                        let distance = self.distance(text).unwrap_or(MAX_DISTANCE + 1);
                        found.insert(
                            text.to_string(),
                            Term {
                                text: text.to_string(),
                                distance,
                                docs,
                            },
                        );
                    }
                }
            }
        }
        Ok(found.into_values().collect())
    }
}

/// A term of the dictionary within reach of a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Term {
    pub text: String,
    /// Edits from the word (for a prefix automaton, to the term's closest prefix).
    pub distance: u8,
    /// Documents holding the term.
    pub docs: u64,
}

/// A Levenshtein DFA as the automaton tantivy searches its term dictionary with (as tantivy's
/// own `FuzzyTermQuery` wraps it).
struct Automaton<'a>(&'a DFA);

impl tantivy_fst::Automaton for Automaton<'_> {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(self.0.distance(*state), Distance::Exact(_))
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        self.0.transition(*state, byte)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_words_allow_one_edit_longer_ones_two() {
        assert_eq!(allowed_distance("us"), 0);
        assert_eq!(allowed_distance("brwn"), 1);
        assert_eq!(allowed_distance("talks"), 1);
        assert_eq!(allowed_distance("electoin"), 2);
    }

    #[test]
    fn a_swap_of_neighbours_is_one_edit() {
        let near = Near::word("electoin", 2);
        assert_eq!(near.distance("election"), Some(1));
        assert_eq!(near.distance("electoral"), None);
        assert_eq!(near.distance("elector"), Some(2));
        let prefix = Near::prefix("ushak", 1);
        assert_eq!(prefix.distance("ushakov"), Some(0));
        assert_eq!(prefix.distance("kushakov"), Some(1));
    }
}
