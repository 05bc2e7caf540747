//! Command-line definition (clap derive types only).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Full-text search for news articles: who said what, where, and when.
#[derive(Debug, Parser)]
#[command(name = "newsdex", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build or update the index of a corpus folder.
    Index(IndexArgs),
    /// Search the index: ranked articles with highlighted snippets.
    Search(SearchArgs),
    /// Show what the index holds: articles, size, top speakers, locations and years.
    Stats(StatsArgs),
    /// Print the speakers, locations and dates found in articles.
    Extract(ExtractArgs),
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// When to colour terminal output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

/// Where the index and the corpus are.
#[derive(Debug, Clone, Args)]
pub struct Paths {
    /// Index folder.
    #[arg(long, value_name = "DIR", default_value = "index")]
    pub index: PathBuf,
    /// Corpus folder (articles as .txt, .json, .jsonl files; any depth).
    #[arg(long, value_name = "DIR", default_value = "corpus")]
    pub corpus: PathBuf,
}

/// How to build an index.
#[derive(Debug, Clone, Args)]
pub struct BuildArgs {
    /// Threads for reading, extraction and indexing [default: all cores].
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Memory budget of the index writer, in MB.
    #[arg(long, value_name = "N", default_value_t = 256)]
    pub memory_mb: usize,
    /// No progress bar, no notices; errors only.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Indexing is incremental: new files are added, changed ones replaced, vanished ones deleted.
#[derive(Debug, Args)]
pub struct IndexArgs {
    #[command(flatten)]
    pub paths: Paths,
    #[command(flatten)]
    pub build: BuildArgs,
    /// Start over: index the whole corpus again (also replaces an index written by an
    /// incompatible newsdex).
    #[arg(long)]
    pub rebuild: bool,
    /// Keep running and index files as they appear, change or vanish, until interrupted.
    #[arg(long)]
    pub watch: bool,
    /// Commit after reading this many MB of changed files (and at least every 30 seconds), so
    /// that an interrupted run keeps its work.
    #[arg(long, value_name = "MB", default_value_t = 128)]
    pub commit_mb: u64,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words (all required), "phrases", -excluded words, OR, field:value
    /// (fields: title, body, speaker, location, country, path, url).
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: String,
    /// Only articles quoting this speaker (a name or part of it, case-insensitive).
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    /// Only articles naming this place (case-insensitive).
    #[arg(long, value_name = "PLACE")]
    pub location: Option<String>,
    /// Only articles published on or after this date (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only articles published on or before this date (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Number of results.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub limit: usize,
    /// Number of top results to skip (for paging).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub offset: usize,
    /// Snippet fragment length, in characters.
    #[arg(long, value_name = "N", default_value_t = 200)]
    pub snippet_chars: usize,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    #[command(flatten)]
    pub paths: Paths,
    /// Used when the index is missing and gets built from the corpus first.
    #[command(flatten)]
    pub build: BuildArgs,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Index folder.
    #[arg(long, value_name = "DIR", default_value = "index")]
    pub index: PathBuf,
    /// How many top speakers, locations and years to show.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub top: usize,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Article files, folders of articles, or JSON Lines files of articles.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format: a readable summary, or one JSON object per article.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
