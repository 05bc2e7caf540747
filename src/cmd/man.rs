//! `newsdex man`: the manual page (roff), generated from the clap definition.
//!
//! clap_mangen writes the name, synopsis, description, options and subcommands; the long help
//! after the options (examples, query syntax, exit status: [`crate::help`]) becomes sections of
//! their own rather than clap_mangen's one untitled "EXTRA" block.

use std::io::Write;

use anyhow::Context;
use clap::CommandFactory;
use roff::{Roff, roman};

use crate::cli::{Cli, ManArgs};
use crate::help;

pub(crate) fn run(args: &ManArgs) -> anyhow::Result<u8> {
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    match &args.dir {
        Some(dir) => {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            write_pages(command, dir)
                .with_context(|| format!("writing manual pages into {}", dir.display()))?;
        }
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            render(command, &mut out)?;
            out.flush()?;
        }
    }
    Ok(super::EXIT_OK)
}

/// One page for the command and one for each of its subcommands, as `newsdex-search.1`.
fn write_pages(command: clap::Command, dir: &std::path::Path) -> std::io::Result<()> {
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_pages(sub.clone(), dir)?;
    }
    let name = clap_mangen::Man::new(command.clone()).get_filename();
    let mut out = std::io::BufWriter::new(std::fs::File::create(dir.join(name))?);
    render(command, &mut out)?;
    out.flush()
}

/// The page of one command: clap_mangen's sections, then one per section of its long help.
pub(crate) fn render(command: clap::Command, out: &mut dyn Write) -> std::io::Result<()> {
    let after = command
        .get_after_long_help()
        .or_else(|| command.get_after_help())
        .map(|text| text.to_string());
    let has_subcommands = command.has_subcommands();
    let has_version = command.get_version().is_some() || command.get_long_version().is_some();
    let has_author = command.get_author().is_some();
    let man = clap_mangen::Man::new(command);
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    if has_subcommands {
        man.render_subcommands_section(out)?;
    }
    if let Some(text) = after {
        extra_sections(&text).to_writer(out)?;
    }
    if has_version {
        man.render_version_section(out)?;
    }
    if has_author {
        man.render_authors_section(out)?;
    }
    Ok(())
}

/// Each `Heading:` of a help text as a section (`.SH HEADING`), its lines kept as written.
fn extra_sections(text: &str) -> Roff {
    let mut roff = Roff::default();
    for (heading, lines) in help::sections(text) {
        let title = if heading.is_empty() {
            "NOTES".to_string()
        } else {
            heading.to_uppercase()
        };
        roff.control("SH", [title.as_str()]);
        roff.control("nf", []);
        for line in lines {
            roff.text([roman(line)]);
        }
        roff.control("fi", []);
    }
    roff
}
