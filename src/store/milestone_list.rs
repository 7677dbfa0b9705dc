//! The milestone screen's list: milestones by due date with their project, whether reached,
//! and what their linked revenue items amount to (read by the milestone index).

use super::Store;
use super::codec;
use super::error::Result;
use super::list_query::Bound;
use crate::domain::Currency;
use crate::domain::Money;
use crate::domain::scaled::from_micros;
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};
use rust_decimal::Decimal;

/// Where a milestone sits in the list.
pub type MilestoneKey = (NaiveDate, i64);

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
FROM milestones m JOIN projects p ON p.id = m.project_id";

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

/// A window of milestones in (due date, id) order.
pub fn milestone_rows(
    conn: &Connection,
    bound: &Bound<MilestoneKey>,
    limit: usize,
) -> Result<Vec<MilestoneRow>> {
    let (cond, order, reverse) = match bound {
        Bound::Start => ("", "ASC", false),
        Bound::From(_) => (" WHERE (m.due_date, m.id) >= (?1, ?2)", "ASC", false),
        Bound::After(_) => (" WHERE (m.due_date, m.id) > (?1, ?2)", "ASC", false),
        Bound::Before(_) => (" WHERE (m.due_date, m.id) < (?1, ?2)", "DESC", true),
        Bound::End => ("", "DESC", true),
    };
    let sql = format!("{SELECT}{cond} ORDER BY m.due_date {order}, m.id {order} LIMIT {limit}");
    let mut stmt = conn.prepare_cached(&sql)?;
    let params: Vec<Value> = match bound {
        Bound::From(k) | Bound::After(k) | Bound::Before(k) => {
            vec![Value::Text(k.0.to_string()), Value::Integer(k.1)]
        }
        _ => Vec::new(),
    };
    let raw: Vec<RawRow> = stmt
        .query_map(rusqlite::params_from_iter(params), read)?
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
        bound: &Bound<MilestoneKey>,
        limit: usize,
    ) -> Result<Vec<MilestoneRow>> {
        milestone_rows(self.conn(), bound, limit)
    }

    pub fn milestone_count(&self) -> Result<usize> {
        let n: i64 = self
            .conn()
            .query_row("SELECT count(*) FROM milestones", [], |r| r.get(0))?;
        Ok(n as usize)
    }
}
