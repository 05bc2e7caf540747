//! What an article's story is recognised by: a [`Sketch`] of its text, headline, URL, date and
//! byline, small enough to be stored beside the article in the index.
//!
//! The text is summed up by a one-permutation MinHash of its word 4-grams: [`BINS`] bins, each
//! keeping the top 8 bits of the smallest shingle hash seen. Two texts agree on a bin about as
//! often as their shingle sets overlap (Jaccard similarity), and bands of bins give the lookup
//! [`Sketch::keys`] under which versions of one story meet. A word's bytes are folded into an
//! FNV-1a state as they are read, and that state, like each shingle, is hashed with xxh3: both
//! are fixed by their specifications, so that stored sketches stay comparable across builds.
//!
//! The headline is reduced to its words without the desk's prefixes (`UPDATE 2-`, `REFILE-`,
//! `CORRECTED:`), but prefixes that make a piece of its own kind (`FACTBOX`, `TIMELINE`,
//! `INSTANT VIEW`, ...) are kept as its [`Kind`]: a factbox is never a version of the news
//! story beside it, and instalments of such pieces are told apart by their dates.

use arrayvec::ArrayVec;
use chrono::Datelike;

use crate::article::Article;

/// MinHash bins of the body.
pub(crate) const BINS: usize = 128;
/// Words in a shingle.
const SHINGLE: usize = 4;
/// A bin no shingle fell in.
const EMPTY: u8 = u8::MAX;
/// Bands of [`BAND_ROWS`] bins whose smallest full hashes are lookup keys.
const BANDS: usize = 4;
const BAND_ROWS: usize = 2;
/// Lookup keys from the smallest shingles of the lead (its first [`LEAD_WORDS_KEYED`] words),
/// where boilerplate is rare and a first take meets its full story.
const LEAD_KEYS: usize = 4;
const LEAD_WORDS_KEYED: usize = 60;
/// Probes of the body: lead keys and bands.
const PROBES: usize = LEAD_KEYS + BANDS;
/// Most lookup keys of a sketch: headline, slug, URL id, whole text, and the probes.
pub(crate) const MAX_KEYS: usize = 4 + PROBES;

/// A lookup key of a sketch: which of its [`MAX_KEYS`] keys it is (the headline, ...), and
/// its value. Keys meet only keys of the same slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Key {
    pub(crate) slot: usize,
    pub(crate) value: u32,
}

/// Shingle hash bits below the bin number.
const VALUE: u64 = (1 << 57) - 1;
/// The most headline words and byline names kept.
const TITLE_WORDS: usize = 10;
const NAMES: usize = 4;
/// Version byte of [`Sketch::to_bytes`].
const VERSION: u8 = 2;
/// Bins of the MinHash a [`Brief`] keeps: those that fill its 32 bytes.
const BRIEF_BINS: usize = 23;

/// What sort of piece an article is, from its headline: pieces of different kinds are never
/// versions of one another, and the "instalment" kinds come back with new items on new days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    News = 0,
    Factbox = 1,
    Timeline = 2,
    InstantView = 3,
    /// Highlights, comments from a meeting, a live file ("As it happens").
    Comments = 4,
    Analysis = 5,
    QandA = 6,
    /// Another label in capitals before the headline (`QUOTE BOX:`, `PREVIEW-`).
    Labelled = 7,
}

impl Kind {
    fn from_byte(byte: u8) -> Option<Kind> {
        Some(match byte {
            0 => Kind::News,
            1 => Kind::Factbox,
            2 => Kind::Timeline,
            3 => Kind::InstantView,
            4 => Kind::Comments,
            5 => Kind::Analysis,
            6 => Kind::QandA,
            7 => Kind::Labelled,
            _ => return None,
        })
    }

    /// Kinds that are filed again with new items: instalments of another day are other stories.
    pub(crate) fn has_instalments(self) -> bool {
        matches!(self, Kind::Factbox | Kind::Timeline | Kind::Comments)
    }
}

/// What an article's story is recognised by; stored in the index as bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct Sketch {
    pub(crate) kind: Kind,
    /// Days since 1970-01-01 of the publication date.
    pub(crate) day: Option<i32>,
    /// Hash of the normalised headline (0: none).
    pub(crate) title: u32,
    /// Hashes of the headline's words, sorted.
    pub(crate) title_words: ArrayVec<u16, TITLE_WORDS>,
    /// Hash of the URL's last segment without its id (0: none).
    pub(crate) slug: u32,
    /// Hash of the document id in the URL (0: none).
    pub(crate) url_id: u32,
    /// Hashes of the byline's surnames, sorted.
    pub(crate) names: ArrayVec<u16, NAMES>,
    /// Hash of the whole text's words (0: no words).
    pub(crate) text: u32,
    /// Hashes of the smallest shingles of the lead and of bands of bins: lookup keys.
    pub(crate) probes: ArrayVec<u32, PROBES>,
    /// Shingles in the body (saturating).
    pub(crate) shingles: u16,
    pub(crate) mins: [u8; BINS],
}

