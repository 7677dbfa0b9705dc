//! The invoice list: drafts, confirmed invoices and credit notes, newest first, a window at a
//! time, with count and totals per currency from SQL.

use super::Store;
use super::codec;
use super::documents::{INVOICE_COLUMN_COUNT, INVOICE_COLUMNS, INVOICE_FROM, Invoice};
use super::error::{Result, StoreError};
use super::filter_sql::invoice_term;
use super::list_query::{Bound, CurrencyTotal, like_pattern};
use crate::domain::Money;
use crate::domain::filter_query::{self, FilterQuery, ListKind};
use crate::domain::invoice_status::InvoiceStatus;
use crate::domain::numbering::DocumentKind;
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};

/// Which invoices the list shows: words, a substring of the number or the account (any
/// case), and terms (`status:draft`, `kind:credit`, ...: `domain::filter_query`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InvoiceFilter {
    pub text: String,
}

impl InvoiceFilter {
    /// The typed filter read: refused with the term and what is wrong with it.
    pub fn query(&self) -> Result<FilterQuery> {
        filter_query::parse(&self.text, ListKind::Invoices)
            .map_err(|e| StoreError::refused(e.to_string()))
    }

    /// The WHERE conditions (after `WHERE 1`) of a walk of every document the filter shows,
    /// with the invoice as `i` and its account as `a`.
    pub(crate) fn scan_sql(&self) -> Result<(String, Vec<Value>)> {
        self.sql()
    }

    fn sql(&self) -> Result<(String, Vec<Value>)> {
        let query = self.query()?;
        let mut sql = String::new();
        let mut args = Vec::new();
        for term in &query.terms {
            let (cond, a) = invoice_term(term);
            sql.push_str(" AND ");
            sql.push_str(&cond);
            args.extend(a);
        }
        if !query.words.is_empty() {
            let p = Value::Text(like_pattern(&query.words));
            sql.push_str(" AND (i.number LIKE ? ESCAPE '\\' OR a.name LIKE ? ESCAPE '\\')");
            args.extend([p.clone(), p]);
        }
        Ok((sql, args))
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
    pub net: Money,
    pub vat: Money,
    pub gross: Money,
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
    let (mut cond, mut args) = filter.sql()?;
    let (extra, order, reverse) = match bound {
        Bound::Start => ("", "DESC", false),
        Bound::From(_) => (" AND (i.invoice_date, i.id) <= (?, ?)", "DESC", false),
        Bound::After(_) => (" AND (i.invoice_date, i.id) < (?, ?)", "DESC", false),
        Bound::Before(_) => (" AND (i.invoice_date, i.id) > (?, ?)", "ASC", true),
        Bound::End => ("", "ASC", true),
    };
    if let Bound::From(k) | Bound::After(k) | Bound::Before(k) = bound {
        args.push(Value::Text(k.date.to_string()));
        args.push(Value::Integer(k.id));
    }
    cond.push_str(extra);
    let sql = format!(
        "SELECT {INVOICE_COLUMNS}, (SELECT count(*) FROM invoice_lines l WHERE l.invoice_id = i.id)
         {INVOICE_FROM}
         WHERE 1{cond} ORDER BY i.invoice_date {order}, i.id {order} LIMIT {limit}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(&args))?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let head = Invoice::from_row(r)?;
        out.push(InvoiceListRow {
            id: head.id,
            version: head.version,
            number: head.number,
            kind: head.kind,
            status: head.status,
            account: head.account_name,
            invoice_date: head.invoice_date,
            due_date: head.due_date,
            net: Money::new(head.net, head.currency),
            vat: Money::new(head.vat, head.currency),
            gross: Money::new(head.gross, head.currency),
            credited_number: head.credited_invoice_number,
            lines: r.get(INVOICE_COLUMN_COUNT)?,
        });
    }
    if reverse {
        out.reverse();
    }
    Ok(out)
}

/// Count and gross per currency; credit notes count negative.
pub fn invoice_totals(conn: &Connection, filter: &InvoiceFilter) -> Result<Vec<CurrencyTotal>> {
    let (cond, args) = filter.sql()?;
    let sql = format!(
        "SELECT i.currency, count(*),
                sum(CASE i.kind WHEN 'credit_note' THEN -i.gross_minor ELSE i.gross_minor END)
         FROM invoices i JOIN accounts a ON a.id = i.account_id
         WHERE 1{cond} GROUP BY i.currency ORDER BY i.currency"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(&args))?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let currency = codec::currency(&r.get::<_, String>(0)?)?;
        out.push(CurrencyTotal {
            count: r.get(1)?,
            amount: Money::from_minor(r.get(2)?, currency),
        });
    }
    Ok(out)
}

/// What a selection keeps of a document, and what confirming it needs to know first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoicePick {
    pub id: i64,
    pub version: i64,
    pub kind: DocumentKind,
    pub status: InvoiceStatus,
    pub number: Option<String>,
    pub gross: Money,
}

fn pick_from_row(r: &rusqlite::Row<'_>) -> Result<InvoicePick> {
    let currency = codec::currency(&r.get::<_, String>(5)?)?;
    Ok(InvoicePick {
        id: r.get(0)?,
        version: r.get(1)?,
        kind: match r.get::<_, String>(2)?.as_str() {
            "credit_note" => DocumentKind::CreditNote,
            _ => DocumentKind::Invoice,
        },
        status: match r.get::<_, String>(3)?.as_str() {
            "confirmed" => InvoiceStatus::Confirmed,
            _ => InvoiceStatus::Draft,
        },
        number: r.get(4)?,
        gross: Money::from_minor(r.get(6)?, currency),
    })
}

const PICK_COLUMNS: &str = "i.id, i.version, i.kind, i.status, i.number, i.currency, i.gross_minor";

/// Every document the filter shows, newest first (`a`: select all).
pub fn invoice_picks(conn: &Connection, filter: &InvoiceFilter) -> Result<Vec<InvoicePick>> {
    let (cond, args) = filter.sql()?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PICK_COLUMNS} FROM invoices i JOIN accounts a ON a.id = i.account_id
         WHERE 1{cond} ORDER BY i.invoice_date DESC, i.id DESC"
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(&args))?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(pick_from_row(r)?);
    }
    Ok(out)
}

/// The documents with these ids (those that still exist), without their lines: what a dialog
/// about a thousand drafts needs, in one query per ten thousand.
pub fn invoice_picks_of(conn: &Connection, ids: &[i64]) -> Result<Vec<InvoicePick>> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(10_000) {
        let marks = vec!["?"; chunk.len()].join(", ");
        let mut stmt = conn.prepare(&format!(
            "SELECT {PICK_COLUMNS} FROM invoices i WHERE i.id IN ({marks})"
        ))?;
        let mut rows = stmt.query(rusqlite::params_from_iter(chunk))?;
        while let Some(r) = rows.next()? {
            out.push(pick_from_row(r)?);
        }
    }
    Ok(out)
}

impl Store {
    pub fn invoice_picks(&self, filter: &InvoiceFilter) -> Result<Vec<InvoicePick>> {
        invoice_picks(self.conn(), filter)
    }

    pub fn invoice_picks_of(&self, ids: &[i64]) -> Result<Vec<InvoicePick>> {
        invoice_picks_of(self.conn(), ids)
    }

    /// Where an invoice or credit note sorts in the list (`None` once deleted).
    pub fn invoice_key(&self, id: i64) -> Result<Option<InvoiceKey>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT invoice_date FROM invoices WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .map(|date| InvoiceKey { date, id }))
    }

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
