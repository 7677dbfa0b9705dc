//! End-to-end: the real binary in a pty opens the report, drills into a figure, writes both
//! to Excel, and the files agree with `finctl export` to the cent.

use crate::support;

use calamine::{Data, Reader, Xlsx, open_workbook};
use rust_decimal::Decimal;
use std::path::PathBuf;
use std::str::FromStr;
use support::e2e::rows::dec;
use support::e2e::{DemoDb, Key};

fn rows_of(path: &PathBuf) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = open_workbook(path).expect("an xlsx");
    let range = book
        .worksheet_range_at(0)
        .expect("a sheet")
        .expect("readable");
    range.rows().map(|r| r.to_vec()).collect()
}

fn number(d: &Data) -> Decimal {
    match d {
        Data::Float(f) => Decimal::from_str(&format!("{f:.2}")).expect("decimal"),
        Data::Int(i) => Decimal::from(*i),
        other => panic!("a number: {other:?}"),
    }
}

/// A month cell (an Excel date on the month's first day) as `YYYY-MM`.
fn month(d: &Data) -> String {
    let Data::DateTime(dt) = d else {
        panic!("a date cell: {d:?}")
    };
    let day = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).expect("epoch")
        + chrono::Days::new(dt.as_f64() as u64);
    day.format("%Y-%m").to_string()
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        other => panic!("text: {other:?}"),
    }
}

/// The path at the end of "N row(s) written to PATH".
fn written(status: &str) -> PathBuf {
    PathBuf::from(
        status
            .split(" written to ")
            .nth(1)
            .unwrap_or_else(|| panic!("a path in {status:?}"))
            .trim(),
    )
}

#[test]
fn the_report_drills_into_a_figure_and_exports_both() {
    let db = DemoDb::new();
    let mut c = db.console(48, 160);
    c.wait_for("? shows the keys");
    c.send("6");
    c.wait_for("F forecast");
    c.wait_for("Difference");
    // The first row's revenue: what it is made of.
    c.send_key(Key::Enter);
    c.wait_for("Revenue of project");
    c.wait_status("line(s)");
    c.send("X");
    let breakdown = written(&c.wait_status("row(s) written to"));
    c.send_key(Key::Esc);
    c.wait_gone("Revenue of project");
    c.send("X");
    // The file is written off the input path: "writing …" first, then where it went.
    c.wait_until("a second file", |c| {
        let status = c.status_line();
        status.contains("report-project") && status.contains("row(s) written to")
    });
    let report = written(&c.status_line());
    c.send("q");
    assert!(c.wait_exit().success());

    let report = rows_of(&report);
    let header: Vec<String> = report[0].iter().map(text).collect();
    assert_eq!(
        header,
        [
            "Project",
            "Name",
            "Month",
            "Forecast",
            "Billing",
            "Revenue",
            "Adjustments",
            "Difference",
            "Cost",
            "Margin",
            "Utilisation %",
            "Hours",
            "Billable hours",
            "Hours without cost rate"
        ]
    );
    let (project, month) = (text(&report[1][0]), month(&report[1][2]));
    let revenue = number(&report[1][5]);
    // The export's confirmed documents of that project and month, credit notes taken away.
    let mut expected = Decimal::ZERO;
    for v in db.export("invoices") {
        if v["status"] != "confirmed"
            || !v["invoice_date"].as_str().unwrap_or("").starts_with(&month)
        {
            continue;
        }
        let sign = if v["kind"] == "credit_note" {
            -Decimal::ONE
        } else {
            Decimal::ONE
        };
        for l in v["lines"].as_array().expect("lines") {
            if l["project"] == project.as_str() {
                expected += sign * dec(&l["net"]);
            }
        }
    }
    assert_eq!(revenue, expected, "{project} {month}");
    // The breakdown file lists the documents (and adjustments) that add up to it.
    let parts = rows_of(&breakdown);
    let sum: Decimal = parts.iter().skip(1).map(|r| number(&r[4])).sum();
    assert_eq!(sum, revenue);
    db.assert_verifies();
}
