//! Screen 1, finance control: billable and draft-invoice items planned up to a horizon (30 days
//! ahead by default) across projects, with their warnings; selected items become draft
//! invoices (one per account and currency), drafts are confirmed.

mod drafts;
mod horizon;
pub mod keys;

pub use drafts::MakeDrafts;
pub use horizon::Horizon;

use super::background::{Answer, FileJob};
use super::ctx::{Ctx, Event};
use super::invoices::ask_confirm;
use super::item_list::ItemList;
use super::keymap::{Cmd, Context};
use super::screen::{Handled, Screen, ScreenEntry};
use crate::store::StoreError;
use crate::store::item_list::ItemFilter;
use chrono::{Days, NaiveDate};
use crossterm::event::KeyEvent;

/// How far ahead the finance control list looks by default.
pub const HORIZON_DAYS: u64 = 30;

pub const SCREEN: ScreenEntry = ScreenEntry {
    title: "Finance control",
    short_title: "Finance",
    name: "finance control",
    contexts: &[keys::FINANCE_CONTROL],
    make: |today| Box::new(FinanceControl::new(today)),
};

pub struct FinanceControl {
    pub list: ItemList,
}

impl FinanceControl {
    pub fn new(today: NaiveDate) -> FinanceControl {
        let until = today + Days::new(HORIZON_DAYS);
        FinanceControl {
            list: ItemList::new(SCREEN.title, ItemFilter::finance_control(until)),
        }
    }

    /// `c`: the drafts of the selected rows, or the cursor's.
    fn confirm(&self, cx: &mut Ctx) {
        let list = &self.list;
        let mut drafts: Vec<i64> = if list.selection.is_empty() {
            list.view
                .current()
                .and_then(|r| r.draft_invoice)
                .into_iter()
                .collect()
        } else {
            let ids: Vec<i64> = list
                .selection
                .ids_with_versions()
                .into_iter()
                .map(|(id, _)| id)
                .collect();
            match cx.store.drafts_of_items(&ids) {
                Ok(d) => d,
                Err(e) => return cx.error(e.to_string()),
            }
        };
        drafts.sort_unstable();
        drafts.dedup();
        ask_confirm(drafts.into_iter().map(|d| (d, None)).collect(), cx);
    }
}

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
            Cmd::Confirm => self.confirm(cx),
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
