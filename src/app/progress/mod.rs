//! Screen 4, progress billing: a window of contract lines, filtered as you type, and, for the
//! line under the cursor, its periods (a line has few, so they are loaded whole). The focus is
//! on one pane or the other (`Enter`, `Esc`); keys that act on a period take the one under the
//! cursor on the periods pane, and the line's pending (or last) period on the line list.

mod estimate_forms;
mod excel;
pub mod keys;
mod line_delete;
mod line_forms;
mod lines_and_periods;
mod period_form;
mod periods;

pub use estimate_forms::{Estimated, EstimatedProgress, open_milestone_progress_form};
pub use line_delete::DeleteLine;
pub use line_forms::{EditLine, FirstPeriod, NewLine};
pub use lines_and_periods::{
    LineSource, ProgressBilling, ProgressFocus, TITLE, period_name, upper_rows,
};
pub use period_form::{Billed, PeriodForm};
pub use periods::ProgressStep;

use super::background::{Answer, FileJob};
use super::keymap::{Cmd, Context};
use super::list_view::move_index;
use super::screen::{Handled, Screen, ScreenEntry};
use super::work::Ctx;
use crate::domain::rights::Action;
use crate::store::{Result, StoreError};
use crossterm::event::KeyEvent;

pub const SCREEN: ScreenEntry = ScreenEntry {
    title: TITLE,
    short_title: "Progress",
    name: "progress billing",
    contexts: &[keys::PROGRESS_LINES, keys::PROGRESS_PERIODS],
    make: |_| Box::new(ProgressBilling::default()),
};

impl Screen for ProgressBilling {
    fn keys(&self) -> Context {
        match self.focus {
            ProgressFocus::Lines => self.lines.keys(keys::PROGRESS_LINES),
            ProgressFocus::Periods => keys::PROGRESS_PERIODS,
        }
    }

    fn load(&mut self, cx: &mut Ctx) -> Result<()> {
        self.lines.load(cx)?;
        self.load_periods(cx.store)
    }

    /// Reloads the rows around the cursor (on its line wherever it went) and its periods.
    fn refresh(&mut self, cx: &mut Ctx, shown: bool) -> Result<(), StoreError> {
        self.lines.refresh(cx, shown)?;
        self.load_periods(cx.store)
    }

    fn set_height(&mut self, rows: usize) {
        self.lines.view.set_height(upper_rows(rows));
    }

    fn type_key(&mut self, ev: &KeyEvent, cx: &mut Ctx) {
        self.lines.type_filter_key(ev, cx);
        self.show_periods(cx);
    }

    fn paste(&mut self, line: &str, cx: &mut Ctx) {
        self.lines.paste_filter(line, cx);
        self.show_periods(cx);
    }

    fn answer(&mut self, answer: Answer) {
        self.lines.answer(answer);
    }

    fn answered(&mut self, cx: &mut Ctx) {
        self.show_periods(cx);
    }

    fn is_filtering(&self) -> bool {
        self.lines.filtering
    }

    fn query_failed(&mut self) {
        self.lines.filtering = false;
    }

    fn run(&mut self, cmd: Cmd, cx: &mut Ctx) -> Handled {
        let focus = self.focus;
        // A manager edits the progress of their own projects: told at the key, not after the
        // form or the dialog.
        let edits_line = match cmd {
            Cmd::New => focus == ProgressFocus::Periods,
            Cmd::EditLine
            | Cmd::SetProgress
            | Cmd::Refresh
            | Cmd::Edit
            | Cmd::Validate
            | Cmd::Unvalidate
            | Cmd::Delete
            | Cmd::DeleteWhole => true,
            _ => false,
        };
        if edits_line
            && let Some(row) = self.lines.view.current()
            && !cx.allowed_on_project_code(Action::EditProgress, &row.project_code)
        {
            return Handled::Yes;
        }
        match cmd {
            _ if cmd.is_motion() && focus == ProgressFocus::Lines => {
                self.lines.move_cursor(cmd, cx);
                self.show_periods(cx);
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
            // The filter is the line list's: from the periods the focus goes back to it.
            Cmd::Filter => {
                self.focus = ProgressFocus::Lines;
                self.lines.run(cmd, cx);
            }
            Cmd::Back if focus == ProgressFocus::Periods => self.focus = ProgressFocus::Lines,
            Cmd::Back if self.lines.filter_text().is_empty() => {
                cx.info("nothing to go back from: no filter")
            }
            Cmd::Back => {
                self.lines.run(cmd, cx);
                self.show_periods(cx);
            }
            Cmd::New if focus == ProgressFocus::Lines => line_forms::open_new_line_form(self, cx),
            Cmd::New => self.add_period(cx),
            Cmd::EditLine => line_forms::open_line_edit_form(self, cx),
            Cmd::SetProgress => estimate_forms::open_line_progress_form(self, cx),
            Cmd::Refresh => self.refresh_pending(cx),
            Cmd::Edit => self.edit_pending(cx),
            Cmd::Validate => self.ask_validate(cx),
            Cmd::Unvalidate => self.ask_unvalidate(cx),
            Cmd::Delete => self.ask_delete_period(cx),
            Cmd::DeleteWhole => line_delete::ask_delete_line(self, cx),
            Cmd::History => self.open_history(cx),
            _ => return Handled::No,
        }
        Handled::Yes
    }

    fn excel(&self, _today: chrono::NaiveDate) -> std::result::Result<FileJob, String> {
        match self.focus {
            ProgressFocus::Lines => Ok(excel::contract_lines(self.lines.filter.clone())),
            ProgressFocus::Periods => excel::periods(self),
        }
    }
}
