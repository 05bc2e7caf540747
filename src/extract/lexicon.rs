//! The word lists that several parts of newsdex share, read from `data/lexicon/` (compiled in)
//! and parsed once: personal titles, function words, days and months, abbreviations after
//! which a period ends no sentence, sentence openers, organisation tails. The rules that use
//! them live with their extractors; a list is written once, here, so that extraction, snippets
//! and the locations tokenizer cannot drift apart.
//!
//! A list file holds words split by white space, `#` comments and, in files of several
//! lists, `[section]` headers (see `data/lexicon/README.md`). Lookups take the word as
//! written (case counts) and never allocate.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

const TITLES: &str = include_str!("../../data/lexicon/titles.txt");
const FUNCTION_WORDS: &str = include_str!("../../data/lexicon/function-words.txt");
const CALENDAR: &str = include_str!("../../data/lexicon/calendar.txt");
const ABBREVIATIONS: &str = include_str!("../../data/lexicon/abbreviations.txt");
const SENTENCE_OPENERS: &str = include_str!("../../data/lexicon/sentence-openers.txt");
const ORGANISATION_TAILS: &str = include_str!("../../data/lexicon/organisation-tails.txt");
/// The word classes of the locations rules, one section each.
pub(crate) const LOCATIONS: &str = include_str!("../../data/lexicon/locations.txt");
/// The word classes of the speaker and person rules, one section each.
pub(crate) const SPEAKERS: &str = include_str!("../../data/lexicon/speakers.txt");

/// A set of words, parsed from a list on first use.
pub(crate) type Words = LazyLock<WordSet>;

/// The words of a list as a set. Most words a text asks about are in no list, and most of
/// those are ruled out before they are hashed: a bit per [`shape`] (length, first and last
/// byte) of the listed words, 512 bytes that stay in cache, says whether any listed word has
/// the shape of the one asked about. Only then is the word looked up, so answers are exact.
#[derive(Debug)]
pub(crate) struct WordSet {
    shapes: [u64; SHAPE_WORDS],
    set: FxHashSet<&'static str>,
}

impl FromIterator<&'static str> for WordSet {
    fn from_iter<I: IntoIterator<Item = &'static str>>(words: I) -> Self {
        let mut set = WordSet {
            shapes: [0; SHAPE_WORDS],
            set: FxHashSet::default(),
        };
        for w in words {
            let bit = shape(w.as_bytes());
            set.shapes[bit / 64] |= 1 << (bit % 64);
            set.set.insert(w);
        }
        set
    }
}

impl WordSet {
    /// Whether `word` (as written: case counts) is in the list.
    #[inline]
    pub(crate) fn contains(&self, word: &str) -> bool {
        let bit = shape(word.as_bytes());
        self.shapes[bit / 64] & (1 << (bit % 64)) != 0 && self.set.contains(word)
    }

    /// The words, in no particular order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &&'static str> {
        self.set.iter()
    }
}

/// Words of bits in a [`WordSet`]'s shapes.
const SHAPE_WORDS: usize = 64;

/// A word's shape: its length and its first and last bytes, mixed into one of the
/// `64 * SHAPE_WORDS` bits of a [`WordSet`].
#[inline]
fn shape(b: &[u8]) -> usize {
    let (first, last) = match (b.first(), b.last()) {
        (Some(&first), Some(&last)) => (first, last),
        _ => (0, 0),
    };
    let mixed = (b.len() as u32)
        .wrapping_mul(0x9E37_79B1)
        .wrapping_add(u32::from(first) << 8 | u32::from(last))
        .wrapping_mul(0x85EB_CA6B);
    (mixed >> 16) as usize % (64 * SHAPE_WORDS)
}

static TITLE: Words = LazyLock::new(|| words(TITLES).collect());
static FUNCTION_WORD: Words = LazyLock::new(|| words(FUNCTION_WORDS).collect());
static CALENDAR_WORD: Words = LazyLock::new(|| words(CALENDAR).collect());
static MONTH_ABBREVIATION: Words =
    LazyLock::new(|| section(CALENDAR, "month_abbreviations").collect());
static NEVER_ENDS: Words = LazyLock::new(|| section(ABBREVIATIONS, "never_ends").collect());
static MAY_END: Words = LazyLock::new(|| section(ABBREVIATIONS, "may_end").collect());
static SENTENCE_OPENER: Words = LazyLock::new(|| words(SENTENCE_OPENERS).collect());
static ORGANISATION_TAIL: Words = LazyLock::new(|| words(ORGANISATION_TAILS).collect());

/// The words of a list, in order: white-space separated, `#` comments and `[section]` headers
/// skipped.
pub(crate) fn words(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#') && !l.starts_with('['))
        .flat_map(str::split_whitespace)
}

