//! The tantivy schema of a newsdex index, and the conversions between articles and documents.

use std::cell::RefCell;
use std::sync::OnceLock;

use chrono::{NaiveDate, NaiveTime};
use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Field, FieldType, INDEXED, IndexRecordOption, STORED,
    STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};
use tantivy::{DateTime, Index, TantivyDocument};

use crate::article::{Article, Entities};
use crate::roster;
use crate::stories::Sketch;

use super::quote_terms;
use super::sources::Source;

/// Version of the schema and of what the extractor stores; bump it when either changes in a way
/// that needs a rebuild.
///
/// 2: every article records its source file (path, size, modification time, metadata entry
/// fingerprint, content hash) in fast fields, for incremental indexing.
/// 3: a `quote` field holds each quote's text, so `newsdex quotes` ranks by what was said.
/// 4: the `quote` field gives way to `quote_terms`, the hashed terms of the quotes in a fast
/// column (see [`super::quote_terms`]); `path` doubles as the key of the per-file record (the
/// `source` field, which held the same path, is gone); stored quotes keep their byte range in
/// the body, not their text.
/// 5: every tokenizer folds accents (`Erdoğan` is found as `Erdogan`, and the reverse), in the
/// prose, name and keyword fields and in the quote terms.
/// 6: every article records what it says of each name it holds (`names`, see
/// [`crate::roster::sighting`]) and the keys of its speakers with their quote counts
/// (`speaker_keys`), from which speakers are resolved into entities across the corpus.
/// 7: every article belongs to a story (`story`), the versions of one report sharing it, and
/// keeps what its later versions recognise it by (`sketch`; see [`crate::stories`]).
/// 8: the dictionaries of the text and bytes columns (`path`, `sketch`, ...) are no longer
/// compressed with zstd (it cost more to build than it saved on disk: the sketches do not
/// compress), and sketches hash their words with FNV-1a (sketch version 2).
pub(crate) const SCHEMA_VERSION: u32 = 8;

/// Name of the path field, also a fast column (read back by [`super::sources`]).
pub(crate) const PATH: &str = "path";
/// Name of the field of the days an article mentions (a query names it `mentions`).
pub(crate) const DATE: &str = "date";
/// Name of the field of the publication day, also a fast column (read by [`crate::search::order`]).
pub(crate) const PUBLISHED: &str = "published";
/// Name of the fast column of the quotes' hashed terms.
pub(crate) const QUOTE_TERMS: &str = "quote_terms";
/// Name of the field of what an article says of each name (see [`crate::roster::sighting`]).
pub(crate) const NAMES: &str = "names";
/// Name of the fast column of an article's speakers' keys and quote counts (see
/// [`crate::roster::count`]).
pub(crate) const SPEAKER_KEYS: &str = "speaker_keys";
/// Name of the field of an article's story id (see [`crate::stories`]).
pub(crate) const STORY: &str = "story";
/// Name of the fast column of an article's story sketch.
pub(crate) const SKETCH: &str = "sketch";

/// Tokenizer of the prose fields: words, lowercased, accents folded, English stemming.
pub(crate) const PROSE_TOKENIZER: &str = "en_stem_folded";
/// Tokenizer of name fields (speaker, location): words, lowercased, accents folded, no
/// stemming, so that `--speaker ushakov`, `--speaker "yuri ushakov"` and `--speaker Ushakóv`
/// all find "Yuri Ushakov".
pub(crate) const NAME_TOKENIZER: &str = "name_folded";
/// Tokenizer of keyword fields (country): the whole value, lowercased, accents folded.
pub(crate) const KEYWORD_TOKENIZER: &str = "keyword_folded";

