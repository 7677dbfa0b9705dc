//! Screen 5, milestones and plans: a window of milestones by due date and, below, the billing
//! plan of the project under the cursor, each part with the revenue item it became.

mod due_milestones;
mod excel;
pub mod keys;
mod plan_form;
mod reach;

pub use due_milestones::{Milestones, PlanRow, TITLE};
pub use plan_form::{Plan, PlanProject};
pub use reach::Reach;

use super::background::FileJob;
use super::keymap::{Cmd, Context};
use super::list_view::move_view;
use super::progress::{open_milestone_progress_form, upper_rows};
use super::screen::{Handled, Screen, ScreenEntry};
use super::work::Ctx;
use crate::domain::rights::Action;
use crate::store::Result;
use crate::store::list_query::Bound;

pub const SCREEN: ScreenEntry = ScreenEntry {
    title: TITLE,
    short_title: "Milestones",
    name: "milestones and plans",
    contexts: &[keys::MILESTONES],
    make: |_| Box::new(Milestones::default()),
};

impl Screen for Milestones {
    fn keys(&self) -> Context {
        keys::MILESTONES
    }

    fn load(&mut self, cx: &mut Ctx) -> Result<()> {
        let store = &*cx.store;
        self.list.set_total(store.milestone_count()?);
        self.list.top(&mut |b, n| store.milestone_rows(b, n))?;
        self.load_plan(store, true)
    }

    /// The cursor stays on its milestone wherever a new due date sorted it.
    fn refresh(&mut self, cx: &mut Ctx, _shown: bool) -> Result<()> {
        let store = &*cx.store;
        let mut load = |b: &Bound<_>, n| store.milestone_rows(b, n);
        let on = self.list.current().map(|row| row.id);
        let key = match on {
            Some(id) => store.milestone_key(id)?,
            None => None,
        };
        let followed = match (key, on) {
            (Some(key), Some(id)) => self.list.follow(&key, |r| r.id == id, &mut load)?,
            _ => false,
        };
        if !followed {
            self.list.reload(&mut load)?;
        }
        self.list.set_total(store.milestone_count()?);
        self.load_plan(store, true)
    }

    fn set_height(&mut self, rows: usize) {
        self.list.set_height(upper_rows(rows));
    }

    fn run(&mut self, cmd: Cmd, cx: &mut Ctx) -> Handled {
        // A manager edits the milestones of their own projects: told at the key, not after
        // the dialog.
        if matches!(cmd, Cmd::Reach | Cmd::SetProgress)
            && let Some(row) = self.list.current()
            && !cx.allowed_on_project_code(Action::EditMilestones, &row.project_code)
        {
            return Handled::Yes;
        }
        match cmd {
            _ if cmd.is_motion() => {
                let store = &*cx.store;
                let result = move_view(&mut self.list, cmd, &mut |b, n| store.milestone_rows(b, n))
                    .and_then(|_| self.load_plan(store, false));
                cx.report(result);
            }
            Cmd::Reach => match self.list.current() {
                Some(row) => reach::ask_reach(row, cx),
                None => cx.error("no milestone here"),
            },
            Cmd::SetProgress => match self.list.current() {
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
            Cmd::EditPlan => plan_form::ask_plan_project(self, cx),
            Cmd::History => self.open_history(cx),
            _ => return Handled::No,
        }
        Handled::Yes
    }

    fn excel(&self, today: chrono::NaiveDate) -> std::result::Result<FileJob, String> {
        Ok(excel::milestones(today))
    }
}
