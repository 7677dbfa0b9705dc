//! Excel files read back with calamine: `finctl export ... --format xlsx` against the JSON export
//! cell by cell (typed: dates are dates, amounts numbers equal to the cent), and the console's
//! list writers against the rows the lists show.

use crate::support;

use calamine::{Data, DataType, Range, Reader, Xlsx, open_workbook};
use chrono::{Days, NaiveDate};
use finctl::app::{invoices, item_list};
use finctl::files::{self, ExportTable};
use finctl::store::Bound;
use finctl::store::invoice_list::InvoiceFilter;
use finctl::store::item_list::ItemFilter;
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;
use serde_json::Value;
use std::path::Path;
use support::cli::{export_json, finctl};
use support::store::{demo_store, today};

/// `finctl export WHAT --format xlsx -o FILE`, read back: the sheet and its defined names.
fn export_xlsx(db: &Path, what: &str, dir: &Path) -> (Range<Data>, Vec<(String, String)>) {
    let file = dir.join(format!("{what}.xlsx"));
    let out = finctl(&[
        "--db",
        db.to_str().unwrap(),
        "export",
        what,
        "--format",
        "xlsx",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("rows written"));
    read(&file)
}

fn read(file: &Path) -> (Range<Data>, Vec<(String, String)>) {
    let mut book: Xlsx<_> = open_workbook(file).unwrap();
    let names = book.defined_names().to_vec();
    (book.worksheet_range_at(0).unwrap().unwrap(), names)
}

fn header(range: &Range<Data>) -> Vec<String> {
    range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect()
}

fn excel_date(cell: &Data) -> NaiveDate {
    let Data::DateTime(dt) = cell else {
        panic!("{cell:?} is not a date cell")
    };
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
    epoch + Days::new(dt.as_f64() as u64)
}

/// One cell against the JSON export's value of the same field.
fn same(cell: &Data, json: &Value, what: &str) {
    match json {
        Value::Null => assert!(matches!(cell, Data::Empty), "{what}: {cell:?} for null"),
        Value::Bool(b) => assert_eq!(cell, &Data::Bool(*b), "{what}"),
        Value::Number(n) => {
            let v = match cell {
                Data::Float(f) => *f,
                Data::Int(i) => *i as f64,
                other => panic!("{what}: {other:?} is not a number"),
            };
            assert_eq!(v, n.as_f64().unwrap(), "{what}");
        }
        Value::String(s) => match cell {
            Data::String(c) => assert_eq!(c, s, "{what}"),
            Data::Empty => assert_eq!(s, "", "{what}"),
            Data::DateTime(_) => assert_eq!(excel_date(cell).to_string(), *s, "{what}"),
            Data::Float(f) => {
                let exact: Decimal = s.parse().unwrap();
                let read = Decimal::from_f64(*f).unwrap().round_dp(exact.scale());
                assert_eq!(read, exact, "{what}: {f} vs {s}");
            }
            other => panic!("{what}: {other:?} for {s:?}"),
        },
        other => panic!("{what}: unexpected JSON {other}"),
    }
}

fn assert_typed(range: &Range<Data>, dates: &[&str], amounts: &[&str]) {
    let head = header(range);
    for row in range.rows().skip(1) {
        for (i, title) in head.iter().enumerate() {
            let cell = &row[i];
            if dates.contains(&title.as_str()) {
                assert!(matches!(cell, Data::DateTime(_)), "{title}: {cell:?}");
            }
            if amounts.contains(&title.as_str()) && !matches!(cell, Data::Empty) {
                assert!(matches!(cell, Data::Float(_)), "{title}: {cell:?}");
            }
        }
    }
}

#[test]
fn revenue_items_xlsx_equals_the_json_export() {
    let (dir, db, _store) = demo_store();
    let json = export_json(&db, "revenue-items");
    let (range, names) = export_xlsx(&db, "revenue-items", dir.path());
    assert_eq!(
        range.height(),
        json.len() + 1,
        "header plus one row per item"
    );
    let head = header(&range);
    assert_eq!(head[..4], ["id", "project", "account", "name"]);
    assert_eq!(head.len(), json[0].as_object().unwrap().len());
    for (row, item) in range.rows().skip(1).zip(&json) {
        for (i, title) in head.iter().enumerate() {
            same(
                &row[i],
                &item[title],
                &format!("item {} {title}", item["id"]),
            );
        }
    }
    assert_typed(
        &range,
        &["planned_invoice_date"],
        &["planned_amount", "actual_amount"],
    );
    let filter = names.iter().find(|(n, _)| n == "_xlnm._FilterDatabase");
    let (_, area) = filter.expect("an autofilter");
    assert!(
        area.ends_with(&format!("$A$1:$T${}", json.len() + 1)),
        "{area}"
    );
}

#[test]
fn invoices_xlsx_equals_the_json_export_one_row_per_line() {
    let (dir, db, _store) = demo_store();
    let json = export_json(&db, "invoices");
    let (range, _) = export_xlsx(&db, "invoices", dir.path());
    let head = header(&range);
    let mut rows = range.rows().skip(1);
    let mut lines_seen = 0;
    for inv in &json {
        let lines = inv["lines"].as_array().unwrap();
        let line_values: Vec<Option<&Value>> = if lines.is_empty() {
            vec![None]
        } else {
            lines.iter().map(Some).collect()
        };
        for line in line_values {
            let row = rows.next().expect("a row per line");
            lines_seen += 1;
            for (i, title) in head.iter().enumerate() {
                let field = match title.as_str() {
                    "line_position" => "position",
                    "line_net" => "net",
                    "revenue_item_id" | "project" | "description" | "quantity" | "unit_price"
                    | "vat_rate" => title,
                    other => {
                        same(
                            &row[i],
                            &inv[other],
                            &format!("invoice {} {other}", inv["id"]),
                        );
                        continue;
                    }
                };
                let value = line.map_or(&Value::Null, |l| &l[field]);
                same(
                    &row[i],
                    value,
                    &format!("invoice {} line {field}", inv["id"]),
                );
            }
        }
    }
    assert!(rows.next().is_none(), "no more rows than lines");
    assert_eq!(range.height(), lines_seen + 1);
    assert_typed(
        &range,
        &["invoice_date", "due_date"],
        &["net", "vat", "gross", "unit_price", "line_net"],
    );
}

#[test]
fn contract_lines_and_progress_statuses_export_too() {
    let (dir, db, _store) = demo_store();
    for what in ["contract-lines", "progress-statuses"] {
        let json = export_json(&db, what);
        let (range, _) = export_xlsx(&db, what, dir.path());
        assert_eq!(range.height(), json.len() + 1, "{what}");
        let head = header(&range);
        for (row, obj) in range.rows().skip(1).zip(&json) {
            for (i, title) in head.iter().enumerate() {
                same(&row[i], &obj[title], &format!("{what} {title}"));
            }
        }
    }
}

#[test]
fn xlsx_without_an_output_file_is_a_usage_error() {
    let (_dir, db, _store) = demo_store();
    let out = finctl(&[
        "--db",
        db.to_str().unwrap(),
        "export",
        "invoices",
        "--format",
        "xlsx",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--output"), "{err}");
    assert!(out.stdout.is_empty(), "nothing binary on the terminal");
}

fn column(range: &Range<Data>, title: &str) -> Vec<Data> {
    let i = header(range).iter().position(|h| h == title).unwrap();
    range.rows().skip(1).map(|r| r[i].clone()).collect()
}

fn ids(range: &Range<Data>) -> Vec<i64> {
    column(range, "Id")
        .iter()
        .map(|c| c.as_f64().unwrap() as i64)
        .collect()
}

#[test]
fn the_lists_x_writes_exactly_the_filtered_rows_in_list_order() {
    let (dir, _db, store) = demo_store();
    let filters = [
        ItemFilter::all(),
        ItemFilter::finance_control(today()),
        ItemFilter {
            due_until: None,
            text: "north".into(),
            today: None,
        },
    ];
    for (n, filter) in filters.iter().enumerate() {
        let file = dir.path().join(format!("items{n}.xlsx"));
        let job = item_list::excel_job("items", filter.clone(), today());
        let written = (job.write)(&store, &file, None).unwrap();
        let shown = store.item_rows(filter, &Bound::Start, 100_000).unwrap();
        assert_eq!(written, shown.len(), "{filter:?}");
        let (range, _) = read(&file);
        let want: Vec<i64> = shown.iter().map(|r| r.id).collect();
        assert_eq!(ids(&range), want, "{filter:?}");
        let planned: Vec<NaiveDate> = column(&range, "Planned").iter().map(excel_date).collect();
        let want: Vec<NaiveDate> = shown.iter().map(|r| r.planned_invoice_date).collect();
        assert_eq!(planned, want);
        for (cell, row) in column(&range, "Amount").iter().zip(&shown) {
            let read = Decimal::from_f64(cell.as_f64().unwrap())
                .unwrap()
                .round_dp(2);
            assert_eq!(read, row.amount.amount, "item {}", row.id);
        }
    }
    let everything = store
        .item_rows(&ItemFilter::all(), &Bound::Start, 100_000)
        .unwrap();
    assert_eq!(everything.len(), 300);

    for text in ["", "CN-", "north"] {
        let filter = InvoiceFilter { text: text.into() };
        let file = dir.path().join("invoices.xlsx");
        let job = invoices::excel_job(filter.clone());
        let written = (job.write)(&store, &file, None).unwrap();
        let shown = store.invoice_rows(&filter, &Bound::Start, 100_000).unwrap();
        assert!(!shown.is_empty() || !text.is_empty());
        assert_eq!(written, shown.len(), "{text:?}");
        let (range, _) = read(&file);
        assert_eq!(ids(&range), shown.iter().map(|r| r.id).collect::<Vec<_>>());
        let gross = column(&range, "Gross");
        for (cell, row) in gross.iter().zip(&shown) {
            let read = Decimal::from_f64(cell.as_f64().unwrap())
                .unwrap()
                .round_dp(2);
            assert_eq!(read, row.gross.amount);
        }
        let dates = column(&range, "Invoice date");
        assert!(dates.iter().all(|d| matches!(d, Data::DateTime(_))));
    }
}

#[test]
fn the_store_export_writer_counts_its_rows() {
    let (dir, _db, store) = demo_store();
    let file = dir.path().join("items.xlsx");
    let rows = files::write_export(&store, ExportTable::RevenueItems, &file).unwrap();
    assert_eq!(rows, 300);
    assert!(std::fs::metadata(&file).unwrap().len() > 10_000);
}
