//! Deleting a contract line whole: its periods (none validated) and its open forecast item go
//! with it, each with a "deleted" history row that keeps what it held.

use super::forecast::period_dates;
use super::*;
use crate::domain::Money;
use crate::domain::line_schedule::check_delete_line;
use crate::domain::rights::Action;
use crate::store::error::{Result, StoreError};
use crate::store::revenue_items::{load_item, search_forget};
use crate::store::{Store, Writer};

/// What deleting a line takes with it: the dialog says it before, the status line after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineDeletion {
    pub line_id: i64,
    pub description: String,
    /// Its periods (pending ones only: a line with a validated period is not deleted).
    pub periods: usize,
    /// Its open forecast item and the amount it holds.
    pub forecast: Option<(i64, Money)>,
}

/// The line, its periods and its forecast, or why the line cannot go.
fn deletion(conn: &rusqlite::Connection, line_id: i64) -> Result<(ContractLine, LineDeletion)> {
    let line = load_line(conn, line_id)?;
    let statuses = load_statuses(conn, &line)?;
    check_delete_line(&period_dates(&statuses))?;
    let forecast = match line.forecast_item_id {
        Some(id) => {
            let item = load_item(conn, id)?;
            if item.status.is_on_invoice() {
                return Err(StoreError::refused(format!(
                    "the line's forecast item {id} is {}: the line stays",
                    item.status.label()
                )));
            }
            Some((id, Money::new(item.planned_amount, item.currency)))
        }
        None => None,
    };
    let what = LineDeletion {
        line_id,
        description: line.description.clone(),
        periods: statuses.len(),
        forecast,
    };
    Ok((line, what))
}

fn delete_line(w: &Writer<'_>, line_id: i64, version: i64) -> Result<LineDeletion> {
    let (line, what) = deletion(w.tx(), line_id)?;
    w.require_project(Action::EditProgress, line.project_id)?;
    let lv = w.bump_version("contract_lines", "contract line", line_id, Some(version))?;
    for s in load_statuses(w.tx(), &line)? {
        let v = w.bump_version("progress_statuses", "progress status", s.id, None)?;
        w.tx()
            .execute("DELETE FROM progress_statuses WHERE id = ?1", [s.id])?;
        let old = format!("{} to {}", s.period_start, s.period_end);
        w.history(
            "progress_status",
            s.id,
            v,
            "deleted",
            Some(&old),
            None,
            Some("contract line deleted"),
        )?;
    }
    w.tx()
        .execute("DELETE FROM contract_lines WHERE id = ?1", [line_id])?;
    let old = format!(
        "{} | {} x {} = {} {} | {}",
        line.description,
        line.quantity,
        line.unit_price,
        line.total,
        line.currency,
        line.term.as_str()
    );
    w.history(
        "contract_line",
        line_id,
        lv,
        "deleted",
        Some(&old),
        None,
        None,
    )?;
    if let Some((id, amount)) = what.forecast {
        let item = load_item(w.tx(), id)?;
        let v = w.bump_version("revenue_items", "revenue item", id, Some(item.version))?;
        search_forget(w, id, &item.name)?;
        w.tx()
            .execute("DELETE FROM revenue_items WHERE id = ?1", [id])?;
        let old = format!(
            "{} | {} {} | {}",
            item.name, amount.amount, amount.currency, item.planned_invoice_date
        );
        w.history(
            "revenue_item",
            id,
            v,
            "deleted",
            Some(&old),
            None,
            Some("contract line deleted"),
        )?;
    }
    Ok(what)
}

impl Store {
    /// What deleting the line would take with it, or why it cannot go (a validated period).
    pub fn contract_line_deletion(&self, line_id: i64) -> Result<LineDeletion> {
        deletion(self.conn(), line_id).map(|(_, what)| what)
    }

    /// Deletes a contract line seen at `version`, with its periods and its forecast item, while
    /// none of its periods is validated (a manager: of their own projects only).
    pub fn delete_contract_line(&mut self, line_id: i64, version: i64) -> Result<LineDeletion> {
        self.write(Action::EditProgress, |w| delete_line(w, line_id, version))
    }
}
