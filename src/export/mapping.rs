//! What each exported field is, once, and the Quickwit and Elasticsearch mappings derived from it.
//!
//! `FIELDS` describes every key of a [`Record`](super::record::Record) line. The Quickwit index
//! config (`quickwit_config`) and the Elasticsearch/OpenSearch index body
//! (`elasticsearch_mapping`) are built from that table only, and tests walk
//! [`Record::example`](super::record::Record::example) to check that the table names every key
//! the wire type writes.
//!
//! The two engines get the same analysis as a newsdex index: prose is split into words,
//! lowercased and stemmed (Porter2, tantivy's `en_stem`) with positions for phrase queries,
//! and Elasticsearch folds accents as newsdex does (Quickwit's built-in `en_stem` does not);
//! names, places, ids and URLs are kept whole (`raw` in Quickwit, `keyword` in Elasticsearch).
//!
//! Quickwit cannot map a list of objects field by field (its `object` type takes one object), so
//! each list of objects (`speakers`, `locations`, `quotes`, ...) becomes an `array<json>` field
//! with one tokenizer for all its strings: `raw` for lists of names, `en_stem` for `quotes`
//! (so `quotes.speaker` is matched by words there, by exact value in Elasticsearch).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::record::FORMAT_VERSION;

/// The index name the generated documents use.
pub(crate) const INDEX_ID: &str = "newsdex";

/// Quickwit's index config format version the config is written in (read by Quickwit 0.8 and 0.9).
pub(crate) const QUICKWIT_CONFIG_VERSION: &str = "0.8";

/// Name of the prose analyzer, the same in tantivy, Quickwit and the Elasticsearch settings.
pub(crate) const PROSE_ANALYZER: &str = "en_stem";

/// What a field holds, which decides how the engines index it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A value matched whole: ids, paths, URLs, names, country codes.
    Keyword,
    /// Prose searched by words and phrases.
    Text,
    /// An RFC 3339 timestamp.
    Date,
    /// A non-negative integer kept for display, not searched (byte offsets).
    Offset,
    /// An object with fields of its own.
    Object(&'static [FieldDef]),
}

/// One key of an exported record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldDef {
    pub name: &'static str,
    pub kind: Kind,
    /// Whether the value is a JSON array of such values.
    pub list: bool,
    /// What the field holds (written into the Quickwit config as the field's description).
    pub about: &'static str,
}

const fn one(name: &'static str, kind: Kind, about: &'static str) -> FieldDef {
    FieldDef {
        name,
        kind,
        list: false,
        about,
    }
}

const fn many(name: &'static str, kind: Kind, about: &'static str) -> FieldDef {
    FieldDef {
        name,
        kind,
        list: true,
        about,
    }
}

const NAME: &[FieldDef] = &[
    one("name", Kind::Keyword, "canonical name"),
    many("mentions", Kind::Keyword, "surface forms in the text"),
    one(
        "entity",
        Kind::Keyword,
        "id of the person or organisation across the corpus",
    ),
    one("entity_name", Kind::Keyword, "display name of that entity"),
];

const LOCATION: &[FieldDef] = &[
    one("name", Kind::Keyword, "canonical place name"),
    one("country", Kind::Keyword, "ISO 3166-1 alpha-2 country code"),
    many("mentions", Kind::Keyword, "surface forms in the text"),
];

const DATE: &[FieldDef] = &[
    one("value", Kind::Date, "the day, midnight UTC"),
    many("mentions", Kind::Keyword, "surface forms in the text"),
];

const QUOTE: &[FieldDef] = &[
    one("speaker", Kind::Keyword, "canonical name of the speaker"),
    one("text", Kind::Text, "the statement"),
    one(
        "start",
        Kind::Offset,
        "byte offset of the statement in body",
    ),
    one(
        "end",
        Kind::Offset,
        "byte offset just past the statement in body",
    ),
];

/// Every key of an exported record, in the order records write them.
pub(crate) const FIELDS: &[FieldDef] = &[
    one("id", Kind::Keyword, "unique article id"),
    one("path", Kind::Keyword, "source file, relative to the corpus"),
    one("title", Kind::Text, "headline"),
    one("body", Kind::Text, "cleaned article text"),
    one("url", Kind::Keyword, "the article's own URL"),
    many("links", Kind::Keyword, "URLs on lines of their own"),
    one("author", Kind::Keyword, "byline"),
    one("published", Kind::Date, "publication day, midnight UTC"),
    one(
        "story",
        Kind::Keyword,
        "story id, shared by the versions of one report",
    ),
    many("speakers", Kind::Object(NAME), "people quoted"),
    many("organisations", Kind::Object(NAME), "organisations quoted"),
    many("persons", Kind::Object(NAME), "every person named"),
    many("locations", Kind::Object(LOCATION), "places named"),
    many("dates", Kind::Object(DATE), "dates mentioned"),
    many(
        "quotes",
        Kind::Object(QUOTE),
        "statements and their speakers",
    ),
];

