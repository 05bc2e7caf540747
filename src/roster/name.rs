//! A person's name taken apart for comparison: given names, surname, and the surname's
//! skeleton, which spellings of one transliterated name share.
//!
//! `Ben S. Bernanke` has the given names `ben`, `s` and the surname `bernanke`; `Luis de
//! Guindos` and `De Guindos` both have the surname `guindos` (particles are left out of the
//! comparison, whatever their capitals); `Darchiyev`, `Darchiev` share the skeleton `darciev`.

use crate::extract::speakers::words;
use crate::index::schema;

/// The parts of a person's name, lowercased and accents folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Parts {
    /// Given and middle names or their initials, in order (empty for a lone surname).
    pub given: Vec<String>,
    /// The last word of the surname, without its particles or a generational suffix.
    pub surname: String,
}

impl Parts {
    /// Take a name apart; `None` when it holds no word.
    pub(crate) fn of(name: &str) -> Option<Parts> {
        let mut words = schema::name_words(name);
        while words.len() > 1 && words.first().is_some_and(|w| words::is_honorific(w)) {
            words.remove(0);
        }
        while words.len() > 1 && words.last().is_some_and(|w| words::is_suffix(w)) {
            words.pop();
        }
        let surname = words.pop()?;
        while words.last().is_some_and(|w| words::is_particle(w)) {
            words.pop();
        }
        Some(Parts {
            given: words,
            surname,
        })
    }

    /// The first given name, if any.
    pub(crate) fn first(&self) -> Option<&str> {
        self.given.first().map(String::as_str)
    }

    /// The given names after the first.
    pub(crate) fn middle(&self) -> &[String] {
        self.given.get(1..).unwrap_or_default()
    }
}

/// The skeleton of a surname: the letters that its transliterations keep. `y` and `j` read as
/// `i`, `k` and `q` as `g`, an `h` after a consonant and an `e` after `a`, `o` or `u` (German
/// umlauts written out) are dropped, and doubled letters count once: `Darchiyev` / `Darchiev`,
/// `Zelensky` / `Zelenskiy` / `Zelenskyy`, `Gaddafi` / `Qaddafi` / `Kadhafi`, `Schaeuble` /
/// `Schauble`.
pub(crate) fn skeleton(surname: &str) -> String {
    let mut out = String::with_capacity(surname.len());
    let mut previous: Option<char> = None;
    for c in surname.chars() {
        let c = match c {
            'y' | 'j' => 'i',
            'k' | 'q' => 'g',
            c => c,
        };
        let after_consonant = previous.is_some_and(|p| p.is_ascii_alphabetic() && !vowel(p));
        let dropped = (c == 'h' && after_consonant)
            || (c == 'e' && matches!(previous, Some('a' | 'o' | 'u')))
            || previous == Some(c);
        if !dropped {
            out.push(c);
        }
        previous = Some(c);
    }
    out
}

fn vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(name: &str) -> (Vec<&'static str>, String) {
        let p = Parts::of(name).unwrap();
        let given = p
            .given
            .iter()
            .map(|g| &*Box::leak(g.clone().into_boxed_str()))
            .collect();
        (given, p.surname)
    }

    #[test]
    fn names_come_apart_into_given_names_and_surname() {
        assert_eq!(
            parts("Ben S. Bernanke"),
            (vec!["ben", "s"], "bernanke".into())
        );
        assert_eq!(parts("Luis de Guindos"), (vec!["luis"], "guindos".into()));
        assert_eq!(parts("De Guindos"), (vec![], "guindos".into()));
        assert_eq!(
            parts("Herman Van Rompuy"),
            (vec!["herman"], "rompuy".into())
        );
        assert_eq!(parts("Bashar al-Assad"), (vec!["bashar"], "assad".into()));
        assert_eq!(
            parts("Martin Luther King Jr."),
            (vec!["martin", "luther"], "king".into())
        );
        assert_eq!(parts("Mr. Obama"), (vec![], "obama".into()));
        assert_eq!(
            parts("Recep Tayyip Erdoğan"),
            (vec!["recep", "tayyip"], "erdogan".into())
        );
        assert!(Parts::of("").is_none());
    }

    #[test]
    fn transliterations_share_a_skeleton() {
        let same = |a: &str, b: &str| skeleton(a) == skeleton(b);
        assert!(same("darchiev", "darchiyev"));
        assert!(same("zelensky", "zelenskiy"));
        assert!(same("zelensky", "zelenskyy"));
        assert!(same("gaddafi", "qaddafi"));
        assert!(same("gaddafi", "kadhafi"));
        assert!(same("yanukovich", "yanukovych"));
        assert!(same("schaeuble", "schauble"));
        assert!(!same("bush", "busch"));
        assert!(!same("paulson", "polson"));
        assert!(!same("clinton", "clifton"));
    }
}
