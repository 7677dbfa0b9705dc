//! Named billing plan templates: saved from a project's plan (shares of the total, days from
//! the project start), listed by name beside the built-in ones, with their history.

use super::billing_plan_edit::plan_row;
use super::billing_plans::parts_of;
use super::codec;
use super::error::{Result, StoreError};
use super::{Store, Writer};
use crate::domain::billing_plan::{self, TemplatePart};
use crate::domain::master_field::MasterField;
use crate::domain::plan_templates::{NamedTemplate, check_name, from_plan};
use crate::domain::rights::Action;
use crate::domain::scaled::from_micros;
use rusqlite::{Connection, OptionalExtension, params};

fn template_parts(conn: &Connection, template_id: i64) -> Result<Vec<TemplatePart>> {
    let mut stmt = conn.prepare_cached(
        "SELECT label, percent_micros, offset_days FROM plan_template_parts
         WHERE template_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([template_id], |r| {
        Ok(TemplatePart {
            label: r.get(0)?,
            percent: from_micros(r.get(1)?),
            offset_days: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The saved template with this name (any case), with its id.
fn named(conn: &Connection, name: &str) -> Result<Option<(i64, NamedTemplate)>> {
    let found: Option<(i64, String)> = conn
        .prepare_cached("SELECT id, name FROM plan_templates WHERE name = ?1 COLLATE NOCASE")?
        .query_row([name.trim()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((id, name)) = found else {
        return Ok(None);
    };
    let parts = template_parts(conn, id)?;
    Ok(Some((id, NamedTemplate { name, parts })))
}

/// A refusal about the template's name, shown beside the name field.
fn name_refused(message: impl Into<String>) -> StoreError {
    StoreError::Invalid {
        field: MasterField::Name,
        message: message.into(),
    }
}

fn save(w: &Writer<'_>, project_id: i64, name: &str) -> Result<i64> {
    let name = check_name(name).map_err(|e| name_refused(e.0))?;
    if let Some((_, other)) = named(w.tx(), &name)? {
        return Err(name_refused(format!(
            "a template is called {} already: choose another name",
            other.name
        )));
    }
    let (plan_id, total, cur, _, _, _, start, _) = plan_row(w.tx(), project_id)?
        .ok_or_else(|| StoreError::refused("the project has no billing plan to save"))?;
    let start = start.ok_or_else(|| {
        StoreError::refused(
            "the project has no start date: a template's days count from it (P sets it)",
        )
    })?;
    let currency = codec::currency(&cur)?;
    let parts: Vec<_> = parts_of(w.tx(), plan_id, currency)?
        .into_iter()
        .map(|s| s.part)
        .collect();
    let amounts = billing_plan::amounts(&parts, currency.from_minor(total), currency)?;
    let template = from_plan(&parts, &amounts, start)?;
    let id: i64 = w.tx().query_row(
        "INSERT INTO plan_templates (name, updated_by, updated_at) VALUES (?1, ?2, ?3)
         RETURNING id",
        params![name, w.user(), w.at()],
        |r| r.get(0),
    )?;
    let mut insert = w.tx().prepare_cached(
        "INSERT INTO plan_template_parts (template_id, position, label, percent_micros,
            offset_days)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, p) in template.iter().enumerate() {
        insert.execute(params![
            id,
            i as i64 + 1,
            p.label,
            codec::micros(p.percent)?,
            p.offset_days
        ])?;
    }
    let parts: Vec<serde_json::Value> = template
        .iter()
        .map(|p| {
            serde_json::json!({
                "label": p.label,
                "percent": p.percent.to_string(),
                "offset_days": p.offset_days,
            })
        })
        .collect();
    let created = serde_json::json!({
        "name": name,
        "from_project": project_id,
        "parts": parts,
    });
    w.history_created("plan_template", id, &created)?;
    Ok(id)
}

impl Store {
    /// The names of the saved templates, in alphabetical order (any case).
    pub fn plan_template_names(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT name FROM plan_templates ORDER BY name COLLATE NOCASE, id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The saved template called `name` (any case).
    pub fn plan_template(&self, name: &str) -> Result<Option<NamedTemplate>> {
        Ok(named(self.conn(), name)?.map(|(_, t)| t))
    }

    /// Saves the project's billing plan as a template called `name`
    /// (`plan_templates::from_plan`); a name taken (by a built-in or a saved template, in any
    /// case) is refused beside the name. Returns the template's id.
    pub fn save_plan_template(&mut self, project_id: i64, name: &str) -> Result<i64> {
        self.write(Action::EditRevenue, |w| save(w, project_id, name))
    }
}
