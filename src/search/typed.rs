//! Queries as people type them.
//!
//! tantivy's query grammar gives meaning to characters that people put inside words all the
//! time: `'` opens a phrase (`O'Brien`, `Trump's`, `it's`), `/` a regular expression, `:` a
//! field, `!`, `{`, `[`, `^` and `~` other things. What a user types is rewritten here into the
//! grammar before it is parsed, so that only the syntax newsdex documents is syntax:
//!
//! - `"phrases"` (straight or curly quotes, with `~N` slop or a trailing `*`), `(` `)`,
//!   `-excluded`, `+required`, `AND`, `OR`, `NOT`, `field:value` for the fields a query may
//!   name, `word*` prefixes and `word^2` boosts keep their meaning;
//! - any other word holding a character that is not a letter or digit (`O'Brien`, `U.S.`,
//!   `$5bn`, `#hashtag`, `@handle`, `AT&T`, `9/11`) becomes a quoted phrase of itself, which
//!   the field's tokenizer splits exactly as it split the article's text;
//! - punctuation with no letter or digit (`&`, `--`, `…`) is dropped, and an operator with
//!   nothing to join (`rock AND`) is read as a word.
//!
//! What is left to refuse is what the user must fix: an unclosed phrase or parenthesis, named
//! with its position.

use std::borrow::Cow;

use super::prefix::WHOLE_VALUE_FIELDS;
use super::query::QUERY_FIELDS;
use crate::error::QueryProblem;

/// Why a query cannot be read: an opening character without its closing one, or the reverse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unbalanced {
    /// The character, as typed.
    pub character: char,
    /// Its position in the query, counting characters from 1.
    pub at: usize,
}

impl std::fmt::Display for Unbalanced {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Unbalanced { character, at } = self;
        match character {
            '(' => write!(f, "unclosed `(` at character {at}"),
            ')' => write!(f, "`)` at character {at} closes nothing"),
            _ => write!(f, "unclosed quote `{character}` at character {at}"),
        }
    }
}

impl From<Unbalanced> for QueryProblem {
    fn from(Unbalanced { character, at }: Unbalanced) -> QueryProblem {
        match character {
            '(' => QueryProblem::UnclosedParenthesis { at },
            ')' => QueryProblem::StrayParenthesis { at },
            quote => QueryProblem::UnclosedQuote { quote, at },
        }
    }
}

/// The query in tantivy's grammar. A query that needs no rewriting is returned as it is.
pub(super) fn rewrite(query: &str) -> Result<Cow<'_, str>, Unbalanced> {
    let pieces = Lexer::new(query).pieces()?;
    let out = render(settle(pieces));
    if out == query {
        Ok(Cow::Borrowed(query))
    } else {
        Ok(Cow::Owned(out))
    }
}

/// Whether a typed query holds nothing to look for once punctuation is set aside (`&`, `--`),
/// though it is not blank.
pub(super) fn is_only_punctuation(query: &str) -> bool {
    !query.trim().is_empty() && !query.chars().any(char::is_alphanumeric)
}

/// A unit of the rewritten query.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    /// Something that matches articles: a word, phrase, field clause, with its `-`/`+`.
    Operand(String),
    /// `AND`, `OR` or `NOT`.
    Operator(&'static str),
    /// `-` or `+` before a group: `-(a b)`.
    Sign(char),
    Open,
    Close,
}

/// Characters that open a phrase, and those that may close it.
const OPENING_QUOTES: &[char] = &['"', '\u{201C}', '\u{201D}', '\u{201E}'];
const CLOSING_QUOTES: &[char] = &['"', '\u{201C}', '\u{201D}'];

struct Lexer<'a> {
    chars: Vec<(usize, char)>,
    text: &'a str,
    next: usize,
}

