//! Command-line definition (clap derive types only).

use std::path::PathBuf;

use clap::builder::RangedU64ValueParser;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::index::budget::MAX_THREADS;

/// `--threads`: 1 to [`MAX_THREADS`].
fn threads() -> RangedU64ValueParser<usize> {
    RangedU64ValueParser::new().range(1..=MAX_THREADS as u64)
}

/// Most measured runs of each query `bench` makes.
pub(crate) const MAX_ITERATIONS: u64 = 10_000;
/// Most warm-up passes `bench` makes.
pub(crate) const MAX_WARMUP: u64 = 1_000;

/// Full-text search for news articles: who said what, where, and when.
#[derive(Debug, Parser)]
#[command(
    name = "newsdex",
    version,
    about,
    max_term_width = 100,
    after_help = "Examples, the query syntax and the exit status: newsdex --help.",
    after_long_help = crate::help::MAIN
)]
pub struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Build or update the index of a corpus folder.
    Index(IndexArgs),
    /// Search the index: ranked articles with highlighted snippets.
    Search(SearchArgs),
    /// Who said what: the quotes that match a query, with speaker, date and article.
    Quotes(QuotesArgs),
    /// Who is quoted: people and organisations, each under all its names, by the articles that
    /// quote them (those matching QUERY, if given).
    Speakers(SpeakersArgs),
    /// Print one article by its id or its path: text, fields and quotes.
    Show(ShowArgs),
    /// Show what the index holds: articles, size, top speakers, locations and years.
    Stats(StatsArgs),
    /// Print the speakers, locations and dates found in articles.
    Extract(ExtractArgs),
    /// Measure query latency over a query set (percentiles, throughput, time per stage).
    Bench(BenchArgs),
    /// Write every article as JSON Lines, or the Quickwit/Elasticsearch mapping for them.
    Export(ExportArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or write one page per command into a folder.
    Man(ManArgs),
}

/// The order of search hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Sort {
    /// Best match first (BM25; with --recency, decayed by age).
    Relevance,
    /// Latest publication date first; undated articles last.
    Newest,
    /// Earliest publication date first; undated articles last.
    Oldest,
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Text,
    Json,
}

/// When to colour terminal output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Color {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

/// Where the index and the corpus are. `None`: not given (nor set in the environment), so the
/// default applies (see `cmd::paths`).
#[derive(Debug, Clone, Args)]
pub(crate) struct Paths {
    /// Index folder [default: index].
    ///
    /// Where the index is missing, `search`, `quotes` and `show` build it from the corpus first
    /// only when neither this nor NEWSDEX_INDEX is set, or when --corpus (or NEWSDEX_CORPUS) is
    /// too.
    #[arg(long, value_name = "DIR", env = "NEWSDEX_INDEX")]
    pub index: Option<PathBuf>,
    /// Corpus folder (articles as .txt, .json, .jsonl files; any depth) [default: corpus].
    #[arg(long, value_name = "DIR", env = "NEWSDEX_CORPUS")]
    pub corpus: Option<PathBuf>,
}

/// How to build an index.
#[derive(Debug, Clone, Args)]
pub(crate) struct BuildArgs {
    /// Threads for reading, extraction and indexing, 1 to 256 [default: all cores].
    #[arg(long, value_name = "N", value_parser = threads(), allow_negative_numbers = true)]
    pub threads: Option<usize>,
    /// Memory budget of the build, in MB: about 22 to 5725 per thread [default: 256, or the
    /// least the threads take]; tantivy's writer gets three quarters, the story lookup of the
    /// articles of a run one.
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub memory_mb: Option<usize>,
    /// No progress bar, no notices; errors only.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Indexing is incremental: new files are added, changed ones replaced, vanished ones deleted.
#[derive(Debug, Args)]
pub(crate) struct IndexArgs {
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
    #[arg(
        long,
        value_name = "MB",
        default_value_t = 128,
        allow_negative_numbers = true
    )]
    pub commit_mb: u64,
    /// Read only the files that match this glob, written as in a .gitignore (`*.warc.gz`,
    /// `2024/**`); repeatable.
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Leave out the files (or folders) that match this glob, written as in a .gitignore
    /// (`README.TXT`, `drafts/`); repeatable, and stronger than --include.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
}

/// `--since` and `--until`, as search, quotes and export take them.
#[derive(Debug, Args)]
pub(crate) struct PeriodArgs {
    /// Only articles published on or after this date (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only articles published on or before this date (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
}