/// The field Quickwit partitions and prunes by time.
pub(crate) const TIMESTAMP_FIELD: &str = "published";

/// Fields searched when a query names none (as in newsdex).
pub(crate) const DEFAULT_SEARCH_FIELDS: &[&str] = &["title", "body"];

/// A leaf of the record: a dotted path (`locations.country`) and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leaf {
    pub path: String,
    pub kind: Kind,
    /// Whether the path crosses a list (the leaf may have many values per record).
    pub list: bool,
}

/// Every leaf of `FIELDS`, depth first.
pub fn leaves() -> Vec<Leaf> {
    fn walk(prefix: &str, fields: &[FieldDef], in_list: bool, out: &mut Vec<Leaf>) {
        for f in fields {
            let path = if prefix.is_empty() {
                f.name.to_string()
            } else {
                format!("{prefix}.{}", f.name)
            };
            match f.kind {
                Kind::Object(children) => walk(&path, children, in_list || f.list, out),
                kind => out.push(Leaf {
                    path,
                    kind,
                    list: in_list || f.list,
                }),
            }
        }
    }
    let mut out = Vec::new();
    walk("", FIELDS, false, &mut out);
    out
}

// ---------------------------------------------------------------------------------------------
// Quickwit

/// A Quickwit index config (the subset newsdex writes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct QuickwitConfig {
    pub version: String,
    pub index_id: String,
    pub doc_mapping: QuickwitDocMapping,
    pub search_settings: QuickwitSearchSettings,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct QuickwitDocMapping {
    /// `strict`: a document with a key the mapping does not know is refused, so a newer export
    /// format cannot be half-indexed into an older mapping unnoticed.
    pub mode: String,
    pub field_mappings: Vec<QuickwitField>,
    pub timestamp_field: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct QuickwitSearchSettings {
    pub default_search_fields: Vec<String>,
}

/// One Quickwit field mapping.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct QuickwitField {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokenizer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fieldnorms: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fast: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_formats: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_format: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fast_precision: Option<String>,
}

impl QuickwitField {
    fn new(def: &FieldDef, kind: &str) -> QuickwitField {
        let kind = if def.list {
            format!("array<{kind}>")
        } else {
            kind.to_string()
        };
        QuickwitField {
            name: def.name.to_string(),
            kind,
            description: def.about.to_string(),
            tokenizer: None,
            record: None,
            fieldnorms: None,
            fast: None,
            input_formats: None,
            output_format: None,
            fast_precision: None,
        }
    }
}

fn quickwit_field(def: &FieldDef) -> QuickwitField {
    match def.kind {
        Kind::Keyword => QuickwitField {
            tokenizer: Some("raw".to_string()),
            ..QuickwitField::new(def, "text")
        },
        Kind::Text => QuickwitField {
            tokenizer: Some(PROSE_ANALYZER.to_string()),
            record: Some("position".to_string()),
            // BM25 needs field lengths, as in the newsdex index.
            fieldnorms: Some(true),
            ..QuickwitField::new(def, "text")
        },
        Kind::Date => QuickwitField {
            input_formats: Some(vec!["rfc3339".to_string()]),
            output_format: Some("rfc3339".to_string()),
            fast_precision: Some("seconds".to_string()),
            // Quickwit requires the timestamp field to be fast; range filters on the others
            // work from the inverted index.
            fast: Some(def.name == TIMESTAMP_FIELD),
            ..QuickwitField::new(def, "datetime")
        },
        Kind::Offset => QuickwitField {
            fast: Some(false),
            ..QuickwitField::new(def, "u64")
        },
        Kind::Object(children) => {
            let prose = children.iter().any(|c| c.kind == Kind::Text);
            if prose {
                QuickwitField {
                    tokenizer: Some(PROSE_ANALYZER.to_string()),
                    record: Some("position".to_string()),
                    ..QuickwitField::new(def, "json")
                }
            } else {
                QuickwitField {
                    tokenizer: Some("raw".to_string()),
                    // Columnar names let Quickwit count them (top speakers, top places).
                    fast: Some(true),
                    ..QuickwitField::new(def, "json")
                }
            }
        }
    }
}

