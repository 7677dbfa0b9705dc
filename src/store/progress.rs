//! Contract lines billed by progress and their progress statuses (one per billing period):
//! add, refresh, edit one billed figure, validate (a billable revenue item), unvalidate, delete.
//! The line's scheduled items (one per validated period plus an open forecast for the rest)
//! always total the line; the arithmetic is `domain::progress`.

use super::codec;
use super::error::{Result, StoreError};
use super::revenue_items::{
    BillingRuleName, NewRevenueItem, OriginName, StatusName, insert_item, load_item, search_add,
    search_forget,
};
use super::{Store, Writer};
use crate::domain::billing_rule::BillingRule;
use crate::domain::progress::{self, Billed, Cumulative, Line};
use crate::domain::rights::Action;
use crate::domain::scaled::from_micros;
use crate::domain::status::{Origin, RevenueStatus};
use crate::domain::{Currency, DomainError};
use chrono::{Days, Months, NaiveDate};
use rusqlite::{OptionalExtension, params};
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Term {
    Monthly,
    Quarterly,
    Percentages,
}

impl Term {
    pub fn as_str(self) -> &'static str {
        match self {
            Term::Monthly => "monthly",
            Term::Quarterly => "quarterly",
            Term::Percentages => "percentages",
        }
    }

    fn parse(s: &str) -> Result<Term> {
        match s {
            "monthly" => Ok(Term::Monthly),
            "quarterly" => Ok(Term::Quarterly),
            "percentages" => Ok(Term::Percentages),
            other => Err(StoreError::refused(format!(
                "stored invoicing term {other:?}"
            ))),
        }
    }

    /// Months in one billing period (percentage plans default to a month).
    fn months(self) -> u32 {
        match self {
            Term::Quarterly => 3,
            _ => 1,
        }
    }
}

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
    fn line(&self) -> Line {
        Line {
            quantity: self.quantity,
            unit_price: self.unit_price,
            currency: self.currency,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressState {
    Pending,
    ToBeInvoiced,
    Invoiced,
}

impl ProgressState {
    pub fn as_str(self) -> &'static str {
        match self {
            ProgressState::Pending => "pending",
            ProgressState::ToBeInvoiced => "to_be_invoiced",
            ProgressState::Invoiced => "invoiced",
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

/// Which billed figure the user typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BilledField {
    Percent(Decimal),
    Quantity(Decimal),
    Amount(Decimal),
}

/// An edit of the pending status: dates, and one billed figure (the others follow).
#[derive(Debug, Clone, Copy, Default)]
pub struct ProgressEdit {
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub invoice_date: Option<NaiveDate>,
    pub billed: Option<BilledField>,
}

fn load_line(conn: &rusqlite::Connection, id: i64) -> Result<ContractLine> {
    let row = conn
        .prepare_cached(
            "SELECT id, project_id, milestone_id, description, quantity_micros, unit_price_micros,
                    total_minor, currency, invoicing_term, vat_rate_micros, forecast_item_id, version
             FROM contract_lines WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                (r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, Option<i64>>(2)?, r.get::<_, String>(3)?),
                (r.get::<_, i64>(4)?, r.get::<_, i64>(5)?, r.get::<_, i64>(6)?, r.get::<_, String>(7)?),
                (r.get::<_, String>(8)?, r.get::<_, i64>(9)?, r.get::<_, Option<i64>>(10)?, r.get::<_, i64>(11)?),
            ))
        })
        .optional()?
        .ok_or(StoreError::NotFound { object: "contract line", id })?;
    let (
        (id, project_id, milestone_id, description),
        (q, p, total, cur),
        (term, vat, forecast, version),
    ) = row;
    let currency = codec::currency(&cur)?;
    Ok(ContractLine {
        id,
        project_id,
        milestone_id,
        description,
        quantity: from_micros(q),
        unit_price: from_micros(p),
        total: currency.from_minor(total),
        currency,
        term: Term::parse(&term)?,
        vat_rate: from_micros(vat),
        forecast_item_id: forecast,
        version,
    })
}

