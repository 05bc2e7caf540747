//! Turning what the user typed into a tantivy query: the query syntax, then the filters.
//!
//! The syntax is tantivy's: words are ANDed, `"phrases"` (with `~N` slop), `-exclude`, `OR`,
//! parentheses and `field:value` over the fields users know (`path:sport/*` is a prefix of a
//! whole-value field: see `super::prefix`); `mentions:DATE` keeps the articles that mention
//! a day of that span (see `with_mentions`). Filters (`--speaker`, `--location`, `--path`,
//! `--since`, `--until`, `--mentions`) are added as non-scoring clauses.

use std::borrow::Cow;
use std::ops::Bound;
use std::path::Path;

use chrono::NaiveDate;
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, PhraseQuery, Query, QueryParser,
    QueryParserError, RangeQuery, TermQuery,
};
use tantivy::query_grammar::{UserInputAst, UserInputBound, UserInputLeaf};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Index, TantivyError, Term};

use super::period::{self, Days};
use super::speaker::SpeakerFilter;
use super::typed;
use crate::error::{Error, QueryProblem, Result};
use crate::index::schema::{self, Fields};

use super::prefix;

/// Boost of the title over the body in ranking.
pub(crate) const TITLE_BOOST: f32 = 2.0;

/// Fields a query may name.
pub(crate) const QUERY_FIELDS: &[&str] = &[
    "title", "body", "speaker", "location", "country", "path", "url", "id", MENTIONS,
];

/// The name a query gives the days an article mentions (`mentions:2025-02-27`): the `date`
/// field, searched as a span of days (see [`with_mentions`]).
pub(crate) const MENTIONS: &str = "mentions";

/// Filters applied on top of the query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    /// A speaker's name or part of it (`ushakov`, `Yuri Ushakov`), case-insensitive.
    pub speaker: Option<String>,
    /// A place name, case-insensitive.
    pub location: Option<String>,
    /// A folder of the corpus (or, ending with `*`, a path prefix) the article's path lies in.
    pub path: Option<String>,
    /// Publication date on or after this day.
    pub since: Option<NaiveDate>,
    /// Publication date on or before this day.
    pub until: Option<NaiveDate>,
    /// The article mentions a day of this span (`--mentions`).
    pub mentions: Option<Days>,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        self == &Filters::default()
    }
}

/// The query parser for an index: title and body by default, AND between words.
pub fn parser(index: &Index, fields: &Fields) -> QueryParser {
    let mut parser = QueryParser::for_index(index, vec![fields.title, fields.body]);
    parser.set_conjunction_by_default();
    parser.set_field_boost(fields.title, TITLE_BOOST);
    // For `word*` prefixes (see `prefix::with_prefixes`): the typed query never holds a
    // regular expression of the user's (a `/` inside a word is punctuation).
    parser.allow_regexes();
    parser
}

/// What the user typed, in tantivy's grammar (see [`super::typed`]): punctuation inside words
/// is never syntax. An unclosed phrase or parenthesis is refused, and so is a query of
/// punctuation alone, which has nothing to look for.
pub(crate) fn typed(query: &str) -> Result<Cow<'_, str>> {
    if typed::is_only_punctuation(query) {
        return Err(refused(query, QueryProblem::OnlyPunctuation));
    }
    typed::rewrite(query).map_err(|unbalanced| refused(query, unbalanced.into()))
}

/// The error refusing `query` for `problem`, quoting at most [`QUOTED_CHARS`] of the query.
pub(crate) fn refused(query: &str, problem: QueryProblem) -> Error {
    Error::Query {
        query: shorten(query),
        problem,
    }
}

/// An error about a query rewritten by [`typed`], told about the query as the user typed it.
pub(crate) fn as_typed(error: Error, typed: &str) -> Error {
    match error {
        Error::Query { problem, .. } => refused(typed, problem),
        other => other,
    }
}

