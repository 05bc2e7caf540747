//! Printing `newsdex extract` results: the JSON contract of the evaluation packs, and text.

use std::io::{self, Write};

use serde::Serialize;

use crate::article::{Article, MentionedDate, Person, Place, Quote};

use super::sanitize::one_line;

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

pub(crate) fn write_json(out: &mut impl Write, article: &Article) -> io::Result<()> {
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

pub(crate) fn write_text(out: &mut impl Write, article: &Article) -> io::Result<()> {
    let e = &article.entities;
    // Article text is untrusted: escape what a terminal would obey.
    writeln!(
        out,
        "{}  {}",
        one_line(&article.id),
        one_line(&article.title)
    )?;
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
    writeln!(out, "  speakers:  {}", one_line(&names(&e.speakers)))?;
    writeln!(out, "  orgs:      {}", one_line(&names(&e.organisations)))?;
    let places: Vec<&str> = e.locations.iter().map(|p| p.name.as_str()).collect();
    writeln!(out, "  locations: {}", one_line(&places.join(", ")))?;
    let dates: Vec<String> = e.dates.iter().map(|d| d.value.to_string()).collect();
    writeln!(out, "  dates:     {}", dates.join(", "))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_output_escapes_control_and_bidi_characters_and_json_keeps_them() {
        let article = Article {
            id: "evil\u{1b}]0;title\u{7}.txt".to_string(),
            title: "Red \u{1b}[31malert\u{202e}".to_string(),
            entities: crate::article::Entities {
                speakers: vec![Person {
                    name: "Yuri\u{2066} Ushakov".to_string(),
                    mentions: Vec::new(),
                }],
                locations: vec![Place {
                    name: "Mos\ncow".to_string(),
                    ..Place::default()
                }],
                ..Default::default()
            },
            ..Article::default()
        };
        let mut text = Vec::new();
        write_text(&mut text, &article).unwrap();
        let text = String::from_utf8(text).unwrap();
        assert!(
            !text.contains(['\u{1b}', '\u{7}', '\u{202e}', '\u{2066}']),
            "{text:?}"
        );
        assert!(text.contains("Red \\u{1b}[31malert\\u{202e}"), "{text:?}");
        assert!(text.contains("locations: Mos cow"), "{text:?}");

        let mut json = Vec::new();
        write_json(&mut json, &article).unwrap();
        let back: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(back["title"], article.title.as_str());
        assert_eq!(back["id"], article.id.as_str());
    }
}
