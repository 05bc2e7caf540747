//! Printing `newsdex bench` reports.

use std::io::{self, Write};

use crate::bench::{BenchReport, Group};

pub fn write_json(out: &mut impl Write, report: &BenchReport) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    out.write_all(b"\n")
}

pub fn write_text(out: &mut impl Write, report: &BenchReport) -> io::Result<()> {
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
