//! `X` on the progress screen: the contract lines the filter shows (from the lines pane), or
//! the periods of the line on screen (from the periods pane), typed cells in the line's
//! currency.

use super::super::background::FileJob;
use super::lines_and_periods::ProgressBilling;
use crate::domain::Money;
use crate::files::xlsx::{CellKind, Column, TableWriter, Value};
use crate::store::Bound;
use crate::store::progress_list::LineFilter;

/// Rows read at a time.
const WINDOW: usize = 500;

pub fn contract_lines(filter: LineFilter) -> FileJob {
    FileJob::new(
        "contract-lines",
        "xlsx",
        "row(s)",
        move |store, path, progress| {
            let cols = [
                Column::new("Line", CellKind::Integer, 6.0),
                Column::new("Project", CellKind::Text, 9.0),
                Column::new("Milestone", CellKind::Text, 9.0),
                Column::new("Description", CellKind::Text, 30.0),
                Column::new("Term", CellKind::Text, 11.0),
                Column::new("Quantity", CellKind::Decimal, 10.0),
                Column::new("Unit price", CellKind::Decimal, 12.0),
                Column::new("Total", CellKind::Amount, 15.0),
                Column::new("Billed", CellKind::Amount, 15.0),
                Column::new("Estimated %", CellKind::Decimal, 11.0),
                Column::new("Pending period", CellKind::Integer, 8.0),
                Column::new("Pending until", CellKind::Date, 12.0),
                Column::new("Refresh requested", CellKind::Bool, 9.0),
            ];
            let snapshot = store.read_snapshot()?;
            let mut w = TableWriter::create(path, "Contract lines", &cols)?.with_progress(progress);
            let mut bound = Bound::Start;
            loop {
                let rows = store.progress_line_rows(&filter, &bound, WINDOW)?;
                for r in &rows {
                    w.push(&[
                        Value::Integer(r.id),
                        Value::text(&r.project_code),
                        Value::opt_text(r.milestone_code.as_deref()),
                        Value::text(&r.description),
                        Value::text(&r.term),
                        Value::Decimal(r.quantity),
                        Value::Decimal(r.unit_price),
                        Value::Amount(r.total),
                        Value::Amount(r.billed),
                        Value::Decimal(r.estimated_progress),
                        r.pending
                            .as_ref()
                            .map_or(Value::Empty, |p| Value::Integer(p.seq)),
                        r.pending
                            .as_ref()
                            .map_or(Value::Empty, |p| Value::Date(p.period_end)),
                        Value::Bool(r.pending.as_ref().is_some_and(|p| p.refresh_requested)),
                    ])?;
                }
                match rows.last() {
                    Some(last) if rows.len() == WINDOW => bound = Bound::After(last.id),
                    _ => break,
                }
            }
            drop(snapshot);
            w.finish()
        },
    )
}

/// The periods pane: the periods of the line on screen, its amounts in its currency.
pub fn periods(screen: &ProgressBilling) -> Result<FileJob, String> {
    let Some(line) = screen.line.clone() else {
        return Err("no contract line on screen: nothing to write".into());
    };
    let periods = screen.periods.clone();
    Ok(FileJob::new(
        format!("periods-line-{}", line.id),
        "xlsx",
        "row(s)",
        move |_, path, progress| {
            let cols = [
                Column::new("Line", CellKind::Integer, 6.0),
                Column::new("Period", CellKind::Integer, 7.0),
                Column::new("Start", CellKind::Date, 12.0),
                Column::new("End", CellKind::Date, 12.0),
                Column::new("Invoice date", CellKind::Date, 12.0),
                Column::new("State", CellKind::Text, 11.0),
                Column::new("Estimated %", CellKind::Decimal, 11.0),
                Column::new("Estimated quantity", CellKind::Decimal, 11.0),
                Column::new("Estimated amount", CellKind::Amount, 15.0),
                Column::new("Billed %", CellKind::Decimal, 10.0),
                Column::new("Billed quantity", CellKind::Decimal, 11.0),
                Column::new("Billed amount", CellKind::Amount, 15.0),
                Column::new("Revenue item", CellKind::Integer, 9.0),
                Column::new("Refresh requested", CellKind::Bool, 9.0),
            ];
            let sheet = format!("Periods of line {}", line.id);
            let mut w = TableWriter::create(path, &sheet, &cols)?.with_progress(progress);
            let c = line.currency;
            for p in &periods {
                w.push(&[
                    Value::Integer(p.line_id),
                    Value::Integer(p.seq),
                    Value::Date(p.period_start),
                    Value::Date(p.period_end),
                    Value::Date(p.invoice_date),
                    Value::text(p.state.label()),
                    Value::Decimal(p.estimated.percent),
                    Value::Decimal(p.estimated.quantity),
                    Value::Amount(Money::new(p.estimated.amount, c)),
                    Value::Decimal(p.billed.percent),
                    Value::Decimal(p.billed.quantity),
                    Value::Amount(Money::new(p.billed.amount, c)),
                    p.revenue_item_id.map_or(Value::Empty, Value::Integer),
                    Value::Bool(p.refresh_requested),
                ])?;
            }
            w.finish()
        },
    ))
}
