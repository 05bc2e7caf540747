//! The summary line at the end of an indexing run.

use crate::index::build::BuildReport;

/// `indexed 295 articles from 297 files, skipped 2 (1 binary, 1 empty), 0 warnings, 1.3 s, 1.1 MB/s`
pub fn summary(report: &BuildReport) -> String {
    let skipped = if report.skipped.is_empty() {
        "skipped 0".to_string()
    } else {
        let reasons: Vec<String> = report
            .skipped
            .iter()
            .map(|(reason, n)| format!("{n} {reason}"))
            .collect();
        format!(
            "skipped {} ({})",
            report.skipped_total(),
            reasons.join(", ")
        )
    };
    format!(
        "newsdex: indexed {} articles from {} files, {skipped}, {} warnings, {:.1} s, {:.1} MB/s",
        report.indexed,
        report.files,
        report.warnings,
        report.seconds,
        report.mb_per_s()
    )
}
