//! Reading invoices and credit notes with their lines, and their totals and hash content.

use super::Store;
use super::codec;
use super::error::{Result, StoreError};
use crate::domain::Currency;
use crate::domain::document_hash::{DocumentContent, LineContent};
use crate::domain::invoice_status::InvoiceStatus;
use crate::domain::invoice_totals::{self, LineAmount, Totals};
use crate::domain::numbering::DocumentKind;
use crate::domain::scaled::from_micros;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
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

pub(super) fn load_invoice(conn: &Connection, id: i64) -> Result<Invoice> {
    let head = conn
        .prepare_cached(
            "SELECT i.id, i.kind, i.status, i.number, i.account_id, a.name, i.currency,
                    i.invoice_date, i.due_date, i.net_minor, i.vat_minor, i.gross_minor,
                    i.credited_invoice_id, c.number, i.confirmed_at, i.confirmed_by, i.version,
                    i.updated_by, i.updated_at
             FROM invoices i JOIN accounts a ON a.id = i.account_id
             LEFT JOIN invoices c ON c.id = i.credited_invoice_id
             WHERE i.id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                (
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ),
                (
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, String>(5)?,
                ),
                (
                    r.get::<_, String>(6)?,
                    r.get::<_, NaiveDate>(7)?,
                    r.get::<_, NaiveDate>(8)?,
                ),
                (
                    r.get::<_, i64>(9)?,
                    r.get::<_, i64>(10)?,
                    r.get::<_, i64>(11)?,
                ),
                (
                    r.get::<_, Option<i64>>(12)?,
                    r.get::<_, Option<String>>(13)?,
                ),
                (
                    r.get::<_, Option<String>>(14)?,
                    r.get::<_, Option<String>>(15)?,
                ),
                (
                    r.get::<_, i64>(16)?,
                    r.get::<_, String>(17)?,
                    r.get::<_, String>(18)?,
                ),
            ))
        })
        .optional()?
        .ok_or(StoreError::NotFound {
            object: "invoice",
            id,
        })?;
    let (
        (id, kind, status),
        (number, account_id, account_name),
        (cur, date, due),
        money,
        credit,
        conf,
        ver,
    ) = head;
    let currency = codec::currency(&cur)?;
    let status: InvoiceStatus = codec::parse(&status)?;
    let mut stmt = conn.prepare_cached(
        "SELECT l.id, l.position, l.revenue_item_id, l.project_id, p.code, l.description,
                l.quantity_micros, l.unit_price_micros, l.vat_rate_micros, l.net_minor,
                l.credited_line_id
         FROM invoice_lines l JOIN projects p ON p.id = l.project_id
         WHERE l.invoice_id = ?1 ORDER BY l.position",
    )?;
    let lines = stmt
        .query_map([id], |r| {
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
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Invoice {
        id,
        kind: codec::parse(&kind)?,
        status,
        number,
        account_id,
        account_name,
        currency,
        invoice_date: date,
        due_date: due,
        net: currency.from_minor(money.0),
        vat: currency.from_minor(money.1),
        gross: currency.from_minor(money.2),
        credited_invoice_id: credit.0,
        credited_invoice_number: credit.1,
        confirmed_at: conf.0,
        confirmed_by: conf.1,
        version: ver.0,
        updated_by: ver.1,
        updated_at: ver.2,
        lines,
    })
}

/// Recomputes an invoice's totals from its lines and stores them.
pub(super) fn store_totals(conn: &Connection, invoice_id: i64) -> Result<Totals> {
    let invoice = load_invoice(conn, invoice_id)?;
    let totals = invoice.computed_totals();
    let c = invoice.currency;
    conn.prepare_cached(
        "UPDATE invoices SET net_minor = ?1, vat_minor = ?2, gross_minor = ?3 WHERE id = ?4",
    )?
    .execute(rusqlite::params![
        codec::minor(c, totals.net)?,
        codec::minor(c, totals.vat)?,
        codec::minor(c, totals.gross)?,
        invoice_id
    ])?;
    Ok(totals)
}

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
}
