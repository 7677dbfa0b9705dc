//! `finctl export ... --format xlsx`: the rows the CSV export writes, with the same column
//! names, as typed cells. The export rows carry exact decimal strings; they are parsed back here
//! rather than re-queried, so the workbook cannot drift from the CSV.

use super::xlsx::{CellKind, Column, TableWriter, Value};
use crate::domain::{Currency, Money};
use crate::store::export_history::HistoryFilter;
use crate::store::export_progress::{ContractLineRow, ProgressStatusRow};
use crate::store::export_rows::{InvoiceLineRow, InvoiceRow, RevenueItemRow};
use crate::store::history_window::HistoryRow;
use crate::store::invoice_list::InvoiceFilter;
use crate::store::item_list::ItemFilter;
use crate::store::{Store, StoreError};
use anyhow::{Context, Result};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::path::Path;

/// What `finctl export` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportTable {
    RevenueItems,
    Invoices,
    ContractLines,
    ProgressStatuses,
    /// The change history, the rows the filter lets through.
    History(HistoryFilter),
}

/// Writes one export table to `path`; returns the number of data rows.
pub fn write_export(store: &Store, table: ExportTable, path: &Path) -> Result<usize> {
    write_export_counted(store, table, "", path, &mut |_| {})
}

/// As [`write_export`], telling `done` how many of the store's rows (items, invoices, lines,
/// statuses) are written so far, after each.
pub fn write_export_counted(
    store: &Store,
    table: ExportTable,
    filter: &str,
    path: &Path,
    done: &mut dyn FnMut(u64),
) -> Result<usize> {
    let snapshot = store.read_snapshot()?;
    let rows = match table {
        ExportTable::RevenueItems => {
            let mut w = TableWriter::create(path, "Revenue items", &item_columns())?;
            walk(
                done,
                |f| {
                    let filter = ItemFilter {
                        text: filter.to_string(),
                        ..ItemFilter::all()
                    };
                    store.for_each_revenue_item_row_where(&filter, f)
                },
                |r| w.push(&item_cells(&r)?),
            )?;
            w
        }
        ExportTable::Invoices => {
            let mut w = TableWriter::create(path, "Invoices", &invoice_columns())?;
            walk(
                done,
                |f| {
                    let filter = InvoiceFilter {
                        text: filter.to_string(),
                    };
                    store.for_each_invoice_row_where(&filter, f)
                },
                |inv| {
                    if inv.lines.is_empty() {
                        return w.push(&invoice_cells(&inv, None)?);
                    }
                    inv.lines
                        .iter()
                        .try_for_each(|l| w.push(&invoice_cells(&inv, Some(l))?))
                },
            )?;
            w
        }
        ExportTable::ContractLines => {
            let mut w = TableWriter::create(path, "Contract lines", &contract_columns())?;
            walk(
                done,
                |f| store.for_each_contract_line_row(f),
                |r| w.push(&contract_cells(&r)?),
            )?;
            w
        }
        ExportTable::ProgressStatuses => {
            let mut w = TableWriter::create(path, "Progress statuses", &progress_columns())?;
            walk(
                done,
                |f| store.for_each_progress_status_row(f),
                |r| w.push(&progress_cells(&r)?),
            )?;
            w
        }
        ExportTable::History(filter) => {
            let mut w = TableWriter::create(path, "Change history", &history_columns())?;
            walk(
                done,
                |f| store.for_each_history_row(&filter, f),
                |r| w.push(&history_cells(&r)),
            )?;
            w
        }
    };
    drop(snapshot);
    rows.finish()
}

/// Runs one of the store's row walks with a callback that fails with any error, and returns
/// that error itself (the row limit, a full disk) rather than the store's wrapping of it.
fn walk<T>(
    done: &mut dyn FnMut(u64),
    run: impl FnOnce(&mut dyn FnMut(T) -> crate::store::Result<()>) -> crate::store::Result<()>,
    mut each: impl FnMut(T) -> Result<()>,
) -> Result<()> {
    let mut failed = None;
    let mut rows = 0;
    let walked = run(&mut |row| {
        each(row).map_err(|e| {
            let refusal = StoreError::refused(format!("{e:#}"));
            failed = Some(e);
            refusal
        })?;
        rows += 1;
        done(rows);
        Ok(())
    });
    match failed {
        Some(e) => Err(e),
        None => Ok(walked?),
    }
}

