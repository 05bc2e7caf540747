//! Linking mentions into entities: full names first, then bare surnames and first names to the
//! full name the article introduced (`Ushakov` -> Yuri Ushakov, `Mr. Trump` -> Donald Trump),
//! with spelling variants of transliterated surnames merged (Darchiev / Darchiyev).

use std::ops::Range;

use crate::extract::text::{fold, fold_key};

use super::doc::Doc;
use super::names::{self, Class, Evidence, Gender, Key, Mention};

/// A person or an organisation with every surface form it was seen as.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Entity {
    pub class: Class,
    /// Linking key of the fullest name.
    key: Key,
    /// The fullest name as written (a byte range of the document: most entities are never
    /// printed, so their strings are only made on output).
    name: Range<usize>,
    /// Surface forms in order of first appearance, deduplicated.
    mentions: Vec<Range<usize>>,
    pub gender: Gender,
    pub evidence: Evidence,
    /// Token where the entity is first mentioned.
    pub first: usize,
    /// Seen at least once away from a sentence start (so its capital is its own).
    pub mid_sentence: bool,
    /// Known only by a common noun (`the airline said`): an organisation the article does not
    /// name, which speaks but is no named source.
    pub unnamed: bool,
}

impl Entity {
    /// The fullest name.
    pub(super) fn name<'a>(&self, doc: &Doc<'a>) -> &'a str {
        doc.text.get(self.name.clone()).unwrap_or("")
    }

    /// Surface forms in order of first appearance.
    pub(super) fn mentions<'a>(&self, doc: &Doc<'a>) -> Vec<&'a str> {
        self.mentions
            .iter()
            .filter_map(|r| doc.text.get(r.clone()))
            .collect()
    }

    fn add_surface(&mut self, doc: &Doc, surface: Range<usize>) {
        let text = doc.text.get(surface.clone()).unwrap_or("");
        if !text.is_empty()
            && !self
                .mentions
                .iter()
                .any(|m| doc.text.get(m.clone()) == Some(text))
        {
            self.mentions.push(surface);
        }
    }

    /// Whether the surname of `other` is this entity's, or a transliteration of it.
    fn has_surname(&self, doc: &Doc, other: &Key) -> bool {
        let own = &self.key;
        if own.surname == other.surname {
            return true;
        }
        // Cheap rejections before spelling the words out.
        if own.surname_len.abs_diff(other.surname_len) > 2
            || own.surname_initial != other.surname_initial
        {
            return false;
        }
        same_surname_words(doc.word(own.surname_token), doc.word(other.surname_token))
    }

    /// Whether the given name at token `word` agrees with this entity's.
    fn has_given(&self, doc: &Doc, key: u64, word: usize) -> bool {
        self.key.parts >= 2
            && (self.key.given == key
                || compatible_given(&fold(doc.word(self.key.given_token)), &fold(doc.word(word))))
    }
}

/// All entities of an article and the entity of each mention.
#[derive(Debug, Default)]
pub(super) struct Entities {
    pub list: Vec<Entity>,
    /// Entity index of each mention (`None` for places and rejected names).
    pub of_mention: Vec<Option<usize>>,
}

impl Entities {
    /// The organisation a lower-case noun refers to (`the ministry` -> `Foreign Ministry`, the
    /// latest one named before `token`), or a new one named by the noun.
    ///
    /// `spoken` is the one named organisation that has spoken in the article so far, if only
    /// one has: `the company` and `the firm` stand for it (`Alcoa said ... The company said`).
    pub(super) fn organisation_for_noun(
        &mut self,
        doc: &Doc,
        token: usize,
        spoken: Option<usize>,
    ) -> usize {
        let noun = doc.word(token);
        let key = fold_key([noun]);
        // `the airline` of `Qantas Airlines`.
        let plural = fold_key([format!("{noun}s").as_str()]);
        let found = self
            .list
            .iter()
            .enumerate()
            .filter(|(_, e)| e.class == Class::Organisation && e.first <= token && !e.unnamed)
            .rfind(|(_, e)| e.key.surname == key || e.key.surname == plural);
        if let Some((i, _)) = found {
            return i;
        }
        if let Some(e) = spoken
            && matches!(noun, "company" | "firm")
        {
            return e;
        }
        if let Some(i) = self
            .list
            .iter()
            .position(|e| e.class == Class::Organisation && e.key.whole == key)
        {
            return i;
        }
        let bytes = doc.tokens[token].start..doc.tokens[token].end;
        self.list.push(Entity {
            class: Class::Organisation,
            key: Key {
                given: key,
                surname: key,
                whole: key,
                parts: 1,
                surname_token: token,
                surname_len: noun.len(),
                surname_initial: names::initial(noun),
                given_token: token,
            },
            name: bytes.clone(),
            mentions: vec![bytes],
            gender: Gender::Unknown,
            evidence: Evidence::None,
            first: token,
            mid_sentence: true,
            unnamed: true,
        });
        self.list.len() - 1
    }
}

