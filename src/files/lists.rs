//! The console's lists as Excel files (`X`): the rows the list shows with its filter applied, in
//! its order, read a window at a time by key as the screen reads them.

use super::xlsx::{CellKind, Column, Progress, TableWriter, Value};
use crate::domain::billing_rule::BillingRule;
use crate::domain::numbering::DocumentKind;
use crate::domain::warnings::item_warning;
use crate::store::Bound;
use crate::store::Store;
use crate::store::invoice_list::{InvoiceFilter, InvoiceListRow};
use crate::store::item_list::{ItemFilter, ItemRow};
use anyhow::Result;
use chrono::NaiveDate;
use std::path::Path;

/// Rows per window: large enough that the query overhead does not show, small enough to stay
/// out of memory's way.
const WINDOW: usize = 2_000;

fn item_columns() -> Vec<Column> {
    use CellKind::*;
    vec![
        Column::new("Id", Integer, 8.0),
        Column::new("Planned", Date, 11.0),
        Column::new("Account", Text, 28.0),
        Column::new("Project", Text, 10.0),
        Column::new("Item", Text, 40.0),
        Column::new("Rule", Text, 16.0),
        Column::new("Amount", Amount, 16.0),
        Column::new("Currency", Text, 9.0),
        Column::new("Status", Text, 14.0),
        Column::new("Draft invoice", Integer, 13.0),
        Column::new("Warning", Text, 14.0),
    ]
}

fn item_cells(r: &ItemRow, today: NaiveDate) -> Vec<Value> {
    let rule = match r.billing_rule {
        BillingRule::TimeAndMaterials => "T&M",
        other => other.label(),
    };
    let warning = item_warning(r.status, r.planned_invoice_date, r.milestone_reached, today);
    vec![
        Value::Integer(r.id),
        Value::Date(r.planned_invoice_date),
        Value::text(&r.account),
        Value::text(&r.project),
        Value::text(&r.name),
        Value::text(rule),
        Value::Amount(r.amount, r.currency),
        Value::text(r.currency.code()),
        Value::text(r.status.label()),
        r.draft_invoice.map_or(Value::Empty, Value::Integer),
        warning.map_or(Value::Empty, |w| Value::text(w.label())),
    ]
}

/// Writes the revenue items `filter` shows (finance control or all items, the typed text
/// applied), in list order, with the warnings as of `today`; returns the number of rows.
pub fn write_revenue_items(
    store: &Store,
    filter: &ItemFilter,
    today: NaiveDate,
    path: &Path,
    progress: Option<Progress>,
) -> Result<usize> {
    // One read transaction: the file is one moment of the database even while others write.
    let snapshot = store.read_snapshot()?;
    let mut w =
        TableWriter::create(path, "Revenue items", &item_columns())?.with_progress(progress);
    let mut bound = Bound::Start;
    loop {
        let rows = store.item_rows(filter, &bound, WINDOW)?;
        for r in &rows {
            w.push(&item_cells(r, today))?;
        }
        match rows.last() {
            Some(last) if rows.len() == WINDOW => bound = Bound::After(last.key()),
            _ => break,
        }
    }
    drop(snapshot);
    w.finish()
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
    let c = r.currency;
    vec![
        Value::Integer(r.id),
        Value::opt_text(r.number.as_deref()),
        Value::text(match r.kind {
            DocumentKind::Invoice => "invoice",
            DocumentKind::CreditNote => "credit note",
        }),
        Value::text(r.status.label()),
        Value::text(&r.account),
        Value::Date(r.invoice_date),
        Value::Date(r.due_date),
        Value::Amount(r.net, c),
        Value::Amount(r.vat, c),
        Value::Amount(r.gross, c),
        Value::text(c.code()),
        Value::opt_text(r.credited_number.as_deref()),
        Value::Integer(r.lines),
    ]
}

/// Writes the invoices and credit notes `filter` shows, newest first as the list shows them;
/// returns the number of rows.
pub fn write_invoices(
    store: &Store,
    filter: &InvoiceFilter,
    path: &Path,
    progress: Option<Progress>,
) -> Result<usize> {
    let snapshot = store.read_snapshot()?;
    let mut w = TableWriter::create(path, "Invoices", &invoice_columns())?.with_progress(progress);
    let mut bound = Bound::Start;
    loop {
        let rows = store.invoice_rows(filter, &bound, WINDOW)?;
        for r in &rows {
            w.push(&invoice_cells(r))?;
        }
        match rows.last() {
            Some(last) if rows.len() == WINDOW => bound = Bound::After(last.key()),
            _ => break,
        }
    }
    drop(snapshot);
    w.finish()
}
