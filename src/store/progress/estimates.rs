//! The estimated progress of projects and milestones, which refreshing a period takes.

use crate::domain::rights::Action;
use crate::domain::scaled::from_micros;
use crate::store::Store;
use crate::store::codec;
use crate::store::error::{Result, StoreError};
use rusqlite::{OptionalExtension, params};
use rust_decimal::Decimal;

impl Store {
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
    /// A project's start date and version (for the billing plan form).
    pub fn project_start(&self, project_id: i64) -> Result<(Option<chrono::NaiveDate>, i64)> {
        self.conn()
            .query_row(
                "SELECT start_date, version FROM projects WHERE id = ?1",
                [project_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or(StoreError::NotFound {
                object: "project",
                id: project_id,
            })
    }

    /// The version of a milestone row (for edits of its progress).
    pub fn milestone_version(&self, milestone_id: i64) -> Result<i64> {
        self.conn()
            .query_row(
                "SELECT version FROM milestones WHERE id = ?1",
                [milestone_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(StoreError::NotFound {
                object: "milestone",
                id: milestone_id,
            })
    }

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
        let project = if table == "projects" {
            "id"
        } else {
            "project_id"
        };
        let (old, project_id): (i64, i64) = w
            .tx()
            .query_row(
                &format!("SELECT estimated_progress_micros, {project} FROM {table} WHERE id = ?1"),
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or(StoreError::NotFound { object, id })?;
        w.require_project(Action::EditProgress, project_id)?;
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