/// Parse the query text (without filters), in tantivy's grammar: see `typed`.
pub fn parse_text(parser: &QueryParser, query: &str) -> Result<Box<dyn Query>> {
    // The message quotes the query (and tantivy's reason may quote it again): keep a pasted
    // page of text from becoming a page of error (see `shorten`).
    let refuse = |problem: QueryProblem| refused(query, problem);
    if query.trim().is_empty() {
        return Ok(Box::new(AllQuery));
    }
    if query.chars().filter(|&c| c == '"').count() % 2 == 1 {
        return Err(refuse(QueryProblem::UnbalancedQuotes));
    }
    if nesting(query) > MAX_NESTING {
        return Err(refuse(QueryProblem::TooDeep { limit: MAX_NESTING }));
    }
    let whole = parser.parse_query(query);
    // Only a query that names `id` or `mentions`, or has a `*`, is parsed again, to be
    // rewritten (`path:x*` fails as a phrase prefix, so the error of the whole query waits for
    // the rewrite).
    if !query.contains("id") && !query.contains('*') && !query.contains(MENTIONS) {
        return whole.map_err(|e| refuse(describe(e)));
    }
    let mut rewritten = false;
    match tantivy::query_grammar::parse_query(query) {
        Ok(ast) => {
            let ast = rewritten_ast(ast, &mut rewritten).map_err(refuse)?;
            if !rewritten {
                return whole.map_err(|e| refuse(describe(e)));
            }
            parser
                .build_query_from_user_input_ast(ast)
                .map_err(|e| refuse(describe(e)))
        }
        Err(_) => whole.map_err(|e| refuse(describe(e))),
    }
}

/// What tantivy's grammar reads differently from newsdex's: `id:` also in paths, prefixes of
/// whole values (`path:sport*`) and of words (`trum*`), `mentions:` as a span of days.
/// `rewritten` is set when something was; a `mentions:` value that is no span is refused.
fn rewritten_ast(ast: UserInputAst, rewritten: &mut bool) -> Result<UserInputAst, QueryProblem> {
    let ast = with_mentions(ast, rewritten)?;
    Ok(prefix::with_prefixes(
        with_ids_in_paths(ast, rewritten),
        rewritten,
    ))
}

/// `mentions:2025-02-27` (a day, month, year or `FROM..TO`, see [`period::days`]) becomes a
/// range over the days the article mentions (the `date` field), and `mentions:*` "mentions any
/// day". `rewritten` is set when the query names `mentions`.
fn with_mentions(ast: UserInputAst, rewritten: &mut bool) -> Result<UserInputAst, QueryProblem> {
    let mut refusal: Option<String> = None;
    let ast = map_leaves(ast, &mut |leaf| {
        let names_mentions = |field: Option<&str>| field == Some(MENTIONS);
        match leaf {
            UserInputLeaf::Literal(literal) if names_mentions(literal.field_name.as_deref()) => {
                *rewritten = true;
                match period::days(&literal.phrase) {
                    Ok(days) => UserInputAst::Leaf(Box::new(mentioned_days(days))),
                    Err(reason) => {
                        refusal.get_or_insert(format!(
                            "mentions:{}: {reason} (mentions: takes YYYY-MM-DD, YYYY-MM, YYYY \
                             or FROM..TO)",
                            literal.phrase
                        ));
                        UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(literal)))
                    }
                }
            }
            UserInputLeaf::Exists { field } if field == MENTIONS => {
                *rewritten = true;
                UserInputAst::Leaf(Box::new(UserInputLeaf::Exists {
                    field: schema::DATE.to_string(),
                }))
            }
            UserInputLeaf::Range { ref field, .. }
            | UserInputLeaf::Set { ref field, .. }
            | UserInputLeaf::Regex { ref field, .. }
                if names_mentions(field.as_deref()) =>
            {
                *rewritten = true;
                refusal.get_or_insert(
                    "mentions: takes YYYY-MM-DD, YYYY-MM, YYYY or FROM..TO".to_string(),
                );
                UserInputAst::Leaf(Box::new(leaf))
            }
            other => UserInputAst::Leaf(Box::new(other)),
        }
    });
    match refusal {
        Some(reason) => Err(QueryProblem::Other(shorten(&reason))),
        None => Ok(ast),
    }
}

/// A range over the `date` field covering a span of days.
fn mentioned_days(days: Days) -> UserInputLeaf {
    let bound = |day: Option<NaiveDate>| match day {
        // Days tantivy cannot hold are clamped as the filters clamp them.
        Some(day) => UserInputBound::Inclusive(
            schema::datetime_to_day(schema::day_to_datetime(day))
                .unwrap_or(day)
                .and_time(chrono::NaiveTime::MIN)
                .and_utc()
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        ),
        None => UserInputBound::Unbounded,
    };
    UserInputLeaf::Range {
        field: Some(schema::DATE.to_string()),
        lower: bound(days.first),
        upper: bound(days.last),
    }
}

