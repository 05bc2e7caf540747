//! The display name of every name of the roster, in a file a search opens without reading it
//! (`roster.names`, beside `roster.json`).
//!
//! A page of hits shows its speakers under their entities' display names: ten hits name a few
//! dozen people, and parsing the whole roster (tens of thousands of entities) for them would
//! cost more than the search. The file is an FST from each name to its display name's place in
//! a block of display names, mapped into memory, so that a lookup touches a few pages only.
//!
//! Layout: the 8 bytes [`MAGIC`], the opstamp of the roster's commit and the length of the
//! display names' block (both `u64`, little-endian), the block (UTF-8), then the FST, whose
//! value for a name is the display name's offset in the block (high 32 bits) and length (low
//! 32 bits). A file that is missing, of another layout or of another commit is not used: the
//! caller reads the whole roster instead.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use tantivy::Directory;
use tantivy::directory::{MmapDirectory, OwnedBytes};
use tantivy_fst::{Map, MapBuilder};

use super::Roster;
use crate::error::{Error, Result};

/// File of the display names in the index folder.
pub(crate) const NAMES_FILE: &str = "roster.names";

/// The first bytes of the file (its layout's version is the last one).
const MAGIC: &[u8; 8] = b"NDXNAME1";

/// Bytes before the display names' block.
const HEADER: usize = MAGIC.len() + 16;

/// The display names of a roster, mapped from its file.
pub(crate) struct Names {
    /// The whole file.
    bytes: OwnedBytes,
    map: Map<OwnedBytes>,
    opstamp: u64,
}

impl Names {
    /// Open the display names of an index folder; `None` when there is no usable file.
    pub(crate) fn open(dir: &Path) -> Option<Names> {
        let directory = MmapDirectory::open(dir).ok()?;
        let bytes = directory
            .open_read(Path::new(NAMES_FILE))
            .ok()?
            .read_bytes()
            .ok()?;
        Self::from_bytes(bytes)
    }

    fn from_bytes(bytes: OwnedBytes) -> Option<Names> {
        let data = bytes.as_slice();
        if data.len() < HEADER || &data[..MAGIC.len()] != MAGIC {
            return None;
        }
        let word = |at: usize| {
            let mut word = [0u8; 8];
            word.copy_from_slice(&data[at..at + 8]);
            u64::from_le_bytes(word)
        };
        let opstamp = word(MAGIC.len());
        let block = usize::try_from(word(MAGIC.len() + 8)).ok()?;
        let fst_at = HEADER.checked_add(block).filter(|&at| at <= data.len())?;
        let map = Map::from(tantivy_fst::raw::Fst::new(bytes.slice(fst_at..bytes.len())).ok()?);
        Some(Names {
            bytes,
            map,
            opstamp,
        })
    }

    /// The opstamp of the commit the roster was resolved from.
    pub(crate) fn opstamp(&self) -> u64 {
        self.opstamp
    }

    /// The display name of the entity `name` belongs to, if it belongs to one.
    pub(crate) fn display(&self, name: &str) -> Option<&str> {
        let value = self.map.get(name)?;
        let start = HEADER.checked_add(usize::try_from(value >> 32).ok()?)?;
        let end = start.checked_add(usize::try_from(value & u64::from(u32::MAX)).ok()?)?;
        std::str::from_utf8(self.bytes.as_slice().get(start..end)?).ok()
    }
}

/// The file's bytes for `roster`; `None` when its display names do not fit the layout.
fn encode(roster: &Roster) -> Option<Vec<u8>> {
    let mut block = String::new();
    let mut places = Vec::with_capacity(roster.entities.len());
    for entity in &roster.entities {
        let offset = u32::try_from(block.len()).ok()?;
        let len = u32::try_from(entity.name().len()).ok()?;
        block.push_str(entity.name());
        places.push((u64::from(offset) << 32) | u64::from(len));
    }
    // A name of two entities is the later one's, as in [`Roster::entity`].
    let mut by_name: BTreeMap<&str, u64> = BTreeMap::new();
    for (entity, &place) in roster.entities.iter().zip(&places) {
        for name in &entity.names {
            by_name.insert(name, place);
        }
    }
    let mut out = Vec::with_capacity(HEADER + block.len() + by_name.len() * 8);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&roster.opstamp.to_le_bytes());
    out.extend_from_slice(&(block.len() as u64).to_le_bytes());
    out.extend_from_slice(block.as_bytes());
    let mut builder = MapBuilder::new(out).ok()?;
    builder.extend_iter(by_name).ok()?;
    builder.into_inner().ok()
}

/// Write the display names of `roster` into an index folder, atomically; a roster whose names
/// do not fit the layout leaves no file, and searches read the whole roster.
pub(crate) fn save(roster: &Roster, dir: &Path) -> Result<()> {
    let path = dir.join(NAMES_FILE);
    let io = |source| Error::Io {
        path: path.clone(),
        source,
    };
    let Some(bytes) = encode(roster) else {
        return match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io(e)),
            _ => Ok(()),
        };
    };
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    file.write_all(&bytes).map_err(io)?;
    file.as_file().sync_all().map_err(io)?;
    file.persist(&path).map_err(|e| io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::{Entity, Kind};

    fn entity(id: &str, names: &[&str]) -> Entity {
        Entity {
            id: id.to_string(),
            kind: Kind::Person,
            names: names.iter().map(|n| n.to_string()).collect(),
            articles: 1,
            quotes: 1,
        }
    }

    fn roster() -> Roster {
        let mut roster = Roster::default();
        roster.opstamp = 42;
        roster.entities = vec![
            entity("e1", &["Timothy Geithner", "Tim Geithner", "Geithner"]),
            entity("e2", &["Ali al-Naimi", "Naimi"]),
            entity("e3", &["Zoë Ångström"]),
            entity("e4", &["Someone Else", "Geithner"]),
        ];
        roster
    }

    #[test]
    fn every_name_gives_the_display_name_the_roster_gives() {
        let roster = roster();
        let names = Names::from_bytes(OwnedBytes::new(encode(&roster).unwrap())).unwrap();
        assert_eq!(names.opstamp(), 42);
        for entity in &roster.entities {
            for name in &entity.names {
                assert_eq!(
                    names.display(name),
                    roster.entity(name).map(Entity::name),
                    "{name}"
                );
            }
        }
        assert_eq!(names.display("Geithner"), Some("Someone Else"));
        assert_eq!(names.display("Nobody"), None);
        assert_eq!(names.display(""), None);
    }

    #[test]
    fn a_file_of_another_layout_is_not_used() {
        let mut bytes = encode(&roster()).unwrap();
        assert!(Names::from_bytes(OwnedBytes::new(bytes[..HEADER - 1].to_vec())).is_none());
        // A block longer than the file.
        let mut long = bytes.clone();
        long[MAGIC.len() + 8..HEADER].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(Names::from_bytes(OwnedBytes::new(long)).is_none());
        bytes[0] = b'X';
        assert!(Names::from_bytes(OwnedBytes::new(bytes)).is_none());
    }

    #[test]
    fn saved_and_opened_again() {
        let dir = tempfile::tempdir().unwrap();
        let roster = roster();
        save(&roster, dir.path()).unwrap();
        let names = Names::open(dir.path()).unwrap();
        assert_eq!(names.display("Tim Geithner"), Some("Timothy Geithner"));
        assert_eq!(names.display("Naimi"), Some("Ali al-Naimi"));
        assert_eq!(names.display("Zoë Ångström"), Some("Zoë Ångström"));
        assert!(Names::open(&dir.path().join("missing")).is_none());
    }
}
