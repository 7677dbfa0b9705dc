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

use super::item_list::{ItemList, ItemScreen};
use super::keymap::{Cmd, Context};
use super::screen::{Handled, ScreenEntry};
use super::work::Ctx;

pub const SCREEN: ScreenEntry = ScreenEntry {
    title: TITLE,
    short_title: "Finance",
    name: "finance control",
    contexts: &[keys::FINANCE_CONTROL],
    make: |today| Box::new(FinanceControl::new(today)),
};

impl ItemScreen for FinanceControl {
    fn list(&self) -> &ItemList {
        &self.list
    }

    fn list_mut(&mut self) -> &mut ItemList {
        &mut self.list
    }

    fn own_keys(&self) -> Context {
        keys::FINANCE_CONTROL
    }

    fn file_stem(&self) -> &'static str {
        "finance-control"
    }

    fn run_own(&mut self, cmd: Cmd, cx: &mut Ctx) -> Handled {
        match cmd {
            Cmd::MakeDrafts => drafts::ask_make_drafts(&self.list, cx),
            Cmd::Horizon => horizon::open_horizon_form(self, cx),
            Cmd::Confirm => self.confirm_drafts(cx),
            _ => return Handled::No,
        }
        Handled::Yes
    }
}
