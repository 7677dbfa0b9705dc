//! `finctl export ... --filter "QUERY"`: the query typed after `/` on screens 2 and 3 narrows
//! the export (CSV, JSON and Excel alike); a query that does not read is a usage error that
//! writes nothing, and a list that takes no filter says so.

use crate::support;

use serde_json::Value;
use support::cli::{export_json, finctl, printed};

fn demo(dir: &std::path::Path) -> String {
    let db = dir.join("demo.db").to_str().unwrap().to_string();
    let out = finctl(&[
        "--db",
        &db,
        "demo",
        "--revenue-items",
        "300",
        "--today",
        "2026-11-28",
    ]);
    assert!(out.status.success(), "{}", printed(&out));
    db
}

fn json(db: &str, what: &str, filter: &str) -> Vec<Value> {
    let out = finctl(&[
        "--db", db, "export", what, "--format", "json", "--filter", filter,
    ]);
    assert!(out.status.success(), "{}", printed(&out));
    serde_json::from_slice::<Vec<Value>>(&out.stdout).unwrap()
}

#[test]
fn the_filter_narrows_items_and_invoices_as_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let all = export_json(&db, "revenue-items");
    let rejected: Vec<&Value> = all.iter().filter(|r| r["status"] == "rejected").collect();
    assert!(!rejected.is_empty());
    let got = json(&db, "revenue-items", "status:rejected");
    assert_eq!(got.len(), rejected.len());
    assert!(got.iter().all(|r| r["status"] == "rejected"));

    let got = json(&db, "revenue-items", "rule:tm amount:>1000");
    let expected = all
        .iter()
        .filter(|r| {
            r["billing_rule"] == "time_and_materials"
                && r["actual_amount"]
                    .as_str()
                    .or(r["planned_amount"].as_str())
                    .unwrap()
                    .parse::<rust_decimal::Decimal>()
                    .unwrap()
                    > rust_decimal::Decimal::from(1000)
        })
        .count();
    assert_eq!(got.len(), expected);

    let invoices = export_json(&db, "invoices");
    let drafts = invoices.iter().filter(|r| r["status"] == "draft").count();
    assert!(drafts > 0);
    assert_eq!(json(&db, "invoices", "status:draft").len(), drafts);

    // CSV: one line per invoice line, of the drafts only.
    let out = finctl(&[
        "--db",
        &db,
        "export",
        "invoices",
        "--format",
        "csv",
        "--filter",
        "kind:credit",
    ]);
    assert!(out.status.success(), "{}", printed(&out));
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(
        csv.lines().skip(1).all(|l| l.contains(",credit_note,")),
        "{csv}"
    );

    // Excel: as many data rows as the JSON.
    let xlsx = dir.path().join("rejected.xlsx");
    let out = finctl(&[
        "--db",
        &db,
        "export",
        "revenue-items",
        "--format",
        "xlsx",
        "-o",
        xlsx.to_str().unwrap(),
        "--filter",
        "status:rejected",
    ]);
    assert!(out.status.success(), "{}", printed(&out));
    assert!(
        printed(&out).contains(&format!("{} rows written", rejected.len())),
        "{}",
        printed(&out)
    );
}

#[test]
fn a_filter_that_does_not_read_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let file = dir.path().join("out.csv");
    for (what, filter, says) in [
        ("revenue-items", "status:paid", "is not a status"),
        ("revenue-items", "kind:credit", "this list has no kind"),
        ("invoices", "amount:10,000", "is not an amount"),
        (
            "accounts",
            "north",
            "--filter narrows revenue-items and invoices",
        ),
    ] {
        let out = finctl(&[
            "--db",
            &db,
            "export",
            what,
            "--format",
            "csv",
            "-o",
            file.to_str().unwrap(),
            "--filter",
            filter,
        ]);
        assert_eq!(out.status.code(), Some(2), "{}", printed(&out));
        assert!(printed(&out).contains(says), "{}", printed(&out));
        assert!(!file.exists());
    }
}
