//! The milestones screen's state: a window of milestones by due date (a filtered list: `/`
//! narrows it as you type) and the billing plan of the project under the cursor, each part
//! with the revenue item it became.

use super::super::background::{Answer, Query};
use super::super::filtered_list::{FilteredList, ListSource};
use super::super::history::{Root, open_history};
use super::super::list_view::Keyed;
use super::super::selection::Picked;
use super::super::work::Ctx;
use crate::domain::filter_query::{self, ListKind};
use crate::domain::object_kind::ObjectKind;
use crate::store::billing_plans::StoredPart;
use crate::store::list_query::Bound;
use crate::store::milestone_list::{MilestoneFilter, MilestoneKey, MilestoneRow};
use crate::store::revenue_items::RevenueItem;
use crate::store::{Result, Store};

pub const TITLE: &str = "Milestones";

impl Keyed for MilestoneRow {
    type Key = MilestoneKey;
    fn key(&self) -> MilestoneKey {
        MilestoneRow::key(self)
    }
}

/// Milestones as the milestones screen lists them.
pub struct MilestoneSource;

impl ListSource for MilestoneSource {
    type Row = MilestoneRow;
    type Filter = MilestoneFilter;

    fn rows(
        store: &Store,
        filter: &MilestoneFilter,
        bound: &Bound<MilestoneKey>,
        limit: usize,
    ) -> Result<Vec<MilestoneRow>> {
        store.milestone_rows(filter, bound, limit)
    }

    fn text(filter: &MilestoneFilter) -> &str {
        &filter.text
    }

    fn check(text: &str) -> std::result::Result<(), String> {
        filter_query::parse(text, ListKind::Milestones)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    /// `warning:due` is judged on the console's day.
    fn on_day(filter: &mut MilestoneFilter, today: chrono::NaiveDate) {
        filter.today = Some(today);
    }

    fn text_mut(filter: &mut MilestoneFilter) -> &mut String {
        &mut filter.text
    }

    fn totals(filter: &MilestoneFilter) -> Query {
        Query::MilestoneTotals(filter.clone())
    }

    fn first_rows(filter: &MilestoneFilter, limit: usize) -> Query {
        Query::MilestoneWindow(filter.clone(), limit)
    }

    fn rows_of(answer: Answer) -> Option<(Vec<MilestoneRow>, usize)> {
        match answer {
            Answer::MilestoneRows(rows, limit) => Some((rows, limit)),
            _ => None,
        }
    }

    fn id(row: &MilestoneRow) -> i64 {
        row.id
    }

    fn key_of(store: &Store, id: i64) -> Result<Option<MilestoneKey>> {
        store.milestone_key(id)
    }

    fn describe(row: &MilestoneRow) -> String {
        format!("milestone {} {}", row.project_code, row.code)
    }

    fn picked(row: &MilestoneRow) -> Picked {
        Picked {
            version: row.version,
            amount: row.amount,
        }
    }
}

/// A part of the plan with its revenue item (amount, status, planned date).
#[derive(Debug, Clone)]
pub struct PlanRow {
    pub part: StoredPart,
    pub item: RevenueItem,
}

pub struct Milestones {
    pub list: FilteredList<MilestoneSource>,
    /// The project whose plan is shown, and the plan's parts (empty: no plan).
    pub plan_project: Option<i64>,
    pub plan: Vec<PlanRow>,
    /// The start of that project, which template dates follow.
    pub project_start: Option<chrono::NaiveDate>,
}

impl Default for Milestones {
    fn default() -> Self {
        Milestones {
            list: FilteredList::new(TITLE, MilestoneFilter::default()),
            plan_project: None,
            plan: Vec::new(),
            project_start: None,
        }
    }
}

impl Milestones {
    /// `H`: the milestone's history with that of its project's billing plan (shown below it).
    pub(super) fn open_history(&self, cx: &mut Ctx) {
        let Some(row) = self.list.view.current() else {
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

    /// Reads the plan of the project now under the cursor (after a move or a new filter);
    /// what goes wrong is said on the status line.
    pub(super) fn show_plan(&mut self, cx: &mut Ctx) {
        let r = self.load_plan(cx.store, false);
        cx.report(r);
    }

    /// Loads the plan of the project under the cursor, unless it is shown already.
    pub fn load_plan(&mut self, store: &Store, force: bool) -> Result<()> {
        let project = self.list.view.current().map(|r| r.project_id);
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
