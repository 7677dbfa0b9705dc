//! What the keys of the progress screen do: move on either pane, add lines and periods,
//! refresh, edit, validate, unvalidate and delete periods (after a dialog), set progress.

use super::dialog::{Pending, ProgressStep};
use super::format::amount;
use super::keymap::Cmd;
use super::list_actions::move_view;
use super::progress_screen::ProgressFocus;
use super::state::App;
use crate::store::StoreError;
use crate::store::progress::{ProgressState, ProgressStatus};

/// "period 3 (2026-09-01 to 2026-09-30)".
pub fn period_name(p: &ProgressStatus) -> String {
    format!("period {} ({} to {})", p.seq, p.period_start, p.period_end)
}

impl App {
    pub(super) fn load_progress(&mut self) -> Result<(), StoreError> {
        let store = &self.store;
        let p = &mut self.progress;
        p.lines.set_total(store.contract_line_count()?);
        p.lines.top(&mut |b, n| store.progress_line_rows(b, n))?;
        p.load_periods(store)
    }

    /// Reloads the rows around the cursor and the periods of its line (after any change).
    pub(super) fn refresh_progress(&mut self) {
        let store = &self.store;
        let p = &mut self.progress;
        let result = store.contract_line_count().and_then(|n| {
            p.lines.set_total(n);
            p.lines.reload(&mut |b, n| store.progress_line_rows(b, n))?;
            p.load_periods(store)
        });
        self.report(result);
    }

    pub(super) fn progress_cmd(&mut self, cmd: Cmd) {
        let focus = self.progress.focus;
        match cmd {
            Cmd::Down | Cmd::Up | Cmd::PageDown | Cmd::PageUp | Cmd::Top | Cmd::Bottom => {
                if focus == ProgressFocus::Lines {
                    let store = &self.store;
                    let p = &mut self.progress;
                    let result = move_view(&mut p.lines, cmd, &mut |b, n| {
                        store.progress_line_rows(b, n)
                    })
                    .and_then(|_| p.load_periods(store));
                    self.report(result);
                } else {
                    self.move_period_cursor(cmd);
                }
            }
            Cmd::Open => {
                if self.progress.line.is_none() {
                    return self.error("no contract line here: n adds one");
                }
                self.progress.focus = ProgressFocus::Periods;
                if self.progress.periods.is_empty() {
                    self.info("the line has no period yet: n adds the first");
                }
            }
            Cmd::Back => self.progress.focus = ProgressFocus::Lines,
            Cmd::New if focus == ProgressFocus::Lines => self.open_new_line_form(),
            Cmd::New => self.add_period(),
            Cmd::EditLine => self.open_line_edit_form(),
            Cmd::SetProgress => self.open_line_progress_form(),
            Cmd::Refresh => self.refresh_pending(),
            Cmd::Edit if self.progress.line.is_none() => {
                self.error("no contract line here: n adds one")
            }
            Cmd::Edit => match self.progress.pending().cloned() {
                Some(p) if self.cursor_period_or(&p).id == p.id => {
                    self.open_progress_edit_form(&p)
                }
                Some(_) => self.error(
                    "only the pending period can be edited: a validated one is unvalidated first (u)",
                ),
                None => self.error("the line has no pending period: n adds the next one"),
            },
            Cmd::Validate => self.ask_validate(),
            Cmd::Unvalidate => self.ask_unvalidate(),
            Cmd::Delete => self.ask_delete_period(),
            _ => {}
        }
    }

    /// On the periods pane, the period under the cursor; on the line list, `fallback`.
    fn cursor_period_or<'a>(&'a self, fallback: &'a ProgressStatus) -> &'a ProgressStatus {
        match self.progress.focus {
            ProgressFocus::Periods => self.progress.period_under_cursor().unwrap_or(fallback),
            ProgressFocus::Lines => fallback,
        }
    }

    fn move_period_cursor(&mut self, cmd: Cmd) {
        let p = &mut self.progress;
        let last = p.periods.len().saturating_sub(1);
        p.period_cursor = match cmd {
            Cmd::Down => (p.period_cursor + 1).min(last),
            Cmd::Up => p.period_cursor.saturating_sub(1),
            Cmd::PageDown | Cmd::Bottom => last,
            _ => 0,
        };
    }

    fn add_period(&mut self) {
        let Some(line) = self.progress.line.clone() else {
            return self.error("no contract line here: n on the line list adds one");
        };
        if let Some(p) = self.progress.pending() {
            return self.error(format!(
                "{} is still pending: validate or delete it before the next (one pending period per line)",
                period_name(p)
            ));
        }
        if self.progress.periods.is_empty() {
            return self.open_first_period_form(&line);
        }
        // The next period follows the last one; the start given here is not used.
        let result = self.store.add_progress_status(line.id, self.today);
        if let Some(id) = self.report(result) {
            self.refresh_progress();
            let p = &mut self.progress;
            p.period_cursor = p.periods.iter().position(|s| s.id == id).unwrap_or(0);
            if let Some(s) = p.period_under_cursor() {
                let msg = format!(
                    "{} added, pending: R refreshes it, e edits it",
                    period_name(s)
                );
                self.info(msg);
            }
        }
    }

    fn refresh_pending(&mut self) {
        if self.progress.line.is_none() {
            return self.error("no contract line here: n adds one");
        }
        let Some(p) = self.progress.pending().cloned() else {
            return self.error("the line has no pending period to refresh: n adds the next one");
        };
        let result = self.store.refresh_progress(p.id, p.version);
        if self.report(result).is_some() {
            self.refresh_all();
            if let Some(now) = self.progress.pending() {
                let msg = format!(
                    "{} refreshed: estimated {} %, bills {} % = {}",
                    period_name(now),
                    now.estimated.percent.normalize(),
                    now.billed.percent.normalize(),
                    amount(now.billed.amount)
                );
                self.info(msg);
            }
        }
    }

