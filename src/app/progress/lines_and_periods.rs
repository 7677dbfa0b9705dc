//! The progress screen's state: a window of contract lines (a filtered list: `/` narrows it as
//! you type) and, for the line under the cursor, its periods (a line has few, so they are
//! loaded whole), and which pane has the focus.

use super::super::background::{Answer, Query};
use super::super::filtered_list::{FilteredList, ListSource};
use super::super::history::{Root, open_history};
use super::super::keymap::Cmd;
use super::super::list_view::{Keyed, move_view};
use super::super::selection::Picked;
use super::super::work::Ctx;
use crate::domain::filter_query::{self, ListKind};
use crate::domain::object_kind::ObjectKind;
use crate::domain::progress_state::ProgressState;
use crate::store::list_query::Bound;
use crate::store::progress::{ContractLine, ProgressStatus};
use crate::store::progress_list::{LineFilter, ProgressLineRow};
use crate::store::{Result, Store};

pub const TITLE: &str = "Progress";

impl Keyed for ProgressLineRow {
    type Key = i64;
    fn key(&self) -> i64 {
        self.id
    }
}

/// Contract lines as the progress screen lists them.
pub struct LineSource;

impl ListSource for LineSource {
    type Row = ProgressLineRow;
    type Filter = LineFilter;

    fn rows(
        store: &Store,
        filter: &LineFilter,
        bound: &Bound<i64>,
        limit: usize,
    ) -> Result<Vec<ProgressLineRow>> {
        store.progress_line_rows(filter, bound, limit)
    }

    fn text(filter: &LineFilter) -> &str {
        &filter.text
    }

    fn check(text: &str) -> std::result::Result<(), String> {
        filter_query::parse(text, ListKind::ContractLines)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    fn text_mut(filter: &mut LineFilter) -> &mut String {
        &mut filter.text
    }

    fn totals(filter: &LineFilter) -> Query {
        Query::LineTotals(filter.clone())
    }

    fn first_rows(filter: &LineFilter, limit: usize) -> Query {
        Query::LineWindow(filter.clone(), limit)
    }

    fn rows_of(answer: Answer) -> Option<(Vec<ProgressLineRow>, usize)> {
        match answer {
            Answer::LineRows(rows, limit) => Some((rows, limit)),
            _ => None,
        }
    }

    fn id(row: &ProgressLineRow) -> i64 {
        row.id
    }

    fn key_of(store: &Store, id: i64) -> Result<Option<i64>> {
        store.contract_line_key(id)
    }

    fn describe(row: &ProgressLineRow) -> String {
        format!("contract line {} ({})", row.id, row.project_code)
    }

    fn picked(row: &ProgressLineRow) -> Picked {
        Picked {
            version: row.version,
            amount: row.total,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressFocus {
    Lines,
    Periods,
}

pub struct ProgressBilling {
    pub lines: FilteredList<LineSource>,
    /// The line under the cursor, whole, and its periods.
    pub line: Option<ContractLine>,
    pub periods: Vec<ProgressStatus>,
    pub period_cursor: usize,
    pub focus: ProgressFocus,
}

impl Default for ProgressBilling {
    fn default() -> Self {
        ProgressBilling {
            lines: FilteredList::new(TITLE, LineFilter::default()),
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
        let Some(row) = self.lines.view.current() else {
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

    /// Reads the periods of the line now under the cursor (after a move or a new filter);
    /// what goes wrong is said on the status line.
    pub(super) fn show_periods(&mut self, cx: &mut Ctx) {
        let r = self.load_periods(cx.store);
        cx.report(r);
    }

    /// `H`: on the lines, the line's history with its periods'; on the periods, the period's.
    pub(super) fn open_history(&self, cx: &mut Ctx) {
        let Some(row) = self.lines.view.current() else {
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

    /// After a new contract line: the cursor goes to it (lines are in id order, so it is the
    /// last). A kept filter that hides it is cleared; whether it was.
    pub fn show_new_line(&mut self, id: i64, cx: &mut Ctx) -> Result<bool> {
        self.focus = ProgressFocus::Lines;
        self.bottom(cx.store)?;
        let hidden = self.lines.view.current().map(|r| r.id) != Some(id);
        let cleared = hidden && !self.lines.filter_text().is_empty();
        if cleared {
            self.lines.filter.text.clear();
            self.lines.load(cx)?;
            self.bottom(cx.store)?;
        }
        self.load_periods(cx.store)?;
        Ok(cleared)
    }

    fn bottom(&mut self, store: &Store) -> Result<()> {
        let filter = &self.lines.filter;
        move_view(&mut self.lines.view, Cmd::Bottom, &mut |b, n| {
            store.progress_line_rows(filter, b, n)
        })
    }
}
