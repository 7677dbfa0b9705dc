//! The real `finctl` binary on temporary files: demo, verify, export, exit codes, refusals.

use crate::support;

use std::path::Path;
use support::cli::{export_json, finctl, os_user, printed};

fn demo_db(dir: &Path) -> String {
    let db = dir.join("demo.db");
    let db = db.to_str().unwrap().to_string();
    let out = finctl(&[
        "--db",
        &db,
        "demo",
        "--revenue-items",
        "300",
        "--seed",
        "7",
        "--today",
        "2026-11-28",
    ]);
    assert!(out.status.success(), "{}", printed(&out));
    db
}

#[test]
fn help_documents_every_command() {
    let out = finctl(&["--help"]);
    assert!(out.status.success());
    let help = printed(&out);
    for word in [
        "demo",
        "verify",
        "export",
        "user",
        "--db",
        "--demo",
        "Exit codes",
    ] {
        assert!(help.contains(word), "help lacks {word}: {help}");
    }
    let out = finctl(&["export", "--help"]);
    assert!(printed(&out).contains("revenue-items"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(finctl(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        finctl(&["export", "invoices", "--format", "pdf"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        finctl(&["demo", "--revenue-items", "many"]).status.code(),
        Some(2)
    );
}

#[test]
fn demo_then_verify_is_clean_and_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let out = finctl(&["--db", &db, "verify"]);
    assert_eq!(out.status.code(), Some(0), "{}", printed(&out));
    assert!(printed(&out).contains("ok"));

    // Same seed and day: the same company (ids, names, amounts, statuses).
    let other = tempfile::tempdir().unwrap();
    let db2 = demo_db(other.path());
    let strip = |mut v: Vec<serde_json::Value>| {
        for item in &mut v {
            item.as_object_mut().unwrap().remove("updated_at");
        }
        v
    };
    assert_eq!(
        strip(export_json(&db, "revenue-items")),
        strip(export_json(&db2, "revenue-items"))
    );

    // A second demo into the same file is refused, and nothing changes.
    let out = finctl(&["--db", &db, "demo"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        printed(&out).contains("empty database"),
        "{}",
        printed(&out)
    );
}

#[test]
fn demo_covers_every_status_rule_and_document() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let items = export_json(&db, "revenue-items");
    // 300 asked for, the progress billing's forecasts and validated periods included.
    assert_eq!(items.len(), 300);
    for status in ["open", "billable", "draft_invoice", "invoiced", "rejected"] {
        assert!(
            items.iter().any(|i| i["status"] == status),
            "no {status} item"
        );
    }
    for rule in ["fixed", "time_and_materials", "progress", "milestone"] {
        assert!(
            items.iter().any(|i| i["billing_rule"] == rule),
            "no {rule} item"
        );
    }
    let currencies: std::collections::BTreeSet<_> = items
        .iter()
        .map(|i| i["currency"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(currencies.len(), 2);
    // Keys other tools rely on.
    for key in [
        "id",
        "project",
        "account",
        "name",
        "type",
        "billing_rule",
        "status",
        "planned_amount",
        "actual_amount",
        "planned_invoice_date",
        "invoice",
    ] {
        assert!(items[0].get(key).is_some(), "revenue item lacks {key}");
    }
    let invoiced = items.iter().find(|i| i["status"] == "invoiced").unwrap();
    assert!(invoiced["invoice"].as_str().unwrap().starts_with("2026-"));

    let invoices = export_json(&db, "invoices");
    let has = |kind: &str, status: &str| {
        invoices
            .iter()
            .any(|i| i["kind"] == kind && i["status"] == status)
    };
    assert!(has("invoice", "draft") && has("invoice", "confirmed"));
    assert!(has("credit_note", "confirmed"));
    let credit = invoices
        .iter()
        .find(|i| i["kind"] == "credit_note" && i["status"] == "confirmed")
        .unwrap();
    assert!(credit["number"].as_str().unwrap().starts_with("CN-2026-"));
    assert!(
        credit["credited_invoice"]
            .as_str()
            .unwrap()
            .starts_with("2026-")
    );
    for key in [
        "number",
        "kind",
        "status",
        "account",
        "currency",
        "invoice_date",
        "due_date",
        "net",
        "vat",
        "gross",
        "credited_invoice",
        "lines",
    ] {
        assert!(credit.get(key).is_some(), "invoice lacks {key}");
    }
    for key in [
        "revenue_item_id",
        "project",
        "description",
        "quantity",
        "unit_price",
        "vat_rate",
        "net",
    ] {
        assert!(credit["lines"][0].get(key).is_some(), "line lacks {key}");
    }
    // Drafts have no number; amounts are exact decimal strings with the currency's decimals.
    let draft = invoices.iter().find(|i| i["status"] == "draft").unwrap();
    assert!(draft["number"].is_null());
    for inv in &invoices {
        let gross = inv["gross"].as_str().unwrap();
        assert_eq!(gross.split('.').nth(1).map(str::len), Some(2), "{gross}");
        let sum: rust_decimal::Decimal = inv["lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                l["net"]
                    .as_str()
                    .unwrap()
                    .parse::<rust_decimal::Decimal>()
                    .unwrap()
            })
            .sum();
        assert_eq!(sum.to_string(), inv["net"].as_str().unwrap());
    }
}

#[test]
fn csv_export_has_one_row_per_invoice_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let file = dir.path().join("invoices.csv");
    let out = finctl(&[
        "--db",
        &db,
        "export",
        "invoices",
        "--format",
        "csv",
        "--output",
        file.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", printed(&out));
    let mut reader = csv::Reader::from_path(&file).unwrap();
    let headers = reader.headers().unwrap().clone();
    assert!(headers.iter().any(|h| h == "number"));
    assert!(headers.iter().any(|h| h == "line_net"));
    let rows = reader.records().count();
    let lines: usize = export_json(&db, "invoices")
        .iter()
        .map(|i| i["lines"].as_array().unwrap().len().max(1))
        .sum();
    assert_eq!(rows, lines);

    let out = finctl(&["--db", &db, "export", "revenue-items", "--format", "csv"]);
    let csv_text = String::from_utf8(out.stdout).unwrap();
    let items = export_json(&db, "revenue-items").len();
    assert_eq!(csv_text.lines().count(), items + 1);
}

#[test]
fn verify_finds_a_total_changed_behind_the_triggers() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let invoices = export_json(&db, "invoices");
    let victim = invoices
        .iter()
        .find(|i| i["status"] == "confirmed" && i["kind"] == "invoice")
        .unwrap();
    let number = victim["number"].as_str().unwrap().to_string();
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let err = conn
            .execute(
                "UPDATE invoices SET gross_minor = gross_minor + 100 WHERE number = ?1",
                [&number],
            )
            .unwrap_err();
        assert!(err.to_string().contains("immutable"), "{err}");
        conn.execute_batch("DROP TRIGGER invoices_confirmed_no_update;")
            .unwrap();
        conn.execute(
            "UPDATE invoices SET gross_minor = gross_minor + 100 WHERE number = ?1",
            [&number],
        )
        .unwrap();
    }
    let out = finctl(&["--db", &db, "verify"]);
    assert_eq!(out.status.code(), Some(1), "{}", printed(&out));
    let report = printed(&out);
    assert!(report.contains(&number), "{report}");
    assert!(report.contains("invoice totals"), "{report}");
    assert!(report.contains("hash chain"), "{report}");
}

/// A database error while verify reads the chain head is reported as the error it is (exit 1,
/// naming the table), never as a removed document nor, in a file without documents, as "ok".
#[test]
fn verify_reports_a_chain_head_it_cannot_read_as_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("fresh.db");
    let fresh = fresh.to_str().unwrap();
    assert!(finctl(&["--db", fresh, "init"]).status.success());
    for db in [demo_db(dir.path()), fresh.to_string()] {
        rusqlite::Connection::open(&db)
            .unwrap()
            .execute_batch("ALTER TABLE chain_head RENAME TO chain_head_elsewhere;")
            .unwrap();
        let out = finctl(&["--db", &db, "verify"]);
        assert_eq!(out.status.code(), Some(1), "{db}: {}", printed(&out));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("no such table: chain_head"),
            "{db}: {stderr}"
        );
        assert!(
            !printed(&out).contains("a document was removed"),
            "{db}: {}",
            printed(&out)
        );
    }
}

#[test]
fn refuses_foreign_files_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.txt");
    std::fs::write(
        &file,
        "not a database at all, just some text that is long enough",
    )
    .unwrap();
    let before = std::fs::read(&file).unwrap();
    let out = finctl(&["--db", file.to_str().unwrap(), "verify"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        printed(&out).contains("not a finctl database"),
        "{}",
        printed(&out)
    );
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn users_and_rights_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let out = finctl(&["--db", &db, "user", "list"]);
    assert!(out.status.success());
    // The creator of the database is its first user and admin.
    assert!(printed(&out).contains("admin"), "{}", printed(&out));
    let out = finctl(&["--db", &db, "user", "set", "maria", "finance"]);
    assert!(out.status.success(), "{}", printed(&out));
    let out = finctl(&["--db", &db, "user", "list"]);
    assert!(
        printed(&out).contains("maria\tfinance"),
        "{}",
        printed(&out)
    );
    // Verify still holds: the role change has its history row.
    assert_eq!(finctl(&["--db", &db, "verify"]).status.code(), Some(0));
}

/// Issue 11: `finctl user format NAME FORMAT` keeps a user's number format (admins set
/// anyone's), `user list` shows it, `locale` gives it back to the locale, and a format that
/// is none of the four is a usage error that opens nothing.
#[test]
fn number_formats_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let me = os_user(&db);
    let list = || printed(&finctl(&["--db", &db, "user", "list"]));
    assert!(
        list().contains(&format!("{me}\tadmin\tlocale")),
        "{}",
        list()
    );
    assert!(
        finctl(&["--db", &db, "user", "set", "maria", "finance"])
            .status
            .success()
    );
    let out = finctl(&["--db", &db, "user", "format", "maria", "1.234,56"]);
    assert!(out.status.success(), "{}", printed(&out));
    assert!(printed(&out).contains("maria reads and types numbers as 1.234,56"));
    let out = finctl(&["--db", &db, "user", "format", &me, "1 234,56"]);
    assert!(out.status.success(), "{}", printed(&out));
    assert!(list().contains("maria\tfinance\t1.234,56"), "{}", list());
    assert!(
        list().contains(&format!("{me}\tadmin\t1 234,56")),
        "{}",
        list()
    );
    let out = finctl(&["--db", &db, "user", "format", "maria", "locale"]);
    assert!(out.status.success(), "{}", printed(&out));
    assert!(list().contains("maria\tfinance\tlocale"), "{}", list());
    let out = finctl(&["--db", &db, "user", "format", "maria", "1234.56"]);
    assert_eq!(out.status.code(), Some(2), "{}", printed(&out));
    assert!(
        printed(&out).contains("\"1'234.56\", or locale"),
        "{}",
        printed(&out)
    );
    let out = finctl(&["--db", &db, "user", "format", "nobody", "1.234,56"]);
    assert_eq!(out.status.code(), Some(1), "{}", printed(&out));
    assert!(
        printed(&out).contains("nobody is not a user"),
        "{}",
        printed(&out)
    );
    // Each change has its history row: verify holds.
    assert_eq!(finctl(&["--db", &db, "verify"]).status.code(), Some(0));
}

#[test]
fn progress_billing_exports_balance() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let lines = export_json(&db, "contract-lines");
    assert!(!lines.is_empty());
    for line in &lines {
        for key in [
            "id",
            "project",
            "milestone",
            "quantity",
            "unit_price",
            "total",
            "scheduled_total",
            "billed_total",
        ] {
            assert!(line.get(key).is_some(), "contract line lacks {key}");
        }
        assert_eq!(line["scheduled_total"], line["total"], "{line}");
    }
    let statuses = export_json(&db, "progress-statuses");
    for state in ["pending", "to_be_invoiced", "invoiced"] {
        assert!(
            statuses.iter().any(|s| s["status"] == state),
            "no {state} period"
        );
    }
    for key in [
        "id",
        "line_id",
        "period_start",
        "period_end",
        "invoice_date",
        "status",
        "estimated_percent",
        "estimated_quantity",
        "estimated_amount",
        "billed_percent",
        "billed_quantity",
        "billed_amount",
        "revenue_item_id",
        "refresh_requested",
    ] {
        assert!(
            statuses[0].get(key).is_some(),
            "progress status lacks {key}"
        );
    }
    // One pending period per line.
    for line in &lines {
        let pending = statuses
            .iter()
            .filter(|s| s["line_id"] == line["id"] && s["status"] == "pending")
            .count();
        assert!(pending <= 1, "{line}");
    }
    let out = finctl(&[
        "--db",
        &db,
        "export",
        "progress-statuses",
        "--format",
        "csv",
    ]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().lines().count(),
        statuses.len() + 1
    );
}