impl<'a> Lexer<'a> {
    fn new(text: &'a str) -> Lexer<'a> {
        Lexer {
            chars: text.char_indices().collect(),
            text,
            next: 0,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.next).map(|&(_, c)| c)
    }

    fn pieces(mut self) -> Result<Vec<Piece>, Unbalanced> {
        let mut pieces = Vec::new();
        let mut open_parens: Vec<usize> = Vec::new();
        while let Some(c) = self.peek() {
            let at = self.next + 1;
            if c.is_whitespace() {
                self.next += 1;
            } else if c == '(' {
                self.next += 1;
                open_parens.push(at);
                pieces.push(Piece::Open);
            } else if c == ')' {
                self.next += 1;
                if open_parens.pop().is_none() {
                    return Err(Unbalanced { character: c, at });
                }
                pieces.push(Piece::Close);
            } else if OPENING_QUOTES.contains(&c) {
                let phrase = self.phrase()?;
                pieces.push(phrase.map_or(Piece::Operand(String::new()), Piece::Operand));
            } else {
                pieces.extend(self.chunk()?);
            }
        }
        if let Some(&at) = open_parens.last() {
            return Err(Unbalanced { character: '(', at });
        }
        // Empty operands (phrases of punctuation) are dropped by `settle`.
        Ok(pieces)
    }

    /// A quoted phrase and what follows it (`~2`, `*`, `^1.5`); `None` inside when it holds no
    /// word. The lexer stands on the opening quote.
    fn phrase(&mut self) -> Result<Option<String>, Unbalanced> {
        let (_, opening) = self.chars[self.next];
        let at = self.next + 1;
        self.next += 1;
        let mut inner = String::new();
        loop {
            match self.peek() {
                None => {
                    return Err(Unbalanced {
                        character: opening,
                        at,
                    });
                }
                Some(c) if CLOSING_QUOTES.contains(&c) => {
                    self.next += 1;
                    break;
                }
                // A backslash escapes in tantivy's phrases; to the tokenizer it is a space.
                Some(c) => {
                    inner.push(if c == '\\' { ' ' } else { c });
                    self.next += 1;
                }
            }
        }
        let suffix = self.phrase_suffix();
        if !inner.chars().any(char::is_alphanumeric) {
            return Ok(None);
        }
        Ok(Some(format!("\"{}\"{suffix}", inner.trim())))
    }

    /// `~N`, `*` or `^N` right after a phrase; anything else stays for the next piece.
    fn phrase_suffix(&mut self) -> String {
        let rest = self.rest();
        let end = rest
            .find(|c: char| {
                c.is_whitespace() || c == '(' || c == ')' || OPENING_QUOTES.contains(&c)
            })
            .unwrap_or(rest.len());
        let candidate = &rest[..end];
        let keep = candidate == "*" || is_slop(candidate) || is_boost(candidate);
        if keep {
            self.next += candidate.chars().count();
            candidate.to_string()
        } else {
            String::new()
        }
    }

    fn rest(&self) -> &'a str {
        match self.chars.get(self.next) {
            Some(&(byte, _)) => &self.text[byte..],
            None => "",
        }
    }

    /// A run of characters up to a space, a parenthesis or a quote: a word, an operator, a
    /// field clause.
    fn chunk(&mut self) -> Result<Vec<Piece>, Unbalanced> {
        let rest = self.rest();
        let end = rest
            .find(|c: char| {
                c.is_whitespace() || c == '(' || c == ')' || OPENING_QUOTES.contains(&c)
            })
            .unwrap_or(rest.len());
        let chunk = &rest[..end];
        self.next += chunk.chars().count();
        let next = self.peek();
        let opens_after = next.is_some_and(|c| c == '(' || OPENING_QUOTES.contains(&c));

        if let Some(op) = ["AND", "OR", "NOT"].into_iter().find(|&op| op == chunk) {
            return Ok(vec![Piece::Operator(op)]);
        }
        // A sign before a phrase or group.
        if (chunk == "-" || chunk == "+") && opens_after {
            return Ok(vec![Piece::Sign(chunk.chars().next().unwrap_or('-'))]);
        }
        let (sign, body) = match chunk.strip_prefix(['-', '+']) {
            Some(body) if body.chars().any(char::is_alphanumeric) => (&chunk[..1], body),
            _ => ("", chunk),
        };
        // A field a query may name, or a name that can only be meant as one (`titel:x`),
        // which the parser then reports as unknown.
        if let Some((field, value)) = body.split_once(':')
            && (is_field(field) || looks_like_field(body))
        {
            if value.is_empty() && opens_after {
                // `title:"..."` or `title:(...)`: the phrase or group follows.
                return Ok(vec![Piece::Operand(format!("{sign}{field}:"))]);
            }
            if let Some(range) = self.range(value) {
                return Ok(vec![Piece::Operand(format!("{sign}{field}:{range}"))]);
            }
            if value == "*" {
                return Ok(vec![Piece::Operand(format!("{sign}{field}:*"))]);
            }
            let value = if WHOLE_VALUE_FIELDS.contains(&field) {
                raw_value(value)
            } else {
                word(value)
            };
            return Ok(value
                .map(|v| Piece::Operand(format!("{sign}{field}:{v}")))
                .into_iter()
                .collect());
        }
        Ok(word(body)
            .map(|w| Piece::Operand(format!("{sign}{w}")))
            .into_iter()
            .collect())
    }

