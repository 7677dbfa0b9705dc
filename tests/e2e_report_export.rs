//! End-to-end: a cost rate made in the console of the real binary (projects screen, `K`) is in
//! the database afterwards (`export cost-rates`, its history), and `finctl export report`
//! writes each person's cost as their time reports at their rates, to the cent, in CSV, JSON
//! and a workbook alike; bad arguments are refused before any file is made.

use crate::support;

use calamine::{Data, Reader, Xlsx, open_workbook};
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::BTreeMap;
use std::str::FromStr;
use support::e2e::rows::dec;
use support::e2e::{DemoDb, Key};

const RANGE: [&str; 4] = ["--from", "2026-08", "--to", "2026-11"];

fn report(db: &DemoDb, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["export", "report", "--format", "json", "--currency", "EUR"];
    args.extend(RANGE);
    args.extend(extra);
    let out = db.cli(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    v.as_array().expect("array").clone()
}

/// Cost per (person, month) in EUR from the exported time reports and cost rates: each
/// report's hours at the rate valid on its date, rounded half away to the cent; and the hours
/// left without a rate.
fn costs_from_exports(db: &DemoDb) -> BTreeMap<(String, String), (Decimal, Decimal)> {
    let eur: Vec<String> = db
        .export("projects")
        .iter()
        .filter(|p| p["currency"] == "EUR")
        .map(|p| p["code"].as_str().unwrap_or_default().to_string())
        .collect();
    let rates = db.export("cost-rates");
    let mut out: BTreeMap<(String, String), (Decimal, Decimal)> = BTreeMap::new();
    for t in db.export("time-reports") {
        let project = t["project"].as_str().unwrap_or_default();
        let date = t["date"].as_str().unwrap_or_default();
        let month = &date[..7];
        if !eur.iter().any(|c| c == project) || !("2026-08".."2026-12").contains(&month) {
            continue;
        }
        let person = t["person"].as_str().unwrap_or_default().to_string();
        let hours = dec(&t["hours"]);
        let rate = rates
            .iter()
            .filter(|r| r["person"] == person.as_str() && r["currency"] == "EUR")
            .filter(|r| r["valid_from"].as_str().is_none_or(|f| f <= date))
            .max_by_key(|r| r["valid_from"].as_str().unwrap_or("").to_string());
        let e = out.entry((person, month.to_string())).or_default();
        match rate {
            Some(r) => {
                e.0 += (hours * dec(&r["hourly_cost"]))
                    .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
            }
            None => e.1 += hours,
        }
    }
    out
}

#[test]
fn a_cost_rate_made_in_the_console_prices_the_hours_the_report_exports() {
    let db = DemoDb::new();
    let mut c = db.console(48, 160);
    c.wait_for("? shows the keys");
    c.send("7");
    c.wait_for("Projects");
    c.send("K");
    c.wait_for("Cost rates");
    c.wait_status("cost rate(s)");
    // Hugo Weber had no dollar rate; a euro raise for Ines Costa from 2026-10-01.
    c.send("n");
    c.wait_for("New cost rate");
    c.repeat(Key::Backspace, 30);
    c.send("Ines Costa");
    c.send_key(Key::Tab);
    c.repeat(Key::Backspace, 5);
    c.send("EUR");
    c.send_key(Key::Tab);
    c.send("2026-10-01");
    c.send_key(Key::Tab);
    c.send("74.25");
    c.send_key(Key::CtrlS);
    c.wait_status("cost rate of Ines Costa created");
    c.send("q");
    assert!(c.wait_exit().success());

    let rates = db.export("cost-rates");
    assert!(
        rates.iter().any(|r| r["person"] == "Ines Costa"
            && r["valid_from"] == "2026-10-01"
            && r["hourly_cost"] == "74.25"
            && r["currency"] == "EUR"),
        "{rates:?}"
    );
    let history = db.cli(&[
        "export",
        "history",
        "--object",
        "cost_rate",
        "--format",
        "json",
    ]);
    assert!(String::from_utf8_lossy(&history.stdout).contains("74.25"));
    db.assert_verifies();

    // Each person's cost and hours without a rate, as the exports add them up.
    let expected = costs_from_exports(&db);
    let rows = report(&db, &["--group", "person"]);
    assert!(!rows.is_empty());
    for r in &rows {
        let key = (
            r["key"].as_str().unwrap().to_string(),
            r["month"].as_str().unwrap().to_string(),
        );
        let (cost, without) = expected.get(&key).copied().unwrap_or_default();
        assert_eq!(dec(&r["cost"]), cost, "{key:?}");
        assert_eq!(dec(&r["hours_without_cost_rate"]), without, "{key:?}");
        // A person's row has no revenue: null, not 0.
        assert!(r["revenue"].is_null() && r["margin"].is_null(), "{r}");
        // Utilisation: billable over all hours.
        let (h, b) = (dec(&r["hours"]), dec(&r["billable_hours"]));
        let u = (b * Decimal::ONE_HUNDRED / h)
            .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        assert_eq!(dec(&r["utilisation"]), u, "{key:?}");
    }
    let months_with_cost = expected.values().filter(|(c, _)| !c.is_zero()).count();
    assert_eq!(
        rows.iter().filter(|r| !dec(&r["cost"]).is_zero()).count(),
        months_with_cost
    );
    // By project: margin is revenue less cost, each row.
    for r in report(&db, &[]) {
        assert_eq!(
            dec(&r["margin"]),
            dec(&r["revenue"]) - dec(&r["cost"]),
            "{r}"
        );
    }
}

fn cells(path: &std::path::Path) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = open_workbook(path).expect("an xlsx");
    let range = book
        .worksheet_range_at(0)
        .expect("a sheet")
        .expect("readable");
    range.rows().map(|r| r.to_vec()).collect()
}

