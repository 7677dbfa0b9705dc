//! `X` and `v` in the console: every list writes what it shows to an Excel file (read back
//! here), and invoices and items write PDFs; the status line says where.

use crate::support;

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::{Datelike, Days, NaiveDate};
use crossterm::event::KeyCode;
use finctl::app::App;
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;
use std::path::PathBuf;
use support::console::*;

/// The path the status line names, and the rows (header included) of its first sheet.
fn written(app: &App) -> (PathBuf, Vec<Vec<Data>>) {
    let status = status_text(app);
    let path = status
        .split(" written to ")
        .nth(1)
        .unwrap_or_else(|| panic!("a path in {status:?}"));
    let mut book: Xlsx<_> = open_workbook(path).expect("an xlsx");
    let range = book
        .worksheet_range_at(0)
        .expect("a sheet")
        .expect("readable");
    (
        PathBuf::from(path),
        range.rows().map(|r| r.to_vec()).collect(),
    )
}

/// A date cell's day.
fn day(cell: &Data) -> NaiveDate {
    let Data::DateTime(dt) = cell else {
        panic!("{cell:?} is not a date cell")
    };
    NaiveDate::from_ymd_opt(1899, 12, 30).unwrap() + Days::new(dt.as_f64() as u64)
}

/// A number cell as the decimal it stands for, to `dp` places.
fn decimal(cell: &Data, dp: u32) -> Decimal {
    match cell {
        Data::Float(f) => Decimal::from_f64(*f).unwrap().round_dp(dp),
        Data::Int(i) => Decimal::from(*i),
        other => panic!("{other:?} is not a number"),
    }
}

fn setup() -> (Fixture, tempfile::TempDir) {
    let mut f = demo_app();
    let out = tempfile::tempdir().expect("dir");
    f.app.set_export_dir(out.path().to_path_buf());
    (f, out)
}

#[test]
fn every_list_writes_what_it_shows() {
    let (mut f, _out) = setup();
    let app = &mut f.app;
    // Finance control, filtered: exactly the rows the filter shows.
    ch(app, '/');
    typ(app, "northwind");
    key(app, KeyCode::Enter);
    let shown = finance(app).list.totals.as_ref().expect("totals");
    let count: i64 = shown.iter().map(|t| t.count).sum();
    ch(app, 'X');
    let (path, rows) = written(app);
    assert!(
        path.ends_with("finance-control-2026-11-28.xlsx"),
        "{path:?}"
    );
    assert_eq!(rows.len() as i64, count + 1, "header and the filtered rows");
    assert!(status_text(app).starts_with(&format!("{count} row(s)")));
    // A second file never overwrites the first.
    ch(app, 'X');
    let (second, _) = written(app);
    assert!(
        second.ends_with("finance-control-2026-11-28-2.xlsx"),
        "{second:?}"
    );
    for (tab, stem) in [
        ('2', "revenue-items"),
        ('3', "invoices"),
        ('4', "contract-lines"),
        ('5', "milestones"),
        ('6', "report-project-EUR"),
    ] {
        ch(app, tab);
        ch(app, 'X');
        let (path, rows) = written(app);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        assert!(name.starts_with(stem), "{name}");
        assert!(rows.len() > 1, "{name} has rows");
    }
    // The report file holds the figures of the screen, to the cent.
    let (_, rows) = written(app);
    let first = reports(app).current().cloned().expect("a row");
    let revenue = match &rows[1][5] {
        Data::Float(f) => *f,
        other => panic!("a number: {other:?}"),
    };
    assert_eq!(
        format!("{revenue:.2}"),
        first.figures.revenue().round_dp(2).to_string()
    );
    // Its months are date cells: the first day of the month.
    assert_eq!(rows[0][2], Data::String("Month".into()));
    let month = day(&rows[1][2]);
    assert_eq!(
        (month.year(), month.month(), month.day()),
        (first.month.year, first.month.month, 1)
    );
    // A breakdown writes its lines.
    key(app, KeyCode::Enter);
    ch(app, 'X');
    let (path, rows) = written(app);
    assert!(path.to_string_lossy().contains("breakdown"));
    let Some(b) = app.top_view::<finctl::app::reports::Breakdown>() else {
        panic!("a breakdown")
    };
    assert_eq!(rows.len(), b.parts.len() + 1);
    // Its dates are date cells: a day for items and documents, a month's first day for
    // adjustments.
    for (row, part) in rows[1..].iter().zip(&b.parts) {
        let d = day(&row[0]);
        if part.date.len() == 7 {
            assert_eq!(
                (d.format("%Y-%m").to_string(), d.day()),
                (part.date.clone(), 1)
            );
        } else {
            assert_eq!(d.to_string(), part.date);
        }
    }
}

