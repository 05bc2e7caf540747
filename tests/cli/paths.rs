//! Where the index and the corpus are: `NEWSDEX_INDEX` and `NEWSDEX_CORPUS`, when a missing
//! index is built, and the folders `index` refuses.

use std::path::Path;

use crate::common::{Fixture, newsdex};
use predicates::prelude::*;

/// stderr is one error line naming `what` (and maybe a hint), no panic.
fn one_error(what: &str) -> impl Predicate<str> + use<> {
    predicate::str::starts_with("newsdex: error: ")
        .and(predicate::str::contains(what.to_string()))
        .and(predicate::str::contains("panicked").not())
        .and(predicate::function(|s: &str| s.lines().count() <= 2))
}

/// The temp dir holding the fixture's `corpus` and `index`: commands run there, so that
/// `./corpus` and `./index` are the fixture's.
fn home(fx: &Fixture) -> &Path {
    fx.corpus.parent().expect("the corpus lies in the temp dir")
}

/// `newsdex ARGS` run in the fixture's temp dir, with no path variables set.
fn run_in(fx: &Fixture, args: &[&str]) -> assert_cmd::Command {
    let mut cmd = newsdex();
    cmd.current_dir(home(fx))
        .env_remove("NEWSDEX_INDEX")
        .env_remove("NEWSDEX_CORPUS")
        .args(args);
    cmd
}

/// A fresh clone: `./index` holds only the repository's `.gitkeep`, and the first search
/// builds the index there (the README's first command).
#[test]
fn the_first_search_builds_the_index_into_a_folder_holding_only_a_gitkeep() {
    let fx = Fixture::seeds_and_wikinews(2);
    let index = home(&fx).join("index");
    std::fs::create_dir(&index).unwrap();
    std::fs::write(index.join(".gitkeep"), "").unwrap();
    run_in(&fx, &["search", "\"direct flights\"", "--count", "--quiet"])
        .assert()
        .success()
        .stdout("2\n");
    assert!(index.join("meta.json").is_file());
}

#[test]
fn the_variables_set_the_index_and_the_corpus() {
    let fx = Fixture::seeds_and_wikinews(2);
    let elsewhere = tempfile::tempdir().unwrap();
    // From another folder, the variables alone say where both are: the index is built.
    let mut cmd = newsdex();
    cmd.current_dir(elsewhere.path())
        .env("NEWSDEX_INDEX", &fx.index)
        .env("NEWSDEX_CORPUS", &fx.corpus)
        .args(["search", "\"direct flights\"", "--count", "--quiet"]);
    cmd.assert().success().stdout("2\n");
    assert!(fx.index.join("meta.json").is_file());
    assert!(!elsewhere.path().join("index").exists());
    // The other commands read the index the variable names.
    for args in [
        &["stats", "--format", "json"][..],
        &["show", "seeds/000_29dcbb1e78569601.txt", "--format", "json"],
        &["export", "--quiet"],
        &["quotes", "talks", "--format", "json"],
    ] {
        newsdex()
            .current_dir(elsewhere.path())
            .env("NEWSDEX_INDEX", &fx.index)
            .env_remove("NEWSDEX_CORPUS")
            .args(args)
            .assert()
            .success()
            .stdout(predicate::str::is_empty().not());
    }
    // `--index` wins over the variable.
    newsdex()
        .current_dir(elsewhere.path())
        .env("NEWSDEX_INDEX", elsewhere.path().join("nothing"))
        .args(["search", "flights", "--count", "--index"])
        .arg(&fx.index)
        .assert()
        .success();
    // `export --corpus` with the variable set is no conflict.
    newsdex()
        .env("NEWSDEX_INDEX", &fx.index)
        .args(["export", "--quiet", "--corpus"])
        .arg(&fx.corpus)
        .assert()
        .success();
}

#[test]
fn help_names_the_variables() {
    for command in ["search", "quotes", "show", "index"] {
        newsdex()
            .args([command, "--help"])
            .assert()
            .success()
            .stdout(
                predicate::str::contains("NEWSDEX_INDEX")
                    .and(predicate::str::contains("NEWSDEX_CORPUS")),
            );
    }
    let help = crate::common::stdout_of(&["search", "--help"]);
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        help.contains("every match unless --limit is given"),
        "{help}"
    );
}

#[test]
fn a_missing_index_is_built_when_no_index_was_named() {
    let fx = Fixture::seeds_and_wikinews(2);
    run_in(&fx, &["search", "\"direct flights\"", "--count", "--quiet"])
        .assert()
        .success()
        .stdout("2\n");
    assert!(
        fx.index.join("meta.json").is_file(),
        "./index built from ./corpus"
    );
}

#[test]
fn a_named_missing_index_is_not_built_from_the_default_corpus() {
    let fx = Fixture::seeds_and_wikinews(2);
    for (args, variable) in [
        (&["search", "flights", "--index", "typo"][..], None),
        (&["quotes", "talks", "--index", "typo"], None),
        (&["show", "x.txt", "--index", "typo"], None),
        (&["search", "flights"], Some("typo")),
    ] {
        let mut cmd = run_in(&fx, args);
        if let Some(value) = variable {
            cmd.env("NEWSDEX_INDEX", value);
        }
        cmd.assert()
            .code(2)
            .stderr(one_error("no index at typo").and(predicate::str::contains(
                "hint: build it with `newsdex index --index typo --corpus DIR`",
            )));
        assert!(!home(&fx).join("typo").exists(), "{args:?}");
    }
    assert!(!fx.index.exists());
}

