//! The summary line at the end of an indexing pass.

use crate::index::build::BuildReport;

use super::progress;

/// `newsdex: 3 added, 1 updated, 2 removed, 291 unchanged files; read 4 files, indexed 5 articles
/// (297 in the index), skipped 1 (1 empty), ignored: 12 .pdf, 0 warnings, 0.4 s, 1.1 MB/s,
/// 12 articles/s` (the rates as the progress bar shows them; `ignored` for files whose kind
/// holds no article, and `records without article` for WARC records other than HTML pages, only
/// when there are some)
pub(crate) fn summary(report: &BuildReport) -> String {
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
    let ignored = if report.ignored.is_empty() {
        String::new()
    } else {
        let kinds: Vec<String> = report
            .ignored
            .iter()
            .map(|(ext, n)| format!("{n} {ext}"))
            .collect();
        format!(", ignored: {}", kinds.join(", "))
    };
    let passed_over = if report.passed_over.is_empty() {
        String::new()
    } else {
        let kinds: Vec<String> = report
            .passed_over
            .iter()
            .map(|(kind, n)| format!("{n} {kind}"))
            .collect();
        format!(", records without article: {}", kinds.join(", "))
    };
    let interrupted = if report.interrupted {
        "; interrupted: run `newsdex index` again to finish"
    } else {
        ""
    };
    format!(
        "newsdex: {} added, {} updated, {} removed, {} unchanged files; read {} files, indexed {} \
         articles ({} in the index), {skipped}{ignored}{passed_over}, {} warnings, {:.1} s, {}, \
         {}{interrupted}",
        report.added,
        report.updated,
        report.removed,
        report.unchanged,
        report.files,
        report.indexed,
        report.articles,
        report.warnings,
        report.seconds,
        progress::mb_per_s(report.bytes, report.seconds),
        progress::articles_per_s(report.indexed, report.seconds)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_names_the_four_kinds_of_change() {
        let report = BuildReport {
            added: 3,
            updated: 1,
            removed: 2,
            unchanged: 291,
            files: 4,
            indexed: 5,
            articles: 297,
            ..BuildReport::default()
        };
        let line = summary(&report);
        assert!(
            line.starts_with(
                "newsdex: 3 added, 1 updated, 2 removed, 291 unchanged files; read 4 files, \
                 indexed 5 articles (297 in the index), skipped 0, 0 warnings"
            ),
            "{line}"
        );
        assert!(!line.contains("interrupted"));
        assert!(!line.contains("ignored"));
        let mut ignored = BuildReport::default();
        ignored.ignored.insert(".pdf".into(), 12);
        ignored.ignored.insert(".jpg".into(), 1);
        ignored.passed_over.insert("request".into(), 3);
        let line = summary(&ignored);
        assert!(
            line.contains(
                "skipped 0, ignored: 1 .jpg, 12 .pdf, records without article: 3 request, 0 \
                 warnings"
            ),
            "{line}"
        );
        let timed = summary(&BuildReport {
            bytes: 15_000_000,
            indexed: 5000,
            seconds: 2.0,
            ..BuildReport::default()
        });
        assert!(
            timed.ends_with("2.0 s, 7.5 MB/s, 2500 articles/s"),
            "{timed}"
        );
        let stopped = BuildReport {
            interrupted: true,
            ..report
        };
        assert!(summary(&stopped).contains("interrupted"));
    }
}
