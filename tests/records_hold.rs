//! Issue "Records that hold", with the real binary: dates stay within 1970-01-01 to
//! 2100-12-31 on the command line, in what the store computes and in the database; a damaged
//! file is called damaged, an SQLite error is printed once, and a closed pipe is no error.

use crate::support;

use std::path::Path;
use support::cli::{finctl, printed};
use support::text;

fn demo_db(dir: &Path) -> String {
    let db = dir.join("demo.db").to_str().unwrap().to_string();
    let out = finctl(&[
        "--db",
        &db,
        "demo",
        "--revenue-items",
        "200",
        "--today",
        "2026-11-28",
    ]);
    assert!(out.status.success(), "{}", printed(&out));
    db
}

/// `demo --today 0000-01-01` failed with the raw CHECK error of the adjustments' month;
/// `9999-12-31` and `-001-01-01` were taken. Each is now a usage error naming the range, and
/// no file is made.
#[test]
fn today_outside_the_range_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    for day in [
        "0000-01-01",
        "9999-12-31",
        "-001-01-01",
        "1969-12-31",
        "2101-01-01",
    ] {
        let db = dir.path().join(format!("{day}.db"));
        let flag = format!("--today={day}");
        let out = finctl(&["--db", db.to_str().unwrap(), "demo", &flag]);
        assert_eq!(out.status.code(), Some(2), "{day}: {}", printed(&out));
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains(&format!("{day} is outside 1970-01-01 to 2100-12-31")),
            "{day}: {stderr}"
        );
        assert!(!stderr.contains("CHECK"), "{day}: {stderr}");
        assert!(!db.exists(), "{day}: a file was made");
    }
    let db = dir.path().join("nonsense.db");
    let out = finctl(&[
        "--db",
        db.to_str().unwrap(),
        "demo",
        "--today",
        "28.11.2026",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", printed(&out));
    assert!(
        text(&out.stderr).contains("use YYYY-MM-DD"),
        "{}",
        printed(&out)
    );
}

/// The demo's dates run up to two years either side of `--today`: a day at the edge of the
/// range is refused with the days the demo can be built around, before anything is written.
#[test]
fn the_demo_keeps_its_dates_inside_the_range() {
    let dir = tempfile::tempdir().unwrap();
    for day in ["1970-06-01", "2100-06-01"] {
        let db = dir.path().join(format!("{day}.db"));
        let flag = format!("--today={day}");
        let out = finctl(&["--db", db.to_str().unwrap(), "demo", &flag]);
        assert_eq!(out.status.code(), Some(1), "{day}: {}", printed(&out));
        assert_eq!(
            text(&out.stderr),
            format!(
                "finctl: the demo's dates run up to two years either side of --today, so it \
                 must be from 1972-01-01 to 2098-12-31 (dates stay within 1970-01-01 to \
                 2100-12-31), not {day}\n"
            ),
        );
    }
    for day in ["1972-01-01", "2098-12-31"] {
        let db = dir.path().join(format!("{day}.db"));
        let flag = format!("--today={day}");
        let out = finctl(&[
            "--db",
            db.to_str().unwrap(),
            "demo",
            "--revenue-items",
            "200",
            &flag,
        ]);
        assert!(out.status.success(), "{day}: {}", printed(&out));
        let out = finctl(&["--db", db.to_str().unwrap(), "verify"]);
        assert!(out.status.success(), "{day}: {}", printed(&out));
    }
}

/// The database itself refuses a date outside the range, whoever writes it (migration 18),
/// and `verify` reports one written before the migration.
#[test]
fn the_database_refuses_dates_outside_the_range() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let conn = rusqlite::Connection::open(&db).unwrap();
    for (sql, what) in [
        (
            "UPDATE revenue_items SET planned_invoice_date = '2101-01-01' WHERE id = 1",
            "revenue item",
        ),
        (
            "UPDATE revenue_items SET planned_invoice_date = '2026-02-30' WHERE id = 1",
            "revenue item",
        ),
        (
            "UPDATE milestones SET due_date = '0000-01-01' WHERE id = 1",
            "milestone",
        ),
        (
            "UPDATE projects SET start_date = '1969-12-31' WHERE id = 1",
            "project",
        ),
        (
            "UPDATE invoices SET due_date = '9999-12-31' WHERE status = 'draft'",
            "invoice",
        ),
        (
            "UPDATE time_reports SET work_date = '2026-1-1' WHERE id = 1",
            "time report",
        ),
        (
            "UPDATE expenses SET expense_date = '' WHERE id = 1",
            "expense",
        ),
        (
            "UPDATE progress_statuses SET period_end = '2101-03-31' WHERE id = 1",
            "progress period",
        ),
        (
            "UPDATE plan_parts SET planned_date = '-001-01-01' WHERE id = 1",
            "plan part",
        ),
        (
            "UPDATE revenue_adjustments SET month = '2101-01' WHERE id = 1",
            "revenue adjustment",
        ),
    ] {
        let e = conn.execute(sql, []).unwrap_err().to_string();
        assert!(
            e.contains("is outside") && e.contains("1970-01-01 to 2100-12-31") && e.contains(what),
            "{sql}: {e}"
        );
    }
    // The store's own dates pass, and so does a NULL start date.
    conn.execute("UPDATE projects SET start_date = NULL WHERE id = 1", [])
        .unwrap();
    conn.execute(
        "UPDATE revenue_items SET planned_invoice_date = '2100-12-31' WHERE id = 1",
        [],
    )
    .unwrap();
    // A date written before the database refused it (its trigger dropped, as an older file
    // would hold one) is what verify names.
    conn.execute_batch(
        "DROP TRIGGER revenue_items_dates_update;
         UPDATE revenue_items SET planned_invoice_date = '0000-01-01' WHERE id = 2;",
    )
    .unwrap();
    drop(conn);
    let out = finctl(&["--db", &db, "verify"]);
    assert_eq!(out.status.code(), Some(1), "{}", printed(&out));
    assert!(
        text(&out.stdout).contains(
            "dates: revenue item 2: planned invoice date 0000-01-01 is outside 1970-01-01 to \
             2100-12-31"
        ),
        "{}",
        printed(&out)
    );
}