    fn ask_validate(&mut self) {
        let target = match self.progress.focus {
            ProgressFocus::Periods => self.progress.period_under_cursor().cloned(),
            ProgressFocus::Lines => self.progress.pending().cloned(),
        };
        if self.progress.line.is_none() {
            return self.error("no contract line here: n adds one");
        }
        let Some(p) = target else {
            return self.error("no pending period to validate: n adds the next one");
        };
        if p.state != ProgressState::Pending {
            return self.error(format!("{} is validated already", period_name(&p)));
        }
        if p.refresh_requested {
            return self.error(format!(
                "{} asks for a refresh (its line changed): R refreshes it, then validate",
                period_name(&p)
            ));
        }
        if let Err(e) = crate::domain::progress::check_validate(&p.billed) {
            return self.error(format!("{} cannot be validated: {}", period_name(&p), e.0));
        }
        let currency = self
            .progress
            .line
            .as_ref()
            .map(|l| l.currency.code().to_string());
        self.ask(
            "Validate period",
            vec![
                format!("Validate {}?", period_name(&p)),
                format!(
                    "It bills {} % ({} units): {} {}.",
                    p.billed.percent.normalize(),
                    p.billed.quantity.normalize(),
                    currency.unwrap_or_default(),
                    amount(p.billed.amount)
                ),
                format!(
                    "A billable revenue item is made for it, planned on {}.",
                    p.invoice_date
                ),
            ],
            Pending::Progress(ProgressStep::Validate {
                id: p.id,
                version: p.version,
            }),
        );
    }

    fn ask_unvalidate(&mut self) {
        let target = match self.progress.focus {
            ProgressFocus::Periods => self.progress.period_under_cursor().cloned(),
            ProgressFocus::Lines => self.progress.last_validated().cloned(),
        };
        if self.progress.line.is_none() {
            return self.error("no contract line here: n adds one");
        }
        let Some(p) = target else {
            return self.error("no validated period on this line");
        };
        match p.state {
            ProgressState::Pending => {
                return self.error(format!("{} is not validated", period_name(&p)));
            }
            ProgressState::Invoiced => {
                return self.error(format!(
                    "{} is on an invoice: it stays validated for good",
                    period_name(&p)
                ));
            }
            ProgressState::ToBeInvoiced => {}
        }
        match self.progress.periods.iter().find(|s| s.seq > p.seq) {
            Some(next) if next.state != ProgressState::Pending => {
                return self.error(format!(
                    "the next period ({}) is validated: unvalidate it first",
                    next.seq
                ));
            }
            // One pending period per line: the one after it has to go first.
            Some(next) => {
                return self.error(format!(
                    "the next period ({}) is pending: delete it first (Delete), then unvalidate",
                    next.seq
                ));
            }
            None => {}
        }
        self.ask(
            "Unvalidate period",
            vec![
                format!("Unvalidate {}?", period_name(&p)),
                format!(
                    "Its revenue item {} goes back into the line's forecast.",
                    p.revenue_item_id.unwrap_or_default()
                ),
            ],
            Pending::Progress(ProgressStep::Unvalidate {
                id: p.id,
                version: p.version,
            }),
        );
    }

    fn ask_delete_period(&mut self) {
        let target = match self.progress.focus {
            ProgressFocus::Periods => self.progress.period_under_cursor().cloned(),
            ProgressFocus::Lines => self.progress.periods.last().cloned(),
        };
        if self.progress.line.is_none() {
            return self.error("no contract line here: n adds one");
        }
        let Some(p) = target else {
            return self.error("the line has no period to delete");
        };
        if self.progress.periods.last().map(|l| l.id) != Some(p.id) {
            return self.error("only the last period of a line can be deleted");
        }
        if p.state != ProgressState::Pending {
            return self.error(format!(
                "{} is validated: unvalidate it first (u), then delete it",
                period_name(&p)
            ));
        }
        self.ask(
            "Delete period",
            vec![format!("Delete {}? Its figures are lost.", period_name(&p))],
            Pending::Progress(ProgressStep::Delete {
                id: p.id,
                version: p.version,
            }),
        );
    }

    /// After a new contract line: the cursor goes to it (lines are in id order, so it is
    /// the last).
    pub(super) fn show_new_line(&mut self) {
        let store = &self.store;
        let p = &mut self.progress;
        p.focus = ProgressFocus::Lines;
        let result = move_view(&mut p.lines, Cmd::Bottom, &mut |b, n| {
            store.progress_line_rows(b, n)
        })
        .and_then(|_| p.load_periods(store));
        self.report(result);
    }

    pub(super) fn progress_step(&mut self, step: ProgressStep) {
        let result = match step {
            ProgressStep::Validate { id, version } => self
                .store
                .validate_progress(id, version)
                .map(|item| format!("period validated: revenue item {item} is billable")),
            ProgressStep::Unvalidate { id, version } => {
                self.store.unvalidate_progress(id, version).map(|_| {
                    "period unvalidated: pending again, its item is back in the forecast".into()
                })
            }
            ProgressStep::Delete { id, version } => self
                .store
                .delete_progress_status(id, version)
                .map(|_| "period deleted".to_string()),
        };
        if let Some(msg) = self.report(result) {
            self.refresh_all();
            self.info(msg);
        }
    }
}
