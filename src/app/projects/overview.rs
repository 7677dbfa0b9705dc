//! A project's billing overview, opened with Enter on the projects list: its items by billing
//! rule and status, its billing plan, contract lines and milestones, and what was invoiced and
//! credited. Read in one go; scrolled with the usual motions.

use super::super::history::{Root, open_history};
use super::super::keymap::{Cmd, Context};
use super::super::work::{Ctx, View, ViewStep};
use super::keys::OVERVIEW;
use crate::domain::object_kind::ObjectKind;
use crate::store::project_list::ProjectRow;
use crate::store::project_overview::ProjectOverview as StoreOverview;
use crate::store::{Result, Store, StoreError};

pub struct ProjectOverview {
    pub overview: StoreOverview,
    pub scroll: u16,
}

impl ProjectOverview {
    pub fn load(store: &Store, project_id: i64) -> Result<ProjectOverview> {
        Ok(ProjectOverview {
            overview: store.project_overview(project_id)?,
            scroll: 0,
        })
    }

    /// How far it can scroll: its lines, with headings and gaps, past the first screen.
    pub fn max_scroll(&self) -> u16 {
        let o = &self.overview;
        let lines = 20 + o.items.len() + o.plan.len() + o.contract_lines.len() + o.milestones.len();
        lines.min(u16::MAX as usize) as u16
    }
}

/// `H` on a project (its row, its overview): its history and its account's, each labelled.
pub fn open_project_history(row: &ProjectRow, cx: &mut Ctx) {
    open_history(
        format!("project {} and its account {}", row.code, row.account),
        vec![
            Root::Object(ObjectKind::Project, row.id),
            Root::Object(ObjectKind::Account, row.account_id),
        ],
        cx,
    );
}

impl View for ProjectOverview {
    fn keys(&self) -> Context {
        OVERVIEW
    }

    fn run(&mut self, cmd: Cmd, cx: &mut Ctx) -> ViewStep {
        let max = self.max_scroll();
        match cmd {
            Cmd::Back => return ViewStep::Close,
            Cmd::Down => self.scroll = self.scroll.saturating_add(1).min(max),
            Cmd::Up => self.scroll = self.scroll.saturating_sub(1),
            Cmd::PageDown => self.scroll = self.scroll.saturating_add(10).min(max),
            Cmd::PageUp => self.scroll = self.scroll.saturating_sub(10),
            Cmd::Top => self.scroll = 0,
            Cmd::Bottom => self.scroll = max,
            Cmd::History => open_project_history(&self.overview.project, cx),
            _ => return ViewStep::NotHere,
        }
        ViewStep::Stay
    }

    fn reload(&mut self, store: &Store) -> Result<bool> {
        match store.project_overview(self.overview.project.id) {
            Ok(fresh) => {
                self.overview = fresh;
                self.scroll = self.scroll.min(self.max_scroll());
                Ok(true)
            }
            Err(StoreError::NotFound { .. }) => Ok(false),
            Err(e) => Err(e),
        }
    }
}
