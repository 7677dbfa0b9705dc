//! Screen 6, revenue and billing by month: forecast, billing, revenue (with manual adjustments)
//! and their difference, the cost of the time reported, the margin and billable utilisation, per
//! project, account, business unit or person, one currency at a time, narrowed as you type to
//! some of them (`/`); what a figure is made of opens over it. Summed when shown,
//! and again after a change only while on screen (otherwise when next shown).

mod breakdown;
mod excel;
pub mod keys;
mod report;
mod report_filter;
mod report_forms;

pub use breakdown::{Breakdown, Source};
pub use report::{Reports, chart_rows};
pub use report_forms::{DeleteAdjustment, EditAdjustment, NewAdjustment, Range};

use super::background::{Answer, FileJob};
use super::keymap::{Cmd, Context, shared};
use super::list_view::move_index;
use super::screen::{Handled, Screen, ScreenEntry};
use super::work::Ctx;
use crate::domain::report::{GroupBy, YearMonth};
use crate::store::StoreError;
use crate::store::reports::{Cell, PARTS_LIMIT};
use crossterm::event::KeyEvent;
use report_forms::{AdjustmentDefaults, open_adjustment_form, open_range_form};

pub const SCREEN: ScreenEntry = ScreenEntry {
    title: report::TITLE,
    short_title: "Reports",
    name: "the revenue and billing report",
    contexts: &[keys::REPORTS, keys::BREAKDOWN],
    make: |today| Box::new(Reports::new(today)),
};

impl Reports {
    /// Reads the report again and says `done` (or what went wrong).
    fn reload(&mut self, done: String, cx: &mut Ctx) {
        let result = self.sum(cx);
        if cx.report(result).is_some() {
            cx.info(done);
        }
    }

    fn open_figure(&mut self, cx: &mut Ctx) {
        let Some(row) = self.current() else {
            return cx.error("no figure here: this range has nothing in this currency");
        };
        let cell = Cell {
            group_by: self.query.group,
            group: row.group.clone(),
            currency: row.currency,
            month: row.month,
            measure: self.measure,
            filter: self.filter.clone(),
        };
        open_breakdown(Source::Figure(cell), cx);
    }

    /// A new adjustment goes to the project and month under the cursor (the project only when
    /// grouped by project).
    fn adjustment_defaults(&self) -> Option<AdjustmentDefaults> {
        let r = self.current()?;
        Some(AdjustmentDefaults {
            project: if self.query.group == GroupBy::Project {
                r.group.key.clone()
            } else {
                String::new()
            },
            month: r.month,
        })
    }
}

fn open_breakdown(source: Source, cx: &mut Ctx) {
    let Some(b) = cx.report(Breakdown::load(cx.store, source)) else {
        return;
    };
    let msg = match (b.parts.len(), b.truncated) {
        (0, _) => "nothing makes up this figure: it is zero".to_string(),
        (n, false) => format!("{n} line(s): Enter opens one"),
        (_, true) => format!(
            "the first {PARTS_LIMIT} lines of each kind: they add up to less than the figure"
        ),
    };
    cx.open_view(b);
    cx.info(msg);
}

impl Screen for Reports {
    fn keys(&self) -> Context {
        if self.filter_input.is_some() {
            shared::FILTER_INPUT
        } else {
            keys::REPORTS
        }
    }

    /// The report is summed when first shown (over a large database that takes a moment).
    fn load(&mut self, _cx: &mut Ctx) -> Result<(), StoreError> {
        self.stale = true;
        Ok(())
    }

    fn refresh(&mut self, cx: &mut Ctx, shown: bool) -> Result<(), StoreError> {
        if shown {
            self.sum(cx)
        } else {
            self.stale = true;
            Ok(())
        }
    }

    fn show(&mut self, cx: &mut Ctx) -> Result<(), StoreError> {
        if self.stale {
            self.sum(cx)?;
        }
        Ok(())
    }

    fn set_height(&mut self, rows: usize) {
        self.height = rows.saturating_sub(chart_rows(rows) + 1).max(1);
    }

    fn type_key(&mut self, ev: &KeyEvent, cx: &mut Ctx) {
        self.type_filter_key(ev, cx);
    }

    fn paste(&mut self, line: &str, cx: &mut Ctx) {
        self.paste_filter(line, cx);
    }

    fn answer(&mut self, answer: Answer) {
        self.take_answer(answer);
    }

    fn is_filtering(&self) -> bool {
        self.summing
    }

    fn query_failed(&mut self) {
        self.summing = false;
    }

    /// Moving the range or the grouping asks for a new sum whatever the rows shown: `]]]]`
    /// typed quickly sums once, for the last range, instead of waiting four times.
    fn goes_ahead(&self, cmd: Cmd) -> bool {
        matches!(cmd, Cmd::EarlierMonths | Cmd::LaterMonths | Cmd::GroupBy)
    }

    fn run(&mut self, cmd: Cmd, cx: &mut Ctx) -> Handled {
        match cmd {
            _ if cmd.is_motion() => {
                self.cursor = move_index(self.cursor, self.shown.len(), self.height, cmd);
            }
            Cmd::Left | Cmd::Right => {
                self.move_measure(if cmd == Cmd::Left { -1 } else { 1 });
                cx.info(format!(
                    "figure: {} (Enter lists what adds up to it)",
                    self.measure.label()
                ));
            }
            Cmd::GroupBy => {
                self.next_group();
                let done = format!("grouped by {}", self.query.group.label());
                self.reload(done, cx);
            }
            Cmd::NextCurrency => match self.next_currency() {
                Some(c) => cx.info(format!("figures in {c}")),
                None => cx.error("no figure in this range: [ and ] move it, r chooses it"),
            },
            Cmd::EarlierMonths | Cmd::LaterMonths => {
                let d = if cmd == Cmd::EarlierMonths { -1 } else { 1 };
                let (first, last) = (YearMonth::FIRST, YearMonth::LAST);
                if self.query.from.plus(d) < first || self.query.to.plus(d) > last {
                    cx.error(format!("the report covers {first} to {last}"));
                    return Handled::Yes;
                }
                self.query.from = self.query.from.plus(d);
                self.query.to = self.query.to.plus(d);
                let done = format!("{} to {}", self.query.from, self.query.to);
                self.reload(done, cx);
            }
            Cmd::Range => open_range_form(self, cx),
            Cmd::Filter => self.open_filter(),
            Cmd::Back if self.filter.text.is_empty() => {
                cx.info("nothing to go back from: no filter")
            }
            Cmd::Back => self.clear_filter(cx),
            Cmd::Open => self.open_figure(cx),
            Cmd::History => cx.info(
                "a figure has no change history of its own: Enter lists what makes it up, and H there shows each one's",
            ),
            Cmd::New => open_adjustment_form(None, self.adjustment_defaults(), cx),
            Cmd::Adjustments => {
                let q = self.query;
                open_breakdown(
                    Source::Adjustments {
                        from: q.from,
                        to: q.to,
                        group: q.group,
                        filter: self.filter.clone(),
                    },
                    cx,
                );
            }
            _ => return Handled::No,
        }
        Handled::Yes
    }

    fn excel(&self, _today: chrono::NaiveDate) -> Result<FileJob, String> {
        Ok(excel::report(self))
    }
}