/// `--facets`, `--interval` and `--per`, as search and quotes take them.
#[derive(Debug, Args)]
pub(crate) struct FacetArgs {
    /// Also count, over every matching article (not only the page shown), the most quoted
    /// speakers, the locations, the countries and the articles per period.
    #[arg(long)]
    pub facets: bool,
    /// Period of the facets' timeline [default: chosen from the span of the matches] (implies
    /// --facets).
    #[arg(long, value_enum, value_name = "INTERVAL")]
    pub interval: Option<Interval>,
    /// Give the timeline per N articles of the whole index in each period, not as counts
    /// (implies --facets).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..), allow_negative_numbers = true)]
    pub per: Option<u64>,
    /// Also draw the timeline as a picture into FILE: SVG or PNG, by the name's extension
    /// (implies --facets).
    #[arg(long, value_name = "FILE")]
    pub timeline: Option<PathBuf>,
    /// Entries of the speakers, locations and countries facets [default: 10] (implies
    /// --facets).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..), allow_negative_numbers = true)]
    pub facet_size: Option<u64>,
    /// What the facets count: matching articles, or matching stories (each story once, with
    /// the speakers, places and date of its first version) (implies --facets).
    #[arg(long, value_enum, value_name = "WHAT")]
    pub count_by: Option<CountBy>,
}

/// What counts count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CountBy {
    Articles,
    Stories,
}

/// A timeline's period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Interval {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Debug, Args)]
#[command(
    after_help = crate::help::SEARCH_SHORT,
    after_long_help = crate::help::SEARCH
)]
pub(crate) struct SearchArgs {
    /// Words (all required), "phrases", -excluded words, OR, field:value
    /// (fields: title, body, speaker, location, country, path, url, id, mentions).
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: String,
    /// Only articles quoting this speaker (a name or part of it, case-insensitive).
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    /// Only articles naming this place (case-insensitive).
    #[arg(long, value_name = "PLACE")]
    pub location: Option<String>,
    /// Only articles under this folder of the corpus (`bbc/sport`), or whose path starts with
    /// PREFIX when it ends with `*` (`bbc/sport/0*`).
    #[arg(long, value_name = "PREFIX")]
    pub path: Option<String>,
    #[command(flatten)]
    pub period: PeriodArgs,
    /// Only articles that mention a day of this span: YYYY-MM-DD, YYYY-MM, YYYY, or FROM..TO
    /// with either end optional (2025-01..2025-03, 2025-02..).
    #[arg(long, value_name = "DATE")]
    pub mentions: Option<String>,
    /// Articles holding any of the words, those holding the most first (instead of all).
    #[arg(long)]
    pub any: bool,
    /// Order of the hits: by relevance, or by publication date (undated articles last; the
    /// same day by relevance).
    #[arg(long, value_enum, default_value_t = Sort::Relevance)]
    pub sort: Sort,
    /// Blend relevance with freshness: the score is multiplied by 2^(-age/HALF_LIFE), the age
    /// counted from the newest article in the index (30d, 2w, 6m, 1y); undated articles come
    /// after dated ones. Only with --sort relevance.
    #[arg(long, value_name = "HALF_LIFE", allow_hyphen_values = true)]
    pub recency: Option<String>,
    /// Number of results [default: 10; with --paths, every match] (0: only count the matching
    /// articles).
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub limit: Option<usize>,
    /// Number of top results to skip (for paging).
    #[arg(
        long,
        value_name = "N",
        default_value_t = 0,
        allow_negative_numbers = true
    )]
    pub offset: usize,
    /// Snippet fragment length, in characters.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 200,
        allow_negative_numbers = true
    )]
    pub snippet_chars: usize,
    /// Most snippet fragments per hit (0: no snippet).
    #[arg(
        long,
        value_name = "N",
        default_value_t = 2,
        allow_negative_numbers = true
    )]
    pub fragments: usize,
    /// Print only the number of matching articles (with --format json: only the summary line).
    #[arg(long, conflicts_with = "list_paths")]
    pub count: bool,
    /// Print only the paths of the matching articles, one a line, best first, each once: every
    /// match unless --limit is given (for scripts, like `rg -l`).
    #[arg(long = "paths", conflicts_with = "format")]
    pub list_paths: bool,
    /// List every matching version of each story under its best one (hits are one per story:
    /// updates, corrections and copies of one report are versions of it).
    #[arg(long, conflicts_with = "list_paths")]
    pub versions: bool,
    /// One hit per matching article: the versions of a story each ranked on their own.
    #[arg(long, conflicts_with = "versions")]
    pub articles: bool,
    /// Count matching stories exactly up to N; beyond, estimate them (to about 1.5% at the
    /// default) and say "about".
    #[arg(
        long,
        value_name = "N",
        default_value_t = crate::search::collapse::EXACT_STORIES,
        allow_negative_numbers = true
    )]
    pub exact_stories: usize,
    #[command(flatten)]
    pub facets: FacetArgs,
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
#[command(
    after_help = crate::help::QUOTES_SHORT,
    after_long_help = crate::help::QUOTES
)]
pub(crate) struct QuotesArgs {
    /// Words the quote must say (all required), "phrases", -excluded words, OR; may be
    /// empty ("") with --speaker.
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: String,
    /// Only quotes by this speaker (a name or part of it, case-insensitive).
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    /// Only quotes from articles naming this place (case-insensitive).
    #[arg(long, value_name = "PLACE")]
    pub location: Option<String>,
    /// Only quotes from articles under this folder of the corpus, or whose path starts with
    /// PREFIX when it ends with `*`.
    #[arg(long, value_name = "PREFIX")]
    pub path: Option<String>,
    #[command(flatten)]
    pub period: PeriodArgs,
    /// Only quotes from articles that mention a day of this span: YYYY-MM-DD, YYYY-MM, YYYY,
    /// or FROM..TO with either end optional.
    #[arg(long, value_name = "DATE")]
    pub mentions: Option<String>,
    /// Number of quotes (0: only count them).
    #[arg(
        long,
        value_name = "N",
        default_value_t = 10,
        allow_negative_numbers = true
    )]
    pub limit: usize,
    /// Number of top quotes to skip (for paging).
    #[arg(
        long,
        value_name = "N",
        default_value_t = 0,
        allow_negative_numbers = true
    )]
    pub offset: usize,
    #[command(flatten)]
    pub facets: FacetArgs,
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

