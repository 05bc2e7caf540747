//! `newsdex speakers` and `--speaker` end to end: one entity per person under all its names,
//! organisations apart from people, people who share a surname apart, ids stable over
//! incremental runs, and the JSON shape.

use std::collections::BTreeSet;

use serde::Deserialize;

use crate::common::{Fixture, paths, stdout_of};

/// The documented JSON speaker line; unknown fields are an error so the contract cannot drift.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Speaker {
    #[serde(rename = "type")]
    kind_of_line: String,
    id: String,
    name: String,
    names: Vec<String>,
    kind: String,
    articles: u64,
    quotes: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Summary {
    #[serde(rename = "type")]
    kind: String,
    query: String,
    articles: usize,
    total: usize,
    returned: usize,
    offset: usize,
    elapsed_ms: f64,
}

fn speakers(fx: &Fixture, query: &str, args: &[&str]) -> (Vec<Speaker>, Summary) {
    let output = fx
        .query_cmd("speakers", query, &[&["--format", "json"], args].concat())
        .output()
        .expect("run newsdex speakers");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    let mut lines: Vec<&str> = stdout.lines().collect();
    let summary = serde_json::from_str(lines.pop().expect("a summary line")).expect("summary");
    let speakers: Vec<Speaker> = lines
        .iter()
        .map(|l| serde_json::from_str(l).expect("a speaker line"))
        .collect();
    assert!(speakers.iter().all(|s| s.kind_of_line == "speaker"));
    (speakers, summary)
}

/// The entity holding `name`.
fn entity<'a>(list: &'a [Speaker], name: &str) -> &'a Speaker {
    list.iter()
        .find(|s| s.names.iter().any(|n| n == name))
        .unwrap_or_else(|| panic!("no entity holds {name:?}: {list:#?}"))
}

/// A short article in which `speaker` (written after `title`, if any) says `words`.
fn quote(title: &str, speaker: &str, words: &str) -> String {
    let titled = if title.is_empty() {
        speaker.to_string()
    } else {
        format!("{title} {speaker}")
    };
    format!(
        "Markets and policy\n\n{titled} said on Monday that {words}.\n\n\
         \"We will keep working on it,\" {speaker} said.\n"
    )
}

/// A corpus of people and companies named in several ways.
fn roster_corpus() -> Fixture {
    let fx = Fixture::empty();
    let mut n = 0;
    let mut write = |text: String| {
        n += 1;
        fx.write(&format!("a{n:02}.txt"), text);
    };
    for _ in 0..5 {
        write(quote(
            "Treasury Secretary",
            "Timothy Geithner",
            "the plan is working",
        ));
        write(quote("Fed Chairman", "Ben Bernanke", "inflation is low"));
        write(quote(
            "Treasury Secretary",
            "Henry Paulson",
            "the banks are sound",
        ));
        write(quote(
            "Economy Minister",
            "Luis de Guindos",
            "Spain needs no rescue",
        ));
    }
    write(quote(
        "Treasury Secretary",
        "Tim Geithner",
        "talks went well",
    ));
    write(quote("", "Ben S. Bernanke", "rates will stay low"));
    write(quote(
        "hedge fund manager",
        "John Paulson",
        "gold will rise",
    ));
    write(quote(
        "hedge fund manager",
        "John Paulson",
        "banks will fall",
    ));
    write(quote("", "De Guindos", "the deficit will shrink"));
    for words in [
        "the shares are cheap",
        "the bank is strong",
        "rates will rise",
    ] {
        write(format!(
            "Bank notes\n\nMorgan Stanley said on Monday that {words}.\n\n\
             Analysts at Morgan Stanley & Co. expected more, and Morgan Stanley economists \
             agreed.\n"
        ));
    }
    fx
}

#[test]
fn one_person_one_entry_under_all_names() {
    let fx = roster_corpus().indexed();
    let (list, summary) = speakers(&fx, "", &["--limit", "100"]);
    assert_eq!(summary.returned, list.len());
    let geithner = entity(&list, "Timothy Geithner");
    assert_eq!(geithner.name, "Timothy Geithner", "the commonest full form");
    assert!(
        geithner.names.contains(&"Tim Geithner".to_string()),
        "{geithner:?}"
    );
    assert_eq!(geithner.articles, 6);
    assert!(geithner.quotes >= 6);
    let bernanke = entity(&list, "Ben Bernanke");
    assert!(bernanke.names.contains(&"Ben S. Bernanke".to_string()));
    let guindos = entity(&list, "Luis de Guindos");
    assert!(guindos.names.contains(&"De Guindos".to_string()));
    assert_eq!(guindos.kind, "person");
}

