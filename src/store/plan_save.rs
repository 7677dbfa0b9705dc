//! The plan form's save: the plan (made or changed) and the project start in one transaction,
//! so that a refusal of either leaves both as they were.

use super::Store;
use super::billing_plan_edit::update_plan;
use super::billing_plans::{create_plan, move_start};
use super::error::{Result, StoreError};
use crate::domain::billing_plan::PlanPart;
use crate::domain::rights::Action;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// What the plan form saves.
#[derive(Debug, Clone)]
pub struct PlanSave<'a> {
    pub project_id: i64,
    /// The plan's version as the form saw it; `None` makes a new plan.
    pub plan_version: Option<i64>,
    /// The project's version as the form saw it (checked only when the start moves).
    pub project_version: i64,
    pub start: Option<NaiveDate>,
    pub total: Decimal,
    /// VAT of the items of a new plan (a changed plan's new parts take its first item's).
    pub vat_rate: Decimal,
    pub parts: &'a [PlanPart],
}

impl Store {
    /// Saves the plan, then moves the project start if it changed (dates that follow the start
    /// move with it). Returns whether the start moved.
    pub fn save_billing_plan(&mut self, s: &PlanSave<'_>) -> Result<bool> {
        self.write(Action::EditRevenue, |w| {
            match s.plan_version {
                Some(v) => update_plan(w, s.project_id, v, s.total, s.parts)?,
                None => {
                    create_plan(w, s.project_id, s.total, s.vat_rate, s.parts)?;
                }
            }
            let old: Option<NaiveDate> = w.tx().query_row(
                "SELECT start_date FROM projects WHERE id = ?1",
                [s.project_id],
                |r| r.get(0),
            )?;
            match (s.start, old) {
                (Some(new), old) if Some(new) != old => {
                    move_start(w, s.project_id, s.project_version, new)?;
                    Ok(true)
                }
                (None, Some(_)) => Err(StoreError::refused(
                    "the project start cannot be cleared: type a date",
                )),
                _ => Ok(false),
            }
        })
    }
}