/// A truncated copy of a database was "not a finctl database": it is damaged, for `verify`
/// and for the console alike, and left as it was.
#[test]
fn a_truncated_database_is_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let whole = std::fs::read(&db).unwrap();
    for (name, len) in [
        ("half", whole.len() / 2),
        ("most", whole.len() - 4096),
        ("first page", 4096),
        ("part of the header", 80),
        ("its first bytes", 40),
    ] {
        let copy = dir.path().join(format!("{name}.db"));
        std::fs::write(&copy, &whole[..len]).unwrap();
        let path = copy.to_str().unwrap();
        let out = finctl(&["verify", "--db", path]);
        assert_eq!(out.status.code(), Some(1), "{name}: {}", printed(&out));
        assert_eq!(
            text(&out.stderr),
            format!(
                "finctl: {path} is damaged: SQLite cannot read it (database disk image is \
                 malformed). It was left untouched: restore it from a backup\n"
            ),
            "{name}"
        );
        assert_eq!(std::fs::read(&copy).unwrap(), &whole[..len], "{name}");
    }
    // Cut inside SQLite's first 16 bytes, it is no longer anything SQLite wrote.
    let stub = dir.path().join("stub.db");
    std::fs::write(&stub, &whole[..10]).unwrap();
    let out = finctl(&["verify", "--db", stub.to_str().unwrap()]);
    assert!(
        text(&out.stderr).contains("is not a finctl database"),
        "{}",
        printed(&out)
    );
}

/// An SQLite error was printed three times over: the store's words, then rusqlite's text
/// again as its source, then SQLite's error code ("no such table: settings: no such table:
/// settings: Error code 1: SQL error or missing database").
#[test]
fn an_sqlite_error_is_printed_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("DROP TABLE settings;")
        .unwrap();
    let out = finctl(&["--db", &db, "settings", "show"]);
    assert_eq!(out.status.code(), Some(1), "{}", printed(&out));
    assert_eq!(
        text(&out.stderr),
        "finctl: database error: no such table: settings\n"
    );
}

