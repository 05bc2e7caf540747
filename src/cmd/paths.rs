//! Where the index and the corpus are: `--index` and `--corpus` (or `NEWSDEX_INDEX` and
//! `NEWSDEX_CORPUS`), else `./index` and `./corpus`.

use std::path::PathBuf;

use crate::cli::Paths;

/// Index folder when neither `--index` nor `NEWSDEX_INDEX` says.
pub(crate) const DEFAULT_INDEX: &str = "index";
/// Corpus folder when neither `--corpus` nor `NEWSDEX_CORPUS` says.
pub(crate) const DEFAULT_CORPUS: &str = "corpus";

/// The folders a command works on, and whether the user chose them.
#[derive(Debug, Clone)]
pub(crate) struct Folders {
    pub index: PathBuf,
    pub corpus: PathBuf,
    /// `--index` or `NEWSDEX_INDEX` named the index.
    pub index_chosen: bool,
    /// `--corpus` or `NEWSDEX_CORPUS` named the corpus.
    pub corpus_chosen: bool,
}

impl Folders {
    pub(crate) fn of(paths: &Paths) -> Folders {
        Folders {
            index: paths
                .index
                .clone()
                .unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX)),
            corpus: paths
                .corpus
                .clone()
                .unwrap_or_else(|| PathBuf::from(DEFAULT_CORPUS)),
            index_chosen: paths.index.is_some(),
            corpus_chosen: paths.corpus.is_some(),
        }
    }

    /// Whether a missing index may be built from the corpus: an index the user named is
    /// built only together with a corpus they named, so that a mistyped `--index` is reported
    /// rather than filled from whatever `./corpus` holds.
    pub(crate) fn may_build(&self) -> bool {
        !self.index_chosen || self.corpus_chosen
    }
}

/// The index `export` reads: `--index`, else `NEWSDEX_INDEX`, else `./index`. (`export` reads
/// the variable itself: clap would count it as an explicit `--index`, which conflicts with
/// `--corpus`; `stats` and `bench` let clap read it.)
pub(crate) fn index_or_default(index: Option<&PathBuf>) -> PathBuf {
    index
        .cloned()
        .or_else(|| std::env::var_os("NEWSDEX_INDEX").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX))
}
