//! The progress screen's list of contract lines: a window in id order, each row with what
//! its periods bill so far and its pending period, read from the periods by the line's index;
//! the lines a typed filter shows (words: project code or name, account, description; terms
//! `status:` `project:` `account:` `bu:` `currency:`), counted and summed per currency.

use super::Store;
use super::codec;
use super::error::{Result, StoreError};
use super::filter_sql::line_term;
use super::list_query::{Bound, CurrencyTotal, like_pattern};
use crate::domain::Currency;
use crate::domain::Money;
use crate::domain::filter_query::{self, FilterQuery, ListKind};
use crate::domain::scaled::from_micros;
use chrono::NaiveDate;
use rusqlite::Connection;
use rusqlite::types::Value;
use rust_decimal::Decimal;

/// Which contract lines the list shows: what the user typed after `/`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineFilter {
    pub text: String,
}

impl LineFilter {
    /// The typed filter read: refused with the term and what is wrong with it.
    pub fn query(&self) -> Result<FilterQuery> {
        filter_query::parse(&self.text, ListKind::ContractLines)
            .map_err(|e| StoreError::refused(e.to_string()))
    }

    /// The conditions (after `WHERE 1`) over the line `c`, its project `p`, the project's
    /// account `a` and its pending period `s`.
    fn sql(&self) -> Result<(String, Vec<Value>)> {
        let query = self.query()?;
        let mut sql = String::new();
        let mut args = Vec::new();
        for term in &query.terms {
            let (cond, a) = line_term(term);
            sql.push_str(" AND ");
            sql.push_str(&cond);
            args.extend(a);
        }
        if !query.words.is_empty() {
            sql.push_str(
                " AND (p.code LIKE ? ESCAPE '\\' OR p.name LIKE ? ESCAPE '\\' \
                 OR a.name LIKE ? ESCAPE '\\' OR c.description LIKE ? ESCAPE '\\')",
            );
            args.extend(std::iter::repeat_n(
                Value::Text(like_pattern(&query.words)),
                4,
            ));
        }
        Ok((sql, args))
    }
}

/// The pending period of a line, in short.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingPeriod {
    pub seq: i64,
    pub period_end: NaiveDate,
    pub refresh_requested: bool,
}

/// One row of the contract line list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressLineRow {
    pub id: i64,
    pub version: i64,
    pub project_id: i64,
    pub project_code: String,
    pub project_version: i64,
    /// The project's estimated progress, or the milestone's for a milestone's line.
    pub estimated_progress: Decimal,
    pub milestone_id: Option<i64>,
    pub milestone_code: Option<String>,
    pub milestone_version: Option<i64>,
    pub description: String,
    pub term: String,
    pub quantity: Decimal,
    pub unit_price: Decimal,
    pub total: Money,
    /// What the validated periods bill.
    pub billed: Money,
    /// How many periods the line has.
    pub periods: i64,
    pub pending: Option<PendingPeriod>,
}

const SELECT: &str = "
SELECT c.id, c.version, c.project_id, p.code, p.version,
       coalesce(m.estimated_progress_micros, p.estimated_progress_micros),
       c.milestone_id, m.code, m.version, c.description, c.invoicing_term, c.currency,
       c.quantity_micros, c.unit_price_micros, c.total_minor,
       (SELECT coalesce(sum(s.billed_amount_minor), 0) FROM progress_statuses s
         WHERE s.line_id = c.id AND s.status = 'validated'),
       (SELECT count(*) FROM progress_statuses s WHERE s.line_id = c.id),
       s.seq, s.period_end, s.refresh_requested
FROM contract_lines c
JOIN projects p ON p.id = c.project_id
LEFT JOIN milestones m ON m.id = c.milestone_id
LEFT JOIN progress_statuses s ON s.line_id = c.id AND s.status = 'pending'
JOIN accounts a ON a.id = p.account_id";

/// What the totals read: the rows the filter can name, nothing summed per row.
const TOTALS_FROM: &str = "
FROM contract_lines c
JOIN projects p ON p.id = c.project_id
LEFT JOIN progress_statuses s ON s.line_id = c.id AND s.status = 'pending'
JOIN accounts a ON a.id = p.account_id";

