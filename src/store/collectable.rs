//! What a time-and-materials item would collect now, read from the rows: the window the rule
//! gives it (`domain::tm_allocation`), the uncollected billable time reports and expenses of its
//! project dated in that window, each priced at its rate. Drafting, the draft preview, the
//! summary and the stored amount (`tm_amounts.rs`) all read it from here, so that what a list
//! shows is what a draft invoices.
//!
//! It depends on nothing of the store but the codec, so that the pricing that runs before every
//! commit (`Store::write`) imports no file that imports the store back.

use super::codec;
use super::error::Result;
use crate::domain::Currency;
use crate::domain::collected_line::{CollectedLine, collected_amount};
use crate::domain::rates::{Rate, resolve_rate};
use crate::domain::scaled::from_micros;
use crate::domain::tm_allocation::Window;
use chrono::NaiveDate;
use rusqlite::{Connection, params};
use rust_decimal::Decimal;

/// The rates that price a project's time: its own, then its price list's.
#[derive(Debug, Clone, Default)]
pub(super) struct ProjectRates {
    pub project: Vec<Rate>,
    pub list: Vec<Rate>,
}

fn rates_of(conn: &Connection, column: &str, owner: Option<i64>) -> Result<Vec<Rate>> {
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

impl ProjectRates {
    pub(super) fn read(conn: &Connection, project_id: i64) -> Result<ProjectRates> {
        let price_list: Option<i64> = conn
            .prepare_cached("SELECT price_list_id FROM projects WHERE id = ?1")?
            .query_row([project_id], |r| r.get(0))?;
        Ok(ProjectRates {
            project: rates_of(conn, "project_id", Some(project_id))?,
            list: rates_of(conn, "price_list_id", price_list)?,
        })
    }

    /// The rate of one report of an item with this unit price (or none).
    pub(super) fn rate(
        &self,
        unit_price: Option<Decimal>,
        role: &str,
        person: &str,
    ) -> Result<Decimal> {
        Ok(resolve_rate(
            unit_price,
            &self.project,
            &self.list,
            role,
            person,
        )?)
    }
}

/// The window of a collecting item of `project_id` planned for `date`: after the planned date
/// of the collecting item before it in (date, id) order. `id` is `None` for an item not yet
/// stored, which will get the largest id and so comes after every item of its day.
pub(super) fn window_of(
    conn: &Connection,
    project_id: i64,
    id: Option<i64>,
    date: NaiveDate,
) -> Result<Window> {
    let previous: Option<NaiveDate> = conn
        .prepare_cached(
            "SELECT max(planned_invoice_date) FROM revenue_items
             WHERE project_id = ?1 AND billing_rule = 'time_and_materials'
               AND status IN ('open', 'billable')
               AND (planned_invoice_date, id) < (?2, ?3)",
        )?
        .query_row(params![project_id, date, id.unwrap_or(i64::MAX)], |r| {
            r.get(0)
        })?;
    Ok(Window::after(previous, date))
}

/// What a collecting item would collect now: the uncollected billable time and expenses of
/// its project dated in `window`, time priced for an item with `unit_price`. Refused when a
/// report has no rate.
pub(super) fn uncollected_lines(
    conn: &Connection,
    project_id: i64,
    window: Window,
    unit_price: Option<Decimal>,
    currency: Currency,
    rates: &ProjectRates,
) -> Result<Vec<CollectedLine>> {
    // Dates are ISO text: '' sorts before every date, so "no item before" needs no other query.
    let after = window.after.map(|d| d.to_string()).unwrap_or_default();
    let until = window.until.to_string();
    let mut out = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT id, work_date, person, role, hours_micros FROM time_reports
         WHERE project_id = ?1 AND revenue_item_id IS NULL AND billable = 1
           AND work_date > ?2 AND work_date <= ?3
         ORDER BY work_date, id",
    )?;
    let mut rows = stmt.query(params![project_id, after, until])?;
    while let Some(r) = rows.next()? {
        let (person, role): (String, String) = (r.get(2)?, r.get(3)?);
        let rate = rates.rate(unit_price, &role, &person)?;
        out.push(CollectedLine::time(
            r.get(0)?,
            r.get(1)?,
            person,
            role,
            from_micros(r.get(4)?),
            rate,
            currency,
        )?);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT id, expense_date, description, amount_minor FROM expenses
         WHERE project_id = ?1 AND revenue_item_id IS NULL AND billable = 1
           AND expense_date > ?2 AND expense_date <= ?3
         ORDER BY expense_date, id",
    )?;
    let mut rows = stmt.query(params![project_id, after, until])?;
    while let Some(r) = rows.next()? {
        out.push(CollectedLine::Expense {
            id: r.get(0)?,
            date: r.get(1)?,
            description: r.get(2)?,
            amount: currency.from_minor(r.get(3)?),
        });
    }
    Ok(out)
}

/// What a collecting item's amount is stored as: what it would invoice now in minor units,
/// or 0 with the reason when its rows cannot be priced or come to the amount limit or more
/// (drafting skips it with that reason).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Priced {
    pub amount_minor: i64,
    pub error: Option<String>,
}

/// The stored form of what `lines` come to, or of why they could not be read.
pub(super) fn priced(lines: Result<Vec<CollectedLine>>, currency: Currency) -> Result<Priced> {
    let amount = lines.and_then(|lines| {
        let amount = collected_amount(&lines, currency)?;
        codec::minor(currency, amount)
    });
    match amount {
        Ok(amount_minor) => Ok(Priced {
            amount_minor,
            error: None,
        }),
        Err(e) if e.is_refusal() => Ok(Priced {
            amount_minor: 0,
            error: Some(e.to_string()),
        }),
        Err(e) => Err(e),
    }
}

/// What a new collecting item of `project_id` planned for `date` would collect now.
pub(super) fn price_new_item(
    conn: &Connection,
    project_id: i64,
    date: NaiveDate,
    unit_price: Option<Decimal>,
    currency: Currency,
) -> Result<Priced> {
    let rates = ProjectRates::read(conn, project_id)?;
    let window = window_of(conn, project_id, None, date)?;
    priced(
        uncollected_lines(conn, project_id, window, unit_price, currency, &rates),
        currency,
    )
}
