//! Printing `newsdex bench` reports.

use std::io::{self, Write};

use crate::bench::{BenchReport, Group};

pub(crate) fn write_json(out: &mut impl Write, report: &BenchReport) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    out.write_all(b"\n")
}

pub(crate) fn write_text(out: &mut impl Write, report: &BenchReport) -> io::Result<()> {
    let i = &report.index;
    writeln!(
        out,
        "index {}: {} docs, {} segments, {:.1} MB",
        i.path,
        i.docs,
        i.segments,
        i.size_bytes as f64 / 1e6
    )?;
    if report.speakers {
        writeln!(
            out,
            "{} queries x {} iterations after {} warm-up pass(es), timing `speakers` (who is \
             quoted in the matching articles), top {}",
            report.overall.queries, report.iterations, report.warmup, report.limit,
        )?;
    } else {
        writeln!(
            out,
            "{} queries x {} iterations after {} warm-up pass(es), top {}, snippets {}",
            report.overall.queries,
            report.iterations,
            report.warmup,
            report.limit,
            if report.snippets { "on" } else { "off" }
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{:<9} {:>7} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>9}   {:>7} {:>7} {:>7} {:>7}",
        "kind",
        "samples",
        "min ms",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "max ms",
        "mean ms",
        "q/s",
        "parse",
        "search",
        "fetch",
        "snippet"
    )?;
    let groups = report.kinds.iter().chain([&report.overall, &report.cold]);
    for group in groups {
        row(out, group)?;
    }
    if !report.facet_costs.is_empty() {
        facet_costs(out, report)?;
    }
    Ok(())
}

/// What facets add to each query: its latency without and with them, side by side.
fn facet_costs(out: &mut impl Write, report: &BenchReport) -> io::Result<()> {
    writeln!(out)?;
    writeln!(
        out,
        "what facets add, query by query (ms; without and with facets, same iterations)"
    )?;
    writeln!(
        out,
        "{:<24} {:>9} {:>6}   {:>8} {:>8}   {:>8} {:>8}   {:>9} {:>9}",
        "query", "matches", "share", "p50", "p99", "p50 +f", "p99 +f", "added p50", "added p99"
    )?;
    for c in &report.facet_costs {
        let query: String = c.query.chars().take(24).collect();
        writeln!(
            out,
            "{:<24} {:>9} {:>5.1}%   {:>8.3} {:>8.3}   {:>8.3} {:>8.3}   {:>9.3} {:>9.3}",
            query,
            c.matches,
            c.share * 100.0,
            c.without.p50_ms,
            c.without.p99_ms,
            c.with.p50_ms,
            c.with.p99_ms,
            c.added_p50_ms,
            c.added_p99_ms
        )?;
    }
    Ok(())
}

fn row(out: &mut impl Write, g: &Group) -> io::Result<()> {
    let l = &g.latency;
    let s = &g.split;
    writeln!(
        out,
        "{:<9} {:>7} {:>8.3} {:>8.3} {:>8.3} {:>8.3} {:>8.3} {:>8.3} {:>9.0}   {:>7.3} {:>7.3} {:>7.3} {:>7.3}",
        g.name,
        l.count,
        l.min_ms,
        l.p50_ms,
        l.p90_ms,
        l.p99_ms,
        l.max_ms,
        l.mean_ms,
        l.qps,
        s.parse_ms,
        s.search_ms,
        s.fetch_ms,
        s.snippets_ms
    )
}
