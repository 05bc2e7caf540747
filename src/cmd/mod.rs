//! One module per subcommand: resolve options, call the library, hand results to a printer.

pub(crate) mod bench;
pub(crate) mod completions;
pub(crate) mod export;
pub(crate) mod extract;
pub(crate) mod index;
pub(crate) mod man;
pub(crate) mod paths;
pub(crate) mod quotes;
pub(crate) mod search;
pub(crate) mod show;
pub(crate) mod speakers;
pub(crate) mod stats;

use std::io::{self, Write};

use chrono::NaiveDate;

use crate::cli::{Cli, Color, Command, CountBy, FacetArgs, Format, Interval, PeriodArgs};
use crate::error::Error;
use crate::output;
use crate::search::facets::{self, FacetOptions};
use crate::search::period;

/// Exit code: success (and, for `search`, at least one hit).
pub(crate) const EXIT_OK: u8 = 0;
/// Exit code of `search` when nothing matched.
pub(crate) const EXIT_NO_HITS: u8 = 1;
/// Exit code of any error.
pub const EXIT_ERROR: u8 = 2;
/// Exit code of an `index` run stopped by Ctrl-C (SIGINT) or SIGTERM once its work so far is
/// committed: 128 + SIGINT, as shells report a process that SIGINT ended (and as ripgrep does).
pub(crate) const EXIT_INTERRUPTED: u8 = 130;

/// Run the command line and return the process exit code.
pub fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Index(args) => index::run(&args),
        Command::Search(args) => search::run(&args),
        Command::Quotes(args) => quotes::run(&args),
        Command::Speakers(args) => speakers::run(&args),
        Command::Show(args) => show::run(&args),
        Command::Stats(args) => stats::run(&args),
        Command::Extract(args) => extract::run(&args),
        Command::Bench(args) => bench::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Completions(args) => completions::run(&args),
        Command::Man(args) => man::run(&args),
    }
}

/// The days `--since` and `--until` stand for (the first and the last day of what they name).
fn period(args: &PeriodArgs) -> Result<(Option<NaiveDate>, Option<NaiveDate>), Error> {
    period::range(args.since.as_deref(), args.until.as_deref())
}

/// Draw the facets' timeline into the file `--timeline` names, if it names one.
fn draw_timeline(
    args: &FacetArgs,
    query: &str,
    facets: Option<&facets::Facets>,
) -> anyhow::Result<()> {
    let (Some(path), Some(facets)) = (&args.timeline, facets) else {
        return Ok(());
    };
    let timeline = &facets.timeline;
    let interval = match timeline.interval {
        facets::Interval::Day => "day",
        facets::Interval::Week => "week",
        facets::Interval::Month => "month",
        facets::Interval::Year => "year",
    };
    let y_label = match timeline.per {
        Some(n) => format!("articles per {n} of the index"),
        None => "articles".to_string(),
    };
    let subject = if query.trim().is_empty() {
        "all articles".to_string()
    } else {
        format!("\u{201c}{}\u{201d}", query.trim())
    };
    let points: Vec<output::timeline::Point> = timeline
        .points
        .iter()
        .map(|p| output::timeline::Point {
            start: p.start,
            value: p.value,
        })
        .collect();
    let title = format!("{subject}: {y_label} per {interval}");
    let picture = output::timeline::Picture {
        title: &title,
        y_label: &y_label,
        interval,
        points: &points,
    };
    output::timeline::write(path, &picture)?;
    Ok(())
}

/// The span of days `--mentions` stands for.
fn mentions(value: Option<&str>) -> Result<Option<period::Days>, Error> {
    value
        .map(|v| {
            period::days(v).map_err(|reason| Error::BadSpan {
                option: "--mentions",
                value: v.to_string(),
                reason,
            })
        })
        .transpose()
}

/// The facets `--facets`, `--interval` or `--per` ask for, if any.
fn facet_options(args: &FacetArgs) -> Option<FacetOptions> {
    let wanted = args.facets
        || args.interval.is_some()
        || args.per.is_some()
        || args.timeline.is_some()
        || args.facet_size.is_some()
        || args.count_by.is_some();
    wanted.then(|| FacetOptions {
        interval: args.interval.map(|i| match i {
            Interval::Day => facets::Interval::Day,
            Interval::Week => facets::Interval::Week,
            Interval::Month => facets::Interval::Month,
            Interval::Year => facets::Interval::Year,
        }),
        per: args.per,
        top: args.facet_size.map_or(facets::DEFAULT_TOP, |n| {
            usize::try_from(n).unwrap_or(usize::MAX)
        }),
        stories: args.count_by == Some(CountBy::Stories),
    })
}

/// Write results to stdout: JSON Lines, or text coloured as `--color` says.
pub(crate) fn print(
    format: Format,
    color: Color,
    json: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    text: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let stdout = io::stdout();
    match format {
        Format::Json => {
            let mut out = io::BufWriter::new(stdout.lock());
            json(&mut out)?;
            out.flush()
        }
        Format::Text => {
            let stream = anstream::AutoStream::new(stdout.lock(), output::style::choice(color));
            let mut out = io::BufWriter::new(stream);
            text(&mut out)?;
            out.flush()
        }
    }
}

/// Whether an error is only stdout being closed early (`newsdex search ... | head`).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The whole error chain on one line, without repeating a cause already in its parent's text.
pub fn one_line(err: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in err.chain() {
        let text = crate::output::sanitize::one_line(&cause.to_string());
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}
