//! The extracted fields of the seeds through `extract` and `index`, and the search filters on them.

use crate::common::{Fixture, newsdex, paths};

const SEED_000: &str = "seeds/000_29dcbb1e78569601.txt";
const SEED_004: &str = "seeds/004_a601677b5c772689.txt";

fn names(list: &serde_json::Value, key: &str) -> Vec<String> {
    list.as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v[key].as_str().map(str::to_string))
        .collect()
}

#[test]
fn seeds_have_their_speakers_locations_and_dates() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    let output = newsdex()
        .args(["extract", "--format", "json"])
        .arg(&seeds)
        .output()
        .unwrap();
    assert!(output.status.success());
    let mut speakers = Vec::new();
    let mut locations = Vec::new();
    let mut dates_004 = Vec::new();
    for line in String::from_utf8(output.stdout).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        speakers.extend(names(&v["speakers"], "name"));
        locations.extend(names(&v["locations"], "name"));
        if v["id"].as_str().unwrap_or_default().contains("004_") {
            dates_004 = names(&v["dates"], "value");
        }
        assert!(names(&v["speakers"], "name").iter().all(|s| s != "Kremlin"));
    }
    for who in ["Yuri Ushakov", "Sergei Ryabkov"] {
        assert!(speakers.iter().any(|s| s == who), "{who} in {speakers:?}");
    }
    assert!(
        speakers.iter().any(|s| s.starts_with("Alexander Darchi")),
        "{speakers:?}"
    );
    for place in ["Istanbul", "Moscow", "Washington", "Saudi Arabia"] {
        assert!(
            locations.iter().any(|l| l == place),
            "{place} in {locations:?}"
        );
    }
    for day in ["2025-02-27", "2025-04-10"] {
        assert!(
            dates_004.iter().any(|d| d.starts_with(day)),
            "{day} in {dates_004:?}"
        );
    }
}

#[test]
fn speaker_filter_matches_part_of_a_name_case_insensitively() {
    let fx = Fixture::seeds_and_wikinews(20).indexed();
    let (hits, _) = fx.search_json("talks", &["--speaker", "USHAKOV"]);
    assert_eq!(paths(&hits), vec![SEED_000]);
    let (hits, _) = fx.search_json("talks", &["--speaker", "sergei ryabkov"]);
    assert_eq!(paths(&hits), vec![SEED_004]);
    // Words of two different names never make one name.
    let (hits, _) = fx.search_json("talks", &["--speaker", "ryabkov donald"]);
    assert!(hits.is_empty());
}

#[test]
fn location_filter_keeps_articles_naming_the_place() {
    let fx = Fixture::seeds_and_wikinews(20).indexed();
    let (hits, _) = fx.search_json("talks", &["--location", "saudi arabia"]);
    assert_eq!(paths(&hits), vec![SEED_004]);
    let (hits, _) = fx.search_json("", &["--location", "istanbul", "--limit", "50"]);
    let found = paths(&hits);
    assert!(found.contains(&SEED_000.to_string()) && found.contains(&SEED_004.to_string()));
    for hit in &hits {
        let places: Vec<String> = hit["locations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_lowercase())
            .collect();
        assert!(places.iter().any(|p| p.contains("istanbul")), "{places:?}");
    }
}

#[test]
fn date_filters_bound_the_publication_date() {
    let fx = Fixture::seeds_and_wikinews(60).indexed();
    let (all, _) = fx.search_json("", &["--limit", "100"]);
    let (since, _) = fx.search_json("", &["--since", "2019-03", "--limit", "100"]);
    let (until, _) = fx.search_json("", &["--until", "2019-02", "--limit", "100"]);
    assert!(!since.is_empty() && !until.is_empty());
    for hit in &since {
        assert!(hit["published"].as_str().unwrap() >= "2019-03-01", "{hit}");
    }
    for hit in &until {
        assert!(hit["published"].as_str().unwrap() <= "2019-02-28", "{hit}");
    }
    // The undated seeds fall outside any period; every dated article is on one side.
    let dated = all.iter().filter(|h| h["published"].is_string()).count();
    assert_eq!(since.len() + until.len(), dated);
    assert_eq!(dated, 60);
}
