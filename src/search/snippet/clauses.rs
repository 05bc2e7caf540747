//! What a query asks to see in one field: its words, phrases (with slop), prefixes and the
//! words it excludes.
//!
//! Read from the query text with tantivy's own grammar (the one that parsed the search)
//! rather than from the built `Query` tree, which hides what highlighting needs: a phrase's
//! slop and the clauses inside boosted title queries. Each literal is analysed with the
//! field's tokenizer, so `flights` becomes the stem `flight` the index holds.

use regex::Regex;
use tantivy::query_grammar::{Occur, UserInputAst, UserInputLeaf, UserInputLiteral};
use tantivy::tokenizer::TextAnalyzer;

/// Most distinct word patterns one query highlights; the words of a longer query beyond
/// this are searched but not highlighted.
pub(crate) const MAX_PATTERNS: usize = 128;

/// Index of a pattern in [`FieldQuery::patterns`]; also its bit in a [`PatternSet`].
pub(crate) type PatternId = usize;
/// A set of patterns as bits.
pub(crate) type PatternSet = u128;

/// How a word of the text (its analysed term) is recognised.
#[derive(Debug, Clone)]
pub(crate) enum Pattern {
    /// The analysed term itself (`flight`).
    Exact(String),
    /// Terms starting with this (`"direct fli"*`, `negotiat*`).
    Prefix(String),
    /// Terms the whole of which this regular expression matches (`body:/negotiat.*/`).
    Regex(Regex),
}

impl Pattern {
    pub(crate) fn matches(&self, term: &str) -> bool {
        match self {
            Pattern::Exact(text) => term == text,
            Pattern::Prefix(prefix) => term.starts_with(prefix.as_str()),
            Pattern::Regex(regex) => regex.is_match(term),
        }
    }
}

/// One highlightable clause: a word, or a phrase of words at relative positions.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Clause {
    /// `(position offset, pattern)` of each word, in phrase order; one for a single word.
    pub words: Vec<(u32, PatternId)>,
    /// How far the words of a phrase may move from their places, all moves together.
    pub slop: u32,
    /// Ranking weight: the summed idf of its words (1 each until [`FieldQuery::weigh`]).
    pub weight: f32,
}

impl Clause {
    pub(crate) fn is_phrase(&self) -> bool {
        self.words.len() > 1
    }
}

/// The boolean shape of the query over this field's clauses, to tell whether a text (a
/// quote) satisfies it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tree {
    /// Anything not about this field's words: true for any text.
    Any,
    /// A clause of [`FieldQuery::clauses`] or, when excluded, of [`FieldQuery::excluded`].
    Clause(usize),
    Bool(Vec<(Occur, Tree)>),
}

impl Tree {
    /// Whether a text in which the clauses `found` occur satisfies the query.
    /// `found(i, excluded)` tells about clause `i` of the positive or the excluded list.
    pub(crate) fn holds(&self, found: &dyn Fn(usize, bool) -> bool) -> bool {
        self.eval(found, false)
    }

    /// Whether the tree says anything about this field's words.
    fn concerns_field(&self) -> bool {
        match self {
            Tree::Any => false,
            Tree::Clause(_) => true,
            Tree::Bool(children) => children.iter().any(|(_, child)| child.concerns_field()),
        }
    }

    fn eval(&self, found: &dyn Fn(usize, bool) -> bool, excluded: bool) -> bool {
        match self {
            Tree::Any => true,
            Tree::Clause(i) => found(*i, excluded),
            Tree::Bool(children) => {
                let mut should = None;
                for (occur, child) in children {
                    match occur {
                        Occur::Must if !child.eval(found, excluded) => return false,
                        // An exclusion about another field (`-path:sport/*`) is the article's
                        // business, not the text's.
                        Occur::MustNot if child.concerns_field() && child.eval(found, true) => {
                            return false;
                        }
                        Occur::Should => {
                            should = Some(should.unwrap_or(false) || child.eval(found, excluded))
                        }
                        _ => {}
                    }
                }
                let required = children.iter().any(|(o, _)| *o == Occur::Must);
                required || should.unwrap_or(true)
            }
        }
    }
}

/// Which field a [`FieldQuery`] is for, as the query syntax names it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Target<'a> {
    /// The field's name (`body`).
    pub name: &'a str,
    /// Whether words without a `field:` prefix search this field.
    pub default: bool,
}

/// The part of a query that concerns one field.
#[derive(Debug, Clone)]
pub(crate) struct FieldQuery {
    pub patterns: Vec<Pattern>,
    /// Clauses to highlight wherever they occur.
    pub clauses: Vec<Clause>,
    /// Clauses under a `-`: their words are never highlighted.
    pub excluded: Vec<Clause>,
    pub tree: Tree,
}

