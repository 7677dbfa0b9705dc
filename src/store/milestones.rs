//! Reaching a milestone releases its revenue items (open -> billable); reopening it takes
//! them back (billable -> open) except those already on an invoice, which stay and are named.

use super::error::{Result, StoreError};
use super::revenue_items::{ITEM_COLUMNS, RevenueItem};
use super::{Store, Writer};
use crate::domain::milestone;
use crate::domain::revenue_status::RevenueStatus;
use crate::domain::rights::Action;
use rusqlite::{OptionalExtension, params};

/// What reaching or reopening does to one linked item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemEffect {
    pub item_id: i64,
    pub name: String,
    pub from: RevenueStatus,
    /// Its planned amount, in the project's currency.
    pub amount: crate::domain::Money,
    /// The new status, if it changes.
    pub to: Option<RevenueStatus>,
    /// Why it stays where it is, when a rule keeps it.
    pub kept: Option<String>,
}

fn effects(conn: &rusqlite::Connection, milestone_id: i64, reach: bool) -> Result<Vec<ItemEffect>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ITEM_COLUMNS} FROM revenue_items i
         WHERE i.milestone_id = ?1 ORDER BY i.planned_invoice_date, i.id"
    ))?;
    let mut rows = stmt.query([milestone_id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let item = RevenueItem::from_row(r)?;
        let (to, kept) = if reach {
            (milestone::on_reached(item.status), None)
        } else {
            match milestone::on_reopened(item.status) {
                Ok(to) => (to, None),
                Err(e) => (None, Some(e.0)),
            }
        };
        out.push(ItemEffect {
            item_id: item.id,
            name: item.name,
            from: item.status,
            amount: crate::domain::Money::new(item.planned_amount, item.currency),
            to,
            kept,
        });
    }
    Ok(out)
}

fn apply(w: &Writer<'_>, e: &ItemEffect) -> Result<()> {
    let Some(to) = e.to else { return Ok(()) };
    let v = w.bump_version("revenue_items", "revenue item", e.item_id, None)?;
    w.tx().execute(
        "UPDATE revenue_items SET status = ?1 WHERE id = ?2",
        params![to.as_str(), e.item_id],
    )?;
    w.history(
        "revenue_item",
        e.item_id,
        v,
        "status",
        Some(e.from.as_str()),
        Some(to.as_str()),
        Some("milestone"),
    )
}

impl Store {
    /// What `set_milestone_reached` would do, for the dialog that asks first.
    pub fn milestone_effects(&self, milestone_id: i64, reach: bool) -> Result<Vec<ItemEffect>> {
        effects(self.conn(), milestone_id, reach)
    }

    /// Marks a milestone reached (releasing its items) or reopens it (taking them back):
    /// finance, admins and the project's manager.
    pub fn set_milestone_reached(
        &mut self,
        milestone_id: i64,
        version: i64,
        reached: bool,
    ) -> Result<Vec<ItemEffect>> {
        self.write(Action::EditMilestones, |w| {
            let current: Option<(Option<String>, i64)> = w
                .tx()
                .query_row(
                    "SELECT reached_at, project_id FROM milestones WHERE id = ?1",
                    [milestone_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((reached_at, project_id)) = current else {
                return Err(StoreError::NotFound {
                    object: "milestone",
                    id: milestone_id,
                });
            };
            w.require_project(Action::EditMilestones, project_id)?;
            if reached_at.is_some() == reached {
                return Err(StoreError::refused(if reached {
                    "the milestone is reached already"
                } else {
                    "the milestone is not reached"
                }));
            }
            let v = w.bump_version("milestones", "milestone", milestone_id, Some(version))?;
            let (at, by) = if reached {
                (Some(w.at().to_string()), Some(w.user().to_string()))
            } else {
                (None, None)
            };
            w.tx().execute(
                "UPDATE milestones SET reached_at = ?1, reached_by = ?2 WHERE id = ?3",
                params![at, by, milestone_id],
            )?;
            w.history(
                "milestone",
                milestone_id,
                v,
                "reached",
                Some(&reached_at.is_some().to_string()),
                Some(&reached.to_string()),
                None,
            )?;
            let effects = effects(w.tx(), milestone_id, reached)?;
            for e in &effects {
                apply(w, e)?;
            }
            Ok(effects)
        })
    }
}
