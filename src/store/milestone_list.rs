//! The milestone screen's list: milestones by due date with their project, whether reached,
//! and what their linked revenue items amount to (read by the milestone index); the milestones
//! a typed filter shows (words: milestone code or name, project code or name, account; terms
//! `status:` `project:` `account:` `milestone:` `date:` `warning:`), counted and summed.

use super::Store;
use super::codec;
use super::error::{Result, StoreError};
use super::filter_sql::milestone_term;
use super::list_query::{Bound, CurrencyTotal, like_pattern};
use crate::domain::Currency;
use crate::domain::Money;
use crate::domain::filter_query::{self, FilterQuery, ListKind};
use crate::domain::scaled::from_micros;
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};
use rust_decimal::Decimal;

/// Where a milestone sits in the list.
pub type MilestoneKey = (NaiveDate, i64);

/// Which milestones the list shows: what the user typed after `/`, and the day its warning
/// terms are judged on (the local day when none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MilestoneFilter {
    pub text: String,
    pub today: Option<NaiveDate>,
}

impl MilestoneFilter {
    /// The typed filter read: refused with the term and what is wrong with it.
    pub fn query(&self) -> Result<FilterQuery> {
        filter_query::parse(&self.text, ListKind::Milestones)
            .map_err(|e| StoreError::refused(e.to_string()))
    }

