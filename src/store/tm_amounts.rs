//! Keeping the amount of time-and-materials items current: the amount a collecting item stores
//! (`planned_amount_minor`, which every list, total, forecast and report already reads) is what
//! it would invoice now (`collectable.rs`), and a rejected one stores 0.
//!
//! Writes that may change what items collect note their project on the `Writer`
//! (`Writer::reprice_project`, with the cause); `Store::write` prices those projects again here
//! just before it commits, so amounts, footer totals and forecast sums change in the same
//! transaction as the time, the expense or the rate, and a write that fails leaves them all as
//! they were. Only the noted projects are read: their collecting items through their partial
//! index, their rows by date range.

use super::codec;
use super::collectable::{Priced, ProjectRates, priced, uncollected_lines};
use super::error::Result;
use super::writer::{Causes, WrittenBy, history_row};
use crate::domain::Currency;
use crate::domain::scaled::from_micros;
use crate::domain::tm_allocation::{Collector, windows};
use chrono::NaiveDate;
use rusqlite::{Connection, params};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// A time-and-materials item as its amount is kept: what it stores now.
#[derive(Debug, Clone)]
pub(super) struct Held {
    pub id: i64,
    pub date: NaiveDate,
    pub unit_price: Option<Decimal>,
    pub currency: Currency,
    pub amount_minor: i64,
    pub error: Option<String>,
}

/// The time-and-materials items of a project in status `statuses` (an SQL list), in the
/// rule's order.
fn held(conn: &Connection, project_id: i64, statuses: &str) -> Result<Vec<Held>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, planned_invoice_date, unit_price_micros, currency, planned_amount_minor,
            collect_error
         FROM revenue_items
         WHERE project_id = ?1 AND billing_rule = 'time_and_materials' AND status IN ({statuses})
         ORDER BY planned_invoice_date, id"
    ))?;
    let mut rows = stmt.query([project_id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(Held {
            id: r.get(0)?,
            date: r.get(1)?,
            unit_price: r.get::<_, Option<i64>>(2)?.map(from_micros),
            currency: codec::currency(&r.get::<_, String>(3)?)?,
            amount_minor: r.get(4)?,
            error: r.get(5)?,
        });
    }
    Ok(out)
}

/// Every collecting item of a project with what it holds and what it should hold now.
pub(super) fn project_amounts(conn: &Connection, project_id: i64) -> Result<Vec<(Held, Priced)>> {
    let items = held(conn, project_id, "'open', 'billable'")?;
    if items.is_empty() {
        return Ok(Vec::new());
    }
    let rates = ProjectRates::read(conn, project_id)?;
    let order: Vec<Collector> = items
        .iter()
        .map(|i| Collector {
            date: i.date,
            id: i.id,
        })
        .collect();
    let windows: BTreeMap<i64, _> = windows(&order)
        .into_iter()
        .map(|(c, w)| (c.id, w))
        .collect();
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let window = windows[&item.id];
        let lines = uncollected_lines(
            conn,
            project_id,
            window,
            item.unit_price,
            item.currency,
            &rates,
        );
        let now = priced(lines, item.currency)?;
        out.push((item, now));
    }
    Ok(out)
}

/// Stores what an item holds now; a changed amount moves its version and gets its history row
/// with `reason`. A changed reason alone (an error that is now another) is no edit of money.
fn store(
    conn: &Connection,
    by: &WrittenBy<'_>,
    item: &Held,
    now: &Priced,
    reason: &str,
) -> Result<bool> {
    if item.amount_minor == now.amount_minor {
        if item.error != now.error {
            conn.prepare_cached("UPDATE revenue_items SET collect_error = ?1 WHERE id = ?2")?
                .execute(params![now.error, item.id])?;
        }
        return Ok(false);
    }
    let version: i64 = conn
        .prepare_cached(
            "UPDATE revenue_items SET planned_amount_minor = ?1, collect_error = ?2,
                version = version + 1, updated_by = ?3, updated_at = ?4
             WHERE id = ?5 RETURNING version",
        )?
        .query_row(
            params![now.amount_minor, now.error, by.user, by.at, item.id],
            |r| r.get(0),
        )?;
    let text = |minor: i64| item.currency.from_minor(minor).to_string();
    history_row(
        conn,
        by,
        "revenue_item",
        item.id,
        version,
        "planned_amount",
        Some(&text(item.amount_minor)),
        Some(&text(now.amount_minor)),
        Some(reason),
    )?;
    Ok(true)
}

