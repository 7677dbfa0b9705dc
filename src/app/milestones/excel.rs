//! `X` on the milestones screen: the milestones the filter shows, by due date, with their
//! warning as of the console's day.

use super::super::background::FileJob;
use crate::files::xlsx::{CellKind, Column, TableWriter, Value};
use crate::store::Bound;
use crate::store::milestone_list::MilestoneFilter;

/// Rows read at a time.
const WINDOW: usize = 500;

pub fn milestones(filter: MilestoneFilter, today: chrono::NaiveDate) -> FileJob {
    let filter = MilestoneFilter {
        today: Some(today),
        ..filter
    };
    FileJob::new(
        "milestones",
        "xlsx",
        "row(s)",
        move |store, path, progress| write(store, path, progress, &filter, today),
    )
}

fn write(
    store: &crate::store::Store,
    path: &std::path::Path,
    progress: Option<crate::files::Progress>,
    filter: &MilestoneFilter,
    today: chrono::NaiveDate,
) -> anyhow::Result<usize> {
    let cols = [
        Column::new("Due", CellKind::Date, 12.0),
        Column::new("Project", CellKind::Text, 9.0),
        Column::new("Milestone", CellKind::Text, 9.0),
        Column::new("Name", CellKind::Text, 28.0),
        Column::new("Reached", CellKind::Date, 12.0),
        Column::new("Reached by", CellKind::Text, 14.0),
        Column::new("Items", CellKind::Integer, 7.0),
        Column::new("Open items", CellKind::Integer, 7.0),
        Column::new("Amount", CellKind::Amount, 15.0),
        Column::new("Estimated %", CellKind::Decimal, 11.0),
        Column::new("Warning", CellKind::Text, 16.0),
    ];
    let snapshot = store.read_snapshot()?;
    let mut w = TableWriter::create(path, "Milestones", &cols)?.with_progress(progress);
    let mut bound = Bound::Start;
    loop {
        let rows = store.milestone_rows(filter, &bound, WINDOW)?;
        for r in &rows {
            w.push(&[
                Value::Date(r.due_date),
                Value::text(&r.project_code),
                Value::text(&r.code),
                Value::text(&r.name),
                r.reached
                    .as_ref()
                    .map_or(Value::Empty, |(d, _)| Value::Date(*d)),
                r.reached
                    .as_ref()
                    .map_or(Value::Empty, |(_, by)| Value::text(by)),
                Value::Integer(r.items),
                Value::Integer(r.open_items),
                Value::Amount(r.amount),
                Value::Decimal(r.estimated_progress),
                r.warning(today)
                    .map_or(Value::Empty, |w| Value::text(w.label())),
            ])?;
        }
        match rows.last() {
            Some(last) if rows.len() == WINDOW => bound = Bound::After(last.key()),
            _ => break,
        }
    }
    drop(snapshot);
    w.finish()
}
