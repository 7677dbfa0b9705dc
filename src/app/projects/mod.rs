//! Screen 7, projects: the company's projects with their account, status, currency, start,
//! manager, milestones and sums, filtered as you type; Enter shows a project's billing; `K`
//! people's cost rates.

mod account_form;
mod cost_rate_form;
mod cost_rates_view;
mod excel;
pub mod keys;
mod master_form;
mod milestone_form;
mod milestone_view;
mod overview;
mod price_list_form;
mod project_form;
mod project_list;
mod project_rates;
mod rates_text;
mod status_change;

pub use account_form::{AccountQuestion, EditAccount, NewAccount};
pub use cost_rate_form::{DeleteCostRate, EditCostRate, NewCostRate};
pub use cost_rates_view::CostRates;
pub use milestone_form::{DeleteMilestone, EditMilestone, NewMilestone};
pub use milestone_view::ProjectMilestones;
pub use overview::{ProjectOverview, open_project_history};
pub use price_list_form::{EditPriceList, NewPriceList, PriceListQuestion};
pub use project_form::{EditProject, NewProject};
pub use project_list::{ProjectSource, Projects, TITLE};
pub use project_rates::ProjectRates;
pub use status_change::ChangeStatus;

use super::background::{Answer, FileJob};
use super::keymap::{Cmd, Context};
use super::screen::{Handled, Screen, ScreenEntry};
use super::work::Ctx;
use crate::domain::rights::Action;
use crate::store::StoreError;
use crate::store::project_list::ProjectRow;
use crossterm::event::KeyEvent;

pub const SCREEN: ScreenEntry = ScreenEntry {
    title: TITLE,
    short_title: "Projects",
    name: "projects",
    contexts: &[
        keys::PROJECTS,
        keys::OVERVIEW,
        keys::PROJECT_MILESTONES,
        keys::COST_RATES,
    ],
    make: |_| Box::new(Projects::default()),
};

impl Projects {
    /// The name of the price list of project `id` (empty: none).
    fn price_list_name(&self, store: &crate::store::Store, id: i64) -> Result<String, StoreError> {
        let project = store.project(id)?;
        Ok(match project.price_list_id {
            Some(list) => store.price_list(list)?.name,
            None => String::new(),
        })
    }

    /// A command on the project under the cursor.
    fn run_on(&mut self, cmd: Cmd, row: &ProjectRow, cx: &mut Ctx) -> Handled {
        match cmd {
            Cmd::Open => {
                if let Some(view) = cx.report(ProjectOverview::load(cx.store, row.id)) {
                    cx.open_view(view);
                }
            }
            Cmd::Milestones => {
                if let Some(view) = cx.report(ProjectMilestones::load(cx.store, row.id)) {
                    cx.open_view(view);
                }
            }
            Cmd::History => open_project_history(row, cx),
            Cmd::Edit | Cmd::Rates | Cmd::Launch | Cmd::CloseProject => {
                if !cx.allowed(Action::EditMasterData) {
                    return Handled::Yes;
                }
                match cmd {
                    Cmd::Launch => status_change::ask_launch(row, cx),
                    Cmd::CloseProject => status_change::ask_close(row, cx),
                    Cmd::Rates => {
                        if let Some(p) = cx.report(cx.store.project(row.id)) {
                            project_rates::open_rates_form(&p, cx);
                        }
                    }
                    _ => {
                        let Some(p) = cx.report(cx.store.project(row.id)) else {
                            return Handled::Yes;
                        };
                        let Some(list) = cx.report(self.price_list_name(cx.store, row.id)) else {
                            return Handled::Yes;
                        };
                        let list = Some(list.as_str()).filter(|l| !l.is_empty());
                        let form = project_form::edit_project_form(&p, &row.account, list);
                        let version = p.version;
                        cx.open_form(form, EditProject { id: p.id, version });
                    }
                }
            }
            _ => return Handled::No,
        }
        Handled::Yes
    }
}

impl Screen for Projects {
    fn keys(&self) -> Context {
        self.list.keys(keys::PROJECTS)
    }

    fn load(&mut self, cx: &mut Ctx) -> Result<(), StoreError> {
        self.list.load(cx)
    }

    fn refresh(&mut self, cx: &mut Ctx, shown: bool) -> Result<(), StoreError> {
        self.list.refresh(cx, shown)
    }

    fn set_height(&mut self, rows: usize) {
        self.view.set_height(rows);
    }

    fn run(&mut self, cmd: Cmd, cx: &mut Ctx) -> Handled {
        if self.list.run(cmd, cx) == Handled::Yes {
            return Handled::Yes;
        }
        match cmd {
            Cmd::New => {
                if cx.allowed(Action::EditMasterData) {
                    let me = cx.store.actor().name.clone();
                    cx.open_form(project_form::new_project_form(&me), NewProject);
                }
            }
            Cmd::Accounts => {
                if cx.allowed(Action::EditMasterData) {
                    let current = self.view.current().map(|r| r.account.clone());
                    account_form::ask_account(&current.unwrap_or_default(), cx);
                }
            }
            Cmd::CostRates => {
                if let Some(view) = cx.report(CostRates::load(cx.store)) {
                    let n = view.rows.len();
                    cx.open_view(view);
                    cx.info(format!(
                        "{n} cost rate(s): n adds one, e changes, Delete deletes"
                    ));
                }
            }
            Cmd::PriceLists => {
                if cx.allowed(Action::EditMasterData) {
                    let current = self.view.current().map(|r| r.id);
                    let name = match current {
                        Some(id) => cx.report(self.price_list_name(cx.store, id)),
                        None => Some(String::new()),
                    };
                    if let Some(name) = name {
                        price_list_form::ask_price_list(&name, cx);
                    }
                }
            }
            Cmd::Open
            | Cmd::Milestones
            | Cmd::History
            | Cmd::Edit
            | Cmd::Rates
            | Cmd::Launch
            | Cmd::CloseProject => {
                let Some(row) = self.view.current().cloned() else {
                    cx.error("no project here yet: n makes one, or finctl import projects FILE");
                    return Handled::Yes;
                };
                return self.run_on(cmd, &row, cx);
            }
            _ => return Handled::No,
        }
        Handled::Yes
    }

    fn type_key(&mut self, ev: &KeyEvent, cx: &mut Ctx) {
        self.list.type_filter_key(ev, cx);
    }

    fn paste(&mut self, line: &str, cx: &mut Ctx) {
        self.list.paste_filter(line, cx);
    }

    fn is_filtering(&self) -> bool {
        self.filtering
    }

    fn query_failed(&mut self) {
        self.filtering = false;
    }

    fn answer(&mut self, answer: Answer) {
        self.list.answer(answer);
    }

    fn excel(&self, _today: chrono::NaiveDate) -> Result<FileJob, String> {
        Ok(excel::excel_job(self.filter.clone()))
    }
}
