//! The indexing progress bar (indicatif, on stderr) and the notices printed beside it.

use std::fmt::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

use crate::index::build::Progress;

use super::sanitize::one_line;

/// The indexing bar. Its position counts files, so its rates come from [`Counts`]: indicatif's
/// own `{bytes_per_sec}` would show files per second, as binary bytes.
const INDEXING: &str =
    "{spinner} indexing [{bar:30}] {pos}/{len} files  {mb_per_s}  {articles_per_s}  ETA {eta}";

/// A progress bar of files read, with MB/s, articles/s and ETA; hidden when quiet or not on a
/// terminal.
pub(crate) struct Bar {
    bar: ProgressBar,
    quiet: bool,
    counts: Arc<Counts>,
}

/// Bytes read and articles indexed since the pass began, for the bar's rates.
#[derive(Default)]
struct Counts {
    bytes: AtomicU64,
    articles: AtomicU64,
}

/// Megabytes (10^6 bytes) per second, as the bar and the summary line show them: `14.7 MB/s`.
pub(crate) fn mb_per_s(bytes: u64, seconds: f64) -> String {
    format!("{:.1} MB/s", bytes as f64 / 1e6 / seconds.max(1e-9))
}

/// Articles per second, whole, as the bar and the summary line show them: `2710 articles/s`.
pub(crate) fn articles_per_s(articles: u64, seconds: f64) -> String {
    format!("{:.0} articles/s", articles as f64 / seconds.max(1e-9))
}

impl Bar {
    pub(crate) fn new(quiet: bool) -> Bar {
        let counts = Arc::new(Counts::default());
        let (bytes, articles) = (Arc::clone(&counts), Arc::clone(&counts));
        let style = style(INDEXING).map(|style| {
            style
                .with_key(
                    "mb_per_s",
                    move |state: &ProgressState, w: &mut dyn Write| {
                        let n = bytes.bytes.load(Ordering::Relaxed);
                        let _ = w.write_str(&mb_per_s(n, state.elapsed().as_secs_f64()));
                    },
                )
                .with_key(
                    "articles_per_s",
                    move |state: &ProgressState, w: &mut dyn Write| {
                        let n = articles.articles.load(Ordering::Relaxed);
                        let _ = w.write_str(&articles_per_s(n, state.elapsed().as_secs_f64()));
                    },
                )
        });
        Bar::styled(quiet, style, counts)
    }

    /// The bar of `newsdex export`, counting `unit`s (articles of an index, files of a corpus).
    pub(crate) fn exporting(quiet: bool, unit: &str) -> Bar {
        let template = format!(
            "{{spinner}} exporting [{{bar:30}}] {{pos}}/{{len}} {unit}  {{elapsed}}  ETA {{eta}}"
        );
        Bar::styled(quiet, style(&template), Arc::default())
    }

    fn styled(quiet: bool, style: Option<ProgressStyle>, counts: Arc<Counts>) -> Bar {
        let target = if quiet {
            ProgressDrawTarget::hidden()
        } else {
            // indicatif draws on stderr only when it is a terminal.
            ProgressDrawTarget::stderr()
        };
        let bar = ProgressBar::with_draw_target(None, target);
        bar.set_style(style.unwrap_or_else(ProgressStyle::default_bar));
        Bar { bar, quiet, counts }
    }
}

/// A bar style from a template, or `None` if the template is wrong.
fn style(template: &str) -> Option<ProgressStyle> {
    ProgressStyle::with_template(template)
        .ok()
        .map(|s| s.progress_chars("=> "))
}

impl Progress for Bar {
    fn begin(&self, files: u64, _bytes: u64) {
        // A watch runs many passes on one bar.
        self.bar.reset();
        self.counts.bytes.store(0, Ordering::Relaxed);
        self.counts.articles.store(0, Ordering::Relaxed);
        self.bar.set_length(files);
        self.bar.enable_steady_tick(Duration::from_millis(120));
    }

    fn advance(&self, bytes: u64) {
        self.counts.bytes.fetch_add(bytes, Ordering::Relaxed);
        self.bar.inc(1);
    }

    fn indexed(&self, articles: u64) {
        self.counts.articles.fetch_add(articles, Ordering::Relaxed);
    }

    fn notice(&self, message: &str) {
        if !self.quiet {
            self.bar
                .suspend(|| eprintln!("newsdex: {}", one_line(message)));
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_decimal_megabytes_and_whole_articles_per_second() {
        assert_eq!(mb_per_s(14_700_000, 1.0), "14.7 MB/s");
        // 1 MiB is 1.05 MB, never "1.00 MiB/s".
        assert_eq!(mb_per_s(1 << 20, 1.0), "1.0 MB/s");
        assert_eq!(mb_per_s(3_000_000, 2.0), "1.5 MB/s");
        assert_eq!(articles_per_s(5420, 2.0), "2710 articles/s");
        // No division by zero at the start of a pass.
        assert_eq!(articles_per_s(0, 0.0), "0 articles/s");
    }

    #[test]
    fn the_bar_counts_bytes_and_articles_not_files() {
        let bar = Bar::new(true);
        bar.begin(2, 3_000_000);
        bar.advance(1_000_000);
        bar.advance(2_000_000);
        bar.indexed(7);
        assert_eq!(bar.counts.bytes.load(Ordering::Relaxed), 3_000_000);
        assert_eq!(bar.counts.articles.load(Ordering::Relaxed), 7);
        assert_eq!(bar.bar.position(), 2);
        // A new pass (of a watch) starts its rates afresh.
        bar.begin(1, 10);
        assert_eq!(bar.counts.bytes.load(Ordering::Relaxed), 0);
        assert_eq!(bar.counts.articles.load(Ordering::Relaxed), 0);
    }

    #[test]
    fn the_indexing_template_is_valid() {
        assert!(style(INDEXING).is_some());
    }
}
