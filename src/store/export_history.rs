//! `finctl export history`: every change-history row, oldest first, streamed from SQLite (a
//! scan in id order, so that no row waits in memory for a sort), filtered by the kind of object
//! and by the days of its time stamps (UTC, as stored).

use super::Store;
use super::error::Result;
use super::history_window::HistoryRow;
use crate::domain::object_kind::ObjectKind;
use chrono::NaiveDate;

/// Which rows the export writes: all, or those of one kind of object, from and up to days
/// (inclusive; each bound may be left open).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HistoryFilter {
    pub object: Option<ObjectKind>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// The query of [`Store::for_each_history_row`] (its columns those of `HistoryRow::from_row`):
/// its plan is a scan of the table in id order.
pub const EXPORT_SQL: &str =
    "SELECT id, at, user, object, object_id, version, field, old, new, reason
     FROM change_history
     WHERE (?1 IS NULL OR object = ?1)
       AND (?2 IS NULL OR substr(at, 1, 10) >= ?2)
       AND (?3 IS NULL OR substr(at, 1, 10) <= ?3)
     ORDER BY id";

impl Store {
    /// Calls `each` for every history row `filter` lets through, in the order they were
    /// written (by id).
    pub fn for_each_history_row(
        &self,
        filter: &HistoryFilter,
        mut each: impl FnMut(HistoryRow) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn().prepare(EXPORT_SQL)?;
        let mut rows = stmt.query(rusqlite::params![
            filter.object.map(ObjectKind::as_str),
            filter.from.map(|d| d.to_string()),
            filter.to.map(|d| d.to_string()),
        ])?;
        while let Some(r) = rows.next()? {
            each(HistoryRow::from_row(r)?)?;
        }
        Ok(())
    }
}
