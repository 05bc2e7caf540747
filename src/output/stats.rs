//! Printing `newsdex stats`.

use std::io::{self, Write};

use crate::index::stats::{Count, Stats};

pub(crate) fn write_json(out: &mut impl Write, stats: &Stats) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, stats)?;
    out.write_all(b"\n")
}

pub fn write_text(out: &mut impl Write, stats: &Stats) -> io::Result<()> {
    writeln!(
        out,
        "index      {}",
        super::sanitize::one_line(&stats.index)
    )?;
    writeln!(out, "articles   {}", stats.articles)?;
    if let Some(stories) = stats.stories {
        writeln!(out, "stories    {stories} (the lists below count stories)")?;
    }
    writeln!(out, "segments   {}", stats.segments)?;
    writeln!(out, "size       {:.1} MB", stats.size_bytes as f64 / 1e6)?;
    list(out, "speakers", &stats.speakers)?;
    list(out, "locations", &stats.locations)?;
    list(out, "years", &stats.years)?;
    if stats.undated > 0 {
        writeln!(out, "undated    {}", stats.undated)?;
    }
    Ok(())
}

fn list(out: &mut impl Write, label: &str, counts: &[Count]) -> io::Result<()> {
    writeln!(out, "\n{label}")?;
    for count in counts {
        writeln!(
            out,
            "  {:>6}  {}",
            count.articles,
            super::sanitize::one_line(&count.value)
        )?;
    }
    Ok(())
}
