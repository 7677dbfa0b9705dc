//! Editing a project's billing plan: a new total and parts, matched to the stored parts by
//! position. A part's item follows it (name, amount, date); parts past the old end are added,
//! parts past the new end are deleted with their items. Nothing of a plan changes once one of
//! its items has reached an invoice: the invoice would no longer match the plan.

use super::billing_plans::{PlanRef, StoredPart, insert_part, item_kind, parts_of, share_columns};
use super::codec;
use super::error::{Result, StoreError};
use super::item_rows::ItemProjects;
use super::plan_milestones::{PartMilestone, follow_milestones};
use super::revenue_items::{load_item, search_add, search_forget};
use super::{Store, Writer};
use crate::domain::Currency;
use crate::domain::NumberFormat;
use crate::domain::billing_plan::{self, PlanPart};
use crate::domain::plan_input::format_part;
use crate::domain::revenue_status::RevenueStatus;
use crate::domain::rights::Action;
use crate::domain::scaled::from_micros;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use rust_decimal::Decimal;

/// A project's plan as an edit form needs it: the versions to hand back, and the project
/// start that `+N` dates count from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillingPlan {
    pub id: i64,
    pub project_id: i64,
    pub total: Decimal,
    pub currency: Currency,
    pub version: i64,
    pub project_start: Option<NaiveDate>,
    pub project_version: i64,
    pub parts: Vec<StoredPart>,
}

/// The plan row and its project's start: (id, total_minor, currency, version, updated_by,
/// updated_at, start_date, project version).
type PlanRow = (
    i64,
    i64,
    String,
    i64,
    String,
    String,
    Option<NaiveDate>,
    i64,
);

pub(super) fn plan_row(conn: &rusqlite::Connection, project_id: i64) -> Result<Option<PlanRow>> {
    Ok(conn
        .prepare_cached(
            "SELECT b.id, b.total_minor, b.currency, b.version, b.updated_by, b.updated_at,
                    p.start_date, p.version
             FROM billing_plans b JOIN projects p ON p.id = b.project_id
             WHERE b.project_id = ?1",
        )?
        .query_row([project_id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })
        .optional()?)
}

impl Store {
    /// The project's plan, if it has one.
    pub fn billing_plan(&self, project_id: i64) -> Result<Option<BillingPlan>> {
        let Some((id, total, cur, version, _, _, project_start, project_version)) =
            plan_row(self.conn(), project_id)?
        else {
            return Ok(None);
        };
        let currency = codec::currency(&cur)?;
        Ok(Some(BillingPlan {
            id,
            project_id,
            total: currency.from_minor(total),
            currency,
            version,
            project_start,
            project_version,
            parts: parts_of(self.conn(), id, currency)?,
        }))
    }

    /// Replaces the plan's total and parts (matched by position).
    pub fn update_billing_plan(
        &mut self,
        project_id: i64,
        plan_version: i64,
        total: Decimal,
        parts: &[PlanPart],
    ) -> Result<()> {
        self.write(Action::EditRevenue, |w| {
            update_plan(w, project_id, plan_version, total, parts)
        })
    }
}

/// A field's history name, old and new text.
type Field = (&'static str, Option<String>, Option<String>);

fn field(name: &'static str, old: impl ToString, new: impl ToString) -> Field {
    (name, Some(old.to_string()), Some(new.to_string()))
}

/// One history row for each field that changed.
fn record(w: &Writer<'_>, object: &str, id: i64, v: i64, fields: &[Field]) -> Result<()> {
    for (field, old, new) in fields.iter().filter(|(_, o, n)| o != n) {
        w.history(object, id, v, field, old.as_deref(), new.as_deref(), None)?;
    }
    Ok(())
}

/// The parts as one line of their typed form, for the plan's history: in `1,234.56`, as every
/// figure the history keeps (whoever reads it later has their own format).
fn show<'a>(parts: impl Iterator<Item = &'a PlanPart>) -> String {
    parts
        .map(|p| format_part(p, NumberFormat::CommaPoint))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The plan follows its invoices, never the other way round: one part on an invoice (or
/// invoiced before) freezes the whole plan.
pub(super) fn refuse_invoiced(conn: &rusqlite::Connection, parts: &[StoredPart]) -> Result<()> {
    for s in parts {
        let item = load_item(conn, s.revenue_item_id)?;
        let label = &s.part.label;
        let why = match item.status {
            RevenueStatus::DraftInvoice => Some("is on a draft invoice: delete the draft first"),
            RevenueStatus::Invoiced => Some("is invoiced: credit it in full first"),
            _ => None,
        };
        if let Some(why) = why {
            return Err(StoreError::refused(format!(
                "the part \"{label}\" {why}; a plan with parts on an invoice cannot change or be deleted"
            )));
        }
        let on_lines: bool = conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM invoice_lines WHERE revenue_item_id = ?1)",
            )?
            .query_row([s.revenue_item_id], |r| r.get(0))?;
        if on_lines {
            return Err(StoreError::refused(format!(
                "the part \"{label}\" was invoiced before (its invoice lines stay): the plan cannot change or be deleted"
            )));
        }
    }
    Ok(())
}

