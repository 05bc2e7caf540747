//! Resolution: the names of a corpus grouped into entities, each a person or an organisation.
//!
//! Rules, in order:
//! 1. **Kind.** A name is an organisation's when it ends with a word that ends organisations'
//!    names (`Lehman Brothers`, `Dow Chemical`), or when the corpus writes it as one (`Morgan
//!    Stanley & Co`, `analysts at Morgan Stanley`, `Morgan Stanley economist`) or the
//!    extractor found it speaking as one, clearly more often than as a person (`Mr.`, a title,
//!    `, who`). Names all in lower case (`the police said`) name no one and are left out.
//! 2. **Full names** of people with the same surname skeleton ([`super::name::skeleton`]) join
//!    the entity of the most quoted compatible name: same first name (middle names or
//!    initials may differ or be missing: `Ben S. Bernanke`; the surname may be another
//!    transliteration: `Alexander Darchiyev`), a nickname of it (`Tim` / `Timothy`, from
//!    [`super::nicknames`]), an initial, or a spelling one letter apart (`Nicholas` /
//!    `Nicolas`). Only one entity may be compatible, and titles must not conflict (`chief
//!    executive` Mike Jackson is not `singer` Michael Jackson); a nickname, an initial or a
//!    misspelling also needs the same title on both sides or an entity with twice the joining
//!    name's articles.
//! 3. **Lone surnames** (`Obama`) join the entity that holds nine in ten of the articles naming
//!    a person of that surname in full; otherwise they stay apart.
//! 4. **Organisations** group by their words without initials (`Sanford C. Bernstein`).
//!
//! When in doubt two names stay apart: a false merge is worse than a split.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::name::{Parts, skeleton};
use super::nicknames;
use super::table::{NameStats, NameTable};
use crate::extract::speakers;
use crate::index::schema;

/// The kind of an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Person,
    Organisation,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organisation => "organisation",
        }
    }
}

/// One entity: its names, the commonest full form first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Resolved {
    pub kind: Kind,
    /// Every name it was seen under; the first is its display name.
    pub names: Vec<String>,
}

/// Share of the articles naming someone of a surname in full that one entity must hold for a
/// lone surname to be given to it.
const SURNAME_SHARE: f64 = 0.9;

/// How many more articles an entity needs than a name joining it on weak evidence.
const WEAK_DOMINANCE: u64 = 2;

/// Resolve every name of the table; entities come in a fixed order (kind, then display name).
pub(crate) fn resolve(table: &NameTable) -> Vec<Resolved> {
    let mut people: HashMap<String, Vec<Candidate>> = HashMap::new();
    let mut companies: HashMap<String, Vec<&str>> = HashMap::new();
    for (name, stats) in table {
        // A common noun that speaks (`the police said`) names no one.
        if !name.chars().any(char::is_uppercase) {
            continue;
        }
        let Some(parts) = Parts::of(name) else {
            continue;
        };
        if kind_of(name, stats) == Kind::Organisation {
            companies.entry(company_key(name)).or_default().push(name);
        } else {
            let group = skeleton(&parts.surname);
            people
                .entry(group)
                .or_default()
                .push(Candidate { name, parts, stats });
        }
    }
    let mut out = Vec::new();
    for group in people.into_values() {
        out.extend(resolve_people(group));
    }
    for mut names in companies.into_values() {
        names.sort_by(|a, b| by_articles(table, a, b));
        out.push(Resolved {
            kind: Kind::Organisation,
            names: names.into_iter().map(str::to_string).collect(),
        });
    }
    out.sort_by(|a, b| (a.kind, &a.names[0]).cmp(&(b.kind, &b.names[0])));
    out
}

/// Most articles first, then by name.
fn by_articles(table: &NameTable, a: &str, b: &str) -> std::cmp::Ordering {
    let n = |name: &str| table.get(name).map_or(0, NameStats::articles);
    n(b).cmp(&n(a)).then_with(|| a.cmp(b))
}