/// `ast` with each leaf replaced by what `rewrite` makes of it: the one walk every rewrite of
/// a parsed query shares.
pub(crate) fn map_leaves(
    ast: UserInputAst,
    rewrite: &mut impl FnMut(UserInputLeaf) -> UserInputAst,
) -> UserInputAst {
    match ast {
        UserInputAst::Clause(clauses) => UserInputAst::Clause(
            clauses
                .into_iter()
                .map(|(occur, clause)| (occur, map_leaves(clause, rewrite)))
                .collect(),
        ),
        UserInputAst::Boost(inner, boost) => {
            UserInputAst::Boost(Box::new(map_leaves(*inner, rewrite)), boost)
        }
        UserInputAst::Leaf(leaf) => rewrite(*leaf),
    }
}

/// Score an article gets under `--any` for each part of the query it holds: more than BM25
/// gives all the words of a query together, so that articles holding more parts rank first.
pub(crate) const ANY_PART_SCORE: f32 = 1000.0;

/// [`parse_text`] for `--any`: the top-level parts of an all-words query become optional. An
/// article matches when it holds any of them, and scores [`ANY_PART_SCORE`] for each it holds
/// plus their BM25, so that articles holding the most parts come first, best first among
/// equals. Excluded words stay excluded.
pub(crate) fn parse_any(parser: &QueryParser, query: &str) -> Result<Box<dyn Query>> {
    // The whole query is parsed first for its errors, which name what the user wrote.
    let whole = parse_text(parser, query)?;
    let Ok(UserInputAst::Clause(parts)) = tantivy::query_grammar::parse_query(query) else {
        return Ok(whole);
    };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::with_capacity(parts.len() * 2);
    for (occur, part) in parts {
        let refuse = |problem: QueryProblem| refused(query, problem);
        let part = rewritten_ast(part, &mut false).map_err(refuse)?;
        let part = parser
            .build_query_from_user_input_ast(part)
            .map_err(|e| refuse(describe(e)))?;
        if occur == Some(Occur::MustNot) {
            clauses.push((Occur::MustNot, part));
        } else {
            let counted = ConstScoreQuery::new(part.box_clone(), ANY_PART_SCORE);
            clauses.push((Occur::Should, Box::new(counted)));
            clauses.push((Occur::Should, part));
        }
    }
    if !clauses.iter().any(|(occur, _)| *occur == Occur::Should) {
        return Ok(whole);
    }
    Ok(Box::new(BooleanQuery::new(clauses)))
}

/// `id:X` becomes `(id:X OR path:X)`: an article whose id is its path keeps no id of its own
/// (see [`schema::article_id`]). `names_id` is set when the query names `id`.
fn with_ids_in_paths(ast: UserInputAst, names_id: &mut bool) -> UserInputAst {
    map_leaves(ast, &mut |leaf| {
        let mut on_path = leaf.clone();
        let field = match &mut on_path {
            UserInputLeaf::Literal(literal) => literal.field_name.as_mut(),
            UserInputLeaf::Range { field, .. }
            | UserInputLeaf::Set { field, .. }
            | UserInputLeaf::Regex { field, .. } => field.as_mut(),
            UserInputLeaf::Exists { field } => Some(field),
            UserInputLeaf::All => None,
        };
        match field {
            Some(name) if name == "id" => {
                *name = schema::PATH.to_string();
                *names_id = true;
                UserInputAst::Clause(vec![
                    (Some(Occur::Should), UserInputAst::Leaf(Box::new(leaf))),
                    (Some(Occur::Should), UserInputAst::Leaf(Box::new(on_path))),
                ])
            }
            _ => UserInputAst::Leaf(Box::new(leaf)),
        }
    })
}

/// [`parse_text`], leaving out the words the query excludes: the query then matches every
/// document the whole one matches, and more. Quote searches need this: an excluded word rules
/// a quote out, not the article it comes from.
pub(crate) fn parse_text_without_exclusions(
    parser: &QueryParser,
    query: &str,
) -> Result<Box<dyn Query>> {
    // The whole query is parsed first for its errors, which name what the user wrote.
    let whole = parse_text(parser, query)?;
    let Ok(ast) = tantivy::query_grammar::parse_query(query) else {
        return Ok(whole);
    };
    let ast = rewritten_ast(ast, &mut false).map_err(|problem| refused(query, problem))?;
    match without_exclusions(ast) {
        Some(ast) => parser
            .build_query_from_user_input_ast(ast)
            .map_err(|e| refused(query, describe(e))),
        None => Ok(Box::new(AllQuery)),
    }
}

