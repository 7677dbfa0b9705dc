//! What other users committed since this console last looked: SQLite's `data_version` tells
//! that something did without reading a table, and the change history newer than the last row
//! seen tells who changed what (one indexed range of the history, never a rescan).

use super::Store;
use super::error::Result;
use rusqlite::OptionalExtension;

/// Objects of one kind changed by one user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedBy {
    pub user: String,
    /// The kind as the history names it (`revenue_item`, `invoice`, ...).
    pub object: String,
    /// How many different objects of the kind.
    pub count: i64,
}

impl Store {
    /// A number that changes when another connection commits (this one's own commits leave
    /// it): cheap enough to ask every half second.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn()
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// The newest change-history row's id (0 for none).
    pub fn newest_history_id(&self) -> Result<i64> {
        Ok(self
            .conn()
            .query_row("SELECT coalesce(max(id), 0) FROM change_history", [], |r| {
                r.get(0)
            })?)
    }

    /// Who changed what after history row `after`, by user and kind, and the newest row's id.
    pub fn changed_since(&self, after: i64) -> Result<(i64, Vec<ChangedBy>)> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT user, object, count(DISTINCT object_id), max(id) FROM change_history
             WHERE id > ?1 GROUP BY user, object ORDER BY min(id)",
        )?;
        let mut newest = after;
        let mut out = Vec::new();
        let mut rows = stmt.query([after])?;
        while let Some(r) = rows.next()? {
            newest = newest.max(r.get(3)?);
            out.push(ChangedBy {
                user: r.get(0)?,
                object: r.get(1)?,
                count: r.get(2)?,
            });
        }
        Ok((newest, out))
    }

    /// Who last changed `object` `id` after history row `after`, and when (a form open on it
    /// is flagged before its save is refused).
    pub fn object_changed_since(
        &self,
        after: i64,
        object: &str,
        id: i64,
    ) -> Result<Option<(String, String)>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT user, at FROM change_history
                 WHERE object = ?1 AND object_id = ?2 AND id > ?3 ORDER BY id DESC LIMIT 1",
                rusqlite::params![object, id, after],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }
}
