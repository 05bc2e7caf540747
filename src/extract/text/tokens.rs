//! The tokenizer: words, numbers, punctuation, quotation marks and line breaks, each with its
//! byte range in the text and shape flags, found in one pass without regular expressions.
//! ASCII text, the bulk of news, is settled by one table read a byte; words of ASCII letters
//! and digits take a fast path that a test holds to the general scan.

use super::chars::{self, is_combining};
use super::eights;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters (and digits after the first letter) with inner apostrophes, hyphens, ampersands
    /// and the dots of abbreviations (`O'Brien`, `Jean-Claude`, `U.S`, `AT&T`).
    Word,
    /// Starts with a digit (`27`, `1996-08-30`, `4-38`, `19.32`).
    Number,
    /// One punctuation character (`,` `.` `:` `(` `—` ...).
    Punct(char),
    /// An opening quotation mark (`“`, `‘`, or a straight `"` that opens).
    OpenQuote,
    /// A closing quotation mark.
    CloseQuote,
    /// A line break; [`PARAGRAPH`] is set on it when a blank line follows.
    Break,
}

/// The first letter is upper case.
pub(crate) const CAP: u16 = 1;
/// Every letter is upper case and there are at least two (`NATO`, `U.S`, `LONDON`).
pub(crate) const UPPER: u16 = 1 << 1;
/// A `.` follows immediately (`Mr.`, `U.S.`, `J.`).
pub(crate) const DOT: u16 = 1 << 2;
/// A possessive `'s` / `’s` followed and was left out of the token (`Russia’s` -> `Russia`).
pub(crate) const POSSESSIVE: u16 = 1 << 3;
/// On a [`Kind::Break`]: the break ends a paragraph.
pub(crate) const PARAGRAPH: u16 = 1 << 4;
/// Whitespace (or the start of the text) comes right before the token.
pub(crate) const SPACE_BEFORE: u16 = 1 << 5;
/// On a quotation mark: a single one (`‘` `’`), which is also the apostrophe.
pub(crate) const SINGLE: u16 = 1 << 6;
/// On a word: a hyphen joins two of its parts (`Jean-Claude`, `al-Assad`, `Obama-era`).
pub(crate) const HYPHEN: u16 = 1 << 7;
/// On a word or number: nothing but ASCII letters and digits (`Moscow`, `1996`), the case most
/// words are in, which lets other readers of the tokens skip the word's text.
pub(crate) const PLAIN: u16 = 1 << 8;

/// One token: its kind, its byte range in the text, and shape flags ([`CAP`], [`DOT`] ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub flags: u16,
}

impl Token {
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        source.get(self.start..self.end).unwrap_or("")
    }

    pub fn is(&self, flag: u16) -> bool {
        self.flags & flag != 0
    }

    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }

    pub fn is_quote(&self) -> bool {
        matches!(self.kind, Kind::OpenQuote | Kind::CloseQuote)
    }
}

/// What a byte is to the tokenizer: one table read settles ASCII text, the bulk of news.
const B_PUNCT: u8 = 0;
const B_LOWER: u8 = 1;
const B_UPPER: u8 = 2;
const B_DIGIT: u8 = 3;
/// Whitespace other than a line feed (`char::is_whitespace` on ASCII).
const B_SPACE: u8 = 4;
const B_NEWLINE: u8 = 5;
/// Punctuation that may join the parts of a word (`O'Brien`, `Jean-Claude`, `U.S`, `4-38`).
const B_JOIN: u8 = 6;
/// A byte of a non-ASCII character.
const B_WIDE: u8 = 7;

const BYTES: [u8; 256] = {
    let mut table = [B_WIDE; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_lowercase() {
            B_LOWER
        } else if c.is_ascii_uppercase() {
            B_UPPER
        } else if c.is_ascii_digit() {
            B_DIGIT
        } else if c == b'\n' {
            B_NEWLINE
        } else if matches!(c, b' ' | b'\t' | 0x0B | 0x0C | b'\r') {
            B_SPACE
        } else if matches!(c, b'\'' | b'-' | b'&' | b'.' | b',' | b':' | b'/') {
            B_JOIN
        } else {
            B_PUNCT
        };
        b += 1;
    }
    table
};

fn is_word_byte(b: u8) -> bool {
    matches!(BYTES[usize::from(b)], B_LOWER | B_UPPER | B_DIGIT)
}

