//! Contract lines billed by progress and their progress statuses (one per billing period):
//! add, refresh, edit one billed figure, validate (a billable revenue item), unvalidate, delete.
//! The line's scheduled items (one per validated period plus an open forecast for the rest)
//! always total the line; the arithmetic is `domain::progress`.

mod estimates;
mod forecast;
pub mod line_delete;
mod lines;
mod periods;

use super::Writer;
use super::codec;
use super::error::{Result, StoreError};
use crate::domain::Currency;
use crate::domain::invoicing_term::Term;
use crate::domain::progress::{Billed, BilledField, Cumulative, Line};
use crate::domain::progress_state::ProgressState;
use crate::domain::revenue_status::RevenueStatus;
use crate::domain::scaled::from_micros;
use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct NewContractLine {
    pub project_id: i64,
    pub milestone_id: Option<i64>,
    pub description: String,
    pub quantity: Decimal,
    pub unit_price: Decimal,
    pub invoicing_term: Term,
    pub vat_rate: Decimal,
    /// When the first billing period starts.
    pub first_period_start: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractLine {
    pub id: i64,
    pub project_id: i64,
    pub milestone_id: Option<i64>,
    pub description: String,
    pub quantity: Decimal,
    pub unit_price: Decimal,
    pub total: Decimal,
    pub currency: Currency,
    pub term: Term,
    pub vat_rate: Decimal,
    pub forecast_item_id: Option<i64>,
    pub version: i64,
}

impl ContractLine {
    pub fn line(&self) -> Line {
        Line {
            quantity: self.quantity,
            unit_price: self.unit_price,
            currency: self.currency,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressStatus {
    pub id: i64,
    pub line_id: i64,
    pub seq: i64,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub invoice_date: NaiveDate,
    pub state: ProgressState,
    pub estimated: Cumulative,
    pub billed: Billed,
    pub revenue_item_id: Option<i64>,
    pub refresh_requested: bool,
    pub version: i64,
}

/// An edit of the pending status: dates, and one billed figure (the others follow).
#[derive(Debug, Clone, Copy, Default)]
pub struct ProgressEdit {
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub invoice_date: Option<NaiveDate>,
    pub billed: Option<BilledField>,
}

/// The columns of a contract line, in the order `ContractLine::from_row` reads them.
const LINE_COLUMNS: &str = "id, project_id, milestone_id, description, quantity_micros,
    unit_price_micros, total_minor, currency, invoicing_term, vat_rate_micros,
    forecast_item_id, version";

impl ContractLine {
    /// The line of a row of `LINE_COLUMNS`.
    fn from_row(r: &rusqlite::Row<'_>) -> Result<ContractLine> {
        let currency = codec::currency(&r.get::<_, String>(7)?)?;
        Ok(ContractLine {
            id: r.get(0)?,
            project_id: r.get(1)?,
            milestone_id: r.get(2)?,
            description: r.get(3)?,
            quantity: from_micros(r.get(4)?),
            unit_price: from_micros(r.get(5)?),
            total: currency.from_minor(r.get(6)?),
            currency,
            term: codec::parse(&r.get::<_, String>(8)?)?,
            vat_rate: from_micros(r.get(9)?),
            forecast_item_id: r.get(10)?,
            version: r.get(11)?,
        })
    }
}

fn load_line(conn: &rusqlite::Connection, id: i64) -> Result<ContractLine> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {LINE_COLUMNS} FROM contract_lines WHERE id = ?1"
    ))?;
    let mut rows = stmt.query([id])?;
    match rows.next()? {
        Some(r) => ContractLine::from_row(r),
        None => Err(StoreError::NotFound {
            object: "contract line",
            id,
        }),
    }
}

/// The columns of a progress status (alias `s`) and, last, the status of its revenue item
/// (`invoiced` once it was on any invoice, even one credited since: the period stays locked),
/// in the order `ProgressStatus::from_row` reads them.
const STATUS_COLUMNS: &str = "s.id, s.line_id, s.seq, s.period_start, s.period_end,
    s.invoice_date, s.status, s.estimated_percent_micros, s.estimated_quantity_micros,
    s.estimated_amount_minor, s.billed_percent_micros, s.billed_quantity_micros,
    s.billed_amount_minor, s.revenue_item_id, s.refresh_requested, s.version,
    CASE WHEN EXISTS (SELECT 1 FROM invoice_lines l WHERE l.revenue_item_id = s.revenue_item_id)
         THEN 'invoiced'
         ELSE (SELECT i.status FROM revenue_items i WHERE i.id = s.revenue_item_id) END";

impl ProgressStatus {
    /// The status of a row of `STATUS_COLUMNS`, amounts in its line's currency.
    fn from_row(r: &rusqlite::Row<'_>, currency: Currency) -> Result<ProgressStatus> {
        let validated = r.get::<_, String>(6)? == "validated";
        let item_on_invoice = match r.get::<_, Option<String>>(16)? {
            Some(status) => codec::parse::<RevenueStatus>(&status)?.is_on_invoice(),
            None => false,
        };
        Ok(ProgressStatus {
            id: r.get(0)?,
            line_id: r.get(1)?,
            seq: r.get(2)?,
            period_start: r.get(3)?,
            period_end: r.get(4)?,
            invoice_date: r.get(5)?,
            state: ProgressState::of(validated, item_on_invoice),
            estimated: Cumulative {
                percent: from_micros(r.get(7)?),
                quantity: from_micros(r.get(8)?),
                amount: currency.from_minor(r.get(9)?),
            },
            billed: Billed {
                percent: from_micros(r.get(10)?),
                quantity: from_micros(r.get(11)?),
                amount: currency.from_minor(r.get(12)?),
            },
            revenue_item_id: r.get(13)?,
            refresh_requested: r.get(14)?,
            version: r.get(15)?,
        })
    }
}

fn load_statuses(conn: &rusqlite::Connection, line: &ContractLine) -> Result<Vec<ProgressStatus>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {STATUS_COLUMNS} FROM progress_statuses s WHERE s.line_id = ?1 ORDER BY s.seq"
    ))?;
    let mut rows = stmt.query([line.id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(ProgressStatus::from_row(r, line.currency)?);
    }
    Ok(out)
}

