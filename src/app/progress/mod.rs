//! Screen 4, progress billing: a window of contract lines and, for the line under the cursor,
//! its periods (a line has few, so they are loaded whole). The focus is on one pane or the
//! other (`Enter`, `Esc`); keys that act on a period take the one under the cursor on the
//! periods pane, and the line's pending (or last) period on the line list.

mod estimate_forms;
mod excel;
pub mod keys;
mod line_forms;
mod period_form;
mod periods;

pub use estimate_forms::{MilestoneProgress, ProjectProgress, open_milestone_progress_form};
pub use excel::state_label;
pub use line_forms::{EditLine, FirstPeriod, NewLine};
pub use period_form::{Billed, PeriodForm};
pub use periods::ProgressStep;

use super::background::FileJob;
use super::ctx::Ctx;
use super::keymap::{Cmd, Context};
use super::list_view::{Keyed, ListView, move_index, move_view};
use super::screen::{Handled, Screen, ScreenEntry};
use crate::store::progress::{ContractLine, ProgressState, ProgressStatus};
use crate::store::progress_list::ProgressLineRow;
use crate::store::{Result, Store, StoreError};

pub const SCREEN: ScreenEntry = ScreenEntry {
    title: "Progress",
    short_title: "Progress",
    name: "progress billing",
    contexts: &[keys::PROGRESS_LINES, keys::PROGRESS_PERIODS],
    make: |_| Box::new(ProgressBilling::default()),
};

impl Keyed for ProgressLineRow {
    type Key = i64;
    fn key(&self) -> i64 {
        self.id
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressFocus {
    Lines,
    Periods,
}

#[derive(Debug, Clone)]
pub struct ProgressBilling {
    pub lines: ListView<ProgressLineRow>,
    /// The line under the cursor, whole, and its periods.
    pub line: Option<ContractLine>,
    pub periods: Vec<ProgressStatus>,
    pub period_cursor: usize,
    pub focus: ProgressFocus,
}

impl Default for ProgressBilling {
    fn default() -> Self {
        ProgressBilling {
            lines: ListView::default(),
            line: None,
            periods: Vec::new(),
            period_cursor: 0,
            focus: ProgressFocus::Lines,
        }
    }
}

/// "period 3 (2026-09-01 to 2026-09-30)".
pub fn period_name(p: &ProgressStatus) -> String {
    format!("period {} ({} to {})", p.seq, p.period_start, p.period_end)
}

/// Rows of the upper list on the split screens (progress, milestones) when a full list would
/// show `rows`: about half, the rest is for the lower pane and its header and title.
pub fn upper_rows(rows: usize) -> usize {
    rows.div_ceil(2).saturating_sub(1).max(1)
}

impl ProgressBilling {
    /// Loads the periods of the line under the cursor (after a move or a change). The period
    /// cursor stays on the same period when it still exists.
    pub fn load_periods(&mut self, store: &Store) -> Result<()> {
        let kept = self.periods.get(self.period_cursor).map(|p| p.id);
        let Some(row) = self.lines.current() else {
            self.line = None;
            self.periods.clear();
            self.period_cursor = 0;
            return Ok(());
        };
        let same_line = self.line.as_ref().is_some_and(|l| l.id == row.id);
        self.line = Some(store.contract_line(row.id)?);
        self.periods = store.progress_statuses(row.id)?;
        self.period_cursor = match (same_line, kept) {
            (true, Some(id)) => self
                .periods
                .iter()
                .position(|p| p.id == id)
                .unwrap_or(self.periods.len().saturating_sub(1)),
            // A new line opens on its latest period: the one being worked on.
            _ => self.periods.len().saturating_sub(1),
        };
        Ok(())
    }

    pub fn pending(&self) -> Option<&ProgressStatus> {
        self.periods
            .iter()
            .find(|p| p.state == ProgressState::Pending)
    }

    pub fn last_validated(&self) -> Option<&ProgressStatus> {
        self.periods
            .iter()
            .rev()
            .find(|p| p.state != ProgressState::Pending)
    }

    pub fn period_under_cursor(&self) -> Option<&ProgressStatus> {
        self.periods.get(self.period_cursor)
    }

    /// After a new contract line: the cursor goes to it (lines are in id order, so it is the
    /// last).
    pub fn show_new_line(&mut self, store: &Store) -> Result<()> {
        self.focus = ProgressFocus::Lines;
        move_view(&mut self.lines, Cmd::Bottom, &mut |b, n| {
            store.progress_line_rows(b, n)
        })?;
        self.load_periods(store)
    }

    fn move_lines(&mut self, cmd: Cmd, store: &Store) -> Result<()> {
        move_view(&mut self.lines, cmd, &mut |b, n| {
            store.progress_line_rows(b, n)
        })?;
        self.load_periods(store)
    }
}

impl Screen for ProgressBilling {
    fn keys(&self) -> Context {
        match self.focus {
            ProgressFocus::Lines => keys::PROGRESS_LINES,
            ProgressFocus::Periods => keys::PROGRESS_PERIODS,
        }
    }

    fn load(&mut self, cx: &mut Ctx) -> Result<()> {
        let store = &*cx.store;
        self.lines.set_total(store.contract_line_count()?);
        self.lines.top(&mut |b, n| store.progress_line_rows(b, n))?;
        self.load_periods(store)
    }

    /// Reloads the rows around the cursor and the periods of its line.
    fn refresh(&mut self, cx: &mut Ctx, _shown: bool) -> Result<(), StoreError> {
        let store = &*cx.store;
        self.lines.set_total(store.contract_line_count()?);
        self.lines
            .reload(&mut |b, n| store.progress_line_rows(b, n))?;
        self.load_periods(store)
    }

    fn set_height(&mut self, rows: usize) {
        self.lines.set_height(upper_rows(rows));
    }

    fn run(&mut self, cmd: Cmd, cx: &mut Ctx) -> Handled {
        let focus = self.focus;
        match cmd {
            _ if cmd.is_motion() && focus == ProgressFocus::Lines => {
                let r = self.move_lines(cmd, cx.store);
                cx.report(r);
            }
            _ if cmd.is_motion() => {
                // The periods are few: a page is all of them.
                self.period_cursor =
                    move_index(self.period_cursor, self.periods.len(), usize::MAX, cmd);
            }
            Cmd::Open => {
                if self.line.is_none() {
                    cx.error("no contract line here: n adds one");
                    return Handled::Yes;
                }
                self.focus = ProgressFocus::Periods;
                if self.periods.is_empty() {
                    cx.info("the line has no period yet: n adds the first");
                }
            }
            Cmd::Back => self.focus = ProgressFocus::Lines,
            Cmd::New if focus == ProgressFocus::Lines => line_forms::open_new_line_form(self, cx),
            Cmd::New => self.add_period(cx),
            Cmd::EditLine => line_forms::open_line_edit_form(self, cx),
            Cmd::SetProgress => estimate_forms::open_line_progress_form(self, cx),
            Cmd::Refresh => self.refresh_pending(cx),
            Cmd::Edit => self.edit_pending(cx),
            Cmd::Validate => self.ask_validate(cx),
            Cmd::Unvalidate => self.ask_unvalidate(cx),
            Cmd::Delete => self.ask_delete_period(cx),
            _ => return Handled::No,
        }
        Handled::Yes
    }

    fn excel(&self, _today: chrono::NaiveDate) -> std::result::Result<FileJob, String> {
        match self.focus {
            ProgressFocus::Lines => Ok(excel::contract_lines()),
            ProgressFocus::Periods => excel::periods(self),
        }
    }
}