/// The kind of a speaker entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SpeakerKind {
    Person,
    Organisation,
}

#[derive(Debug, Args)]
#[command(after_help = "\
Each entry is one person or organisation under every name the articles give it (Tim Geithner
and Timothy Geithner are one entry); its id stays the same from one indexing run to the next.

Examples:
  newsdex speakers                          # the most quoted, in the whole index
  newsdex speakers \"interest rates\"         # who is quoted on interest rates
  newsdex speakers --kind organisation --since 2024
  newsdex search talks --speaker darchiev   # every article quoting one of them")]
pub(crate) struct SpeakersArgs {
    /// Count only the articles matching this query (words, \"phrases\", field:value...); empty
    /// or absent: every article.
    #[arg(value_name = "QUERY", allow_hyphen_values = true, default_value = "")]
    pub query: String,
    /// Only people, or only organisations.
    #[arg(long, value_enum)]
    pub kind: Option<SpeakerKind>,
    /// Only articles quoting this speaker (a name or part of it, case-insensitive).
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    /// Only articles naming this place (case-insensitive).
    #[arg(long, value_name = "PLACE")]
    pub location: Option<String>,
    /// Only articles that mention a day in this range (YYYY-MM-DD, YYYY-MM, YYYY or FROM..TO).
    #[arg(long, value_name = "DATE")]
    pub mentions: Option<String>,
    #[command(flatten)]
    pub period: PeriodArgs,
    /// Number of speakers to list.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 20,
        allow_negative_numbers = true
    )]
    pub limit: usize,
    /// Number of top speakers to skip (for paging).
    #[arg(
        long,
        value_name = "N",
        default_value_t = 0,
        allow_negative_numbers = true
    )]
    pub offset: usize,
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
#[command(after_help = "\
ARTICLE is an id, or a path relative to the corpus as `search` prints it (a JSON Lines file
holds several articles: give the id of one).

Examples:
  newsdex show seeds/000_29dcbb1e78569601.txt
  newsdex search \"direct flights\" --paths --limit 1 | xargs newsdex show
  newsdex show 'feeds/2024-05-01.jsonl#3' --format json")]
