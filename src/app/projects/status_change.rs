//! Launching and closing a project (`L`, `C`): asked first, saying what follows; refused at
//! the key when the status is already so, or for closing, while items wait to be invoiced
//! (the store says how many). Each change is one history row.

use super::super::work::{Confirm, Ctx, ScreenAccess};
use crate::domain::project::ProjectStatus;
use crate::store::project_list::ProjectRow;

/// The dialog's yes: move the project to `to`, from the version the user saw.
pub struct ChangeStatus {
    pub id: i64,
    pub version: i64,
    pub code: String,
    pub to: ProjectStatus,
}

/// Asks to launch the project of `row` (or to reopen it when closed).
pub fn ask_launch(row: &ProjectRow, cx: &mut Ctx) {
    let lines = match row.status {
        ProjectStatus::Launched => {
            return cx.error(format!("project {} is launched already", row.code));
        }
        ProjectStatus::Planned => vec![
            format!("{}  {}  ({})", row.code, row.name, row.account),
            "Launch it? Its billable items can then be invoiced.".into(),
        ],
        ProjectStatus::Closed => vec![
            format!("{}  {}  ({})", row.code, row.name, row.account),
            "Reopen it (launched)? Time, expenses and items can be added again.".into(),
        ],
    };
    cx.ask(
        "Launch project",
        lines,
        ChangeStatus {
            id: row.id,
            version: row.version,
            code: row.code.clone(),
            to: ProjectStatus::Launched,
        },
    );
}

/// Asks to close the project of `row`.
pub fn ask_close(row: &ProjectRow, cx: &mut Ctx) {
    if row.status == ProjectStatus::Closed {
        return cx.error(format!("project {} is closed already", row.code));
    }
    cx.ask(
        "Close project",
        vec![
            format!("{}  {}  ({})", row.code, row.name, row.account),
            "Close it? It then takes no new time, expenses or milestones; L reopens it.".into(),
        ],
        ChangeStatus {
            id: row.id,
            version: row.version,
            code: row.code.clone(),
            to: ProjectStatus::Closed,
        },
    );
}

impl Confirm for ChangeStatus {
    fn run(self: Box<Self>, cx: &mut Ctx, _: &mut dyn ScreenAccess) {
        let result = match self.to {
            ProjectStatus::Closed => cx.store.close_project(self.id, self.version, None),
            _ => cx.store.launch_project(self.id, self.version, None),
        };
        if cx.report(result).is_some() {
            cx.changed();
            cx.info(format!("project {} {}", self.code, self.to.as_str()));
        }
    }
}