/// Rewrites a part and its item where they differ (tied to `milestone`, when it is); returns
/// whether the part changed.
fn update_part(
    w: &Writer<'_>,
    stored: &StoredPart,
    (part, milestone): (&PlanPart, Option<&PartMilestone>),
    amount: Decimal,
    currency: Currency,
) -> Result<bool> {
    let old = &stored.part;
    let (old_pct, old_amt) = share_columns(old.share, currency)?;
    let (pct, amt) = share_columns(part.share, currency)?;
    let pct_text = |v: Option<i64>| v.map(|x| from_micros(x).to_string());
    let amt_text = |v: Option<i64>| v.map(|m| currency.from_minor(m).to_string());
    let opt = |v: Option<i64>| v.map(|x| x.to_string());
    let fields = [
        field("label", &old.label, &part.label),
        ("percent", pct_text(old_pct), pct_text(pct)),
        ("amount", amt_text(old_amt), amt_text(amt)),
        field("planned_date", old.date, part.date),
        ("offset_days", opt(old.offset_days), opt(part.offset_days)),
        field(
            "date_set_by_hand",
            old.date_set_by_hand,
            part.date_set_by_hand,
        ),
        ("milestone", old.milestone.clone(), part.milestone.clone()),
    ];
    let part_changed = fields.iter().any(|(_, o, n)| o != n);
    if part_changed {
        let v = w.bump_version("plan_parts", "plan part", stored.id, Some(stored.version))?;
        w.tx().execute(
            "UPDATE plan_parts SET label = ?1, percent_micros = ?2, amount_minor = ?3,
                 planned_date = ?4, offset_days = ?5, date_set_by_hand = ?6, milestone_id = ?7
             WHERE id = ?8",
            params![
                part.label,
                pct,
                amt,
                part.date,
                part.offset_days,
                part.date_set_by_hand,
                milestone.map(|m| m.id),
                stored.id
            ],
        )?;
        record(w, "plan_part", stored.id, v, &fields)?;
    }
    let item_changed = update_item(w, stored.revenue_item_id, (part, milestone), amount)?;
    Ok(part_changed || item_changed)
}

/// The item shows its part: the label as name and invoice text, the part's amount and date,
/// and what its milestone makes it (`billing_plans::item_kind`). Its status stays (open,
/// billable or rejected alike) unless the part is tied to another milestone: then it waits for
/// that one (or is billable, that one reached) as a new item would, rejected staying rejected.
fn update_item(
    w: &Writer<'_>,
    id: i64,
    (part, milestone): (&PlanPart, Option<&PartMilestone>),
    amount: Decimal,
) -> Result<bool> {
    let item = load_item(w.tx(), id)?;
    let amount = item.currency.round(amount);
    let (rule, origin, milestone_id, fresh) = item_kind(milestone);
    let status = match milestone_id {
        Some(_) if milestone_id != item.milestone_id && item.status != RevenueStatus::Rejected => {
            fresh
        }
        _ => item.status,
    };
    let opt = |v: Option<i64>| v.map(|x| x.to_string());
    let fields = [
        field("name", &item.name, &part.label),
        field(
            "invoice_description",
            &item.invoice_description,
            &part.label,
        ),
        field("planned_amount", item.planned_amount, amount),
        field("planned_invoice_date", item.planned_invoice_date, part.date),
        field("billing_rule", item.billing_rule.as_str(), rule.as_str()),
        field("origin", item.origin.as_str(), origin.as_str()),
        ("milestone", opt(item.milestone_id), opt(milestone_id)),
        field("status", item.status.as_str(), status.as_str()),
    ];
    if fields.iter().all(|(_, o, n)| o == n) {
        return Ok(false);
    }
    let v = w.bump_version("revenue_items", "revenue item", id, Some(item.version))?;
    let renamed = item.name != part.label;
    if renamed {
        // External-content index: it must be told the name it indexed before the row changes.
        search_forget(w, id, &item.name)?;
    }
    w.tx().execute(
        "UPDATE revenue_items SET name = ?1, invoice_description = ?2, planned_amount_minor = ?3,
             planned_invoice_date = ?4, billing_rule = ?5, origin = ?6, milestone_id = ?7,
             status = ?8
         WHERE id = ?9",
        params![
            part.label,
            part.label,
            codec::minor(item.currency, amount)?,
            part.date,
            rule.as_str(),
            origin.as_str(),
            milestone_id,
            status.as_str(),
            id
        ],
    )?;
    if renamed {
        search_add(w, id)?;
    }
    record(w, "revenue_item", id, v, &fields)?;
    Ok(true)
}

