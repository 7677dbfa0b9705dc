//! `X` on the invoice list: the documents the filter shows, newest first as the list shows
//! them, one row each.

use super::super::background::FileJob;
use super::super::list_file::write_list;
use super::document_list::Documents;
use crate::domain::invoice_status::InvoiceStatus;
use crate::domain::numbering::DocumentKind;
use crate::files::xlsx::{CellKind, Column, Value};
use crate::store::invoice_list::{InvoiceFilter, InvoiceListRow};

/// The workbook of what `filter` shows.
pub fn excel_job(filter: InvoiceFilter) -> FileJob {
    FileJob::new(
        "invoices",
        "xlsx",
        "row(s)",
        move |store, path, progress| {
            let columns = invoice_columns();
            write_list::<Documents>(
                store,
                &filter,
                path,
                "Invoices",
                &columns,
                invoice_cells,
                progress,
            )
        },
    )
}

fn invoice_columns() -> Vec<Column> {
    use CellKind::*;
    vec![
        Column::new("Id", Integer, 8.0),
        Column::new("Number", Text, 16.0),
        Column::new("Kind", Text, 12.0),
        Column::new("Status", Text, 10.0),
        Column::new("Account", Text, 28.0),
        Column::new("Invoice date", Date, 12.0),
        Column::new("Due date", Date, 12.0),
        Column::new("Net", Amount, 16.0),
        Column::new("VAT", Amount, 14.0),
        Column::new("Gross", Amount, 16.0),
        Column::new("Currency", Text, 9.0),
        Column::new("Credited invoice", Text, 16.0),
        Column::new("Lines", Integer, 7.0),
    ]
}

fn invoice_cells(r: &InvoiceListRow) -> Vec<Value> {
    vec![
        Value::Integer(r.id),
        Value::opt_text(r.number.as_deref()),
        Value::text(match r.kind {
            DocumentKind::Invoice => "invoice",
            DocumentKind::CreditNote => "credit note",
        }),
        Value::text(match r.status {
            InvoiceStatus::Draft => "draft",
            InvoiceStatus::Confirmed => "confirmed",
        }),
        Value::text(&r.account),
        Value::Date(r.invoice_date),
        Value::Date(r.due_date),
        Value::Amount(r.net),
        Value::Amount(r.vat),
        Value::Amount(r.gross),
        Value::text(r.gross.currency.code()),
        Value::opt_text(r.credited_number.as_deref()),
        Value::Integer(r.lines),
    ]
}
