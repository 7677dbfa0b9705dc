//! The projects screen's list: projects by code with their account, status, currency, start,
//! manager and milestones, and what their revenue items come to by where they stand (open,
//! billable, invoiced). A window of projects is read first, then the sums of only those
//! projects in one grouped query by the project index.

use super::Store;
use super::codec;
use super::error::Result;
use super::list_query::{Bound, CurrencyTotal, like_pattern};
use crate::domain::Money;
use crate::domain::project::ProjectStatus;
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};
use std::collections::HashMap;

/// Where a project sits in the list: its code (unique).
pub type ProjectKey = String;

/// What the list shows: the projects whose code, name, account or manager contain the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectFilter {
    pub text: String,
}

impl ProjectFilter {
    fn sql(&self) -> (String, Vec<Value>) {
        if self.text.trim().is_empty() {
            return (String::new(), Vec::new());
        }
        let cond = " AND (p.code LIKE ?1 ESCAPE '\\' OR p.name LIKE ?1 ESCAPE '\\' \
                    OR a.name LIKE ?1 ESCAPE '\\' OR p.manager LIKE ?1 ESCAPE '\\')";
        (cond.into(), vec![Value::Text(like_pattern(&self.text))])
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectRow {
    pub id: i64,
    pub version: i64,
    pub code: String,
    pub name: String,
    pub account_id: i64,
    pub account: String,
    pub status: ProjectStatus,
    pub start_date: Option<NaiveDate>,
    pub manager: String,
    pub milestones: i64,
    /// Its revenue items (not rejected) by status, in the project's currency: still open,
    /// billable (on a draft or not yet), invoiced.
    pub open: Money,
    pub billable: Money,
    pub invoiced: Money,
}

impl ProjectRow {
    pub fn key(&self) -> ProjectKey {
        self.code.clone()
    }
}

const SELECT: &str = "
SELECT p.id, p.version, p.code, p.name, p.account_id, a.name, p.status, p.currency,
       p.start_date, p.manager,
       (SELECT count(*) FROM milestones m WHERE m.project_id = p.id)
FROM projects p JOIN accounts a ON a.id = p.account_id";

/// A window of projects in code order.
pub fn project_rows(
    conn: &Connection,
    filter: &ProjectFilter,
    bound: &Bound<ProjectKey>,
    limit: usize,
) -> Result<Vec<ProjectRow>> {
    let (mut cond, mut args) = filter.sql();
    let (extra, order, reverse) = match bound {
        Bound::Start => ("", "ASC", false),
        Bound::From(_) => (" AND p.code >= ?", "ASC", false),
        Bound::After(_) => (" AND p.code > ?", "ASC", false),
        Bound::Before(_) => (" AND p.code < ?", "DESC", true),
        Bound::End => ("", "DESC", true),
    };
    if let Bound::From(k) | Bound::After(k) | Bound::Before(k) = bound {
        args.push(Value::Text(k.clone()));
    }
    cond.push_str(extra);
    let sql = format!("{SELECT} WHERE 1{cond} ORDER BY p.code {order} LIMIT {limit}");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(&args))?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let status: String = r.get(6)?;
        let currency = codec::currency(&r.get::<_, String>(7)?)?;
        let zero = Money::zero(currency);
        out.push(ProjectRow {
            id: r.get(0)?,
            version: r.get(1)?,
            code: r.get(2)?,
            name: r.get(3)?,
            account_id: r.get(4)?,
            account: r.get(5)?,
            status: codec::parse(&status)?,
            start_date: r.get(8)?,
            manager: r.get(9)?,
            milestones: r.get(10)?,
            open: zero,
            billable: zero,
            invoiced: zero,
        });
    }
    add_sums(conn, &mut out)?;
    if reverse {
        out.reverse();
    }
    Ok(out)
}

/// The sums by status of the projects of a window, read together.
fn add_sums(conn: &Connection, rows: &mut [ProjectRow]) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let ids: Vec<String> = rows.iter().map(|r| r.id.to_string()).collect();
    let sql = format!(
        "SELECT project_id, status, sum(coalesce(actual_amount_minor, planned_amount_minor))
         FROM revenue_items WHERE project_id IN ({}) AND status <> 'rejected'
         GROUP BY project_id, status",
        ids.join(",")
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut found = stmt.query([])?;
    let at: HashMap<i64, usize> = rows.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    while let Some(r) = found.next()? {
        let Some(&i) = at.get(&r.get::<_, i64>(0)?) else {
            continue;
        };
        let row = &mut rows[i];
        let status: String = r.get(1)?;
        let sum = Money::from_minor(r.get(2)?, row.open.currency);
        let slot = match status.as_str() {
            "open" => &mut row.open,
            "billable" | "draft_invoice" => &mut row.billable,
            "invoiced" => &mut row.invoiced,
            _ => continue,
        };
        *slot = slot.checked_add(sum)?;
    }
    Ok(())
}

/// How many projects the filter shows, per currency, with what is billable in them.
pub fn project_totals(conn: &Connection, filter: &ProjectFilter) -> Result<Vec<CurrencyTotal>> {
    let (cond, args) = filter.sql();
    let sql = format!(
        "SELECT p.currency, count(*),
                coalesce(sum((SELECT sum(coalesce(i.actual_amount_minor, i.planned_amount_minor))
                              FROM revenue_items i
                              WHERE i.project_id = p.id
                                AND i.status IN ('billable', 'draft_invoice'))), 0)
         FROM projects p JOIN accounts a ON a.id = p.account_id
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
    /// Where a project sorts in the list: its code (`None` if there is no such project).
    pub fn project_key(&self, id: i64) -> Result<Option<ProjectKey>> {
        Ok(self
            .conn()
            .query_row("SELECT code FROM projects WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn project_rows(
        &self,
        filter: &ProjectFilter,
        bound: &Bound<ProjectKey>,
        limit: usize,
    ) -> Result<Vec<ProjectRow>> {
        project_rows(self.conn(), filter, bound, limit)
    }

    pub fn project_totals(&self, filter: &ProjectFilter) -> Result<Vec<CurrencyTotal>> {
        project_totals(self.conn(), filter)
    }
}
