//! Finance control's list: billable and draft-invoice items planned up to a horizon.

use super::super::invoices::ask_confirm;
use super::super::item_list::ItemList;
use super::super::work::Ctx;
use crate::store::item_list::ItemFilter;
use chrono::{Days, NaiveDate};

pub const TITLE: &str = "Finance control";

/// How far ahead the finance control list looks by default.
pub const HORIZON_DAYS: u64 = 30;

pub struct FinanceControl {
    pub list: ItemList,
}

impl FinanceControl {
    pub fn new(today: NaiveDate) -> FinanceControl {
        let until = today + Days::new(HORIZON_DAYS);
        FinanceControl {
            list: ItemList::new(TITLE, ItemFilter::finance_control(until)),
        }
    }

    /// `c`: the drafts of the selected rows, or the cursor's.
    pub fn confirm_drafts(&self, cx: &mut Ctx) {
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
