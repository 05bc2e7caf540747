//! What one article says of each name it holds: the values of the index's `names` column.
//!
//! Every speaker, speaking organisation and named person of an article becomes one value,
//! `{role}{name}\u{1f}{quotes}\u{1f}{cue}{title}`: `sTimothy Geithner\u{1f}3\u{1f}psecretary`
//! is a person quoted three times, written after a title (a person's cue) and after the title
//! `secretary`. The values are the whole evidence the corpus-wide resolution reads
//! ([`super::table`]): they live in the index, so they are committed, deleted and rebuilt with
//! their articles. (What a search counts and filters by is the smaller column of
//! [`super::count`].)

use crate::article::Article;
use crate::extract::speakers::words;

/// Separates the fields of a value (a control character never left in a name).
pub(crate) const SEPARATOR: char = '\u{1f}';

/// What part a name plays in an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Role {
    /// A person quoted or reported as saying something.
    Speaker,
    /// An organisation that speaks (`the ministry said`).
    Organisation,
    /// A person named, not quoted.
    Named,
}

impl Role {
    fn tag(self) -> char {
        match self {
            Role::Speaker => 's',
            Role::Organisation => 'o',
            Role::Named => 'p',
        }
    }

    fn of_tag(tag: char) -> Option<Role> {
        match tag {
            's' => Some(Role::Speaker),
            'o' => Some(Role::Organisation),
            'p' => Some(Role::Named),
            _ => None,
        }
    }
}

/// What the words around a name say of its kind, in one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Cue {
    /// Nothing either way.
    None,
    /// Written as a company is (`Morgan Stanley & Co`, `analysts at Morgan Stanley`,
    /// `Morgan Stanley economist`).
    Organisation,
    /// Written as a person is (`Mr. Geithner`, `Secretary Timothy Geithner`, `Geithner, who`).
    Person,
}

/// One value of the column, read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sighting<'a> {
    pub role: Role,
    pub name: &'a str,
    /// Quotes of the name in the article.
    pub quotes: u32,
    pub cue: Cue,
    /// The title or role word written before the name (lowercase), or empty.
    pub title: &'a str,
}

impl Sighting<'_> {
    /// The column value.
    pub(crate) fn encode(&self) -> String {
        let cue = match self.cue {
            Cue::None => '-',
            Cue::Organisation => 'o',
            Cue::Person => 'p',
        };
        format!(
            "{}{}{SEPARATOR}{}{SEPARATOR}{cue}{}",
            self.role.tag(),
            self.name,
            self.quotes,
            self.title
        )
    }

    /// Read a column value; `None` if it is not one.
    pub(crate) fn decode(value: &str) -> Option<Sighting<'_>> {
        let mut chars = value.chars();
        let role = Role::of_tag(chars.next()?)?;
        let mut fields = chars.as_str().split(SEPARATOR);
        let name = fields.next()?;
        let quotes = fields.next()?.parse().ok()?;
        let rest = fields.next()?;
        let cue = match rest.chars().next()? {
            'o' => Cue::Organisation,
            'p' => Cue::Person,
            _ => Cue::None,
        };
        Some(Sighting {
            role,
            name,
            quotes,
            cue,
            title: rest.get(1..)?,
        })
    }
}

/// The column values of an article: one per speaker, speaking organisation and other named
/// person.
pub(crate) fn values(article: &Article) -> Vec<String> {
    let e = &article.entities;
    let mut out = Vec::with_capacity(e.speakers.len() + e.organisations.len() + e.persons.len());
    let mut seen: Vec<&str> = Vec::new();
    let roles = [
        (Role::Speaker, &e.speakers),
        (Role::Organisation, &e.organisations),
        (Role::Named, &e.persons),
    ];
    for (role, people) in roles {
        for person in people.iter() {
            let name = person.name.trim();
            if name.is_empty() || name.contains(SEPARATOR) || seen.contains(&name) {
                continue;
            }
            seen.push(name);
            let quotes = e.quotes_by(&person.name);
            // Names only mentioned count too: their titles keep apart the people who share a
            // name's words (`Mike Nelson, a lawyer` and `Michael Nelson, an analyst`).
            let (cue, title) = cues(&article.body, &person.mentions);
            let sighting = Sighting {
                role,
                name,
                quotes: quotes as u32,
                cue,
                title: &title,
            };
            out.push(sighting.encode());
        }
    }
    out
}

/// The words that follow a company's name and never a person's.
fn follows_company(word: &str) -> bool {
    matches!(
        word,
        "&" | "analyst"
            | "analysts"
            | "economist"
            | "economists"
            | "strategist"
            | "strategists"
            | "shares"
            | "stock"
            | "stake"
            | "unit"
            | "subsidiary"
    ) || words::is_org_head(word)
}