/// Group the mentions of a document into entities: organisations, then full names, then bare
/// names (which link to the entities the first passes made), each mention once.
pub(super) fn build(doc: &Doc, mentions: &[Mention]) -> Entities {
    let mut out = Entities {
        list: Vec::new(),
        of_mention: vec![None; mentions.len()],
    };
    let keys: Vec<Key> = mentions.iter().map(|m| names::key(doc, m)).collect();
    out.link_organisations(doc, mentions, &keys);
    out.link_full_names(doc, mentions, &keys);
    out.link_bare_names(doc, mentions, &keys);
    // Surface forms in text order, whatever pass linked them.
    for (n, m) in mentions.iter().enumerate() {
        if let Some(e) = out.of_mention[n] {
            out.list[e].add_surface(doc, m.surface.clone());
        }
    }
    out
}

impl Entities {
    /// Organisations: by their folded name.
    fn link_organisations(&mut self, doc: &Doc, mentions: &[Mention], keys: &[Key]) {
        for (n, m) in mentions.iter().enumerate() {
            if m.class != Class::Organisation {
                continue;
            }
            let k = keys[n];
            let found = self
                .list
                .iter()
                .position(|e| e.class == Class::Organisation && e.key.whole == k.whole);
            let e = found.unwrap_or_else(|| {
                self.list.push(new_entity(doc, m, k, Class::Organisation));
                self.list.len() - 1
            });
            self.of_mention[n] = Some(e);
        }
    }

    /// Full names: same surname (or a spelling variant of it) and a compatible given name.
    fn link_full_names(&mut self, doc: &Doc, mentions: &[Mention], keys: &[Key]) {
        for (n, m) in mentions.iter().enumerate() {
            let k = keys[n];
            if m.class != Class::Person || k.parts < 2 {
                continue;
            }
            let found = self.list.iter().position(|e| {
                e.class == Class::Person
                    && e.key.parts >= 2
                    && e.has_surname(doc, &k)
                    && e.has_given(doc, k.given, k.given_token)
            });
            let e = match found {
                Some(e) => e,
                None => {
                    self.list.push(new_entity(doc, m, k, Class::Person));
                    self.list.len() - 1
                }
            };
            absorb(doc, &mut self.list[e], m, k);
            self.of_mention[n] = Some(e);
        }
    }

    /// Bare names: to the nearest earlier entity with that surname, else a later one, else one
    /// with that given name; otherwise they stand alone.
    fn link_bare_names(&mut self, doc: &Doc, mentions: &[Mention], keys: &[Key]) {
        for (n, m) in mentions.iter().enumerate() {
            if self.of_mention[n].is_some() || !matches!(m.class, Class::Person | Class::Unknown) {
                continue;
            }
            let k = keys[n];
            let at = m.name.start;
            let by_surname = |e: &Entity| e.class == Class::Person && e.has_surname(doc, &k);
            // The latest entity introduced before the mention (the last of equals), else the
            // first one at all, in one pass over the entities.
            let mut earlier: Option<(usize, usize)> = None;
            let mut any = None;
            for (i, e) in self.list.iter().enumerate() {
                if !by_surname(e) {
                    continue;
                }
                any = any.or(Some(i));
                if e.first <= at && earlier.is_none_or(|(first, _)| e.first >= first) {
                    earlier = Some((e.first, i));
                }
            }
            let linked = earlier.map(|(_, i)| i).or(any).or_else(|| {
                if k.parts != 1 {
                    return None;
                }
                let mut by_given = self.list.iter().enumerate().filter(|(_, e)| {
                    e.class == Class::Person && e.key.parts >= 2 && e.key.given == k.surname
                });
                match (by_given.next(), by_given.next()) {
                    (Some((i, _)), None) => Some(i),
                    _ => None,
                }
            });
            let e = match linked {
                Some(e) => e,
                None => {
                    let class = if m.class == Class::Person {
                        Class::Person
                    } else {
                        Class::Unknown
                    };
                    if let Some(same) = self
                        .list
                        .iter()
                        .position(|e| e.class == class && e.key.whole == k.whole)
                    {
                        same
                    } else {
                        self.list.push(new_entity(doc, m, k, class));
                        self.list.len() - 1
                    }
                }
            };
            absorb(doc, &mut self.list[e], m, k);
            self.of_mention[n] = Some(e);
        }
    }
}

fn new_entity(doc: &Doc, m: &Mention, key: Key, class: Class) -> Entity {
    Entity {
        class,
        key,
        name: name_bytes(doc, m),
        mentions: Vec::new(),
        gender: m.gender,
        evidence: m.evidence,
        first: m.name.start,
        mid_sentence: !m.initial,
        unnamed: false,
    }
}

/// The name of a mention without its honorific (`Mr. Trump` -> `Trump`).
fn name_bytes(doc: &Doc, m: &Mention) -> Range<usize> {
    doc.tokens[m.name.start].start..doc.tokens[m.name.end - 1].end
}