#[test]
fn csv_json_and_xlsx_hold_the_same_rows_and_bad_arguments_make_no_file() {
    let db = DemoDb::new();
    let json = report(&db, &["--group", "account", "--filter", "bu:Digital"]);
    let all = report(&db, &["--group", "account"]);
    assert!(
        !json.is_empty() && json.len() < all.len(),
        "{} of {}",
        json.len(),
        all.len()
    );
    let dir = db.home();
    let csv_path = dir.join("report.csv");
    let xlsx_path = dir.join("report.xlsx");
    for (format, path) in [("csv", &csv_path), ("xlsx", &xlsx_path)] {
        let mut args = vec!["export", "report", "--format", format, "--currency", "EUR"];
        args.extend(RANGE);
        args.extend(["--group", "account", "--filter", "bu:Digital", "-o"]);
        args.push(path.to_str().unwrap());
        let out = db.cli(&args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let mut csv = csv::Reader::from_path(&csv_path).expect("csv");
    let csv_rows: Vec<csv::StringRecord> = csv.records().map(|r| r.expect("row")).collect();
    assert_eq!(csv_rows.len(), json.len());
    let book = cells(&xlsx_path);
    assert_eq!(book.len(), json.len() + 1, "a header and the rows");
    for ((j, c), x) in json.iter().zip(&csv_rows).zip(book.iter().skip(1)) {
        assert_eq!(c.get(1), j["key"].as_str());
        assert_eq!(c.get(7), j["revenue"].as_str());
        let Data::Float(revenue) = x[5] else {
            panic!("a number: {:?}", x[5])
        };
        assert_eq!(
            Decimal::from_str(&format!("{revenue:.2}")).unwrap(),
            dec(&j["revenue"])
        );
    }

    // Refused as usage (exit 2), before anything is written.
    let refused = |args: &[&str], says: &str| {
        let target = dir.join("refused.csv");
        let mut all = vec![
            "export",
            "report",
            "--format",
            "csv",
            "-o",
            target.to_str().unwrap(),
        ];
        all.extend(args);
        let out = db.cli(&all);
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(!target.exists(), "{args:?} made a file");
    };
    refused(&["--currency", "EUR", "--from", "2026-13"], "not a month");
    refused(
        &["--currency", "EUR", "--from", "2026-11", "--to", "2026-10"],
        "is after --to",
    );
    refused(
        &["--currency", "EUR", "--from", "2026-11-01"],
        "months, YYYY-MM",
    );
    refused(
        &["--currency", "EUR", "--group", "team"],
        "no grouping of the report",
    );
    refused(&["--currency", "XYZ"], "XYZ");
    refused(&["--from", "2026-10"], "--currency");
    refused(&["--currency", "EUR", "--filter", "status:"], "--filter");
    // A folder that is not there: refused, nothing made.
    let missing = dir.join("no-such-folder").join("report.csv");
    let mut args = vec![
        "export",
        "report",
        "--format",
        "csv",
        "--currency",
        "EUR",
        "-o",
    ];
    args.push(missing.to_str().unwrap());
    let out = db.cli(&args);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write"));
    assert!(!missing.exists() && !dir.join("no-such-folder").exists());
}