/// The console started on a truncated copy says it is damaged, restores nothing (it never
/// entered the terminal's alternate screen) and ends with 1.
#[test]
fn the_console_calls_a_truncated_database_damaged() {
    let demo = support::e2e::DemoDb::new();
    let whole = std::fs::read(&demo.db).unwrap();
    std::fs::write(&demo.db, &whole[..whole.len() / 2]).unwrap();
    let mut console = demo.console(24, 160);
    let status = console.wait_exit();
    assert_eq!(status.exit_code(), 1, "{}", console.screen());
    let screen = console.screen();
    assert!(
        screen.contains(&format!(
            "finctl: {} is damaged: SQLite cannot read it (database disk image is malformed).",
            demo.db.display()
        )),
        "{screen}"
    );
    assert_eq!(std::fs::read(&demo.db).unwrap(), &whole[..whole.len() / 2]);
}

/// Dates the store computes stay inside the range too, refused with the rule rather than by
/// the database: a draft's due date (Acme pays in 30 days), a confirmation's, the day itself.
#[test]
fn computed_dates_stay_inside_the_range() {
    use support::store::{Company, refused};
    let mut c = Company::new();
    let items = c.acme_billable();
    assert_eq!(
        refused(c.store.make_drafts(&items, support::date(2100, 12, 20))),
        "the due date, 30 days after the invoice date, 2101-01-19 (2100-12-20 + 30 days) is \
         outside 1970-01-01 to 2100-12-31"
    );
    assert_eq!(
        refused(c.store.make_drafts(&items, support::date(2101, 1, 1))),
        "the invoice date 2101-01-01 is outside 1970-01-01 to 2100-12-31"
    );
    let made = c
        .store
        .make_drafts(&items, support::date(2100, 11, 1))
        .unwrap();
    let draft = made.invoices[0];
    assert_eq!(
        refused(c.store.confirm(draft, support::date(2100, 12, 20))),
        "the due date 2101-01-19 (2100-12-20 + 30 days) is outside 1970-01-01 to 2100-12-31"
    );
    c.store.confirm(draft, support::date(2100, 12, 1)).unwrap();
    c.assert_sound();
}

/// `finctl settings show | head -1` panicked ("failed printing to stdout: Broken pipe"): a
/// reader that stops early ends the command quietly, with success.
#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    for args in [
        vec!["settings", "show"],
        vec!["export", "revenue-items", "--format", "csv"],
        vec!["verify"],
    ] {
        let mut child = std::process::Command::new(support::cli::BIN)
            .arg("--db")
            .arg(&db)
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // The reader is gone before finctl writes its first line.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = text(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(out.status.success(), "{args:?}: {stderr}");
    }
}

/// `verify --db nx/deeper/x.db` made both folders and a database and said "ok"; an empty file
/// became a database. A refused open leaves the folder as it was: no database, no folder, no
/// `-wal` or `-shm`.
#[test]
fn a_refused_open_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let text_file = dir.path().join("notes.db");
    std::fs::write(&text_file, b"minutes of the meeting\n").unwrap();
    let foreign = dir.path().join("foreign.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE t (x);")
        .unwrap();
    let erp = dir.path().join("erp");
    std::fs::create_dir(&erp).unwrap();
    let listing = || {
        let mut names: Vec<(String, u64)> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    e.metadata().unwrap().len(),
                )
            })
            .collect();
        names.sort();
        names
    };
    let before = listing();
    let missing = dir.path().join("nx").join("deeper").join("x.db");
    for db in [&empty, &text_file, &foreign, &missing] {
        let db = db.to_str().unwrap();
        for args in [
            vec!["--db", db, "verify"],
            vec!["--db", db, "settings", "show"],
            vec!["--db", db, "export", "invoices", "--format", "csv"],
            vec!["--db", db, "pdf", "invoice", "2026-000001"],
            vec!["--db", db, "handoff", "--output", erp.to_str().unwrap()],
        ] {
            let out = finctl(&args);
            assert_eq!(out.status.code(), Some(1), "{args:?}: {}", printed(&out));
            assert_eq!(listing(), before, "{args:?} left something behind");
            assert_eq!(std::fs::read_dir(&erp).unwrap().count(), 0, "{args:?}");
        }
    }
}