/// A query without its `-excluded` clauses about the default fields; `None` when nothing else
/// is left. An exclusion that names another field (`-title:kremlin`, `-path:sport/*`) is
/// about the article, and stays.
fn without_exclusions(ast: UserInputAst) -> Option<UserInputAst> {
    match ast {
        UserInputAst::Clause(clauses) => {
            let kept: Vec<_> = clauses
                .into_iter()
                .filter(|(occur, clause)| {
                    *occur != Some(Occur::MustNot) || !names_default_field(clause)
                })
                .filter_map(|(occur, clause)| without_exclusions(clause).map(|c| (occur, c)))
                .collect();
            (!kept.is_empty()).then_some(UserInputAst::Clause(kept))
        }
        UserInputAst::Boost(inner, boost) => {
            without_exclusions(*inner).map(|inner| UserInputAst::Boost(Box::new(inner), boost))
        }
        leaf => Some(leaf),
    }
}

/// Whether a part of a query looks in a default field (no `field:`, or `body:`) anywhere.
fn names_default_field(ast: &UserInputAst) -> bool {
    match ast {
        UserInputAst::Clause(clauses) => clauses.iter().any(|(_, c)| names_default_field(c)),
        UserInputAst::Boost(inner, _) => names_default_field(inner),
        UserInputAst::Leaf(leaf) => match &**leaf {
            UserInputLeaf::Literal(literal) => {
                literal.field_name.as_deref().is_none_or(|f| f == "body")
            }
            UserInputLeaf::Range { field, .. }
            | UserInputLeaf::Set { field, .. }
            | UserInputLeaf::Regex { field, .. } => field.as_deref().is_none_or(|f| f == "body"),
            UserInputLeaf::Exists { field } => field == "body",
            UserInputLeaf::All => true,
        },
    }
}

/// Parentheses deeper than this are refused: tantivy's parser recurses once per level, and
/// some tens of thousands of levels overflow the stack (an abort, not even a panic).
const MAX_NESTING: usize = 64;

/// How deep parentheses outside phrases nest.
fn nesting(query: &str) -> usize {
    let (mut depth, mut deepest, mut quoted) = (0usize, 0, false);
    for c in query.chars() {
        match c {
            '"' => quoted = !quoted,
            '(' if !quoted => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ')' if !quoted => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// The error of a search that failed on what the query asked for rather than on the index:
/// `title:*` parses, but only some fields can be searched for "any value".
pub(crate) fn search_error(path: &Path, query: &str, error: TantivyError) -> Error {
    match error {
        TantivyError::FieldNotFound(field) => refused(query, unknown_field(&field)),
        TantivyError::SchemaError(reason) => {
            refused(query, QueryProblem::Unsupported(shorten(&reason)))
        }
        other => crate::index::engine(path, other),
    }
}

/// At most [`QUOTED_CHARS`] characters of a text, with `…` when cut.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(QUOTED_CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// How much of a query an error message quotes.
const QUOTED_CHARS: usize = 100;

/// The problem tantivy's parser found, in the user's words; its text is shortened, as it may
/// quote the query.
fn describe(error: QueryParserError) -> QueryProblem {
    let other = |reason: String| QueryProblem::Other(shorten(&reason));
    match error {
        QueryParserError::FieldDoesNotExist(field) => unknown_field(&field),
        QueryParserError::AllButQueryForbidden => {
            other("only excluded words: add a word to look for".to_string())
        }
        QueryParserError::SyntaxError(what) => other(format!("syntax error: {what}")),
        QueryParserError::FieldNotIndexed(field) => {
            other(format!("field `{field}` cannot be searched"))
        }
        QueryParserError::DateFormatError(_) => other("malformed date".to_string()),
        error => other(error.to_string()),
    }
}

/// `field:` names no field a query may name.
fn unknown_field(field: &str) -> QueryProblem {
    QueryProblem::UnknownField {
        field: shorten(field),
        known: QUERY_FIELDS,
    }
}

/// Combine the parsed query with the filters; `speaker` is the `--speaker` filter resolved
/// against the roster, when there is one.
pub fn with_filters(
    index: &Index,
    fields: &Fields,
    text: Box<dyn Query>,
    filters: &Filters,
    speaker: Option<&SpeakerFilter>,
) -> Box<dyn Query> {
    if filters.is_empty() {
        return text;
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text)];
    let mut filter = |query: Box<dyn Query>| {
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(query, 0.0))));
    };
    if let Some(name) = &filters.speaker {
        match speaker.and_then(|s| s.query(fields)) {
            Some(entities) => filter(entities),
            None => filter(name_query(index, fields.speaker, name)),
        }
    }
    if let Some(place) = &filters.location {
        filter(name_query(index, fields.location, place));
    }
    if let Some(folder) = filters.path.as_deref().and_then(prefix::PathFilter::new) {
        filter(folder.query(fields.path));
    }
    if filters.since.is_some() || filters.until.is_some() {
        filter(day_range(fields.published, filters.since, filters.until));
    }
    if let Some(days) = filters.mentions {
        filter(day_range(fields.date, days.first, days.last));
    }
    Box::new(BooleanQuery::new(clauses))
}

