//! Reading the change history of one object.

use super::Store;
use super::error::Result;
use crate::domain::change_row::ChangeRow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub at: String,
    pub user: String,
    pub version: i64,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub reason: Option<String>,
}

impl Change {
    /// The row as the history sentences read it.
    pub fn as_row(&self) -> ChangeRow<'_> {
        ChangeRow {
            at: &self.at,
            user: &self.user,
            field: &self.field,
            old: self.old.as_deref(),
            new: self.new.as_deref(),
            reason: self.reason.as_deref(),
        }
    }
}

impl Store {
    /// The changes of one object, oldest first.
    pub fn history_of(&self, object: &str, id: i64) -> Result<Vec<Change>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT at, user, version, field, old, new, reason FROM change_history
             WHERE object = ?1 AND object_id = ?2 ORDER BY version, id",
        )?;
        let rows = stmt.query_map(rusqlite::params![object, id], |r| {
            Ok(Change {
                at: r.get(0)?,
                user: r.get(1)?,
                version: r.get(2)?,
                field: r.get(3)?,
                old: r.get(4)?,
                new: r.get(5)?,
                reason: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
