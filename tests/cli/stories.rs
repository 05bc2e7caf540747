//! Stories end to end: versions of one report share a story id, search shows one hit per
//! story, quotes merge across versions, ids stay across runs.

use std::collections::BTreeMap;

use crate::common::Fixture;
use crate::quotes::Quote;

/// Words the made-up reports are written with; each report draws its own sentences.
const WORDS: &[&str] = &[
    "central",
    "bank",
    "officials",
    "market",
    "lending",
    "growth",
    "prices",
    "shares",
    "bonds",
    "investors",
    "quarter",
    "profit",
    "exports",
    "factory",
    "orders",
    "workers",
    "wages",
    "energy",
    "costs",
    "housing",
    "demand",
    "credit",
    "funds",
    "traders",
    "analysts",
    "budget",
    "deficit",
    "regulators",
    "merger",
    "airline",
    "harbour",
    "railway",
    "steel",
    "copper",
    "grain",
    "harvest",
    "retail",
    "sales",
    "tourism",
    "insurers",
    "pension",
    "savings",
];

/// A sentence of made-up reporting, different for each `seed`.
fn sentence(seed: u64) -> String {
    let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut words = Vec::new();
    for _ in 0..14 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        words.push(WORDS[(x % WORDS.len() as u64) as usize]);
    }
    let mut s = words.join(" ");
    s[..1].make_ascii_uppercase();
    s + "."
}

