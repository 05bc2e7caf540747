//! "Did you mean": words of the index close to a word of the query that no article holds.
//!
//! The prose fields are indexed stemmed (`elections` as `elect`), so their term dictionary
//! holds stems, and a stem may be far from the word a user misspelled (`electoin` is three
//! edits from `elect`, one from `election`). Suggestions are therefore spelled as the articles
//! spell them:
//! 1. Candidate stems are the terms of the searched fields within reach of the word or of a
//!    prefix of it at most [`SUFFIX_CHARS`] characters shorter (what stemming cuts off), found
//!    with a Levenshtein automaton over the term dictionary ([`super::fuzzy`]).
//! 2. The likeliest candidates are looked up in a few of the articles that hold them: the
//!    words there that analyse to the stem are its spellings (`election`, `elections`).
//! 3. A spelling is kept when it is within the word's allowed distance; suggestions rank by
//!    distance, then by the number of articles holding the stem, then alphabetically
//!    ([`rank`]). Searching for a suggestion finds the articles it was counted in.

use rustc_hash::FxHashMap;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{DocAddress, Index, Searcher, TantivyDocument, Term};

use super::fuzzy::{self, Near};

/// Characters stemming may cut off a word (`-ations`, `-ing`).
pub(crate) const SUFFIX_CHARS: usize = 4;
/// Candidate stems whose spellings are looked up.
const CANDIDATES: usize = 12;
/// Articles read for each candidate's spellings.
const ARTICLES_PER_CANDIDATE: usize = 3;
/// Suggestions kept for one word.
pub(crate) const MAX_SUGGESTIONS: usize = 3;

/// A word suggested instead of one of the query's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Suggestion {
    /// The word, as articles spell it (lowercased).
    pub word: String,
    /// Edits from the word typed.
    pub distance: u8,
    /// Articles holding it (its stem).
    pub articles: u64,
}

/// Best first: fewest edits, then the most articles, then alphabetical; one entry per word,
/// at most [`MAX_SUGGESTIONS`].
pub(crate) fn rank(mut suggestions: Vec<Suggestion>) -> Vec<Suggestion> {
    suggestions.sort_by(|a, b| {
        a.distance
            .cmp(&b.distance)
            .then(b.articles.cmp(&a.articles))
            .then_with(|| a.word.cmp(&b.word))
    });
    let mut seen = Vec::new();
    suggestions.retain(|s| {
        let new = !seen.contains(&s.word);
        seen.push(s.word.clone());
        new
    });
    suggestions.truncate(MAX_SUGGESTIONS);
    suggestions
}

/// Whether the index could suggest something for `word`: no numbers, not too short.
pub(crate) fn wants_suggestion(word: &str) -> bool {
    fuzzy::allowed_distance(word) > 0 && !word.chars().any(|c| c.is_numeric())
}

/// Suggestions for `word` (lowercased, as typed) from the terms of `fields`, which share the
/// prose analyzer.
pub(crate) fn suggest(
    index: &Index,
    searcher: &Searcher,
    fields: &[Field],
    word: &str,
) -> tantivy::Result<Vec<Suggestion>> {
    let allowed = fuzzy::allowed_distance(word);
    let Some(&first) = fields.first() else {
        return Ok(Vec::new());
    };
    if !wants_suggestion(word) {
        return Ok(Vec::new());
    }
    let stems = candidate_stems(searcher, fields, word, allowed)?;
    let spellings = spellings(index, searcher, fields, first, &stems)?;
    let whole = Near::word(word, allowed);
    let mut found = Vec::new();
    for stem in &stems {
        let mut spelled: Vec<(&String, &u64)> = spellings
            .get(&stem.text)
            .map(|s| s.iter().collect())
            .unwrap_or_default();
        // The stem itself is a word the search finds, when nothing in the text spells it.
        let own = 0;
        if spelled.is_empty() {
            spelled.push((&stem.text, &own));
        }
        let best = spelled
            .into_iter()
            .filter_map(|(spelling, count)| whole.distance(spelling).map(|d| (d, *count, spelling)))
            .min_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)));
        if let Some((distance, _, spelling)) = best {
            found.push(Suggestion {
                word: spelling.clone(),
                distance,
                articles: stem.docs,
            });
        }
    }
    Ok(rank(found))
}

/// The stems within reach of `word` or of a prefix of it, likeliest first (fewest edits to
/// that prefix, then the most articles), at most [`CANDIDATES`].
fn candidate_stems(
    searcher: &Searcher,
    fields: &[Field],
    word: &str,
    allowed: u8,
) -> tantivy::Result<Vec<fuzzy::Term>> {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let shortest = chars
        .len()
        .saturating_sub(SUFFIX_CHARS)
        .max(fuzzy::MIN_CHARS);
    let mut stems: FxHashMap<String, fuzzy::Term> = FxHashMap::default();
    for length in shortest..=chars.len() {
        let end = chars.get(length).map_or(word.len(), |&(at, _)| at);
        let near = Near::word(&word[..end], allowed);
        for &field in fields {
            for term in near.terms(searcher, field)? {
                // A prefix stands for the whole word only when stemming could have cut the
                // rest: a term needs at least the shortest length.
                if term.text.chars().count() < fuzzy::MIN_CHARS {
                    continue;
                }
                let entry = stems.entry(term.text.clone()).or_insert(fuzzy::Term {
                    distance: term.distance,
                    docs: 0,
                    ..term.clone()
                });
                entry.distance = entry.distance.min(term.distance);
                // Articles: the field holding the term in the most (a title word is nearly
                // always in the body too).
                entry.docs = entry.docs.max(term.docs);
            }
        }
    }
    let mut stems: Vec<fuzzy::Term> = stems.into_values().filter(|t| t.docs > 0).collect();
    stems.sort_by(|a, b| {
        a.distance
            .cmp(&b.distance)
            .then(b.docs.cmp(&a.docs))
            .then_with(|| a.text.cmp(&b.text))
    });
    stems.truncate(CANDIDATES);
    Ok(stems)
}

