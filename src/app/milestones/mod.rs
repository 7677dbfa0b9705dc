//! Screen 5, milestones and plans: a window of milestones by due date and, below, the billing
//! plan of the project under the cursor, each part with the revenue item it became.

mod excel;
pub mod keys;
mod plan_form;
mod reach;

pub use plan_form::{Plan, PlanProject};
pub use reach::Reach;

use super::background::FileJob;
use super::ctx::Ctx;
use super::keymap::{Cmd, Context};
use super::list_view::{Keyed, ListView, move_view};
use super::progress::{open_milestone_progress_form, upper_rows};
use super::screen::{Handled, Screen, ScreenEntry};
use crate::store::billing_plans::StoredPart;
use crate::store::milestone_list::{MilestoneKey, MilestoneRow};
use crate::store::revenue_items::RevenueItem;
use crate::store::{Result, Store};

pub const SCREEN: ScreenEntry = ScreenEntry {
    title: "Milestones",
    short_title: "Milestones",
    name: "milestones and plans",
    contexts: &[keys::MILESTONES],
    make: |_| Box::new(Milestones::default()),
};

impl Keyed for MilestoneRow {
    type Key = MilestoneKey;
    fn key(&self) -> MilestoneKey {
        MilestoneRow::key(self)
    }
}

/// A part of the plan with its revenue item (amount, status, planned date).
#[derive(Debug, Clone)]
pub struct PlanRow {
    pub part: StoredPart,
    pub item: RevenueItem,
}

#[derive(Debug, Clone, Default)]
pub struct Milestones {
    pub list: ListView<MilestoneRow>,
    /// The project whose plan is shown, and the plan's parts (empty: no plan).
    pub plan_project: Option<i64>,
    pub plan: Vec<PlanRow>,
    /// The start of that project, which template dates follow.
    pub project_start: Option<chrono::NaiveDate>,
}

impl Milestones {
    /// Loads the plan of the project under the cursor, unless it is shown already.
    pub fn load_plan(&mut self, store: &Store, force: bool) -> Result<()> {
        let project = self.list.current().map(|r| r.project_id);
        if project == self.plan_project && !force {
            return Ok(());
        }
        self.plan_project = project;
        self.plan.clear();
        self.project_start = None;
        if let Some(p) = project {
            self.project_start = store.project_start(p)?.0;
            for part in store.billing_plan_parts(p)? {
                let item = store.revenue_item(part.revenue_item_id)?;
                self.plan.push(PlanRow { part, item });
            }
        }
        Ok(())
    }
}

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

    fn refresh(&mut self, cx: &mut Ctx, _shown: bool) -> Result<()> {
        let store = &*cx.store;
        self.list.set_total(store.milestone_count()?);
        self.list.reload(&mut |b, n| store.milestone_rows(b, n))?;
        self.load_plan(store, true)
    }

    fn set_height(&mut self, rows: usize) {
        self.list.set_height(upper_rows(rows));
    }

    fn run(&mut self, cmd: Cmd, cx: &mut Ctx) -> Handled {
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
            _ => return Handled::No,
        }
        Handled::Yes
    }

    fn excel(&self, today: chrono::NaiveDate) -> std::result::Result<FileJob, String> {
        Ok(excel::milestones(today))
    }
}