/// The Quickwit index config for exported records.
pub(crate) fn quickwit_config() -> QuickwitConfig {
    QuickwitConfig {
        version: QUICKWIT_CONFIG_VERSION.to_string(),
        index_id: INDEX_ID.to_string(),
        doc_mapping: QuickwitDocMapping {
            mode: "strict".to_string(),
            field_mappings: FIELDS.iter().map(quickwit_field).collect(),
            timestamp_field: TIMESTAMP_FIELD.to_string(),
        },
        search_settings: QuickwitSearchSettings {
            default_search_fields: DEFAULT_SEARCH_FIELDS
                .iter()
                .map(|f| f.to_string())
                .collect(),
        },
    }
}

/// The Quickwit index config as YAML, with a comment saying what wrote it.
pub(crate) fn quickwit_yaml() -> Result<String, serde_norway::Error> {
    let body = serde_norway::to_string(&quickwit_config())?;
    Ok(format!(
        "# Quickwit index config for `newsdex export` records (export format {FORMAT_VERSION}).\n\
         # quickwit index create --index-config newsdex-quickwit.yaml\n{body}"
    ))
}

// ---------------------------------------------------------------------------------------------
// Elasticsearch / OpenSearch

fn elasticsearch_properties(fields: &[FieldDef]) -> Map<String, Value> {
    fields
        .iter()
        .map(|f| {
            let mapping = match f.kind {
                Kind::Keyword => json!({ "type": "keyword" }),
                Kind::Text => json!({
                    "type": "text",
                    "analyzer": PROSE_ANALYZER,
                    "index_options": "positions",
                }),
                Kind::Date => json!({ "type": "date", "format": "strict_date_optional_time" }),
                Kind::Offset => json!({ "type": "long", "index": false }),
                Kind::Object(children) => json!({
                    "type": "object",
                    "properties": elasticsearch_properties(children),
                }),
            };
            (f.name.to_string(), mapping)
        })
        .collect()
}

/// The body of `PUT /newsdex` for Elasticsearch or OpenSearch: analysis settings and mappings.
pub(crate) fn elasticsearch_mapping() -> Value {
    json!({
        "settings": {
            "analysis": {
                "filter": {
                    // tantivy's en_stem is the Snowball English (Porter2) stemmer.
                    "english_porter2": { "type": "stemmer", "language": "porter2" }
                },
                "analyzer": {
                    PROSE_ANALYZER: {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["lowercase", "asciifolding", "english_porter2"]
                    }
                }
            }
        },
        "mappings": {
            // Refuse keys the mapping does not know, as the Quickwit config does.
            "dynamic": "strict",
            "_meta": { "newsdex_export_format": FORMAT_VERSION },
            "properties": elasticsearch_properties(FIELDS),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaves_name_nested_fields_with_dots() {
        let leaves = leaves();
        let find = |p: &str| leaves.iter().find(|l| l.path == p).cloned();
        assert_eq!(
            find("locations.country"),
            Some(Leaf {
                path: "locations.country".into(),
                kind: Kind::Keyword,
                list: true
            })
        );
        assert_eq!(
            find("published").map(|l| (l.kind, l.list)),
            Some((Kind::Date, false))
        );
        assert!(find("locations").is_none(), "objects are not leaves");
    }

    #[test]
    fn the_timestamp_and_default_search_fields_exist_with_the_right_kind() {
        let get = |name: &str| FIELDS.iter().find(|f| f.name == name);
        assert_eq!(
            get(TIMESTAMP_FIELD).map(|f| (f.kind, f.list)),
            Some((Kind::Date, false))
        );
        for name in DEFAULT_SEARCH_FIELDS {
            assert_eq!(get(name).map(|f| f.kind), Some(Kind::Text), "{name}");
        }
    }

    #[test]
    fn only_the_timestamp_date_is_fast() {
        let config = quickwit_config();
        for f in &config.doc_mapping.field_mappings {
            if f.kind.contains("datetime") {
                assert_eq!(f.fast, Some(f.name == TIMESTAMP_FIELD), "{}", f.name);
            }
        }
    }

    #[test]
    fn the_yaml_reads_back_as_the_same_config() {
        let yaml = quickwit_yaml().unwrap();
        let back: QuickwitConfig = serde_norway::from_str(&yaml).unwrap();
        assert_eq!(back, quickwit_config());
    }
}