/// The kind the corpus gives a name (rule 1).
pub(crate) fn kind_of(name: &str, stats: &NameStats) -> Kind {
    let words = schema::name_words(name);
    if words.len() > 1
        && words
            .last()
            .is_some_and(|w| speakers::words::is_org_head(w))
    {
        return Kind::Organisation;
    }
    let company = stats.company_cues + stats.organisation;
    let person = stats.person_cues;
    if company >= 2 && company > 2 * person {
        Kind::Organisation
    } else {
        Kind::Person
    }
}

/// The words of an organisation's name without initials: `Sanford C. Bernstein` and
/// `Sanford Bernstein` are one.
fn company_key(name: &str) -> String {
    schema::name_words(name)
        .into_iter()
        .filter(|w| w.len() > 1)
        .collect::<Vec<_>>()
        .join(" ")
}

struct Candidate<'a> {
    name: &'a str,
    parts: Parts,
    stats: &'a NameStats,
}

/// Names of people with one surname skeleton, grouped into entities (rules 2 and 3).
struct Cluster<'a> {
    members: Vec<&'a Candidate<'a>>,
    articles: u64,
    titles: HashMap<String, u64>,
}

impl<'a> Cluster<'a> {
    fn new(c: &'a Candidate<'a>) -> Self {
        let mut cluster = Cluster {
            members: Vec::new(),
            articles: 0,
            titles: HashMap::new(),
        };
        cluster.add(c);
        cluster
    }

    fn head(&self) -> &Candidate<'a> {
        self.members[0]
    }

    fn add(&mut self, c: &'a Candidate<'a>) {
        self.articles += c.stats.articles();
        for (title, n) in &c.stats.titles {
            *self.titles.entry(title.clone()).or_insert(0) += n;
        }
        self.members.push(c);
    }
}

/// How closely two given-name lists agree; lower is closer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Same,
    /// The same given names, the surname spelled as another transliteration.
    Transliteration,
    Nickname,
    Initial,
    Spelling,
}

fn resolve_people(mut group: Vec<Candidate>) -> Vec<Resolved> {
    group.sort_by(|a, b| {
        b.stats
            .articles()
            .cmp(&a.stats.articles())
            .then_with(|| a.name.cmp(b.name))
    });
    let (full, lone): (Vec<&Candidate>, Vec<&Candidate>) =
        group.iter().partition(|c| c.parts.first().is_some());
    let mut clusters: Vec<Cluster> = Vec::new();
    for c in full {
        match best_cluster(&clusters, c) {
            Some(i) => clusters[i].add(c),
            None => clusters.push(Cluster::new(c)),
        }
    }
    let in_full: u64 = clusters.iter().map(|c| c.articles).sum();
    let mut alone = Vec::new();
    for c in lone {
        let top = clusters.iter_mut().max_by_key(|k| k.articles);
        match top {
            Some(top) if top.articles as f64 >= SURNAME_SHARE * in_full as f64 => top.add(c),
            _ => alone.push(c),
        }
    }
    // Lone spellings of one surname (`Zelenskiy`, `Zelensky`) are one entity when no full name
    // claimed them.
    if let Some((first, rest)) = alone.split_first() {
        let mut cluster = Cluster::new(first);
        for c in rest {
            cluster.add(c);
        }
        clusters.push(cluster);
    }
    clusters
        .into_iter()
        .map(|cluster| Resolved {
            kind: Kind::Person,
            names: display_order(&cluster.members),
        })
        .collect()
}

/// The cluster a full name joins, if one is safe.
fn best_cluster(clusters: &[Cluster], c: &Candidate) -> Option<usize> {
    let mut best: Option<(Level, Vec<usize>)> = None;
    for (i, cluster) in clusters.iter().enumerate() {
        let Some(level) = agreement(&cluster.head().parts, &c.parts) else {
            continue;
        };
        if level > Level::Same && titles_conflict(&cluster.titles, &c.stats.titles) {
            continue;
        }
        if level > Level::Transliteration
            && cluster.articles < WEAK_DOMINANCE * c.stats.articles()
            && !titles_agree(&cluster.titles, &c.stats.titles)
        {
            continue;
        }
        match &mut best {
            Some((l, found)) if *l == level => found.push(i),
            Some((l, _)) if *l < level => {}
            _ => best = Some((level, vec![i])),
        }
    }
    match best {
        Some((_, found)) if found.len() == 1 => Some(found[0]),
        _ => None,
    }
}