/// Prices the time-and-materials items of one project again and stores each changed amount
/// (a rejected item collects nothing: 0). Returns how many amounts changed.
pub(super) fn reprice_project(
    conn: &Connection,
    by: &WrittenBy<'_>,
    project_id: i64,
    reason: &str,
) -> Result<usize> {
    let mut changed = 0;
    for (item, now) in project_amounts(conn, project_id)? {
        changed += usize::from(store(conn, by, &item, &now, reason)?);
    }
    let nothing = Priced {
        amount_minor: 0,
        error: None,
    };
    for item in held(conn, project_id, "'rejected'")? {
        changed += usize::from(store(conn, by, &item, &nothing, reason)?);
    }
    Ok(changed)
}

/// Prices again every project noted during a write, each once, with its causes as the reason.
pub(super) fn settle(
    conn: &Connection,
    by: &WrittenBy<'_>,
    noted: BTreeMap<i64, Causes>,
) -> Result<usize> {
    let mut changed = 0;
    for (project_id, causes) in noted {
        changed += reprice_project(conn, by, project_id, &causes.text())?;
    }
    Ok(changed)
}

/// The projects with time-and-materials items whose amount is kept (open, billable, rejected).
fn kept_projects(conn: &Connection) -> Result<Vec<i64>> {
    Ok(conn
        .prepare(
            "SELECT DISTINCT project_id FROM revenue_items
             WHERE billing_rule = 'time_and_materials' AND status IN ('open', 'billable', 'rejected')
             ORDER BY project_id",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Prices again every project that has time-and-materials items to keep (migration 13). An
/// item already on a draft or an invoice held its typed amount beside what it invoiced: it
/// now holds what it invoiced, as an item drafted from now on does (its typed amount is its
/// estimate).
pub(super) fn reprice_all(conn: &Connection, by: &WrittenBy<'_>, reason: &str) -> Result<usize> {
    let mut changed = 0;
    for p in kept_projects(conn)? {
        changed += reprice_project(conn, by, p, reason)?;
    }
    let mut stmt = conn.prepare(
        "SELECT id, planned_invoice_date, unit_price_micros, currency, planned_amount_minor,
            collect_error, actual_amount_minor
         FROM revenue_items
         WHERE billing_rule = 'time_and_materials' AND status IN ('draft_invoice', 'invoiced')
           AND actual_amount_minor IS NOT NULL AND actual_amount_minor <> planned_amount_minor",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let item = Held {
            id: r.get(0)?,
            date: r.get(1)?,
            unit_price: r.get::<_, Option<i64>>(2)?.map(from_micros),
            currency: codec::currency(&r.get::<_, String>(3)?)?,
            amount_minor: r.get(4)?,
            error: r.get(5)?,
        };
        let invoiced = Priced {
            amount_minor: r.get(6)?,
            error: None,
        };
        changed += usize::from(store(conn, by, &item, &invoiced, reason)?);
    }
    Ok(changed)
}

/// What `finctl verify` reports: each time-and-materials item whose stored amount is not what
/// it would invoice now (or, rejected, not 0).
pub(super) fn stale_amounts(conn: &Connection) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for p in kept_projects(conn)? {
        for (item, now) in project_amounts(conn, p)? {
            if item.amount_minor != now.amount_minor {
                out.push(format!(
                    "item {}: stores {}, its time and expenses come to {} now",
                    item.id,
                    item.currency.from_minor(item.amount_minor),
                    item.currency.from_minor(now.amount_minor)
                ));
            }
        }
        for item in held(conn, p, "'rejected'")? {
            if item.amount_minor != 0 {
                out.push(format!(
                    "item {}: rejected, stores {} instead of 0",
                    item.id,
                    item.currency.from_minor(item.amount_minor)
                ));
            }
        }
    }
    Ok(out)
}