/// Split `text` into tokens: one turn of the loop per token or white-space character, the
/// words, line breaks and marks pushed by their own functions.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut i = 0;
    let mut space_before = true;
    while i < bytes.len() {
        let b = bytes[i];
        let (c, clen) = match BYTES[usize::from(b)] {
            B_SPACE => {
                i += 1;
                space_before = true;
                continue;
            }
            B_NEWLINE => {
                i = push_break(bytes, i, &mut tokens);
                space_before = true;
                continue;
            }
            class @ (B_LOWER | B_UPPER | B_DIGIT) => {
                i = push_ascii_word(text, i, class, space_before, &mut tokens);
                // Most words are followed by one space: taken here, not by a turn of the loop.
                space_before = bytes.get(i) == Some(&b' ');
                i += usize::from(space_before);
                continue;
            }
            B_WIDE => char_at(text, i),
            _ => (char::from(b), 1),
        };
        if chars::is_whitespace(c) {
            i += clen;
            space_before = true;
            continue;
        }
        if chars::is_alphanumeric(c) {
            let first = First {
                letter: chars::is_alphabetic(c),
                upper: chars::is_alphabetic(c) && chars::is_uppercase(c),
                digit: chars::is_numeric(c),
            };
            i = push_word(text, i, i, first, space_before, &mut tokens);
            space_before = false;
            continue;
        }
        i = push_mark(text, i, (c, clen), space_before, &mut tokens);
        space_before = false;
    }
    tokens
}

/// Push the line break at byte `i`, a paragraph break if a blank line (possibly holding
/// spaces) follows, and return where to go on: past the blank lines of a paragraph break.
#[inline]
fn push_break(bytes: &[u8], i: usize, tokens: &mut Vec<Token>) -> usize {
    let mut flags = 0;
    let mut j = i + 1;
    while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r' | b'\n') {
        if bytes[j] == b'\n' {
            flags = PARAGRAPH;
        }
        j += 1;
    }
    tokens.push(Token {
        kind: Kind::Break,
        start: i,
        end: i + 1,
        flags,
    });
    if flags == PARAGRAPH { j } else { i + 1 }
}

/// Push the mark `c` (`clen` bytes) at byte `i`, neither white space nor part of a word: a
/// quotation mark with its side, or punctuation. Returns where to go on.
#[inline]
fn push_mark(
    text: &str,
    i: usize,
    (c, clen): (char, usize),
    space_before: bool,
    tokens: &mut Vec<Token>,
) -> usize {
    let bytes = text.as_bytes();
    let b = bytes[i];
    let sb = if space_before { SPACE_BEFORE } else { 0 };
    // `''` and ``` `` ```: double quotes typed as pairs of single marks (old wire style).
    if (c == '\'' || c == '`') && bytes.get(i + 1) == Some(&b) {
        let next = next_char(text, i + 2);
        let opens = c == '`'
            || (space_before_or_open(text, i) && next.is_some_and(|n| !chars::is_whitespace(n)));
        tokens.push(Token {
            kind: if opens {
                Kind::OpenQuote
            } else {
                Kind::CloseQuote
            },
            start: i,
            end: i + 2,
            flags: sb,
        });
        return i + 2;
    }
    let single = if matches!(c, '‘' | '’') {
        SINGLE
    } else {
        0
    };
    let kind = match c {
        '“' | '‘' | '«' | '„' => Kind::OpenQuote,
        '”' | '’' | '»' => Kind::CloseQuote,
        '"' => {
            let next = next_char(text, i + 1);
            let opens =
                space_before_or_open(text, i) && next.is_some_and(|n| !chars::is_whitespace(n));
            if opens {
                Kind::OpenQuote
            } else {
                Kind::CloseQuote
            }
        }
        _ => Kind::Punct(c),
    };
    tokens.push(Token {
        kind,
        start: i,
        end: i + clen,
        flags: sb | single,
    });
    i + clen
}

/// What the first character of a word is.
#[derive(Clone, Copy)]
struct First {
    letter: bool,
    /// An upper-case letter.
    upper: bool,
    /// Numeric (`char::is_numeric`): the token is a number.
    digit: bool,
}

impl First {
    /// An ASCII letter or digit of this byte class.
    fn ascii(class: u8) -> First {
        First {
            letter: class != B_DIGIT,
            upper: class == B_UPPER,
            digit: class == B_DIGIT,
        }
    }

    /// The token of a word that starts with this character.
    fn token(self, start: usize, end: usize, flags: u16) -> Token {
        let kind = if self.digit { Kind::Number } else { Kind::Word };
        Token {
            kind,
            start,
            end,
            flags,
        }
    }
}