impl Sketch {
    /// The sketch of a cleaned, extracted article.
    pub fn of(article: &Article) -> Sketch {
        let (kind, title) = headline(&article.title);
        let title_words = smallest(words(&title).map(|w| hash(w, 1) as u16));
        let (slug, url_id, slug_kind) =
            article
                .url
                .as_deref()
                .map(url_parts)
                .unwrap_or((0, 0, Kind::News));
        // The address names the kind where the headline does not (an instant view under the
        // news story's headline).
        let kind = if kind == Kind::News { slug_kind } else { kind };
        let body = Body::of(without_dateline(&article.body));
        Sketch {
            kind,
            day: article.published.map(|d| d.num_days_from_ce() - EPOCH_DAYS),
            title: if title.is_empty() {
                0
            } else {
                hash(title.as_bytes(), 2) as u32 | 1
            },
            title_words,
            slug,
            url_id,
            names: article.author.as_deref().map(names).unwrap_or_default(),
            text: body.text,
            probes: body.probes,
            shingles: body.shingles,
            mins: body.mins,
        }
    }

    /// Compact bytes for the index, and back.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(40 + 2 * BINS + 4 * self.probes.len());
        out.push(VERSION);
        out.push(self.kind as u8);
        out.extend_from_slice(&self.day.unwrap_or(i32::MIN).to_le_bytes());
        for v in [self.title, self.slug, self.url_id, self.text] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&self.shingles.to_le_bytes());
        for list in [self.title_words.as_slice(), self.names.as_slice()] {
            out.push(list.len() as u8);
            for v in list {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        out.push(self.probes.len() as u8);
        for v in &self.probes {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&self.mins);
        out
    }

    /// The sketch stored as `bytes`; None when they are not a sketch of this version.
    pub fn from_bytes(bytes: &[u8]) -> Option<Sketch> {
        let mut r = Reader(bytes);
        if r.take::<1>()?[0] != VERSION {
            return None;
        }
        let kind = Kind::from_byte(r.take::<1>()?[0])?;
        let day = i32::from_le_bytes(r.take()?);
        let mut hashes = [0u32; 4];
        for v in &mut hashes {
            *v = u32::from_le_bytes(r.take()?);
        }
        let shingles = u16::from_le_bytes(r.take()?);
        let title_words = r.list(u16::from_le_bytes)?;
        let names = r.list(u16::from_le_bytes)?;
        let probes = r.list(u32::from_le_bytes)?;
        let mins: [u8; BINS] = r.take()?;
        if !r.0.is_empty() {
            return None;
        }
        let [title, slug, url_id, text] = hashes;
        Some(Sketch {
            kind,
            day: (day != i32::MIN).then_some(day),
            title,
            title_words,
            slug,
            url_id,
            names,
            text,
            probes,
            shingles,
            mins,
        })
    }

    /// What identical copies share: the same kind and the same words (the hash of the whole
    /// text and the MinHash); None without a word. [`super::rule::likeness`] makes a copy a
    /// version whatever else differs (headline, address, date), so the story of an article
    /// with this key is the story of every later copy of it. 64 bits, where the text's hash
    /// alone has 32: copies are looked up among far more articles than versions are.
    pub(crate) fn copy_key(&self) -> Option<u64> {
        if self.text == 0 {
            return None;
        }
        let mut bytes = [0u8; 5 + BINS];
        bytes[0] = self.kind as u8;
        bytes[1..5].copy_from_slice(&self.text.to_le_bytes());
        bytes[5..].copy_from_slice(&self.mins);
        Some(hash(&bytes, 11))
    }

    /// Lookup keys: versions of one story share at least one (the headline, the URL's slug or
    /// id, the whole text, the smallest shingles of the lead, bands of the MinHash).
    pub(crate) fn keys(&self) -> ArrayVec<Key, MAX_KEYS> {
        let fields = [self.title, self.slug, self.url_id, self.text];
        fields
            .into_iter()
            .chain(self.probes.iter().copied())
            .enumerate()
            .filter(|(_, v)| *v != 0)
            .map(|(slot, value)| Key { slot, value })
            .collect()
    }
}