/// A report's paragraphs: `n` paragraphs of three sentences drawn from `seed`.
fn paragraphs(seed: u64, n: u64) -> Vec<String> {
    (0..n)
        .map(|p| {
            (0..3)
                .map(|s| sentence(seed * 1000 + p * 10 + s))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// A text article: title line, blank line, paragraphs separated by blank lines.
fn article(title: &str, paragraphs: &[String]) -> String {
    format!("{title}\n\n{}\n", paragraphs.join("\n\n"))
}

/// Hard-wrap a text at `width` columns, as some feeds do.
fn wrapped(text: &str, width: usize) -> String {
    let mut out = String::new();
    for paragraph in text.split("\n\n") {
        let mut line = 0;
        for word in paragraph.split_whitespace() {
            if line > 0 && line + word.len() >= width {
                out.push('\n');
                line = 0;
            } else if line > 0 {
                out.push(' ');
                line += 1;
            }
            out.push_str(word);
            line += word.len();
        }
        out.push_str("\n\n");
    }
    out
}

const QUOTE: &str =
    "\"We will not raise harbour fees this year,\" said Jane Smith, the port's director.";

/// A corpus with a report, its update (rewrapped, a new headline, one more paragraph and
/// the same quote), and two other reports.
fn corpus() -> Fixture {
    let fx = Fixture::empty();
    let mut report = paragraphs(1, 8);
    report.insert(1, QUOTE.to_string());
    fx.write(
        "2024/03/04/harbour.txt",
        article("Harbour fees stay as port waits for ships", &report),
    );
    let mut update = report.clone();
    update.push(sentence(77_777));
    fx.write(
        "2024/03/05/harbour-update.txt",
        wrapped(
            &article(
                "UPDATE 1-Port keeps harbour fees, shipping lines relieved",
                &update,
            ),
            62,
        ),
    );
    fx.write(
        "2024/03/04/steel.txt",
        article("Steel orders rise", &paragraphs(2, 8)),
    );
    fx.write(
        "2024/03/06/grain.txt",
        article("Grain harvest beats forecasts", &paragraphs(3, 8)),
    );
    fx
}

/// Each exported article's story, by path.
fn stories(fx: &Fixture) -> BTreeMap<String, String> {
    let output = crate::common::stdout_of(&[
        "export",
        "--index",
        fx.index.to_str().expect("a UTF-8 path"),
    ]);
    output
        .lines()
        .map(|line| {
            let record: serde_json::Value = serde_json::from_str(line).expect("JSON");
            let path = record["path"].as_str().expect("a path").to_string();
            let story = record["story"].as_str().expect("a story id").to_string();
            (path, story)
        })
        .collect()
}

#[test]
fn an_update_joins_its_story_and_other_reports_stay_apart() {
    let fx = corpus().indexed();
    let stories = stories(&fx);
    assert_eq!(stories.len(), 4, "{stories:?}");
    let harbour = &stories["2024/03/04/harbour.txt"];
    assert_eq!(&stories["2024/03/05/harbour-update.txt"], harbour);
    assert_ne!(&stories["2024/03/04/steel.txt"], harbour);
    assert_ne!(
        stories["2024/03/04/steel.txt"],
        stories["2024/03/06/grain.txt"]
    );
    for story in stories.values() {
        assert!(
            story.len() == 11 && story.starts_with('s'),
            "ids look like s0123456789: {story}"
        );
    }
}

#[test]
fn a_version_added_later_joins_the_story_under_its_id() {
    let fx = corpus();
    let update = std::fs::read(fx.corpus.join("2024/03/05/harbour-update.txt")).unwrap();
    std::fs::remove_file(fx.corpus.join("2024/03/05/harbour-update.txt")).unwrap();
    let fx = fx.indexed();
    let before = stories(&fx);
    fx.write("2024/03/05/harbour-update.txt", update);
    let fx = fx.indexed();
    let after = stories(&fx);
    for (path, story) in &before {
        assert_eq!(&after[path], story, "{path} keeps its story");
    }
    assert_eq!(
        after["2024/03/05/harbour-update.txt"],
        before["2024/03/04/harbour.txt"]
    );

    // Removing the first version leaves the story with the other.
    std::fs::remove_file(fx.corpus.join("2024/03/04/harbour.txt")).unwrap();
    let fx = fx.indexed();
    let last = stories(&fx);
    assert_eq!(
        last["2024/03/05/harbour-update.txt"],
        before["2024/03/04/harbour.txt"]
    );
}

#[test]
fn story_ids_are_the_same_whatever_the_threads_and_on_every_build() {
    // Forty reports of three versions each, the versions side by side in the walk and of
    // uneven lengths, so that with several readers a later version is often read first.
    let fx = Fixture::empty();
    for report in 0..40u64 {
        let base = paragraphs(100 + report, 5 + report % 7 * 3);
        for version in 0..3u64 {
            let mut text = base.clone();
            text.extend(paragraphs(9_000 + report * 10 + version, 1 + version));
            fx.write(
                &format!("2024/05/{:02}/r{report:02}-v{version}.txt", 1 + report % 20),
                article(&format!("Report {report}, version {version}"), &text),
            );
        }
    }
    let build = |threads: &str| {
        std::fs::remove_dir_all(&fx.index).ok();
        fx.index_cmd()
            .args(["--rebuild", "--threads", threads])
            .assert()
            .success();
        stories(&fx)
    };
    let alone = build("1");
    assert_eq!(alone.len(), 120, "every version is indexed");
    for report in 0..40 {
        let story = |v: usize| {
            alone
                .iter()
                .find(|(path, _)| path.ends_with(&format!("r{report:02}-v{v}.txt")))
                .map(|(_, story)| story.clone())
        };
        assert!(story(0).is_some());
        assert_eq!(
            story(1),
            story(0),
            "report {report}: its versions are one story"
        );
        assert_eq!(story(2), story(0), "report {report}");
    }
    for _ in 0..3 {
        assert_eq!(build("4"), alone, "four readers give the ids one gives");
    }
}

#[test]
fn search_shows_one_hit_per_story_and_pages_stories() {
    let fx = corpus().indexed();
    // Words all four share.
    let (hits, summary) = fx.search_json("market", &[]);
    assert_eq!(summary["total"], 4, "{summary}");
    assert_eq!(summary["stories"], 3, "{summary}");
    assert_eq!(hits.len(), 3);
    let harbour: Vec<&serde_json::Value> = hits
        .iter()
        .filter(|h| h["path"].as_str().unwrap().contains("harbour"))
        .collect();
    assert_eq!(harbour.len(), 1, "one hit for the two versions: {hits:?}");
    assert_eq!(harbour[0]["versions"], 2);
    assert!(harbour[0]["other_versions"].as_array().unwrap().is_empty());

    // Pages are of stories: three pages of one, no story twice.
    let mut seen = Vec::new();
    for offset in ["0", "1", "2"] {
        let (page, _) = fx.search_json("market", &["--limit", "1", "--offset", offset]);
        assert_eq!(page.len(), 1);
        seen.push(page[0]["story"].as_str().unwrap().to_string());
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 3, "{seen:?}");

    // --versions lists the other version under its story.
    let (grouped, _) = fx.search_json("fees", &["--versions"]);
    assert_eq!(grouped.len(), 1, "{grouped:?}");
    let others = grouped[0]["other_versions"].as_array().unwrap();
    assert_eq!(others.len(), 1);
    assert_ne!(others[0]["path"], grouped[0]["path"]);
    assert_eq!(others[0]["story"], grouped[0]["story"]);
    let score = |hit: &serde_json::Value| hit["score"].as_f64().unwrap();
    assert!(
        score(&grouped[0]) >= score(&others[0]),
        "the hit is the best version: {grouped:?}"
    );

    // The text says so.
    fx.search("fees", &[])
        .assert()
        .success()
        .stdout(predicates::str::contains("+1 version"))
        .stdout(predicates::str::contains("of 1 story (2 articles)"));
}

#[test]
fn stories_beyond_the_exact_count_are_estimated_and_said_to_be() {
    let fx = corpus().indexed();
    // Three stories match: counted exactly up to three, estimated from a sample below.
    let (_, exact) = fx.search_json("market", &["--exact-stories", "3"]);
    assert_eq!(exact["stories"], 3, "{exact}");
    assert_eq!(exact["stories_estimated"], false, "{exact}");
    let (hits, estimated) = fx.search_json("market", &["--exact-stories", "1"]);
    assert_eq!(estimated["stories_estimated"], true, "{estimated}");
    assert_eq!(estimated["total"], 4, "articles stay exact: {estimated}");
    // The sample keeps one story of a share of the id space: the estimate is a power of two
    // times one (or zero when the share holds none).
    let stories = estimated["stories"].as_u64().unwrap();
    assert!(stories == 0 || stories.is_power_of_two(), "{estimated}");
    // The page and its versions do not depend on the estimate.
    assert_eq!(hits.len(), 3, "{hits:?}");
    let harbour = hits
        .iter()
        .find(|h| h["path"].as_str().unwrap().contains("harbour"))
        .expect("the harbour story");
    assert_eq!(harbour["versions"], 2, "{harbour}");
    // The text says "about", in the page's summary and in the count alone.
    fx.search("market", &["--exact-stories", "1"])
        .assert()
        .success()
        .stdout(predicates::str::contains(" of about "))
        .stdout(predicates::str::contains("(4 articles)"));
    fx.search("market", &["--exact-stories", "1", "--limit", "0"])
        .assert()
        .success()
        .stdout(predicates::str::contains("about "))
        .stdout(predicates::str::contains("matching (4 articles)"));
}

/// The corpus with sixty copies of the harbour report, the newest articles, indexed: more
/// copies than the first pass of a collapsed search ranks, so later pages must rank more.
fn with_sixty_harbour_copies() -> Fixture {
    let fx = corpus();
    let copy = article(
        "Harbour fees stay as port waits for ships",
        &paragraphs(1, 8),
    );
    for n in 0..60 {
        fx.write(&format!("2024/03/09/site-{n}/harbour.txt"), &copy);
    }
    fx.indexed()
}

#[test]
fn a_story_of_many_copies_does_not_crowd_the_others_off_the_pages() {
    // Sixty copies of the harbour report, the newest articles: they rank first by date, more
    // than the first pass of a collapsed search looks at, so the later pages need it to look
    // further. They join the harbour story.
    let fx = with_sixty_harbour_copies();
    let mut seen = Vec::new();
    for offset in ["0", "1", "2"] {
        let (page, summary) = fx.search_json(
            "market",
            &["--sort", "newest", "--limit", "1", "--offset", offset],
        );
        assert_eq!(summary["total"], 64, "{summary}");
        assert_eq!(summary["stories"], 3, "{summary}");
        assert_eq!(page.len(), 1, "offset {offset}: {summary}");
        seen.push(page[0]["story"].as_str().unwrap().to_string());
    }
    let (top, _) = fx.search_json("market", &["--sort", "newest", "--limit", "1"]);
    assert_eq!(top[0]["story"].as_str(), Some(seen[0].as_str()));
    assert_eq!(top[0]["versions"], 62, "{top:?}");
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 3, "three stories, each once: {seen:?}");
}

#[test]
fn a_word_counted_apart_and_a_query_counted_in_one_pass_agree() {
    // `market` alone is ranked with pruning and counted in a pass of its own; with a filter
    // that every article passes and that adds nothing to the scores (`--path 2024`), it
    // matches and scores the same articles but is ranked and counted in one pass. Sixty
    // copies of the harbour report make the first ranked articles too few for the later
    // pages, so both must rank more.
    let fx = with_sixty_harbour_copies();
    // What a page shows that does not depend on which of equally scored copies stands for
    // its story.
    let shown = |query: &str, args: &[&str]| {
        let (hits, summary) = fx.search_json(query, args);
        let hits: Vec<(String, u64, String)> = hits
            .iter()
            .map(|h| {
                let story = h["story"].as_str().unwrap().to_string();
                let versions = h["versions"].as_u64().unwrap();
                (
                    story,
                    versions,
                    format!("{:.4}", h["score"].as_f64().unwrap()),
                )
            })
            .collect();
        let totals = [
            &summary["total"],
            &summary["stories"],
            &summary["stories_estimated"],
        ]
        .map(|v| v.to_string());
        (hits, totals)
    };
    for exact in ["10000", "2", "1"] {
        for (limit, offset) in [("10", "0"), ("1", "0"), ("1", "1"), ("1", "2"), ("2", "1")] {
            let args = [
                "--exact-stories",
                exact,
                "--limit",
                limit,
                "--offset",
                offset,
            ];
            let apart = shown("market", &args);
            let filtered = [&args[..], &["--path", "2024"]].concat();
            assert_eq!(apart, shown("market", &filtered), "{args:?}");
            assert_eq!(apart.1[0], "64", "{args:?}");
        }
    }
    let (page, totals) = shown("market", &["--limit", "10"]);
    assert_eq!(totals, ["64", "3", "false"].map(String::from));
    assert_eq!(page.len(), 3, "{page:?}");
    assert!(
        page.iter().any(|(_, versions, _)| *versions == 62),
        "{page:?}"
    );
    let mut stories: Vec<&String> = page.iter().map(|(story, _, _)| story).collect();
    stories.sort();
    stories.dedup();
    assert_eq!(stories.len(), 3, "each story once: {page:?}");
}

#[test]
fn a_quote_said_in_two_versions_is_listed_once_with_both() {
    let fx = corpus().indexed();
    let output = fx
        .query_cmd("quotes", "harbour fees", &["--format", "json"])
        .output()
        .expect("run newsdex quotes");
    let stdout = String::from_utf8(output.stdout).unwrap();
    let quotes: Vec<Quote> = stdout
        .lines()
        .filter(|l| l.contains(r#""type":"quote""#))
        .map(|l| serde_json::from_str(l).expect("a quote line"))
        .collect();
    assert_eq!(quotes.len(), 1, "{stdout}");
    assert_eq!(quotes[0].occurrences, 2);
    let mut paths: Vec<&str> = quotes[0].articles.iter().map(|a| a.path.as_str()).collect();
    paths.sort();
    assert_eq!(
        paths,
        ["2024/03/04/harbour.txt", "2024/03/05/harbour-update.txt"]
    );
    fx.query_cmd("quotes", "harbour fees", &[])
        .assert()
        .success()
        .stdout(predicates::str::contains("said in 2 articles"));
}

#[test]
fn facets_count_stories_when_asked() {
    let fx = corpus().indexed();
    let facets = |args: &[&str]| {
        let (lines, _) = fx.search_json("market", &[&["--facets"], args].concat());
        lines
            .into_iter()
            .find(|l| l["type"] == "facets")
            .expect("a facets line")
    };
    let articles = facets(&[]);
    assert_eq!(articles["counted"], "articles");
    assert_eq!(articles["timeline"]["undated"], 4, "{articles}");
    let stories = facets(&["--count-by", "stories"]);
    assert_eq!(stories["counted"], "stories");
    assert_eq!(stories["timeline"]["undated"], 3, "{stories}");
    let speakers = stories["speakers"].as_array().unwrap();
    assert!(
        speakers
            .iter()
            .all(|s| s["name"] != "Jane Smith" || s["articles"] == 1),
        "Jane Smith is quoted in one story: {speakers:?}"
    );
}

#[test]
fn stats_count_stories_when_asked() {
    let fx = corpus().indexed();
    let index = fx.index.to_str().expect("a UTF-8 path");
    let stats = |args: &[&str]| -> serde_json::Value {
        let out = crate::common::stdout_of(
            &[&["stats", "--index", index, "--format", "json"], args].concat(),
        );
        serde_json::from_str(&out).expect("JSON")
    };
    let plain = stats(&[]);
    assert_eq!(plain["articles"], 4);
    assert!(plain["stories"].is_null());
    let by_story = stats(&["--count-by", "stories"]);
    assert_eq!(by_story["articles"], 4);
    assert_eq!(by_story["stories"], 3);
    assert_eq!(by_story["undated"], 3, "{by_story}");
}
