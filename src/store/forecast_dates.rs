//! The migration step that moved every progress forecast item to the invoice date of its
//! line's next period (they used to stay on the line's first date). Written against the tables
//! alone, as a migration runs before the store's own readers may be used.

use super::codec;
use super::error::Result;
use super::writer::{WrittenBy, history_row};
use crate::domain::invoicing_term::Term;
use crate::domain::line_schedule::{PeriodDates, forecast_date};
use crate::domain::progress_state::ProgressState;
use chrono::NaiveDate;
use rusqlite::{Connection, params};

/// The reason the history gives when the forecast's date follows the line's next period.
pub(super) const FOLLOWS: &str = "progress forecast follows the line's next period";

/// The periods of a line as the schedule reads them (pending or not is all it asks).
fn periods(conn: &Connection, line_id: i64) -> Result<Vec<PeriodDates>> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, status, period_end, invoice_date FROM progress_statuses
         WHERE line_id = ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map([line_id], |r| {
        let validated = r.get::<_, String>(1)? == "validated";
        Ok(PeriodDates {
            seq: r.get(0)?,
            state: ProgressState::of(validated, false),
            period_end: r.get(2)?,
            invoice_date: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Moves every forecast item to the invoice date of its line's next period, each moved item to
/// its next version with a history row written `by`. Returns how many moved.
pub(super) fn follow_next_periods(conn: &Connection, by: &WrittenBy<'_>) -> Result<usize> {
    let lines: Vec<(i64, String, i64, NaiveDate)> = conn
        .prepare(
            "SELECT l.id, l.invoicing_term, i.id, i.planned_invoice_date
             FROM contract_lines l JOIN revenue_items i ON i.id = l.forecast_item_id
             ORDER BY l.id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut moved = 0;
    for (line, term, item, old) in lines {
        let term: Term = codec::parse(&term)?;
        let Some(date) = forecast_date(term, &periods(conn, line)?)? else {
            continue;
        };
        if date == old {
            continue;
        }
        let version: i64 = conn
            .prepare_cached(
                "UPDATE revenue_items SET planned_invoice_date = ?1, version = version + 1,
                    updated_by = ?2, updated_at = ?3
                 WHERE id = ?4 RETURNING version",
            )?
            .query_row(params![date, by.user, by.at, item], |r| r.get(0))?;
        history_row(
            conn,
            by,
            "revenue_item",
            item,
            version,
            "planned_invoice_date",
            Some(&old.to_string()),
            Some(&date.to_string()),
            Some(FOLLOWS),
        )?;
        moved += 1;
    }
    Ok(moved)
}