/// The day distance between two dates, when both are known.
pub(crate) fn days_apart(a: Option<i32>, b: Option<i32>) -> Option<i32> {
    Some((a? - b?).abs())
}

/// Days from 0001-01-01 (day 1) to 1970-01-01.
const EPOCH_DAYS: i32 = 719_163;

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, rest) = self.0.split_first_chunk::<N>()?;
        self.0 = rest;
        Some(*head)
    }

    /// A list of at most `CAP` values of `B` bytes each, after its length byte.
    fn list<T, const B: usize, const CAP: usize>(
        &mut self,
        from: impl Fn([u8; B]) -> T,
    ) -> Option<ArrayVec<T, CAP>> {
        let n = self.take::<1>()?[0] as usize;
        let mut list = ArrayVec::new();
        for _ in 0..n {
            list.try_push(from(self.take()?)).ok()?;
        }
        Some(list)
    }
}

#[inline]
fn hash(bytes: &[u8], seed: u64) -> u64 {
    xxhash_rust::xxh3::xxh3_64_with_seed(bytes, seed)
}

fn mix(v: u64, tag: u64) -> u64 {
    hash(&v.to_le_bytes(), tag)
}

/// Letters and digits as lowercase ASCII, and any non-ASCII byte as itself (it counts as a
/// letter); 0 for the bytes between words.
const WORD_BYTES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() || byte >= 0x80 {
            table[b] = byte.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// FNV-1a, into which a word's bytes are folded as they are read: a multiply and an exclusive-or
/// a byte, with no copy of the word and no second read of it. [`mix`] then spreads the state
/// over all 64 bits.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

#[inline]
fn fnv(state: u64, byte: u8) -> u64 {
    (state ^ u64::from(byte)).wrapping_mul(FNV_PRIME)
}

/// The hashes of the words of a text ([`words`], lowercased), in one pass over its bytes.
fn word_hashes(text: &str) -> impl Iterator<Item = u64> + '_ {
    let mut bytes = text.as_bytes().iter();
    std::iter::from_fn(move || {
        let first = bytes
            .by_ref()
            .map(|&b| WORD_BYTES[b as usize])
            .find(|&folded| folded != 0)?;
        let mut state = fnv(FNV_OFFSET, first);
        for &b in bytes.by_ref() {
            match WORD_BYTES[b as usize] {
                0 => break,
                folded => state = fnv(state, folded),
            }
        }
        Some(mix(state, 7))
    })
}

/// The words of a text: runs of letters and digits (any non-ASCII byte counts as a letter),
/// as bytes.
fn words(text: &str) -> impl Iterator<Item = &[u8]> {
    text.as_bytes()
        .split(|b| !(b.is_ascii_alphanumeric() || *b >= 0x80))
        .filter(|w| !w.is_empty())
}

/// Headline prefixes that are the desk's bookkeeping, not part of the headline.
const DESK_PREFIXES: &[&str] = &[
    "update",
    "wrapup",
    "refile",
    "corrected",
    "correction",
    "rpt",
    "repeat",
    "exclusive",
    "urgent",
    "breakingviews",
    "column",
    "rpt-update",
    "update-",
];

/// Headline prefixes (or phrases) that make a piece of its own kind.
const KIND_PREFIXES: &[(&str, Kind)] = &[
    ("factbox", Kind::Factbox),
    ("fact box", Kind::Factbox),
    ("timeline", Kind::Timeline),
    ("chronology", Kind::Timeline),
    ("instant view", Kind::InstantView),
    ("instantview", Kind::InstantView),
    ("highlights", Kind::Comments),
    ("key points", Kind::Comments),
    ("analysis", Kind::Analysis),
    ("snap analysis", Kind::Analysis),
    ("q+a", Kind::QandA),
    ("q&a", Kind::QandA),
];

/// Phrases anywhere in a headline that mark a file of comments or a live file.
const COMMENTS_PHRASES: &[&str] = &[
    "as it happens",
    "comments from",
    "comments by",
    "comments at",
];