    /// A range value (`[a TO b]`, `{a TO b}`) that began in the chunk just read: the rest of it,
    /// up to its closing bracket, is taken too.
    fn range(&mut self, value: &str) -> Option<String> {
        let closing = match value.chars().next()? {
            '[' | '{' => [']', '}'],
            _ => return None,
        };
        let (range, taken) = if value.len() > 1 && value.ends_with(closing) {
            (value.to_string(), 0)
        } else {
            let rest = self.rest();
            let end = rest.find(closing)? + 1;
            (
                format!("{value}{}", &rest[..end]),
                rest[..end].chars().count(),
            )
        };
        // `[a TO b]`: two bounds, each a word or `*`.
        let inner = &range[1..range.len() - 1];
        let (low, high) = inner.split_once(" TO ")?;
        let bound = |b: &str| {
            let b = b.trim();
            b == "*"
                || (!b.is_empty() && b.chars().all(|c| c.is_alphanumeric() || "-.:_".contains(c)))
        };
        if !bound(low) || !bound(high) {
            return None;
        }
        self.next += taken;
        Some(range)
    }
}

/// A plain word in the grammar: as it is when it is letters and digits (with a trailing `*`
/// or `^N`), else quoted; `None` when it holds no letter or digit.
fn word(text: &str) -> Option<String> {
    let (stem, boost) = match text.rfind('^') {
        Some(at) if is_boost(&text[at..]) => text.split_at(at),
        _ => (text, ""),
    };
    let (stem, star) = match stem.strip_suffix('*') {
        Some(stem) => (stem, "*"),
        None => (stem, ""),
    };
    if !stem.chars().any(char::is_alphanumeric) {
        return None;
    }
    let mut runs = stem
        .split(|c: char| !c.is_alphanumeric())
        .filter(|r| !r.is_empty());
    let single = match (runs.next(), runs.next()) {
        (Some(run), None) => Some(run),
        _ => None,
    };
    // The grammar's own words (`IN` opens a set) are words only when quoted. A prefix needs
    // two words to be a phrase prefix: `#fli*` is the prefix `fli*`.
    if let Some(run) = single
        && !RESERVED.contains(&run)
        && (run == stem || star == "*")
    {
        return Some(format!("{run}{star}{boost}"));
    }
    let star = if single.is_some() { "" } else { star };
    // Inside a phrase, a backslash escapes: to the tokenizer it is a space anyway.
    let quoted: String = stem
        .chars()
        .map(|c| if c == '\\' || c == '"' { ' ' } else { c })
        .collect();
    Some(format!("\"{}\"{star}{boost}", quoted.trim()))
}

/// A whole value in the grammar: as it is when it is letters and digits, else quoted; a
/// trailing `*` (a prefix) kept outside the quotes.
fn raw_value(text: &str) -> Option<String> {
    let (value, star) = match text.strip_suffix('*') {
        Some(value) => (value, "*"),
        None => (text, ""),
    };
    if value.is_empty() {
        return None;
    }
    if value.chars().all(char::is_alphanumeric) && !RESERVED.contains(&value) {
        return Some(format!("{value}{star}"));
    }
    let quoted: String = value.chars().filter(|&c| c != '"' && c != '\\').collect();
    Some(format!("\"{quoted}\"{star}"))
}

