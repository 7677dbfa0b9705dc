//! The periods of a line: add, refresh, edit one billed figure, validate, unvalidate, delete.

use super::forecast::{forecast_item, sync_forecast};
use super::*;
use crate::domain::dates;
use crate::domain::milestone;
use crate::domain::progress::{self};
use crate::domain::revenue_status::RevenueStatus;
use crate::domain::rights::Action;
use crate::domain::scaled::from_micros;
use crate::domain::{Currency, DomainError};
use crate::store::codec;
use crate::store::error::{Result, StoreError};
use crate::store::item_rows::{ItemProjects, milestone_reached};
use crate::store::new_items::insert_item;
use crate::store::revenue_items::{NewRevenueItem, load_item, search_add, search_forget};
use crate::store::{Store, Writer};
use chrono::NaiveDate;
use rusqlite::params;
use rust_decimal::Decimal;

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

impl Store {
    pub fn progress_statuses(&self, line_id: i64) -> Result<Vec<ProgressStatus>> {
        let line = load_line(self.conn(), line_id)?;
        load_statuses(self.conn(), &line)
    }

    /// The next billing period of a line, pending: it follows the last one (or starts on
    /// `start` for the first).
    pub fn add_progress_status(&mut self, line_id: i64, start: NaiveDate) -> Result<i64> {
        self.write(Action::EditProgress, |w| {
            let line = load_line(w.tx(), line_id)?;
            w.require_project(Action::EditProgress, line.project_id)?;
            let statuses = load_statuses(w.tx(), &line)?;
            if statuses.iter().any(|s| s.state == ProgressState::Pending) {
                return Err(StoreError::refused("the line has a pending period already: validate or delete it first"));
            }
            let start = match statuses.last() {
                Some(last) => dates::add_days(last.period_end, 1)
                    .map_err(|e| StoreError::refused(format!("the next billing period's start {}", e.0)))?,
                None => start,
            };
            let end = line.term.period_end(start)?;
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
            // The forecast goes to the new period's invoice date.
            sync_forecast(w, &line, end)?;
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
                next.billed = progress::edit_billed(&line.line(), before, field)?;
            }
            let v = w.bump_version(
                "progress_statuses",
                "progress status",
                status_id,
                Some(version),
            )?;
            write_figures(w, &next, v, s, line.currency)?;
            // A new invoice date of the pending period moves the forecast with it.
            sync_forecast(w, &line, next.invoice_date)
        })
    }

    /// Validates the pending period: a billable revenue item for its billed amount on its
    /// invoice date (open, waiting, while the line's milestone is not reached); the line's
    /// forecast keeps the rest.
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
            let mut item = NewRevenueItem {
                name: format!("{} {}%", line.description, s.billed.after(billed_before(&statuses, s.seq)).percent.normalize()),
                planned_amount: s.billed.amount,
                planned_invoice_date: s.invoice_date,
                // The line's milestone: its items wait for it as milestone items do.
                milestone_id: line.milestone_id,
                status: RevenueStatus::Billable,
                internal_description: format!("Progress period {} to {}", s.period_start, s.period_end),
                ..forecast_item(&line, s.billed.amount, s.invoice_date)
            };
            item.status = milestone::billable_unless_waiting(milestone_reached(w, &item)?);
            let item_id = insert_item(w, &mut ItemProjects::default(), &item)?;
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
            let (line, statuses, s) = period(w, status_id)?;
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
            )?;
            // The forecast goes back to the period that is now next.
            sync_forecast(w, &line, s.invoice_date)
        })
    }
}
