//! The ERP hand-off marks: which confirmed documents went to which folder, as which file with
//! which SHA-256 and which `journal.csv` line, by whom and when. A mark is written in the same
//! transaction as the file is finished (the caller's `finish`), so the mark and the file stand
//! or fall together.

use super::Store;
use super::error::{Result, StoreError};
use crate::domain::account::AddressParts;
use crate::domain::rights::Action;
use rusqlite::{OptionalExtension, params};

/// One hand-off of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub id: i64,
    pub invoice_id: i64,
    pub number: String,
    /// The folder's path when the mark was written.
    pub dir: String,
    /// The identity the folder carries; None for marks made before schema 16, whose folders
    /// were known by their path.
    pub folder: Option<String>,
    pub file: String,
    pub sha256: String,
    /// The `journal.csv` line as it was appended (ending in a newline), never rendered again.
    pub journal_line: String,
    /// Handed off again on purpose (`--again`).
    pub again: bool,
    pub handed_off_by: String,
    pub handed_off_at: String,
}

impl Mark {
    /// The folder the mark went into, as the marks of that folder are found by.
    pub fn folder_key(&self) -> &str {
        self.folder.as_deref().unwrap_or(&self.dir)
    }
}

/// A mark to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMark {
    pub invoice_id: i64,
    pub number: String,
    /// The folder's path now, for people to read.
    pub dir: String,
    /// The identity the folder carries (see `handoff::folder`).
    pub folder: String,
    pub file: String,
    pub sha256: String,
    /// The `journal.csv` line appended for it, ending in a newline.
    pub journal_line: String,
    pub again: bool,
}

/// The buyer as the account describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Buyer {
    pub account_id: i64,
    pub name: String,
    pub billing_contact: String,
    pub email: String,
    /// One line: `street, postcode city, CC`, as invoices print it.
    pub address: String,
    /// The same address in parts, as UBL sends it (the country may be empty: the seller's).
    pub parts: AddressParts,
    pub vat_id: String,
}

/// What became of a mark asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marked {
    Done,
    /// Another hand-off marked the document first; nothing was written.
    AlreadyHandedOff,
}

fn mark_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Mark> {
    Ok(Mark {
        id: r.get(0)?,
        invoice_id: r.get(1)?,
        number: r.get(2)?,
        dir: r.get(3)?,
        folder: r.get(4)?,
        file: r.get(5)?,
        sha256: r.get(6)?,
        journal_line: r.get(7)?,
        again: r.get(8)?,
        handed_off_by: r.get(9)?,
        handed_off_at: r.get(10)?,
    })
}

const MARK_COLUMNS: &str = "id, invoice_id, number, dir, folder, file, sha256, journal_line, again,
     handed_off_by, handed_off_at";

/// The marks of one folder: those made with its identity, and those made before schema 16 at
/// the path that a folder handed off into then keeps as its identity.
const OF_FOLDER: &str = "(folder = ?1 OR (folder IS NULL AND dir = ?1))";

impl Store {
    /// Confirmed invoices and credit notes never handed off: (id, number), in number order.
    pub fn handoff_pending(&self) -> Result<Vec<(i64, String)>> {
        let mut stmt = self.conn().prepare(
            "SELECT i.id, i.number FROM invoices i
             WHERE i.status = 'confirmed'
               AND NOT EXISTS (SELECT 1 FROM handoffs h WHERE h.invoice_id = i.id AND h.again = 0)
             ORDER BY i.number",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The marks of documents handed off into the folder with identity `folder`, oldest first.
    pub fn handoff_marks(&self, folder: &str) -> Result<Vec<Mark>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {MARK_COLUMNS} FROM handoffs WHERE {OF_FOLDER} ORDER BY id"
        ))?;
        let rows = stmt.query_map([folder], mark_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether documents were handed off into the folder at `path` before schema 16, when
    /// folders were known by their path: that folder keeps the path as its identity.
    pub fn handoff_known_path(&self, path: &str) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM handoffs WHERE folder IS NULL AND dir = ?1)",
            [path],
            |r| r.get(0),
        )?)
    }

    /// Every mark of one document, oldest first.
    pub fn handoff_marks_of(&self, invoice_id: i64) -> Result<Vec<Mark>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {MARK_COLUMNS} FROM handoffs WHERE invoice_id = ?1 ORDER BY id"
        ))?;
        let rows = stmt.query_map([invoice_id], mark_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn handoff_buyer(&self, account_id: i64) -> Result<Buyer> {
        self.conn()
            .query_row(
                "SELECT id, name, billing_contact, email, address, vat_id, address_line1,
                        address_line2, postcode, city, country_code
                 FROM accounts WHERE id = ?1",
                [account_id],
                |r| {
                    Ok(Buyer {
                        account_id: r.get(0)?,
                        name: r.get(1)?,
                        billing_contact: r.get(2)?,
                        email: r.get(3)?,
                        address: r.get(4)?,
                        vat_id: r.get(5)?,
                        parts: AddressParts {
                            line1: r.get(6)?,
                            line2: r.get(7)?,
                            postcode: r.get(8)?,
                            city: r.get(9)?,
                            country: r.get(10)?,
                        },
                    })
                },
            )
            .optional()?
            .ok_or(StoreError::NotFound {
                object: "account",
                id: account_id,
            })
    }

    /// Refuses at once a user who may not hand off, before any file is written.
    pub fn check_handoff_right(&mut self) -> Result<()> {
        self.write(Action::HandOff, |_| Ok(()))
    }

    /// Writes a mark and, inside the same write transaction, runs `finish` (the file's last
    /// steps): if `finish` fails or the process dies, the mark is not written either. A first
    /// hand-off of a document someone marked meanwhile writes nothing and says so; a repeat
    /// needs a first hand-off.
    pub fn mark_handed_off(
        &mut self,
        mark: &NewMark,
        finish: impl FnOnce() -> std::io::Result<()>,
    ) -> Result<Marked> {
        self.write(Action::HandOff, |w| {
            let first: Option<i64> = w
                .tx()
                .query_row(
                    "SELECT id FROM handoffs WHERE invoice_id = ?1 AND again = 0",
                    [mark.invoice_id],
                    |r| r.get(0),
                )
                .optional()?;
            match (first, mark.again) {
                (Some(_), false) => return Ok(Marked::AlreadyHandedOff),
                (None, true) => {
                    return Err(StoreError::refused(format!(
                        "{} has not been handed off yet: hand it off without --again",
                        mark.number
                    )));
                }
                _ => {}
            }
            let status: Option<(String, Option<String>)> = w
                .tx()
                .query_row(
                    "SELECT status, number FROM invoices WHERE id = ?1",
                    [mark.invoice_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if status != Some(("confirmed".into(), Some(mark.number.clone()))) {
                return Err(StoreError::refused(format!(
                    "{} is not a confirmed invoice or credit note",
                    mark.number
                )));
            }
            w.tx().execute(
                "INSERT INTO handoffs (invoice_id, number, dir, folder, file, sha256, journal_line,
                     again, handed_off_by, handed_off_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    mark.invoice_id,
                    mark.number,
                    mark.dir,
                    mark.folder,
                    mark.file,
                    mark.sha256,
                    mark.journal_line,
                    mark.again,
                    w.user(),
                    w.at()
                ],
            )?;
            finish()?;
            Ok(Marked::Done)
        })
    }
}
