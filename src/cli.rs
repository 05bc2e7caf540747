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
    /// Print the speakers, locations and dates found in articles.
    Extract(ExtractArgs),
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
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
