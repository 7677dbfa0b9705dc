//! `X` and `v` in the console: every list writes what it shows to an Excel file (read back
//! here), and invoices and items write PDFs; the status line says where.

mod console_support;

use calamine::{Data, Reader, Xlsx, open_workbook};
use console_support::*;
use crossterm::event::KeyCode;
use finctl::app::App;
use std::path::PathBuf;

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
    let shown = app.finance.totals.as_ref().expect("totals");
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
    let first = app.reports.current().cloned().expect("a row");
    let revenue = match &rows[1][5] {
        Data::Float(f) => *f,
        other => panic!("a number: {other:?}"),
    };
    assert_eq!(
        format!("{revenue:.2}"),
        first.figures.revenue().round_dp(2).to_string()
    );
    // A breakdown writes its lines.
    key(app, KeyCode::Enter);
    ch(app, 'X');
    let (path, rows) = written(app);
    assert!(path.to_string_lossy().contains("breakdown"));
    let finctl::app::Overlay::Breakdown(b) = app.overlays.last().expect("breakdown") else {
        panic!("a breakdown")
    };
    assert_eq!(rows.len(), b.parts.len() + 1);
}

#[test]
fn v_writes_invoice_and_item_pdfs() {
    let (mut f, out) = setup();
    let app = &mut f.app;
    ch(app, '3');
    ch(app, 'v');
    let status = status_text(app);
    assert!(status.contains("page(s) written to"), "{status}");
    let row = app.invoices.view.current().cloned().expect("an invoice");
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
    let item = current_item(app, finctl::app::Tab::RevenueItems).expect("an item");
    ch(app, 'v');
    let pdf = out.path().join(format!("item-{}-2026-11-28.pdf", item.id));
    assert!(pdf.exists(), "{}", status_text(app));
    let text = pdf_extract::extract_text(&pdf).expect("text");
    let first_word = item.name.split_whitespace().next().unwrap_or_default();
    assert!(text.contains(first_word), "the item's name in its summary");
}
