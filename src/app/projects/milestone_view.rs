//! The milestones of one project (`M` on the projects screen): by due date with their items and
//! amount; `n` adds one, `e` edits the one under the cursor, Delete deletes it (asked). The
//! project's manager, finance and admins may; others are told at the key.

use super::super::history::{Root, open_history};
use super::super::keymap::{Cmd, Context};
use super::super::list_view::move_index;
use super::super::work::{Ctx, View, ViewStep};
use super::keys::PROJECT_MILESTONES;
use super::milestone_form::{
    DeleteMilestone, EditMilestone, NewMilestone, edit_milestone_form, new_milestone_form,
};
use crate::domain::object_kind::ObjectKind;
use crate::domain::rights::Action;
use crate::presentation::money_with_code;
use crate::store::project_list::ProjectRow;
use crate::store::project_overview::MilestoneLine;
use crate::store::{Result, Store, StoreError};

pub struct ProjectMilestones {
    pub project: ProjectRow,
    pub rows: Vec<MilestoneLine>,
    pub cursor: usize,
}

impl ProjectMilestones {
    pub fn load(store: &Store, project_id: i64) -> Result<ProjectMilestones> {
        Ok(ProjectMilestones {
            project: store.project_row(project_id)?,
            rows: store.project_milestones(project_id)?,
            cursor: 0,
        })
    }

    pub fn current(&self) -> Option<&MilestoneLine> {
        self.rows.get(self.cursor)
    }

    fn may_edit(&self, cx: &mut Ctx) -> bool {
        cx.allowed_on_project(
            Action::EditMilestones,
            &self.project.code,
            &self.project.manager,
        )
    }
}

impl View for ProjectMilestones {
    fn keys(&self) -> Context {
        PROJECT_MILESTONES
    }

    fn run(&mut self, cmd: Cmd, cx: &mut Ctx) -> ViewStep {
        match cmd {
            Cmd::Back => return ViewStep::Close,
            _ if cmd.is_motion() => {
                self.cursor = move_index(self.cursor, self.rows.len(), 10, cmd);
            }
            Cmd::History => match self.current() {
                Some(m) => open_history(
                    format!("milestone {} {}", self.project.code, m.code),
                    vec![Root::Object(ObjectKind::Milestone, m.id)],
                    cx,
                ),
                None => cx.error(format!(
                    "project {} has no milestone yet: n adds one",
                    self.project.code
                )),
            },
            Cmd::New => {
                if self.may_edit(cx) {
                    cx.open_form(
                        new_milestone_form(&self.project.code),
                        NewMilestone {
                            project_id: self.project.id,
                        },
                    );
                }
            }
            Cmd::Edit | Cmd::Delete => {
                let Some(m) = self.current().cloned() else {
                    cx.error(format!(
                        "project {} has no milestone yet: n adds one",
                        self.project.code
                    ));
                    return ViewStep::Stay;
                };
                if !self.may_edit(cx) {
                    return ViewStep::Stay;
                }
                if cmd == Cmd::Edit {
                    cx.open_form(
                        edit_milestone_form(&self.project.code, &m),
                        EditMilestone {
                            id: m.id,
                            version: m.version,
                        },
                    );
                } else if m.items > 0 {
                    cx.error(format!(
                        "milestone {} has {} revenue item(s): it cannot be deleted while they refer to it",
                        m.code, m.items
                    ));
                } else {
                    cx.ask(
                        "Delete milestone",
                        vec![
                            format!(
                                "{} {}  {}  due {}  {}",
                                self.project.code,
                                m.code,
                                m.name,
                                m.due_date,
                                money_with_code(cx.numbers(), m.amount)
                            ),
                            "Delete it? Its change history stays.".into(),
                        ],
                        DeleteMilestone {
                            id: m.id,
                            version: m.version,
                            code: m.code.clone(),
                        },
                    );
                }
            }
            _ => return ViewStep::NotHere,
        }
        ViewStep::Stay
    }

    /// After a change: the project's milestones as they are now, the cursor on the milestone
    /// it was on (a new due date may move it in the list).
    fn reload(&mut self, store: &Store) -> Result<bool> {
        let on = self.current().map(|m| m.id);
        match ProjectMilestones::load(store, self.project.id) {
            Ok(fresh) => {
                let cursor = fresh
                    .rows
                    .iter()
                    .position(|m| Some(m.id) == on)
                    .unwrap_or(self.cursor)
                    .min(fresh.rows.len().saturating_sub(1));
                *self = ProjectMilestones { cursor, ..fresh };
                Ok(true)
            }
            Err(StoreError::NotFound { .. }) => Ok(false),
            Err(e) => Err(e),
        }
    }
}
