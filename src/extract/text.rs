//! Lexical helpers shared by the extractors: tokens with byte offsets, sentence spans and
//! quotation spans, each found in one pass over the text without regular expressions.
//!
//! Tokens keep their byte range in the text they came from, so every later stage can point back
//! into the article body (quotes, snippets) without copying it.

use std::ops::Range;

pub mod chars;
pub mod eights;

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
pub const CAP: u16 = 1;
/// Every letter is upper case and there are at least two (`NATO`, `U.S`, `LONDON`).
pub const UPPER: u16 = 1 << 1;
/// A `.` follows immediately (`Mr.`, `U.S.`, `J.`).
pub const DOT: u16 = 1 << 2;
/// A possessive `'s` / `’s` followed and was left out of the token (`Russia’s` -> `Russia`).
pub const POSSESSIVE: u16 = 1 << 3;
/// On a [`Kind::Break`]: the break ends a paragraph.
pub const PARAGRAPH: u16 = 1 << 4;
/// Whitespace (or the start of the text) comes right before the token.
pub const SPACE_BEFORE: u16 = 1 << 5;
/// On a quotation mark: a single one (`‘` `’`), which is also the apostrophe.
pub const SINGLE: u16 = 1 << 6;
/// On a word: a hyphen joins two of its parts (`Jean-Claude`, `al-Assad`, `Obama-era`).
pub const HYPHEN: u16 = 1 << 7;
/// On a word or number: nothing but ASCII letters and digits (`Moscow`, `1996`), the case most
/// words are in, which lets other readers of the tokens skip the word's text.
pub const PLAIN: u16 = 1 << 8;

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

/// Split `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
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
                let start = i;
                i += 1;
                let mut flags = 0;
                // A blank line (possibly holding spaces) makes a paragraph break.
                let mut j = i;
                while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r' | b'\n') {
                    if bytes[j] == b'\n' {
                        flags = PARAGRAPH;
                    }
                    j += 1;
                }
                if flags == PARAGRAPH {
                    i = j;
                }
                tokens.push(Token {
                    kind: Kind::Break,
                    start,
                    end: start + 1,
                    flags,
                });
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
        let sb = if space_before { SPACE_BEFORE } else { 0 };
        space_before = false;
        // `''` and ``` `` ```: double quotes typed as pairs of single marks (old wire style).
        if (c == '\'' || c == '`') && bytes.get(i + 1) == Some(&b) {
            let next = next_char(text, i + 2);
            let opens = c == '`'
                || (space_before_or_open(text, i)
                    && next.is_some_and(|n| !chars::is_whitespace(n)));
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
            i += 2;
            continue;
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
        i += clen;
    }
    tokens
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

fn is_combining(c: char) -> bool {
    c >= '\u{300}'
        && matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
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
pub fn after_possessive(text: &str, end: usize) -> usize {
    let apostrophe = if text.as_bytes()[end] == b'\'' { 1 } else { 3 };
    end + apostrophe + 1
}

/// One sentence: its token range and its byte range in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub tokens: Range<usize>,
    pub bytes: Range<usize>,
}

/// `Jan`, `Feb`, `Sept`: written with a period that does not end a sentence.
pub fn is_month_abbreviation(word: &str) -> bool {
    matches!(
        word,
        "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
    )
}

/// Abbreviations after which a period never ends a sentence (titles, initials, months).
fn never_ends(word: &str) -> bool {
    word.len() == 1
        || matches!(
            word,
            "Mr" | "Mrs"
                | "Ms"
                | "Dr"
                | "Sen"
                | "Rep"
                | "Gov"
                | "Gen"
                | "Lt"
                | "Col"
                | "Sgt"
                | "Capt"
                | "Cmdr"
                | "Adm"
                | "Maj"
                | "Prof"
                | "Rev"
                | "Fr"
                | "St"
                | "Mt"
                | "Pres"
                | "Supt"
                | "Insp"
                | "Det"
                | "Cpl"
                | "Pvt"
                | "Hon"
                | "Messrs"
                | "Mme"
                | "Mlle"
                | "No"
                | "Nos"
                | "vs"
                | "v"
                | "Ft"
                | "Calif"
                | "Fla"
                | "Mass"
                | "Ariz"
                | "Ga"
                | "Ill"
                | "Ind"
                | "Tenn"
                | "Tex"
                | "Va"
                | "Wash"
                | "Penn"
                | "Conn"
                | "Mich"
                | "Minn"
                | "Wis"
                | "Okla"
                | "Ky"
                | "Md"
                | "Colo"
                | "Nev"
                | "Ore"
                | "Ala"
        )
        || is_month_abbreviation(word)
}

