//! Writing `newsdex export` output: records as JSON Lines or as Elasticsearch `_bulk` pairs, and
//! the summary line.
//!
//! Record text is written as JSON strings, never to a terminal as is, so it needs no sanitising
//! here: serde_json escapes control characters.

use std::io::{self, Write};

use serde::Serialize;

use crate::export::record::Record;
use crate::export::source::ExportReport;

/// One record on one line.
pub(crate) fn write_line(out: &mut impl Write, record: &Record) -> io::Result<()> {
    serde_json::to_writer(&mut *out, record)?;
    out.write_all(b"\n")
}

/// The `_bulk` action line of a record: index it under its newsdex id, so exporting again
/// replaces documents instead of duplicating them.
#[derive(Serialize)]
struct BulkAction<'a> {
    index: BulkTarget<'a>,
}

#[derive(Serialize)]
struct BulkTarget<'a> {
    #[serde(rename = "_id")]
    id: &'a str,
}

/// A record as the two lines of an Elasticsearch/OpenSearch `_bulk` request.
pub(crate) fn write_bulk(out: &mut impl Write, record: &Record) -> io::Result<()> {
    let action = BulkAction {
        index: BulkTarget { id: &record.id },
    };
    serde_json::to_writer(&mut *out, &action)?;
    out.write_all(b"\n")?;
    write_line(out, record)
}

/// `newsdex: exported 295 articles (12 outside the period), skipped 2 files, 0 warnings, 1.3 s`
pub(crate) fn summary(report: &ExportReport) -> String {
    let mut line = format!("newsdex: exported {} articles", report.exported);
    if report.outside_period > 0 {
        line.push_str(&format!(" ({} outside the period)", report.outside_period));
    }
    if report.outside_folder > 0 {
        line.push_str(&format!(" ({} outside --path)", report.outside_folder));
    }
    line.push_str(&format!(
        ", skipped {} files, {} warnings, {:.1} s",
        report.skipped_files, report.warnings, report.seconds
    ));
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bulk_pair_is_an_action_then_the_record() {
        let record = Record::example();
        let mut out = Vec::new();
        write_bulk(&mut out, &record).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        let action: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(action["index"]["_id"], record.id.as_str());
        let back: Record = serde_json::from_str(lines[1]).unwrap();
        assert_eq!(back, record);
    }

    #[test]
    fn control_characters_in_text_stay_escaped_on_one_line() {
        let mut record = Record::example();
        record.body = "line one\nline two\u{1b}[31m\u{202e}".to_string();
        let mut out = Vec::new();
        write_line(&mut out, &record).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 1);
        assert!(!text.contains('\u{1b}'));
    }

    #[test]
    fn the_summary_mentions_the_period_only_when_it_left_articles_out() {
        let mut report = ExportReport {
            exported: 3,
            ..ExportReport::default()
        };
        assert!(!summary(&report).contains("outside"));
        report.outside_period = 2;
        assert!(summary(&report).contains("(2 outside the period)"));
        report.outside_folder = 4;
        assert!(summary(&report).contains("(4 outside --path)"));
    }
}
