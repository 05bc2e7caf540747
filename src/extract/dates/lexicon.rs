//! The words of dates: month and weekday names, days relative to today, tense cues.
//!
//! Lookups take the word exactly as written: calendar names count only when capitalised
//! (`May 5` is a date, `may 5` is not), while `yesterday` and friends may start a sentence.

use chrono::Weekday;

/// A capitalised name of the calendar: a month's (`Feb`, `Sept`, `February`) or a weekday's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Calendar {
    Month(u32),
    Weekday(Weekday),
}

/// What [`month`] or [`weekday`] makes of `word`, from one look at it.
pub(super) fn calendar(word: &str) -> Option<Calendar> {
    let lower = capitalised_lower(word)?;
    match month_of(&lower) {
        Some(m) => Some(Calendar::Month(m)),
        None => weekday_of(&lower).map(Calendar::Weekday),
    }
}

/// The month a capitalised name or abbreviation stands for (`Feb`, `Sept`, `February`).
/// The caller checks for an abbreviation's full stop itself.
pub(super) fn month(word: &str) -> Option<u32> {
    month_of(&capitalised_lower(word)?)
}

fn month_of(lower: &Lower) -> Option<u32> {
    let m = match lower.as_bytes() {
        b"jan" | b"january" => 1,
        b"feb" | b"february" => 2,
        b"mar" | b"march" => 3,
        b"apr" | b"april" => 4,
        b"may" => 5,
        b"jun" | b"june" => 6,
        b"jul" | b"july" => 7,
        b"aug" | b"august" => 8,
        b"sep" | b"sept" | b"september" => 9,
        b"oct" | b"october" => 10,
        b"nov" | b"november" => 11,
        b"dec" | b"december" => 12,
        _ => return None,
    };
    Some(m)
}

/// Whether `word` is an abbreviation of a month name rather than the full name.
pub(super) fn is_abbreviated_month(word: &str) -> bool {
    word.len() <= 4 && !matches!(word, "May" | "June" | "July" | "MAY" | "JUNE" | "JULY")
}

/// The weekday a capitalised full weekday name stands for. Abbreviations (`Wed`) are left out:
/// in running text they are far more often something else (`Sat`, `Sun`).
pub(super) fn weekday(word: &str) -> Option<Weekday> {
    weekday_of(&capitalised_lower(word)?)
}

fn weekday_of(lower: &Lower) -> Option<Weekday> {
    let d = match lower.as_bytes() {
        b"monday" => Weekday::Mon,
        b"tuesday" => Weekday::Tue,
        b"wednesday" => Weekday::Wed,
        b"thursday" => Weekday::Thu,
        b"friday" => Weekday::Fri,
        b"saturday" => Weekday::Sat,
        b"sunday" => Weekday::Sun,
        _ => return None,
    };
    Some(d)
}

/// Small counts written out (`two weeks ago`); `a` counts as one.
pub(super) fn count(word: &str) -> Option<u32> {
    let n = match word {
        "a" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        _ => return None,
    };
    Some(n)
}

/// Days from the publication date for `yesterday`, `today`, `tonight`, `tomorrow`.
pub(super) fn relative_day(word: &str) -> Option<i64> {
    if word.len() < 5 || word.len() > 9 {
        return None;
    }
    // `TODAY` in capitals is a headline or a name (`USA TODAY`); sentence case is prose.
    if !word.bytes().skip(1).all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let lower = Lower::of(word)?;
    match lower.as_bytes() {
        b"yesterday" => Some(-1),
        b"today" | b"tonight" => Some(0),
        b"tomorrow" => Some(1),
        _ => None,
    }
}

/// Words that make a weekday part of a name rather than a day (`Black Friday`, `Super Tuesday`).
pub(super) fn names_a_day(before: &str) -> bool {
    matches!(
        before,
        "Black"
            | "Good"
            | "Super"
            | "Ash"
            | "Holy"
            | "Maundy"
            | "Easter"
            | "Palm"
            | "Bloody"
            | "Cyber"
            | "Shrove"
            | "Whit"
            | "Low"
            | "Giving"
            | "Man"
            | "Girl"
    )
}

/// Words after a weekday that make it part of a title (`Sunday Times`, `Monday Night Football`).
pub(super) fn titles_a_day(after: &str) -> bool {
    matches!(
        after,
        "Times"
            | "Telegraph"
            | "Mirror"
            | "Express"
            | "Herald"
            | "Post"
            | "Independent"
            | "Tribune"
            | "Star"
            | "Mail"
            | "Business"
            | "Night"
            | "Morning"
            | "Today"
            | "Sport"
            | "Sun"
            | "People"
            | "Observer"
            | "Club"
            | "School"
            | "Service"
            | "Sermon"
    )
}

/// How a word bears on whether a nearby weekday lies ahead of or behind the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Future,
}

