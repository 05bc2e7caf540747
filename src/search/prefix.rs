//! Prefixes: `trum*` and `path:sport*` in a query, and the `--path` filter.
//!
//! tantivy's query grammar has prefixes for phrases only (`"direct fli"*`): it reads `trum*`
//! as the word "trum" and `path:sport*` as the literal term `sport*` (and `path:"sport"*` as a
//! phrase prefix, which needs two words and positions), so none of them finds anything. Here a
//! literal ending in `*` becomes what its field can answer:
//! - in a field of words (`title`, `body`, names), a regular expression over the field's terms,
//!   its prefix analysed as the field analyses text (lowercased, accents folded, stemmed in
//!   prose: `flies*` is `fli*`);
//! - in a field indexed whole (`id`, `path`, `url`), a range over the raw terms,
//!   `[sport, spors)`: every term that starts with the prefix, as the term dictionary is sorted
//!   by bytes and UTF-8 keeps the order of characters.

use std::ops::Bound;

use tantivy::Term;
use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::query_grammar::{
    Delimiter, UserInputAst, UserInputBound, UserInputLeaf, UserInputLiteral,
};
use tantivy::schema::{Field, IndexRecordOption};

use super::query::map_leaves;
use crate::index::schema;

/// Fields indexed as one raw term per value, where `field:prefix*` means a prefix.
pub(crate) const WHOLE_VALUE_FIELDS: &[&str] = &["id", "path", "url"];

/// Fields a word without `field:` searches.
const DEFAULT_FIELDS: &[&str] = &["title", "body"];

/// Rewrite the literals ending in `*` into what their fields can answer (see the module
/// comment); `changed` is set when one was rewritten.
pub(crate) fn with_prefixes(ast: UserInputAst, changed: &mut bool) -> UserInputAst {
    map_leaves(ast, &mut |leaf| {
        let rewritten = match &leaf {
            UserInputLeaf::Literal(literal) => {
                whole_value_range(literal).or_else(|| word_prefix(literal))
            }
            _ => None,
        };
        match rewritten {
            Some(ast) => {
                *changed = true;
                ast
            }
            None => UserInputAst::Leaf(Box::new(leaf)),
        }
    })
}

/// `path:sport*` (or `path:"sport/"*`) as a range over the raw terms of a whole-value field.
fn whole_value_range(literal: &UserInputLiteral) -> Option<UserInputAst> {
    let field = literal.field_name.as_deref()?;
    if !WHOLE_VALUE_FIELDS.contains(&field) {
        return None;
    }
    let stem = match literal.phrase.strip_suffix('*') {
        Some(stem) => stem,
        None => literal.prefix.then_some(literal.phrase.as_str())?,
    };
    Some(UserInputAst::Leaf(Box::new(UserInputLeaf::Range {
        field: literal.field_name.clone(),
        lower: UserInputBound::Inclusive(stem.to_string()),
        upper: successor(stem).map_or(UserInputBound::Unbounded, UserInputBound::Exclusive),
    })))
}

/// `trum*` (or a phrase of one word, `"trum"*`, which tantivy's phrase prefixes refuse) as a
/// regular expression over the terms of each field of words it searches (`title` and `body`
/// when it names none); `None` when a field cannot analyse the prefix to one term.
fn word_prefix(literal: &UserInputLiteral) -> Option<UserInputAst> {
    let prefix = if literal.delimiter == Delimiter::None {
        let prefix = literal.phrase.strip_suffix('*')?;
        if prefix.is_empty() || !prefix.chars().all(char::is_alphanumeric) {
            return None;
        }
        prefix
    } else if literal.prefix {
        literal.phrase.as_str()
    } else {
        return None;
    };
    let named = literal.field_name.as_deref().map(|field| [field]);
    let fields: &[&str] = named
        .as_ref()
        .map_or(DEFAULT_FIELDS, |named| named.as_slice());
    let leaves = fields
        .iter()
        .map(|&field| {
            let mut analyzer = schema::field_analyzer(field)?;
            let [term] = schema::terms(&mut analyzer, prefix).try_into().ok()?;
            let regex = UserInputLeaf::Regex {
                field: Some(field.to_string()),
                pattern: format!("{}.*", regex::escape(&term)),
            };
            Some((Some(Occur::Should), UserInputAst::Leaf(Box::new(regex))))
        })
        .collect::<Option<Vec<_>>>()?;
    Some(UserInputAst::Clause(leaves))
}

/// What `--path` keeps: the paths under a folder of the corpus (or equal to it: a file), or,
/// for a spec ending with `*`, the paths that start with what precedes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PathFilter {
    /// A path kept as it is (the folder or file named).
    exact: Option<String>,
    /// Paths that start with this are kept.
    prefix: String,
}

impl PathFilter {
    /// The filter a `--path` value asks for (`bbc/sport`, `./bbc/sport/`, `bbc/sport/0*`);
    /// `None` when it names the whole corpus.
    pub(crate) fn new(spec: &str) -> Option<PathFilter> {
        let spec = corpus_relative(spec);
        let spec = spec.as_str();
        if let Some(stem) = spec.strip_suffix('*') {
            return (!stem.is_empty()).then(|| PathFilter {
                exact: None,
                prefix: stem.to_string(),
            });
        }
        let folder = spec.trim_end_matches('/');
        if folder.is_empty() || folder == "." {
            return None;
        }
        Some(PathFilter {
            exact: Some(folder.to_string()),
            prefix: format!("{folder}/"),
        })
    }

    /// Whether a corpus-relative path is kept.
    pub(crate) fn keeps(&self, path: &str) -> bool {
        self.exact.as_deref() == Some(path) || path.starts_with(&self.prefix)
    }

