//! The estimated progress % of a project or of a milestone, which a pending period's refresh
//! bills up to. Set from the progress screen (the line's project or milestone) and from the
//! milestones screen.

use super::super::form::{Field, Form};
use super::super::work::{Ctx, FormAction, ScreenAccess};
use super::lines_and_periods::ProgressBilling;
use crate::domain::NumberFormat;
use crate::domain::input::parse_percent;
use crate::store::{Store, StoreError};
use rust_decimal::Decimal;

pub const PROGRESS: &str = "Estimated progress %";

/// Whose progress is estimated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Estimated {
    Project(i64),
    Milestone(i64),
}

/// Saving an estimate, based on the version of the project or milestone the user saw.
pub struct EstimatedProgress {
    pub of: Estimated,
    pub version: i64,
}

fn open_estimate_form(title: String, now: Decimal, of: Estimated, version: i64, cx: &mut Ctx) {
    let form = Form::new(
        title,
        vec![Field::line(PROGRESS, &cx.numbers().plain(now.normalize()))],
    );
    cx.open_form(form, EstimatedProgress { of, version });
}

/// `%` on the progress screen: the line's milestone when it has one, else its project.
pub fn open_line_progress_form(screen: &ProgressBilling, cx: &mut Ctx) {
    let Some(row) = screen.lines.view.current() else {
        return cx.error("no contract line here");
    };
    let (title, of, version) = match (row.milestone_id, row.milestone_version) {
        (Some(id), Some(version)) => (
            format!(
                "Estimated progress of milestone {} {}",
                row.project_code,
                row.milestone_code.clone().unwrap_or_default()
            ),
            Estimated::Milestone(id),
            version,
        ),
        _ => (
            format!("Estimated progress of project {}", row.project_code),
            Estimated::Project(row.project_id),
            row.project_version,
        ),
    };
    open_estimate_form(title, row.estimated_progress, of, version, cx);
}

/// The estimate form of a milestone (the milestones screen's `%`).
pub fn open_milestone_progress_form(
    title: String,
    now: Decimal,
    milestone_id: i64,
    version: i64,
    cx: &mut Ctx,
) {
    open_estimate_form(title, now, Estimated::Milestone(milestone_id), version, cx);
}

fn field_percent(form: &mut Form, n: NumberFormat) -> Option<Decimal> {
    match parse_percent(&form.value(PROGRESS), n) {
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

impl FormAction for EstimatedProgress {
    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        _: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        form.clear_errors();
        let Some(p) = field_percent(form, cx.numbers()) else {
            return Ok(None);
        };
        let whose = match self.of {
            Estimated::Project(id) => {
                cx.store.set_project_progress(id, self.version, p)?;
                "project"
            }
            Estimated::Milestone(id) => {
                cx.store.set_milestone_progress(id, self.version, p)?;
                "milestone"
            }
        };
        Ok(Some(format!(
            "{whose} estimated at {} %: R refreshes a pending period from it",
            cx.numbers().plain(p.normalize())
        )))
    }

    fn take_current_versions(&mut self, store: &Store) -> Result<bool, StoreError> {
        self.version = match self.of {
            Estimated::Project(id) => store.project_version(id)?,
            Estimated::Milestone(id) => store.milestone_version(id)?,
        };
        Ok(true)
    }
}
