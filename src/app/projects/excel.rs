//! `X` on the projects list: the projects the filter shows, by code, one row each with the
//! sums the list shows.

use super::super::background::FileJob;
use super::super::list_file::write_list;
use super::project_list::ProjectSource;
use crate::files::xlsx::{CellKind, Column, Value};
use crate::store::project_list::{ProjectFilter, ProjectRow};

/// The workbook of what `filter` shows.
pub fn excel_job(filter: ProjectFilter) -> FileJob {
    FileJob::new(
        "projects",
        "xlsx",
        "row(s)",
        move |store, path, progress| {
            let columns = project_columns();
            write_list::<ProjectSource>(
                store,
                &filter,
                path,
                "Projects",
                &columns,
                project_cells,
                progress,
            )
        },
    )
}

fn project_columns() -> Vec<Column> {
    use CellKind::*;
    vec![
        Column::new("Code", Text, 10.0),
        Column::new("Name", Text, 28.0),
        Column::new("Account", Text, 28.0),
        Column::new("Status", Text, 10.0),
        Column::new("Currency", Text, 9.0),
        Column::new("Start", Date, 12.0),
        Column::new("Manager", Text, 14.0),
        Column::new("Milestones", Integer, 10.0),
        Column::new("Open", Amount, 16.0),
        Column::new("Billable", Amount, 16.0),
        Column::new("Invoiced", Amount, 16.0),
    ]
}

fn project_cells(r: &ProjectRow) -> Vec<Value> {
    vec![
        Value::text(&r.code),
        Value::text(&r.name),
        Value::text(&r.account),
        Value::text(r.status.as_str()),
        Value::text(r.open.currency.code()),
        r.start_date.map(Value::Date).unwrap_or(Value::Empty),
        Value::text(&r.manager),
        Value::Integer(r.milestones),
        Value::Amount(r.open),
        Value::Amount(r.billable),
        Value::Amount(r.invoiced),
    ]
}
