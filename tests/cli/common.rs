//! Fixtures shared by the integration tests: small corpora in temp dirs, and the binary.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// The repository's bundled corpus (a source of real article files for fixtures).
pub fn bundled_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// The newsdex binary built for these tests.
pub fn newsdex() -> Command {
    let mut cmd = Command::cargo_bin("newsdex").expect("the newsdex binary is built");
    cmd.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
    cmd
}

/// A corpus and an index location in a fresh temp dir.
pub struct Fixture {
    _dir: TempDir,
    pub corpus: PathBuf,
    pub index: PathBuf,
}

impl Fixture {
    /// An empty corpus folder.
    pub fn empty() -> Fixture {
        let dir = tempfile::tempdir().expect("a temp dir");
        let corpus = dir.path().join("corpus");
        let index = dir.path().join("index");
        std::fs::create_dir_all(&corpus).expect("create corpus dir");
        Fixture {
            _dir: dir,
            corpus,
            index,
        }
    }

    /// The two seed articles and the first `wikinews` Wikinews articles with their metadata.
    pub fn seeds_and_wikinews(wikinews: usize) -> Fixture {
        let fixture = Fixture::empty();
        let source = bundled_corpus();
        fixture.copy_dir(&source.join("seeds"), "seeds", usize::MAX);
        fixture.copy_dir(&source.join("wikinews"), "wikinews", wikinews);
        fixture
    }

    fn copy_dir(&self, from: &Path, to: &str, articles: usize) {
        let target = self.corpus.join(to);
        std::fs::create_dir_all(&target).expect("create fixture dir");
        let mut names: Vec<_> = std::fs::read_dir(from)
            .expect("read bundled corpus")
            .map(|e| e.expect("dir entry").file_name())
            .collect();
        names.sort();
        let mut copied = 0;
        for name in names {
            let is_article = name.to_string_lossy().ends_with(".txt");
            if is_article && copied >= articles {
                continue;
            }
            copied += usize::from(is_article);
            std::fs::copy(from.join(&name), target.join(&name)).expect("copy fixture file");
        }
    }

    /// Write a file into the corpus.
    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.corpus.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create fixture subdir");
        }
        std::fs::write(&path, contents).expect("write fixture file");
        path
    }

    /// `newsdex index` on this fixture, asserting success.
    pub fn indexed(self) -> Fixture {
        self.index_cmd().assert().success();
        self
    }

    pub fn index_cmd(&self) -> Command {
        let mut cmd = newsdex();
        cmd.arg("index")
            .arg("--corpus")
            .arg(&self.corpus)
            .arg("--index")
            .arg(&self.index)
            .arg("--quiet");
        cmd
    }

    /// `newsdex search QUERY --index ... --corpus ...` with extra arguments.
    pub fn search(&self, query: &str, args: &[&str]) -> Command {
        self.query_cmd("search", query, args)
    }

    /// `newsdex SUBCOMMAND QUERY --index ... --corpus ...` with extra arguments.
    pub fn query_cmd(&self, subcommand: &str, query: &str, args: &[&str]) -> Command {
        let mut cmd = newsdex();
        cmd.arg(subcommand)
            .arg(query)
            .arg("--index")
            .arg(&self.index)
            .arg("--corpus")
            .arg(&self.corpus)
            .args(args);
        cmd
    }

    /// Run a JSON search and return its hit lines (parsed) and the summary line.
    pub fn search_json(
        &self,
        query: &str,
        args: &[&str],
    ) -> (Vec<serde_json::Value>, serde_json::Value) {
        let output = self
            .search(query, &[&["--format", "json"], args].concat())
            .output()
            .expect("run newsdex search");
        let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
        let mut lines: Vec<serde_json::Value> = stdout
            .lines()
            .map(|l| serde_json::from_str(l).expect("each line is JSON"))
            .collect();
        let summary = lines.pop().expect("a summary line");
        (lines, summary)
    }
}

/// The ranked paths of a JSON search's hits.
pub fn paths(hits: &[serde_json::Value]) -> Vec<String> {
    hits.iter()
        .map(|h| h["path"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// Run newsdex with these arguments, assert success, and return its stdout.
pub fn stdout_of(args: &[&str]) -> String {
    let output = newsdex().args(args).output().expect("run newsdex");
    assert!(
        output.status.success(),
        "newsdex {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// The characters `range` (`[start, end)`, character offsets as in the JSON output) of `text`.
pub fn chars(text: &str, range: [usize; 2]) -> String {
    text.chars()
        .skip(range[0])
        .take(range[1].saturating_sub(range[0]))
        .collect()
}