#[test]
fn people_sharing_a_surname_stay_apart_and_companies_are_organisations() {
    let fx = roster_corpus().indexed();
    let (list, _) = speakers(&fx, "", &["--limit", "100"]);
    let henry = entity(&list, "Henry Paulson");
    let john = entity(&list, "John Paulson");
    assert_ne!(henry.id, john.id);
    let bank = entity(&list, "Morgan Stanley");
    assert_eq!(bank.kind, "organisation");
    let (people, _) = speakers(&fx, "", &["--limit", "100", "--kind", "person"]);
    assert!(people.iter().all(|s| s.kind == "person"));
    assert!(!people.iter().any(|s| s.name == "Morgan Stanley"));
}

#[test]
fn a_query_counts_only_the_articles_it_matches() {
    let fx = roster_corpus().indexed();
    // Counted when the roster was resolved, or now over the articles a query matches: the same.
    let (stored, _) = speakers(&fx, "", &["--limit", "100"]);
    let (all, summary) = speakers(&fx, "said", &["--limit", "100"]);
    assert_eq!(summary.articles, 28, "every article says `said`");
    let counts = |l: &[Speaker]| {
        l.iter()
            .map(|s| (s.id.clone(), s.articles, s.quotes))
            .collect::<Vec<_>>()
    };
    assert_eq!(counts(&stored), counts(&all));

    let (list, summary) = speakers(&fx, "gold", &[]);
    assert_eq!(summary.articles, 1);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].name, "John Paulson");
    assert_eq!(list[0].articles, 1);
}

#[test]
fn a_speaker_filter_finds_every_name_of_the_entity() {
    let fx = roster_corpus().indexed();
    let (hits, _) = fx.search_json(
        "",
        &["--speaker", "Tim Geithner", "--limit", "50", "--articles"],
    );
    assert_eq!(hits.len(), 6, "{:?}", paths(&hits));
    let (hits, _) = fx.search_json("", &["--speaker", "guindos", "--limit", "50", "--articles"]);
    assert_eq!(hits.len(), 6);
    // Hits show display names.
    let (hits, _) = fx.search_json("deficit", &[]);
    assert_eq!(hits[0]["speakers"][0], "Luis de Guindos");
}

#[test]
fn hits_show_display_names_with_the_names_file_missing_broken_or_written_again() {
    let fx = roster_corpus().indexed();
    let file = fx.index.join("roster.names");
    assert!(file.is_file(), "indexing writes the display names");
    let shown = |fx: &Fixture| fx.search_json("deficit", &[]).0[0]["speakers"].clone();
    let expected = shown(&fx);
    assert_eq!(expected[0], "Luis de Guindos");
    // Without the file, or with one that is not of its layout, the roster itself answers.
    std::fs::remove_file(&file).expect("remove the display names");
    assert_eq!(shown(&fx), expected);
    std::fs::write(&file, b"NDXNAME1 not a roster").expect("break the display names");
    assert_eq!(shown(&fx), expected);
    // The next indexing run writes it again, though nothing changed.
    fx.index_cmd().assert().success();
    let written = std::fs::read(&file).expect("the display names");
    assert!(written.starts_with(b"NDXNAME1") && written.len() > 100);
    assert_eq!(shown(&fx), expected);
}

#[test]
fn the_seeds_ambassador_is_one_entity_under_both_spellings() {
    let fx = Fixture::seeds_and_wikinews(0).indexed();
    let (hits, _) = fx.search_json("talks", &["--speaker", "darchiev"]);
    let found: BTreeSet<String> = paths(&hits).into_iter().collect();
    assert_eq!(found.len(), 2, "{found:?}");
    let (list, _) = speakers(&fx, "", &["--limit", "100"]);
    let ambassador = entity(&list, "Alexander Darchiev");
    assert!(
        ambassador
            .names
            .contains(&"Alexander Darchiyev".to_string())
    );
    assert_eq!(ambassador.articles, 2);
}

