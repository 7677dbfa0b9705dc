//! Change-history rows written many to a statement, for the bulk paths (drafting and
//! confirming thousands of items): the same rows, in the same order, as
//! [`Writer::history`] writes one by one. The history's insert trigger makes each statement
//! open a statement journal and run the trigger's program; one statement per few hundred rows
//! does that once for all of them (`multi_row.rs`).

use super::error::Result;
use super::multi_row;
use super::writer::Writer;
use std::borrow::Cow;

/// One row to append: what changed, from what, to what.
#[derive(Debug, Clone)]
pub(super) struct NewHistory<'a> {
    pub object: &'a str,
    pub object_id: i64,
    pub version: i64,
    pub field: &'a str,
    pub old: Option<Cow<'a, str>>,
    pub new: Option<Cow<'a, str>>,
}

/// Values per row: object, object id, version, field, old and new.
const PER_ROW: usize = 6;
/// Shared values, before the rows': when, who and why.
const SHARED: usize = 3;

impl Writer<'_> {
    /// Appends `rows` in order, each with the transaction's time and user and the reason set
    /// for the operation (if any).
    pub(super) fn history_many(&self, rows: &[NewHistory<'_>]) -> Result<()> {
        let reason = self.fallback_reason();
        for chunk in multi_row::chunks(rows) {
            let values =
                multi_row::templated(chunk.len(), "(?1, ?2, #, #, #, #, #, #, ?3)", SHARED + 1);
            let mut stmt = self.tx().prepare_cached(&format!(
                "INSERT INTO change_history (at, user, object, object_id, version, field, old,
                     new, reason) VALUES {values}"
            ))?;
            stmt.raw_bind_parameter(1, self.at())?;
            stmt.raw_bind_parameter(2, self.user())?;
            stmt.raw_bind_parameter(3, reason.as_deref())?;
            for (k, row) in chunk.iter().enumerate() {
                // As `history_row`: every row lets a long write be told and stopped.
                super::long_work::tick()?;
                let p = SHARED + 1 + PER_ROW * k;
                stmt.raw_bind_parameter(p, row.object)?;
                stmt.raw_bind_parameter(p + 1, row.object_id)?;
                stmt.raw_bind_parameter(p + 2, row.version)?;
                stmt.raw_bind_parameter(p + 3, row.field)?;
                stmt.raw_bind_parameter(p + 4, row.old.as_deref())?;
                stmt.raw_bind_parameter(p + 5, row.new.as_deref())?;
            }
            stmt.raw_execute()?;
        }
        Ok(())
    }
}
