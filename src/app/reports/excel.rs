//! `X` on the report: the rows of the shown currency, every figure a typed amount.

use super::super::background::FileJob;
use super::report::Reports;
use crate::domain::Money;
use crate::domain::report::Measure;
use crate::files::xlsx::{CellKind, Column, TableWriter, Value};

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub fn report(r: &Reports) -> FileJob {
    let cur = r.currency.map(|c| c.code().to_string()).unwrap_or_default();
    let group = r.query.group;
    let rows: Vec<_> = r.visible_rows().cloned().collect();
    FileJob::new(
        format!("report-{}-{cur}", group.label().replace(' ', "-")),
        "xlsx",
        "row(s)",
        move |_, path, progress| {
            let mut cols = vec![
                Column::new(&capital(group.label()), CellKind::Text, 12.0),
                Column::new("Name", CellKind::Text, 28.0),
                Column::new("Month", CellKind::Month, 9.0),
            ];
            for m in Measure::ALL {
                cols.push(Column::new(&capital(m.label()), CellKind::Amount, 15.0));
            }
            let mut w =
                TableWriter::create(path, "Revenue and billing", &cols)?.with_progress(progress);
            for row in &rows {
                let mut cells = vec![
                    Value::text(&row.group.key),
                    Value::text(&row.group.label),
                    Value::Month(row.month),
                ];
                cells.extend(
                    Measure::ALL
                        .iter()
                        .map(|m| Value::Amount(Money::new(row.figures.get(*m), row.currency))),
                );
                w.push(&cells)?;
            }
            w.finish()
        },
    )
}
