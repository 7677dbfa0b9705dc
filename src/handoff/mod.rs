//! The ERP hand-off: every confirmed invoice and credit note becomes one UBL 2.1 document
//! (EN 16931, PEPPOL BIS Billing 3.0) in a folder, plus a line in its `journal.csv`, and is
//! marked handed off in the database in the same transaction as its files are finished.
//!
//! Per document: write `.NUMBER.xml.tmp` and sync it; open the write transaction and insert the
//! mark (which keeps the journal line as rendered now); rename the file to `NUMBER.xml` and sync
//! the folder; append the journal line and sync it; commit. One run per folder at a time (an
//! advisory lock on `.handoff.lock`). A crash before the commit leaves no mark, and the next run
//! repairs the folder first (`reconcile`): a document whose file and journal line are there is
//! marked as it is, without being written again; a last journal line without a mark that is not
//! such a document is dropped. The journal is only ever appended to, never rebuilt.

pub mod document;
pub mod failpoint;
pub mod files;
pub mod journal;
pub mod party;
mod reconcile;
mod run;
pub mod ubl;
pub mod vat;
mod xml;

pub use run::{Done, Report, hand_off};

use crate::store::Store;
use crate::store::documents::Invoice;
use anyhow::Context;

/// One document ready to be written: the invoice, its UBL bytes, file name and SHA-256.
pub struct Built {
    pub invoice: Invoice,
    pub xml: Vec<u8>,
    pub file: String,
    pub sha256: String,
}

impl Built {
    pub fn number(&self) -> &str {
        self.invoice.number.as_deref().unwrap_or_default()
    }

    pub fn journal_line(&self) -> journal::Line {
        journal::Line::new(&self.invoice, &self.file, &self.sha256)
    }
}

/// Builds the UBL document of a confirmed invoice or credit note.
pub fn build(store: &Store, seller: &document::Seller<'_>, id: i64) -> anyhow::Result<Built> {
    let invoice = store.invoice(id)?;
    let buyer = store.handoff_buyer(invoice.account_id)?;
    let credited = match invoice.credited_invoice_id {
        Some(cid) => {
            let c = store.invoice(cid)?;
            Some((c.number.clone().unwrap_or_default(), c.invoice_date))
        }
        None => None,
    };
    let doc = document::document(&invoice, seller, &buyer, credited).map_err(anyhow::Error::msg)?;
    let xml = ubl::write(&doc).context("writing the UBL document")?;
    let file = format!("{}.xml", doc.number);
    drop(doc);
    let sha256 = files::sha256_hex(&xml);
    Ok(Built {
        invoice,
        xml,
        file,
        sha256,
    })
}
