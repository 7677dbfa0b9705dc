//! The revenue and billing report as a table, the same on every way out: `X` on screen 6 writes
//! it as a workbook, `finctl export report` as CSV, JSON or a workbook, from the rows the screen
//! shows (`app::reports::Reports`). One column per figure, in the order of
//! `domain::report::Measure`, then the hours the cost and the utilisation are made of. A
//! person's row has no revenue: its revenue figures are empty (null in JSON), never 0.

use super::xlsx::{CellKind, Column, Progress, TableWriter, Value};
use crate::domain::Money;
use crate::domain::report::{GroupBy, Measure};
use crate::store::reports::ReportRow;
use rust_decimal::Decimal;
use serde::Serialize;
use std::path::Path;

/// One row as CSV and JSON write it: figures as exact text (`1234.50`), `None` where the row
/// has no such figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportRecord {
    /// `project`, `account`, `business_unit` or `person`: what `key` and `name` are.
    pub group: &'static str,
    pub key: String,
    pub name: String,
    pub currency: String,
    pub month: String,
    pub forecast: Option<String>,
    pub billing: Option<String>,
    pub revenue: Option<String>,
    pub adjustments: Option<String>,
    pub difference: Option<String>,
    pub cost: Option<String>,
    pub margin: Option<String>,
    /// Billable hours over all hours, in per cent to one decimal; `None` without hours.
    pub utilisation: Option<String>,
    pub hours: String,
    pub billable_hours: String,
    pub hours_without_cost_rate: String,
}

/// The group's kind as a column value.
fn group_name(g: GroupBy) -> &'static str {
    match g {
        GroupBy::BusinessUnit => "business_unit",
        other => other.label(),
    }
}

/// The figure `m` of the row, if rows grouped by `g` have it (utilisation: when it has hours).
fn figure(row: &ReportRow, g: GroupBy, m: Measure) -> Option<Decimal> {
    if m.applies_to(g) {
        row.figures.get(m)
    } else {
        None
    }
}

/// An amount as exact text at the currency's decimals (`1234.50`).
fn exact(row: &ReportRow, d: Decimal) -> String {
    let places = row.currency.minor_digits();
    format!("{:.*}", places as usize, d)
}

pub fn record(row: &ReportRow, g: GroupBy) -> ReportRecord {
    let money = |m: Measure| figure(row, g, m).map(|d| exact(row, d));
    let f = &row.figures;
    ReportRecord {
        group: group_name(g),
        key: row.group.key.clone(),
        name: row.group.label.clone(),
        currency: row.currency.code().to_string(),
        month: row.month.to_string(),
        forecast: money(Measure::Forecast),
        billing: money(Measure::Billing),
        revenue: money(Measure::Revenue),
        adjustments: money(Measure::Adjustments),
        difference: money(Measure::Difference),
        cost: money(Measure::Cost),
        margin: money(Measure::Margin),
        utilisation: figure(row, g, Measure::Utilisation).map(|u| format!("{u:.1}")),
        hours: f.hours.normalize().to_string(),
        billable_hours: f.billable_hours.normalize().to_string(),
        hours_without_cost_rate: f.hours_without_cost.normalize().to_string(),
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The workbook's columns for rows grouped by `g`.
fn columns(g: GroupBy) -> Vec<Column> {
    let mut cols = vec![
        Column::new(&capital(g.label()), CellKind::Text, 14.0),
        Column::new("Name", CellKind::Text, 28.0),
        Column::new("Month", CellKind::Month, 9.0),
    ];
    for m in Measure::ALL {
        let title = if m.is_money() {
            capital(m.label())
        } else {
            "Utilisation %".to_string()
        };
        let kind = if m.is_money() {
            CellKind::Amount
        } else {
            CellKind::Decimal
        };
        cols.push(Column::new(&title, kind, 15.0));
    }
    for title in ["Hours", "Billable hours", "Hours without cost rate"] {
        cols.push(Column::new(title, CellKind::Decimal, 12.0));
    }
    cols
}

/// The typed cells of a row: amounts with their currency, utilisation and hours as numbers.
fn cells(row: &ReportRow, g: GroupBy) -> Vec<Value> {
    let mut cells = vec![
        Value::text(&row.group.key),
        Value::text(&row.group.label),
        Value::Month(row.month),
    ];
    for m in Measure::ALL {
        cells.push(match figure(row, g, m) {
            Some(d) if m.is_money() => Value::Amount(Money::new(d, row.currency)),
            Some(d) => Value::Decimal(d),
            None => Value::Empty,
        });
    }
    let f = &row.figures;
    for h in [f.hours, f.billable_hours, f.hours_without_cost] {
        cells.push(Value::Decimal(h.normalize()));
    }
    cells
}

/// Writes `rows` (grouped by `g`) as a workbook at `path`; the rows written.
pub fn write_xlsx<'a>(
    path: &Path,
    g: GroupBy,
    rows: impl IntoIterator<Item = &'a ReportRow>,
    progress: Option<Progress>,
) -> anyhow::Result<usize> {
    let mut w =
        TableWriter::create(path, "Revenue and billing", &columns(g))?.with_progress(progress);
    for row in rows {
        w.push(&cells(row, g))?;
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Currency;
    use crate::domain::report::{Figures, YearMonth};
    use crate::store::reports::Group;

    fn row() -> ReportRow {
        ReportRow {
            group: Group {
                key: "ada".into(),
                id: 0,
                label: "ada".into(),
            },
            currency: Currency::EUR,
            month: YearMonth::parse("2026-11").unwrap(),
            figures: Figures {
                invoiced_revenue: Decimal::new(100_000, 2),
                cost: Decimal::new(46_875, 2),
                hours: Decimal::new(75, 1),
                billable_hours: Decimal::new(5, 0),
                hours_without_cost: Decimal::ZERO,
                ..Figures::default()
            },
        }
    }

    #[test]
    fn a_record_holds_every_figure_as_exact_text() {
        let r = record(&row(), GroupBy::Project);
        assert_eq!(r.revenue.as_deref(), Some("1000.00"));
        assert_eq!(r.cost.as_deref(), Some("468.75"));
        assert_eq!(r.margin.as_deref(), Some("531.25"));
        assert_eq!(r.forecast.as_deref(), Some("0.00"));
        assert_eq!(r.utilisation.as_deref(), Some("66.7"));
        assert_eq!(r.hours, "7.5");
        assert_eq!(r.group, "project");
    }

    #[test]
    fn a_person_has_no_revenue_figures_rather_than_zeros() {
        let r = record(&row(), GroupBy::Person);
        assert_eq!(r.revenue, None);
        assert_eq!(r.margin, None);
        assert_eq!(r.cost.as_deref(), Some("468.75"));
        assert_eq!(r.utilisation.as_deref(), Some("66.7"));
        assert_eq!(
            cells(&row(), GroupBy::Person).len(),
            columns(GroupBy::Person).len()
        );
    }
}
