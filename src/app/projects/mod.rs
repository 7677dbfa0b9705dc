//! Screen 7, projects: the company's projects with their account, status, currency, start,
//! manager, milestones and sums, filtered as you type; Enter shows a project's billing.

mod excel;
pub mod keys;
mod overview;
mod project_list;

pub use overview::ProjectOverview;
pub use project_list::{ProjectSource, Projects, TITLE};

use super::background::{Answer, FileJob};
use super::keymap::{Cmd, Context};
use super::screen::{Handled, Screen, ScreenEntry};
use super::work::Ctx;
use crate::store::StoreError;
use crossterm::event::KeyEvent;

pub const SCREEN: ScreenEntry = ScreenEntry {
    title: TITLE,
    short_title: "Projects",
    name: "projects",
    contexts: &[keys::PROJECTS, keys::OVERVIEW],
    make: |_| Box::new(Projects::default()),
};

impl Screen for Projects {
    fn keys(&self) -> Context {
        self.list.keys(keys::PROJECTS)
    }

    fn load(&mut self, cx: &mut Ctx) -> Result<(), StoreError> {
        self.list.load(cx)
    }

    fn refresh(&mut self, cx: &mut Ctx, _shown: bool) -> Result<(), StoreError> {
        self.list.refresh(cx)
    }

    fn set_height(&mut self, rows: usize) {
        self.view.set_height(rows);
    }

    fn run(&mut self, cmd: Cmd, cx: &mut Ctx) -> Handled {
        if self.list.run(cmd, cx) == Handled::Yes {
            return Handled::Yes;
        }
        match cmd {
            Cmd::Open => {
                let Some(row) = self.view.current().cloned() else {
                    cx.error("nothing to open: no project here yet");
                    return Handled::Yes;
                };
                if let Some(view) = cx.report(ProjectOverview::load(cx.store, row.id)) {
                    cx.open_view(view);
                }
            }
            _ => return Handled::No,
        }
        Handled::Yes
    }

    fn type_key(&mut self, ev: &KeyEvent, cx: &mut Ctx) {
        self.list.type_filter_key(ev, cx);
    }

    fn is_filtering(&self) -> bool {
        self.filtering
    }

    fn answer(&mut self, answer: Answer) {
        self.list.answer(answer);
    }

    fn excel(&self, _today: chrono::NaiveDate) -> Result<FileJob, String> {
        Ok(excel::excel_job(self.filter.clone()))
    }
}