#[test]
fn a_named_missing_index_is_built_from_a_named_corpus() {
    let fx = Fixture::seeds_and_wikinews(2);
    run_in(
        &fx,
        &[
            "search",
            "\"direct flights\"",
            "--count",
            "--quiet",
            "--index",
            "mine",
            "--corpus",
            "corpus",
        ],
    )
    .assert()
    .success()
    .stdout("2\n");
    assert!(home(&fx).join("mine/meta.json").is_file());
    // The same with the corpus named by its variable.
    run_in(
        &fx,
        &[
            "search",
            "\"direct flights\"",
            "--count",
            "--quiet",
            "--index",
            "other",
        ],
    )
    .env("NEWSDEX_CORPUS", &fx.corpus)
    .assert()
    .success()
    .stdout("2\n");
    assert!(home(&fx).join("other/meta.json").is_file());
}

#[test]
fn index_refuses_a_folder_of_other_files() {
    let fx = Fixture::seeds_and_wikinews(1);
    std::fs::create_dir_all(&fx.index).unwrap();
    std::fs::write(fx.index.join("thesis.tex"), "mine").unwrap();
    let index = fx.index.display().to_string();
    for rebuild in [false, true] {
        let mut cmd = fx.index_cmd();
        if rebuild {
            cmd.arg("--rebuild");
        }
        cmd.assert().code(2).stderr(one_error(&format!(
            "index folder {index}: not empty, and not a newsdex index"
        )));
    }
    assert_eq!(
        std::fs::read_dir(&fx.index).unwrap().count(),
        1,
        "left as it was"
    );
    // A file is no folder either.
    let file = home(&fx).join("file");
    std::fs::write(&file, "x").unwrap();
    newsdex()
        .args(["index", "--quiet", "--corpus"])
        .arg(&fx.corpus)
        .arg("--index")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(one_error("not a folder"));
}

#[test]
fn index_takes_an_empty_folder_and_its_own_index() {
    let fx = Fixture::seeds_and_wikinews(1);
    std::fs::create_dir_all(&fx.index).unwrap();
    let fx = fx.indexed();
    fx.index_cmd().assert().success();
    fx.index_cmd().arg("--rebuild").assert().success();
}

#[test]
fn index_refuses_the_corpus_and_a_folder_inside_it() {
    let fx = Fixture::seeds_and_wikinews(1);
    let corpus = fx.corpus.display().to_string();
    for (index, said) in [
        (fx.corpus.clone(), "is the corpus folder"),
        (fx.corpus.join("."), "is the corpus folder"),
        (fx.corpus.join("the-index"), "lies inside the corpus folder"),
        (
            fx.corpus.join("not/yet/made"),
            "lies inside the corpus folder",
        ),
        (
            fx.corpus.join("../corpus/seeds"),
            "lies inside the corpus folder",
        ),
    ] {
        newsdex()
            .args(["index", "--quiet", "--corpus"])
            .arg(&fx.corpus)
            .arg("--index")
            .arg(&index)
            .assert()
            .code(2)
            .stderr(
                one_error(said)
                    .and(predicate::str::contains(corpus.clone()))
                    .and(predicate::str::contains("hint: keep the index outside")),
            );
    }
    assert!(!fx.corpus.join("the-index").exists());
    assert!(!fx.corpus.join("not").exists());
    assert!(!fx.corpus.join("meta.json").exists());
    // The same through a search that would build it.
    newsdex()
        .args(["search", "flights", "--corpus"])
        .arg(&fx.corpus)
        .arg("--index")
        .arg(fx.corpus.join("inner"))
        .assert()
        .code(2)
        .stderr(one_error("lies inside the corpus folder"));
}

#[cfg(unix)]
#[test]
fn a_link_to_the_corpus_is_the_corpus() {
    let fx = Fixture::seeds_and_wikinews(1);
    let link = home(&fx).join("link");
    std::os::unix::fs::symlink(&fx.corpus, &link).unwrap();
    newsdex()
        .args(["index", "--quiet", "--corpus"])
        .arg(&fx.corpus)
        .arg("--index")
        .arg(link.join("idx"))
        .assert()
        .code(2)
        .stderr(one_error("lies inside the corpus folder"));
}

#[test]
fn a_missing_corpus_does_not_exist_and_a_file_is_no_folder() {
    let fx = Fixture::empty();
    let missing = home(&fx).join("nowhere");
    let file = home(&fx).join("file.txt");
    std::fs::write(&file, "x").unwrap();
    for (corpus, said) in [(&missing, "does not exist"), (&file, "not a folder")] {
        let expected = format!("corpus {}: {said}", corpus.display());
        newsdex()
            .args(["index", "--quiet", "--corpus"])
            .arg(corpus)
            .arg("--index")
            .arg(&fx.index)
            .assert()
            .code(2)
            .stderr(one_error(&expected));
        newsdex()
            .args(["export", "--quiet", "--corpus"])
            .arg(corpus)
            .assert()
            .code(2)
            .stderr(one_error(&expected));
    }
    assert!(!fx.index.exists(), "nothing written");
}
