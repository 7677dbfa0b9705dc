//! Looking up one invoice or credit note (kept apart from `documents.rs`, which the chains
//! and migrations read without the store around them).

use super::Store;
use super::documents::{Invoice, load_invoice};
use super::error::Result;
use rusqlite::OptionalExtension;

impl Store {
    pub fn invoice(&self, id: i64) -> Result<Invoice> {
        load_invoice(self.conn(), id)
    }

    /// The id of the confirmed document with this number.
    pub fn invoice_id_by_number(&self, number: &str) -> Result<Option<i64>> {
        Ok(self
            .conn()
            .query_row("SELECT id FROM invoices WHERE number = ?1", [number], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// The keyed chain value of a confirmed document (none before it is confirmed): what its
    /// hand-off journal line carries.
    pub fn document_chain_value(&self, invoice_id: i64) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT mac FROM document_chain WHERE invoice_id = ?1",
                [invoice_id],
                |r| r.get(0),
            )
            .optional()?)
    }
}
