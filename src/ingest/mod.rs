//! Reading the corpus: walking folders, recognising file formats and layouts, cleaning raw text.
//!
//! [`walk::files`] lists candidate files, [`read::read_file`] turns one file into
//! [`RawArticle`]s, [`clean::clean`] makes the text readable, and [`prepare`] runs cleaning and
//! extraction to give the [`Article`] that gets indexed.

pub mod clean;
pub mod read;
pub mod walk;

use crate::article::{Article, RawArticle};
use crate::extract;

/// Clean one raw article and extract its entities.
pub fn prepare(raw: &RawArticle) -> Article {
    let cleaned = clean::clean(&raw.text);
    let title = if raw.title.trim().is_empty() {
        cleaned.title.clone().unwrap_or_default()
    } else {
        raw.title.trim().to_string()
    };
    let url = raw.url.clone().or_else(|| cleaned.url.clone());
    let author = raw.author.clone().or_else(|| cleaned.author.clone());
    let extraction = extract::extract(&extract::Input {
        title: &title,
        body: &cleaned.body,
        published: raw.published.as_deref(),
        date_line: cleaned.date_line.as_deref(),
        url: url.as_deref(),
        links: &cleaned.links,
    });
    Article {
        id: raw.id.clone(),
        path: raw.path.clone(),
        title,
        body: cleaned.body,
        published: extraction.published,
        url,
        author,
        links: cleaned.links,
        entities: extraction.entities,
    }
}
