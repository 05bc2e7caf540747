//! `newsdex completions SHELL` and `newsdex man` cover every subcommand of the command line.
//!
//! The subcommands are read from the clap definition, so the test stays true as commands are
//! added.

use crate::common::{Fixture, newsdex, stdout_of};
use clap::CommandFactory;
use newsdex::cli::Cli;

fn subcommands() -> Vec<String> {
    let names: Vec<String> = Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    assert!(names.len() >= 7, "{names:?}");
    names
}

#[test]
fn every_shell_completes_every_subcommand() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout_of(&["completions", shell]);
        assert!(script.contains("newsdex"), "{shell}");
        for name in subcommands() {
            assert!(script.contains(&name), "{shell} completion lacks `{name}`");
        }
    }
}

#[test]
fn completions_know_the_options_of_a_subcommand() {
    let script = stdout_of(&["completions", "bash"]);
    for option in [
        "--quickwit-config",
        "--elasticsearch-mapping",
        "--since",
        "--speaker",
    ] {
        assert!(script.contains(option), "bash completion lacks {option}");
    }
}

#[test]
fn an_unknown_shell_is_refused() {
    newsdex()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("invalid value 'tcsh'"));
}

#[test]
fn the_man_page_names_every_subcommand() {
    let page = stdout_of(&["man"]);
    assert!(
        page.starts_with(".ie"),
        "roff output: {}",
        &page[..40.min(page.len())]
    );
    assert!(page.contains(".TH newsdex 1"), "a section 1 page");
    for name in subcommands() {
        assert!(
            page.contains(&format!("newsdex\\-{name}(1)")),
            "man page lacks `{name}`"
        );
    }
}

#[test]
fn man_dir_writes_one_page_per_subcommand() {
    let fx = Fixture::empty();
    let dir = fx.corpus.join("man");
    newsdex()
        .arg("man")
        .arg("--dir")
        .arg(&dir)
        .assert()
        .success()
        .stdout("");
    assert!(dir.join("newsdex.1").is_file());
    for name in subcommands() {
        let page = dir.join(format!("newsdex-{name}.1"));
        let text = std::fs::read_to_string(&page).unwrap_or_else(|e| panic!("{page:?}: {e}"));
        assert!(
            text.contains(&format!(".TH newsdex-{name} 1")),
            "{page:?} is the man page of `{name}`"
        );
    }
}