fn absorb(doc: &Doc, e: &mut Entity, m: &Mention, key: Key) {
    if key.parts > e.key.parts {
        e.key = key;
        e.name = name_bytes(doc, m);
    }
    if e.gender == Gender::Unknown {
        e.gender = m.gender;
    }
    if m.evidence > e.evidence {
        e.evidence = m.evidence;
    }
    if m.class == Class::Person && e.class == Class::Unknown {
        e.class = Class::Person;
    }
    e.first = e.first.min(m.name.start);
    e.mid_sentence |= !m.initial;
}

/// [`same_surname`] of two words as written: short ASCII words are lower-cased on the stack,
/// others folded.
fn same_surname_words(a: &str, b: &str) -> bool {
    const MAX: usize = 32;
    if a.len() <= MAX && b.len() <= MAX && a.is_ascii() && b.is_ascii() {
        let (mut x, mut y) = ([0u8; MAX], [0u8; MAX]);
        let (x, y) = (&mut x[..a.len()], &mut y[..b.len()]);
        x.copy_from_slice(a.as_bytes());
        y.copy_from_slice(b.as_bytes());
        x.make_ascii_lowercase();
        y.make_ascii_lowercase();
        return same_surname_bytes(x, y);
    }
    same_surname(&fold(a), &fold(b))
}

/// Given names agree when equal or when one is the initial of the other (`J.` / `John`).
fn compatible_given(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    (short.len() == 1 && long.starts_with(short)) || same_surname(a, b)
}

/// Surnames are the same person's when equal, or when they differ only as transliterations
/// do: one soft letter inserted (`Darchiev` / `Darchiyev`, `Zelensky` / `Zelenskyy`) or swapped
/// for another (`Yanukovich` / `Yanukovych`). Short names must match exactly.
pub(super) fn same_surname(a: &str, b: &str) -> bool {
    same_surname_bytes(a.as_bytes(), b.as_bytes())
}

fn same_surname_bytes(a: &[u8], b: &[u8]) -> bool {
    if a == b {
        return true;
    }
    if a.len() < 5 || b.len() < 5 || a[0] != b[0] {
        return false;
    }
    let soft = |c: u8| matches!(c, b'y' | b'i' | b'j' | b'h' | b'e');
    let interchangeable = |x: u8, y: u8| {
        matches!(
            (x, y),
            (b'i', b'y') | (b'y', b'i') | (b'j', b'y') | (b'y', b'j') | (b'i', b'j') | (b'j', b'i')
        )
    };
    if a.len() == b.len() {
        let mut diffs = a.iter().zip(b).filter(|(x, y)| x != y);
        return match (diffs.next(), diffs.next()) {
            (Some((&x, &y)), None) => interchangeable(x, y),
            _ => false,
        };
    }
    let (long, short) = if a.len() > b.len() { (a, b) } else { (b, a) };
    if long.len() != short.len() + 1 {
        return false;
    }
    let p = long
        .iter()
        .zip(short)
        .position(|(x, y)| x != y)
        .unwrap_or(short.len());
    soft(long[p]) && long[p + 1..] == short[p..]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::speakers::names;

    fn entities(text: &str) -> Vec<(String, Vec<String>)> {
        let doc = Doc::new(text);
        let mentions = names::find(&doc);
        build(&doc, &mentions)
            .list
            .iter()
            .filter(|e| e.class == Class::Person)
            .map(|e| {
                let mentions = e.mentions(&doc).into_iter().map(String::from).collect();
                (e.name(&doc).to_string(), mentions)
            })
            .collect()
    }

    #[test]
    fn surnames_link_to_the_full_name() {
        let found =
            entities("Ushakov spoke. Kremlin adviser Yuri Ushakov said so. Later Ushakov left.");
        assert_eq!(
            found,
            [(
                "Yuri Ushakov".to_string(),
                vec!["Ushakov".to_string(), "Yuri Ushakov".to_string()]
            )]
        );
    }

    #[test]
    fn honorific_forms_join_the_full_name() {
        let found = entities("President Donald Trump spoke. Then Mr. Trump left.");
        assert_eq!(
            found,
            [(
                "Donald Trump".to_string(),
                vec!["Donald Trump".to_string(), "Mr. Trump".to_string()]
            )]
        );
    }

    #[test]
    fn transliterations_merge() {
        assert!(same_surname("darchiev", "darchiyev"));
        assert!(same_surname("zelensky", "zelenskyy"));
        assert!(same_surname("yanukovich", "yanukovych"));
        assert!(!same_surname("clinton", "clifton"));
        assert!(!same_surname("bush", "busch"));
        let found =
            entities("Ambassador Alexander Darchiev met them. Later Alexander Darchiyev left.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1, ["Alexander Darchiev", "Alexander Darchiyev"]);
    }

    #[test]
    fn different_given_names_stay_apart() {
        let found = entities("Hillary Clinton met Bill Clinton.");
        assert_eq!(found.len(), 2);
    }
}
