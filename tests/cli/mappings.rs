//! The Quickwit config and the Elasticsearch mapping printed by `newsdex export` parse, follow the
//! rules of those engines, and map every field of the exported records with the right type.
//!
//! The list of fields comes from the wire type itself (a record with every field filled, walked
//! as JSON), so a field added to the records without a mapping fails here.

use std::collections::{BTreeMap, BTreeSet};

use crate::common::{Fixture, stdout_of};
use newsdex::export::mapping::{self, Kind};
use newsdex::export::record::Record;
use regex::Regex;
use serde_json::Value;

/// Every leaf of a JSON record as a dotted path, with the JSON values found there.
fn json_leaves(value: &Value, prefix: &str, out: &mut BTreeMap<String, Vec<Value>>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                json_leaves(v, &path, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|i| json_leaves(i, prefix, out)),
        leaf => out
            .entry(prefix.to_string())
            .or_default()
            .push(leaf.clone()),
    }
}

/// Fail on an empty list or a null anywhere: either would hide leaves of the wire type.
fn assert_filled(value: &Value, path: &str) {
    match value {
        Value::Null => panic!("{path}: the example must fill every field"),
        Value::Array(items) if items.is_empty() => {
            panic!("{path}: the example must fill every list")
        }
        Value::Array(items) => items.iter().for_each(|i| assert_filled(i, path)),
        Value::Object(map) => map
            .iter()
            .for_each(|(k, v)| assert_filled(v, &format!("{path}.{k}"))),
        _ => {}
    }
}

/// The leaves of the wire type, from a record with every field filled.
fn wire_leaves() -> BTreeMap<String, Vec<Value>> {
    let example = serde_json::to_value(Record::example()).unwrap();
    assert_filled(&example, "record");
    let mut out = BTreeMap::new();
    json_leaves(&example, "", &mut out);
    out
}

/// The leaves of the wire type with their kind from the field table; a leaf the table does not
/// know fails here.
fn typed_wire_leaves() -> Vec<mapping::Leaf> {
    let table = mapping::leaves();
    wire_leaves()
        .into_keys()
        .map(|path| {
            table
                .iter()
                .find(|l| l.path == path)
                .cloned()
                .unwrap_or_else(|| panic!("{path} is exported but has no mapping"))
        })
        .collect()
}

#[test]
fn the_field_table_names_every_field_of_the_wire_type_with_a_fitting_kind() {
    let wire = wire_leaves();
    let table: BTreeMap<String, mapping::Leaf> = mapping::leaves()
        .into_iter()
        .map(|l| (l.path.clone(), l))
        .collect();
    assert_eq!(
        wire.keys().collect::<BTreeSet<_>>(),
        table.keys().collect::<BTreeSet<_>>(),
        "record fields and mapped fields differ"
    );
    for (path, values) in &wire {
        for value in values {
            assert!(!value.is_null(), "{path}: the example fills every field");
            let fits = match table[path].kind {
                Kind::Keyword | Kind::Text => value.is_string(),
                Kind::Date => value
                    .as_str()
                    .is_some_and(|s| chrono::DateTime::parse_from_rfc3339(s).is_ok()),
                Kind::Offset => value.is_u64(),
                Kind::Object(_) => false,
            };
            assert!(fits, "{path}: {value} is not a {:?}", table[path].kind);
        }
    }
}

