//! `X` on the revenue item lists: the rows the filter shows, in list order, with the warnings
//! as of the console's day.

use super::super::background::FileJob;
use super::super::list_file::write_list;
use super::filtered_items::Items;
use crate::domain::billing_rule::BillingRule;
use crate::files::xlsx::{CellKind, Column, Value};
use crate::store::item_list::{ItemFilter, ItemRow};
use chrono::NaiveDate;

/// The workbook of what `filter` shows, named after `stem`.
pub fn excel_job(stem: &str, filter: ItemFilter, today: NaiveDate) -> FileJob {
    FileJob::new(stem, "xlsx", "row(s)", move |store, path, progress| {
        let cells = |r: &ItemRow| item_cells(r, today);
        write_list::<Items>(
            store,
            &filter,
            path,
            "Revenue items",
            &item_columns(),
            cells,
            progress,
        )
    })
}

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
    let warning = r.warning(today);
    vec![
        Value::Integer(r.id),
        Value::Date(r.planned_invoice_date),
        Value::text(&r.account),
        Value::text(&r.project),
        Value::text(&r.name),
        Value::text(rule),
        Value::Amount(r.amount),
        Value::text(r.amount.currency.code()),
        Value::text(r.status.label()),
        r.draft_invoice.map_or(Value::Empty, Value::Integer),
        warning.map_or(Value::Empty, |w| Value::text(w.label())),
    ]
}
