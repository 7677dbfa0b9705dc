//! Milestones as master data: reading one, finding one by its external key or its code within
//! its project, creating, editing, upserting and deleting one (finance, admins and the
//! project's manager), each with its history rows. A new due date moves the planned invoice
//! dates of the milestone's open and billable items. Reaching and reopening are
//! `milestones.rs`.

use super::billing_plans::item_date_set;
use super::codec;
use super::error::{Result, StoreError};
use super::master_data::{Stamp, Upserted, history_changes, merged_key, touches};
use super::plan_milestones::{part_follows_milestone, stays_with_milestone_move};
use super::{Store, Writer};
use crate::domain::master_field::{MasterField, as_json, changes};
pub use crate::domain::milestone::MilestoneInput;
use crate::domain::milestone::{check_delete, check_edit, moved_date, moves_with_due_date};
use crate::domain::project::ProjectStatus;
use crate::domain::revenue_status::RevenueStatus;
use crate::domain::rights::Action;
use crate::domain::scaled::from_micros;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};
use rust_decimal::Decimal;

/// A milestone as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Milestone {
    pub id: i64,
    pub ext_key: Option<String>,
    pub project_id: i64,
    pub code: String,
    pub name: String,
    pub due_date: NaiveDate,
    pub reached_at: Option<String>,
    pub reached_by: Option<String>,
    pub estimated_progress: Decimal,
    pub version: i64,
    pub updated_by: String,
    pub updated_at: String,
}

impl Milestone {
    /// The milestone as an input: what an edit form starts from.
    pub fn input(&self) -> MilestoneInput {
        MilestoneInput {
            ext_key: self.ext_key.clone(),
            project_id: self.project_id,
            code: self.code.clone(),
            name: self.name.clone(),
            due_date: self.due_date,
            reached_at: self.reached_at.clone(),
        }
    }

    fn stamp(&self) -> Stamp {
        Stamp {
            version: self.version,
            updated_by: self.updated_by.clone(),
            updated_at: self.updated_at.clone(),
        }
    }

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Milestone> {
        Ok(Milestone {
            id: r.get(0)?,
            ext_key: r.get(1)?,
            project_id: r.get(2)?,
            code: r.get(3)?,
            name: r.get(4)?,
            due_date: r.get(5)?,
            reached_at: r.get(6)?,
            reached_by: r.get(7)?,
            estimated_progress: from_micros(r.get(8)?),
            version: r.get(9)?,
            updated_by: r.get(10)?,
            updated_at: r.get(11)?,
        })
    }
}

/// The columns of a milestone, in the order `Milestone::from_row` reads them.
const MILESTONE_COLUMNS: &str = "id, ext_key, project_id, code, name, due_date, reached_at,
    reached_by, estimated_progress_micros, version, updated_by, updated_at";

