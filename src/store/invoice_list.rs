//! The invoice list: drafts, confirmed invoices and credit notes, newest first, a window at a
//! time, with count and totals per currency from SQL.

use super::Store;
use super::codec;
use super::error::Result;
use super::list_query::{Bound, CurrencyTotal, like_pattern};
use crate::domain::Currency;
use crate::domain::invoice_status::InvoiceStatus;
use crate::domain::numbering::DocumentKind;
use chrono::NaiveDate;
use rusqlite::Connection;
use rusqlite::types::Value;
use rust_decimal::Decimal;

/// Which invoices the list shows: a substring of the number or the account (any case).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InvoiceFilter {
    pub text: String,
}

impl InvoiceFilter {
    fn sql(&self) -> (String, Vec<Value>) {
        if self.text.trim().is_empty() {
            return (String::new(), Vec::new());
        }
        let p = Value::Text(like_pattern(&self.text));
        (
            " AND (v.number LIKE ? ESCAPE '\\' OR a.name LIKE ? ESCAPE '\\')".into(),
            vec![p.clone(), p],
        )
    }
}

/// Newest first: (invoice date, id) descending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvoiceKey {
    pub date: NaiveDate,
    pub id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceListRow {
    pub id: i64,
    pub version: i64,
    pub number: Option<String>,
    pub kind: DocumentKind,
    pub status: InvoiceStatus,
    pub account: String,
    pub invoice_date: NaiveDate,
    pub due_date: NaiveDate,
    pub net: Decimal,
    pub vat: Decimal,
    pub gross: Decimal,
    pub currency: Currency,
    pub credited_number: Option<String>,
    pub lines: i64,
}

impl InvoiceListRow {
    pub fn key(&self) -> InvoiceKey {
        InvoiceKey {
            date: self.invoice_date,
            id: self.id,
        }
    }
}

pub fn invoice_rows(
    conn: &Connection,
    filter: &InvoiceFilter,
    bound: &Bound<InvoiceKey>,
    limit: usize,
) -> Result<Vec<InvoiceListRow>> {
    let (mut cond, mut args) = filter.sql();
    let (extra, order, reverse) = match bound {
        Bound::Start => ("", "DESC", false),
        Bound::From(_) => (" AND (v.invoice_date, v.id) <= (?, ?)", "DESC", false),
        Bound::After(_) => (" AND (v.invoice_date, v.id) < (?, ?)", "DESC", false),
        Bound::Before(_) => (" AND (v.invoice_date, v.id) > (?, ?)", "ASC", true),
        Bound::End => ("", "ASC", true),
    };
    if let Bound::From(k) | Bound::After(k) | Bound::Before(k) = bound {
        args.push(Value::Text(k.date.to_string()));
        args.push(Value::Integer(k.id));
    }
    cond.push_str(extra);
    let sql = format!(
        "SELECT v.id, v.version, v.number, v.kind, v.status, a.name, v.invoice_date, v.due_date,
                v.net_minor, v.vat_minor, v.gross_minor, v.currency, c.number,
                (SELECT count(*) FROM invoice_lines l WHERE l.invoice_id = v.id)
         FROM invoices v JOIN accounts a ON a.id = v.account_id
         LEFT JOIN invoices c ON c.id = v.credited_invoice_id
         WHERE 1{cond} ORDER BY v.invoice_date {order}, v.id {order} LIMIT {limit}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(&args))?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let currency = codec::currency(&r.get::<_, String>(11)?)?;
        out.push(InvoiceListRow {
            id: r.get(0)?,
            version: r.get(1)?,
            number: r.get(2)?,
            kind: codec::parse(&r.get::<_, String>(3)?)?,
            status: codec::parse(&r.get::<_, String>(4)?)?,
            account: r.get(5)?,
            invoice_date: r.get(6)?,
            due_date: r.get(7)?,
            net: currency.from_minor(r.get(8)?),
            vat: currency.from_minor(r.get(9)?),
            gross: currency.from_minor(r.get(10)?),
            currency,
            credited_number: r.get(12)?,
            lines: r.get(13)?,
        });
    }
    if reverse {
        out.reverse();
    }
    Ok(out)
}

/// Count and gross per currency; credit notes count negative.
pub fn invoice_totals(conn: &Connection, filter: &InvoiceFilter) -> Result<Vec<CurrencyTotal>> {
    let (cond, args) = filter.sql();
    let sql = format!(
        "SELECT v.currency, count(*),
                sum(CASE v.kind WHEN 'credit_note' THEN -v.gross_minor ELSE v.gross_minor END)
         FROM invoices v JOIN accounts a ON a.id = v.account_id
         WHERE 1{cond} GROUP BY v.currency ORDER BY v.currency"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(&args))?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let currency = codec::currency(&r.get::<_, String>(0)?)?;
        out.push(CurrencyTotal {
            currency,
            count: r.get(1)?,
            amount: currency.from_minor(r.get(2)?),
        });
    }
    Ok(out)
}

impl Store {
    pub fn invoice_rows(
        &self,
        filter: &InvoiceFilter,
        bound: &Bound<InvoiceKey>,
        limit: usize,
    ) -> Result<Vec<InvoiceListRow>> {
        invoice_rows(self.conn(), filter, bound, limit)
    }

    pub fn invoice_totals(&self, filter: &InvoiceFilter) -> Result<Vec<CurrencyTotal>> {
        invoice_totals(self.conn(), filter)
    }
}