/// What the validated periods before `seq` billed in all.
/// What the validated periods before `seq` bill together.
pub fn billed_before(statuses: &[ProgressStatus], seq: i64) -> Cumulative {
    statuses
        .iter()
        .filter(|s| s.seq < seq && s.state != ProgressState::Pending)
        .fold(Cumulative::default(), |c, s| s.billed.after(c))
}

fn status_of(statuses: &[ProgressStatus], id: i64) -> Result<&ProgressStatus> {
    statuses
        .iter()
        .find(|s| s.id == id)
        .ok_or(StoreError::NotFound {
            object: "progress status",
            id,
        })
}

/// The line of a period, all its periods, and the period itself.
fn period(
    w: &Writer<'_>,
    status_id: i64,
) -> Result<(ContractLine, Vec<ProgressStatus>, ProgressStatus)> {
    let line = line_of_status(w, status_id)?;
    // A manager edits the periods of the projects they manage only.
    w.require_project(crate::domain::rights::Action::EditProgress, line.project_id)?;
    let statuses = load_statuses(w.tx(), &line)?;
    let s = status_of(&statuses, status_id)?.clone();
    Ok((line, statuses, s))
}

/// Only the pending period changes; `why` says what the user should do instead.
fn require_pending(s: &ProgressStatus, why: &str) -> Result<()> {
    if s.state != ProgressState::Pending {
        return Err(StoreError::refused(why));
    }
    Ok(())
}

fn line_of_status(w: &Writer<'_>, status_id: i64) -> Result<ContractLine> {
    let line_id: i64 = w
        .tx()
        .prepare_cached("SELECT line_id FROM progress_statuses WHERE id = ?1")?
        .query_row([status_id], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NotFound {
            object: "progress status",
            id: status_id,
        })?;
    load_line(w.tx(), line_id)
}