/// [`push_word`] for a word that starts with an ASCII letter or digit (`class`). Most such
/// words are ASCII letters and digits up to a space or a mark that joins nothing; those are
/// pushed here without the general scan.
#[inline]
fn push_ascii_word(
    text: &str,
    start: usize,
    class: u8,
    space_before: bool,
    tokens: &mut Vec<Token>,
) -> usize {
    let bytes = text.as_bytes();
    let end = word_bytes_end(bytes, start + 1);
    let next = bytes.get(end).copied();
    if let Some(b) = next
        && matches!(BYTES[usize::from(b)], B_JOIN | B_WIDE)
        && !ends_word_before(bytes, start, end, class)
    {
        // A connector, a possessive, a period or a letter beyond ASCII may follow.
        return push_word(text, start, end, First::ascii(class), space_before, tokens);
    }
    let mut flags = PLAIN;
    if space_before {
        flags |= SPACE_BEFORE;
    }
    if next == Some(b'.') {
        flags |= DOT;
    }
    if class == B_UPPER {
        flags |= CAP;
    }
    // As in [`scan_word`]: a word that starts with a lower-case letter is not in capitals.
    if class != B_LOWER && ascii_capitals(&bytes[start..end]) {
        flags |= UPPER;
    }
    tokens.push(First::ascii(class).token(start, end, flags));
    end
}

/// The end of the run of ASCII letters and digits at byte `from`: eight bytes are tested at
/// once, which takes in most words whole.
#[inline]
fn word_bytes_end(bytes: &[u8], from: usize) -> usize {
    eights::find(
        bytes,
        from,
        |x| !eights::alphanumeric(x),
        |b| !is_word_byte(b),
    )
    .unwrap_or(bytes.len())
}

/// Whether the connector at `end`, after the ASCII letters and digits of a word that starts at
/// `start` with a byte of `class`, surely joins nothing, as [`scan_word`] would find: a comma,
/// colon or slash after a word (they join only numbers), or a period after a word of more than
/// two letters or before anything but a letter (`U.S`, `a.m` go on).
#[inline]
fn ends_word_before(bytes: &[u8], start: usize, end: usize, class: u8) -> bool {
    if class == B_DIGIT {
        return false;
    }
    match bytes[end] {
        b',' | b':' | b'/' => true,
        b'.' => {
            end - start > 2
                || bytes
                    .get(end + 1)
                    .is_none_or(|&n| n < 0x80 && !n.is_ascii_alphabetic())
        }
        _ => false,
    }
}

/// [`all_capitals`] of ASCII bytes.
fn ascii_capitals(word: &[u8]) -> bool {
    let mut letters = 0;
    for &b in word {
        if b.is_ascii_lowercase() {
            return false;
        }
        letters += usize::from(b.is_ascii_uppercase());
    }
    letters >= 2
}

/// Scan the word starting at byte `start`, whose ASCII letters and digits up to `scanned` are
/// already read, push its token and return where to go on.
#[inline]
fn push_word(
    text: &str,
    start: usize,
    scanned: usize,
    first: First,
    space_before: bool,
    tokens: &mut Vec<Token>,
) -> usize {
    let bytes = text.as_bytes();
    let (end, mut flags) = scan_word(text, start, scanned, first);
    let possessive = matches!(bytes.get(end), Some(b'\'' | 0xE2)) && is_possessive_tail(text, end);
    if space_before {
        flags |= SPACE_BEFORE;
    }
    if possessive {
        flags |= POSSESSIVE;
    } else if bytes.get(end) == Some(&b'.') {
        flags |= DOT;
    }
    tokens.push(first.token(start, end, flags));
    // The possessive ending is consumed but not part of any token.
    if possessive {
        after_possessive(text, end)
    } else {
        end
    }
}

/// The character at byte `i` (a char boundary) and its length, with an ASCII fast path.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return (char::from(b), 1);
    }
    let c = text[i..].chars().next().unwrap_or(' ');
    (c, c.len_utf8())
}

/// The character starting at byte `i`, if any.
#[inline]
fn next_char(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&b) if b < 0x80 => Some(char::from(b)),
        Some(_) => text[i..].chars().next(),
        None => None,
    }
}

/// Whether the character before byte `i` lets a straight quote open a quotation.
fn space_before_or_open(text: &str, i: usize) -> bool {
    match text[..i].chars().next_back() {
        None => true,
        Some(p) => chars::is_whitespace(p) || matches!(p, '(' | '[' | '{' | '—' | '–' | '-' | ':'),
    }
}