#[test]
fn ids_stay_the_same_over_incremental_runs_and_merged_ids_still_resolve() {
    let fx = Fixture::empty();
    for i in 0..3 {
        fx.write(
            &format!("b{i}.txt"),
            quote("Fed Chairman", "Ben Bernanke", "all is fine"),
        );
    }
    // One article each: too few to tell a misspelling from another man.
    fx.write("n0.txt", quote("", "Nicolas Sarkozy", "Europe will act"));
    fx.write("n1.txt", quote("", "Nicholas Sarkozy", "France will act"));
    fx.write("t.txt", quote("", "Tim Geithner", "the dollar is strong"));
    let fx = fx.indexed();
    let (before, _) = speakers(&fx, "", &["--limit", "100"]);
    let nicholas = entity(&before, "Nicholas Sarkozy").id.clone();
    let nicolas = entity(&before, "Nicolas Sarkozy").id.clone();
    assert_ne!(nicholas, nicolas);
    let bernanke = entity(&before, "Ben Bernanke").id.clone();

    // More articles name him as Nicolas: the misspelling now joins him, and its id follows.
    for i in 2..8 {
        fx.write(
            &format!("n{i}.txt"),
            quote("", "Nicolas Sarkozy", "Europe will act"),
        );
    }
    fx.index_cmd().assert().success();
    let (after, _) = speakers(&fx, "", &["--limit", "100"]);
    let sarkozy = entity(&after, "Nicolas Sarkozy");
    assert!(
        sarkozy.names.contains(&"Nicholas Sarkozy".to_string()),
        "{sarkozy:?}"
    );
    assert_eq!(sarkozy.id, nicolas, "the larger entity keeps its id");
    assert_eq!(
        entity(&after, "Ben Bernanke").id,
        bernanke,
        "unchanged entity, same id"
    );
    let (hits, _) = fx.search_json(
        "",
        &["--speaker", &nicholas, "--limit", "100", "--articles"],
    );
    assert_eq!(hits.len(), 8, "the merged-away id finds the whole entity");

    // An unchanged re-run keeps every id; removing the only article of a name removes it.
    fx.index_cmd().assert().success();
    let (again, _) = speakers(&fx, "", &["--limit", "100"]);
    let ids = |l: &[Speaker]| l.iter().map(|s| s.id.clone()).collect::<BTreeSet<_>>();
    assert_eq!(ids(&again), ids(&after));
    std::fs::remove_file(fx.corpus.join("n1.txt")).expect("remove n1.txt");
    fx.index_cmd().assert().success();
    let (fewer, _) = speakers(&fx, "", &["--limit", "100"]);
    assert!(
        !entity(&fewer, "Nicolas Sarkozy")
            .names
            .contains(&"Nicholas Sarkozy".to_string())
    );
    let (hits, _) = fx.search_json(
        "",
        &["--speaker", &nicholas, "--limit", "100", "--articles"],
    );
    assert_eq!(hits.len(), 7, "the old id still finds its entity");

    // A rebuild resolves the same entities.
    fx.index_cmd().arg("--rebuild").assert().success();
    let (rebuilt, _) = speakers(&fx, "", &["--limit", "100"]);
    let names = |l: &[Speaker]| {
        l.iter()
            .map(|s| (s.name.clone(), s.names.clone(), s.articles))
            .collect::<BTreeSet<_>>()
    };
    assert_eq!(names(&rebuilt), names(&fewer));
}

#[test]
fn stats_count_entities_and_export_names_them() {
    let fx = roster_corpus().indexed();
    let index = fx.index.to_string_lossy().to_string();
    let stats = stdout_of(&["stats", "--index", &index, "--format", "json"]);
    let stats: serde_json::Value = serde_json::from_str(&stats).expect("stats JSON");
    let top: Vec<&str> = stats["speakers"]
        .as_array()
        .expect("speakers")
        .iter()
        .filter_map(|c| c["value"].as_str())
        .collect();
    assert!(top.contains(&"Timothy Geithner"), "{top:?}");
    assert!(!top.contains(&"Tim Geithner"), "{top:?}");

    let export = stdout_of(&["export", "--index", &index]);
    let mut seen = BTreeSet::new();
    for line in export.lines() {
        let record: serde_json::Value = serde_json::from_str(line).expect("a record");
        for s in record["speakers"].as_array().expect("speakers") {
            if s["name"] == "Tim Geithner" || s["name"] == "Timothy Geithner" {
                assert_eq!(s["entity_name"], "Timothy Geithner");
                seen.insert(s["entity"].as_str().expect("an id").to_string());
            }
        }
    }
    assert_eq!(seen.len(), 1, "one id for both names: {seen:?}");
}

#[test]
fn a_missing_or_broken_roster_is_resolved_again_from_the_index() {
    let fx = roster_corpus().indexed();
    let (expected, _) = speakers(&fx, "", &["--limit", "100"]);
    let roster = fx.index.join("roster.json");
    std::fs::remove_file(&roster).expect("remove the roster");
    let (missing, _) = speakers(&fx, "", &["--limit", "100"]);
    std::fs::write(&roster, "{not json").expect("break the roster");
    let (broken, _) = speakers(&fx, "", &["--limit", "100"]);
    let names = |l: &[Speaker]| l.iter().map(|s| s.names.clone()).collect::<Vec<_>>();
    assert_eq!(names(&missing), names(&expected));
    assert_eq!(names(&broken), names(&expected));
    // The next indexing run writes it again.
    fx.index_cmd().assert().success();
    assert!(
        std::fs::read_to_string(&roster)
            .expect("a roster")
            .starts_with('{')
    );
    let (rewritten, _) = speakers(&fx, "", &["--limit", "100"]);
    assert_eq!(names(&rewritten), names(&expected));
}
