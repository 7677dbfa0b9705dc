//! `finctl export history`: the whole change history for auditors, streamed as CSV, JSON or an
//! Excel workbook, chosen by kind of object (`--object`, the names the rows carry) and by days
//! (`--from`, `--to`, both included, within the dates finctl keeps); read-only like every
//! export.

use crate::support;

use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;
use std::path::Path;
use support::cli::{count, finctl, printed};

fn demo_db(dir: &Path) -> String {
    let db = dir.join("demo.db").to_str().unwrap().to_string();
    let out = finctl(&[
        "--db",
        &db,
        "demo",
        "--revenue-items",
        "200",
        "--seed",
        "3",
        "--today",
        "2026-11-28",
    ]);
    assert!(out.status.success(), "{}", printed(&out));
    db
}

/// `finctl --db DB export history ARGS --format json`, which must succeed.
fn history(db: &str, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["--db", db, "export", "history", "--format", "json"];
    all.extend_from_slice(args);
    let out = finctl(&all);
    assert!(out.status.success(), "{}", printed(&out));
    match serde_json::from_slice(&out.stdout).expect("JSON") {
        Value::Array(rows) => rows,
        other => panic!("not an array: {other}"),
    }
}

fn usage(args: &[&str]) -> String {
    let out = finctl(args);
    assert_eq!(out.status.code(), Some(2), "{}", printed(&out));
    printed(&out)
}

#[test]
fn help_names_the_kinds_of_object_and_the_days() {
    let out = finctl(&["export", "--help"]);
    let help = printed(&out);
    assert!(out.status.success(), "{help}");
    for word in [
        "history",
        "--object <KIND>",
        "--from <YYYY-MM-DD|YYYY-MM>",
        "--to <YYYY-MM-DD|YYYY-MM>",
        "revenue_item",
        "progress_status",
        "revenue_adjustment",
        "1970-01-01",
    ] {
        assert!(help.contains(word), "{word}: {help}");
    }
}

#[test]
fn every_row_oldest_first_as_json_csv_and_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let rows = history(&db, &[]);
    let total = count(&db, "SELECT count(*) FROM change_history");
    assert_eq!(rows.len() as i64, total);
    let ids: Vec<i64> = rows.iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "oldest first");
    let first = rows[0].as_object().unwrap();
    for key in [
        "id",
        "at",
        "user",
        "object",
        "object_id",
        "version",
        "field",
        "old",
        "new",
        "reason",
    ] {
        assert!(first.contains_key(key), "{key}: {first:?}");
    }

    let out = finctl(&["--db", &db, "export", "history", "--format", "csv"]);
    assert!(out.status.success(), "{}", printed(&out));
    let mut csv = csv::Reader::from_reader(out.stdout.as_slice());
    let header: Vec<String> = csv.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "id",
            "at",
            "user",
            "object",
            "object_id",
            "version",
            "field",
            "old",
            "new",
            "reason"
        ]
    );
    assert_eq!(csv.records().count(), rows.len());

    let book = dir.path().join("history.xlsx");
    let book_s = book.to_str().unwrap();
    let out = finctl(&[
        "--db", &db, "export", "history", "--format", "xlsx", "--output", book_s,
    ]);
    assert!(out.status.success(), "{}", printed(&out));
    let mut x: Xlsx<_> = open_workbook(&book).unwrap();
    let sheet = x.worksheet_range_at(0).unwrap().unwrap();
    assert_eq!(
        sheet.rows().count(),
        rows.len() + 1,
        "a header and every row"
    );
    let second = sheet.rows().nth(1).unwrap();
    assert_eq!(second[0], Data::Float(ids[0] as f64));
    assert_eq!(
        second[3],
        Data::String(rows[0]["object"].as_str().unwrap().into())
    );
}

#[test]
fn one_kind_of_object_and_inclusive_days() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let invoices = history(&db, &["--object", "invoice"]);
    assert!(!invoices.is_empty());
    assert!(invoices.iter().all(|r| r["object"] == "invoice"));
    assert_eq!(
        invoices.len() as i64,
        count(
            &db,
            "SELECT count(*) FROM change_history WHERE object = 'invoice'"
        )
    );
    let periods = history(&db, &["--object", "progress_status"]);
    assert!(periods.iter().all(|r| r["object"] == "progress_status"));
    assert!(!periods.is_empty());

    // The demo was written just now: its rows are all of today (UTC) or, around midnight,
    // of two days.
    let all = history(&db, &[]);
    let day = |r: &Value| r["at"].as_str().unwrap()[..10].to_string();
    let (first, last) = (day(&all[0]), day(all.last().unwrap()));
    let between = history(&db, &["--from", &first, "--to", &last]);
    assert_eq!(between.len(), all.len(), "both days included");
    let after: chrono::NaiveDate = last.parse().unwrap();
    let after = after.succ_opt().unwrap().to_string();
    assert!(history(&db, &["--from", &after]).is_empty());
    let before: chrono::NaiveDate = first.parse().unwrap();
    let before = before.pred_opt().unwrap().to_string();
    assert!(history(&db, &["--to", &before]).is_empty());
    let on_last = history(
        &db,
        &["--object", "invoice", "--from", &last, "--to", &last],
    );
    assert!(
        on_last
            .iter()
            .all(|r| r["object"] == "invoice" && day(r) == last)
    );
}

#[test]
fn days_outside_the_range_unknown_kinds_and_misplaced_choices_are_usage_errors() {
    let msg = usage(&[
        "export",
        "history",
        "--format",
        "json",
        "--from",
        "1969-12-31",
    ]);
    assert!(msg.contains("outside 1970-01-01 to 2100-12-31"), "{msg}");
    let msg = usage(&[
        "export",
        "history",
        "--format",
        "json",
        "--to",
        "2101-01-01",
    ]);
    assert!(msg.contains("outside 1970-01-01 to 2100-12-31"), "{msg}");
    let msg = usage(&[
        "export",
        "history",
        "--format",
        "json",
        "--from",
        "2026-02-30",
    ]);
    assert!(msg.contains("not a date"), "{msg}");
    let msg = usage(&[
        "export",
        "history",
        "--format",
        "json",
        "--from",
        "2026-12-01",
        "--to",
        "2026-11-01",
    ]);
    assert!(
        msg.contains("--from 2026-12-01 is after --to 2026-11-01"),
        "{msg}"
    );
    let msg = usage(&[
        "export",
        "history",
        "--format",
        "json",
        "--object",
        "revenue-item",
    ]);
    assert!(msg.contains("revenue_item"), "the kinds are listed: {msg}");
    let msg = usage(&[
        "export", "invoices", "--format", "json", "--object", "invoice",
    ]);
    assert!(msg.contains("finctl export history"), "{msg}");
    let msg = usage(&["export", "history", "--format", "xlsx"]);
    assert!(msg.contains("--output"), "{msg}");
}

#[test]
fn it_reads_only_and_waits_for_no_writer() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let before = support::cli::contents(&db);
    // Another user's write transaction holds the file: a reader does not wait for it.
    let writer = rusqlite::Connection::open(&db).unwrap();
    writer.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = std::time::Instant::now();
    let rows = history(&db, &["--object", "revenue_item"]);
    assert!(!rows.is_empty());
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "it did not wait for the write lock"
    );
    writer.execute_batch("ROLLBACK").unwrap();
    drop(writer);
    assert_eq!(
        support::cli::contents(&db),
        before,
        "nothing written, no user added"
    );
}