pub(crate) struct ShowArgs {
    /// The article's id or path.
    #[arg(value_name = "ARTICLE")]
    pub article: String,
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
pub(crate) struct StatsArgs {
    /// Index folder.
    #[arg(
        long,
        value_name = "DIR",
        default_value = "index",
        env = "NEWSDEX_INDEX"
    )]
    pub index: PathBuf,
    /// How many top speakers, locations and years to show.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 10,
        allow_negative_numbers = true
    )]
    pub top: usize,
    /// Count articles, or stories (each story once, with the speakers, places and date of its
    /// first version).
    #[arg(long, value_enum, value_name = "WHAT", default_value_t = CountBy::Articles)]
    pub count_by: CountBy,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub(crate) struct ExtractArgs {
    /// Article files, folders of articles, or JSON Lines files of articles.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format: a readable summary, or one JSON object per article.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub(crate) struct BenchArgs {
    /// Index folder.
    #[arg(
        long,
        value_name = "DIR",
        default_value = "index",
        env = "NEWSDEX_INDEX"
    )]
    pub index: PathBuf,
    /// Query set: one query a line, filters after ` --` [default: benches/queries.txt].
    #[arg(long, value_name = "FILE")]
    pub queries: Option<PathBuf>,
    /// Measured runs of each query, 1 to 10000.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 10,
        value_parser = RangedU64ValueParser::<usize>::new().range(1..=MAX_ITERATIONS),
        allow_negative_numbers = true
    )]
    pub iterations: usize,
    /// Warm-up passes over the query set (the first is reported as the cold figures), 0 to
    /// 1000.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 1,
        value_parser = RangedU64ValueParser::<usize>::new().range(0..=MAX_WARMUP),
        allow_negative_numbers = true
    )]
    pub warmup: usize,
    /// Results per query.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 10,
        allow_negative_numbers = true
    )]
    pub limit: usize,
    /// Make snippets, as `search` does (the default).
    #[arg(long, overrides_with = "no_snippets")]
    pub snippets: bool,
    /// Measure the search without snippets.
    #[arg(long, overrides_with = "snippets")]
    pub no_snippets: bool,
    /// Time `speakers` on each query (who is quoted in the articles it matches) instead of
    /// `search`.
    #[arg(long)]
    pub speakers: bool,
    /// Also time each search with --facets (every match's speakers, locations, countries and
    /// timeline), reported as the kind `facets`.
    #[arg(long, conflicts_with = "speakers")]
    pub facets: bool,
    /// Time searches that rank every matching article on its own (`search --articles`)
    /// instead of one hit per story: run both ways to see what grouping by story costs.
    #[arg(long, conflicts_with = "speakers")]
    pub articles: bool,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Options of `export` that choose or shape articles, which the index definitions do not take.
const ARTICLE_OPTIONS: [&str; 7] = [
    "index",
    "corpus",
    "path",
    "since",
    "until",
    "elasticsearch_bulk",
    "threads",
];

#[derive(Debug, Args)]
#[command(after_help = "\
Each line is one article: id, path, title, body, url, links, author, published (RFC 3339),
speakers, organisations, persons, locations (with country), dates, quotes. The format is
versioned; --quickwit-config and --elasticsearch-mapping print index definitions that match it.

Examples:
  newsdex export > articles.ndjson
  newsdex export --corpus corpus --since 2019-06 > june-on.ndjson
  newsdex export --quickwit-config > newsdex-quickwit.yaml
  newsdex export --elasticsearch-bulk > bulk.ndjson")]