/// The fields of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    /// Path of the source file relative to the corpus: shown with each article, and the key of
    /// incremental indexing (all the articles of a file are deleted and added together).
    pub path: Field,
    pub title: Field,
    pub body: Field,
    pub speaker: Field,
    pub location: Field,
    pub country: Field,
    pub date: Field,
    pub published: Field,
    pub url: Field,
    pub link: Field,
    /// Everything the extractor found, as JSON (stored only): quotes, mentions, organisations.
    pub entities: Field,
    /// The distinct terms of the article's quotes, hashed (fast only; the quotes themselves are
    /// stored in `entities`), so that `newsdex quotes` finds the articles whose quotes hold a
    /// query's words (see `super::quote_terms`).
    pub quote_terms: Field,
    /// What the article says of each name it holds, one value a name, in a fast column (read
    /// by the corpus-wide resolution).
    pub names: Field,
    /// The keys of the article's speakers with their quote counts, indexed (so that
    /// `--speaker` finds the articles of every name of an entity) and in a fast column (so
    /// that `speakers` counts them).
    pub speaker_keys: Field,
    /// The article's story: indexed (the versions of a story) and fast (collapsing, counts).
    pub story: Field,
    /// What later versions recognise the article by ([`crate::stories::Sketch`]), fast only.
    pub sketch: Field,
    /// Size of the source file in bytes when it was read.
    pub source_size: Field,
    /// Modification time of the source file when it was read (nanoseconds since 1970).
    pub source_mtime: Field,
    /// Fingerprint of the source file's `metadata.jsonl` entry (0: none).
    pub source_meta: Field,
    /// Content hash of the source file (see [`crate::index::sources`]).
    pub hash: Field,
}

/// Build the schema.
pub fn schema() -> Schema {
    let mut b = Schema::builder();
    let prose = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(PROSE_TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    // Names are matched as phrases of words (positions; tantivy leaves a gap between the
    // values of a field, so a phrase never spans two names), and keep their original spelling
    // in a fast column for facet counts.
    let name = TextOptions::default()
        .set_stored()
        .set_fast("raw")
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(NAME_TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions)
                .set_fieldnorms(false),
        );
    let keyword = TextOptions::default()
        .set_stored()
        .set_fast("raw")
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(KEYWORD_TOKENIZER)
                .set_index_option(IndexRecordOption::Basic)
                .set_fieldnorms(false),
        );
    let day = DateOptions::default()
        .set_indexed()
        .set_fast()
        .set_stored()
        .set_precision(DateTimePrecision::Seconds);
    b.add_text_field("id", STRING | STORED);
    b.add_text_field(PATH, STRING | STORED | FAST);
    b.add_text_field("title", prose.clone());
    b.add_text_field("body", prose);
    b.add_text_field("speaker", name.clone());
    b.add_text_field("location", name);
    b.add_text_field("country", keyword);
    b.add_date_field(DATE, day.clone());
    b.add_date_field(PUBLISHED, day);
    b.add_text_field("url", STRING | STORED);
    b.add_text_field("link", STORED);
    b.add_text_field("entities", STORED);
    b.add_u64_field(QUOTE_TERMS, FAST);
    // Read whole by the resolution, never searched: its values are nearly one per article and
    // name, and a term dictionary of them would cost more to build than the rest of the field.
    b.add_text_field(NAMES, TextOptions::default().set_fast("raw"));
    b.add_u64_field(SPEAKER_KEYS, FAST | INDEXED);
    b.add_u64_field(STORY, FAST | INDEXED | STORED);
    b.add_bytes_field(SKETCH, FAST);
    // The rest of the per-file record (`path` is its key): read back in bulk from fast
    // columns; nothing more, as every document pays for it.
    b.add_u64_field("source_size", FAST);
    b.add_i64_field("source_mtime", FAST);
    b.add_u64_field("source_meta", FAST);
    b.add_text_field("hash", FAST);
    b.build()
}

impl Fields {
    /// Look the fields up in a schema built by [`schema`].
    pub fn new(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name: &str| schema.get_field(name);
        Ok(Fields {
            id: f("id")?,
            path: f(PATH)?,
            title: f("title")?,
            body: f("body")?,
            speaker: f("speaker")?,
            location: f("location")?,
            country: f("country")?,
            date: f(DATE)?,
            published: f(PUBLISHED)?,
            url: f("url")?,
            link: f("link")?,
            entities: f("entities")?,
            quote_terms: f(QUOTE_TERMS)?,
            names: f(NAMES)?,
            speaker_keys: f(SPEAKER_KEYS)?,
            story: f(STORY)?,
            sketch: f(SKETCH)?,
            source_size: f("source_size")?,
            source_mtime: f("source_mtime")?,
            source_meta: f("source_meta")?,
            hash: f("hash")?,
        })
    }
}

