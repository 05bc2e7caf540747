//! The listing of one folder for the walk: its entries in the walk's order, their kinds with
//! symbolic links followed, the stamps of the files that may hold articles, and the identity
//! of the folder (to find link loops), read by a small pool of threads ahead of the walk.
//!
//! A listing is sorted as the paths of the files below it compare as strings: by name, a
//! folder's name as if it ended with `/` (so `a.txt`, then the files of folder `a`, then
//! `a0`). Hidden entries are left out here already, so that they cost no `stat`.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};
use std::thread::Scope;

use super::{STAT_CHUNK, Stamp, is_candidate};

/// A folder's listing.
#[derive(Debug)]
pub(super) struct Listing {
    /// What tells this folder apart from the others it may also be reached as, through links.
    pub identity: std::io::Result<Identity>,
    /// The entries in the walk's order, or why the folder could not be read.
    pub entries: std::io::Result<Vec<Entry>>,
}

#[cfg(unix)]
pub(super) type Identity = (u64, u64);
#[cfg(not(unix))]
pub(super) type Identity = PathBuf;

/// One entry of a listing.
#[derive(Debug)]
pub(super) struct Entry {
    pub name: OsString,
    pub kind: Kind,
}

impl Entry {
    /// Whether this is a file that may hold articles and is not `stat`-ed yet.
    pub fn unstamped(&self) -> bool {
        matches!(
            self.kind,
            Kind::File {
                candidate: true,
                stamp: None
            }
        )
    }
}

/// What an entry is, links followed.
#[derive(Debug)]
pub(super) enum Kind {
    Folder,
    /// Anything that is not a folder; `stamp` is `None` until the file is `stat`-ed: never
    /// for a file that cannot hold articles, later for the files of a large folder.
    File {
        candidate: bool,
        stamp: Option<std::io::Result<Stamp>>,
    },
    /// A link that leads nowhere, or an entry that could not be read.
    Broken(std::io::Error),
}

/// List `dir`: `stat` it, read its entries, follow its links, `stat` its candidate files
/// unless there are more than [`STAT_CHUNK`] of them (the walk `stat`s those in parallel).
pub(super) fn list(dir: &Path) -> Listing {
    let identity = identity(dir);
    let entries = match (&identity, std::fs::read_dir(dir)) {
        (Err(_), _) => Err(std::io::Error::other("not listed")),
        (_, Err(err)) => Err(err),
        (Ok(_), Ok(read)) => Ok(entries(dir, read)),
    };
    Listing { identity, entries }
}

fn entries(dir: &Path, read: std::fs::ReadDir) -> Vec<Entry> {
    let mut errors = Vec::new();
    let mut keyed = Vec::new();
    for item in read {
        let item = match item {
            Ok(item) => item,
            Err(err) => {
                errors.push(Entry {
                    name: OsString::new(),
                    kind: Kind::Broken(err),
                });
                continue;
            }
        };
        let name = item.file_name();
        if name.to_str().is_some_and(|n| n.starts_with('.')) {
            continue;
        }
        let path = dir.join(&name);
        let kind = match item.file_type() {
            Ok(kind) if kind.is_dir() => Kind::Folder,
            Ok(kind) if kind.is_symlink() => match std::fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => Kind::Folder,
                Ok(meta) => {
                    let candidate = is_candidate(&path);
                    Kind::File {
                        candidate,
                        stamp: candidate.then(|| Ok(Stamp::from_metadata(&meta))),
                    }
                }
                Err(err) => Kind::Broken(err),
            },
            Ok(_) => Kind::File {
                candidate: is_candidate(&path),
                stamp: None,
            },
            Err(err) => Kind::Broken(err),
        };
        let mut key = name.to_string_lossy().into_owned();
        if matches!(kind, Kind::Folder) {
            key.push('/');
        }
        keyed.push((key, Entry { name, kind }));
    }
    // Stable, as the listing of a folder whose names only differ in bytes that are not UTF-8.
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    let unstamped = keyed.iter().filter(|(_, e)| e.unstamped()).count();
    if unstamped <= STAT_CHUNK {
        for (_, entry) in &mut keyed {
            stamp(dir, entry);
        }
    }
    errors.extend(keyed.into_iter().map(|(_, entry)| entry));
    errors
}

/// `stat` `entry` (in `dir`) if it is a candidate file not `stat`-ed yet.
pub(super) fn stamp(dir: &Path, entry: &mut Entry) {
    if let Kind::File {
        candidate: true,
        stamp: stamp @ None,
    } = &mut entry.kind
    {
        *stamp = Some(Stamp::of(&dir.join(&entry.name)));
    }
}

#[cfg(unix)]
fn identity(dir: &Path) -> std::io::Result<Identity> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(dir).map(|meta| (meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(dir: &Path) -> std::io::Result<Identity> {
    std::fs::canonicalize(dir)
}

/// A listing asked of the pool, to be waited for.
pub(super) struct Ticket {
    dir: PathBuf,
    reply: mpsc::Receiver<Listing>,
}

impl Ticket {
    /// The listing, made here if the pool could not make it.
    pub fn wait(self) -> Listing {
        self.reply.recv().unwrap_or_else(|_| list(&self.dir))
    }
}

type Job = (PathBuf, mpsc::SyncSender<Listing>);

/// Threads that list folders asked for, in the order they were asked for. They end when the
/// pool is dropped.
pub(super) struct Pool {
    jobs: mpsc::Sender<Job>,
}

impl Pool {
    /// A pool of `threads` threads living in `scope`.
    pub fn start<'scope>(scope: &'scope Scope<'scope, '_>, threads: usize) -> Pool {
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for _ in 0..threads {
            let queue = Arc::clone(&queue);
            scope.spawn(move || {
                loop {
                    let job = match queue.lock() {
                        Ok(queue) => queue.recv(),
                        Err(_) => return,
                    };
                    let Ok((dir, reply)) = job else { return };
                    // The walk may have stopped waiting.
                    let _ = reply.send(list(&dir));
                }
            });
        }
        Pool { jobs }
    }

    /// Ask for the listing of `dir`.
    pub fn ask(&self, dir: &Path) -> Ticket {
        let (reply, receiver) = mpsc::sync_channel(1);
        // With the threads gone, the ticket lists the folder itself.
        let _ = self.jobs.send((dir.to_path_buf(), reply));
        Ticket {
            dir: dir.to_path_buf(),
            reply: receiver,
        }
    }
}
