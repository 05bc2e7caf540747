//! The roster: the resolved entities with their ids, kept in the index folder (`roster.json`)
//! beside the commit it was resolved from.
//!
//! **Ids are stable.** A new resolution takes the ids of the last one: an entity keeps the id
//! under which most of its articles' names were known; an entity merged into another leaves
//! its id behind as an alias of the other, so that an id once printed keeps finding its
//! person; a new entity gets an id made from its display name. A rebuild resolves the same
//! entities from the same articles, and gives each the id made from its display name: only an
//! entity whose display name changed over incremental runs, or that absorbed another, can keep
//! an older id there.
//!
//! **The file follows the index.** It records the opstamp of the commit it was resolved from;
//! a reader that finds another (an indexing run that stopped between its last commit and the
//! roster) resolves the committed articles again in memory.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::Path;

use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use tantivy::{Index, Searcher};

use super::count;
use super::resolve::{Kind, Resolved, resolve};
use super::table::{self, NameTable};
use crate::error::{Error, Result};
use crate::index::schema;

/// File of the roster in the index folder.
pub(crate) const ROSTER_FILE: &str = "roster.json";

/// A resolved person or organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub id: String,
    pub kind: Kind,
    /// Every name it was seen under; the first is its display name.
    pub names: Vec<String>,
    /// Articles of the whole index that quote it, and its quotes in them (see
    /// [`Roster::counted`]).
    #[serde(default)]
    pub articles: u64,
    #[serde(default)]
    pub quotes: u64,
}

impl Entity {
    /// The display name: the commonest full form.
    pub fn name(&self) -> &str {
        self.names.first().map_or("", String::as_str)
    }
}

/// Every entity of an index.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Roster {
    /// The opstamp of the commit the roster was resolved from.
    pub opstamp: u64,
    pub entities: Vec<Entity>,
    /// Ids merged into others: old id -> current id.
    #[serde(default)]
    pub aliases: BTreeMap<String, String>,
    /// Whether the entities' `articles` and `quotes` count the whole index (so that listing
    /// the most quoted of all needs no pass over the articles).
    #[serde(default)]
    pub counted: bool,
    /// The entity of each name, made on first use.
    #[serde(skip)]
    by_name: OnceLock<HashMap<String, usize>>,
    /// The entity of each name's key (see [`super::count::key`]), made on first use.
    #[serde(skip)]
    by_key: OnceLock<Arc<FxHashMap<u64, u32>>>,
}

impl Roster {
    /// Resolve a name table, keeping the ids of `previous` (see the module's comment).
    pub fn resolve(table: &NameTable, previous: Option<&Roster>, opstamp: u64) -> Roster {
        let mut resolved = resolve(table);
        let weight = |r: &Resolved| -> u64 {
            r.names
                .iter()
                .filter_map(|n| table.get(n))
                .map(|s| s.articles())
                .sum()
        };
        // The largest entity claims an old id first.
        resolved.sort_by_cached_key(|r| std::cmp::Reverse(weight(r)));
        let empty = Roster::default();
        let previous = previous.unwrap_or(&empty);
        let mut claimed: HashMap<String, String> = HashMap::new();
        let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
        let mut entities = Vec::with_capacity(resolved.len());
        for r in resolved {
            let mut old: HashMap<&str, u64> = HashMap::new();
            for name in &r.names {
                if let Some(e) = previous.entity(name) {
                    *old.entry(e.id.as_str()).or_insert(0) +=
                        table.get(name).map_or(0, |s| s.articles());
                }
            }
            let mut old: Vec<(&str, u64)> = old.into_iter().collect();
            old.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
            let kept = old
                .iter()
                .map(|(id, _)| *id)
                .find(|id| !taken.contains(*id));
            let id = match kept {
                Some(id) => id.to_string(),
                None => fresh_id(&r.names[0], &taken, &previous.aliases),
            };
            taken.insert(id.clone());
            for (other, _) in &old {
                if *other != id {
                    claimed
                        .entry(other.to_string())
                        .or_insert_with(|| id.clone());
                }
            }
            entities.push(Entity {
                id,
                kind: r.kind,
                names: r.names,
                articles: 0,
                quotes: 0,
            });
        }
        // Old aliases follow their targets; ids still in use are no aliases.
        let mut aliases = BTreeMap::new();
        let forward = |id: &str| -> Option<String> {
            if taken.contains(id) {
                Some(id.to_string())
            } else {
                claimed.get(id).cloned()
            }
        };
        for (old, target) in &previous.aliases {
            if let Some(now) = forward(target).filter(|_| !taken.contains(old)) {
                aliases.insert(old.clone(), now);
            }
        }
        for (old, now) in &claimed {
            if !taken.contains(old) {
                aliases.insert(old.clone(), now.clone());
            }
        }
        entities.sort_by(|a, b| (a.kind, a.name(), &a.id).cmp(&(b.kind, b.name(), &b.id)));
        Roster {
            opstamp,
            entities,
            aliases,
            counted: false,
            by_name: OnceLock::new(),
            by_key: OnceLock::new(),
        }
    }

    fn by_name(&self) -> &HashMap<String, usize> {
        self.by_name.get_or_init(|| {
            self.entities
                .iter()
                .enumerate()
                .flat_map(|(i, e)| e.names.iter().map(move |n| (n.clone(), i)))
                .collect()
        })
    }