    /// The conditions (after `WHERE 1`) over the milestone `m`, its project `p` and the
    /// project's account `a`.
    fn sql(&self) -> Result<(String, Vec<Value>)> {
        let query = self.query()?;
        let today = self
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        let mut sql = String::new();
        let mut args = Vec::new();
        for term in &query.terms {
            let (cond, a) = milestone_term(term, today);
            sql.push_str(" AND ");
            sql.push_str(&cond);
            args.extend(a);
        }
        if !query.words.is_empty() {
            sql.push_str(
                " AND (m.code LIKE ? ESCAPE '\\' OR m.name LIKE ? ESCAPE '\\' \
                 OR p.code LIKE ? ESCAPE '\\' OR p.name LIKE ? ESCAPE '\\' \
                 OR a.name LIKE ? ESCAPE '\\')",
            );
            args.extend(std::iter::repeat_n(
                Value::Text(like_pattern(&query.words)),
                5,
            ));
        }
        Ok((sql, args))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneRow {
    pub id: i64,
    pub version: i64,
    pub project_id: i64,
    pub project_code: String,
    pub project_name: String,
    pub code: String,
    pub name: String,
    pub due_date: NaiveDate,
    /// When it was reached (the day), and by whom.
    pub reached: Option<(NaiveDate, String)>,
    pub estimated_progress: Decimal,
    /// Linked revenue items (not rejected): how many, how many still open, their planned total
    /// in the project's currency.
    pub items: i64,
    pub open_items: i64,
    pub amount: Money,
    /// The earliest planned invoice date of its items not invoiced or rejected.
    pub first_planned: Option<NaiveDate>,
}

impl MilestoneRow {
    pub fn key(&self) -> MilestoneKey {
        (self.due_date, self.id)
    }

    /// Due or missed as the item lists say it of its items (by their planned invoice date),
    /// or, when no item waits for it, by its own due date.
    pub fn warning(&self, today: NaiveDate) -> Option<crate::domain::warnings::Warning> {
        crate::domain::warnings::milestone_warning(
            self.first_planned.unwrap_or(self.due_date),
            self.reached.is_some(),
            today,
        )
    }
}

const SELECT: &str = "
SELECT m.id, m.version, m.project_id, p.code, p.name, m.code, m.name, m.due_date,
       substr(m.reached_at, 1, 10), m.reached_by, m.estimated_progress_micros, p.currency,
       (SELECT count(*) FROM revenue_items i WHERE i.milestone_id = m.id AND i.status <> 'rejected'),
       (SELECT count(*) FROM revenue_items i WHERE i.milestone_id = m.id AND i.status = 'open'),
       (SELECT coalesce(sum(i.planned_amount_minor), 0) FROM revenue_items i
         WHERE i.milestone_id = m.id AND i.status <> 'rejected'),
       (SELECT min(i.planned_invoice_date) FROM revenue_items i
         WHERE i.milestone_id = m.id AND i.status NOT IN ('invoiced', 'rejected'))
FROM milestones m JOIN projects p ON p.id = m.project_id
JOIN accounts a ON a.id = p.account_id";

/// The linked items' planned total of a milestone (the Amount column).
const AMOUNT: &str = "(SELECT coalesce(sum(i.planned_amount_minor), 0) FROM revenue_items i
     WHERE i.milestone_id = m.id AND i.status <> 'rejected')";

type RawRow = (MilestoneRow, String, i64);

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawRow> {
    let reached_on: Option<NaiveDate> = r.get(8)?;
    let reached_by: Option<String> = r.get(9)?;
    Ok((
        MilestoneRow {
            id: r.get(0)?,
            version: r.get(1)?,
            project_id: r.get(2)?,
            project_code: r.get(3)?,
            project_name: r.get(4)?,
            code: r.get(5)?,
            name: r.get(6)?,
            due_date: r.get(7)?,
            reached: reached_on.map(|d| (d, reached_by.unwrap_or_default())),
            estimated_progress: from_micros(r.get(10)?),
            // The currency is set once its code is parsed.
            items: r.get(12)?,
            open_items: r.get(13)?,
            amount: Money::zero(Currency::EUR),
            first_planned: r.get(15)?,
        },
        r.get(11)?,
        r.get(14)?,
    ))
}

/// A window of milestones in (due date, id) order, of those `filter` shows.
pub fn milestone_rows(
    conn: &Connection,
    filter: &MilestoneFilter,
    bound: &Bound<MilestoneKey>,
    limit: usize,
) -> Result<Vec<MilestoneRow>> {
    let (mut cond, mut args) = filter.sql()?;
    let (extra, order, reverse) = match bound {
        Bound::Start => ("", "ASC", false),
        Bound::From(_) => (" AND (m.due_date, m.id) >= (?, ?)", "ASC", false),
        Bound::After(_) => (" AND (m.due_date, m.id) > (?, ?)", "ASC", false),
        Bound::Before(_) => (" AND (m.due_date, m.id) < (?, ?)", "DESC", true),
        Bound::End => ("", "DESC", true),
    };
    if let Bound::From(k) | Bound::After(k) | Bound::Before(k) = bound {
        args.push(Value::Text(k.0.to_string()));
        args.push(Value::Integer(k.1));
    }
    cond.push_str(extra);
    let sql =
        format!("{SELECT} WHERE 1{cond} ORDER BY m.due_date {order}, m.id {order} LIMIT {limit}");
    let mut stmt = conn.prepare_cached(&sql)?;
    let raw: Vec<RawRow> = stmt
        .query_map(rusqlite::params_from_iter(args), read)?
        .collect::<rusqlite::Result<_>>()?;
    let mut rows = Vec::with_capacity(raw.len());
    for (mut row, cur, amount) in raw {
        row.amount = Money::from_minor(amount, codec::currency(&cur)?);
        rows.push(row);
    }
    if reverse {
        rows.reverse();
    }
    Ok(rows)
}

/// How many milestones the filter shows and their linked items' planned total, per currency
/// (the project's).
pub fn milestone_totals(conn: &Connection, filter: &MilestoneFilter) -> Result<Vec<CurrencyTotal>> {
    let (cond, args) = filter.sql()?;
    let sql = format!(
        "SELECT p.currency, count(*), sum({AMOUNT})
         FROM milestones m JOIN projects p ON p.id = m.project_id
         JOIN accounts a ON a.id = p.account_id
         WHERE 1{cond} GROUP BY p.currency ORDER BY p.currency"
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
    /// Where a milestone sorts in the list (`None` once deleted).
    pub fn milestone_key(&self, id: i64) -> Result<Option<MilestoneKey>> {
        Ok(self
            .conn()
            .query_row("SELECT due_date FROM milestones WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .map(|date| (date, id)))
    }

    pub fn milestone_rows(
        &self,
        filter: &MilestoneFilter,
        bound: &Bound<MilestoneKey>,
        limit: usize,
    ) -> Result<Vec<MilestoneRow>> {
        milestone_rows(self.conn(), filter, bound, limit)
    }

    pub fn milestone_totals(&self, filter: &MilestoneFilter) -> Result<Vec<CurrencyTotal>> {
        milestone_totals(self.conn(), filter)
    }

    pub fn milestone_count(&self) -> Result<usize> {
        let n: i64 = self
            .conn()
            .query_row("SELECT count(*) FROM milestones", [], |r| r.get(0))?;
        Ok(n as usize)
    }
}