/// What the text around the mentions of a name says of its kind, and the title written before
/// it (the commonest, lowercase).
fn cues(body: &str, mentions: &[String]) -> (Cue, String) {
    let (mut company, mut person) = (0, 0);
    let mut titles: Vec<String> = Vec::new();
    for mention in mentions {
        if mention.len() < 2 {
            continue;
        }
        for start in memchr::memmem::find_iter(body.as_bytes(), mention.as_bytes()) {
            let end = start + mention.len();
            // Only whole words: `Stanley` in `Stanleyville` is not a mention.
            let glued = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            if glued(body[..start].chars().next_back()) || glued(body[end..].chars().next()) {
                continue;
            }
            let before = word_before(&body[..start]);
            let after = &body[end..];
            let possessive = after.starts_with("'s") || after.starts_with("’s");
            let next = next_word(after);
            let firm_after = !possessive && next.as_deref().is_some_and(follows_company);
            if firm_after || before.as_deref() == Some("at") {
                company += 1;
            } else if !possessive && next.as_deref().is_some_and(words::is_title) {
                // `Fannie Mae spokesman`, `Putin spokesman`: said of companies and people alike.
            } else if let Some(word) = before.as_deref().filter(|w| words::is_title(w)) {
                person += 1;
                if !words::is_honorific(word) {
                    titles.push(word.to_string());
                }
            } else if let Some(description) = described_as_person(after) {
                person += 1;
                if let Some(title) = description {
                    titles.push(title);
                }
            }
        }
    }
    let cue = match company.cmp(&person) {
        std::cmp::Ordering::Greater => Cue::Organisation,
        std::cmp::Ordering::Less => Cue::Person,
        std::cmp::Ordering::Equal => Cue::None,
    };
    titles.sort_unstable();
    let title = titles
        .chunk_by(|a, b| a == b)
        .max_by_key(|run| run.len())
        .and_then(|run| run.first().cloned())
        .unwrap_or_default();
    (cue, title)
}

/// Whether the text after a name describes a person, and with which title: `, who`, `, 52,`
/// (no title), or an apposition with one (`, chief economist at`, `, an analyst with`).
fn described_as_person(after: &str) -> Option<Option<String>> {
    let rest = after.strip_prefix(", ")?;
    if rest.starts_with("who ") {
        return Some(None);
    }
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) && rest[digits..].starts_with(',') {
        return Some(None);
    }
    let mut words = rest
        .split(' ')
        .map(|w| w.trim_end_matches([',', '.']).to_lowercase());
    let mut first = words.next()?;
    if matches!(first.as_str(), "a" | "an" | "the") {
        first = words.next()?;
    }
    let second = words.next().filter(|w| words::is_title(w));
    // The head of the title: `chief economist` is an economist; `senior analyst` an analyst.
    match (words::is_title(&first), second) {
        (_, Some(head)) => Some(Some(head)),
        (true, None) => Some(Some(first)),
        (false, None) => None,
    }
}

/// The word that ends `text` (lowercase, a trailing period dropped), if `text` ends with one
/// after white space only.
fn word_before(text: &str) -> Option<String> {
    let trimmed = text.trim_end_matches([' ', '\u{a0}']);
    if trimmed.len() == text.len() {
        return None;
    }
    let trimmed = trimmed.strip_suffix('.').unwrap_or(trimmed);
    let start = trimmed
        .rfind(|c: char| !(c.is_alphanumeric() || c == '-'))
        .map_or(0, |i| {
            i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &trimmed[start..];
    (!word.is_empty()).then(|| word.to_lowercase())
}

/// The first word of `text` after spaces (lowercase; `&` counts as a word).
fn next_word(text: &str) -> Option<String> {
    let text = text.strip_prefix([' ', '\u{a0}'])?.trim_start();
    if text.starts_with('&') {
        return Some("&".to_string());
    }
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '-'))
        .unwrap_or(text.len());
    (end > 0).then(|| text[..end].to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cue(body: &str, mention: &str) -> (Cue, String) {
        cues(body, &[mention.to_string()])
    }

    #[test]
    fn values_read_back() {
        let s = Sighting {
            role: Role::Speaker,
            name: "Timothy Geithner",
            quotes: 3,
            cue: Cue::Person,
            title: "secretary",
        };
        let value = s.encode();
        assert!(value.starts_with("sTimothy Geithner\u{1f}3\u{1f}"));
        assert_eq!(Sighting::decode(&value), Some(s));
        assert_eq!(Sighting::decode("xFoo"), None);
    }

    #[test]
    fn companies_are_written_as_companies() {
        let body = "Analysts at Morgan Stanley agreed. Morgan Stanley & Co. said so, \
                    and Morgan Stanley economist Jane Doe added more.";
        assert_eq!(cue(body, "Morgan Stanley").0, Cue::Organisation);
    }

    #[test]
    fn people_are_written_as_people() {
        let body = "Treasury Secretary Timothy Geithner said so. Mr. Geithner, who spoke, left. \
                    Geithner's aides agreed.";
        let (kind, title) = cues(body, &["Timothy Geithner".into(), "Geithner".into()]);
        assert_eq!(kind, Cue::Person);
        assert_eq!(title, "secretary");
        let body = "\"Buy,\" said Hugh Johnson, chief investment officer of Hugh Johnson \
                    Advisors. Hugh Johnson, 64, added more. Hugh Johnson Advisors is small.";
        assert_eq!(cue(body, "Hugh Johnson").0, Cue::Person);
        assert_eq!(
            cue("Stanleyville fell. Stanley said.", "Stanley").0,
            Cue::None
        );
    }
}
