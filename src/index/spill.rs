//! A list as long as the corpus, held in bounded memory: its first items in memory, the rest
//! in an unnamed temporary file (gone when closed, even after a crash) as JSON lines, read back
//! once, in order. An item that cannot be written as JSON (a path that is not UTF-8) stays in
//! memory.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Seek, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Items a list holds in memory before it writes them to disk.
pub(super) const IN_MEMORY: usize = 16_384;

/// A list of `T`, written to disk beyond [`IN_MEMORY`] items.
pub(super) struct Spill<T> {
    memory: Vec<T>,
    file: Option<BufWriter<File>>,
    /// Where the temporary file goes.
    dir: PathBuf,
    limit: usize,
    len: u64,
}

impl<T: Serialize + DeserializeOwned + Send> Spill<T> {
    /// An empty list whose temporary file, if it needs one, goes in `dir`.
    pub(super) fn new(dir: &Path) -> Spill<T> {
        Spill::with_limit(dir, IN_MEMORY)
    }

    fn with_limit(dir: &Path, limit: usize) -> Spill<T> {
        Spill {
            memory: Vec::new(),
            file: None,
            dir: dir.to_path_buf(),
            limit,
            len: 0,
        }
    }

    pub(super) fn push(&mut self, item: T) -> io::Result<()> {
        self.len += 1;
        if self.memory.len() >= self.limit {
            let line = serde_json::to_vec(&item);
            if let Ok(line) = line {
                let file = match &mut self.file {
                    Some(file) => file,
                    None => self
                        .file
                        .insert(BufWriter::new(tempfile::tempfile_in(&self.dir)?)),
                };
                file.write_all(&line)?;
                return file.write_all(b"\n");
            }
        }
        self.memory.push(item);
        Ok(())
    }

    pub(super) fn len(&self) -> u64 {
        self.len
    }

    /// The items, in the order they came (those held in memory for want of JSON first).
    pub(super) fn into_items(self) -> io::Result<impl Iterator<Item = io::Result<T>> + Send> {
        let lines = match self.file {
            Some(file) => {
                let mut file = file.into_inner().map_err(|e| e.into_error())?;
                file.rewind()?;
                Some(BufReader::new(file).lines().map(|line| {
                    serde_json::from_str(&line?)
                        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
                }))
            }
            None => None,
        };
        Ok(self
            .memory
            .into_iter()
            .map(Ok)
            .chain(lines.into_iter().flatten()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_beyond_the_limit_go_to_disk_and_come_back_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut list = Spill::with_limit(dir.path(), 3);
        for n in 0..10u64 {
            list.push((n, format!("item {n}"))).unwrap();
        }
        assert_eq!(list.len(), 10);
        assert!(list.file.is_some());
        assert_eq!(list.memory.len(), 3);
        let back: Vec<(u64, String)> = list.into_items().unwrap().map(|i| i.unwrap()).collect();
        assert_eq!(back.len(), 10);
        assert!(back.iter().enumerate().all(|(n, (m, _))| n as u64 == *m));
        // The temporary file has no name in the folder.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_short_list_stays_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let mut list = Spill::new(dir.path());
        list.push("a".to_string()).unwrap();
        assert!(list.file.is_none());
        let back: Vec<String> = list.into_items().unwrap().map(|i| i.unwrap()).collect();
        assert_eq!(back, ["a"]);
    }
}