/// Deletes a part and its item; both keep their last state in a "deleted" history row. Plan
/// items collect no time or expenses, so there is nothing to give back.
pub(super) fn delete_part(w: &Writer<'_>, stored: &StoredPart) -> Result<()> {
    let item = load_item(w.tx(), stored.revenue_item_id)?;
    let pv = w.bump_version("plan_parts", "plan part", stored.id, Some(stored.version))?;
    w.tx()
        .execute("DELETE FROM plan_parts WHERE id = ?1", [stored.id])?;
    let old_part = Some(format_part(&stored.part, NumberFormat::CommaPoint));
    record(
        w,
        "plan_part",
        stored.id,
        pv,
        &[("deleted", old_part, None)],
    )?;
    let iv = w.bump_version("revenue_items", "revenue item", item.id, Some(item.version))?;
    search_forget(w, item.id, &item.name)?;
    w.tx()
        .execute("DELETE FROM revenue_items WHERE id = ?1", [item.id])?;
    let old_item = format!(
        "{} | {} | {} {} | {}",
        item.name,
        item.billing_rule.as_str(),
        item.planned_amount,
        item.currency,
        item.planned_invoice_date
    );
    record(
        w,
        "revenue_item",
        item.id,
        iv,
        &[("deleted", Some(old_item), None)],
    )
}

pub(super) fn update_plan(
    w: &Writer<'_>,
    project_id: i64,
    plan_version: i64,
    total: Decimal,
    parts: &[PlanPart],
) -> Result<()> {
    let (id, old_total, cur, version, by, at, start, _) = plan_row(w.tx(), project_id)?
        .ok_or_else(|| StoreError::refused("the project has no billing plan"))?;
    // Checked before any work so that an edit that changes nothing needs no version.
    if version != plan_version {
        return Err(StoreError::Stale {
            object: "billing plan",
            id,
            by,
            at,
        });
    }
    let currency = codec::currency(&cur)?;
    let old = parts_of(w.tx(), id, currency)?;
    refuse_invoiced(w.tx(), &old)?;
    let mut parts = parts.to_vec();
    // Dates that follow the start count from the start as it is now, not as the form
    // saw it.
    if let Some(start) = start {
        billing_plan::move_start(&mut parts, start)?;
    }
    // Parts tied to a milestone take its due date as it is now.
    let milestones = follow_milestones(w.tx(), project_id, &mut parts)?;
    // The same checks as a new plan's (`create_plan`), all in the domain.
    let amounts = billing_plan::amounts(&parts, total, currency)?;
    let mut parts_changed = old.len() != parts.len();
    let tied: Vec<(&PlanPart, Option<&PartMilestone>)> = parts
        .iter()
        .zip(milestones.iter().map(Option::as_ref))
        .collect();
    for (stored, (part, amount)) in old.iter().zip(tied.iter().zip(&amounts)) {
        parts_changed |= update_part(w, stored, *part, *amount, currency)?;
    }
    if parts.len() > old.len() {
        let plan = PlanRef {
            id,
            project_id,
            currency,
            vat_rate: load_item(w.tx(), old[0].revenue_item_id)?.vat_rate,
        };
        let mut projects = ItemProjects::default();
        for (i, (part, amount)) in tied.iter().zip(&amounts).enumerate().skip(old.len()) {
            insert_part(w, &mut projects, &plan, i as i64 + 1, *part, *amount)?;
        }
    }
    for stored in old.iter().skip(parts.len()) {
        delete_part(w, stored)?;
    }
    let (old_total, total) = (currency.from_minor(old_total), currency.round(total));
    if !parts_changed && old_total == total {
        return Ok(());
    }
    let v = w.bump_version("billing_plans", "billing plan", id, Some(plan_version))?;
    let before = show(old.iter().map(|s| &s.part));
    let after = show(parts.iter());
    if old_total != total {
        w.tx().execute(
            "UPDATE billing_plans SET total_minor = ?1 WHERE id = ?2",
            params![codec::minor(currency, total)?, id],
        )?;
        let changed = (
            "total",
            Some(old_total.to_string()),
            Some(total.to_string()),
        );
        record(w, "billing_plan", id, v, &[changed])?;
    }
    // Every version needs a history row, even when only a part's flags changed.
    if before != after || old_total == total {
        record(
            w,
            "billing_plan",
            id,
            v,
            &[("parts", Some(before), Some(after))],
        )?;
    }
    Ok(())
}