/// The kind and the normalised headline: lowercase words separated by single spaces, without
/// prefixes.
pub(crate) fn headline(title: &str) -> (Kind, String) {
    let lower = title.to_lowercase();
    let mut rest = lower.trim();
    let mut kind = Kind::News;
    let original = title.trim();
    'strip: loop {
        for (prefix, k) in KIND_PREFIXES {
            if let Some(after) = prefix_of(rest, prefix) {
                if kind == Kind::News {
                    kind = *k;
                }
                rest = after;
                continue 'strip;
            }
        }
        for prefix in DESK_PREFIXES {
            if let Some(after) = prefix_of(rest, prefix) {
                rest = after;
                continue 'strip;
            }
        }
        break;
    }
    // The same text in its original case, for a label in capitals the lists above lack.
    let original = original
        .get(original.len().saturating_sub(rest.len())..)
        .unwrap_or("");
    if kind == Kind::News
        && let Some(label_end) = original.find([':', '-'])
    {
        let label = &original[..label_end];
        let letters = label.bytes().filter(u8::is_ascii_uppercase).count();
        if letters >= 5 && label.bytes().all(|b| b.is_ascii_uppercase() || b == b' ') {
            kind = Kind::Labelled;
        }
    }
    if kind == Kind::News && COMMENTS_PHRASES.iter().any(|p| rest.contains(p)) {
        kind = Kind::Comments;
    }
    let mut normal = String::with_capacity(rest.len());
    for w in words(rest) {
        if !normal.is_empty() {
            normal.push(' ');
        }
        normal.push_str(&String::from_utf8_lossy(w));
    }
    (kind, normal)
}

/// `text` after `prefix` when the prefix is followed by an optional number and a separator
/// (`-`, `:`), as in `UPDATE 2-` or `Factbox: `.
fn prefix_of<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let after = text.strip_prefix(prefix)?;
    let after = after.trim_start_matches(|c: char| c == ' ' || c.is_ascii_digit());
    let rest = after.strip_prefix(['-', ':', '/', '|', '\u{2013}', '\u{2014}'])?;
    Some(rest.trim_start())
}

/// Words of an address's slug that make a piece of its own kind besides the one-word headline
/// prefixes of [`KIND_PREFIXES`], as in `us-ferries-instant-idUSTRE9AB12C20101228`.
const SLUG_KINDS: &[(&str, Kind)] = &[("instant", Kind::InstantView), ("qanda", Kind::QandA)];

/// The hashes of the URL's slug and id, and the kind its slug names. The last path segment
/// names the document: a Reuters-style `slug-idUSTRE73B81P20110412` gives the slug and the id
/// (without the date appended to it), a segment ending in a long number gives that number as
/// the id.
fn url_parts(url: &str) -> (u32, u32, Kind) {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    // The host names the site, not the document.
    let path = match path.find("://") {
        Some(at) => path[at + 3..]
            .find('/')
            .map_or("", |slash| &path[at + 3 + slash..]),
        None => path,
    };
    let segment = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    let segment = segment
        .strip_suffix(".html")
        .or_else(|| segment.strip_suffix(".htm"))
        .unwrap_or(segment);
    let (slug, id) = match segment.rfind("-id") {
        Some(at)
            if segment[at + 3..]
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                && segment.len() > at + 3 =>
        {
            let id = &segment[at + 3..];
            // The Reuters id carries the filing date (YYYYMMDD) at its end.
            let cut = id.len().saturating_sub(8);
            let id = if id.len() > 12 && id[cut..].bytes().all(|b| b.is_ascii_digit()) {
                &id[..cut]
            } else {
                id
            };
            (&segment[..at], id)
        }
        _ => {
            let digits =
                segment.len() - segment.bytes().rev().take_while(u8::is_ascii_digit).count();
            if segment.len() - digits >= 5 {
                (
                    segment[..digits].trim_end_matches(['-', '_', '.']),
                    &segment[digits..],
                )
            } else {
                (segment, "")
            }
        }
    };
    let h = |s: &str, seed| {
        if s.len() < 4 {
            0
        } else {
            hash(s.as_bytes(), seed) as u32 | 1
        }
    };
    let kind = slug
        .split(['-', '_'])
        .find_map(|w| {
            KIND_PREFIXES
                .iter()
                .chain(SLUG_KINDS)
                .find(|(name, _)| w.eq_ignore_ascii_case(name))
        })
        .map_or(Kind::News, |(_, kind)| *kind);
    (h(slug, 3), h(id, 4), kind)
}

/// The hashes of the byline's surnames (the last word of each name), sorted.
fn names(byline: &str) -> ArrayVec<u16, NAMES> {
    let lower = byline.to_lowercase();
    let lower = lower.trim_start().strip_prefix("by ").unwrap_or(&lower);
    smallest(
        lower
            .split([',', ';', '&'])
            .flat_map(|part| part.split(" and "))
            .filter_map(|name| words(name).last())
            .map(|w| hash(w, 5) as u16),
    )
}

