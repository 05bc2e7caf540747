//! The index: schema, opening and creating it, and the parallel writer that builds it.

pub mod build;
pub mod schema;
pub mod stats;

use std::path::{Path, PathBuf};

use tantivy::Index;

use crate::error::{Error, Result};
use schema::{Fields, SCHEMA_VERSION};

/// File in the index folder that records which newsdex schema wrote it.
const VERSION_FILE: &str = "newsdex.json";

/// An open newsdex index.
pub struct NewsIndex {
    pub path: PathBuf,
    pub index: Index,
    pub fields: Fields,
}

impl NewsIndex {
    /// Open an existing index, checking that this newsdex can read it.
    pub fn open(path: &Path) -> Result<NewsIndex> {
        if !path.join("meta.json").is_file() {
            return Err(Error::IndexMissing(path.to_path_buf()));
        }
        check_version(path)?;
        let index = Index::open_in_dir(path).map_err(|source| engine(path, source))?;
        Self::wrap(path, index)
    }

    /// Open the index at `path`, creating it (and the folder) when there is none.
    pub fn open_or_create(path: &Path) -> Result<NewsIndex> {
        if path.join("meta.json").is_file() {
            return Self::open(path);
        }
        std::fs::create_dir_all(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let index =
            Index::create_in_dir(path, schema::schema()).map_err(|source| engine(path, source))?;
        write_version(path)?;
        Self::wrap(path, index)
    }

    fn wrap(path: &Path, index: Index) -> Result<NewsIndex> {
        schema::register_tokenizers(&index);
        let fields = Fields::new(&index.schema()).map_err(|_| Error::IndexVersion {
            path: path.to_path_buf(),
            found: "unknown".to_string(),
            expected: SCHEMA_VERSION,
        })?;
        Ok(NewsIndex {
            path: path.to_path_buf(),
            index,
            fields,
        })
    }
}

/// Wrap a tantivy error with the index it concerns.
pub(crate) fn engine(path: &Path, source: tantivy::TantivyError) -> Error {
    match source {
        tantivy::TantivyError::LockFailure(..) => Error::IndexLocked(path.to_path_buf()),
        source => Error::Engine {
            path: path.to_path_buf(),
            source,
        },
    }
}

fn write_version(path: &Path) -> Result<()> {
    let json = serde_json::json!({ "schema_version": SCHEMA_VERSION });
    let file = path.join(VERSION_FILE);
    std::fs::write(&file, format!("{json}\n")).map_err(|source| Error::Io { path: file, source })
}

fn check_version(path: &Path) -> Result<()> {
    let file = path.join(VERSION_FILE);
    let found = std::fs::read_to_string(&file)
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .and_then(|v| v.get("schema_version").and_then(|n| n.as_u64()));
    match found {
        Some(v) if v == u64::from(SCHEMA_VERSION) => Ok(()),
        other => Err(Error::IndexVersion {
            path: path.to_path_buf(),
            found: other.map_or_else(|| "none".to_string(), |v| v.to_string()),
            expected: SCHEMA_VERSION,
        }),
    }
}
