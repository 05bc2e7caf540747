//! Shared set-up of the fuzz targets: a small in-memory index to parse and run queries against,
//! and the checks several targets make on what newsdex gives back.

use std::ops::Range;
use std::sync::OnceLock;

use newsdex::article::{Article, Entities, Person, Place};
use newsdex::index::schema::{self, Fields};
use newsdex::index::sources::Source;
use newsdex::output::sanitize;
use newsdex::search::query;
use tantivy::query::QueryParser;
use tantivy::{Index, IndexReader};

/// An index of a few articles, built once per fuzzing process.
pub struct Fixture {
    pub index: Index,
    pub fields: Fields,
    pub reader: IndexReader,
    pub parser: QueryParser,
}

/// The shared fixture.
pub fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(build)
}

fn build() -> Fixture {
    let index = Index::create_in_ram(schema::schema());
    schema::register_tokenizers(&index);
    let fields = Fields::new(&index.schema()).expect("the newsdex schema has its fields");
    let mut writer: tantivy::IndexWriter = index.writer(15_000_000).expect("a writer");
    let articles = [
        (
            "Kremlin says U.S. not ready to normalise relations",
            "Kremlin foreign policy adviser Yuri Ushakov said Wednesday, citing stalled \
             efforts. \u{201c}I can assume the American side is not yet ready,\u{201d} Ushakov told \
             reporters in Moscow.",
            "Yuri Ushakov",
            "Moscow",
            "2025-02-27",
        ),
        (
            "Magnitogorsk apartment building collapses after explosion",
            "An apartment building collapsed on Monday in Magnitogorsk, a city in the Ural \
             region of Russia. A suspected gas leak led to an explosion.",
            "",
            "Magnitogorsk",
            "2019-01-04",
        ),
        (
            "Escape room fire kills five teen girls in Koszalin, Poland",
            "Five teenage girls died in a fire at an escape room in Koszalin, Poland, \
             officials said on Friday.\u{202e} \u{1b}[31m",
            "officials",
            "Poland",
            "2019-01-05",
        ),
    ];
    for (i, (title, body, speaker, place, day)) in articles.into_iter().enumerate() {
        let article = Article {
            id: format!("a{i}"),
            path: format!("wikinews/{i}.txt"),
            title: title.to_string(),
            body: body.to_string(),
            published: day.parse().ok(),
            entities: Entities {
                speakers: if speaker.is_empty() {
                    Vec::new()
                } else {
                    vec![Person {
                        name: speaker.to_string(),
                        mentions: vec![speaker.to_string()],
                    }]
                },
                locations: vec![Place {
                    name: place.to_string(),
                    country: Some("RU".to_string()),
                    mentions: vec![place.to_string()],
                }],
                ..Entities::default()
            },
            ..Article::default()
        };
        let source = Source {
            path: article.path.clone(),
            ..Source::default()
        };
        let sketch = newsdex::stories::Sketch::of(&article);
        writer
            .add_document(schema::to_document(&fields, article, &sketch, &source))
            .expect("add a fixture document");
    }
    writer.commit().expect("commit the fixture");
    let reader = index.reader().expect("a reader");
    let parser = query::parser(&index, &fields);
    Fixture {
        index,
        fields,
        reader,
        parser,
    }
}

/// The NUL-separated parts of a fuzz input, as text (missing parts are empty), so that seeds
/// are readable files: `query\0speaker\0...`.
pub fn parts<const N: usize>(data: &[u8]) -> [String; N] {
    let mut split = data.splitn(N, |&b| b == 0);
    std::array::from_fn(|_| String::from_utf8_lossy(split.next().unwrap_or_default()).into_owned())
}

/// A part that may be absent: empty means none.
pub fn optional(part: &str) -> Option<&str> {
    Some(part).filter(|p| !p.is_empty())
}

/// A small number from a part (`"12"`), zero when it is none.
pub fn number(part: &str) -> usize {
    part.trim().parse::<u16>().map_or(0, usize::from)
}

/// Highlight ranges are character ranges inside `text`, sorted and not overlapping.
pub fn check_ranges(text: &str, ranges: &[Range<usize>]) {
    let chars = text.chars().count();
    let mut done = 0;
    for r in ranges {
        assert!(r.start <= r.end, "inverted range {r:?}");
        assert!(r.start >= done, "overlapping or unsorted ranges {ranges:?}");
        assert!(r.end <= chars, "range {r:?} beyond {chars} characters");
        done = r.end;
    }
}

/// Terminal text holds no raw control, escape or bidi character beyond the colour sequences
/// newsdex writes itself (`ESC [ digits ; m`) and newlines.
pub fn check_terminal_safe(output: &str) {
    let mut rest = output;
    while let Some(at) = rest.find('\u{1b}') {
        assert!(
            !rest[..at]
                .chars()
                .any(|c| c != '\n' && sanitize::is_unsafe(c)),
            "raw control character in {output:?}"
        );
        let after = &rest[at + 1..];
        let sgr = after.strip_prefix('[').and_then(|s| {
            let end = s.find(|c: char| !(c.is_ascii_digit() || c == ';'))?;
            s[end..].strip_prefix('m')
        });
        rest = sgr.unwrap_or_else(|| panic!("raw escape sequence in {output:?}"));
    }
    assert!(
        !rest.chars().any(|c| c != '\n' && sanitize::is_unsafe(c)),
        "raw control character in {output:?}"
    );
}