/// Words that, capitalised after an abbreviation's period, show that a new sentence began.
pub fn starts_sentence(word: &str) -> bool {
    matches!(
        word,
        "The"
            | "A"
            | "An"
            | "He"
            | "She"
            | "It"
            | "They"
            | "We"
            | "I"
            | "But"
            | "And"
            | "In"
            | "On"
            | "At"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "There"
            | "His"
            | "Her"
            | "Their"
            | "Its"
            | "Our"
            | "As"
            | "If"
            | "When"
            | "While"
            | "After"
            | "Before"
            | "Since"
            | "So"
            | "Yet"
            | "Still"
            | "However"
            | "Meanwhile"
            | "Also"
            | "For"
            | "Some"
            | "Many"
            | "Most"
            | "Officials"
            | "Now"
            | "Last"
            | "Earlier"
            | "Later"
            | "Both"
            | "Such"
            | "What"
            | "Why"
            | "How"
            | "Who"
            | "Where"
            | "Under"
            | "According"
            | "Asked"
            | "Analysts"
    )
}

/// Split the tokens into sentences: at `.`, `!`, `?` (with any closing quotes or brackets that
/// follow) before a word that can start a sentence, and at every line break.
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::with_capacity(tokens.len() / 20 + 1);
    let mut begin = 0;
    let mut i = 0;
    let push = |out: &mut Vec<Sentence>, from: usize, to: usize| {
        if from < to {
            out.push(Sentence {
                tokens: from..to,
                bytes: tokens[from].start..tokens[to - 1].end,
            });
        }
    };
    while i < tokens.len() {
        let t = tokens[i];
        if t.kind == Kind::Break {
            push(&mut out, begin, i);
            begin = i + 1;
            i += 1;
            continue;
        }
        let ender = matches!(t.kind, Kind::Punct('.' | '!' | '?' | '…'));
        if !ender {
            i += 1;
            continue;
        }
        // Take closing quotes and brackets into the ending sentence.
        let mut end = i + 1;
        while end < tokens.len()
            && (tokens[end].kind == Kind::CloseQuote || tokens[end].is_punct(')'))
        {
            end += 1;
        }
        let boundary = match tokens.get(end) {
            None => true,
            Some(next) => {
                let next_starts = match next.kind {
                    Kind::Word => next.is(CAP),
                    Kind::OpenQuote | Kind::Number | Kind::Break => true,
                    Kind::Punct(c) => matches!(c, '(' | '[' | '—' | '-' | '–'),
                    Kind::CloseQuote => false,
                };
                next_starts && !abbreviation_before(text, tokens, i, next)
            }
        };
        if boundary {
            push(&mut out, begin, end);
            begin = end;
        }
        i = end;
    }
    push(&mut out, begin, tokens.len());
    out
}

/// Whether the period at token `dot` belongs to an abbreviation that does not end the sentence.
fn abbreviation_before(text: &str, tokens: &[Token], dot: usize, next: &Token) -> bool {
    if !tokens[dot].is_punct('.') || dot == 0 {
        return false;
    }
    let prev = tokens[dot - 1];
    if prev.kind != Kind::Word || prev.end != tokens[dot].start {
        return false;
    }
    let word = prev.text(text);
    if never_ends(word) {
        return next.kind != Kind::Break;
    }
    // `U.S.`, `Inc.`, `Jr.`: a sentence ends only if a typical sentence opener follows.
    let dotted = word.contains('.');
    let maybe = dotted
        || matches!(
            word,
            "Inc" | "Corp" | "Co" | "Ltd" | "Jr" | "Sr" | "Bros" | "etc"
        );
    if maybe {
        return match next.kind {
            Kind::Word => !starts_sentence(next.text(text)),
            Kind::Number => true,
            _ => false,
        };
    }
    false
}

