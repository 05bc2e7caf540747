//! Prefixes of whole-value fields: `path:sport*` in a query, and the `--path` filter.
//!
//! `id`, `path` and `url` are indexed whole, as one raw term each. tantivy's query parser
//! reads `path:sport*` as the literal term `sport*` (and `path:"sport"*` as a phrase prefix,
//! which needs two words and positions), so neither finds anything. Here such a leaf becomes a
//! range over the raw terms, `[sport, spors)`: every term that starts with the prefix, as the
//! term dictionary is sorted by bytes and UTF-8 keeps the order of characters.

use std::ops::Bound;

use tantivy::Term;
use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::query_grammar::{UserInputAst, UserInputBound, UserInputLeaf};
use tantivy::schema::{Field, IndexRecordOption};

/// Fields indexed as one raw term per value, where `field:prefix*` means a prefix.
pub const WHOLE_VALUE_FIELDS: &[&str] = &["id", "path", "url"];

/// Rewrite `field:prefix*` leaves over [`WHOLE_VALUE_FIELDS`] into term ranges; `changed` is
/// set when one was rewritten.
pub fn with_prefix_ranges(ast: UserInputAst, changed: &mut bool) -> UserInputAst {
    match ast {
        UserInputAst::Clause(clauses) => UserInputAst::Clause(
            clauses
                .into_iter()
                .map(|(occur, clause)| (occur, with_prefix_ranges(clause, changed)))
                .collect(),
        ),
        UserInputAst::Boost(inner, boost) => {
            UserInputAst::Boost(Box::new(with_prefix_ranges(*inner, changed)), boost)
        }
        UserInputAst::Leaf(leaf) => match *leaf {
            UserInputLeaf::Literal(literal)
                if literal
                    .field_name
                    .as_deref()
                    .is_some_and(|f| WHOLE_VALUE_FIELDS.contains(&f)) =>
            {
                let stem = match literal.phrase.strip_suffix('*') {
                    Some(stem) => Some(stem),
                    None => literal.prefix.then_some(literal.phrase.as_str()),
                };
                match stem {
                    Some(stem) => {
                        *changed = true;
                        UserInputAst::Leaf(Box::new(UserInputLeaf::Range {
                            field: literal.field_name.clone(),
                            lower: UserInputBound::Inclusive(stem.to_string()),
                            upper: successor(stem)
                                .map_or(UserInputBound::Unbounded, UserInputBound::Exclusive),
                        }))
                    }
                    None => UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(literal))),
                }
            }
            other => UserInputAst::Leaf(Box::new(other)),
        },
    }
}

/// The articles whose path (raw, corpus-relative) is `folder` or lies under it; a `folder`
/// ending with `*` is a plain prefix (`bbc/sport/0*`). `./` and trailing `/` are ignored;
/// `None` when what is left names the whole corpus.
pub fn under_folder(field: Field, folder: &str) -> Option<Box<dyn Query>> {
    let folder = folder.trim().replace('\\', "/");
    let mut folder = folder.as_str();
    while let Some(rest) = folder.strip_prefix("./") {
        folder = rest;
    }
    if let Some(stem) = folder.strip_suffix('*') {
        return (!stem.is_empty()).then(|| starting_with(field, stem));
    }
    let folder = folder.trim_end_matches('/');
    if folder.is_empty() || folder == "." {
        return None;
    }
    let itself: Box<dyn Query> = Box::new(TermQuery::new(
        Term::from_field_text(field, folder),
        IndexRecordOption::Basic,
    ));
    let below = starting_with(field, &format!("{folder}/"));
    Some(Box::new(BooleanQuery::new(vec![
        (Occur::Should, itself),
        (Occur::Should, below),
    ])))
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
pub fn successor(prefix: &str) -> Option<String> {
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

    fn rewritten(query: &str) -> (String, bool) {
        let mut changed = false;
        let ast = tantivy::query_grammar::parse_query(query).expect("parses");
        let ast = with_prefix_ranges(ast, &mut changed);
        (format!("{ast:?}"), changed)
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
