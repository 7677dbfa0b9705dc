//! Plan parts tied to a milestone: the part's item is a milestone item (it waits until the
//! milestone is reached, then is billable), and the part's date is the milestone's due date,
//! following it when it moves, unless the date was set by hand (then it stays).

use super::error::{Result, StoreError};
use super::plan_version::touch_plan;
use super::{Store, Writer};
use crate::domain::billing_plan::PlanPart;
use crate::domain::plan_input::MilestoneDue;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

/// A milestone of the plan's project, as a part ties to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PartMilestone {
    pub id: i64,
    pub code: String,
    pub due: NaiveDate,
    pub reached: bool,
}

fn milestone_of(conn: &Connection, project_id: i64, code: &str) -> Result<PartMilestone> {
    let found: Option<(i64, String, NaiveDate, bool)> = conn
        .prepare_cached(
            "SELECT id, code, due_date, reached_at IS NOT NULL FROM milestones
             WHERE project_id = ?1 AND code = ?2 COLLATE NOCASE ORDER BY id LIMIT 1",
        )?
        .query_row(params![project_id, code.trim()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    let (id, code, due, reached) = found.ok_or_else(|| {
        StoreError::refused(format!("the project has no milestone {}", code.trim()))
    })?;
    Ok(PartMilestone {
        id,
        code,
        due,
        reached,
    })
}

/// The milestones the parts are tied to (in the parts' order), each part tied to one dated by
/// its due date as it is now unless the part's date was set by hand.
pub(super) fn follow_milestones(
    conn: &Connection,
    project_id: i64,
    parts: &mut [PlanPart],
) -> Result<Vec<Option<PartMilestone>>> {
    let mut out = Vec::with_capacity(parts.len());
    for p in parts.iter_mut() {
        let Some(code) = &p.milestone else {
            out.push(None);
            continue;
        };
        let m = milestone_of(conn, project_id, code)?;
        p.milestone = Some(m.code.clone());
        p.offset_days = None;
        if !p.date_set_by_hand {
            p.date = m.due;
        }
        out.push(Some(m));
    }
    Ok(out)
}

/// The part of a plan item that waits for a milestone, if the item is one: (part id, its
/// date, set by hand, plan id).
fn tied_part(conn: &Connection, item_id: i64) -> Result<Option<(i64, NaiveDate, bool, i64)>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, planned_date, date_set_by_hand, plan_id FROM plan_parts
             WHERE revenue_item_id = ?1 AND milestone_id IS NOT NULL",
        )?
        .query_row([item_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?)
}

/// Whether a milestone's item stays where it is when the milestone's due date moves: the item
/// of a plan part whose date was set by hand.
pub(super) fn stays_with_milestone_move(conn: &Connection, item_id: i64) -> Result<bool> {
    Ok(tied_part(conn, item_id)?.is_some_and(|(_, _, by_hand, _)| by_hand))
}

/// The milestone's due date moved and the item of a tied part with it (to `date`): the part
/// follows, still following the milestone, with its history row (`reason`); the plan's version
/// moves so that a plan form opened before is refused as stale. Returns whether the item is a
/// tied part's (a part set by hand never gets here).
pub(super) fn part_follows_milestone(
    w: &Writer<'_>,
    item_id: i64,
    date: NaiveDate,
    reason: &str,
) -> Result<bool> {
    let Some((id, old, _, plan_id)) = tied_part(w.tx(), item_id)? else {
        return Ok(false);
    };
    if old != date {
        touch_plan(w, plan_id, reason)?;
        let v = w.bump_version("plan_parts", "plan part", id, None)?;
        w.tx().execute(
            "UPDATE plan_parts SET planned_date = ?1 WHERE id = ?2",
            params![date, id],
        )?;
        w.history(
            "plan_part",
            id,
            v,
            "planned_date",
            Some(&old.to_string()),
            Some(&date.to_string()),
            Some(reason),
        )?;
    }
    Ok(true)
}

impl Store {
    /// The milestones of a project a plan part may be tied to (`@M1` in the plan form), by due
    /// date.
    pub fn plan_milestones(&self, project_id: i64) -> Result<Vec<MilestoneDue>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT code, due_date FROM milestones WHERE project_id = ?1 ORDER BY due_date, id",
        )?;
        let rows = stmt.query_map([project_id], |r| {
            Ok(MilestoneDue {
                code: r.get(0)?,
                due: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
