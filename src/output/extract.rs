//! Printing `newsdex extract` results: the JSON contract of the evaluation packs, and text.

use std::io::{self, Write};

use serde::Serialize;

use crate::article::{Article, MentionedDate, Person, Place, Quote};

/// One line of `newsdex extract --format json`.
#[derive(Serialize)]
struct ExtractJson<'a> {
    id: &'a str,
    path: &'a str,
    title: &'a str,
    published: Option<String>,
    speakers: &'a [Person],
    organisations: &'a [Person],
    persons: &'a [Person],
    locations: &'a [Place],
    dates: &'a [MentionedDate],
    quotes: &'a [Quote],
}

pub fn write_json(out: &mut impl Write, article: &Article) -> io::Result<()> {
    let e = &article.entities;
    let line = ExtractJson {
        id: &article.id,
        path: &article.path,
        title: &article.title,
        published: article.published.map(|d| d.to_string()),
        speakers: &e.speakers,
        organisations: &e.organisations,
        persons: &e.persons,
        locations: &e.locations,
        dates: &e.dates,
        quotes: &e.quotes,
    };
    serde_json::to_writer(&mut *out, &line)?;
    out.write_all(b"\n")
}

pub fn write_text(out: &mut impl Write, article: &Article) -> io::Result<()> {
    let e = &article.entities;
    writeln!(out, "{}  {}", article.id, article.title)?;
    if let Some(date) = article.published {
        writeln!(out, "  published: {date}")?;
    }
    let names = |people: &[Person]| {
        people
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    writeln!(out, "  speakers:  {}", names(&e.speakers))?;
    writeln!(out, "  orgs:      {}", names(&e.organisations))?;
    let places: Vec<&str> = e.locations.iter().map(|p| p.name.as_str()).collect();
    writeln!(out, "  locations: {}", places.join(", "))?;
    let dates: Vec<String> = e.dates.iter().map(|d| d.value.to_string()).collect();
    writeln!(out, "  dates:     {}", dates.join(", "))?;
    writeln!(out)
}