/// The `N` smallest distinct values, sorted.
fn smallest<const N: usize>(values: impl Iterator<Item = u16>) -> ArrayVec<u16, N> {
    let mut all: Vec<u16> = values.collect();
    all.sort_unstable();
    all.dedup();
    all.into_iter().take(N).collect()
}

/// The body without a leading dateline (`NEW YORK (Reuters) - `), which changes between
/// versions filed from different desks.
fn without_dateline(body: &str) -> &str {
    let mut end = body.len().min(120);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    let head = &body[..end];
    for mark in [") - ", ") -- ", ") \u{2013} ", ") \u{2014} "] {
        if let Some(at) = head.find(mark) {
            return &body[at + mark.len()..];
        }
    }
    body
}

/// The text sketch of a body.
struct Body {
    text: u32,
    shingles: u16,
    mins: [u8; BINS],
    probes: ArrayVec<u32, PROBES>,
}

impl Body {
    fn of(body: &str) -> Body {
        // The smallest full shingle hash of each bin, and of each lead slot.
        let mut full = [u64::MAX; BINS];
        let mut lead = [u64::MAX; LEAD_KEYS];
        // The last SHINGLE words' hashes, oldest first.
        let mut window = [0u64; SHINGLE];
        let mut count = 0usize;
        let mut text = 0u64;
        for h in word_hashes(body) {
            window.rotate_left(1);
            window[SHINGLE - 1] = h;
            count += 1;
            text = text.rotate_left(5) ^ h;
            if count < SHINGLE {
                continue;
            }
            let s = window.iter().fold(0u64, |s, w| s.rotate_left(17) ^ w);
            let s = mix(s, 9);
            let bin = (s >> 57) as usize;
            let v = s & VALUE;
            full[bin] = full[bin].min(v);
            if count <= LEAD_WORDS_KEYED {
                let slot = bin % LEAD_KEYS;
                lead[slot] = lead[slot].min(v);
            }
        }
        let mut mins = [EMPTY; BINS];
        for (m, f) in mins.iter_mut().zip(full) {
            if f != u64::MAX {
                // The top bits of the smallest value are the smallest top bits.
                *m = ((f >> 49) as u8).min(EMPTY - 1);
            }
        }
        let bands = full
            .chunks(BAND_ROWS)
            .take(BANDS)
            .filter(|rows| !rows.contains(&u64::MAX))
            .map(|rows| rows.iter().fold(0u64, |a, b| a.rotate_left(29) ^ b));
        let probes = lead
            .into_iter()
            .filter(|v| *v != u64::MAX)
            .chain(bands)
            .map(|v| mix(v, 10) as u32 | 1)
            .collect();
        Body {
            text: if count == 0 {
                0
            } else {
                mix(text, 8) as u32 | 1
            },
            shingles: count.saturating_sub(SHINGLE - 1).min(u16::MAX as usize) as u16,
            mins,
            probes,
        }
    }
}

/// The part of a sketch that rules out most candidates of a lookup without the rest: its
/// kind, day, whole-text hash and first bins, in 32 bytes (against the sketch's 200-odd, so
/// that the briefs of the articles held for lookups stay in the processor's cache).
#[derive(Debug, Clone, Copy)]
#[repr(C, align(32))]
pub(crate) struct Brief {
    /// [`Sketch::day`], `i32::MIN` for none.
    day: i32,
    pub(crate) text: u32,
    pub(crate) kind: Kind,
    head: [u8; BRIEF_BINS],
}

const _: () = assert!(std::mem::size_of::<Brief>() == 32);

impl Brief {
    pub(crate) fn day(&self) -> Option<i32> {
        (self.day != i32::MIN).then_some(self.day)
    }
}

impl Sketch {
    /// What a lookup reads of this sketch first.
    pub(crate) fn brief(&self) -> Brief {
        Brief {
            day: self.day.unwrap_or(i32::MIN),
            text: self.text,
            kind: self.kind,
            head: std::array::from_fn(|bin| self.mins[bin]),
        }
    }

    /// Whether [`Sketch::jaccard_at_least`] may hold against the sketch `old` is the brief of:
    /// false when the brief's bins alone disagree with this sketch's too often, even if every
    /// other bin agreed.
    pub(crate) fn may_agree(&self, old: &Brief, least: f32) -> bool {
        let differ = self.mins[..BRIEF_BINS]
            .iter()
            .zip(&old.head)
            .filter(|(a, b)| a != b)
            .count();
        // Agreeing bins over bins with a shingle is largest when all bins have one.
        (BINS - differ) as f32 >= least * BINS as f32
    }