/// How the given names and surnames of two people's names agree, if they can be one person's.
fn agreement(a: &Parts, b: &Parts) -> Option<Level> {
    let (fa, fb) = (a.first()?, b.first()?);
    let mut level = given_agreement(fa, fb)?;
    for (ma, mb) in a.middle().iter().zip(b.middle()) {
        if !(ma == mb || initial_of(ma, mb) || initial_of(mb, ma)) {
            return None;
        }
    }
    if a.surname != b.surname {
        level = match level {
            Level::Same => Level::Transliteration,
            _ => Level::Spelling,
        };
    }
    Some(level)
}

fn given_agreement(a: &str, b: &str) -> Option<Level> {
    if a == b {
        Some(Level::Same)
    } else if nicknames::same_given(a, b) {
        Some(Level::Nickname)
    } else if initial_of(a, b) || initial_of(b, a) {
        Some(Level::Initial)
    } else if a.len().min(b.len()) >= 5
        && a.as_bytes()[0] == b.as_bytes()[0]
        && strsim::levenshtein(a, b) == 1
    {
        Some(Level::Spelling)
    } else {
        None
    }
}

/// Whether `short` is the initial of `long`.
fn initial_of(short: &str, long: &str) -> bool {
    short.len() == 1 && long.len() > 1 && long.starts_with(short)
}

/// The commonest title of a name or an entity (the first in order on a tie).
fn top_title(titles: &HashMap<String, u64>) -> Option<&str> {
    titles
        .iter()
        .max_by_key(|(t, n)| (**n, std::cmp::Reverse(t.as_str())))
        .map(|(t, _)| t.as_str())
}

/// Whether two names are written after different titles: the commonest title of each is never
/// written before the other.
fn titles_conflict(a: &HashMap<String, u64>, b: &HashMap<String, u64>) -> bool {
    match (top_title(a), top_title(b)) {
        (Some(ta), Some(tb)) => !b.contains_key(ta) && !a.contains_key(tb),
        _ => false,
    }
}

/// Whether two names are written after the same title: the commonest title of each is also
/// written before the other.
fn titles_agree(a: &HashMap<String, u64>, b: &HashMap<String, u64>) -> bool {
    match (top_title(a), top_title(b)) {
        (Some(ta), Some(tb)) => b.contains_key(ta) && a.contains_key(tb),
        _ => false,
    }
}