/// Scan a word or number starting at `start`, read up to `scanned` (ASCII letters and digits
/// only); returns its end and its case flags.
#[inline]
fn scan_word(text: &str, start: usize, scanned: usize, first: First) -> (usize, u16) {
    let bytes = text.as_bytes();
    let mut i = scanned;
    let mut segment_start = start;
    let numeric = bytes[start].is_ascii_digit();
    let mut hyphen = false;
    // Something but ASCII letters and digits was taken in.
    let mut mixed = false;
    loop {
        // Plain ASCII letters and digits: the bulk of any word.
        while bytes.get(i).is_some_and(|&b| is_word_byte(b)) {
            i += 1;
        }
        let Some(&b) = bytes.get(i) else {
            break;
        };
        // Other ASCII characters end the word, except the connectors.
        if !matches!(BYTES[usize::from(b)], B_JOIN | B_WIDE) {
            break;
        }
        let (c, len) = char_at(text, i);
        if chars::is_alphanumeric(c) || is_combining(c) && i > start {
            // Letters beyond ASCII, and combining marks, which stay inside the word they modify.
            i += len;
            mixed = true;
            continue;
        }
        // Inner connectors: the word goes on only if an alphanumeric follows.
        let joins = match c {
            '\'' | '’' | '-' | '&' | '‑' => {
                next_char(text, i + len).is_some_and(chars::is_alphanumeric)
            }
            '.' if numeric => next_char(text, i + len).is_some_and(|n| n.is_ascii_digit()),
            // `U.S`, `a.m`, `T.O'Gorman`: only after a short segment, so that `end.Next`
            // and URLs do not glue sentences together.
            '.' => {
                i - segment_start <= 2 && next_char(text, i + len).is_some_and(chars::is_alphabetic)
            }
            ',' | ':' | '/' if numeric => {
                next_char(text, i + len).is_some_and(|n| n.is_ascii_digit())
            }
            _ => false,
        };
        if !joins {
            break;
        }
        // A possessive `'s` at the end of the word is not a connector.
        if matches!(c, '\'' | '’') && is_possessive_tail(text, i) {
            break;
        }
        if c == '-' {
            hyphen = true;
        }
        i += len;
        segment_start = i;
        mixed = true;
    }
    let mut flags = 0;
    if first.upper {
        flags |= CAP;
    }
    // A word that starts with a lower-case letter is not in capitals: most words are spared
    // the count.
    if (first.upper || !first.letter) && all_capitals(&text[start..i]) {
        flags |= UPPER;
    }
    if hyphen {
        flags |= HYPHEN;
    }
    if !mixed {
        flags |= PLAIN;
    }
    (i, flags)
}