fn milestones_where(
    conn: &Connection,
    filter: &str,
    args: &[&dyn rusqlite::ToSql],
) -> Result<Vec<Milestone>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {MILESTONE_COLUMNS} FROM milestones WHERE {filter}"
    ))?;
    let rows = stmt.query_map(args, Milestone::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Milestone `id`, or `NotFound`.
pub fn load_milestone(conn: &Connection, id: i64) -> Result<Milestone> {
    milestones_where(conn, "id = ?1", &[&id])?
        .pop()
        .ok_or(StoreError::NotFound {
            object: "milestone",
            id,
        })
}

/// The milestone of the project with this external key, if there is one.
pub fn milestone_by_key(
    conn: &Connection,
    project_id: i64,
    key: &str,
) -> Result<Option<Milestone>> {
    Ok(milestones_where(
        conn,
        "project_id = ?1 AND ext_key = ?2",
        &[&project_id, &key.trim()],
    )?
    .pop())
}

/// The milestone of the project with this code (trimmed, any case), if there is one.
pub fn milestone_by_code(
    conn: &Connection,
    project_id: i64,
    code: &str,
) -> Result<Option<Milestone>> {
    let mut found = milestones_where(
        conn,
        "project_id = ?1 AND code = ?2 COLLATE NOCASE ORDER BY id",
        &[&project_id, &code.trim()],
    )?;
    if found.len() > 1 {
        return Err(StoreError::refused(format!(
            "{} milestones of the project have code {:?} in some case: give the row its key",
            found.len(),
            code.trim()
        )));
    }
    Ok(found.pop())
}

/// The milestone an input is about: by its key within the project, else by its code.
pub fn find_milestone(
    conn: &Connection,
    project_id: i64,
    key: Option<&str>,
    code: &str,
) -> Result<Option<Milestone>> {
    if let Some(found) = key
        .map(|k| milestone_by_key(conn, project_id, k))
        .transpose()?
        .flatten()
    {
        return Ok(Some(found));
    }
    milestone_by_code(conn, project_id, code)
}

/// Refuses milestones of a closed project, or of no project.
fn check_project(conn: &Connection, project_id: i64) -> Result<()> {
    let (code, status): (String, String) = conn
        .prepare_cached("SELECT code, status FROM projects WHERE id = ?1")?
        .query_row([project_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| StoreError::Invalid {
            field: MasterField::Project,
            message: format!("project {project_id} does not exist"),
        })?;
    codec::parse::<ProjectStatus>(&status)?
        .check_takes_work(&code, "milestones")
        .map_err(|e| StoreError::Invalid {
            field: MasterField::Project,
            message: e.0,
        })
}

fn check_unique(conn: &Connection, m: &MilestoneInput, id: i64) -> Result<()> {
    let taken: Option<String> = conn
        .prepare_cached(
            "SELECT code FROM milestones WHERE project_id = ?1 AND code = ?2 COLLATE NOCASE
               AND id <> ?3",
        )?
        .query_row(params![m.project_id, m.code, id], |r| r.get(0))
        .optional()?;
    if let Some(other) = taken {
        return Err(StoreError::Invalid {
            field: MasterField::Code,
            message: format!("the project has a milestone {other} already"),
        });
    }
    if let Some(key) = &m.ext_key {
        let other: Option<String> = conn
            .prepare_cached(
                "SELECT code FROM milestones WHERE project_id = ?1 AND ext_key = ?2 AND id <> ?3",
            )?
            .query_row(params![m.project_id, key, id], |r| r.get(0))
            .optional()?;
        if let Some(other) = other {
            return Err(StoreError::Invalid {
                field: MasterField::ExtKey,
                message: format!("key {key:?} is milestone {other}'s"),
            });
        }
    }
    Ok(())
}

/// Creates a milestone (finance, admins and the project's manager), reached already when the
/// input says when.
pub fn insert_milestone(w: &Writer<'_>, m: &MilestoneInput, reason: Option<&str>) -> Result<i64> {
    w.require(Action::EditMilestones)?;
    let m = m.checked()?;
    check_project(w.tx(), m.project_id)?;
    w.require_project(Action::EditMilestones, m.project_id)?;
    check_unique(w.tx(), &m, 0)?;
    let reached_by = m.reached_at.as_ref().map(|_| w.user().to_string());
    let id: i64 = w.tx().query_row(
        "INSERT INTO milestones (ext_key, project_id, code, name, due_date, reached_at,
            reached_by, updated_by, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id",
        params![
            m.ext_key,
            m.project_id,
            m.code,
            m.name,
            m.due_date,
            m.reached_at,
            reached_by,
            w.user(),
            w.at()
        ],
        |r| r.get(0),
    )?;
    let mut fields = m.fields();
    fields.insert(0, (MasterField::Project, Some(m.project_id.to_string())));
    let mut created = as_json(&fields);
    if let Some(at) = &m.reached_at {
        created["reached_at"] = at.clone().into();
    }
    w.history_created_because("milestone", id, &created, reason)?;
    Ok(id)
}

/// Edits milestone `id` to `m` (finance, admins and the project's manager); `seen` as for
/// accounts. Once reached, its code and due date stay. A new due date moves the planned
/// invoice dates of its open and billable items by as many days (history rows on each, with
/// `reason`). Returns the changed fields' names.
pub fn update_milestone_at(
    w: &Writer<'_>,
    id: i64,
    seen: Option<i64>,
    m: &MilestoneInput,
    reason: Option<&str>,
) -> Result<Vec<&'static str>> {
    let stored = load_milestone(w.tx(), id)?;
    w.require_project(Action::EditMilestones, stored.project_id)?;
    stored.stamp().check_seen("milestone", id, seen)?;
    let mut new = m.checked()?;
    if new.project_id != stored.project_id {
        return Err(StoreError::Invalid {
            field: MasterField::Project,
            message: format!("milestone {} stays with its project", stored.code),
        });
    }
    let what = format!("milestone {}", stored.code);
    new.ext_key = merged_key(&what, &stored.ext_key, &new.ext_key)?;
    let changes = changes(&stored.input().fields(), &new.fields());
    if changes.is_empty() {
        return Ok(Vec::new());
    }
    check_project(w.tx(), stored.project_id)?;
    let fields: Vec<MasterField> = changes.iter().map(|c| c.field).collect();
    check_edit(&stored.code, stored.reached_at.is_some(), &fields)?;
    check_unique(w.tx(), &new, id)?;
    let v = w.bump_version("milestones", "milestone", id, Some(stored.version))?;
    w.tx().execute(
        "UPDATE milestones SET ext_key = ?1, code = ?2, name = ?3, due_date = ?4 WHERE id = ?5",
        params![new.ext_key, new.code, new.name, new.due_date, id],
    )?;
    let changed = history_changes(w, "milestone", id, v, &changes, reason)?;
    if touches(&changes, MasterField::DueDate) {
        let why = format!("milestone {} due date moved", new.code);
        move_items(w, id, stored.due_date, new.due_date, reason.unwrap_or(&why))?;
    }
    Ok(changed)
}

/// Moves the planned invoice dates of the milestone's open and billable items with its due
/// date. The part of a plan tied to the milestone follows it (still following); one whose date
/// was set by hand stays, its item with it.
fn move_items(w: &Writer<'_>, id: i64, old: NaiveDate, new: NaiveDate, reason: &str) -> Result<()> {
    let items: Vec<(i64, NaiveDate, String)> = w
        .tx()
        .prepare_cached(
            "SELECT id, planned_invoice_date, status FROM revenue_items
             WHERE milestone_id = ?1 ORDER BY id",
        )?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (item, planned, status) in items {
        if !moves_with_due_date(codec::parse::<RevenueStatus>(&status)?)
            || stays_with_milestone_move(w.tx(), item)?
        {
            continue;
        }
        let date = moved_date(planned, old, new)?;
        if date == planned {
            continue;
        }
        let v = w.bump_version("revenue_items", "revenue item", item, None)?;
        w.tx().execute(
            "UPDATE revenue_items SET planned_invoice_date = ?1 WHERE id = ?2",
            params![date, item],
        )?;
        w.history(
            "revenue_item",
            item,
            v,
            "planned_invoice_date",
            Some(&planned.to_string()),
            Some(&date.to_string()),
            Some(reason),
        )?;
        if !part_follows_milestone(w, item, date, reason)? {
            item_date_set(w, item, date)?;
        }
    }
    Ok(())
}

/// Creates the milestone, or updates the one of its project with its key (else its code).
pub fn upsert_milestone(
    w: &Writer<'_>,
    m: &MilestoneInput,
    reason: Option<&str>,
) -> Result<Upserted> {
    w.require(Action::EditMilestones)?;
    let m = m.checked()?;
    w.require_project(Action::EditMilestones, m.project_id)?;
    match find_milestone(w.tx(), m.project_id, m.ext_key.as_deref(), &m.code)? {
        Some(found) => Ok(Upserted::of_edit(
            found.id,
            update_milestone_at(w, found.id, None, &m, reason)?,
        )),
        None => Ok(Upserted::New(insert_milestone(w, &m, reason)?)),
    }
}

/// Deletes milestone `id` seen at `seen` while no revenue item and no contract line refers to
/// it; its fields stay in the change history.
pub fn delete_milestone_at(
    w: &Writer<'_>,
    id: i64,
    seen: Option<i64>,
    reason: Option<&str>,
) -> Result<()> {
    let stored = load_milestone(w.tx(), id)?;
    w.require_project(Action::EditMilestones, stored.project_id)?;
    stored.stamp().check_seen("milestone", id, seen)?;
    check_project(w.tx(), stored.project_id)?;
    let (items, lines): (i64, i64) = w.tx().query_row(
        "SELECT (SELECT count(*) FROM revenue_items WHERE milestone_id = ?1),
                (SELECT count(*) FROM contract_lines WHERE milestone_id = ?1)",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    check_delete(&stored.code, items, lines)?;
    let v = w.bump_version("milestones", "milestone", id, Some(stored.version))?;
    w.tx()
        .execute("DELETE FROM milestones WHERE id = ?1", [id])?;
    let old = format!("{} | {} | {}", stored.code, stored.name, stored.due_date);
    w.history("milestone", id, v, "deleted", Some(&old), None, reason)
}

impl Store {
    /// Milestone `id`, or `NotFound`.
    pub fn milestone(&self, id: i64) -> Result<Milestone> {
        load_milestone(self.conn(), id)
    }

    /// The milestone of the project with this key, else with this code.
    pub fn find_milestone(
        &self,
        project_id: i64,
        key: Option<&str>,
        code: &str,
    ) -> Result<Option<Milestone>> {
        find_milestone(self.conn(), project_id, key, code)
    }

    pub fn create_milestone(&mut self, m: &MilestoneInput) -> Result<i64> {
        self.write(Action::EditMilestones, |w| insert_milestone(w, m, None))
    }

    /// Edits a milestone seen at `version`; returns the changed fields' names.
    pub fn update_milestone(
        &mut self,
        id: i64,
        version: i64,
        m: &MilestoneInput,
        reason: Option<&str>,
    ) -> Result<Vec<&'static str>> {
        self.write(Action::EditMilestones, |w| {
            update_milestone_at(w, id, Some(version), m, reason)
        })
    }

    /// Deletes a milestone seen at `version` that nothing refers to.
    pub fn delete_milestone(&mut self, id: i64, version: i64, reason: Option<&str>) -> Result<()> {
        self.write(Action::EditMilestones, |w| {
            delete_milestone_at(w, id, Some(version), reason)
        })
    }
}