    /// The documents whose raw `field` (the path) the filter keeps.
    pub(crate) fn query(&self, field: Field) -> Box<dyn Query> {
        let below = starting_with(field, &self.prefix);
        let Some(exact) = &self.exact else {
            return below;
        };
        let itself: Box<dyn Query> = Box::new(TermQuery::new(
            Term::from_field_text(field, exact),
            IndexRecordOption::Basic,
        ));
        Box::new(BooleanQuery::new(vec![
            (Occur::Should, itself),
            (Occur::Should, below),
        ]))
    }
}

/// A path as the user wrote it, in the form the index keeps paths relative to the corpus:
/// `/` between folders, no leading `./`.
pub(crate) fn corpus_relative(path: &str) -> String {
    let path = path.trim().replace('\\', "/");
    let mut relative = path.as_str();
    while let Some(rest) = relative.strip_prefix("./") {
        relative = rest;
    }
    relative.to_string()
}

/// The documents with a raw term of `field` that starts with `stem`.
fn starting_with(field: Field, stem: &str) -> Box<dyn Query> {
    let upper = successor(stem).map_or(Bound::Unbounded, |s| {
        Bound::Excluded(Term::from_field_text(field, &s))
    });
    Box::new(RangeQuery::new(
        Bound::Included(Term::from_field_text(field, stem)),
        upper,
    ))
}

/// The first string after every string that starts with `prefix`: its last character
/// that has a next one, moved up by one, and what followed dropped (`sport` → `sporu`).
/// `None` when there is none (an empty prefix, or only `char::MAX`).
pub(crate) fn successor(prefix: &str) -> Option<String> {
    let mut chars: Vec<char> = prefix.chars().collect();
    while let Some(last) = chars.pop() {
        let next = match last {
            '\u{D7FF}' => Some('\u{E000}'),
            c => char::from_u32(u32::from(c) + 1),
        };
        if let Some(next) = next {
            chars.push(next);
            return Some(chars.into_iter().collect());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_successor_is_above_every_string_with_the_prefix() {
        assert_eq!(successor("sport").as_deref(), Some("sporu"));
        assert_eq!(successor("a/").as_deref(), Some("a0"));
        assert_eq!(successor("é").as_deref(), Some("ê"));
        assert_eq!(successor("a\u{10FFFF}").as_deref(), Some("b"));
        assert_eq!(successor("\u{D7FF}").as_deref(), Some("\u{E000}"));
        assert_eq!(successor(""), None);
        assert_eq!(successor("\u{10FFFF}"), None);
        for (prefix, inside) in [("sport", "sport/zz\u{10FFFF}"), ("a", "a\u{10FFFF}")] {
            let upper = successor(prefix).unwrap();
            assert!(
                prefix <= inside && inside < upper.as_str(),
                "{prefix} {inside}"
            );
        }
    }

    #[test]
    fn a_path_filter_keeps_a_folder_or_a_prefix() {
        let sport = PathFilter::new("./bbc/sport/").unwrap();
        assert_eq!(Some(sport.clone()), PathFilter::new("bbc/sport"));
        assert!(sport.keeps("bbc/sport/a.txt") && sport.keeps("bbc/sport/x/b.txt"));
        assert!(sport.keeps("bbc/sport"));
        assert!(!sport.keeps("bbc/sports/c.txt") && !sport.keeps("bbc/sport.txt"));
        let prefix = PathFilter::new("bbc/sport*").unwrap();
        assert!(prefix.keeps("bbc/sports/c.txt") && prefix.keeps("bbc/sport.txt"));
        assert!(!prefix.keeps("bbc/spor"));
        for whole in ["", ".", "./", "/", "*"] {
            assert_eq!(PathFilter::new(whole), None, "{whole:?}");
        }
    }

    /// The query with only its whole-value prefixes rewritten.
    fn rewritten(query: &str) -> (String, bool) {
        let mut changed = false;
        let ast = tantivy::query_grammar::parse_query(query).expect("parses");
        let ast = map_leaves(ast, &mut |leaf| {
            let range = match &leaf {
                UserInputLeaf::Literal(literal) => whole_value_range(literal),
                _ => None,
            };
            changed |= range.is_some();
            range.unwrap_or_else(|| UserInputAst::Leaf(Box::new(leaf)))
        });
        (format!("{ast:?}"), changed)
    }

    #[test]
    fn a_phrase_of_one_word_with_a_star_is_a_word_prefix() {
        let rewrite = |q: &str| {
            let mut changed = false;
            let ast = tantivy::query_grammar::parse_query(q).expect("parses");
            let ast = with_prefixes(ast, &mut changed);
            (changed, format!("{ast:?}"))
        };
        let (changed, ast) = rewrite("\"trum\"*");
        assert!(changed && ast.contains("trum.*"), "{ast}");
        let (changed, _) = rewrite("\"direct fl\"*");
        assert!(!changed, "a phrase of two words stays a phrase prefix");
    }

    #[test]
    fn a_prefix_on_a_whole_value_field_becomes_a_range() {
        let (ast, changed) = rewritten("flights path:seeds/00*");
        assert!(changed);
        assert!(
            ast.contains(r#""path":["seeds/00" TO "seeds/01"}"#),
            "{ast}"
        );
        let (ast, changed) = rewritten(r#"url:"https://x.org/a"*"#);
        assert!(changed, "{ast}");
        let (_, changed) = rewritten("path:seeds title:fli* flights*");
        assert!(!changed, "no prefix on a whole-value field");
    }
}
