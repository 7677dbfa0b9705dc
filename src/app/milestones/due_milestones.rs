//! The milestones screen's state: a window of milestones by due date and the billing plan of
//! the project under the cursor, each part with the revenue item it became.

use super::super::history::{Root, open_history};
use super::super::list_view::{Keyed, ListView};
use super::super::work::Ctx;
use crate::domain::object_kind::ObjectKind;
use crate::store::billing_plans::StoredPart;
use crate::store::milestone_list::{MilestoneKey, MilestoneRow};
use crate::store::revenue_items::RevenueItem;
use crate::store::{Result, Store};

pub const TITLE: &str = "Milestones";

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
    /// `H`: the milestone's history with that of its project's billing plan (shown below it).
    pub(super) fn open_history(&self, cx: &mut Ctx) {
        let Some(row) = self.list.current() else {
            return cx.error("no milestone here");
        };
        open_history(
            format!(
                "milestone {} {} and the billing plan of {}",
                row.project_code, row.code, row.project_code
            ),
            vec![
                Root::Object(ObjectKind::Milestone, row.id),
                Root::PlanOfProject(row.project_id),
            ],
            cx,
        );
    }

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