#[test]
fn breakdown_adjustments_are_written_as_months() {
    let (mut f, _out) = setup();
    let app = &mut f.app;
    ch(app, '6');
    // Find a report cell whose breakdown lists an adjustment (dated by month).
    let mut found = None;
    for _ in 0..reports(app).visible_rows().count() {
        key(app, KeyCode::Enter);
        let adjustment = match app.top_view::<finctl::app::reports::Breakdown>() {
            Some(b) => b
                .parts
                .iter()
                .position(|p| p.date.len() == 7)
                .map(|i| (i, b.parts[i].date.clone())),
            _ => None,
        };
        if adjustment.is_some() {
            found = adjustment;
            break;
        }
        key(app, KeyCode::Esc);
        key(app, KeyCode::Down);
    }
    // The demo adjusts last month's revenue of its first two projects.
    let (i, month) = found.expect("a breakdown with an adjustment");
    ch(app, 'X');
    let (_, rows) = written(app);
    let d = day(&rows[i + 1][0]);
    assert_eq!((d.format("%Y-%m").to_string(), d.day()), (month, 1));
}

#[test]
fn x_on_the_periods_pane_writes_the_periods_of_the_line() {
    let (mut f, _out) = setup();
    let app = &mut f.app;
    ch(app, '4');
    key(app, KeyCode::Enter);
    let line = progress(app).line.clone().expect("a line on screen");
    let periods = progress(app).periods.clone();
    assert!(!periods.is_empty(), "the demo's first line has periods");
    ch(app, 'X');
    let (path, rows) = written(app);
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    assert_eq!(name, format!("periods-line-{}-2026-11-28.xlsx", line.id));
    assert_eq!(rows.len(), periods.len() + 1, "header and one row a period");
    assert_eq!(rows[0][1], Data::String("Period".into()));
    for (row, p) in rows[1..].iter().zip(&periods) {
        assert_eq!(decimal(&row[0], 0), Decimal::from(line.id));
        assert_eq!(decimal(&row[1], 0), Decimal::from(p.seq));
        assert_eq!(day(&row[2]), p.period_start);
        assert_eq!(day(&row[3]), p.period_end);
        assert_eq!(day(&row[4]), p.invoice_date);
        let dp = line.currency.minor_digits();
        assert_eq!(decimal(&row[8], dp), p.estimated.amount);
        assert_eq!(decimal(&row[11], dp), p.billed.amount);
    }
    // Back on the line list, X writes the contract lines again.
    key(app, KeyCode::Esc);
    ch(app, 'X');
    let (path, _) = written(app);
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    assert!(name.starts_with("contract-lines"), "{name}");
}

#[test]
fn v_writes_invoice_and_item_pdfs() {
    let (mut f, out) = setup();
    let app = &mut f.app;
    ch(app, '3');
    ch(app, 'v');
    let status = status_text(app);
    assert!(status.contains("page(s) written to"), "{status}");
    let row = invoices(app).view.current().cloned().expect("an invoice");
    let name = match &row.number {
        Some(n) => format!("{n}-2026-11-28.pdf"),
        None => format!("draft-{}-2026-11-28.pdf", row.id),
    };
    let pdf = out.path().join(&name);
    assert!(pdf.exists(), "{name}");
    let text = pdf_extract::extract_text(&pdf).expect("text");
    if let Some(n) = &row.number {
        assert!(text.contains(n.as_str()), "the number in the PDF");
    }
    // On an item: its summary.
    ch(app, '2');
    let item = current_item(app).expect("an item");
    ch(app, 'v');
    let pdf = out.path().join(format!("item-{}-2026-11-28.pdf", item.id));
    assert!(pdf.exists(), "{}", status_text(app));
    let text = pdf_extract::extract_text(&pdf).expect("text");
    let first_word = item.name.split_whitespace().next().unwrap_or_default();
    assert!(text.contains(first_word), "the item's name in its summary");
}