/// The names of a cluster, the display name first: the commonest name with a given name
/// (more words first on a tie), then the others by articles.
fn display_order(members: &[&Candidate]) -> Vec<String> {
    let mut order: Vec<&Candidate> = members.to_vec();
    order.sort_by(|a, b| {
        let full = |c: &Candidate| c.parts.first().is_some();
        full(b)
            .cmp(&full(a))
            .then_with(|| b.stats.articles().cmp(&a.stats.articles()))
            .then_with(|| b.parts.given.len().cmp(&a.parts.given.len()))
            .then_with(|| a.name.cmp(b.name))
    });
    order.into_iter().map(|c| c.name.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(speaker: u64, company: u64, person: u64, title: &str) -> NameStats {
        let mut s = NameStats {
            speaker,
            quotes: speaker,
            company_cues: company,
            person_cues: person,
            ..NameStats::default()
        };
        if !title.is_empty() {
            s.titles.insert(title.to_string(), person.max(1));
        }
        s
    }

    fn entities(rows: &[(&str, NameStats)]) -> Vec<Resolved> {
        let table: NameTable = rows
            .iter()
            .map(|(n, s)| (n.to_string(), s.clone()))
            .collect();
        resolve(&table)
    }

    fn together(found: &[Resolved], a: &str, b: &str) -> bool {
        found
            .iter()
            .any(|e| e.names.iter().any(|n| n == a) && e.names.iter().any(|n| n == b))
    }

    #[test]
    fn nicknames_initials_and_spellings_join_the_full_name() {
        let found = entities(&[
            ("Timothy Geithner", stats(900, 0, 500, "secretary")),
            ("Tim Geithner", stats(17, 0, 5, "secretary")),
            ("T. Geithner", stats(2, 0, 0, "")),
            ("Ben S. Bernanke", stats(40, 0, 10, "")),
            ("Ben Bernanke", stats(800, 0, 400, "chairman")),
            ("Nicolas Sarkozy", stats(500, 0, 300, "president")),
            ("Nicholas Sarkozy", stats(12, 0, 3, "")),
            ("Alexander Darchiev", stats(3, 0, 2, "ambassador")),
            ("Alexander Darchiyev", stats(1, 0, 1, "ambassador")),
        ]);
        assert!(together(&found, "Timothy Geithner", "Tim Geithner"));
        assert!(together(&found, "Timothy Geithner", "T. Geithner"));
        assert!(together(&found, "Ben Bernanke", "Ben S. Bernanke"));
        assert!(together(&found, "Nicolas Sarkozy", "Nicholas Sarkozy"));
        assert!(together(
            &found,
            "Alexander Darchiev",
            "Alexander Darchiyev"
        ));
        assert_eq!(found.len(), 4);
        let geithner = found.iter().find(|e| e.names[0] == "Timothy Geithner");
        assert!(
            geithner.is_some(),
            "display name is the commonest full form"
        );
    }

    #[test]
    fn people_sharing_a_surname_stay_apart() {
        let found = entities(&[
            ("Henry Paulson", stats(600, 0, 300, "secretary")),
            ("John Paulson", stats(150, 0, 50, "manager")),
            ("Hank Paulson", stats(40, 0, 20, "secretary")),
            ("Paulson", stats(80, 0, 0, "")),
            ("Michael Jackson", stats(60, 0, 30, "singer")),
            ("Mike Jackson", stats(20, 0, 10, "executive")),
            ("George W. Bush", stats(900, 0, 300, "president")),
            ("George H.W. Bush", stats(100, 0, 30, "president")),
            ("George Bush", stats(40, 0, 10, "president")),
            ("Nancy Bush", stats(10, 0, 3, "")),
        ]);
        assert!(!together(&found, "George W. Bush", "George H.W. Bush"));
        assert!(
            !together(&found, "George Bush", "George W. Bush"),
            "two compatible: apart"
        );
        assert!(!together(&found, "Nancy Bush", "George W. Bush"));
        assert!(!together(&found, "Henry Paulson", "John Paulson"));
        assert!(together(&found, "Henry Paulson", "Hank Paulson"));
        assert!(
            !together(&found, "Paulson", "Henry Paulson"),
            "80% is not enough"
        );
        assert!(!together(&found, "Mike Jackson", "Michael Jackson"));
    }

    #[test]
    fn a_lone_surname_joins_the_person_the_corpus_means() {
        let found = entities(&[
            ("Barack Obama", stats(5000, 0, 3000, "president")),
            ("Michelle Obama", stats(100, 0, 50, "")),
            ("Obama", stats(700, 0, 0, "")),
            ("Van Rompuy", stats(30, 0, 0, "")),
            ("Herman Van Rompuy", stats(300, 0, 100, "president")),
        ]);
        assert!(together(&found, "Barack Obama", "Obama"));
        assert!(!together(&found, "Barack Obama", "Michelle Obama"));
        assert!(together(&found, "Herman Van Rompuy", "Van Rompuy"));
    }

    #[test]
    fn companies_are_organisations() {
        let found = entities(&[
            ("Morgan Stanley", stats(900, 700, 10, "")),
            ("Stephen Stanley", stats(50, 0, 30, "economist")),
            ("Sanford C. Bernstein", stats(20, 15, 0, "")),
            ("Sanford Bernstein", stats(60, 40, 0, "")),
        ]);
        let kind = |name: &str| {
            found
                .iter()
                .find(|e| e.names.iter().any(|n| n == name))
                .map(|e| e.kind)
        };
        assert_eq!(kind("Morgan Stanley"), Some(Kind::Organisation));
        assert_eq!(kind("Stephen Stanley"), Some(Kind::Person));
        assert!(together(
            &found,
            "Sanford Bernstein",
            "Sanford C. Bernstein"
        ));
    }
}