/// At least two letters, every one upper case.
fn all_capitals(word: &str) -> bool {
    let mut letters = 0;
    for c in word.chars() {
        if chars::is_alphabetic(c) {
            if !chars::is_uppercase(c) {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}

/// Whether the apostrophe at byte `i` starts a final `'s` (followed by a non-letter).
fn is_possessive_tail(text: &str, i: usize) -> bool {
    let rest = &text.as_bytes()[i..];
    let after = if let Some(r) = rest.strip_prefix(b"'") {
        r
    } else if let Some(r) = rest.strip_prefix("’".as_bytes()) {
        r
    } else {
        return false;
    };
    if !matches!(after.first(), Some(b's' | b'S')) {
        return false;
    }
    let tail = text.len() - after.len() + 1;
    !next_char(text, tail).is_some_and(chars::is_alphanumeric)
}

/// The end of the possessive `'s` / `’s` that a word token ending at `end` left out.
pub(crate) fn after_possessive(text: &str, end: usize) -> usize {
    let apostrophe = if text.as_bytes()[end] == b'\'' { 1 } else { 3 };
    end + apostrophe + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn words_keep_inner_marks_and_drop_possessives() {
        let text = "Russia’s envoy O'Brien met Jean-Claude at AT&T in the U.S. on Feb. 27.";
        assert_eq!(
            words(text),
            [
                "Russia",
                "envoy",
                "O'Brien",
                "met",
                "Jean-Claude",
                "at",
                "AT&T",
                "in",
                "the",
                "U.S",
                ".",
                "on",
                "Feb",
                ".",
                "27",
                "."
            ]
        );
        let tokens = tokenize(text);
        assert!(tokens[0].is(POSSESSIVE) && tokens[0].is(CAP));
        assert!(tokens[9].is(DOT) && tokens[9].is(UPPER));
    }

    #[test]
    fn plain_words_are_ascii_letters_and_digits_only() {
        let text = "Moscow 1996 O'Brien Sánchez U.S. Jean-Claude Russia’s e\u{301}te";
        let plain: Vec<(&str, bool)> = tokenize(text)
            .iter()
            .filter(|t| matches!(t.kind, Kind::Word | Kind::Number))
            .map(|t| (t.text(text), t.is(PLAIN)))
            .collect();
        assert_eq!(
            plain,
            [
                ("Moscow", true),
                ("1996", true),
                ("O'Brien", false),
                ("Sánchez", false),
                ("U.S", false),
                ("Jean-Claude", false),
                ("Russia", true),
                ("e\u{301}te", false),
            ]
        );
    }

    #[test]
    fn capitals_of_ascii_words_match_the_general_test() {
        for word in [
            "NATO", "U", "Moscow", "1996", "B52", "G7", "AT", "at", "A1B", "ABc", "",
        ] {
            assert_eq!(
                ascii_capitals(word.as_bytes()),
                all_capitals(word),
                "{word}"
            );
        }
        assert!(ascii_capitals(b"NATO") && !ascii_capitals(b"Nato") && !ascii_capitals(b"7A"));
        let upper = |text: &str| {
            tokenize(text)
                .iter()
                .map(|t| t.is(UPPER))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            upper("NATO 1996 G7 Moscow U B52s"),
            [true, false, false, false, false, false]
        );
    }

    #[test]
    fn word_runs_end_where_the_byte_scan_ends() {
        let text = "Abc09xyz Moscow1996ZZ@[`{/:azAZ\u{e9}t\u{80}word-Longerthaneightbytes.";
        let bytes = text.as_bytes();
        for from in 0..bytes.len() {
            let mut slow = from;
            while slow < bytes.len() && is_word_byte(bytes[slow]) {
                slow += 1;
            }
            assert_eq!(word_bytes_end(bytes, from), slow, "{from}");
        }
        for b in 0..=255u8 {
            let run = [b'a', b'a', b, b'a', b'a', b'a', b'a', b'a', b'a', b'a'];
            let expected = if is_word_byte(b) { run.len() } else { 2 };
            assert_eq!(word_bytes_end(&run, 0), expected, "{b:#x}");
        }
    }

    #[test]
    fn ascii_words_read_as_the_general_scan_reads_them() {
        let text = "Moscow, Kiev. U.S. a.m. St.Petersburg end.Next Co.: 4,000 and/or 1.5 x:y ab. \
                    AT&T He said.\n\nNo. Mr. X.Y. Jr.é ok./ Abc.D ab.c a.B NATO's O'Brien ab";
        let bytes = text.as_bytes();
        for start in 0..bytes.len() {
            let class = BYTES[usize::from(bytes[start])];
            let after_word = start > 0 && is_word_byte(bytes[start - 1]);
            if !matches!(class, B_LOWER | B_UPPER | B_DIGIT) || after_word {
                continue;
            }
            let (mut fast, mut general) = (Vec::new(), Vec::new());
            let first = First::ascii(class);
            let fast_end = push_ascii_word(text, start, class, true, &mut fast);
            let general_end = push_word(text, start, start, first, true, &mut general);
            assert_eq!(
                (fast_end, fast),
                (general_end, general),
                "{}",
                &text[start..]
            );
        }
    }

    #[test]
    fn numbers_keep_inner_separators() {
        assert_eq!(
            words("took 4-38 on 1996-08-30, 19.32 sec"),
            ["took", "4-38", "on", "1996-08-30", ",", "19.32", "sec"]
        );
    }

    #[test]
    fn curly_and_straight_quotes_have_sides() {
        let text = "“Yes,” he said. \"No,\" she said. It’s ‘soon’.";
        let kinds: Vec<Kind> = tokenize(text)
            .iter()
            .filter(|t| t.is_quote())
            .map(|t| t.kind)
            .collect();
        use Kind::*;
        assert_eq!(
            kinds,
            [
                OpenQuote, CloseQuote, OpenQuote, CloseQuote, OpenQuote, CloseQuote
            ]
        );
    }

    #[test]
    fn doubled_single_marks_are_double_quotes() {
        let text = "''Yes,'' said Simon Rosenberg. ``No''";
        let kinds: Vec<Kind> = tokenize(text)
            .iter()
            .filter(|t| t.is_quote())
            .map(|t| t.kind)
            .collect();
        use Kind::*;
        assert_eq!(kinds, [OpenQuote, CloseQuote, OpenQuote, CloseQuote]);
    }
}