    /// Bins the two bodies agree on, and bins either body has a shingle in. Counted without
    /// branches, so that the compiler compares many bins at once.
    fn agreement(&self, other: &Sketch) -> (u32, u32) {
        let (mut same, mut neither) = (0u32, 0u32);
        for (a, b) in self.mins.iter().zip(&other.mins) {
            same += u32::from(a == b);
            neither += u32::from((*a & *b) == EMPTY);
        }
        (same - neither, BINS as u32 - neither)
    }

    /// Estimated Jaccard similarity of the two bodies' shingle sets.
    pub(crate) fn jaccard(&self, other: &Sketch) -> f32 {
        match self.agreement(other) {
            (_, 0) => 0.0,
            (same, any) => same as f32 / any as f32,
        }
    }

    /// Whether [`Sketch::jaccard`] is at least `least`.
    pub(crate) fn jaccard_at_least(&self, other: &Sketch, least: f32) -> bool {
        let (same, any) = self.agreement(other);
        any > 0 && same as f32 >= least * any as f32
    }

    /// Estimated share of the shorter body's shingles that are in the longer one.
    pub(crate) fn containment(&self, other: &Sketch) -> f32 {
        let j = self.jaccard(other);
        let (a, b) = (f32::from(self.shingles), f32::from(other.shingles));
        let small = a.min(b);
        if small == 0.0 {
            return 0.0;
        }
        (j * (a + b) / (1.0 + j) / small).min(1.0)
    }

    /// Share of the shorter headline's words found in the other.
    pub(crate) fn title_overlap(&self, other: &Sketch) -> f32 {
        let small = self.title_words.len().min(other.title_words.len());
        if small == 0 {
            return 0.0;
        }
        let shared = self
            .title_words
            .iter()
            .filter(|w| other.title_words.binary_search(w).is_ok())
            .count();
        shared as f32 / small as f32
    }

