//! One confirmed document made ready to hand off: its UBL bytes, file name and SHA-256.

use super::{document, files, journal, ubl};
use crate::store::Store;
use crate::store::documents::Invoice;
use anyhow::Context;

/// One document ready to be written: the invoice, its UBL bytes, file name and SHA-256.
pub struct Built {
    pub invoice: Invoice,
    pub xml: Vec<u8>,
    pub file: String,
    pub sha256: String,
    /// The document's keyed chain value, which its journal line carries.
    pub chain: Option<String>,
}

impl Built {
    pub fn number(&self) -> &str {
        self.invoice.number.as_deref().unwrap_or_default()
    }

    pub fn journal_line(&self) -> journal::Line {
        journal::Line::new(&self.invoice, &self.file, &self.sha256, self.chain.clone())
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
    let chain = store.document_chain_value(id)?;
    Ok(Built {
        invoice,
        xml,
        file,
        sha256,
        chain,
    })
}