/// Register the tokenizers the schema names; needed every time an index is opened.
pub fn register_tokenizers(index: &Index) {
    for name in [PROSE_TOKENIZER, NAME_TOKENIZER, KEYWORD_TOKENIZER] {
        if let Some(analyzer) = analyzer(name) {
            index.tokenizers().register(name, analyzer);
        }
    }
}

/// The analyzer registered under one of the schema's tokenizer names.
fn analyzer(tokenizer: &str) -> Option<TextAnalyzer> {
    match tokenizer {
        PROSE_TOKENIZER => Some(super::stem::english()),
        // tantivy's default (words, those over 40 bytes dropped, lowercased), accents folded.
        NAME_TOKENIZER => Some(
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(40))
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build(),
        ),
        KEYWORD_TOKENIZER => Some(
            TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build(),
        ),
        _ => None,
    }
}

/// The analyzer of a field searched by words, by the field's name (`None` for a field
/// indexed whole, such as `path`, or not a text field).
pub(crate) fn field_analyzer(field: &str) -> Option<TextAnalyzer> {
    static SCHEMA: OnceLock<Schema> = OnceLock::new();
    let schema = SCHEMA.get_or_init(schema);
    let entry = schema.get_field_entry(schema.get_field(field).ok()?);
    match entry.field_type() {
        FieldType::Str(options) => analyzer(options.get_indexing_options()?.tokenizer()),
        _ => None,
    }
}

/// The terms an analyzer makes of a text.
pub(crate) fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut terms = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        terms.push(token.text.clone());
    }
    terms
}

/// The words of a name as the name fields index them (lowercased, accents folded): what
/// `--speaker` filters compare.
pub(crate) fn name_words(name: &str) -> Vec<String> {
    thread_local! {
        static ANALYZER: RefCell<Option<TextAnalyzer>> = RefCell::new(analyzer(NAME_TOKENIZER));
    }
    ANALYZER.with_borrow_mut(|analyzer| match analyzer {
        Some(analyzer) => terms(analyzer, name),
        None => Vec::new(),
    })
}

/// Whether the words of a name ([`name_words`]) hold `wanted` in a row: what `--speaker`
/// compares (`ushakov` and `yuri ushakov` are in "Yuri Ushakov", `ushakov yuri` is not).
pub(crate) fn holds_words(name: &[String], wanted: &[String]) -> bool {
    !wanted.is_empty() && name.windows(wanted.len()).any(|w| w == wanted)
}

/// Midnight UTC of a day, as a tantivy date.
///
/// tantivy counts nanoseconds in an `i64`, which reaches only from 1677 to 2262: days outside
/// (`--since 0001`, a date read as year 9999) are clamped to its ends instead of overflowing.
pub(crate) fn day_to_datetime(day: NaiveDate) -> DateTime {
    const LIMIT: i64 = i64::MAX / 1_000_000_000;
    let secs = day.and_time(NaiveTime::MIN).and_utc().timestamp();
    DateTime::from_timestamp_secs(secs.clamp(-LIMIT, LIMIT))
}

/// The day of a tantivy date (UTC).
pub(crate) fn datetime_to_day(value: DateTime) -> Option<NaiveDate> {
    chrono::DateTime::from_timestamp(value.into_timestamp_secs(), 0).map(|d| d.date_naive())
}

