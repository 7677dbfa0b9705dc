//! What the keys do to periods: add the next, refresh the pending one from the estimated
//! progress, edit it, and validate, unvalidate or delete one after a dialog.

use super::super::work::Confirm;
use super::super::work::Ctx;
use super::super::work::ScreenAccess;
use super::lines_and_periods::{ProgressBilling, ProgressFocus, period_name};
use super::{line_forms, period_form};
use crate::domain::progress_state::ProgressState;
use crate::presentation::amount;
use crate::store::progress::ProgressStatus;

/// A step on a progress period (the dialog's yes), with the version the user saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressStep {
    Validate { id: i64, version: i64 },
    Unvalidate { id: i64, version: i64 },
    Delete { id: i64, version: i64 },
}

const NO_LINE: &str = "no contract line here: n adds one";

impl ProgressBilling {
    /// On the periods pane, the period under the cursor; on the line list, `fallback`.
    fn cursor_period_or<'a>(
        &'a self,
        fallback: Option<&'a ProgressStatus>,
    ) -> Option<&'a ProgressStatus> {
        match self.focus {
            ProgressFocus::Periods => self.period_under_cursor().or(fallback),
            ProgressFocus::Lines => fallback,
        }
    }

    pub(super) fn add_period(&mut self, cx: &mut Ctx) {
        let Some(line) = self.line.clone() else {
            return cx.error("no contract line here: n on the line list adds one");
        };
        if let Some(p) = self.pending() {
            return cx.error(format!(
                "{} is still pending: validate or delete it before the next (one pending period per line)",
                period_name(p)
            ));
        }
        if self.periods.is_empty() {
            return line_forms::open_first_period_form(&line, cx);
        }
        // The next period follows the last one; the start given here is not used.
        let result = cx.store.add_progress_status(line.id, cx.today);
        let Some(id) = cx.report(result) else {
            return;
        };
        cx.changed();
        // The periods are read now, so that the cursor can go to the new one.
        let r = self.load_periods(cx.store);
        if cx.report(r).is_none() {
            return;
        }
        self.period_cursor = self.periods.iter().position(|s| s.id == id).unwrap_or(0);
        if let Some(s) = self.period_under_cursor() {
            let msg = format!(
                "{} added, pending: R refreshes it, e edits it",
                period_name(s)
            );
            cx.info(msg);
        }
    }

    pub(super) fn refresh_pending(&mut self, cx: &mut Ctx) {
        if self.line.is_none() {
            return cx.error(NO_LINE);
        }
        let Some(p) = self.pending().cloned() else {
            return cx.error("the line has no pending period to refresh: n adds the next one");
        };
        let result = cx.store.refresh_progress(p.id, p.version);
        if cx.report(result).is_none() {
            return;
        }
        cx.changed();
        let r = self.load_periods(cx.store);
        if cx.report(r).is_none() {
            return;
        }
        if let Some(now) = self.pending() {
            let msg = format!(
                "{} refreshed: estimated {} %, bills {} % = {}",
                period_name(now),
                cx.numbers().plain(now.estimated.percent.normalize()),
                cx.numbers().plain(now.billed.percent.normalize()),
                amount(cx.numbers(), now.billed.amount)
            );
            cx.info(msg);
        }
    }

    pub(super) fn edit_pending(&mut self, cx: &mut Ctx) {
        let Some(line) = self.line.clone() else {
            return cx.error(NO_LINE);
        };
        match self.pending() {
            Some(p) if self.cursor_period_or(Some(p)).map(|c| c.id) == Some(p.id) => {
                period_form::open_period_form(&line, &self.periods, p, cx)
            }
            Some(_) => cx.error(
                "only the pending period can be edited: a validated one is unvalidated first (u)",
            ),
            None => cx.error("the line has no pending period: n adds the next one"),
        }
    }

    pub(super) fn ask_validate(&mut self, cx: &mut Ctx) {
        if self.line.is_none() {
            return cx.error(NO_LINE);
        }
        let Some(p) = self.cursor_period_or(self.pending()).cloned() else {
            return cx.error("no pending period to validate: n adds the next one");
        };
        if p.state != ProgressState::Pending {
            return cx.error(format!("{} is validated already", period_name(&p)));
        }
        if p.refresh_requested {
            return cx.error(format!(
                "{} asks for a refresh (its line changed): R refreshes it, then validate",
                period_name(&p)
            ));
        }
        if let Err(e) = crate::domain::progress::check_validate(&p.billed) {
            return cx.error(format!("{} cannot be validated: {}", period_name(&p), e.0));
        }
        let currency = self.line.as_ref().map(|l| l.currency.code().to_string());
        cx.ask(
            "Validate period",
            vec![
                format!("Validate {}?", period_name(&p)),
                format!(
                    "It bills {} % ({} units): {} {}.",
                    cx.numbers().plain(p.billed.percent.normalize()),
                    cx.numbers().plain(p.billed.quantity.normalize()),
                    currency.unwrap_or_default(),
                    amount(cx.numbers(), p.billed.amount)
                ),
                format!(
                    "A billable revenue item is made for it, planned on {}.",
                    p.invoice_date
                ),
            ],
            ProgressStep::Validate {
                id: p.id,
                version: p.version,
            },
        );
    }

    pub(super) fn ask_unvalidate(&mut self, cx: &mut Ctx) {
        if self.line.is_none() {
            return cx.error(NO_LINE);
        }
        let Some(p) = self.cursor_period_or(self.last_validated()).cloned() else {
            return cx.error("no validated period on this line");
        };
        match p.state {
            ProgressState::Pending => {
                return cx.error(format!("{} is not validated", period_name(&p)));
            }
            ProgressState::Invoiced => {
                return cx.error(format!(
                    "{} is on an invoice: it stays validated for good",
                    period_name(&p)
                ));
            }
            ProgressState::ToBeInvoiced => {}
        }
        match self.periods.iter().find(|s| s.seq > p.seq) {
            Some(next) if next.state != ProgressState::Pending => {
                return cx.error(format!(
                    "the next period ({}) is validated: unvalidate it first",
                    next.seq
                ));
            }
            // One pending period per line: the one after it has to go first.
            Some(next) => {
                return cx.error(format!(
                    "the next period ({}) is pending: delete it first (Delete), then unvalidate",
                    next.seq
                ));
            }
            None => {}
        }
        cx.ask(
            "Unvalidate period",
            vec![
                format!("Unvalidate {}?", period_name(&p)),
                format!(
                    "Its revenue item {} goes back into the line's forecast.",
                    p.revenue_item_id.unwrap_or_default()
                ),
            ],
            ProgressStep::Unvalidate {
                id: p.id,
                version: p.version,
            },
        );
    }

    pub(super) fn ask_delete_period(&mut self, cx: &mut Ctx) {
        if self.line.is_none() {
            return cx.error(NO_LINE);
        }
        let Some(p) = self.cursor_period_or(self.periods.last()).cloned() else {
            return cx.error("the line has no period to delete");
        };
        if self.periods.last().map(|l| l.id) != Some(p.id) {
            return cx.error("only the last period of a line can be deleted");
        }
        if p.state != ProgressState::Pending {
            return cx.error(format!(
                "{} is validated: unvalidate it first (u), then delete it",
                period_name(&p)
            ));
        }
        cx.ask(
            "Delete period",
            vec![format!("Delete {}? Its figures are lost.", period_name(&p))],
            ProgressStep::Delete {
                id: p.id,
                version: p.version,
            },
        );
    }
}

impl Confirm for ProgressStep {
    fn run(self: Box<Self>, cx: &mut Ctx, _: &mut dyn ScreenAccess) {
        let result = match *self {
            ProgressStep::Validate { id, version } => cx
                .store
                .validate_progress(id, version)
                .map(|item| format!("period validated: revenue item {item} is billable")),
            ProgressStep::Unvalidate { id, version } => {
                cx.store.unvalidate_progress(id, version).map(|_| {
                    "period unvalidated: pending again, its item is back in the forecast".into()
                })
            }
            ProgressStep::Delete { id, version } => cx
                .store
                .delete_progress_status(id, version)
                .map(|_| "period deleted".to_string()),
        };
        if let Some(msg) = cx.report(result) {
            cx.changed();
            cx.info(msg);
        }
    }
}