impl FieldQuery {
    /// The clauses of a parsed query for one field.
    pub(crate) fn new(
        ast: &UserInputAst,
        target: Target,
        analyzer: &mut TextAnalyzer,
    ) -> FieldQuery {
        let mut query = FieldQuery {
            patterns: Vec::new(),
            clauses: Vec::new(),
            excluded: Vec::new(),
            tree: Tree::Any,
        };
        let mut builder = Builder {
            target,
            analyzer,
            query: &mut query,
        };
        let tree = builder.walk(ast, false);
        query.tree = tree;
        query
    }

    /// Weigh each clause by the summed `idf` of its words. A prefix or a regex stands for
    /// several terms: it weighs 1, like a common word.
    pub(crate) fn weigh(&mut self, idf: &mut dyn FnMut(&str) -> f32) {
        let patterns = &self.patterns;
        for clause in self.clauses.iter_mut().chain(&mut self.excluded) {
            clause.weight = clause
                .words
                .iter()
                .map(|&(_, id)| match patterns.get(id) {
                    Some(Pattern::Exact(term)) => idf(term),
                    _ => 1.0,
                })
                .sum();
        }
    }

    /// A query that highlights nothing.
    pub(crate) fn empty() -> FieldQuery {
        FieldQuery {
            patterns: Vec::new(),
            clauses: Vec::new(),
            excluded: Vec::new(),
            tree: Tree::Any,
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// How many positions apart the words of one phrase occurrence may stand at most
    /// (offsets and slop); `None` without phrases.
    pub(crate) fn phrase_reach(&self) -> Option<u32> {
        self.clauses
            .iter()
            .chain(&self.excluded)
            .filter(|c| c.is_phrase())
            .map(|c| {
                let last = c.words.iter().map(|&(offset, _)| offset).max().unwrap_or(0);
                last.saturating_add(c.slop)
            })
            .max()
    }
}

struct Builder<'a> {
    target: Target<'a>,
    analyzer: &'a mut TextAnalyzer,
    query: &'a mut FieldQuery,
}

impl Builder<'_> {
    fn walk(&mut self, ast: &UserInputAst, excluded: bool) -> Tree {
        match ast {
            UserInputAst::Clause(children) => Tree::Bool(
                children
                    .iter()
                    .map(|(occur, child)| {
                        // Words are ANDed by default, as the search's parser is set up.
                        let occur = occur.unwrap_or(Occur::Must);
                        let tree = self.walk(child, excluded || occur == Occur::MustNot);
                        (occur, tree)
                    })
                    .collect(),
            ),
            UserInputAst::Boost(child, _) => self.walk(child, excluded),
            UserInputAst::Leaf(leaf) => self.leaf(leaf, excluded),
        }
    }

    fn applies(&self, field: Option<&str>) -> bool {
        match field {
            None => self.target.default,
            Some(name) => name == self.target.name,
        }
    }

    fn leaf(&mut self, leaf: &UserInputLeaf, excluded: bool) -> Tree {
        match leaf {
            UserInputLeaf::Literal(literal) if self.applies(literal.field_name.as_deref()) => {
                self.literal(literal, excluded)
            }
            UserInputLeaf::Set { field, elements } if self.applies(field.as_deref()) => {
                let any = elements
                    .iter()
                    .map(|element| {
                        let literal = UserInputLiteral {
                            field_name: None,
                            phrase: element.clone(),
                            delimiter: tantivy::query_grammar::Delimiter::None,
                            slop: 0,
                            prefix: false,
                        };
                        (Occur::Should, self.literal(&literal, excluded))
                    })
                    .collect();
                Tree::Bool(any)
            }
            UserInputLeaf::Regex { field, pattern } if self.applies(field.as_deref()) => {
                // tantivy matches a regex against whole terms.
                match Regex::new(&format!("^(?:{pattern})$")) {
                    Ok(regex) => self.clause(vec![(0, Pattern::Regex(regex))], 0, excluded),
                    Err(_) => Tree::Any,
                }
            }
            _ => Tree::Any,
        }
    }

    fn literal(&mut self, literal: &UserInputLiteral, excluded: bool) -> Tree {
        let mut words: Vec<(u32, String)> = Vec::new();
        {
            let mut stream = self.analyzer.token_stream(&literal.phrase);
            while let Some(token) = stream.next() {
                let position = u32::try_from(token.position).unwrap_or(u32::MAX);
                words.push((position, token.text.clone()));
            }
        }
        let Some(&(first, _)) = words.first() else {
            return Tree::Any;
        };
        let last = words.len() - 1;
        // `word*` is a prefix too (see `query::with_word_prefixes`).
        let prefix = literal.prefix
            || (literal.delimiter == tantivy::query_grammar::Delimiter::None
                && literal.phrase.ends_with('*'));
        let patterns = words
            .into_iter()
            .enumerate()
            .map(|(i, (position, term))| {
                let pattern = if prefix && i == last {
                    Pattern::Prefix(term)
                } else {
                    Pattern::Exact(term)
                };
                (position.saturating_sub(first), pattern)
            })
            .collect();
        self.clause(patterns, literal.slop, excluded)
    }

