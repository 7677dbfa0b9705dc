//! A read snapshot: one deferred read transaction on the store's connection, so that several
//! queries (the windows of a long list, the parts of a summary) see one moment of the database
//! while others write. It ends when the guard is dropped.

use super::Store;
use super::error::Result;
use rusqlite::Transaction;

/// Holds the read transaction open; dropping it ends the transaction (nothing was written, so
/// nothing is lost). Inside an enclosing snapshot it is a no-op: the outer one already holds
/// the moment.
pub struct Snapshot<'a> {
    _tx: Option<Transaction<'a>>,
}

impl Store {
    /// Starts a read snapshot (`BEGIN DEFERRED`: the moment is fixed by the first read).
    pub fn read_snapshot(&self) -> Result<Snapshot<'_>> {
        let conn = self.conn();
        let tx = if conn.is_autocommit() {
            Some(conn.unchecked_transaction()?)
        } else {
            None
        };
        Ok(Snapshot { _tx: tx })
    }
}
