//! What snippets cost on top of a search: median latency of each query with and without them.
//!
//! `cargo run --profile fast --example snippet_cost -- INDEX QUERIES [ROUNDS] [warm|cold]`, where
//! QUERIES holds one query a line (`#` comments skipped). Each round runs every query both ways.
//! `warm` (the default) runs each query once untimed before timing it, so that the document
//! store's block cache holds its hits, as in a long-running process; `cold` opens the index
//! afresh before each timed search, as one `newsdex search` process does (the OS file cache
//! stays warm either way). `FRAGMENTS=N` in the environment sets the fragments per hit
//! (0 leaves only the per-query set-up and the titles).

use std::path::PathBuf;
use std::time::Duration;

use newsdex::search::{Engine, Request};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: snippet_cost INDEX QUERIES [ROUNDS]";
    let index = PathBuf::from(args.next().ok_or_else(|| anyhow::anyhow!(usage))?);
    let queries = std::fs::read_to_string(args.next().ok_or_else(|| anyhow::anyhow!(usage))?)?;
    let rounds: usize = args.next().map_or(Ok(21), |r| r.parse())?;
    let cold = args.next().is_some_and(|mode| mode == "cold");
    let queries: Vec<&str> = queries
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let mut engine = Engine::open(&index)?;
    let mut without = vec![Vec::new(); queries.len()];
    let mut with = vec![Vec::new(); queries.len()];
    let mut stages = vec![Vec::new(); queries.len()];
    for round in 0..rounds {
        for (i, query) in queries.iter().enumerate() {
            let mut request = Request::new(*query);
            if let Ok(n) = std::env::var("FRAGMENTS") {
                request.fragments = n.parse()?;
            }
            for snippets in [round % 2 == 0, round % 2 == 1] {
                request.snippets = snippets;
                if cold {
                    engine = Engine::open(&index)?;
                } else {
                    engine.search(&request)?;
                }
                let results = engine.search(&request)?;
                if snippets {
                    with[i].push(results.timings.total());
                    stages[i].push(results.timings.snippets);
                } else {
                    without[i].push(results.timings.total());
                }
            }
        }
    }
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{:<28} {:>9} {:>9} {:>9} {:>7}",
        "query", "plain ms", "snip ms", "stage ms", "extra"
    );
    let (mut all_without, mut all_with, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for (i, query) in queries.iter().enumerate() {
        let (a, b, s) = (
            median(&mut without[i]),
            median(&mut with[i]),
            median(&mut stages[i]),
        );
        println!(
            "{:<28} {:>9.3} {:>9.3} {:>9.3} {:>6.0}%",
            query,
            ms(a),
            ms(b),
            ms(s),
            (ms(b) / ms(a) - 1.0) * 100.0
        );
        all_without.push(a);
        all_with.push(b);
        ratios.push(ms(b) / ms(a));
    }
    ratios.sort_by(f64::total_cmp);
    let (a, b) = (median(&mut all_without), median(&mut all_with));
    println!(
        "median over queries: plain {:.3} ms, with snippets {:.3} ms ({:+.0}%); median of per-query extra {:+.0}%",
        ms(a),
        ms(b),
        (ms(b) / ms(a) - 1.0) * 100.0,
        (ratios[ratios.len() / 2] - 1.0) * 100.0
    );
    Ok(())
}

fn median(values: &mut [Duration]) -> Duration {
    values.sort();
    values.get(values.len() / 2).copied().unwrap_or_default()
}