fn dec(s: &str) -> Result<Decimal> {
    s.parse().with_context(|| format!("{s:?} is not a decimal"))
}

fn amount(s: &str, c: Currency) -> Result<Value> {
    Ok(Value::Amount(Money::new(dec(s)?, c)))
}

fn opt_amount(s: Option<&str>, c: Currency) -> Result<Value> {
    s.map_or(Ok(Value::Empty), |s| amount(s, c))
}

fn date(s: &str) -> Result<Value> {
    Ok(Value::Date(
        s.parse::<NaiveDate>()
            .with_context(|| format!("{s:?} is not a date"))?,
    ))
}

fn currency(code: &str) -> Result<Currency> {
    Ok(code.parse()?)
}

fn columns(spec: &[(&str, CellKind, f64)]) -> Vec<Column> {
    spec.iter()
        .map(|(t, k, w)| Column::new(t, *k, *w))
        .collect()
}

fn item_columns() -> Vec<Column> {
    use CellKind::*;
    columns(&[
        ("id", Integer, 8.0),
        ("project", Text, 10.0),
        ("account", Text, 28.0),
        ("name", Text, 40.0),
        ("type", Text, 14.0),
        ("billing_rule", Text, 18.0),
        ("status", Text, 14.0),
        ("currency", Text, 9.0),
        ("unit_price", Decimal, 12.0),
        ("planned_amount", Amount, 16.0),
        ("actual_amount", Amount, 16.0),
        ("planned_invoice_date", Date, 12.0),
        ("vat_rate", Decimal, 9.0),
        ("milestone", Text, 10.0),
        ("origin", Text, 14.0),
        ("invoice", Text, 16.0),
        ("invoice_description", Text, 40.0),
        ("version", Integer, 8.0),
        ("updated_by", Text, 14.0),
        ("updated_at", Text, 24.0),
    ])
}

fn item_cells(r: &RevenueItemRow) -> Result<Vec<Value>> {
    let c = currency(&r.currency)?;
    Ok(vec![
        Value::Integer(r.id),
        Value::text(&r.project),
        Value::text(&r.account),
        Value::text(&r.name),
        Value::text(&r.item_type),
        Value::text(&r.billing_rule),
        Value::text(&r.status),
        Value::text(&r.currency),
        r.unit_price
            .as_deref()
            .map_or(Ok(Value::Empty), |p| dec(p).map(Value::Decimal))?,
        amount(&r.planned_amount, c)?,
        opt_amount(r.actual_amount.as_deref(), c)?,
        date(&r.planned_invoice_date)?,
        Value::Decimal(dec(&r.vat_rate)?),
        Value::opt_text(r.milestone.as_deref()),
        Value::text(&r.origin),
        Value::opt_text(r.invoice.as_deref()),
        Value::text(&r.invoice_description),
        Value::Integer(r.version),
        Value::text(&r.updated_by),
        Value::text(&r.updated_at),
    ])
}

fn invoice_columns() -> Vec<Column> {
    use CellKind::*;
    columns(&[
        ("id", Integer, 8.0),
        ("number", Text, 16.0),
        ("kind", Text, 12.0),
        ("status", Text, 10.0),
        ("account", Text, 28.0),
        ("currency", Text, 9.0),
        ("invoice_date", Date, 12.0),
        ("due_date", Date, 12.0),
        ("net", Amount, 16.0),
        ("vat", Amount, 14.0),
        ("gross", Amount, 16.0),
        ("credited_invoice", Text, 16.0),
        ("line_position", Integer, 8.0),
        ("revenue_item_id", Integer, 10.0),
        ("project", Text, 10.0),
        ("description", Text, 40.0),
        ("quantity", Decimal, 10.0),
        ("unit_price", Amount, 14.0),
        ("vat_rate", Decimal, 9.0),
        ("line_net", Amount, 16.0),
    ])
}

