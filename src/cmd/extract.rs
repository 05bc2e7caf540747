//! `newsdex extract`: print what the extractor finds in articles.

use crate::cli::{ExtractArgs, Format};
use crate::ingest::{self, read, walk};
use crate::output;
use crate::output::sanitize::one_line;

pub(crate) fn run(args: &ExtractArgs) -> anyhow::Result<u8> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for path in &args.paths {
        std::fs::metadata(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        let (files, problems) = walk::files(path);
        for problem in problems {
            let message = format!("{}: {}", problem.path.display(), problem.reason);
            eprintln!("newsdex: warning: {}", one_line(&message));
        }
        for file in files {
            // A file of records comes in pieces, each printed as it is read.
            let mut failed = None;
            let read = read::read_pieces(&file, None, &mut |read| {
                for warning in &read.warnings {
                    eprintln!("newsdex: warning: {}", one_line(warning));
                }
                for raw in &read.articles {
                    let article = ingest::prepare(raw);
                    let written = match args.format {
                        Format::Json => output::extract::write_json(&mut out, &article),
                        Format::Text => output::extract::write_text(&mut out, &article),
                    };
                    if let Err(err) = written {
                        failed = Some(err);
                        return false;
                    }
                }
                true
            });
            if let Some(err) = failed {
                return Err(err.into());
            }
            if let Err(skip) = read {
                let message = format!("{}: {skip}", file.path.display());
                eprintln!("newsdex: skipped {}", one_line(&message));
            }
        }
    }
    use std::io::Write;
    out.flush()?;
    Ok(super::EXIT_OK)
}
