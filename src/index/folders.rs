//! Where an index may be written: checks on the corpus and index folders before a build.
//!
//! A build refuses a corpus that is missing or is a file, an index folder that already holds
//! files of something else (newsdex never writes among them), and an index folder that is the
//! corpus or lies inside it (its files would be walked as articles). Paths are compared once
//! resolved, symbolic links and `..` included; an index folder that does not exist yet is
//! resolved through its nearest existing ancestor.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

use super::VERSION_FILE;

/// Check that `corpus` can be read and `index` written, before anything is written.
pub(crate) fn check(corpus: &Path, index: &Path) -> Result<()> {
    check_corpus(corpus)?;
    if let (Some(corpus_at), Some(index_at)) = (resolve(corpus), resolve(index))
        && index_at.starts_with(&corpus_at)
    {
        let reason = if index_at == corpus_at {
            "is the corpus folder"
        } else {
            "lies inside the corpus folder"
        };
        return Err(Error::IndexInCorpus {
            index: index.to_path_buf(),
            corpus: corpus.to_path_buf(),
            reason,
        });
    }
    check_index(index)
}

/// The corpus must be an existing folder; a missing one is told apart from a file.
pub(crate) fn check_corpus(corpus: &Path) -> Result<()> {
    let reason = match std::fs::metadata(corpus) {
        Ok(meta) if meta.is_dir() => return Ok(()),
        Ok(_) => "not a folder".to_string(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => "does not exist".to_string(),
        Err(e) => e.to_string(),
    };
    Err(Error::Corpus {
        path: corpus.to_path_buf(),
        reason,
    })
}

/// The index folder must be missing, empty (but for hidden files), or a newsdex index (one
/// with `meta.json` or the version file, which newsdex writes first).
fn check_index(index: &Path) -> Result<()> {
    let refuse = |reason: &str| {
        Err(Error::NotAnIndex {
            path: index.to_path_buf(),
            reason: reason.to_string(),
        })
    };
    match std::fs::metadata(index) {
        Err(_) => return Ok(()),
        Ok(meta) if !meta.is_dir() => return refuse("not a folder, cannot hold an index"),
        Ok(_) => {}
    }
    if index.join("meta.json").is_file() || index.join(VERSION_FILE).is_file() {
        return Ok(());
    }
    let io = |source| Error::Io {
        path: index.to_path_buf(),
        source,
    };
    // Hidden files (`.gitkeep`, `.DS_Store`) do not make a folder someone else's: the
    // repository ships `index/` holding a `.gitkeep`.
    let visible = std::fs::read_dir(index)
        .map_err(io)?
        .filter_map(|entry| entry.ok())
        .any(|entry| !entry.file_name().to_string_lossy().starts_with('.'));
    if visible {
        return refuse("not empty, and not a newsdex index");
    }
    Ok(())
}

/// `path` absolute and resolved (links, `.` and `..`): the nearest existing ancestor
/// canonicalised, then the rest of the path as written. `None` if nothing of it exists.
fn resolve(path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(path).ok()?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(found) = existing.canonicalize() {
            return Some(rest.iter().rev().fold(found, |at, part| at.join(part)));
        }
        rest.push(existing.file_name()?.to_os_string());
        existing = existing.parent()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_not_yet_made_resolves_through_its_parent() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        let inner = corpus.join("a/b");
        assert_eq!(
            resolve(&inner),
            Some(corpus.canonicalize().unwrap().join("a/b"))
        );
        let sideways = corpus.join("../corpus/new");
        assert!(matches!(
            check(&corpus, &sideways),
            Err(Error::IndexInCorpus { .. })
        ));
        assert!(check(&corpus, &dir.path().join("index")).is_ok());
    }

    #[test]
    fn the_corpus_itself_is_no_place_for_an_index() {
        let dir = tempfile::tempdir().unwrap();
        match check(dir.path(), dir.path()) {
            Err(Error::IndexInCorpus { reason, .. }) => assert_eq!(reason, "is the corpus folder"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_folder_of_other_files_is_refused_an_empty_one_taken() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        let index = dir.path().join("index");
        std::fs::create_dir(&index).unwrap();
        assert!(check(&corpus, &index).is_ok());
        std::fs::write(index.join("notes.txt"), "mine").unwrap();
        assert!(matches!(
            check(&corpus, &index),
            Err(Error::NotAnIndex { .. })
        ));
        std::fs::write(index.join(VERSION_FILE), "{}").unwrap();
        assert!(check(&corpus, &index).is_ok());
    }

    #[test]
    fn a_missing_corpus_is_told_apart_from_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let reason = |path: &Path| match check_corpus(path) {
            Err(Error::Corpus { reason, .. }) => reason,
            other => panic!("{other:?}"),
        };
        assert_eq!(reason(&dir.path().join("nowhere")), "does not exist");
        let file = dir.path().join("file.txt");
        std::fs::write(&file, "x").unwrap();
        assert_eq!(reason(&file), "not a folder");
    }
}