/// One row per line with the invoice's fields repeated, as the CSV has it.
fn invoice_cells(inv: &InvoiceRow, line: Option<&InvoiceLineRow>) -> Result<Vec<Value>> {
    let c = currency(&inv.currency)?;
    let mut cells = vec![
        Value::Integer(inv.id),
        Value::opt_text(inv.number.as_deref()),
        Value::text(&inv.kind),
        Value::text(&inv.status),
        Value::text(&inv.account),
        Value::text(&inv.currency),
        date(&inv.invoice_date)?,
        date(&inv.due_date)?,
        amount(&inv.net, c)?,
        amount(&inv.vat, c)?,
        amount(&inv.gross, c)?,
        Value::opt_text(inv.credited_invoice.as_deref()),
    ];
    match line {
        Some(l) => cells.extend([
            Value::Integer(l.position),
            l.revenue_item_id.map_or(Value::Empty, Value::Integer),
            Value::text(&l.project),
            Value::text(&l.description),
            Value::Decimal(dec(&l.quantity)?),
            amount(&l.unit_price, c)?,
            Value::Decimal(dec(&l.vat_rate)?),
            amount(&l.net, c)?,
        ]),
        None => cells.extend(std::iter::repeat_n(Value::Empty, 8)),
    }
    Ok(cells)
}

fn contract_columns() -> Vec<Column> {
    use CellKind::*;
    columns(&[
        ("id", Integer, 8.0),
        ("project", Text, 10.0),
        ("milestone", Text, 10.0),
        ("description", Text, 40.0),
        ("quantity", Decimal, 10.0),
        ("unit_price", Decimal, 12.0),
        ("total", Amount, 16.0),
        ("currency", Text, 9.0),
        ("invoicing_term", Text, 14.0),
        ("scheduled_total", Amount, 16.0),
        ("billed_total", Amount, 16.0),
    ])
}

fn contract_cells(r: &ContractLineRow) -> Result<Vec<Value>> {
    let c = currency(&r.currency)?;
    Ok(vec![
        Value::Integer(r.id),
        Value::text(&r.project),
        Value::opt_text(r.milestone.as_deref()),
        Value::text(&r.description),
        Value::Decimal(dec(&r.quantity)?),
        Value::Decimal(dec(&r.unit_price)?),
        amount(&r.total, c)?,
        Value::text(&r.currency),
        Value::text(&r.invoicing_term),
        amount(&r.scheduled_total, c)?,
        amount(&r.billed_total, c)?,
    ])
}

fn progress_columns() -> Vec<Column> {
    use CellKind::*;
    columns(&[
        ("id", Integer, 8.0),
        ("line_id", Integer, 8.0),
        ("period_start", Date, 12.0),
        ("period_end", Date, 12.0),
        ("invoice_date", Date, 12.0),
        ("status", Text, 12.0),
        ("estimated_percent", Decimal, 10.0),
        ("estimated_quantity", Decimal, 10.0),
        // The row carries no currency: a plain number.
        ("estimated_amount", Decimal, 14.0),
        ("billed_percent", Decimal, 10.0),
        ("billed_quantity", Decimal, 10.0),
        ("billed_amount", Decimal, 14.0),
        ("revenue_item_id", Integer, 10.0),
        ("refresh_requested", Bool, 10.0),
    ])
}

fn progress_cells(r: &ProgressStatusRow) -> Result<Vec<Value>> {
    let d = |s: &str| dec(s).map(Value::Decimal);
    Ok(vec![
        Value::Integer(r.id),
        Value::Integer(r.line_id),
        date(&r.period_start)?,
        date(&r.period_end)?,
        date(&r.invoice_date)?,
        Value::text(&r.status),
        d(&r.estimated_percent)?,
        d(&r.estimated_quantity)?,
        d(&r.estimated_amount)?,
        d(&r.billed_percent)?,
        d(&r.billed_quantity)?,
        d(&r.billed_amount)?,
        r.revenue_item_id.map_or(Value::Empty, Value::Integer),
        Value::Bool(r.refresh_requested),
    ])
}

fn history_columns() -> Vec<Column> {
    use CellKind::*;
    columns(&[
        ("id", Integer, 10.0),
        ("at", Text, 26.0),
        ("user", Text, 14.0),
        ("object", Text, 18.0),
        ("object_id", Integer, 10.0),
        ("version", Integer, 8.0),
        ("field", Text, 22.0),
        // As stored: a value's text (an amount "1234.50", a date, a creation's JSON).
        ("old", Text, 30.0),
        ("new", Text, 30.0),
        ("reason", Text, 40.0),
    ])
}

fn history_cells(r: &HistoryRow) -> Vec<Value> {
    vec![
        Value::Integer(r.id),
        Value::text(&r.at),
        Value::text(&r.user),
        Value::text(&r.object),
        Value::Integer(r.object_id),
        Value::Integer(r.version),
        Value::text(&r.field),
        Value::opt_text(r.old.as_deref()),
        Value::opt_text(r.new.as_deref()),
        Value::opt_text(r.reason.as_deref()),
    ]
}
