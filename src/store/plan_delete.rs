//! Deleting a project's billing plan whole: its parts and their revenue items go, each with a
//! "deleted" history row that keeps what it held. Refused while any part's item is on a draft
//! or an invoice, or ever was (confirmed documents never change, and their lines name the
//! item): delete the draft, or credit the invoice, and the plan still stays while the credited
//! lines name its items.

use super::billing_plan_edit::{delete_part, plan_row, refuse_invoiced};
use super::billing_plans::{StoredPart, parts_of};
use super::codec;
use super::error::{Result, StoreError};
use super::revenue_items::load_item;
use super::{Store, Writer};
use crate::domain::Money;
use crate::domain::revenue_status::RevenueStatus;
use crate::domain::rights::Action;
use rust_decimal::Decimal;

/// What deleting a plan takes with it: the dialog says it before, the status line after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanDeletion {
    pub plan_id: i64,
    /// The plan's version as read (the dialog's yes hands it back).
    pub version: i64,
    /// Its parts, each with one revenue item (none on an invoice).
    pub parts: usize,
    /// What those items hold in all (their planned amounts).
    pub total: Money,
    /// How many of them are billable now (released to finance control).
    pub billable: usize,
}

fn deletion(
    conn: &rusqlite::Connection,
    project_id: i64,
) -> Result<(PlanDeletion, Vec<StoredPart>)> {
    let (id, _, cur, version, ..) = plan_row(conn, project_id)?
        .ok_or_else(|| StoreError::refused("the project has no billing plan"))?;
    let currency = codec::currency(&cur)?;
    let parts = parts_of(conn, id, currency)?;
    let mut total = Decimal::ZERO;
    let mut billable = 0;
    for p in &parts {
        let item = load_item(conn, p.revenue_item_id)?;
        total = total
            .checked_add(item.planned_amount)
            .ok_or_else(|| StoreError::refused("the plan's items total more than any amount"))?;
        billable += usize::from(item.status == RevenueStatus::Billable);
    }
    let what = PlanDeletion {
        plan_id: id,
        version,
        parts: parts.len(),
        total: Money::new(total, currency),
        billable,
    };
    Ok((what, parts))
}

fn delete_plan(w: &Writer<'_>, project_id: i64, version: i64) -> Result<PlanDeletion> {
    let (what, parts) = deletion(w.tx(), project_id)?;
    refuse_invoiced(w.tx(), &parts)?;
    let v = w.bump_version("billing_plans", "billing plan", what.plan_id, Some(version))?;
    for part in &parts {
        delete_part(w, part)?;
    }
    w.tx()
        .execute("DELETE FROM billing_plans WHERE id = ?1", [what.plan_id])?;
    let old = format!(
        "{} parts | {} {}",
        what.parts, what.total.amount, what.total.currency
    );
    w.history(
        "billing_plan",
        what.plan_id,
        v,
        "deleted",
        Some(&old),
        None,
        None,
    )?;
    Ok(what)
}

impl Store {
    /// What deleting the project's plan would take with it, or why it cannot go (a part's item
    /// on an invoice, named).
    pub fn billing_plan_deletion(&self, project_id: i64) -> Result<PlanDeletion> {
        let (what, parts) = deletion(self.conn(), project_id)?;
        refuse_invoiced(self.conn(), &parts)?;
        Ok(what)
    }

    /// Deletes the project's billing plan seen at `version`, its parts and their items.
    pub fn delete_billing_plan(&mut self, project_id: i64, version: i64) -> Result<PlanDeletion> {
        self.write(Action::EditRevenue, |w| delete_plan(w, project_id, version))
    }
}
