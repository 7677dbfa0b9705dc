//! Reading invoices and credit notes with their lines, and their totals and hash content.

use super::codec;
use super::error::{Result, StoreError};
use crate::domain::Currency;
use crate::domain::document_hash::{DocumentContent, LineContent};
use crate::domain::invoice_status::InvoiceStatus;
use crate::domain::invoice_totals::{self, LineAmount, Totals};
use crate::domain::numbering::DocumentKind;
use crate::domain::scaled::from_micros;
use chrono::NaiveDate;
use rusqlite::Connection;
use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invoice {
    pub id: i64,
    pub kind: DocumentKind,
    pub status: InvoiceStatus,
    pub number: Option<String>,
    pub account_id: i64,
    pub account_name: String,
    pub currency: Currency,
    pub invoice_date: NaiveDate,
    pub due_date: NaiveDate,
    pub net: Decimal,
    pub vat: Decimal,
    pub gross: Decimal,
    pub credited_invoice_id: Option<i64>,
    pub credited_invoice_number: Option<String>,
    pub confirmed_at: Option<String>,
    pub confirmed_by: Option<String>,
    pub version: i64,
    pub updated_by: String,
    pub updated_at: String,
    pub lines: Vec<InvoiceLine>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceLine {
    pub id: i64,
    pub position: i64,
    pub revenue_item_id: Option<i64>,
    pub project_id: i64,
    pub project_code: String,
    pub description: String,
    pub quantity: Decimal,
    pub unit_price: Decimal,
    pub vat_rate: Decimal,
    pub net: Decimal,
    pub credited_line_id: Option<i64>,
}

impl Invoice {
    /// Totals recomputed from the lines (the stored ones must equal these).
    pub fn computed_totals(&self) -> Totals {
        let lines: Vec<LineAmount> = self
            .lines
            .iter()
            .map(|l| LineAmount {
                net: l.net,
                vat_rate: l.vat_rate,
            })
            .collect();
        invoice_totals::totals(&lines, self.currency)
    }

    /// The content the hash chain covers.
    pub fn content(&self) -> DocumentContent {
        DocumentContent {
            number: self.number.clone().unwrap_or_default(),
            kind: self.kind.as_str().into(),
            account_id: self.account_id,
            currency: self.currency.code().into(),
            invoice_date: self.invoice_date.to_string(),
            due_date: self.due_date.to_string(),
            net: self.net.to_string(),
            vat: self.vat.to_string(),
            gross: self.gross.to_string(),
            credited_invoice: self.credited_invoice_number.clone(),
            lines: self
                .lines
                .iter()
                .map(|l| LineContent {
                    position: l.position,
                    revenue_item_id: l.revenue_item_id,
                    project_id: l.project_id,
                    description: l.description.clone(),
                    quantity: l.quantity.to_string(),
                    unit_price: l.unit_price.to_string(),
                    vat_rate: l.vat_rate.to_string(),
                    net: l.net.to_string(),
                    credited_line_id: l.credited_line_id,
                })
                .collect(),
        }
    }
}

/// The columns of an invoice head (table alias `i`, its account `a`, the credited invoice
/// `c`: see `INVOICE_FROM`), in the order `Invoice::from_row` reads them; a query that needs
/// more appends its columns after these (read from `INVOICE_COLUMN_COUNT` on).
pub(super) const INVOICE_COLUMNS: &str = "i.id, i.kind, i.status, i.number, i.account_id, a.name,
    i.currency, i.invoice_date, i.due_date, i.net_minor, i.vat_minor, i.gross_minor,
    i.credited_invoice_id, c.number, i.confirmed_at, i.confirmed_by, i.version, i.updated_by,
    i.updated_at";

/// How many columns `INVOICE_COLUMNS` names.
pub(super) const INVOICE_COLUMN_COUNT: usize = 19;

/// The tables `INVOICE_COLUMNS` reads.
pub(super) const INVOICE_FROM: &str = "FROM invoices i JOIN accounts a ON a.id = i.account_id
    LEFT JOIN invoices c ON c.id = i.credited_invoice_id";

impl Invoice {
    /// The head of a row that starts with `INVOICE_COLUMNS`; its lines are left empty.
    pub(super) fn from_row(r: &rusqlite::Row<'_>) -> Result<Invoice> {
        let currency = codec::currency(&r.get::<_, String>(6)?)?;
        Ok(Invoice {
            id: r.get(0)?,
            kind: codec::parse(&r.get::<_, String>(1)?)?,
            status: codec::parse(&r.get::<_, String>(2)?)?,
            number: r.get(3)?,
            account_id: r.get(4)?,
            account_name: r.get(5)?,
            currency,
            invoice_date: r.get(7)?,
            due_date: r.get(8)?,
            net: currency.from_minor(r.get(9)?),
            vat: currency.from_minor(r.get(10)?),
            gross: currency.from_minor(r.get(11)?),
            credited_invoice_id: r.get(12)?,
            credited_invoice_number: r.get(13)?,
            confirmed_at: r.get(14)?,
            confirmed_by: r.get(15)?,
            version: r.get(16)?,
            updated_by: r.get(17)?,
            updated_at: r.get(18)?,
            lines: Vec::new(),
        })
    }
}

impl InvoiceLine {
    /// The line of a row of `LINE_COLUMNS`, in its invoice's currency.
    fn from_row(r: &rusqlite::Row<'_>, currency: Currency) -> rusqlite::Result<InvoiceLine> {
        Ok(InvoiceLine {
            id: r.get(0)?,
            position: r.get(1)?,
            revenue_item_id: r.get(2)?,
            project_id: r.get(3)?,
            project_code: r.get(4)?,
            description: r.get(5)?,
            quantity: from_micros(r.get(6)?),
            unit_price: from_micros(r.get(7)?),
            vat_rate: from_micros(r.get(8)?),
            net: currency.from_minor(r.get(9)?),
            credited_line_id: r.get(10)?,
        })
    }
}

/// The columns of an invoice line (alias `l`, its project `p`), as `InvoiceLine::from_row`
/// reads them.
const LINE_COLUMNS: &str = "l.id, l.position, l.revenue_item_id, l.project_id, p.code,
    l.description, l.quantity_micros, l.unit_price_micros, l.vat_rate_micros, l.net_minor,
    l.credited_line_id";

pub(super) fn load_invoice(conn: &Connection, id: i64) -> Result<Invoice> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {INVOICE_COLUMNS} {INVOICE_FROM} WHERE i.id = ?1"
    ))?;
    let mut rows = stmt.query([id])?;
    let Some(r) = rows.next()? else {
        return Err(StoreError::NotFound {
            object: "invoice",
            id,
        });
    };
    let mut invoice = Invoice::from_row(r)?;
    let currency = invoice.currency;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {LINE_COLUMNS} FROM invoice_lines l JOIN projects p ON p.id = l.project_id
         WHERE l.invoice_id = ?1 ORDER BY l.position"
    ))?;
    invoice.lines = stmt
        .query_map([id], |r| InvoiceLine::from_row(r, currency))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(invoice)
}

/// Recomputes an invoice's totals from its lines and stores them.
pub(super) fn store_totals(conn: &Connection, invoice_id: i64) -> Result<Totals> {
    let invoice = load_invoice(conn, invoice_id)?;
    let totals = invoice.computed_totals();
    write_totals(conn, invoice_id, invoice.currency, &totals)?;
    Ok(totals)
}

/// Stores an invoice's totals, computed by the caller from the lines it wrote.
pub(super) fn write_totals(
    conn: &Connection,
    invoice_id: i64,
    c: Currency,
    totals: &Totals,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE invoices SET net_minor = ?1, vat_minor = ?2, gross_minor = ?3 WHERE id = ?4",
    )?
    .execute(rusqlite::params![
        codec::minor(c, totals.net)?,
        codec::minor(c, totals.vat)?,
        codec::minor(c, totals.gross)?,
        invoice_id
    ])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_column_count_follows_the_column_list() {
        assert_eq!(INVOICE_COLUMNS.split(',').count(), INVOICE_COLUMN_COUNT);
    }
}
