//! Screen 5, milestones and plans: a window of milestones by due date, filtered as you type,
//! and, below, the billing plan of the project under the cursor, each part with the revenue
//! item it became.

mod due_milestones;
mod excel;
pub mod keys;
mod plan_delete;
mod plan_form;
mod plan_template_form;
mod reach;

pub use due_milestones::{MilestoneSource, Milestones, PlanRow, TITLE};
pub use plan_delete::DeletePlan;
pub use plan_form::{Plan, PlanProject, PlanPurpose};
pub use plan_template_form::SaveTemplate;
pub use reach::Reach;

use super::background::{Answer, FileJob};
use super::keymap::{Cmd, Context};
use super::progress::{open_milestone_progress_form, upper_rows};
use super::screen::{Handled, Screen, ScreenEntry};
use super::work::Ctx;
use crate::domain::rights::Action;
use crate::store::Result;
use crossterm::event::KeyEvent;

pub const SCREEN: ScreenEntry = ScreenEntry {
    title: TITLE,
    short_title: "Milestones",
    name: "milestones and plans",
    contexts: &[keys::MILESTONES],
    make: |_| Box::new(Milestones::default()),
};

impl Screen for Milestones {
    fn keys(&self) -> Context {
        self.list.keys(keys::MILESTONES)
    }

    fn load(&mut self, cx: &mut Ctx) -> Result<()> {
        self.list.load(cx)?;
        self.load_plan(cx.store, true)
    }

    /// The cursor stays on its milestone wherever a new due date sorted it.
    fn refresh(&mut self, cx: &mut Ctx, shown: bool) -> Result<()> {
        self.list.refresh(cx, shown)?;
        self.load_plan(cx.store, true)
    }

    fn set_height(&mut self, rows: usize) {
        self.list.view.set_height(upper_rows(rows));
    }

    fn type_key(&mut self, ev: &KeyEvent, cx: &mut Ctx) {
        self.list.type_filter_key(ev, cx);
        self.show_plan(cx);
    }

    fn paste(&mut self, line: &str, cx: &mut Ctx) {
        self.list.paste_filter(line, cx);
        self.show_plan(cx);
    }

    fn answer(&mut self, answer: Answer) {
        self.list.answer(answer);
    }

    fn answered(&mut self, cx: &mut Ctx) {
        self.show_plan(cx);
    }

    fn is_filtering(&self) -> bool {
        self.list.filtering
    }

    fn query_failed(&mut self) {
        self.list.filtering = false;
    }

    fn run(&mut self, cmd: Cmd, cx: &mut Ctx) -> Handled {
        // A manager edits the milestones of their own projects: told at the key, not after
        // the dialog.
        if matches!(cmd, Cmd::Reach | Cmd::SetProgress)
            && let Some(row) = self.list.view.current()
            && !cx.allowed_on_project_code(Action::EditMilestones, &row.project_code)
        {
            return Handled::Yes;
        }
        match cmd {
            _ if cmd.is_motion() => {
                self.list.move_cursor(cmd, cx);
                self.show_plan(cx);
            }
            Cmd::Filter => {
                self.list.run(cmd, cx);
            }
            Cmd::Back if self.list.filter_text().is_empty() => {
                cx.info("nothing to go back from: no filter")
            }
            Cmd::Back => {
                self.list.run(cmd, cx);
                self.show_plan(cx);
            }
            Cmd::Reach => match self.list.view.current() {
                Some(row) => reach::ask_reach(row, cx),
                None => cx.error("no milestone here"),
            },
            Cmd::SetProgress => match self.list.view.current() {
                Some(row) => open_milestone_progress_form(
                    format!(
                        "Estimated progress of milestone {} {}",
                        row.project_code, row.code
                    ),
                    row.estimated_progress,
                    row.id,
                    row.version,
                    cx,
                ),
                None => cx.error("no milestone here"),
            },
            Cmd::EditPlan => plan_form::ask_plan_project(self, cx, PlanPurpose::Edit),
            Cmd::DeleteWhole => plan_form::ask_plan_project(self, cx, PlanPurpose::Delete),
            Cmd::SaveTemplate => plan_template_form::ask_save_template(self, cx),
            Cmd::History => self.open_history(cx),
            _ => return Handled::No,
        }
        Handled::Yes
    }

    fn excel(&self, today: chrono::NaiveDate) -> std::result::Result<FileJob, String> {
        Ok(excel::milestones(self.list.filter.clone(), today))
    }
}
