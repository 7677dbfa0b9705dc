//! `finctl completions SHELL` and `finctl man`: generated from the binary's own command line,
//! printed on standard output, and made without opening or creating any database, log or
//! folder.

use crate::support;

use std::path::Path;
use std::process::{Command, Output};
use support::cli::BIN;

/// `finctl ARGS` with a home and data, state and config folders inside `home`, which the test
/// then expects to stay empty.
fn finctl_in(home: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env_remove("LC_ALL")
        .env_remove("LC_NUMERIC")
        .env_remove("LANG")
        .output()
        .expect("run finctl")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// What `home` holds, so that the test says what was made.
fn left_in(home: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![home.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            found.push(path.display().to_string());
            if path.is_dir() {
                stack.push(path);
            }
        }
    }
    found
}

const SUBCOMMANDS: [&str; 6] = ["handoff", "verify", "import", "export", "settings", "man"];

#[test]
fn bash_completions_name_the_subcommands_and_make_nothing() {
    let home = tempfile::tempdir().unwrap();
    let out = finctl_in(home.path(), &["completions", "bash"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let script = stdout(&out);
    assert!(script.contains("finctl"), "{script}");
    assert!(
        script.contains("complete "),
        "not a bash completion: {script}"
    );
    for sub in SUBCOMMANDS.iter().chain(&["completions"]) {
        assert!(script.contains(sub), "the completion lacks {sub}");
    }
    assert_eq!(left_in(home.path()), Vec::<String>::new());
}

#[test]
fn zsh_and_fish_completions_are_printed_too() {
    let home = tempfile::tempdir().unwrap();
    let zsh = finctl_in(home.path(), &["completions", "zsh"]);
    assert!(zsh.status.success(), "{}", stderr(&zsh));
    assert!(
        stdout(&zsh).starts_with("#compdef finctl"),
        "{}",
        stdout(&zsh)
    );
    let fish = finctl_in(home.path(), &["completions", "fish"]);
    assert!(fish.status.success(), "{}", stderr(&fish));
    let fish = stdout(&fish);
    assert!(fish.contains("complete -c finctl"), "{fish}");
    assert!(fish.contains("handoff"), "{fish}");
    assert_eq!(left_in(home.path()), Vec::<String>::new());
}

#[test]
fn an_unknown_shell_is_refused_with_the_known_ones() {
    let home = tempfile::tempdir().unwrap();
    let out = finctl_in(home.path(), &["completions", "tcsh"]);
    assert_ne!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty(), "{}", stdout(&out));
    let said = stderr(&out);
    assert!(said.contains("tcsh"), "{said}");
    for shell in ["bash", "zsh", "fish"] {
        assert!(said.contains(shell), "the refusal lacks {shell}: {said}");
    }
    assert_eq!(left_in(home.path()), Vec::<String>::new());
}

#[test]
fn the_man_page_is_roff_naming_the_subcommands_and_makes_nothing() {
    let home = tempfile::tempdir().unwrap();
    let out = finctl_in(home.path(), &["man"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(page.contains(".TH finctl 1"), "no .TH: {page}");
    assert!(page.contains(".SH NAME"), "{page}");
    for sub in SUBCOMMANDS.iter().chain(&["completions"]) {
        assert!(page.contains(sub), "the man page lacks {sub}");
        // One page holds every command: it points at no page of its own per command.
        assert!(
            page.contains(&format!(".SS \"finctl {sub}\"")),
            "no section for {sub}: {page}"
        );
        assert!(!page.contains(&format!("finctl\\-{sub}(1)")), "{page}");
    }
    // Nested commands and their options are there too.
    assert!(page.contains(".SS \"finctl user set\""), "{page}");
    assert!(page.contains("\\-\\-again"), "{page}");
    assert_eq!(left_in(home.path()), Vec::<String>::new());
}

#[test]
fn neither_opens_a_database_given_with_db() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("books.db");
    let db = db.to_str().unwrap();
    for args in [
        &["--db", db, "completions", "bash"][..],
        &["--db", db, "man"][..],
    ] {
        let out = finctl_in(home.path(), args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    assert_eq!(left_in(home.path()), Vec::<String>::new());
}
