//! Collecting time reports and expenses into a time-and-materials item: billable, of the
//! item's project, up to its planned invoice date, not yet collected by another item.

use super::codec;
use super::error::Result;
use super::revenue_items::RevenueItem;
use super::{Store, Writer};
use crate::domain::collected_line::{CollectedLine, check_lines_total, collected_amount};
use crate::domain::rates::{Rate, resolve_rate};
use crate::domain::scaled::from_micros;
use rusqlite::{Connection, params};
use rust_decimal::Decimal;

fn rates(conn: &Connection, column: &str, owner: Option<i64>) -> Result<Vec<Rate>> {
    let Some(owner) = owner else {
        return Ok(Vec::new());
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT role, person, rate_micros FROM rates WHERE {column} = ?1"
    ))?;
    let rows = stmt.query_map([owner], |r| {
        Ok(Rate {
            role: r.get(0)?,
            person: r.get(1)?,
            rate: from_micros(r.get(2)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The lines an item has collected, or (`collected == false`) would collect now.
fn lines(conn: &Connection, item: &RevenueItem, collected: bool) -> Result<Vec<CollectedLine>> {
    let price_list: Option<i64> = conn.query_row(
        "SELECT price_list_id FROM projects WHERE id = ?1",
        [item.project_id],
        |r| r.get(0),
    )?;
    let project_rates = rates(conn, "project_id", Some(item.project_id))?;
    let list_rates = rates(conn, "price_list_id", price_list)?;
    let (filter, args): (&str, Vec<rusqlite::types::Value>) = if collected {
        ("revenue_item_id = ?1", vec![item.id.into()])
    } else {
        (
            "project_id = ?1 AND revenue_item_id IS NULL AND billable = 1 AND {date} <= ?2",
            vec![
                item.project_id.into(),
                item.planned_invoice_date.to_string().into(),
            ],
        )
    };
    let mut out = Vec::new();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, work_date, person, role, hours_micros, rate_micros FROM time_reports
         WHERE {} ORDER BY work_date, id",
        filter.replace("{date}", "work_date")
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(&args))?;
    while let Some(r) = rows.next()? {
        let (person, role): (String, String) = (r.get(2)?, r.get(3)?);
        let hours = from_micros(r.get(4)?);
        let rate = match r.get::<_, Option<i64>>(5)? {
            Some(stored) if collected => from_micros(stored),
            _ => resolve_rate(item.unit_price, &project_rates, &list_rates, &role, &person)?,
        };
        let (id, date) = (r.get(0)?, r.get(1)?);
        out.push(CollectedLine::time(
            id,
            date,
            person,
            role,
            hours,
            rate,
            item.currency,
        )?);
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, expense_date, description, amount_minor FROM expenses
         WHERE {} ORDER BY expense_date, id",
        filter.replace("{date}", "expense_date")
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(&args))?;
    while let Some(r) = rows.next()? {
        out.push(CollectedLine::Expense {
            id: r.get(0)?,
            date: r.get(1)?,
            description: r.get(2)?,
            amount: item.currency.from_minor(r.get(3)?),
        });
    }
    Ok(out)
}

/// What the item would collect now, without collecting it.
pub(super) fn preview_amount(conn: &Connection, item: &RevenueItem) -> Result<Decimal> {
    Ok(collected_amount(&lines(conn, item, false)?, item.currency)?)
}

/// Marks what the item collects now as collected by it (with the rate it was priced at) and
/// returns the amount.
pub(super) fn collect(w: &Writer<'_>, item: &RevenueItem) -> Result<Decimal> {
    let lines = lines(w.tx(), item, false)?;
    for line in &lines {
        match line {
            CollectedLine::Time { id, rate, .. } => {
                let v = w.bump_version("time_reports", "time report", *id, None)?;
                w.tx()
                    .prepare_cached(
                        "UPDATE time_reports SET revenue_item_id = ?1, rate_micros = ?2 WHERE id = ?3",
                    )?
                    .execute(params![item.id, codec::micros(*rate)?, id])?;
                let new = format!("{} at {}", item.id, rate);
                w.history(
                    "time_report",
                    *id,
                    v,
                    "revenue_item",
                    None,
                    Some(&new),
                    None,
                )?;
            }
            CollectedLine::Expense { id, .. } => {
                let v = w.bump_version("expenses", "expense", *id, None)?;
                w.tx()
                    .prepare_cached("UPDATE expenses SET revenue_item_id = ?1 WHERE id = ?2")?
                    .execute(params![item.id, id])?;
                let new = item.id.to_string();
                w.history("expense", *id, v, "revenue_item", None, Some(&new), None)?;
            }
        }
    }
    Ok(collected_amount(&lines, item.currency)?)
}

/// Gives back what an item collected, so that it can be collected again.
pub(super) fn release_collected(w: &Writer<'_>, item_id: i64) -> Result<()> {
    for (table, object, history_object, release) in [
        (
            "time_reports",
            "time report",
            "time_report",
            "UPDATE time_reports SET revenue_item_id = NULL, rate_micros = NULL WHERE id = ?1",
        ),
        (
            "expenses",
            "expense",
            "expense",
            "UPDATE expenses SET revenue_item_id = NULL WHERE id = ?1",
        ),
    ] {
        let ids: Vec<i64> = w
            .tx()
            .prepare_cached(&format!(
                "SELECT id FROM {table} WHERE revenue_item_id = ?1"
            ))?
            .query_map([item_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in ids {
            let v = w.bump_version(table, object, id, None)?;
            w.tx().execute(release, [id])?;
            let old = item_id.to_string();
            w.history(
                history_object,
                id,
                v,
                "revenue_item",
                Some(&old),
                None,
                None,
            )?;
        }
    }
    Ok(())
}

impl Store {
    /// What a time-and-materials item collected (once on an invoice) or would collect now.
    /// Refused when the lines do not even add up to a decimal (the summary shows their total).
    pub fn collected_lines(&self, item: &RevenueItem) -> Result<Vec<CollectedLine>> {
        let lines = lines(self.conn(), item, item.status.is_on_invoice())?;
        check_lines_total(&lines)?;
        Ok(lines)
    }
}