pub(crate) struct ExportArgs {
    /// Index folder to read [default: $NEWSDEX_INDEX, else index].
    #[arg(long, value_name = "DIR", conflicts_with = "corpus")]
    pub index: Option<PathBuf>,
    /// Read, clean and extract this corpus folder instead of reading an index.
    #[arg(long, value_name = "DIR")]
    pub corpus: Option<PathBuf>,
    /// Only the articles under this folder of the corpus, or whose path starts with PREFIX
    /// when it ends with `*`.
    #[arg(long, value_name = "PREFIX")]
    pub path: Option<String>,
    #[command(flatten)]
    pub period: PeriodArgs,
    /// Write each article as an Elasticsearch/OpenSearch `_bulk` pair (action line, then article).
    #[arg(long)]
    pub elasticsearch_bulk: bool,
    /// Print the Quickwit index config (YAML) for the exported articles, and nothing else.
    #[arg(long, group = "definition", conflicts_with_all = ARTICLE_OPTIONS)]
    pub quickwit_config: bool,
    /// Print the Elasticsearch/OpenSearch index settings and mapping (JSON), and nothing else.
    #[arg(long, group = "definition", conflicts_with_all = ARTICLE_OPTIONS)]
    pub elasticsearch_mapping: bool,
    /// Threads for reading and extraction when exporting a corpus, 1 to 256 [default: all
    /// cores].
    #[arg(long, value_name = "N", value_parser = threads(), allow_negative_numbers = true)]
    pub threads: Option<usize>,
    /// No progress bar, no summary; errors only.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  newsdex completions bash > ~/.local/share/bash-completion/completions/newsdex
  newsdex completions zsh > ~/.zfunc/_newsdex
  newsdex completions fish > ~/.config/fish/completions/newsdex.fish")]
pub(crate) struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub(crate) struct ManArgs {
    /// Write newsdex.1 and one newsdex-COMMAND.1 per command into this folder instead.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// The filters after the query on a line of a `bench --queries` file, read as the command line
/// is: `talks --speaker Yuri Ushakov --since 2025`. A value runs until the next option; given
/// twice, an option keeps its last value.
#[derive(Debug, Parser)]
#[command(
    name = "query line",
    no_binary_name = true,
    disable_help_flag = true,
    args_override_self = true
)]
pub struct QueryLineArgs {
    #[arg(long, num_args = 1.., action = clap::ArgAction::Set, value_name = "NAME")]
    pub speaker: Option<Vec<String>>,
    #[arg(long, num_args = 1.., action = clap::ArgAction::Set, value_name = "PLACE")]
    pub location: Option<Vec<String>>,
    #[arg(long, num_args = 1.., action = clap::ArgAction::Set, value_name = "PREFIX")]
    pub path: Option<Vec<String>>,
    #[arg(long, num_args = 1.., action = clap::ArgAction::Set, value_name = "DATE")]
    pub since: Option<Vec<String>>,
    #[arg(long, num_args = 1.., action = clap::ArgAction::Set, value_name = "DATE")]
    pub until: Option<Vec<String>>,
    #[arg(long, num_args = 1.., action = clap::ArgAction::Set, value_name = "DATE")]
    pub mentions: Option<Vec<String>>,
}

impl QueryLineArgs {
    /// The options of a query line from its option words, or why they cannot be read, in one
    /// line (see `crate::bench::queries::ReadOptions`).
    pub fn read(words: &[&str]) -> Result<crate::bench::queries::LineOptions, String> {
        use clap::error::{ContextKind, ContextValue, ErrorKind};

        let args = QueryLineArgs::try_parse_from(words).map_err(|error| {
            // `--speaker <NAME>...`: the option as the line wrote it.
            let arg = match error.get(ContextKind::InvalidArg) {
                Some(ContextValue::String(arg)) => arg.split(' ').next().unwrap_or_default(),
                _ => "",
            };
            match error.kind() {
                ErrorKind::UnknownArgument => format!("unknown option {arg}"),
                ErrorKind::InvalidValue | ErrorKind::TooFewValues => {
                    format!("{arg} needs a value")
                }
                _ => {
                    let text = error.to_string();
                    let first = text.lines().next().unwrap_or_default();
                    first.trim_start_matches("error: ").to_string()
                }
            }
        })?;
        let joined = |words: Option<Vec<String>>| words.map(|w| w.join(" "));
        Ok(crate::bench::queries::LineOptions {
            speaker: joined(args.speaker),
            location: joined(args.location),
            path: joined(args.path),
            since: joined(args.since),
            until: joined(args.until),
            mentions: joined(args.mentions),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
        QueryLineArgs::command().debug_assert();
    }

    #[test]
    fn a_query_line_takes_values_of_several_words_and_names_what_is_wrong() {
        let options = QueryLineArgs::read(&["--location", "New", "York", "--since", "2025"])
            .expect("options");
        assert_eq!(options.location.as_deref(), Some("New York"));
        assert_eq!(options.since.as_deref(), Some("2025"));
        let last = QueryLineArgs::read(&["--speaker", "a", "--speaker", "b"]).expect("options");
        assert_eq!(last.speaker.as_deref(), Some("b"));
        assert_eq!(
            QueryLineArgs::read(&["--colour", "red"]),
            Err("unknown option --colour".to_string())
        );
        assert_eq!(
            QueryLineArgs::read(&["--speaker"]),
            Err("--speaker needs a value".to_string())
        );
        assert_eq!(
            QueryLineArgs::read(&["--speaker", "--since", "2025"]),
            Err("--speaker needs a value".to_string())
        );
    }
}
