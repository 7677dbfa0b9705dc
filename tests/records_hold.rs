//! Issue "Records that hold", with the real binary: dates stay within 1970-01-01 to
//! 2100-12-31 on the command line, in what the store computes and in the database.

mod support;

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