#[test]
fn real_exported_records_have_no_field_the_example_lacks() {
    let fx = Fixture::seeds_and_wikinews(10).indexed();
    let out = stdout_of(&[
        "export",
        "--quiet",
        "--index",
        &fx.index.display().to_string(),
    ]);
    let known: BTreeSet<String> = wire_leaves().into_keys().collect();
    for line in out.lines() {
        let mut leaves = BTreeMap::new();
        json_leaves(&serde_json::from_str(line).unwrap(), "", &mut leaves);
        for path in leaves.keys() {
            assert!(
                known.contains(path),
                "{path} is exported but not in the example"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Quickwit: the rules below are those of Quickwit's doc mapper (quickwit-doc-mapper 0.8/0.9).

/// Options each Quickwit field type accepts (its option structs deny unknown fields).
fn quickwit_options(kind: &str) -> &'static [&'static str] {
    let base = kind
        .strip_prefix("array<")
        .and_then(|k| k.strip_suffix('>'))
        .unwrap_or(kind);
    match base {
        "text" => &[
            "description",
            "indexed",
            "tokenizer",
            "record",
            "fieldnorms",
            "stored",
            "fast",
        ],
        "datetime" => &[
            "description",
            "input_formats",
            "output_format",
            "fast_precision",
            "indexed",
            "stored",
            "fast",
        ],
        "json" => &[
            "description",
            "indexed",
            "tokenizer",
            "record",
            "stored",
            "expand_dots",
            "fast",
        ],
        "u64" | "i64" | "f64" => &[
            "description",
            "stored",
            "indexed",
            "fast",
            "coerce",
            "output_format",
        ],
        other => panic!("unexpected Quickwit type {other}"),
    }
}

const QUICKWIT_TOKENIZERS: &[&str] = &[
    "raw",
    "lowercase",
    "default",
    "en_stem",
    "whitespace",
    "chinese_compatible",
    "source_code_default",
];

fn quickwit_config() -> Value {
    let yaml = stdout_of(&["export", "--quickwit-config"]);
    serde_norway::from_str(&yaml).expect("the Quickwit config is YAML")
}

#[test]
fn the_quickwit_config_follows_quickwit_rules() {
    let config = quickwit_config();
    let top: BTreeSet<&str> = config
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let allowed: BTreeSet<&str> = [
        "version",
        "index_id",
        "index_uri",
        "doc_mapping",
        "indexing_settings",
        "search_settings",
        "retention",
    ]
    .into();
    assert!(top.is_subset(&allowed), "{top:?}");
    assert!(["0.7", "0.8", "0.9"].contains(&config["version"].as_str().unwrap()));
    let id = config["index_id"].as_str().unwrap();
    assert!(
        Regex::new(r"^[a-zA-Z][a-zA-Z0-9\-_\.]{2,254}$")
            .unwrap()
            .is_match(id)
    );

    let mapping = &config["doc_mapping"];
    assert_eq!(mapping["mode"], "strict");
    let name_rule = Regex::new(r"^[@$_\-a-zA-Z][@$_/\.\-a-zA-Z0-9]{0,254}$").unwrap();
    let fields = mapping["field_mappings"].as_array().unwrap();
    let mut names = BTreeSet::new();
    for f in fields {
        let name = f["name"].as_str().unwrap();
        assert!(name_rule.is_match(name), "{name}");
        assert!(names.insert(name), "{name} is mapped twice");
        let kind = f["type"].as_str().unwrap();
        for key in f.as_object().unwrap().keys() {
            if key != "name" && key != "type" {
                assert!(
                    quickwit_options(kind).contains(&key.as_str()),
                    "{name}: {key}"
                );
            }
        }
        if let Some(tokenizer) = f.get("tokenizer") {
            assert!(QUICKWIT_TOKENIZERS.contains(&tokenizer.as_str().unwrap()));
        }
        if let Some(record) = f.get("record") {
            assert!(["basic", "freq", "position"].contains(&record.as_str().unwrap()));
        }
    }

    let by_name = |n: &str| fields.iter().find(|f| f["name"] == n);
    let timestamp = by_name(mapping["timestamp_field"].as_str().unwrap()).expect("timestamp");
    assert_eq!(timestamp["name"], "published");
    assert_eq!(timestamp["type"], "datetime", "single-valued datetime");
    assert_eq!(
        timestamp["fast"], true,
        "Quickwit requires a fast timestamp"
    );
    assert_eq!(timestamp["input_formats"], serde_json::json!(["rfc3339"]));

    let defaults = config["search_settings"]["default_search_fields"]
        .as_array()
        .unwrap();
    assert_eq!(defaults, &[Value::from("title"), Value::from("body")]);
    for d in defaults {
        let f = by_name(d.as_str().unwrap()).expect("default field is mapped");
        assert_eq!(f["type"], "text");
        assert_eq!(f["tokenizer"], "en_stem");
        assert_eq!(f["record"], "position");
    }
}

#[test]
fn quickwit_maps_every_record_field_with_the_right_type() {
    let config = quickwit_config();
    let fields = config["doc_mapping"]["field_mappings"].as_array().unwrap();
    let by_name: BTreeMap<&str, &Value> = fields
        .iter()
        .map(|f| (f["name"].as_str().unwrap(), f))
        .collect();
    let leaves = typed_wire_leaves();
    let tops: BTreeSet<&str> = leaves
        .iter()
        .map(|l| l.path.split('.').next().unwrap())
        .collect();
    assert_eq!(
        tops,
        by_name.keys().copied().collect(),
        "mapped fields and record fields differ"
    );
    for leaf in &leaves {
        let (top, nested) = match leaf.path.split_once('.') {
            Some((top, rest)) => (top, Some(rest)),
            None => (leaf.path.as_str(), None),
        };
        let f = by_name[top];
        let kind = f["type"].as_str().unwrap();
        let tokenizer = f.get("tokenizer").and_then(Value::as_str);
        let record = f.get("record").and_then(Value::as_str);
        let array = |t: &str| {
            if leaf.list {
                format!("array<{t}>")
            } else {
                t.to_string()
            }
        };
        match nested {
            None => match leaf.kind {
                Kind::Keyword => {
                    assert_eq!(kind, array("text"), "{}", leaf.path);
                    assert_eq!(tokenizer, Some("raw"), "{}", leaf.path);
                }
                Kind::Text => {
                    assert_eq!(kind, array("text"), "{}", leaf.path);
                    assert_eq!(tokenizer, Some("en_stem"), "{}", leaf.path);
                    assert_eq!(record, Some("position"), "{}", leaf.path);
                }
                Kind::Date => assert_eq!(kind, array("datetime"), "{}", leaf.path),
                Kind::Offset => assert_eq!(kind, array("u64"), "{}", leaf.path),
                Kind::Object(_) => unreachable!("objects are not leaves"),
            },
            // A list of objects is one json field; its tokenizer applies to all its strings.
            Some(_) => {
                assert_eq!(kind, "array<json>", "{}", leaf.path);
                let siblings_have_prose = leaves
                    .iter()
                    .any(|l| l.path.starts_with(&format!("{top}.")) && l.kind == Kind::Text);
                match leaf.kind {
                    Kind::Text => {
                        assert_eq!(tokenizer, Some("en_stem"), "{}", leaf.path);
                        assert_eq!(record, Some("position"), "{}", leaf.path);
                    }
                    Kind::Keyword if !siblings_have_prose => {
                        assert_eq!(tokenizer, Some("raw"), "{}", leaf.path);
                        assert_eq!(f["fast"], true, "{}: names can be counted", leaf.path);
                    }
                    // Dates, offsets and names beside prose: json keeps them as values.
                    _ => {}
                }
            }
        }
    }
    for name in ["speakers", "locations"] {
        assert_eq!(by_name[name]["tokenizer"], "raw", "raw keyword {name}");
    }
}

// ---------------------------------------------------------------------------------------------
// Elasticsearch / OpenSearch

fn elasticsearch_mapping() -> Value {
    serde_json::from_str(&stdout_of(&["export", "--elasticsearch-mapping"]))
        .expect("the Elasticsearch mapping is JSON")
}

fn es_leaves(properties: &Value, prefix: &str, out: &mut BTreeMap<String, Value>) {
    for (name, m) in properties.as_object().expect("properties") {
        let path = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        match m.get("properties") {
            Some(children) => {
                assert_eq!(m["type"], "object", "{path}");
                es_leaves(children, &path, out);
            }
            None => {
                out.insert(path, m.clone());
            }
        }
    }
}

#[test]
fn elasticsearch_maps_every_record_field_with_the_right_type() {
    let body = elasticsearch_mapping();
    let top: BTreeSet<&str> = body
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(top, ["mappings", "settings"].into());
    let mappings = &body["mappings"];
    assert_eq!(mappings["dynamic"], "strict");
    assert_eq!(
        mappings["_meta"]["newsdex_export_format"],
        newsdex::export::record::FORMAT_VERSION
    );
    let analyzers = &body["settings"]["analysis"]["analyzer"];
    let stemmer = &analyzers["en_stem"];
    assert_eq!(stemmer["tokenizer"], "standard");
    for filter in stemmer["filter"].as_array().unwrap() {
        let name = filter.as_str().unwrap();
        let builtin = ["lowercase", "asciifolding"].contains(&name);
        assert!(
            builtin || body["settings"]["analysis"]["filter"].get(name).is_some(),
            "filter {name} is defined"
        );
    }

    let mut mapped = BTreeMap::new();
    es_leaves(&mappings["properties"], "", &mut mapped);
    let leaves = typed_wire_leaves();
    assert_eq!(
        leaves
            .iter()
            .map(|l| l.path.as_str())
            .collect::<BTreeSet<_>>(),
        mapped.keys().map(String::as_str).collect(),
        "mapped fields and record fields differ"
    );
    for leaf in &leaves {
        let m = &mapped[&leaf.path];
        match leaf.kind {
            Kind::Keyword => assert_eq!(m["type"], "keyword", "{}", leaf.path),
            Kind::Text => {
                assert_eq!(m["type"], "text", "{}", leaf.path);
                let analyzer = m["analyzer"].as_str().unwrap();
                assert!(analyzers.get(analyzer).is_some(), "{analyzer} is defined");
                assert_eq!(m["index_options"], "positions", "{}", leaf.path);
            }
            Kind::Date => assert_eq!(m["type"], "date", "{}", leaf.path),
            Kind::Offset => {
                assert_eq!(m["type"], "long", "{}", leaf.path);
                assert_eq!(m["index"], false, "{}", leaf.path);
            }
            Kind::Object(_) => unreachable!("objects are not leaves"),
        }
    }
}