/// For each stem, the words of some articles holding it that analyse to it, with how often
/// each occurs there.
fn spellings(
    index: &Index,
    searcher: &Searcher,
    fields: &[Field],
    analysed_as: Field,
    stems: &[fuzzy::Term],
) -> tantivy::Result<FxHashMap<String, FxHashMap<String, u64>>> {
    let mut addresses: Vec<DocAddress> = Vec::new();
    for stem in stems {
        let clauses: Vec<(Occur, Box<dyn Query>)> = fields
            .iter()
            .map(|&field| {
                let term = Term::from_field_text(field, &stem.text);
                let query: Box<dyn Query> =
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                (Occur::Should, query)
            })
            .collect();
        let top = searcher.search(
            &BooleanQuery::new(clauses),
            &TopDocs::with_limit(ARTICLES_PER_CANDIDATE).order_by_score(),
        )?;
        addresses.extend(top.into_iter().map(|(_, address)| address));
    }
    addresses.sort();
    addresses.dedup();
    let mut analyzer = index.tokenizer_for_field(analysed_as)?;
    let mut found: FxHashMap<String, FxHashMap<String, u64>> = stems
        .iter()
        .map(|s| (s.text.clone(), FxHashMap::default()))
        .collect();
    for address in addresses {
        let doc: TantivyDocument = searcher.doc(address)?;
        for &field in fields {
            for value in doc.get_all(field) {
                let Some(text) = value.as_str() else { continue };
                let mut stream = analyzer.token_stream(text);
                while let Some(token) = stream.next() {
                    let Some(spellings) = found.get_mut(&token.text) else {
                        continue;
                    };
                    let Some(spelled) = text.get(token.offset_from..token.offset_to) else {
                        continue;
                    };
                    *spellings.entry(spelled.to_lowercase()).or_insert(0) += 1;
                }
            }
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema;
    use tantivy::TantivyDocument;

    fn s(word: &str, distance: u8, articles: u64) -> Suggestion {
        Suggestion {
            word: word.to_string(),
            distance,
            articles,
        }
    }

    #[test]
    fn fewer_edits_beat_more_articles_then_articles_decide() {
        let ranked = rank(vec![
            s("elector", 2, 40),
            s("election", 1, 3),
            s("selection", 1, 9),
            s("election", 2, 3),
            s("erection", 2, 1),
        ]);
        let words: Vec<&str> = ranked.iter().map(|s| s.word.as_str()).collect();
        assert_eq!(words, ["selection", "election", "elector"]);
    }

    #[test]
    fn ties_are_alphabetical_and_words_are_not_repeated() {
        let ranked = rank(vec![s("brawn", 1, 2), s("brown", 1, 2), s("brawn", 1, 2)]);
        let words: Vec<&str> = ranked.iter().map(|s| s.word.as_str()).collect();
        assert_eq!(words, ["brawn", "brown"]);
    }

    #[test]
    fn numbers_and_short_words_get_no_suggestion() {
        assert!(!wants_suggestion("2019"));
        assert!(!wants_suggestion("g20"));
        assert!(!wants_suggestion("us"));
        assert!(wants_suggestion("electoin"));
    }

    /// An in-memory index of these (title, body) articles.
    fn index(articles: &[(&str, &str)]) -> (Index, schema::Fields) {
        let index = Index::create_in_ram(schema::schema());
        schema::register_tokenizers(&index);
        let fields = schema::Fields::new(&index.schema()).expect("fields");
        let mut writer = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        for (title, body) in articles {
            let mut doc = TantivyDocument::default();
            doc.add_text(fields.title, title);
            doc.add_text(fields.body, body);
            writer.add_document(doc).expect("add");
        }
        writer.commit().expect("commit");
        (index, fields)
    }

    fn words(articles: &[(&str, &str)], word: &str) -> Vec<(String, u64)> {
        let (index, fields) = index(articles);
        let searcher = index.reader().expect("reader").searcher();
        suggest(&index, &searcher, &[fields.title, fields.body], word)
            .expect("suggest")
            .into_iter()
            .map(|s| (s.word, s.articles))
            .collect()
    }

    #[test]
    fn a_misspelling_is_mapped_to_the_spelling_of_a_stemmed_term() {
        let articles = [
            ("Election day", "The elections were held on Sunday."),
            ("Vote count", "The election result is due."),
            ("Electors", "The electors met."),
        ];
        // `election` is stemmed `elect`, three edits from `electoin`.
        let found = words(&articles, "electoin");
        assert_eq!(
            found.first(),
            Some(&("election".to_string(), 2)),
            "{found:?}"
        );
    }

    #[test]
    fn the_commoner_word_wins_among_equally_close_ones() {
        let articles = [
            ("Ambassador", "The ambassador spoke."),
            ("Envoy", "An ambassador arrived."),
            ("Embassador", "A rare embassador."),
        ];
        let found = words(&articles, "ambasador");
        assert_eq!(found[0], ("ambassador".to_string(), 2), "{found:?}");
        assert_eq!(found[1].0, "embassador", "{found:?}");
    }

    #[test]
    fn a_word_far_from_every_term_gets_nothing() {
        let found = words(&[("Harbour", "The harbour reopened.")], "zzyzxquux");
        assert!(found.is_empty(), "{found:?}");
    }
}
