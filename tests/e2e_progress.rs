//! The progress line of the long commands: on a terminal (the real binary in a pseudo-terminal)
//! `demo`, `verify`, `backup`, `export`, `import` and `handoff` count what they have done on standard
//! error and clear the line before they say how it went; what they print on standard output is
//! unchanged, and with standard error piped they print nothing more than before.

use crate::support;

use std::time::Duration;
use support::e2e::{Console, DemoDb};
use support::import::example;
use support::text;

/// How long a command in the terminal may take (a debug build, a machine shared with others).
const LIMIT: Duration = Duration::from_secs(120);

/// Runs `finctl --db DB ARGS...` in a terminal to its end, which must be a success; returns
/// the terminal.
fn in_terminal(db: &DemoDb, args: &[&str]) -> Console {
    let mut term = db.command_in_terminal(24, 100, args);
    let status = term.wait_exit_within(LIMIT);
    assert!(status.success(), "{args:?}: {}", term.screen());
    term
}

/// What a progress line drew (and cleared again) must include `text`; the final screen must
/// show `result` and no longer the line.
fn shown_then_cleared(term: &Console, text: &str, result: &str) {
    let raw = term.raw_text();
    assert!(raw.contains(text), "{text:?} was never drawn: {raw:?}");
    let screen = term.screen();
    assert!(screen.contains(result), "{screen}");
    assert!(!screen.contains(text), "the line is cleared: {screen}");
}

#[test]
fn the_demo_counts_each_step_on_a_terminal() {
    let empty = DemoDb::empty();
    let term = in_terminal(
        &empty,
        &["demo", "--revenue-items", "30000", "--today", "2026-11-28"],
    );
    let raw = term.raw_text();
    // Rows done of all of them where the step knows how many, counted where it does not.
    for counted in [
        "accounts and projects [",
        "/225 ",
        "revenue items [",
        "/29,973 ",
        "contract lines and billing plans [",
    ] {
        assert!(
            raw.contains(counted),
            "{counted:?} was never drawn: {raw:?}"
        );
    }
    assert!(raw.contains("invoices "), "{raw:?}");
    shown_then_cleared(&term, "revenue items [", "demo company written to");
}

#[test]
fn verify_backup_export_and_import_show_progress_on_a_terminal() {
    let db = DemoDb::new();
    let term = in_terminal(&db, &["verify"]);
    shown_then_cleared(&term, "checks [", "ok (integrity and all invariants hold)");

    let copy = db.home().join("copy.db");
    let term = in_terminal(&db, &["backup", "--output", copy.to_str().unwrap()]);
    shown_then_cleared(&term, "pages copied", "verified");

    let items = db.home().join("items.csv");
    let term = in_terminal(
        &db,
        &[
            "export",
            "revenue-items",
            "--format",
            "csv",
            "-o",
            items.to_str().unwrap(),
        ],
    );
    shown_then_cleared(&term, "revenue items [", "");
    let term = in_terminal(
        &db,
        &[
            "export",
            "revenue-items",
            "--format",
            "xlsx",
            "-o",
            items.with_extension("xlsx").to_str().unwrap(),
        ],
    );
    shown_then_cleared(&term, "revenue items [", "rows written in");

    let empty = DemoDb::empty();
    let accounts = example("accounts.csv");
    let term = in_terminal(&empty, &["import", "accounts", accounts.to_str().unwrap()]);
    shown_then_cleared(&term, "rows read", "imported in");
}

#[test]
fn standard_output_holds_only_the_rows_when_standard_error_is_the_terminal() {
    let db = DemoDb::new();
    let piped = db.cli(&["export", "revenue-items", "--format", "csv"]);
    assert!(piped.status.success());
    // The rows to a file, the progress to the terminal.
    let mut term = db.script_in_terminal(
        24,
        100,
        "\"$FINCTL\" --db \"$DB\" export revenue-items --format csv > items.csv",
    );
    assert!(term.wait_exit_within(LIMIT).success(), "{}", term.screen());
    assert!(term.raw_text().contains("revenue items ["));
    let written = std::fs::read(db.home().join("items.csv")).unwrap();
    assert_eq!(text(&written), text(&piped.stdout));
    // The rows on the terminal itself: no progress line among them.
    let term = in_terminal(&db, &["export", "accounts", "--format", "csv"]);
    assert!(
        !term.raw_text().contains("accounts 0"),
        "{}",
        term.raw_text()
    );
    assert!(term.raw_text().contains("CRM-0001"), "{}", term.raw_text());
}

#[test]
fn with_standard_error_piped_nothing_more_is_printed() {
    let empty = DemoDb::empty();
    let out = empty.cli(&["demo", "--revenue-items", "2000", "--today", "2026-11-28"]);
    assert!(out.status.success());
    assert_eq!(text(&out.stderr), "");
    assert_eq!(
        text(&out.stdout).lines().count(),
        1,
        "{}",
        text(&out.stdout)
    );

    let out = empty.cli(&["verify"]);
    assert!(out.status.success());
    assert_eq!(text(&out.stderr), "");
    assert_eq!(
        text(&out.stdout).lines().count(),
        1,
        "{}",
        text(&out.stdout)
    );

    let copy = empty.home().join("copy.db");
    let out = empty.cli(&["backup", "--output", copy.to_str().unwrap()]);
    assert!(out.status.success());
    assert_eq!(text(&out.stderr), "");
    assert_eq!(
        text(&out.stdout).lines().count(),
        1,
        "{}",
        text(&out.stdout)
    );

    let out = empty.cli(&["export", "invoices", "--format", "json"]);
    assert!(out.status.success());
    assert_eq!(text(&out.stderr), "");
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!rows.as_array().unwrap().is_empty());

    let file = empty.home().join("invoices.xlsx");
    let out = empty.cli(&[
        "export",
        "invoices",
        "--format",
        "xlsx",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert_eq!(text(&out.stderr), "");

    let fresh = DemoDb::empty();
    let accounts = example("accounts.csv");
    let out = fresh.cli(&["import", "accounts", accounts.to_str().unwrap()]);
    assert!(out.status.success());
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn the_hand_off_counts_its_documents_on_a_terminal() {
    let db = DemoDb::new();
    let out = db.home().join("erp");
    std::fs::create_dir_all(&out).unwrap();
    let term = in_terminal(&db, &["handoff", "--output", out.to_str().unwrap()]);
    shown_then_cleared(
        &term,
        "documents handed off [",
        "document(s) handed off into",
    );
}
