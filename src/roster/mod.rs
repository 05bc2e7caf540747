//! Who: the speakers and persons of every article resolved into entities across the corpus.
//!
//! Each article records what it says of each name it holds (`sighting`: quoted or only
//! named, how often quoted, the words around it) in the index itself. After each indexing
//! run the names of all live articles are summed ([`table`]) and resolved into people and
//! organisations (`resolve`, with `name` and `nicknames`); the result, with ids kept
//! stable from run to run, is the roster ([`store`]) in the index folder, with the display name
//! of each name apart (`names`) for pages of hits. Queries count the
//! articles and quotes of each entity among the articles they match (`count`).

pub(crate) mod count;
pub(crate) mod name;
pub(crate) mod names;
pub(crate) mod nicknames;
pub(crate) mod resolve;
pub(crate) mod sighting;
pub mod store;
pub mod table;

pub(crate) use resolve::Kind;
pub(crate) use store::Entity;
pub use store::Roster;