/// The grammar's own words (`IN` opens a set): words only when quoted.
const RESERVED: &[&str] = &["AND", "OR", "NOT", "IN"];

/// A field a query may name.
fn is_field(name: &str) -> bool {
    QUERY_FIELDS.contains(&name)
}

/// `name:value` where the name could only be meant as a field (`titel:x`), not a time
/// (`10:30`), a label (`Note:`), a web address (`https://...`) or a ratio.
fn looks_like_field(text: &str) -> bool {
    let Some((name, value)) = text.split_once(':') else {
        return false;
    };
    (2..=20).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
        && value.chars().next().is_some_and(char::is_alphanumeric)
}

/// `~N`: a phrase's slop.
fn is_slop(text: &str) -> bool {
    text.strip_prefix('~')
        .is_some_and(|n| !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()))
}

/// `^N` or `^N.N`: a boost.
fn is_boost(text: &str) -> bool {
    let Some(number) = text.strip_prefix('^') else {
        return false;
    };
    let mut parts = number.splitn(2, '.');
    let whole = parts.next().unwrap_or_default();
    let fraction = parts.next();
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && fraction.is_none_or(digits)
}

/// Drops what matches nothing and reads operators with nothing to join as words.
fn settle(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = pieces
        .into_iter()
        .filter(|p| !matches!(p, Piece::Operand(text) if text.is_empty()))
        .collect();
    loop {
        let before = pieces.len();
        pieces = drop_empty_groups(pieces);
        pieces = words_for_idle_operators(pieces);
        if pieces.len() == before {
            return pieces;
        }
    }
}

/// `()`, `-()` and a sign before nothing are removed.
fn drop_empty_groups(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        if piece == Piece::Close && out.last() == Some(&Piece::Open) {
            out.pop();
            if matches!(out.last(), Some(Piece::Sign(_))) {
                out.pop();
            }
            continue;
        }
        out.push(piece);
    }
    // A sign and a field prefix (`title:`) must stand before a phrase or group.
    let mut kept = Vec::with_capacity(out.len());
    for (i, piece) in out.iter().enumerate() {
        let next = out.get(i + 1);
        let phrase_or_group = match next {
            Some(Piece::Open) => true,
            Some(Piece::Operand(text)) => text.starts_with('"'),
            _ => false,
        };
        let dangling = match piece {
            Piece::Sign(_) => !phrase_or_group,
            Piece::Operand(text) if text.ends_with(':') => !phrase_or_group,
            _ => false,
        };
        if !dangling {
            kept.push(piece.clone());
        }
    }
    kept
}

/// `AND`/`OR` need an operand on both sides and `NOT` one after it; otherwise they are the
/// words "and", "or", "not".
fn words_for_idle_operators(mut pieces: Vec<Piece>) -> Vec<Piece> {
    let starts_operand = |p: Option<&Piece>| {
        matches!(
            p,
            Some(Piece::Operand(_) | Piece::Open | Piece::Sign(_) | Piece::Operator("NOT"))
        )
    };
    let ends_operand = |p: Option<&Piece>| matches!(p, Some(Piece::Operand(_) | Piece::Close));
    let mut changed = true;
    while changed {
        changed = false;
        for i in 0..pieces.len() {
            let Piece::Operator(op) = pieces[i] else {
                continue;
            };
            let before = i.checked_sub(1).and_then(|j| pieces.get(j));
            let after = pieces.get(i + 1);
            let fits = match op {
                "NOT" => starts_operand(after) && !matches!(after, Some(Piece::Operator(_))),
                _ => ends_operand(before) && starts_operand(after),
            };
            if !fits {
                pieces[i] = Piece::Operand(op.to_ascii_lowercase());
                changed = true;
            }
        }
    }
    pieces
}