    /// Count the articles and quotes of every entity in the whole index.
    pub fn count(&mut self, searcher: &Searcher) -> tantivy::Result<()> {
        let tallies =
            searcher.search(&tantivy::query::AllQuery, &count::SpeakerTally::new(self))?;
        for (i, tally) in tallies {
            if let Some(e) = self.entities.get_mut(i as usize) {
                e.articles = tally.articles;
                e.quotes = tally.quotes;
            }
        }
        self.counted = true;
        Ok(())
    }

    /// The position of the entity of each name's key.
    pub fn keys(&self) -> Arc<FxHashMap<u64, u32>> {
        let keys = self.by_key.get_or_init(|| {
            let keys = self
                .entities
                .iter()
                .enumerate()
                .flat_map(|(i, e)| e.names.iter().map(move |n| (count::key(n), i as u32)))
                .collect();
            Arc::new(keys)
        });
        Arc::clone(keys)
    }

    /// The entity a name belongs to.
    pub fn entity(&self, name: &str) -> Option<&Entity> {
        self.by_name().get(name).map(|&i| &self.entities[i])
    }

    /// The position of a name's entity in [`Roster::entities`].
    pub fn position(&self, name: &str) -> Option<usize> {
        self.by_name().get(name).copied()
    }

    /// The entity of an id, following the ids of merged entities.
    pub fn by_id(&self, id: &str) -> Option<&Entity> {
        let id = self.aliases.get(id).map_or(id, String::as_str);
        self.entities.iter().find(|e| e.id == id)
    }

    /// The entities one of whose names holds the words of `query` in a row (case and accents
    /// aside: `darchiev`, `Tim Geithner`, `geithner`), or whose id it is.
    pub fn matching(&self, query: &str) -> Vec<&Entity> {
        if let Some(e) = self.by_id(query.trim()) {
            return vec![e];
        }
        let words = schema::name_words(query);
        if words.is_empty() {
            return Vec::new();
        }
        self.entities
            .iter()
            .filter(|e| {
                e.names
                    .iter()
                    .any(|n| schema::holds_words(&schema::name_words(n), &words))
            })
            .collect()
    }

    /// Read the roster of an index folder, if there is one.
    pub fn load(dir: &Path) -> Result<Option<Roster>> {
        let path = dir.join(ROSTER_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(Error::Io { path, source }),
        };
        // An unreadable roster is resolved again, as a missing one is.
        match serde_json::from_str(&text) {
            Ok(roster) => Ok(Some(roster)),
            Err(_) => Ok(None),
        }
    }

    /// Write the roster into an index folder, atomically.
    pub fn save(&self, dir: &Path) -> Result<()> {
        let path = dir.join(ROSTER_FILE);
        let io = |source| Error::Io {
            path: path.clone(),
            source,
        };
        let mut file = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
        serde_json::to_writer(std::io::BufWriter::new(&mut file), self)
            .map_err(|e| io(std::io::Error::other(e)))?;
        file.flush().map_err(io)?;
        file.as_file().sync_all().map_err(io)?;
        file.persist(&path).map_err(|e| io(e.error))?;
        // The display names follow: a reader that finds them of another commit than the
        // index's reads the roster itself.
        super::names::save(self, dir)
    }
}

/// An id for a new entity, made from its display name: `e` and 10 hex digits.
fn fresh_id(
    name: &str,
    taken: &std::collections::HashSet<String>,
    aliases: &BTreeMap<String, String>,
) -> String {
    let folded = schema::name_words(name).join(" ");
    let mut seed = folded.clone();
    for n in 0u32.. {
        let hash = blake3::hash(seed.as_bytes());
        let id = format!("e{}", &hash.to_hex()[..10]);
        if !taken.contains(&id) && !aliases.contains_key(&id) {
            return id;
        }
        seed = format!("{folded}#{n}");
    }
    unreachable!("the ids of one roster are finite")
}

/// The roster of the commit a searcher reads (of `opstamp`): the stored one when it is
/// current, else resolved again from the articles (with the stored ids).
pub(crate) fn current(dir: &Path, opstamp: u64, searcher: &Searcher) -> Result<Roster> {
    match Roster::load(dir)? {
        Some(roster) if roster.opstamp == opstamp => Ok(roster),
        stored => {
            let table = table::read(searcher).map_err(|e| crate::index::engine(dir, e))?;
            Ok(Roster::resolve(&table, stored.as_ref(), opstamp))
        }
    }
}

/// Bring the stored roster in line with the last commit; a no-op when it is already.
pub(crate) fn update(dir: &Path, index: &Index) -> Result<()> {
    let opstamp = opstamp(dir, index)?;
    let stored = Roster::load(dir)?;
    if let Some(roster) = stored.as_ref().filter(|r| r.opstamp == opstamp) {
        // A roster written before its display names were kept apart gets them now.
        if super::names::Names::open(dir).is_some_and(|n| n.opstamp() == opstamp) {
            return Ok(());
        }
        return super::names::save(roster, dir);
    }
    let reader = index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()
        .map_err(|e| crate::index::engine(dir, e))?;
    let searcher = reader.searcher();
    let fail = |e| crate::index::engine(dir, e);
    let table = table::read(&searcher).map_err(fail)?;
    let mut roster = Roster::resolve(&table, stored.as_ref(), opstamp);
    roster.count(&searcher).map_err(fail)?;
    roster.save(dir)
}

fn opstamp(dir: &Path, index: &Index) -> Result<u64> {
    index
        .load_metas()
        .map(|m| m.opstamp)
        .map_err(|e| crate::index::engine(dir, e))
}
