//! `newsdex show`: one article by its id or path.

use crate::cli::ShowArgs;
use crate::output;

pub(crate) fn run(args: &ShowArgs) -> anyhow::Result<u8> {
    let engine = super::search::open(&args.paths, &args.build)?;
    let Some(article) = engine.article(&args.article)? else {
        eprintln!("{}", output::show::missing(&args.article));
        return Ok(super::EXIT_NO_HITS);
    };
    super::print(
        args.format,
        args.color,
        |mut out| output::show::write_json(&mut out, &article),
        |mut out| output::show::write_text(&mut out, &article),
    )?;
    Ok(super::EXIT_OK)
}