/// A row, with its currency code and minor-unit amounts (converted once the code is parsed).
type RawRow = (ProgressLineRow, String, i64, i64);

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawRow> {
    let currency: String = r.get(11)?;
    let seq: Option<i64> = r.get(17)?;
    let pending = match seq {
        Some(seq) => Some(PendingPeriod {
            seq,
            period_end: r.get(18)?,
            refresh_requested: r.get(19)?,
        }),
        None => None,
    };
    Ok((
        ProgressLineRow {
            id: r.get(0)?,
            version: r.get(1)?,
            project_id: r.get(2)?,
            project_code: r.get(3)?,
            project_version: r.get(4)?,
            estimated_progress: from_micros(r.get(5)?),
            milestone_id: r.get(6)?,
            milestone_code: r.get(7)?,
            milestone_version: r.get(8)?,
            description: r.get(9)?,
            term: r.get(10)?,
            // The amounts' currency is set once its code is parsed.
            quantity: from_micros(r.get(12)?),
            unit_price: from_micros(r.get(13)?),
            total: Money::zero(Currency::EUR),
            billed: Money::zero(Currency::EUR),
            periods: r.get(16)?,
            pending,
        },
        currency,
        r.get(14)?,
        r.get(15)?,
    ))
}

/// A window of contract lines in id order, of those `filter` shows.
pub fn progress_line_rows(
    conn: &Connection,
    filter: &LineFilter,
    bound: &Bound<i64>,
    limit: usize,
) -> Result<Vec<ProgressLineRow>> {
    let (mut cond, mut args) = filter.sql()?;
    let (extra, order, reverse) = match bound {
        Bound::Start => ("", "ASC", false),
        Bound::From(_) => (" AND c.id >= ?", "ASC", false),
        Bound::After(_) => (" AND c.id > ?", "ASC", false),
        Bound::Before(_) => (" AND c.id < ?", "DESC", true),
        Bound::End => ("", "DESC", true),
    };
    if let Bound::From(k) | Bound::After(k) | Bound::Before(k) = bound {
        args.push(Value::Integer(*k));
    }
    cond.push_str(extra);
    let sql = format!("{SELECT} WHERE 1{cond} ORDER BY c.id {order} LIMIT {limit}");
    let mut stmt = conn.prepare_cached(&sql)?;
    let raw: Vec<RawRow> = stmt
        .query_map(rusqlite::params_from_iter(&args), read)?
        .collect::<rusqlite::Result<_>>()?;
    let mut rows = Vec::with_capacity(raw.len());
    for (mut row, cur, total, billed) in raw {
        let c = codec::currency(&cur)?;
        row.total = Money::from_minor(total, c);
        row.billed = Money::from_minor(billed, c);
        rows.push(row);
    }
    if reverse {
        rows.reverse();
    }
    Ok(rows)
}

/// How many lines the filter shows and their contract totals, per currency.
pub fn progress_line_totals(conn: &Connection, filter: &LineFilter) -> Result<Vec<CurrencyTotal>> {
    let (cond, args) = filter.sql()?;
    let sql = format!(
        "SELECT c.currency, count(*), sum(c.total_minor) {TOTALS_FROM}
         WHERE 1{cond} GROUP BY c.currency ORDER BY c.currency"
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

impl Store {
    pub fn progress_line_rows(
        &self,
        filter: &LineFilter,
        bound: &Bound<i64>,
        limit: usize,
    ) -> Result<Vec<ProgressLineRow>> {
        progress_line_rows(self.conn(), filter, bound, limit)
    }

    pub fn progress_line_totals(&self, filter: &LineFilter) -> Result<Vec<CurrencyTotal>> {
        progress_line_totals(self.conn(), filter)
    }

    /// Where a contract line sorts in the list (`None` once it is gone).
    pub fn contract_line_key(&self, id: i64) -> Result<Option<i64>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn()
            .query_row("SELECT id FROM contract_lines WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// How many contract lines there are.
    pub fn contract_line_count(&self) -> Result<usize> {
        let n: i64 = self
            .conn()
            .query_row("SELECT count(*) FROM contract_lines", [], |r| r.get(0))?;
        Ok(n as usize)
    }

    /// One row of the list, after a change to that line.
    pub fn progress_line_row(&self, id: i64) -> Result<Option<ProgressLineRow>> {
        Ok(
            progress_line_rows(self.conn(), &LineFilter::default(), &Bound::From(id), 1)?
                .into_iter()
                .find(|r| r.id == id),
        )
    }
}