/// The sections of a list file: `[name]` headers, each with the words up to the next header.
pub(crate) fn sections(text: &'static str) -> Vec<(&'static str, Vec<&'static str>)> {
    let mut out: Vec<(&str, Vec<&str>)> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            out.push((name, Vec::new()));
        } else if let Some((_, words)) = out.last_mut() {
            words.extend(line.split_whitespace());
        }
    }
    out
}

/// The words of section `name` of a list file (none if there is no such section).
pub(crate) fn section(text: &'static str, name: &str) -> impl Iterator<Item = &'static str> {
    sections(text)
        .into_iter()
        .filter(move |(n, _)| *n == name)
        .flat_map(|(_, words)| words)
}

/// A personal title or rank written before a name (`President`, `Gen`, `Sheikh`).
pub(crate) fn is_title(word: &str) -> bool {
    TITLE.contains(word)
}

/// The personal titles, for tables that fold case.
pub(crate) fn titles() -> impl Iterator<Item = &'static str> {
    TITLE.iter().copied()
}

/// A capitalised word that may precede a place without being part of its name (`The`, `In`,
/// `Neighbouring`), days and months included.
pub(crate) fn is_function_word(word: &str) -> bool {
    FUNCTION_WORD.contains(word) || is_calendar_word(word)
}

/// A day or a month, whole or abbreviated (`Monday`, `February`, `Feb`).
pub(crate) fn is_calendar_word(word: &str) -> bool {
    CALENDAR_WORD.contains(word)
}

/// The days and months, for tables that fold case.
pub(crate) fn calendar_words() -> impl Iterator<Item = &'static str> {
    CALENDAR_WORD.iter().copied()
}

/// A month's abbreviation (`Feb`, `Sept`).
pub(crate) fn is_month_abbreviation(word: &str) -> bool {
    MONTH_ABBREVIATION.contains(word)
}

/// A word after a country's name that makes both an organisation's or event's name (`Japan
/// Airlines`, `U.S. Open`).
pub(crate) fn is_organisation_tail(word: &str) -> bool {
    ORGANISATION_TAIL.contains(word)
}

/// A capitalised word that opens a sentence after an abbreviation (`The`, `He`, `But`).
pub(crate) fn is_sentence_opener(word: &str) -> bool {
    SENTENCE_OPENER.contains(word)
}

/// How a period after a word counts, when the word is an abbreviation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Abbreviation {
    /// No sentence ends after it (`Mr.`, `Calif.`, `Feb.`, `J.`).
    NeverEnds,
    /// A sentence ends after it only if a sentence opener follows (`Inc.`, `Jr.`, `U.S.`).
    MayEnd,
}

impl Abbreviation {
    /// Whether a period after the abbreviation ends the sentence, given the word or number
    /// after it (`None` when a quotation mark, another symbol or nothing follows: then it does).
    pub(crate) fn ends_sentence_before(self, next: Option<&str>) -> bool {
        match self {
            Abbreviation::NeverEnds => false,
            Abbreviation::MayEnd => next.is_none_or(is_sentence_opener),
        }
    }
}

/// What `word`, written just before a period, is: a single letter, a month's or a listed
/// abbreviation never ends a sentence; a listed one that may end one, or a word with a period
/// inside (`U.S`, as the word before the final period of `U.S.`), ends one before a sentence
/// opener only; other words are no abbreviation.
pub(crate) fn abbreviation(word: &str) -> Option<Abbreviation> {
    let mut chars = word.chars();
    let single = chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none();
    if single || NEVER_ENDS.contains(word) || is_month_abbreviation(word) {
        Some(Abbreviation::NeverEnds)
    } else if MAY_END.contains(word) || word.contains('.') {
        Some(Abbreviation::MayEnd)
    } else {
        None
    }
}

