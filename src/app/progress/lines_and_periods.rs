//! The progress screen's state: a window of contract lines and, for the line under the cursor,
//! its periods (a line has few, so they are loaded whole), and which pane has the focus.

use super::super::history::{Root, open_history};
use super::super::keymap::Cmd;
use super::super::list_view::{Keyed, ListView, move_view};
use super::super::work::Ctx;
use crate::domain::object_kind::ObjectKind;
use crate::domain::progress_state::ProgressState;
use crate::store::progress::{ContractLine, ProgressStatus};
use crate::store::progress_list::ProgressLineRow;
use crate::store::{Result, Store};

pub const TITLE: &str = "Progress";

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

    /// `H`: on the lines, the line's history with its periods'; on the periods, the period's.
    pub(super) fn open_history(&self, cx: &mut Ctx) {
        let Some(row) = self.lines.current() else {
            return cx.error("no contract line here: n adds one");
        };
        match self.focus {
            ProgressFocus::Lines => open_history(
                format!(
                    "contract line {} ({}) and its periods",
                    row.id, row.project_code
                ),
                vec![Root::Object(ObjectKind::ContractLine, row.id)],
                cx,
            ),
            ProgressFocus::Periods => match self.period_under_cursor() {
                Some(p) => open_history(
                    format!("{} of contract line {}", period_name(p), row.id),
                    vec![Root::Object(ObjectKind::ProgressStatus, p.id)],
                    cx,
                ),
                None => cx.error("the line has no period yet: n adds the first"),
            },
        }
    }

    pub(super) fn move_lines(&mut self, cmd: Cmd, store: &Store) -> Result<()> {
        move_view(&mut self.lines, cmd, &mut |b, n| {
            store.progress_line_rows(b, n)
        })?;
        self.load_periods(store)
    }
}