    /// Whether the bylines share a name.
    pub(crate) fn shares_name(&self, other: &Sketch) -> bool {
        self.names
            .iter()
            .any(|n| other.names.binary_search(n).is_ok())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::article::RawArticle;

    #[test]
    fn hashes_follow_their_specifications_so_stored_sketches_stay_comparable() {
        // Values of the XXH3 specification (64 bits, seeded), which stored sketches were made
        // with: a change of hash crate must not change them.
        assert_eq!(hash(b"reuters", 7), 0x5941_6ed1_0e7b_05ed);
        assert_eq!(hash(b"shingle!", 9), 0x2135_746b_373d_2aba);
        assert_eq!(
            hash(b"interest rates rise in the euro zone", 2),
            0x8e0d_1002_69bd_9c02
        );
        assert_eq!(hash("a".repeat(300).as_bytes(), 2), 0xb3df_f7e9_1120_1f19);
        // FNV-1a of the specification ("a" is 0xaf63dc4c8601ec8c), as words are folded.
        assert_eq!(fnv(FNV_OFFSET, b'a'), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(
            b"foobar".iter().copied().fold(FNV_OFFSET, fnv),
            0x8594_4171_f739_67e8
        );
    }

    /// Made-up wire copy: a header (title, byline, date, URL) over paragraphs.
    pub(crate) fn article(title: &str, byline: &str, date: &str, url: &str, body: &str) -> Article {
        let byline = if byline.is_empty() {
            String::new()
        } else {
            format!("-- By {byline}\n")
        };
        let text = format!("-- {title}\n{byline}-- {date}\n-- {url}\n\n{body}\n");
        crate::ingest::prepare(&RawArticle {
            id: url.to_string(),
            path: url.to_string(),
            text,
            ..RawArticle::default()
        })
    }

    /// The hashes of the words of `text`, a word at a time.
    fn hashes_by_word(text: &str) -> Vec<u64> {
        words(text)
            .map(|w| {
                let state = w.to_ascii_lowercase().into_iter().fold(FNV_OFFSET, fnv);
                mix(state, 7)
            })
            .collect()
    }

    #[test]
    fn word_hashes_are_those_of_the_lowercased_words() {
        let long = "x".repeat(40);
        let text = format!("UPDATE 2-Ferry: the café's 42 crossings, cut—again {long}y ");
        let one_pass: Vec<u64> = word_hashes(&text).collect();
        assert_eq!(one_pass, hashes_by_word(&text));
        // Any non-ASCII byte is a letter: "cut—again" is one word.
        assert_eq!(one_pass.len(), 10);
        assert_eq!(word_hashes(" ,; ").count(), 0);
    }

    #[test]
    fn word_hashes_agree_for_every_word_length_and_text_end() {
        // Words of every length to 41 bytes, after separators of every length, with the text
        // ending inside a word or after it.
        for len in 1..=41 {
            for gap in 1..=9 {
                for end in ["", " ", "Zé", "9"] {
                    let word: String = "AbÇd3fG-hIjKlMnO".chars().cycle().take(len).collect();
                    let gaps = " ,(\n\t.;".repeat(2);
                    let text = format!("{}{word}{}{word}{end}", &gaps[..gap], &gaps[..gap]);
                    let one_pass: Vec<u64> = word_hashes(&text).collect();
                    assert_eq!(one_pass, hashes_by_word(&text), "{text:?}");
                }
            }
        }
        assert_eq!(word_hashes("").count(), 0);
        assert_eq!(word_hashes("Ab").count(), 1);
    }

    #[test]
    fn the_early_stopping_jaccard_agrees_with_the_full_one() {
        let (old, new) = (Sketch::of(&first()), Sketch::of(&update()));
        for least in [0.0, 0.3, 0.6, 0.9, 1.0] {
            let j = new.jaccard(&old);
            assert_eq!(
                new.jaccard_at_least(&old, least),
                j >= least,
                "{least} vs {j}"
            );
        }
        assert!(old.jaccard_at_least(&old, 1.0));
    }

    pub(crate) const STORY: &str = "LONDON (Reuters) - The harbour authority of Eastmouth said on \
        Tuesday it would close the old ferry terminal next spring and move all crossings to a new \
        quay built with money from three regional banks.\n\n\
        The move ends more than a century of sailings from the town centre, where shopkeepers \
        have warned that fewer visitors would walk past their windows once the terminal shuts.\n\n\
        \"We looked at every option and this was the only one the budget allowed,\" the \
        authority's chairwoman Margaret Olney told reporters at a briefing in the town hall.\n\n\
        The new quay, two miles north of the centre, can take the larger vessels that two \
        operators plan to bring into service from next year, cutting crossing times by a third.\n\n\
        Local councillors said they would ask the regional government to pay for a shuttle bus \
        between the station and the new quay during the first two years of operation.";

    /// The same report, filed again from another desk: new line wraps, a new dateline, a
    /// byline, and one more paragraph at the end.
    pub(crate) fn update() -> Article {
        let wrapped = STORY
            .replace("LONDON (Reuters)", "EASTMOUTH, England (Reuters)")
            .replace(", where shopkeepers ", ", where\nshopkeepers ")
            .replace("the new quay during", "the new quay\nduring");
        let body = format!(
            "{wrapped}\n\nShares in the larger of the two operators rose 2 percent in early \
             trading after the announcement, while the smaller one was unchanged."
        );
        article(
            "UPDATE 2-Eastmouth to close old ferry terminal, move crossings",
            "Jane Porter and Ali Khan",
            "Tue Mar 4, 2008 11:02am EDT",
            "http://www.example.com/article/2008/03/04/us-ferry-terminal-idUSL0412345620080304",
            &body,
        )
    }

    pub(crate) fn first() -> Article {
        article(
            "Eastmouth to close old ferry terminal",
            "Jane Porter",
            "Tue Mar 4, 2008 7:15am EDT",
            "http://www.example.com/article/2008/03/04/us-ferry-terminal-idUSL0412345620080304",
            STORY,
        )
    }

    #[test]
    fn bytes_round_trip() {
        let sketch = Sketch::of(&update());
        let bytes = sketch.to_bytes();
        assert!(bytes.len() <= 220, "{} bytes", bytes.len());
        assert_eq!(Sketch::from_bytes(&bytes), Some(sketch));
        assert_eq!(Sketch::from_bytes(&bytes[..bytes.len() - 1]), None);
        let mut other_version = bytes.clone();
        other_version[0] = VERSION + 1;
        assert_eq!(Sketch::from_bytes(&other_version), None);
        assert_eq!(Sketch::from_bytes(&[]), None);
        let empty = Sketch::of(&Article::default());
        assert_eq!(Sketch::from_bytes(&empty.to_bytes()), Some(empty));
    }

    #[test]
    fn copies_share_a_copy_key_and_only_copies() {
        let key = |a: &Article| Sketch::of(a).copy_key();
        let original = first();
        let mut copy = original.clone();
        copy.title = "Ferries leave Eastmouth".to_string();
        copy.url = Some("https://elsewhere.example/ferries".to_string());
        copy.published = None;
        assert!(key(&original).is_some());
        assert_eq!(key(&copy), key(&original));
        assert_ne!(key(&update()), key(&original));
        copy.title = format!("FACTBOX-{}", original.title);
        assert_ne!(key(&copy), key(&original));
        assert_eq!(key(&Article::default()), None);
    }

    #[test]
    fn versions_share_keys() {
        let (a, b) = (Sketch::of(&first()), Sketch::of(&update()));
        let keys = a.keys();
        assert!(keys.len() <= 12, "{} keys", keys.len());
        assert!(b.keys().iter().any(|k| keys.contains(k)));
        assert!(a.jaccard(&b) > 0.6, "{}", a.jaccard(&b));
        assert!(a.containment(&b) > 0.9, "{}", a.containment(&b));
        assert!(a.title_overlap(&b) == 1.0);
        assert_eq!((a.slug, a.url_id), (b.slug, b.url_id));
        assert!(a.shares_name(&b));
    }

    #[test]
    fn headline_prefixes() {
        let news = (Kind::News, "gold at one month low".to_string());
        assert_eq!(headline("UPDATE 2-Gold at one-month low"), news);
        assert_eq!(headline("REFILE-CORRECTED: Gold at one-month low"), news);
        assert_eq!(headline("RPT-WRAPUP 1-Gold at one-month low"), news);
        assert_eq!(headline("Gold at one-month low"), news);
        assert_eq!(headline("FACTBOX - Gold prices").0, Kind::Factbox);
        assert_eq!(
            headline("UPDATE 1-Factbox: Gold prices"),
            (Kind::Factbox, "gold prices".into())
        );
        assert_eq!(
            headline("Instant view: Jobless claims fall").0,
            Kind::InstantView
        );
        assert_eq!(headline("TIMELINE-Key dates").0, Kind::Timeline);
        assert_eq!(
            headline("Euro zone crisis: As it happens").0,
            Kind::Comments
        );
        assert_eq!(
            headline("UPDATE 1-QUOTE BOX: Carmakers talk").0,
            Kind::Labelled
        );
        assert_eq!(headline("GM-UAW talks break off").0, Kind::News);
        assert_eq!(headline("Oil jumps: traders").0, Kind::News);
        // A word that only starts like a prefix is part of the headline.
        assert_eq!(headline("Updates to the tax code").0, Kind::News);
        assert_eq!(
            headline("Updates to the tax code").1,
            "updates to the tax code"
        );
    }

    #[test]
    fn the_address_names_the_kind_the_headline_leaves_out() {
        let at = |url: &str| {
            let mut companion = first();
            companion.url = Some(url.to_string());
            Sketch::of(&companion).kind
        };
        let base = "http://www.reuters.com/article/2010/12/28";
        assert_eq!(
            at(&format!("{base}/us-ferries-instant-idUSTRE9AB12C20101228")),
            Kind::InstantView
        );
        assert_eq!(
            at(&format!(
                "{base}/us-ferries-fares-instantview-sb-idUSTRE9AB13D20101228"
            )),
            Kind::InstantView
        );
        assert_eq!(
            at(&format!("{base}/us-ferries-factbox-idUSTRE9AB14E20101228")),
            Kind::Factbox
        );
        // A word that holds a marker is not one; and the news story's own address names none.
        assert_eq!(
            at(&format!("{base}/us-instantly-idUSTRE9AB15F20101228")),
            Kind::News
        );
        assert_eq!(
            at(&format!("{base}/us-ferries-idUSTRE9AB16G20101228")),
            Kind::News
        );
        // The headline's kind comes first.
        let mut factbox = first();
        factbox.title = "FACTBOX-Ferry crossings".to_string();
        factbox.url = Some(format!("{base}/us-ferry-instant-idUSTRE9AB17H20101228"));
        assert_eq!(Sketch::of(&factbox).kind, Kind::Factbox);
    }

    #[test]
    fn url_slug_and_id() {
        let a = url_parts(
            "http://www.reuters.com/article/2011/04/12/us-deutschebank-idUSTRE73B81P20110412",
        );
        let b = url_parts(
            "http://www.reuters.com/article/2011/04/13/us-deutschebank-idUSTRE73B81P20110413",
        );
        assert_eq!(a, b);
        assert_ne!(a.0, 0);
        assert_ne!(a.1, 0);
        let c =
            url_parts("https://news.example.org/business/ferry-terminal-to-close-48213377.html");
        let d =
            url_parts("https://news.example.org/business/ferry-terminal-to-close-48213377?ref=rss");
        assert_eq!(c, d);
        assert_ne!(c.1, 0);
        assert_eq!(url_parts("https://example.org/"), (0, 0, Kind::News));
    }
}