/// Whether a period between the texts `before` and `after` (what follows the period and the
/// white space after it) ends a sentence, by the word before it (`Mr`, `U.S`, `Inc` or no
/// abbreviation) and the word after it: for texts not split into tokens (snippets, titles).
pub(crate) fn period_ends_sentence(before: &str, after: &str) -> bool {
    // The word before, with the periods inside it (`U.S` of `U.S.`), as extraction reads it.
    let mut word_start = before.len();
    for (i, c) in before.char_indices().rev() {
        let inner_period = c == '.'
            && before[i + 1..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
        if !(c.is_alphanumeric() || inner_period) {
            break;
        }
        word_start = i;
    }
    let word = before[word_start..].trim_start_matches('.');
    let Some(abbreviation) = abbreviation(word) else {
        return true;
    };
    let next_len: usize = after
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .map(char::len_utf8)
        .sum();
    let next = (next_len > 0).then(|| &after[..next_len]);
    abbreviation.ends_sentence_before(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every list file, for the checks below.
    const LISTS: [(&str, &str); 8] = [
        ("titles", TITLES),
        ("function-words", FUNCTION_WORDS),
        ("calendar", CALENDAR),
        ("abbreviations", ABBREVIATIONS),
        ("sentence-openers", SENTENCE_OPENERS),
        ("organisation-tails", ORGANISATION_TAILS),
        ("locations", LOCATIONS),
        ("speakers", SPEAKERS),
    ];

    #[test]
    fn no_list_repeats_a_word() {
        for (file, text) in LISTS {
            let mut lists = sections(text);
            if lists.is_empty() {
                lists.push(("", words(text).collect()));
            }
            for (name, list) in lists {
                let mut seen = FxHashSet::default();
                for w in list {
                    assert!(seen.insert(w), "{file}.txt [{name}] repeats {w}");
                }
            }
        }
    }

    #[test]
    fn a_word_set_answers_as_its_plain_set() {
        let all: Vec<&'static str> = LISTS.iter().flat_map(|(_, text)| words(text)).collect();
        // Every listed word, with its case changed and cut short, and words of no list.
        let mut asked: Vec<String> = Vec::new();
        for w in &all {
            asked.push(w.to_string());
            asked.push(w.to_uppercase());
            asked.push(w.to_lowercase());
            asked.extend(w.char_indices().map(|(at, _)| w[..at].to_string()));
        }
        asked.extend(["", "x", "Zanzibarian", "Sánchez"].map(String::from));
        for (file, text) in LISTS {
            let mut lists = sections(text);
            if lists.is_empty() {
                lists.push(("", words(text).collect()));
            }
            for (name, list) in lists {
                let set: WordSet = list.iter().copied().collect();
                let plain: FxHashSet<&str> = list.iter().copied().collect();
                assert_eq!(set.iter().count(), plain.len());
                let (mut absent, mut ruled_out) = (0, 0);
                for w in &asked {
                    let listed = plain.contains(w.as_str());
                    assert_eq!(set.contains(w), listed, "{file}.txt [{name}] {w:?}");
                    let bit = shape(w.as_bytes());
                    absent += usize::from(!listed);
                    ruled_out += usize::from(set.shapes[bit / 64] & (1 << (bit % 64)) == 0);
                }
                // The pre-check does its job: most words of no list never reach the set.
                assert!(
                    ruled_out * 4 > absent * 3,
                    "{file}.txt [{name}]: {ruled_out} of {absent}"
                );
            }
        }
    }

    #[test]
    fn titles_function_words_and_calendar() {
        assert!(is_title("President") && is_title("Gen") && !is_title("president"));
        assert!(is_function_word("The") && is_function_word("Monday"));
        assert!(!is_function_word("Jordan"));
        assert!(is_calendar_word("Feb") && is_month_abbreviation("Sept"));
        assert!(!is_month_abbreviation("May"));
        assert!(is_organisation_tail("Airlines") && !is_organisation_tail("Senate"));
    }

    #[test]
    fn abbreviations_say_whether_a_period_ends_a_sentence() {
        use Abbreviation::*;
        for w in ["Mr", "Calif", "Feb", "J", "St", "Gens", "vs"] {
            assert_eq!(abbreviation(w), Some(NeverEnds), "{w}");
        }
        for w in ["Inc", "Jr", "U.S", "etc"] {
            assert_eq!(abbreviation(w), Some(MayEnd), "{w}");
        }
        for w in ["said", "ill", "war", "12", ""] {
            assert_eq!(abbreviation(w), None, "{w}");
        }
        assert!(!NeverEnds.ends_sentence_before(Some("The")));
        assert!(MayEnd.ends_sentence_before(Some("The")));
        assert!(!MayEnd.ends_sentence_before(Some("Chief")));
        assert!(!MayEnd.ends_sentence_before(Some("27")));
        assert!(MayEnd.ends_sentence_before(None));
    }

    #[test]
    fn periods_in_plain_text() {
        assert!(period_ends_sentence("He left", "The"));
        assert!(!period_ends_sentence("met Mr", "Jordan"));
        assert!(!period_ends_sentence("the U.S", "Senate"));
        assert!(period_ends_sentence("the U.S", "But"));
        assert!(!period_ends_sentence("on Feb", "27"));
        assert!(!period_ends_sentence("Apple Inc", "Chief"));
        assert!(period_ends_sentence("Apple Inc", "\u{201c}Yes"));
        assert!(period_ends_sentence("fell ill", "He"));
    }

    #[test]
    fn sections_run_to_the_next_header() {
        let text = "# c\n[a]\nx y\n# c\nz\n[b]\nw\n";
        assert_eq!(
            sections(text),
            [("a", vec!["x", "y", "z"]), ("b", vec!["w"])]
        );
        assert_eq!(section(text, "b").collect::<Vec<_>>(), ["w"]);
        assert_eq!(words(text).collect::<Vec<_>>(), ["x", "y", "z", "w"]);
    }
}