/// The pieces as query text.
fn render(pieces: Vec<Piece>) -> String {
    let mut out = String::new();
    let mut glue = false;
    for piece in pieces {
        let (text, joins_next) = match piece {
            Piece::Operand(text) => {
                let field_prefix = text.ends_with(':');
                (Cow::Owned(text), field_prefix)
            }
            Piece::Operator(op) => (Cow::Borrowed(op), false),
            Piece::Sign(sign) => (Cow::Owned(sign.to_string()), true),
            Piece::Open => (Cow::Borrowed("("), true),
            Piece::Close => (Cow::Borrowed(")"), false),
        };
        if !out.is_empty() && !glue && text != ")" {
            out.push(' ');
        }
        out.push_str(&text);
        glue = joins_next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(query: &str) -> String {
        rewrite(query).expect("readable").into_owned()
    }

    #[test]
    fn punctuation_inside_words_makes_phrases() {
        for (query, grammar) in [
            ("O'Brien", "\"O'Brien\""),
            ("Trump's wall", "\"Trump's\" wall"),
            ("it\u{2019}s", "\"it\u{2019}s\""),
            ("U.S. sanctions", "\"U.S.\" sanctions"),
            ("$5bn deal", "\"$5bn\" deal"),
            ("#MeToo @nytimes", "\"#MeToo\" \"@nytimes\""),
            ("AT&T", "\"AT&T\""),
            ("9/11 attacks", "\"9/11\" attacks"),
            ("al-Assad", "\"al-Assad\""),
            ("10:30 meeting", "\"10:30\" meeting"),
            ("https://example.com/a", "\"https://example.com/a\""),
        ] {
            assert_eq!(typed(query), grammar, "{query}");
        }
    }

    #[test]
    fn the_documented_syntax_is_kept() {
        for query in [
            "direct flights",
            "\"direct flights\"~2",
            "hope -talks",
            "(flights OR talks) -\"room escape\"",
            "title:trump speaker:\"Yuri Ushakov\"",
            "fli* talks^2",
            "-(a b) c",
            "a AND b OR c",
            "NOT talks flights",
            "title:*",
        ] {
            assert_eq!(typed(query), query, "{query}");
        }
    }

    #[test]
    fn curly_quotes_make_phrases() {
        assert_eq!(
            typed("\u{201C}direct flights\u{201D}"),
            "\"direct flights\""
        );
        assert_eq!(typed("„Angela Merkel“"), "\"Angela Merkel\"");
    }

    #[test]
    fn punctuation_alone_and_idle_operators_are_not_syntax() {
        assert_eq!(typed("rock & roll"), "rock roll");
        assert_eq!(typed("rock AND"), "rock and");
        assert_eq!(typed("OR talks"), "or talks");
        assert_eq!(typed("talks NOT"), "talks not");
        assert_eq!(typed("talks -- flights"), "talks flights");
        assert_eq!(typed("(&) talks"), "talks");
        assert_eq!(typed("\"...\" talks"), "talks");
        assert_eq!(typed("title: talks"), "talks");
        assert_eq!(typed("#fli* atitle:*"), "fli* atitle*");
        assert_eq!(typed("title:\"…\"talks -\"…\"-x"), "talks -x");
        assert_eq!(typed("title:AND IN"), "title:\"AND\" \"IN\"");
    }

    #[test]
    fn fields_with_punctuated_values_and_unknown_fields() {
        assert_eq!(typed("speaker:O'Brien"), "speaker:\"O'Brien\"");
        assert_eq!(typed("-location:U.S."), "-location:\"U.S.\"");
        assert_eq!(typed("titel:flights"), "titel:flights");
        assert_eq!(typed("url:[a TO b]"), "url:[a TO b]");
        assert_eq!(
            typed("path:sport/* -id:a.b"),
            "path:\"sport/\"* -id:\"a.b\""
        );
    }

    #[test]
    fn unbalanced_quotes_and_parentheses_are_named_with_their_place() {
        let error = |q: &str| rewrite(q).expect_err("unbalanced");
        assert_eq!(
            error("\"direct flights"),
            Unbalanced {
                character: '"',
                at: 1
            }
        );
        assert_eq!(error("(a OR b").to_string(), "unclosed `(` at character 1");
        assert_eq!(
            error("a b)").to_string(),
            "`)` at character 4 closes nothing"
        );
        assert_eq!(
            error("talks \u{201C}flights").to_string(),
            "unclosed quote `\u{201C}` at character 7"
        );
    }
}