/// The articles with a day from `first` to `last` (either open) in a date field.
fn day_range(field: Field, first: Option<NaiveDate>, last: Option<NaiveDate>) -> Box<dyn Query> {
    let bound = |day: Option<NaiveDate>| match day {
        Some(day) => Bound::Included(Term::from_field_date_for_search(
            field,
            schema::day_to_datetime(day),
        )),
        None => Bound::Unbounded,
    };
    Box::new(RangeQuery::new(bound(first), bound(last)))
}

/// Match a name as a phrase of its words in a name field (`ushakov` finds "Yuri Ushakov").
pub(crate) fn name_query(index: &Index, field: Field, name: &str) -> Box<dyn Query> {
    let mut terms = Vec::new();
    if let Ok(mut analyzer) = index.tokenizer_for_field(field) {
        let mut stream = analyzer.token_stream(name);
        while let Some(token) = stream.next() {
            terms.push(Term::from_field_text(field, &token.text));
        }
    }
    match terms.len() {
        // A name made of no word matches nothing, like an unknown name.
        0 => Box::new(BooleanQuery::new(Vec::new())),
        1 => Box::new(TermQuery::new(terms.remove(0), IndexRecordOption::Basic)),
        _ => Box::new(PhraseQuery::new(terms)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_also_looked_for_in_the_path() {
        let rewrite = |q: &str| {
            let mut names_id = false;
            let ast = tantivy::query_grammar::parse_query(q).expect("parses");
            let ast = with_ids_in_paths(ast, &mut names_id);
            (format!("{ast:?}"), names_id)
        };
        let (ast, names_id) = rewrite("flights -id:a1");
        assert!(names_id);
        assert!(
            ast.contains(r#""id":a1"#) && ast.contains(r#""path":a1"#),
            "{ast}"
        );
        let (ast, names_id) = rewrite("flights path:a1");
        assert!(!names_id);
        assert!(!ast.contains(r#""id""#), "{ast}");
    }

    #[test]
    fn the_fields_a_query_may_name_are_the_indexed_text_fields() {
        let schema = schema::schema();
        let indexed: Vec<&str> = schema
            .fields()
            .filter(|(_, entry)| {
                entry.is_indexed()
                    && matches!(entry.field_type(), tantivy::schema::FieldType::Str(_))
                    // What articles say of names is encoded for the roster, not for queries.
                    && entry.name() != schema::NAMES
            })
            .map(|(_, entry)| entry.name())
            // The days an article mentions are named `mentions` (a span of days, not words).
            .chain([MENTIONS])
            .collect();
        let date = schema.get_field_entry(schema.get_field(schema::DATE).expect("date field"));
        assert!(
            date.is_indexed() && matches!(date.field_type(), tantivy::schema::FieldType::Date(_))
        );
        let mut named = QUERY_FIELDS.to_vec();
        named.sort_unstable();
        let mut indexed = indexed;
        indexed.sort_unstable();
        assert_eq!(named, indexed);
    }

    fn stripped(query: &str) -> Option<String> {
        let ast = tantivy::query_grammar::parse_query(query).expect("parses");
        without_exclusions(ast).map(|ast| format!("{ast:?}"))
    }

    #[test]
    fn exclusions_are_left_out_at_any_depth() {
        for (query, left) in [
            ("hope -talks", Some("(*hope)")),
            ("hope (flights -talks)^2", Some("(*hope *((*flights))^2)")),
            (
                "hope OR \"direct flights\"",
                Some("(?hope ?\"direct flights\")"),
            ),
            ("hope (-talks)", Some("(*hope)")),
            ("hope -title:kremlin", Some(r#"(*hope -"title":kremlin)"#)),
            ("hope -body:talks -path:a*", Some(r#"(*hope -"path":a*)"#)),
            ("-talks", None),
        ] {
            assert_eq!(stripped(query).as_deref(), left, "{query}");
        }
    }
}