/// The tense a word signals, if any (`will` → future, `said`, `closed` → past).
pub(super) fn tense(word: &str) -> Option<Tense> {
    let lower = Lower::of(word)?;
    let lower = lower.as_str();
    let tense = match lower {
        "will" | "shall" | "ll" | "scheduled" | "due" | "expected" | "plans" | "planned"
        | "planning" | "intends" | "upcoming" | "begins" | "starts" | "opens" | "resumes"
        | "meet" | "meets" => Tense::Future,
        "said" | "told" | "was" | "were" | "had" | "did" | "met" | "left" | "began" | "fell"
        | "rose" | "took" | "made" | "came" | "went" | "gave" | "held" | "sent" | "saw" | "won"
        | "lost" | "got" | "spoke" | "wrote" | "ran" | "led" | "paid" | "sold" | "bought"
        | "hit" | "put" | "cut" | "shut" | "quit" | "struck" | "broke" | "rang" | "flew"
        | "drew" | "grew" | "knew" | "threw" | "found" | "brought" | "thought" | "fought"
        | "caught" | "taught" | "sought" | "kept" | "felt" | "meant" | "heard" | "stood"
        | "sat" | "slid" | "swept" | "overtook" | "ago" | "since" | "last" | "earlier" => {
            Tense::Past
        }
        // Regular past tense and participles: `announced`, `closed`, `reported`.
        _ if lower.len() > 4 && lower.ends_with("ed") => Tense::Past,
        _ => return None,
    };
    Some(tense)
}

/// A short ASCII word in lowercase, on the stack: these lookups run on every capitalised word
/// of the text, so they must not allocate.
pub(super) struct Lower {
    buf: [u8; 12],
    len: usize,
}

impl Lower {
    /// `word` in lowercase, or `None` if it is not a short ASCII word.
    pub(super) fn of(word: &str) -> Option<Lower> {
        let bytes = word.as_bytes();
        if bytes.len() > 12 || !bytes.iter().all(u8::is_ascii_alphabetic) {
            return None;
        }
        let mut buf = [0u8; 12];
        for (to, from) in buf.iter_mut().zip(bytes) {
            *to = from.to_ascii_lowercase();
        }
        Some(Lower {
            buf,
            len: bytes.len(),
        })
    }

    pub(super) fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }

    pub(super) fn as_str(&self) -> &str {
        // Only ASCII letters were copied in.
        std::str::from_utf8(self.as_bytes()).unwrap_or("")
    }
}

/// `word` in lowercase if it is written `Capitalised` or `CAPITALS` and is as long as a month
/// or weekday name can be, else `None`.
fn capitalised_lower(word: &str) -> Option<Lower> {
    let bytes = word.as_bytes();
    // No month or weekday is shorter than `Jan` or longer than `September`.
    if !bytes.first()?.is_ascii_uppercase() || !(3..=9).contains(&bytes.len()) {
        return None;
    }
    // The second letter says which case the rest must be in; one pass checks and lowers it.
    let rest_upper = bytes[1].is_ascii_uppercase();
    let mut buf = [0u8; 12];
    for (to, &b) in buf.iter_mut().zip(bytes).skip(1) {
        let same_case = if rest_upper {
            b.is_ascii_uppercase()
        } else {
            b.is_ascii_lowercase()
        };
        if !same_case {
            return None;
        }
        *to = b.to_ascii_lowercase();
    }
    buf[0] = bytes[0].to_ascii_lowercase();
    Some(Lower {
        buf,
        len: bytes.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_need_a_capital() {
        assert_eq!(month("Feb"), Some(2));
        assert_eq!(month("Sept"), Some(9));
        assert_eq!(month("DECEMBER"), Some(12));
        assert_eq!(month("may"), None);
        assert_eq!(month("MaY"), None);
        assert_eq!(month("Mayor"), None);
        assert_eq!(month("MAy"), None);
        assert_eq!(month("JuNE"), None);
        assert_eq!(month("Ma1"), None);
        assert_eq!(month("JUNE"), Some(6));
    }

    #[test]
    fn calendar_names_are_months_or_weekdays() {
        for word in [
            "Feb",
            "SEPT",
            "May",
            "Monday",
            "WEDNESDAY",
            "Wed",
            "Mayor",
            "march",
            "MaY",
        ] {
            let expected = match (month(word), weekday(word)) {
                (Some(m), _) => Some(Calendar::Month(m)),
                (None, Some(d)) => Some(Calendar::Weekday(d)),
                (None, None) => None,
            };
            assert_eq!(calendar(word), expected, "{word}");
        }
        assert_eq!(calendar("Sunday"), Some(Calendar::Weekday(Weekday::Sun)));
        assert_eq!(calendar("Dec"), Some(Calendar::Month(12)));
    }

    #[test]
    fn weekdays_are_full_names() {
        assert_eq!(weekday("Wednesday"), Some(Weekday::Wed));
        assert_eq!(weekday("Wed"), None);
        assert_eq!(weekday("wednesday"), None);
    }

    #[test]
    fn relative_days_accept_sentence_case_only() {
        assert_eq!(relative_day("Yesterday"), Some(-1));
        assert_eq!(relative_day("tomorrow"), Some(1));
        assert_eq!(relative_day("TODAY"), None);
        assert_eq!(relative_day("todays"), None);
    }

    #[test]
    fn tense_cues() {
        assert_eq!(tense("will"), Some(Tense::Future));
        assert_eq!(tense("announced"), Some(Tense::Past));
        assert_eq!(tense("said"), Some(Tense::Past));
        assert_eq!(tense("bed"), None);
        assert_eq!(tense("talks"), None);
    }
}
