//! Screen 1, finance control: billable and draft-invoice items planned up to a horizon (30 days
//! ahead by default) across projects, with their warnings; selected items become draft
//! invoices (one per account and currency), drafts are confirmed.

mod control_list;
mod drafts;
mod horizon;
pub mod keys;

pub use control_list::{FinanceControl, HORIZON_DAYS, TITLE};
pub use drafts::MakeDrafts;
pub use horizon::Horizon;

use super::background::{Answer, FileJob};
use super::keymap::{Cmd, Context};
use super::screen::{Handled, Screen, ScreenEntry};
use super::work::{Ctx, Event};
use crate::store::StoreError;
use crossterm::event::KeyEvent;

pub const SCREEN: ScreenEntry = ScreenEntry {
    title: TITLE,
    short_title: "Finance",
    name: "finance control",
    contexts: &[keys::FINANCE_CONTROL],
    make: |today| Box::new(FinanceControl::new(today)),
};

impl Screen for FinanceControl {
    fn keys(&self) -> Context {
        self.list.keys(keys::FINANCE_CONTROL)
    }

    fn load(&mut self, cx: &mut Ctx) -> Result<(), StoreError> {
        self.list.load(cx)
    }

    fn refresh(&mut self, cx: &mut Ctx, _shown: bool) -> Result<(), StoreError> {
        self.list.refresh(cx)
    }

    fn set_height(&mut self, rows: usize) {
        self.list.view.set_height(rows);
    }

    fn run(&mut self, cmd: Cmd, cx: &mut Ctx) -> Handled {
        if self.list.run(cmd, cx) == Handled::Yes {
            return Handled::Yes;
        }
        match cmd {
            Cmd::MakeDrafts => drafts::ask_make_drafts(&self.list, cx),
            Cmd::Horizon => horizon::open_horizon_form(self, cx),
            Cmd::Confirm => self.confirm_drafts(cx),
            _ => return Handled::No,
        }
        Handled::Yes
    }

    fn type_key(&mut self, ev: &KeyEvent, cx: &mut Ctx) {
        self.list.type_key(ev, cx);
    }

    fn notify(&mut self, event: &Event, cx: &mut Ctx) {
        self.list.notify(event, cx);
    }

    fn is_filtering(&self) -> bool {
        self.list.filtering
    }

    fn answer(&mut self, answer: Answer) {
        self.list.answer(answer);
    }

    fn excel(&self, today: chrono::NaiveDate) -> Result<FileJob, String> {
        Ok(self.list.excel("finance-control", today))
    }

    fn pdf(&self, today: chrono::NaiveDate) -> Result<FileJob, String> {
        self.list.pdf(today)
    }
}
