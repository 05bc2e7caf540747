//! `newsdex extract`: print what the extractor finds in articles.

use crate::cli::{ExtractArgs, Format};
use crate::ingest::{self, read, walk};
use crate::output;
use crate::output::sanitize::one_line;

pub fn run(args: &ExtractArgs) -> anyhow::Result<u8> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for path in &args.paths {
        let (files, problems) = if path.is_dir() {
            walk::files(path)
        } else {
            let relative = path.to_string_lossy().into_owned();
            let size = std::fs::metadata(path)
                .map(|m| m.len())
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            (
                vec![walk::SourceFile {
                    path: path.clone(),
                    relative,
                    size,
                }],
                Vec::new(),
            )
        };
        for problem in problems {
            // File names and their contents are untrusted: escape them for the terminal.
            eprintln!(
                "newsdex: warning: {}: {}",
                one_line(&problem.path.to_string_lossy()),
                one_line(&problem.reason)
            );
        }
        for file in files {
            let read = match read::read_file(&file) {
                Ok(read) => read,
                Err(skip) => {
                    eprintln!(
                        "newsdex: skipped {}: {}",
                        one_line(&file.path.to_string_lossy()),
                        one_line(&skip.to_string())
                    );
                    continue;
                }
            };
            for warning in &read.warnings {
                eprintln!("newsdex: warning: {}", one_line(warning));
            }
            for raw in &read.articles {
                let article = ingest::prepare(raw);
                match args.format {
                    Format::Json => output::extract::write_json(&mut out, &article)?,
                    Format::Text => output::extract::write_text(&mut out, &article)?,
                }
            }
        }
    }
    use std::io::Write;
    out.flush()?;
    Ok(super::EXIT_OK)
}