    fn clause(&mut self, words: Vec<(u32, Pattern)>, slop: u32, excluded: bool) -> Tree {
        let mut ids = Vec::with_capacity(words.len());
        for (offset, pattern) in words {
            let Some(id) = self.pattern_id(pattern) else {
                return Tree::Any;
            };
            ids.push((offset, id));
        }
        let weight = ids.len() as f32;
        let clause = Clause {
            words: ids,
            slop,
            weight,
        };
        let list = if excluded {
            &mut self.query.excluded
        } else {
            &mut self.query.clauses
        };
        let index = match list.iter().position(|c| *c == clause) {
            Some(index) => index,
            None => {
                list.push(clause);
                list.len() - 1
            }
        };
        Tree::Clause(index)
    }

    fn pattern_id(&mut self, pattern: Pattern) -> Option<PatternId> {
        let patterns = &mut self.query.patterns;
        let same = |p: &Pattern| match (p, &pattern) {
            (Pattern::Exact(a), Pattern::Exact(b)) | (Pattern::Prefix(a), Pattern::Prefix(b)) => {
                a == b
            }
            (Pattern::Regex(a), Pattern::Regex(b)) => a.as_str() == b.as_str(),
            _ => false,
        };
        if let Some(id) = patterns.iter().position(same) {
            return Some(id);
        }
        if patterns.len() >= MAX_PATTERNS {
            return None;
        }
        patterns.push(pattern);
        Some(patterns.len() - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::snippet::samples;

    fn body_query(text: &str) -> FieldQuery {
        samples::body_query(text).0
    }

    fn exact(query: &FieldQuery, id: PatternId) -> &str {
        match &query.patterns[id] {
            Pattern::Exact(text) | Pattern::Prefix(text) => text,
            Pattern::Regex(regex) => regex.as_str(),
        }
    }

    #[test]
    fn words_are_stemmed_like_the_index() {
        let q = body_query("Flights negotiations");
        let terms: Vec<&str> = q.clauses.iter().map(|c| exact(&q, c.words[0].1)).collect();
        assert_eq!(terms, ["flight", "negoti"]);
    }

    #[test]
    fn a_quoted_phrase_keeps_its_word_order_and_slop() {
        let q = body_query("\"direct flights\"~2");
        assert_eq!(q.clauses.len(), 1);
        let phrase = &q.clauses[0];
        assert!(phrase.is_phrase());
        assert_eq!(phrase.slop, 2);
        let words: Vec<(u32, &str)> = phrase
            .words
            .iter()
            .map(|&(offset, id)| (offset, exact(&q, id)))
            .collect();
        assert_eq!(words, [(0, "direct"), (1, "flight")]);
    }

    #[test]
    fn excluded_words_are_kept_apart() {
        let q = body_query("\"direct flights\" -Ushakov");
        assert_eq!(q.clauses.len(), 1);
        assert_eq!(q.excluded.len(), 1);
        assert_eq!(exact(&q, q.excluded[0].words[0].1), "ushakov");
    }

    #[test]
    fn other_fields_are_not_highlighted_here() {
        let q = body_query("title:Moscow speaker:ushakov body:talks");
        let terms: Vec<&str> = q.clauses.iter().map(|c| exact(&q, c.words[0].1)).collect();
        assert_eq!(terms, ["talk"]);
    }

    #[test]
    fn a_trailing_star_makes_the_last_word_a_prefix() {
        let q = body_query("\"direct fli\"*");
        let last = q.clauses[0].words[1].1;
        assert!(matches!(&q.patterns[last], Pattern::Prefix(p) if p == "fli"));
        // A word ending in `*` is the prefix its field's analyzer makes of it.
        let q = body_query("Flies*");
        assert!(matches!(&q.patterns[0], Pattern::Prefix(p) if p == "fli"));
    }

    #[test]
    fn the_tree_tells_which_texts_satisfy_the_query() {
        let q = body_query("talks (Moscow OR Washington) -Ushakov");
        let holds = |present: &[&str]| {
            q.tree.holds(&|i, excluded| {
                let clause = if excluded {
                    &q.excluded[i]
                } else {
                    &q.clauses[i]
                };
                present.contains(&exact(&q, clause.words[0].1))
            })
        };
        assert!(holds(&["talk", "moscow"]));
        assert!(holds(&["talk", "washington"]));
        assert!(!holds(&["talk"]));
        assert!(!holds(&["moscow"]));
        assert!(!holds(&["talk", "moscow", "ushakov"]));
    }
}
