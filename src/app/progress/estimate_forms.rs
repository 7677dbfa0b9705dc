//! The estimated progress % of a project or of a milestone, which a pending period's refresh
//! bills up to. Set from the progress screen (the line's project or milestone) and from the
//! milestones screen.

use super::super::form::{Field, Form};
use super::super::work::Ctx;
use super::super::work::FormAction;
use super::super::work::ScreenAccess;
use super::lines_and_periods::ProgressBilling;
use crate::domain::input::parse_percent;
use crate::store::{Store, StoreError};
use rust_decimal::Decimal;

pub const PROGRESS: &str = "Estimated progress %";

pub struct ProjectProgress {
    pub project_id: i64,
    pub version: i64,
}

pub struct MilestoneProgress {
    pub milestone_id: i64,
    pub version: i64,
}

fn estimate_form(title: String, now: Decimal) -> Form {
    Form::new(
        title,
        vec![Field::line(PROGRESS, &now.normalize().to_string())],
    )
}

/// `%` on the progress screen: the line's milestone when it has one, else its project.
pub fn open_line_progress_form(screen: &ProgressBilling, cx: &mut Ctx) {
    let Some(row) = screen.lines.current() else {
        return cx.error("no contract line here");
    };
    match (row.milestone_id, row.milestone_version) {
        (Some(id), Some(version)) => {
            let title = format!(
                "Estimated progress of milestone {} {}",
                row.project_code,
                row.milestone_code.clone().unwrap_or_default()
            );
            cx.open_form(
                estimate_form(title, row.estimated_progress),
                MilestoneProgress {
                    milestone_id: id,
                    version,
                },
            );
        }
        _ => {
            let title = format!("Estimated progress of project {}", row.project_code);
            cx.open_form(
                estimate_form(title, row.estimated_progress),
                ProjectProgress {
                    project_id: row.project_id,
                    version: row.project_version,
                },
            );
        }
    }
}

/// The estimate form of a milestone (the milestones screen's `%`).
pub fn open_milestone_progress_form(
    title: String,
    now: Decimal,
    milestone_id: i64,
    version: i64,
    cx: &mut Ctx,
) {
    cx.open_form(
        estimate_form(title, now),
        MilestoneProgress {
            milestone_id,
            version,
        },
    );
}

fn field_percent(form: &mut Form) -> Option<Decimal> {
    match parse_percent(&form.value(PROGRESS)) {
        Ok(p) if p.is_sign_negative() || p > Decimal::ONE_HUNDRED => {
            form.set_error(PROGRESS, "a percentage from 0 to 100");
            None
        }
        Ok(p) => Some(p),
        Err(e) => {
            form.set_error(PROGRESS, e.0);
            None
        }
    }
}

impl FormAction for ProjectProgress {
    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        _: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        form.clear_errors();
        let Some(p) = field_percent(form) else {
            return Ok(None);
        };
        cx.store
            .set_project_progress(self.project_id, self.version, p)?;
        Ok(Some(format!(
            "project estimated at {} %: R refreshes a pending period from it",
            p.normalize()
        )))
    }

    fn take_current_versions(&mut self, store: &Store) -> Result<bool, StoreError> {
        self.version = store.project_version(self.project_id)?;
        Ok(true)
    }
}

impl FormAction for MilestoneProgress {
    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        _: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        form.clear_errors();
        let Some(p) = field_percent(form) else {
            return Ok(None);
        };
        cx.store
            .set_milestone_progress(self.milestone_id, self.version, p)?;
        Ok(Some(format!(
            "milestone estimated at {} %: R refreshes a pending period from it",
            p.normalize()
        )))
    }

    fn take_current_versions(&mut self, store: &Store) -> Result<bool, StoreError> {
        self.version = store.milestone_version(self.milestone_id)?;
        Ok(true)
    }
}