/// The tantivy document of an article read from `source`, with what its story is recognised
/// by (its story id is added by the writer, see `crate::stories::Stories`).
pub fn to_document(
    fields: &Fields,
    mut article: Article,
    sketch: &Sketch,
    source: &Source,
) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_bytes(fields.sketch, &sketch.to_bytes());
    // Most articles are files, whose id is their path: the id is kept only when it is not
    // (see [`article_id`]), which spares indexing a second unique key per article.
    if article.id != source.path {
        doc.add_text(fields.id, &article.id);
    }
    // The article's path is its file's: `source.path`, the key of the file's record.
    doc.add_text(fields.path, &source.path);
    doc.add_text(fields.title, &article.title);
    doc.add_text(fields.body, &article.body);
    let e = &article.entities;
    for speaker in &e.speakers {
        doc.add_text(fields.speaker, &speaker.name);
    }
    for place in &e.locations {
        doc.add_text(fields.location, &place.name);
    }
    for country in e.countries() {
        doc.add_text(fields.country, country);
    }
    for date in &e.dates {
        doc.add_date(fields.date, day_to_datetime(date.value));
    }
    if let Some(day) = article.published {
        doc.add_date(fields.published, day_to_datetime(day));
    }
    if let Some(url) = &article.url {
        doc.add_text(fields.url, url);
    }
    for link in &article.links {
        doc.add_text(fields.link, link);
    }
    for hash in quote_terms::of_texts(e.quotes.iter().map(|q| q.text.as_str())) {
        doc.add_u64(fields.quote_terms, hash);
    }
    for value in roster::sighting::values(&article) {
        doc.add_text(fields.names, value);
    }
    for key in roster::count::speaker_keys(&article.entities) {
        doc.add_u64(fields.speaker_keys, key);
    }
    // A quote's text is a slice of the body: stored once, in the body (see `stored_entities`).
    for quote in &mut article.entities.quotes {
        quote.text.clear();
    }
    if let Ok(json) = serde_json::to_string(&article.entities) {
        doc.add_text(fields.entities, json);
    }
    let record = &source.record;
    doc.add_u64(fields.source_size, record.stamp.size);
    doc.add_i64(fields.source_mtime, record.stamp.mtime);
    doc.add_u64(fields.source_meta, record.meta);
    doc.add_text(fields.hash, &record.hash);
    doc
}

/// The id of a stored article: its own, or else its path ([`to_document`] leaves out an id
/// that is the path).
pub(crate) fn article_id(fields: &Fields, doc: &TantivyDocument) -> String {
    use tantivy::schema::Value;
    doc.get_first(fields.id)
        .or_else(|| doc.get_first(fields.path))
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string()
}

/// A stored text field of a document (empty when it has none).
pub(crate) fn stored_text(doc: &TantivyDocument, field: Field) -> String {
    stored_optional_text(doc, field).unwrap_or_default()
}

/// A stored text field a document may lack (`url`).
pub(crate) fn stored_optional_text(doc: &TantivyDocument, field: Field) -> Option<String> {
    use tantivy::schema::Value;
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

/// The story of a stored document (`None` for a document written without one).
pub(crate) fn stored_story(fields: &Fields, doc: &TantivyDocument) -> Option<u64> {
    use tantivy::schema::Value;
    doc.get_first(fields.story).and_then(|v| v.as_u64())
}

/// The publication day of a stored document.
pub(crate) fn stored_published(fields: &Fields, doc: &TantivyDocument) -> Option<NaiveDate> {
    use tantivy::schema::Value;
    doc.get_first(fields.published)
        .and_then(|v| v.as_datetime())
        .and_then(datetime_to_day)
}

/// Read the stored entities of a document back, with the text of each quote from the body.
pub(crate) fn stored_entities(fields: &Fields, doc: &TantivyDocument) -> Entities {
    use tantivy::schema::Value;
    let mut entities: Entities = doc
        .get_first(fields.entities)
        .and_then(|v| v.as_str())
        .and_then(|json| serde_json::from_str(json).ok())
        .unwrap_or_default();
    let body = doc
        .get_first(fields.body)
        .and_then(|v| v.as_str())
        .unwrap_or_default();
    for quote in &mut entities.quotes {
        if quote.text.is_empty() {
            quote.text = body
                .get(quote.start..quote.end)
                .unwrap_or_default()
                .to_string();
        }
    }
    entities
}