/// Byte ranges of quotations: from an opening mark to the matching closing mark, or to the end
/// of the paragraph when a quotation runs on into the next one (as news style does). Single
/// marks count only outside double ones, and a lone `’` (an apostrophe) closes nothing else.
pub fn quotations(tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    // Start of the open quotation and whether it opened with a single mark.
    let mut open: Option<(usize, bool)> = None;
    let mut last_end = 0;
    for t in tokens {
        let single = t.is(SINGLE);
        match t.kind {
            Kind::OpenQuote if open.is_none() => open = Some((t.start, single)),
            Kind::CloseQuote => {
                if let Some((start, opened_single)) = open
                    && opened_single == single
                {
                    out.push(start..t.end);
                    open = None;
                }
            }
            Kind::Break if t.is(PARAGRAPH) => {
                if let Some((start, _)) = open.take() {
                    out.push(start..last_end);
                }
            }
            _ => {}
        }
        if t.kind != Kind::Break {
            last_end = t.end;
        }
    }
    if let Some((start, _)) = open {
        out.push(start..last_end);
    }
    out
}

/// Lowercase `word` into `buf` when it is short ASCII, else into a new string, and call `f`.
pub fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 32];
    if word.len() <= buf.len() && word.is_ascii() {
        let out = &mut buf[..word.len()];
        out.copy_from_slice(word.as_bytes());
        out.make_ascii_lowercase();
        // ASCII in, ASCII out: the bytes are valid UTF-8.
        match std::str::from_utf8(out) {
            Ok(s) => f(s),
            Err(_) => f(&word.to_lowercase()),
        }
    } else {
        f(&word.to_lowercase())
    }
}

/// Lowercase ASCII-folded form of a name part: `Darchiyev` -> `darchiyev`, `Sánchez` -> `sanchez`,
/// curly apostrophes straightened.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        match c {
            '’' | '‘' => out.push('\''),
            '‐' | '‑' | '–' | '—' => out.push('-'),
            _ => {
                if let Some(base) = fold_latin(c) {
                    out.push_str(base);
                } else if !is_combining(c) {
                    out.extend(c.to_lowercase());
                }
            }
        }
    }
    out
}

/// A 64-bit key for the folded form of `parts` joined by single spaces (`["New", "York"]` and
/// `"new york"` give the same key): rustc-hash's hash of the [`Folded`] text. Names in one
/// article are linked by it (`names::Key`); word tables are keyed by the folded text itself.
pub fn fold_key<'a>(parts: impl IntoIterator<Item = &'a str>) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(Folded::of(parts).bytes());
    h.finish()
}

/// [`fold_key`] of one word.
pub fn fold_key_word(word: &str) -> u64 {
    fold_key([word])
}

/// The folded form of some words joined by single spaces (lower case, accents stripped, curly
/// apostrophes and dashes straightened, as [`fold`]), on the stack while it is short: the key
/// the word tables are looked up by, without allocating.
pub struct Folded {
    buf: [u8; 96],
    len: usize,
    spill: Vec<u8>,
}

impl Default for Folded {
    fn default() -> Self {
        Folded {
            buf: [0; 96],
            len: 0,
            spill: Vec::new(),
        }
    }
}

impl Folded {
    /// `parts` folded and joined by single spaces.
    pub fn of<'a>(parts: impl IntoIterator<Item = &'a str>) -> Folded {
        let mut folded = Folded::default();
        for (i, part) in parts.into_iter().enumerate() {
            if i > 0 {
                folded.push(b" ");
            }
            folded.push_folded(part);
        }
        folded
    }

    fn push(&mut self, bytes: &[u8]) {
        if self.spill.is_empty() && self.len + bytes.len() <= self.buf.len() {
            self.buf[self.len..self.len + bytes.len()].copy_from_slice(bytes);
            self.len += bytes.len();
        } else {
            if self.spill.is_empty() {
                self.spill.extend_from_slice(&self.buf[..self.len]);
            }
            self.spill.extend_from_slice(bytes);
        }
    }

    /// The folded text's bytes (UTF-8).
    pub fn bytes(&self) -> &[u8] {
        if self.spill.is_empty() {
            &self.buf[..self.len]
        } else {
            &self.spill
        }
    }

    /// Push `part` lower-cased, accents stripped, curly apostrophes and dashes straightened.
    fn push_folded(&mut self, part: &str) {
        if part.is_ascii() {
            let from = self.bytes().len();
            self.push(part.as_bytes());
            let pushed = if self.spill.is_empty() {
                &mut self.buf[from..self.len]
            } else {
                &mut self.spill[from..]
            };
            pushed.make_ascii_lowercase();
            return;
        }
        for c in part.chars() {
            if c.is_ascii() {
                self.push(&[c.to_ascii_lowercase() as u8]);
                continue;
            }
            match c {
                '’' | '‘' => self.push(b"'"),
                '‐' | '‑' | '–' | '—' => self.push(b"-"),
                _ => {
                    if let Some(base) = fold_latin(c) {
                        self.push(base.as_bytes());
                    } else if !is_combining(c) {
                        for l in c.to_lowercase() {
                            let mut utf8 = [0u8; 4];
                            self.push(l.encode_utf8(&mut utf8).as_bytes());
                        }
                    }
                }
            }
        }
    }
}

