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
pub const LOCATIONS: &str = include_str!("../../data/lexicon/locations.txt");
/// The word classes of the speaker and person rules, one section each.
pub const SPEAKERS: &str = include_str!("../../data/lexicon/speakers.txt");

/// A set of words, parsed from a list on first use.
pub type Words = LazyLock<FxHashSet<&'static str>>;

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
pub fn words(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#') && !l.starts_with('['))
        .flat_map(str::split_whitespace)
}

/// The sections of a list file: `[name]` headers, each with the words up to the next header.
pub fn sections(text: &'static str) -> Vec<(&'static str, Vec<&'static str>)> {
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
pub fn section(text: &'static str, name: &str) -> impl Iterator<Item = &'static str> {
    sections(text)
        .into_iter()
        .filter(move |(n, _)| *n == name)
        .flat_map(|(_, words)| words)
}

/// A personal title or rank written before a name (`President`, `Gen`, `Sheikh`).
pub fn is_title(word: &str) -> bool {
    TITLE.contains(word)
}

/// The personal titles, for tables that fold case.
pub fn titles() -> impl Iterator<Item = &'static str> {
    TITLE.iter().copied()
}

/// A capitalised word that may precede a place without being part of its name (`The`, `In`,
/// `Neighbouring`), days and months included.
pub fn is_function_word(word: &str) -> bool {
    FUNCTION_WORD.contains(word) || is_calendar_word(word)
}

/// A day or a month, whole or abbreviated (`Monday`, `February`, `Feb`).
pub fn is_calendar_word(word: &str) -> bool {
    CALENDAR_WORD.contains(word)
}

/// The days and months, for tables that fold case.
pub fn calendar_words() -> impl Iterator<Item = &'static str> {
    CALENDAR_WORD.iter().copied()
}

/// A month's abbreviation (`Feb`, `Sept`).
pub fn is_month_abbreviation(word: &str) -> bool {
    MONTH_ABBREVIATION.contains(word)
}

/// A word after a country's name that makes both an organisation's or event's name (`Japan
/// Airlines`, `U.S. Open`).
pub fn is_organisation_tail(word: &str) -> bool {
    ORGANISATION_TAIL.contains(word)
}

/// A capitalised word that opens a sentence after an abbreviation (`The`, `He`, `But`).
pub fn is_sentence_opener(word: &str) -> bool {
    SENTENCE_OPENER.contains(word)
}

/// How a period after a word counts, when the word is an abbreviation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Abbreviation {
    /// No sentence ends after it (`Mr.`, `Calif.`, `Feb.`, `J.`).
    NeverEnds,
    /// A sentence ends after it only if a sentence opener follows (`Inc.`, `Jr.`, `U.S.`).
    MayEnd,
}

impl Abbreviation {
    /// Whether a period after the abbreviation ends the sentence, given the word or number
    /// after it (`None` when a quotation mark, another symbol or nothing follows: then it does).
    pub fn ends_sentence_before(self, next: Option<&str>) -> bool {
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
pub fn abbreviation(word: &str) -> Option<Abbreviation> {
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
pub fn period_ends_sentence(before: &str, after: &str) -> bool {
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