fn load_statuses(conn: &rusqlite::Connection, line: &ContractLine) -> Result<Vec<ProgressStatus>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.line_id, s.seq, s.period_start, s.period_end, s.invoice_date, s.status,
                s.estimated_percent_micros, s.estimated_quantity_micros, s.estimated_amount_minor,
                s.billed_percent_micros, s.billed_quantity_micros, s.billed_amount_minor,
                s.revenue_item_id, s.refresh_requested, s.version,
                -- Once on any invoice (even one credited since), the period stays locked.
                CASE WHEN EXISTS (SELECT 1 FROM invoice_lines l WHERE l.revenue_item_id = s.revenue_item_id)
                     THEN 'invoiced' ELSE i.status END
         FROM progress_statuses s LEFT JOIN revenue_items i ON i.id = s.revenue_item_id
         WHERE s.line_id = ?1 ORDER BY s.seq",
    )?;
    let c = line.currency;
    let rows = stmt.query_map([line.id], |r| {
        let validated = r.get::<_, String>(6)? == "validated";
        let item_status: Option<String> = r.get(16)?;
        let state = match (validated, item_status.as_deref()) {
            (false, _) => ProgressState::Pending,
            (true, Some("draft_invoice" | "invoiced")) => ProgressState::Invoiced,
            (true, _) => ProgressState::ToBeInvoiced,
        };
        Ok(ProgressStatus {
            id: r.get(0)?,
            line_id: r.get(1)?,
            seq: r.get(2)?,
            period_start: r.get(3)?,
            period_end: r.get(4)?,
            invoice_date: r.get(5)?,
            state,
            estimated: Cumulative {
                percent: from_micros(r.get(7)?),
                quantity: from_micros(r.get(8)?),
                amount: c.from_minor(r.get(9)?),
            },
            billed: Billed {
                percent: from_micros(r.get(10)?),
                quantity: from_micros(r.get(11)?),
                amount: c.from_minor(r.get(12)?),
            },
            revenue_item_id: r.get(13)?,
            refresh_requested: r.get(14)?,
            version: r.get(15)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What the validated periods before `seq` billed in all.
fn billed_before(statuses: &[ProgressStatus], seq: i64) -> Cumulative {
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

fn write_figures(
    w: &Writer<'_>,
    s: &ProgressStatus,
    v: i64,
    before: &ProgressStatus,
    c: Currency,
) -> Result<()> {
    w.tx().execute(
        "UPDATE progress_statuses SET period_start = ?1, period_end = ?2, invoice_date = ?3,
            estimated_percent_micros = ?4, estimated_quantity_micros = ?5, estimated_amount_minor = ?6,
            billed_percent_micros = ?7, billed_quantity_micros = ?8, billed_amount_minor = ?9,
            refresh_requested = ?10
         WHERE id = ?11",
        params![
            s.period_start,
            s.period_end,
            s.invoice_date,
            codec::micros(s.estimated.percent)?,
            codec::micros(s.estimated.quantity)?,
            codec::minor(c, s.estimated.amount)?,
            codec::micros(s.billed.percent)?,
            codec::micros(s.billed.quantity)?,
            codec::minor(c, s.billed.amount)?,
            s.refresh_requested,
            s.id
        ],
    )?;
    let pairs = [
        (
            "period_start",
            before.period_start.to_string(),
            s.period_start.to_string(),
        ),
        (
            "period_end",
            before.period_end.to_string(),
            s.period_end.to_string(),
        ),
        (
            "invoice_date",
            before.invoice_date.to_string(),
            s.invoice_date.to_string(),
        ),
        (
            "estimated_percent",
            before.estimated.percent.to_string(),
            s.estimated.percent.to_string(),
        ),
        (
            "billed_percent",
            before.billed.percent.to_string(),
            s.billed.percent.to_string(),
        ),
        (
            "billed_quantity",
            before.billed.quantity.to_string(),
            s.billed.quantity.to_string(),
        ),
        (
            "billed_amount",
            before.billed.amount.to_string(),
            s.billed.amount.to_string(),
        ),
    ];
    let flag = (
        "refresh_requested",
        before.refresh_requested.to_string(),
        s.refresh_requested.to_string(),
    );
    let mut changed = false;
    for (field, old, new) in pairs.into_iter().chain([flag]) {
        if old != new {
            changed = true;
            w.history(
                "progress_status",
                s.id,
                v,
                field,
                Some(&old),
                Some(&new),
                None,
            )?;
        }
    }
    if !changed {
        // A recalculation that came out the same still moved the version: say so.
        w.history("progress_status", s.id, v, "recalculated", None, None, None)?;
    }
    Ok(())
}

/// Keeps the line's open forecast item at the total less what the validated periods bill.
fn sync_forecast(w: &Writer<'_>, line: &ContractLine, planned: NaiveDate) -> Result<()> {
    let statuses = load_statuses(w.tx(), line)?;
    let validated: Vec<Billed> = statuses
        .iter()
        .filter(|s| s.state != ProgressState::Pending)
        .map(|s| s.billed)
        .collect();
    let rest = progress::remaining_forecast(&line.line(), &validated);
    let c = line.currency;
    match (line.forecast_item_id, rest > Decimal::ZERO) {
        (Some(id), true) => {
            let item = load_item(w.tx(), id)?;
            if item.planned_amount != rest {
                let v = w.bump_version("revenue_items", "revenue item", id, None)?;
                w.tx().execute(
                    "UPDATE revenue_items SET planned_amount_minor = ?1 WHERE id = ?2",
                    params![codec::minor(c, rest)?, id],
                )?;
                w.history(
                    "revenue_item",
                    id,
                    v,
                    "planned_amount",
                    Some(&item.planned_amount.to_string()),
                    Some(&rest.to_string()),
                    Some("progress forecast"),
                )?;
            }
        }
        (Some(id), false) => {
            // Everything is validated: the forecast has nothing left to hold.
            let item = load_item(w.tx(), id)?;
            let lv = w.bump_version("contract_lines", "contract line", line.id, None)?;
            w.tx().execute(
                "UPDATE contract_lines SET forecast_item_id = NULL WHERE id = ?1",
                [line.id],
            )?;
            w.history(
                "contract_line",
                line.id,
                lv,
                "forecast_item",
                Some(&id.to_string()),
                None,
                None,
            )?;
            let v = w.bump_version("revenue_items", "revenue item", id, None)?;
            search_forget(w, id, &item.name)?;
            w.tx()
                .execute("DELETE FROM revenue_items WHERE id = ?1", [id])?;
            w.history(
                "revenue_item",
                id,
                v,
                "deleted",
                Some("progress forecast, fully validated"),
                None,
                None,
            )?;
        }
        (None, true) => {
            let id = insert_item(w, &forecast_item(line, rest, planned))?;
            search_add(w, id)?;
            let lv = w.bump_version("contract_lines", "contract line", line.id, None)?;
            w.tx().execute(
                "UPDATE contract_lines SET forecast_item_id = ?1 WHERE id = ?2",
                params![id, line.id],
            )?;
            w.history(
                "contract_line",
                line.id,
                lv,
                "forecast_item",
                None,
                Some(&id.to_string()),
                None,
            )?;
        }
        (None, false) => {}
    }
    Ok(())
}

fn forecast_item(line: &ContractLine, amount: Decimal, planned: NaiveDate) -> NewRevenueItem {
    NewRevenueItem {
        project_id: line.project_id,
        milestone_id: None,
        name: format!("Progress forecast: {}", line.description),
        item_type: "Services".into(),
        billing_rule: BillingRuleName(BillingRule::Progress),
        unit_price: None,
        planned_amount: amount,
        planned_invoice_date: planned,
        status: StatusName(RevenueStatus::Open),
        vat_rate: line.vat_rate,
        invoice_description: line.description.clone(),
        internal_description: "The part of the contract line not validated yet.".into(),
        origin: OriginName(Origin::ProgressStatus),
    }
}

fn period_after(term: Term, start: NaiveDate) -> Result<NaiveDate> {
    start
        .checked_add_months(Months::new(term.months()))
        .and_then(|d| d.checked_sub_days(Days::new(1)))
        .ok_or_else(|| StoreError::refused(format!("no billing period follows {start}")))
}

impl Store {
    /// A contract line, with its open forecast item for the whole total.
    pub fn create_contract_line(&mut self, l: &NewContractLine) -> Result<i64> {
        if l.description.trim().is_empty() {
            return Err(StoreError::refused("the line needs a description"));
        }
        if l.quantity <= Decimal::ZERO || l.unit_price.is_sign_negative() {
            return Err(StoreError::refused(
                "quantity above zero and a unit price of zero or more",
            ));
        }
        self.write(Action::EditProgress, |w| {
            let currency = super::master_data::project_currency(w, l.project_id)?;
            let line = Line {
                quantity: l.quantity,
                unit_price: l.unit_price,
                currency,
            };
            let total = line.total();
            crate::domain::money::check_amount_range(total)?;
            let id: i64 = w.tx().query_row(
                "INSERT INTO contract_lines (project_id, milestone_id, description, quantity_micros,
                    unit_price_micros, total_minor, currency, invoicing_term, vat_rate_micros,
                    updated_by, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id",
                params![
                    l.project_id,
                    l.milestone_id,
                    l.description.trim(),
                    codec::micros(l.quantity)?,
                    codec::micros(l.unit_price)?,
                    codec::minor(currency, total)?,
                    currency.code(),
                    l.invoicing_term.as_str(),
                    codec::micros(l.vat_rate)?,
                    w.user(),
                    w.at()
                ],
                |r| r.get(0),
            )?;
            w.history_created(
                "contract_line",
                id,
                &serde_json::to_value(l).unwrap_or_default(),
            )?;
            let created = load_line(w.tx(), id)?;
            sync_forecast(
                w,
                &created,
                period_after(l.invoicing_term, l.first_period_start)?,
            )?;
            Ok(id)
        })
    }

    pub fn contract_line(&self, id: i64) -> Result<ContractLine> {
        load_line(self.conn(), id)
    }

    pub fn progress_statuses(&self, line_id: i64) -> Result<Vec<ProgressStatus>> {
        let line = load_line(self.conn(), line_id)?;
        load_statuses(self.conn(), &line)
    }

    /// The next billing period of a line, pending: it follows the last one (or starts on
    /// `start` for the first).
    pub fn add_progress_status(&mut self, line_id: i64, start: NaiveDate) -> Result<i64> {
        self.write(Action::EditProgress, |w| {
            let line = load_line(w.tx(), line_id)?;
            let statuses = load_statuses(w.tx(), &line)?;
            if statuses.iter().any(|s| s.state == ProgressState::Pending) {
                return Err(StoreError::refused("the line has a pending period already: validate or delete it first"));
            }
            let start = match statuses.last() {
                Some(last) => last.period_end.checked_add_days(Days::new(1)).unwrap_or(start),
                None => start,
            };
            let end = period_after(line.term, start)?;
            let seq = statuses.last().map_or(1, |s| s.seq + 1);
            let id: i64 = w.tx().query_row(
                "INSERT INTO progress_statuses (line_id, seq, period_start, period_end, invoice_date,
                    status, updated_by, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?4, 'pending', ?5, ?6) RETURNING id",
                params![line_id, seq, start, end, w.user(), w.at()],
                |r| r.get(0),
            )?;
            w.history_created(
                "progress_status",
                id,
                &serde_json::json!({"line_id": line_id, "seq": seq, "period_start": start.to_string(), "period_end": end.to_string()}),
            )?;
            Ok(id)
        })
    }

    /// Takes the estimated progress of the line's milestone (or project) into the pending
    /// period.
    pub fn refresh_progress(&mut self, status_id: i64, version: i64) -> Result<()> {
        self.write(Action::EditProgress, |w| {
            let (line, statuses, s) = period(w, status_id)?;
            let s = &s;
            require_pending(
                s,
                "the period is validated: only the pending one is refreshed",
            )?;
            let estimated: i64 = match line.milestone_id {
                Some(m) => w.tx().query_row(
                    "SELECT estimated_progress_micros FROM milestones WHERE id = ?1",
                    [m],
                    |r| r.get(0),
                )?,
                None => w.tx().query_row(
                    "SELECT estimated_progress_micros FROM projects WHERE id = ?1",
                    [line.project_id],
                    |r| r.get(0),
                )?,
            };
            let before = billed_before(&statuses, s.seq);
            let (estimate, billed) =
                progress::refresh(&line.line(), before, from_micros(estimated))?;
            let v = w.bump_version(
                "progress_statuses",
                "progress status",
                status_id,
                Some(version),
            )?;
            let mut next = s.clone();
            next.estimated = estimate;
            next.billed = billed;
            next.refresh_requested = false;
            write_figures(w, &next, v, s, line.currency)
        })
    }

    /// Edits the pending period: its dates and one billed figure (the other two follow).
    pub fn edit_progress(
        &mut self,
        status_id: i64,
        version: i64,
        edit: &ProgressEdit,
    ) -> Result<()> {
        self.write(Action::EditProgress, |w| {
            let (line, statuses, s) = period(w, status_id)?;
            let s = &s;
            require_pending(s, "the period is validated: unvalidate it to change it")?;
            let before = billed_before(&statuses, s.seq);
            let mut next = s.clone();
            next.period_start = edit.period_start.unwrap_or(s.period_start);
            next.period_end = edit.period_end.unwrap_or(s.period_end);
            next.invoice_date = edit.invoice_date.unwrap_or(s.invoice_date);
            if next.period_end < next.period_start {
                return Err(StoreError::refused("the period ends before it starts"));
            }
            if let Some(field) = edit.billed {
                let l = line.line();
                next.billed = match field {
                    BilledField::Percent(p) => progress::edit_percent(&l, before, p),
                    BilledField::Quantity(q) => progress::edit_quantity(&l, before, q),
                    BilledField::Amount(a) => progress::edit_amount(&l, before, a),
                }?;
            }
            let v = w.bump_version(
                "progress_statuses",
                "progress status",
                status_id,
                Some(version),
            )?;
            write_figures(w, &next, v, s, line.currency)
        })
    }

    /// Validates the pending period: a billable revenue item for its billed amount on its
    /// invoice date; the line's forecast keeps the rest.
    pub fn validate_progress(&mut self, status_id: i64, version: i64) -> Result<i64> {
        self.write(Action::EditProgress, |w| {
            let (line, statuses, s) = period(w, status_id)?;
            let s = &s;
            require_pending(s, "the period is validated already")?;
            if s.refresh_requested {
                return Err(StoreError::refused(
                    "the line's quantity or price changed: refresh the period first",
                ));
            }
            progress::check_validate(&s.billed)?;
            let cumulative = s.billed.after(billed_before(&statuses, s.seq));
            if cumulative.amount > line.total || cumulative.percent > Decimal::ONE_HUNDRED {
                return Err(StoreError::refused(format!(
                    "that bills {} in all, more than the line's total {}: refresh or edit the period",
                    cumulative.amount, line.total
                )));
            }
            let item = NewRevenueItem {
                name: format!("{} {}%", line.description, s.billed.after(billed_before(&statuses, s.seq)).percent.normalize()),
                planned_amount: s.billed.amount,
                planned_invoice_date: s.invoice_date,
                status: StatusName(RevenueStatus::Billable),
                internal_description: format!("Progress period {} to {}", s.period_start, s.period_end),
                ..forecast_item(&line, s.billed.amount, s.invoice_date)
            };
            let item_id = insert_item(w, &item)?;
            search_add(w, item_id)?;
            let v = w.bump_version("progress_statuses", "progress status", status_id, Some(version))?;
            w.tx().execute(
                "UPDATE progress_statuses SET status = 'validated', revenue_item_id = ?1 WHERE id = ?2",
                params![item_id, status_id],
            )?;
            w.history("progress_status", status_id, v, "status", Some("pending"), Some("validated"), None)?;
            w.history("progress_status", status_id, v, "revenue_item", None, Some(&item_id.to_string()), None)?;
            sync_forecast(w, &load_line(w.tx(), line.id)?, s.invoice_date)?;
            Ok(item_id)
        })
    }

    /// Takes a validation back: only while its item is on no invoice, from the last validated
    /// period upwards, and only while no pending period follows (one pending per line).
    pub fn unvalidate_progress(&mut self, status_id: i64, version: i64) -> Result<()> {
        self.write(Action::EditProgress, |w| {
            let (line, statuses, s) = period(w, status_id)?;
            let s = &s;
            if s.state == ProgressState::Pending {
                return Err(StoreError::refused("the period is not validated"));
            }
            let next = statuses.iter().find(|x| x.seq > s.seq);
            progress::check_unvalidate(
                s.state == ProgressState::Invoiced,
                next.is_some_and(|n| n.state != ProgressState::Pending),
            )?;
            if next.is_some() {
                return Err(StoreError::from(DomainError::new(
                    "the next period is pending: delete it first (a line has one pending period)",
                )));
            }
            let item_id = s.revenue_item_id.ok_or(StoreError::NotFound { object: "revenue item", id: 0 })?;
            let item = load_item(w.tx(), item_id)?;
            let v = w.bump_version("progress_statuses", "progress status", status_id, Some(version))?;
            w.tx().execute(
                "UPDATE progress_statuses SET status = 'pending', revenue_item_id = NULL WHERE id = ?1",
                [status_id],
            )?;
            w.history("progress_status", status_id, v, "status", Some("validated"), Some("pending"), None)?;
            let iv = w.bump_version("revenue_items", "revenue item", item_id, None)?;
            search_forget(w, item_id, &item.name)?;
            w.tx().execute("DELETE FROM revenue_items WHERE id = ?1", [item_id])?;
            w.history("revenue_item", item_id, iv, "deleted", Some("progress period unvalidated"), None, None)?;
            sync_forecast(w, &line, s.invoice_date)
        })
    }

    /// Deletes the last period while it is not validated.
    pub fn delete_progress_status(&mut self, status_id: i64, version: i64) -> Result<()> {
        self.write(Action::EditProgress, |w| {
            let (_, statuses, s) = period(w, status_id)?;
            let s = &s;
            let is_last = statuses.last().is_some_and(|l| l.id == status_id);
            progress::check_delete(is_last, s.state != ProgressState::Pending)?;
            let v = w.bump_version(
                "progress_statuses",
                "progress status",
                status_id,
                Some(version),
            )?;
            w.tx()
                .execute("DELETE FROM progress_statuses WHERE id = ?1", [status_id])?;
            w.history(
                "progress_status",
                status_id,
                v,
                "deleted",
                Some(&format!("{} to {}", s.period_start, s.period_end)),
                None,
                None,
            )
        })
    }
}

impl Store {
    /// Changes a line's quantity or unit price: the total and the forecast follow, and every
    /// pending period is flagged "refresh requested" until refreshed. Refused below what the
    /// validated periods already bill.
    pub fn update_contract_line(
        &mut self,
        line_id: i64,
        version: i64,
        quantity: Decimal,
        unit_price: Decimal,
    ) -> Result<()> {
        if quantity <= Decimal::ZERO || unit_price.is_sign_negative() {
            return Err(StoreError::refused(
                "quantity above zero and a unit price of zero or more",
            ));
        }
        self.write(Action::EditProgress, |w| {
            let old = load_line(w.tx(), line_id)?;
            if old.version != version {
                return w.bump_version("contract_lines", "contract line", line_id, Some(version)).map(|_| ());
            }
            if (old.quantity, old.unit_price) == (quantity.normalize(), unit_price.normalize()) {
                // Nothing changes: no new version without a history row for it.
                return Ok(());
            }
            let line = Line { quantity, unit_price, currency: old.currency };
            let total = line.total();
            crate::domain::money::check_amount_range(total)?;
            let statuses = load_statuses(w.tx(), &old)?;
            let validated: Decimal = statuses
                .iter()
                .filter(|s| s.state != ProgressState::Pending)
                .map(|s| s.billed.amount)
                .sum();
            if total < validated {
                return Err(StoreError::refused(format!(
                    "the validated periods bill {validated} already: the total cannot go below it"
                )));
            }
            let v = w.bump_version("contract_lines", "contract line", line_id, Some(version))?;
            w.tx().execute(
                "UPDATE contract_lines SET quantity_micros = ?1, unit_price_micros = ?2, total_minor = ?3 WHERE id = ?4",
                params![codec::micros(quantity)?, codec::micros(unit_price)?, codec::minor(old.currency, total)?, line_id],
            )?;
            for (field, o, n) in [
                ("quantity", old.quantity, quantity.normalize()),
                ("unit_price", old.unit_price, unit_price.normalize()),
                ("total", old.total, total),
            ] {
                if o != n {
                    w.history("contract_line", line_id, v, field, Some(&o.to_string()), Some(&n.to_string()), None)?;
                }
            }
            for s in statuses.iter().filter(|s| s.state == ProgressState::Pending) {
                let sv = w.bump_version("progress_statuses", "progress status", s.id, None)?;
                w.tx().execute("UPDATE progress_statuses SET refresh_requested = 1 WHERE id = ?1", [s.id])?;
                w.history("progress_status", s.id, sv, "refresh_requested", Some("false"), Some("true"), Some("line quantity or price changed"))?;
            }
            let planned = statuses.last().map_or(w_today(w)?, |s| s.invoice_date);
            sync_forecast(w, &load_line(w.tx(), line_id)?, planned)
        })
    }

    /// Sets a project's estimated progress (what refreshing its lines' periods takes).
    pub fn set_project_progress(
        &mut self,
        project_id: i64,
        version: i64,
        percent: Decimal,
    ) -> Result<()> {
        set_progress(self, "projects", "project", project_id, version, percent)
    }

    /// Sets a milestone's estimated progress.
    pub fn set_milestone_progress(
        &mut self,
        milestone_id: i64,
        version: i64,
        percent: Decimal,
    ) -> Result<()> {
        set_progress(
            self,
            "milestones",
            "milestone",
            milestone_id,
            version,
            percent,
        )
    }
}

fn w_today(w: &Writer<'_>) -> Result<NaiveDate> {
    // The transaction's own timestamp, as a date: a planned date for a new forecast.
    NaiveDate::parse_from_str(w.at().get(..10).unwrap_or_default(), "%Y-%m-%d")
        .map_err(|_| StoreError::refused("no date in the transaction time"))
}

fn set_progress(
    store: &mut Store,
    table: &'static str,
    object: &'static str,
    id: i64,
    version: i64,
    percent: Decimal,
) -> Result<()> {
    if percent.is_sign_negative() || percent > Decimal::ONE_HUNDRED {
        return Err(StoreError::refused(
            "progress is a percentage from 0 to 100",
        ));
    }
    store.write(Action::EditProgress, |w| {
        let old: i64 = w.tx().query_row(
            &format!("SELECT estimated_progress_micros FROM {table} WHERE id = ?1"),
            [id],
            |r| r.get(0),
        )?;
        let v = w.bump_version(table, object, id, Some(version))?;
        w.tx().execute(
            &format!("UPDATE {table} SET estimated_progress_micros = ?1 WHERE id = ?2"),
            params![codec::micros(percent)?, id],
        )?;
        w.history(
            object,
            id,
            v,
            "estimated_progress",
            Some(&from_micros(old).to_string()),
            Some(&percent.normalize().to_string()),
            None,
        )
    })
}

impl Store {
    /// The version of a project row (for edits of its progress).
    pub fn project_version(&self, project_id: i64) -> Result<i64> {
        self.conn()
            .query_row(
                "SELECT version FROM projects WHERE id = ?1",
                [project_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(StoreError::NotFound {
                object: "project",
                id: project_id,
            })
    }
}