/// The ASCII base letters of common accented Latin letters.
fn fold_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Č' | 'č' => "c",
        'Ď' | 'ď' | 'Đ' | 'đ' | 'Ð' | 'ð' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' | 'Ė' | 'ė' | 'Ę' | 'ę' | 'Ě' | 'ě' => "e",
        'Ğ' | 'ğ' => "g",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ī' | 'ī' | 'İ' | 'ı' => "i",
        'Ł' | 'ł' => "l",
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ň' | 'ň' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō' | 'ō' | 'Ő' | 'ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ř' | 'ř' => "r",
        'Ś' | 'ś' | 'Š' | 'š' | 'Ş' | 'ş' | 'ß' => "s",
        'Ť' | 'ť' | 'Ţ' | 'ţ' => "t",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ū' | 'ū' | 'Ů' | 'ů' | 'Ű' | 'ű' => "u",
        'Ý' | 'ý' | 'ÿ' => "y",
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' => "z",
        _ => return None,
    })
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

    #[test]
    fn sentences_skip_titles_initials_and_months() {
        let text =
            "Mr. Trump met Joseph R. Biden on Feb. 27 in the U.S. They talked. “Fine.” He left.";
        let tokens = tokenize(text);
        let spans: Vec<&str> = sentences(text, &tokens)
            .iter()
            .map(|s| &text[s.bytes.clone()])
            .collect();
        assert_eq!(
            spans,
            [
                "Mr. Trump met Joseph R. Biden on Feb. 27 in the U.S.",
                "They talked.",
                "“Fine.”",
                "He left."
            ]
        );
    }

    #[test]
    fn line_breaks_end_sentences() {
        let text = "LONDON 1996-08-30\nSimmons took four\n\nNew paragraph";
        let tokens = tokenize(text);
        assert_eq!(sentences(text, &tokens).len(), 3);
        let breaks: Vec<bool> = tokens
            .iter()
            .filter(|t| t.kind == Kind::Break)
            .map(|t| t.is(PARAGRAPH))
            .collect();
        assert_eq!(breaks, [false, true]);
    }

    #[test]
    fn quotations_pair_marks_and_run_to_paragraph_end() {
        let text = "He said “one of the Democrats’ ‘plans’” and “two\n\n“three”";
        let tokens = tokenize(text);
        let spans: Vec<&str> = quotations(&tokens).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            spans,
            ["“one of the Democrats’ ‘plans’”", "“two", "“three”"]
        );
    }

    #[test]
    fn fold_keys_ignore_case_accents_and_length() {
        assert_eq!(fold_key(["New", "York"]), fold_key(["new york"]));
        assert_eq!(fold_key(["Sánchez"]), fold_key(["sanchez"]));
        assert_ne!(fold_key(["newyork"]), fold_key(["new", "york"]));
        let long = "x".repeat(300);
        assert_eq!(
            fold_key([long.as_str()]),
            fold_key([long.to_uppercase().as_str()])
        );
    }

    #[test]
    fn folded_words_are_their_fold() {
        for word in [
            "",
            "a",
            "Ab",
            "ABC",
            "Kiev",
            "Moscow",
            "Ushakov",
            "Darchiyev",
            "Washington",
            "Saint-Petersburg",
            "Ouagadougou-Bobo",
            "New York",
            "São Paulo",
            "O’Brien",
            "Ærø",
        ] {
            let folded = fold(word);
            assert_eq!(Folded::of([word]).bytes(), folded.as_bytes(), "{word}");
            assert_eq!(fold_key([word]), fold_key_word(&folded), "{word}");
        }
        assert_ne!(fold_key(["ab"]), fold_key(["ba"]));
        assert_ne!(fold_key(["abcdefghi"]), fold_key(["abcdefghj"]));
        assert_ne!(fold_key(["a"]), fold_key([""]));
    }

    #[test]
    fn fold_strips_accents_and_case() {
        assert_eq!(fold("Sánchez"), "sanchez");
        assert_eq!(fold("O’Gorman"), "o'gorman");
        assert_eq!(with_lowercase("Kremlin", |w| w.to_string()), "kremlin");
    }
}
