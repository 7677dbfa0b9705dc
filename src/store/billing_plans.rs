//! Billing plans: a project's billing as dated parts, each a revenue item (origin billing
//! plan). Parts from a template follow the project start; moving the start moves every date
//! not set by hand, and the items' planned dates with them.

use super::codec;
use super::error::{Result, StoreError};
use super::item_rows::ItemProjects;
use super::new_items::insert_item;
use super::plan_milestones::{PartMilestone, follow_milestones};
use super::plan_version::touch_plan;
use super::revenue_items::{NewRevenueItem, load_item, search_add};
use super::{Store, Writer};
use crate::domain::Currency;
use crate::domain::billing_plan::{self, PlanPart, Share};
use crate::domain::billing_rule::BillingRule;
use crate::domain::milestone::billable_unless_waiting;
use crate::domain::revenue_status::{Origin, RevenueStatus};
use crate::domain::rights::Action;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use rust_decimal::Decimal;

/// A stored part with its item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPart {
    pub id: i64,
    pub part: PlanPart,
    pub revenue_item_id: i64,
    pub version: i64,
}

pub(super) fn parts_of(
    conn: &rusqlite::Connection,
    plan_id: i64,
    currency: Currency,
) -> Result<Vec<StoredPart>> {
    let mut stmt = conn.prepare_cached(
        "SELECT pp.id, pp.label, pp.percent_micros, pp.amount_minor, pp.planned_date,
                pp.offset_days, pp.date_set_by_hand, pp.revenue_item_id, pp.version, m.code
         FROM plan_parts pp LEFT JOIN milestones m ON m.id = pp.milestone_id
         WHERE pp.plan_id = ?1 ORDER BY pp.position",
    )?;
    let rows = stmt.query_map([plan_id], |r| {
        let percent: Option<i64> = r.get(2)?;
        let amount: Option<i64> = r.get(3)?;
        Ok(StoredPart {
            id: r.get(0)?,
            part: PlanPart {
                label: r.get(1)?,
                share: match (percent, amount) {
                    (Some(p), _) => Share::Percent(crate::domain::scaled::from_micros(p)),
                    (None, a) => Share::Amount(currency.from_minor(a.unwrap_or(0))),
                },
                date: r.get(4)?,
                offset_days: r.get(5)?,
                date_set_by_hand: r.get(6)?,
                milestone: r.get(9)?,
            },
            revenue_item_id: r.get(7)?,
            version: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The plan that new parts are written into, and the VAT rate of their items.
pub(super) struct PlanRef {
    pub id: i64,
    pub project_id: i64,
    pub currency: Currency,
    pub vat_rate: Decimal,
}

/// The stored share of a part: (percent_micros, amount_minor), exactly one of them set.
pub(super) fn share_columns(
    share: Share,
    currency: Currency,
) -> Result<(Option<i64>, Option<i64>)> {
    Ok(match share {
        Share::Percent(p) => (Some(codec::micros(p)?), None),
        Share::Amount(a) => (None, Some(codec::minor(currency, currency.round(a))?)),
    })
}

/// What a part's item is: a fixed item of the plan, open; or, tied to a milestone, a
/// milestone item that waits for it (open) or, the milestone reached, billable.
pub(super) fn item_kind(
    milestone: Option<&PartMilestone>,
) -> (BillingRule, Origin, Option<i64>, RevenueStatus) {
    match milestone {
        None => (
            BillingRule::Fixed,
            Origin::BillingPlan,
            None,
            RevenueStatus::Open,
        ),
        Some(m) => (
            BillingRule::Milestone,
            Origin::Milestone,
            Some(m.id),
            billable_unless_waiting(Some(m.reached)),
        ),
    }
}

/// Writes one part at `position` with its revenue item of `amount` (tied to `milestone`, when
/// it is); returns the part's id.
pub(super) fn insert_part(
    w: &Writer<'_>,
    projects: &mut ItemProjects,
    plan: &PlanRef,
    position: i64,
    (part, milestone): (&PlanPart, Option<&PartMilestone>),
    amount: Decimal,
) -> Result<i64> {
    let (billing_rule, origin, milestone_id, status) = item_kind(milestone);
    let item_id = insert_item(
        w,
        projects,
        &NewRevenueItem {
            project_id: plan.project_id,
            milestone_id,
            name: part.label.clone(),
            item_type: "Services".into(),
            billing_rule,
            unit_price: None,
            planned_amount: amount,
            planned_invoice_date: part.date,
            status,
            vat_rate: plan.vat_rate,
            invoice_description: part.label.clone(),
            internal_description: "Part of the project's billing plan.".into(),
            origin,
        },
    )?;
    search_add(w, item_id)?;
    let (percent, fixed) = share_columns(part.share, plan.currency)?;
    let id: i64 = w.tx().query_row(
        "INSERT INTO plan_parts (plan_id, position, label, percent_micros, amount_minor,
            planned_date, offset_days, date_set_by_hand, revenue_item_id, updated_by, updated_at,
            milestone_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id",
        params![
            plan.id,
            position,
            part.label,
            percent,
            fixed,
            part.date,
            part.offset_days,
            part.date_set_by_hand,
            item_id,
            w.user(),
            w.at(),
            milestone_id
        ],
        |r| r.get(0),
    )?;
    let mut created = serde_json::json!({
        "label": part.label,
        "date": part.date.to_string(),
        "amount": amount.to_string(),
        "revenue_item_id": item_id,
    });
    if let Some(m) = milestone {
        created["milestone"] = m.code.clone().into();
    }
    w.history_created("plan_part", id, &created)?;
    Ok(id)
}

/// Moves an item's planned date with its part (unless the item is on an invoice).
fn move_item(w: &Writer<'_>, item_id: i64, date: NaiveDate, reason: &str) -> Result<()> {
    let item = load_item(w.tx(), item_id)?;
    if item.planned_invoice_date == date || item.status.is_on_invoice() {
        return Ok(());
    }
    let v = w.bump_version("revenue_items", "revenue item", item_id, None)?;
    w.tx().execute(
        "UPDATE revenue_items SET planned_invoice_date = ?1 WHERE id = ?2",
        params![date, item_id],
    )?;
    w.history(
        "revenue_item",
        item_id,
        v,
        "planned_invoice_date",
        Some(&item.planned_invoice_date.to_string()),
        Some(&date.to_string()),
        Some(reason),
    )
}

impl Store {
    /// A project's billing plan: one open revenue item per part, amounts from the domain's
    /// split (percentages total 100%, or amounts total the plan).
    pub fn create_billing_plan(
        &mut self,
        project_id: i64,
        total: Decimal,
        vat_rate: Decimal,
        parts: &[PlanPart],
    ) -> Result<i64> {
        self.write(Action::EditRevenue, |w| {
            create_plan(w, project_id, total, vat_rate, parts)
        })
    }

    /// The parts of a project's plan, in order.
    pub fn billing_plan_parts(&self, project_id: i64) -> Result<Vec<StoredPart>> {
        let plan: Option<(i64, String)> = self
            .conn()
            .query_row(
                "SELECT id, currency FROM billing_plans WHERE project_id = ?1",
                [project_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        match plan {
            Some((id, cur)) => parts_of(self.conn(), id, codec::currency(&cur)?),
            None => Ok(Vec::new()),
        }
    }

    /// Moves the project start: plan dates that follow it move (and their items' planned
    /// dates), dates set by hand stay.
    pub fn move_project_start(
        &mut self,
        project_id: i64,
        version: i64,
        start: NaiveDate,
    ) -> Result<()> {
        self.write(Action::EditRevenue, |w| {
            move_start(w, project_id, version, start)
        })
    }
}

/// An item of a plan part got a new planned date by hand: the part's date follows and no
/// longer moves with the project start.
pub(super) fn item_date_set(w: &Writer<'_>, item_id: i64, date: NaiveDate) -> Result<()> {
    let part: Option<(i64, NaiveDate, i64)> = w
        .tx()
        .prepare_cached(
            "SELECT id, planned_date, plan_id FROM plan_parts WHERE revenue_item_id = ?1",
        )?
        .query_row([item_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((id, old, plan_id)) = part else {
        return Ok(());
    };
    touch_plan(w, plan_id, "a part's date set by hand")?;
    let v = w.bump_version("plan_parts", "plan part", id, None)?;
    w.tx().execute(
        "UPDATE plan_parts SET planned_date = ?1, date_set_by_hand = 1 WHERE id = ?2",
        params![date, id],
    )?;
    w.history(
        "plan_part",
        id,
        v,
        "planned_date",
        Some(&old.to_string()),
        Some(&date.to_string()),
        Some("set by hand"),
    )
}

pub(super) fn create_plan(
    w: &Writer<'_>,
    project_id: i64,
    total: Decimal,
    vat_rate: Decimal,
    parts: &[PlanPart],
) -> Result<i64> {
    let exists: Option<i64> = w
        .tx()
        .query_row(
            "SELECT id FROM billing_plans WHERE project_id = ?1",
            [project_id],
            |r| r.get(0),
        )
        .optional()?;
    if exists.is_some() {
        return Err(StoreError::refused(
            "the project has a billing plan already",
        ));
    }
    // The project is looked up once, for the plan and all its items.
    let mut projects = ItemProjects::default();
    let currency = projects.get(w, project_id)?.currency;
    // Parts tied to a milestone take its due date as it is now.
    let mut parts = parts.to_vec();
    let milestones = follow_milestones(w.tx(), project_id, &mut parts)?;
    // The same checks as an edited plan's (`update_plan`), all in the domain.
    let amounts = billing_plan::amounts(&parts, total, currency)?;
    let plan_id: i64 = w.tx().query_row(
        "INSERT INTO billing_plans (project_id, total_minor, currency, updated_by, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
        params![
            project_id,
            codec::minor(currency, currency.round(total))?,
            currency.code(),
            w.user(),
            w.at()
        ],
        |r| r.get(0),
    )?;
    w.history_created("billing_plan", plan_id, &serde_json::json!({"project_id": project_id, "total": currency.round(total).to_string(), "parts": parts.len()}))?;
    let plan = PlanRef {
        id: plan_id,
        project_id,
        currency,
        vat_rate,
    };
    for (pos, ((part, m), amount)) in parts.iter().zip(&milestones).zip(&amounts).enumerate() {
        let tied = (part, m.as_ref());
        insert_part(w, &mut projects, &plan, pos as i64 + 1, tied, *amount)?;
    }
    Ok(plan_id)
}

pub(super) fn move_start(
    w: &Writer<'_>,
    project_id: i64,
    version: i64,
    start: NaiveDate,
) -> Result<()> {
    let old: Option<NaiveDate> = w.tx().query_row(
        "SELECT start_date FROM projects WHERE id = ?1",
        [project_id],
        |r| r.get(0),
    )?;
    let v = w.bump_version("projects", "project", project_id, Some(version))?;
    w.tx().execute(
        "UPDATE projects SET start_date = ?1 WHERE id = ?2",
        params![start, project_id],
    )?;
    w.history(
        "project",
        project_id,
        v,
        "start_date",
        old.map(|d| d.to_string()).as_deref(),
        Some(&start.to_string()),
        None,
    )?;
    move_plan_dates(w, project_id, start)
}

/// The project's start moved to `start` (its row written): the plan dates that follow it
/// move, and their items' planned dates with them; dates set by hand stay.
pub(super) fn move_plan_dates(w: &Writer<'_>, project_id: i64, start: NaiveDate) -> Result<()> {
    let plan: Option<(i64, String)> = w
        .tx()
        .query_row(
            "SELECT id, currency FROM billing_plans WHERE project_id = ?1",
            [project_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((plan_id, cur)) = plan else {
        return Ok(());
    };
    let stored = parts_of(w.tx(), plan_id, codec::currency(&cur)?)?;
    let mut parts: Vec<PlanPart> = stored.iter().map(|s| s.part.clone()).collect();
    billing_plan::move_start(&mut parts, start)?;
    let mut touched = false;
    for (s, moved) in stored.iter().zip(&parts) {
        if moved.date == s.part.date {
            continue;
        }
        if !touched {
            touch_plan(w, plan_id, "project start moved")?;
            touched = true;
        }
        let pv = w.bump_version("plan_parts", "plan part", s.id, None)?;
        w.tx().execute(
            "UPDATE plan_parts SET planned_date = ?1 WHERE id = ?2",
            params![moved.date, s.id],
        )?;
        w.history(
            "plan_part",
            s.id,
            pv,
            "planned_date",
            Some(&s.part.date.to_string()),
            Some(&moved.date.to_string()),
            Some("project start moved"),
        )?;
        move_item(w, s.revenue_item_id, moved.date, "project start moved")?;
    }
    Ok(())
}