/// A mistyped `--db` never leaves an empty database behind: every command but `init` and `demo`
/// refuses a file that does not exist, and says how to make one.
#[test]
fn a_db_path_that_does_not_exist_is_refused_with_the_way_to_make_one() {
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("fincrl.db");
    let typo = typo.to_str().unwrap();
    for args in [
        vec!["--db", typo, "verify"],
        vec!["--db", typo, "user", "list"],
        vec!["--db", typo, "export", "invoices", "--format", "csv"],
        vec!["--db", typo, "settings", "show"],
        vec!["--db", typo],
    ] {
        let out = finctl(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", printed(&out));
        let said = printed(&out);
        assert!(said.contains("does not exist"), "{args:?}: {said}");
        assert!(said.contains(&format!("finctl init --db {typo}")), "{said}");
        assert!(
            !std::path::Path::new(typo).exists(),
            "{args:?} made the file"
        );
    }
}

/// `init` makes an empty database, refuses to touch one that exists, and the new file opens.
#[test]
fn init_makes_an_empty_database_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("company.db");
    let db = db.to_str().unwrap();
    let out = finctl(&["--db", db, "init"]);
    assert!(out.status.success(), "{}", printed(&out));
    assert!(
        printed(&out).contains("created, empty"),
        "{}",
        printed(&out)
    );
    assert!(printed(&out).contains("finctl import"), "{}", printed(&out));
    let before = std::fs::read(db).unwrap();
    let again = finctl(&["--db", db, "init"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        printed(&again).contains("exists already"),
        "{}",
        printed(&again)
    );
    assert_eq!(
        std::fs::read(db).unwrap(),
        before,
        "init left the existing file alone"
    );
    let verify = finctl(&["--db", db, "verify"]);
    assert!(verify.status.success(), "{}", printed(&verify));
    // `demo` may still make the file it fills.
    let demo = dir.path().join("demo.db");
    let out = finctl(&[
        "--db",
        demo.to_str().unwrap(),
        "demo",
        "--revenue-items",
        "20",
    ]);
    assert!(out.status.success(), "{}", printed(&out));
}
