//! The indexing progress bar (indicatif, on stderr) and the notices printed beside it.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::index::build::Progress;

use super::sanitize::one_line;

/// A progress bar of files read, with MB/s and ETA; hidden when quiet or not on a terminal.
pub struct Bar {
    bar: ProgressBar,
    quiet: bool,
}

impl Bar {
    pub fn new(quiet: bool) -> Bar {
        Bar::with_template(
            quiet,
            "{spinner} indexing [{bar:30}] {pos}/{len} files  {binary_bytes_per_sec}  ETA {eta}",
        )
    }

    /// The bar of `newsdex export`, counting `unit`s (articles of an index, files of a corpus).
    pub fn exporting(quiet: bool, unit: &str) -> Bar {
        Bar::with_template(
            quiet,
            &format!(
                "{{spinner}} exporting [{{bar:30}}] {{pos}}/{{len}} {unit}  {{elapsed}}  ETA {{eta}}"
            ),
        )
    }

    fn with_template(quiet: bool, template: &str) -> Bar {
        let target = if quiet {
            ProgressDrawTarget::hidden()
        } else {
            // indicatif draws on stderr only when it is a terminal.
            ProgressDrawTarget::stderr()
        };
        let bar = ProgressBar::with_draw_target(None, target);
        let style = ProgressStyle::with_template(template)
            .map(|s| s.progress_chars("=> "))
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        Bar { bar, quiet }
    }
}

impl Progress for Bar {
    fn begin(&self, files: u64, _bytes: u64) {
        // A watch runs many passes on one bar.
        self.bar.reset();
        self.bar.set_length(files);
        self.bar.enable_steady_tick(Duration::from_millis(120));
    }

    fn advance(&self, _bytes: u64) {
        self.bar.inc(1);
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
