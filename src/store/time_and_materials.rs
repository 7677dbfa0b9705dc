//! Collecting time reports and expenses into a time-and-materials item: the uncollected
//! billable ones of its project in its window (`collectable.rs`, `domain::tm_allocation`),
//! marked as collected by it when its draft is made, and given back when the draft goes.

use super::codec;
use super::collectable::{ProjectRates, uncollected_lines, window_of};
use super::error::Result;
use super::revenue_items::RevenueItem;
use super::{Store, Writer};
use crate::domain::billing_rule::BillingRule;
use crate::domain::collected_line::{CollectedLine, check_lines_total, collected_amount};
use crate::domain::scaled::from_micros;
use crate::domain::tm_allocation::collects;
use rusqlite::{Connection, params};
use rust_decimal::Decimal;

/// The lines an item collected (once on an invoice), or would collect now (an open or billable
/// one: its window, `collectable.rs`); a rejected item collects nothing.
fn lines(conn: &Connection, item: &RevenueItem, collected: bool) -> Result<Vec<CollectedLine>> {
    let rates = ProjectRates::read(conn, item.project_id)?;
    if !collected {
        if !collects(item.billing_rule, item.status) {
            return Ok(Vec::new());
        }
        let window = window_of(
            conn,
            item.project_id,
            Some(item.id),
            item.planned_invoice_date,
        )?;
        return uncollected_lines(
            conn,
            item.project_id,
            window,
            item.unit_price,
            item.currency,
            &rates,
        );
    }
    let mut out = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT id, work_date, person, role, hours_micros, rate_micros FROM time_reports
         WHERE revenue_item_id = ?1 ORDER BY work_date, id",
    )?;
    let mut rows = stmt.query([item.id])?;
    while let Some(r) = rows.next()? {
        let (person, role): (String, String) = (r.get(2)?, r.get(3)?);
        // The rate it was priced at when collected (older files may lack it).
        let rate = match r.get::<_, Option<i64>>(5)? {
            Some(stored) => from_micros(stored),
            None => rates.rate(item.unit_price, &role, &person)?,
        };
        let (id, date) = (r.get(0)?, r.get(1)?);
        out.push(CollectedLine::time(
            id,
            date,
            person,
            role,
            from_micros(r.get(4)?),
            rate,
            item.currency,
        )?);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT id, expense_date, description, amount_minor FROM expenses
         WHERE revenue_item_id = ?1 ORDER BY expense_date, id",
    )?;
    let mut rows = stmt.query([item.id])?;
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
/// returns the amount. The project's other items keep their rows (their windows hold none of
/// these); its amounts are checked again before the write commits all the same.
pub(super) fn collect(w: &Writer<'_>, item: &RevenueItem) -> Result<Decimal> {
    let lines = lines(w.tx(), item, false)?;
    w.reprice_project(item.project_id, format!("item {} drafted", item.id));
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

/// Gives back what an item collected, so that it can be collected again (by the item that
/// collects each row now: its project is priced again before the write commits, `cause` the
/// reason its history gives).
pub(super) fn release_collected(w: &Writer<'_>, item: &RevenueItem, cause: &str) -> Result<()> {
    let item_id = item.id;
    if item.billing_rule == BillingRule::TimeAndMaterials {
        w.reprice_project(item.project_id, cause);
    }
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
