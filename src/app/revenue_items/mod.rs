//! Screen 2, revenue items: every item, every status, filtered as you type; new, edit, copy
//! and delete here; `Enter` opens an item's summary.

pub mod keys;

use super::item_list::{ItemList, ItemScreen, ask_delete_selected};
use super::keymap::{Cmd, Context};
use super::revenue_item::{self, ask_delete, open_item_form};
use super::screen::{Handled, ScreenEntry};
use super::work::Ctx;
use crate::store::item_list::ItemFilter;

pub const SCREEN: ScreenEntry = ScreenEntry {
    title: TITLE,
    short_title: "Items",
    name: "revenue items",
    contexts: &[keys::REVENUE_ITEMS, revenue_item::keys::ITEM_SUMMARY],
    make: |_| Box::new(RevenueItems::default()),
};

pub const TITLE: &str = "Revenue items";

pub struct RevenueItems {
    pub list: ItemList,
}

impl Default for RevenueItems {
    fn default() -> Self {
        RevenueItems {
            list: ItemList::new(TITLE, ItemFilter::all()),
        }
    }
}

impl ItemScreen for RevenueItems {
    fn list(&self) -> &ItemList {
        &self.list
    }

    fn list_mut(&mut self) -> &mut ItemList {
        &mut self.list
    }

    fn own_keys(&self) -> Context {
        keys::REVENUE_ITEMS
    }

    fn file_stem(&self) -> &'static str {
        "revenue-items"
    }

    fn run_own(&mut self, cmd: Cmd, cx: &mut Ctx) -> Handled {
        let current = self.list.view.current().cloned();
        match (cmd, current) {
            (Cmd::New, _) => open_item_form(None, false, cx),
            (Cmd::Edit, Some(row)) => open_item_form(Some(row.id), false, cx),
            (Cmd::Copy, Some(row)) => open_item_form(Some(row.id), true, cx),
            // Like o b x: the selection when there is one, else the row under the cursor.
            (Cmd::Delete, _) if !self.list.selection.is_empty() => {
                ask_delete_selected(&self.list, cx)
            }
            (Cmd::Delete, Some(row)) => ask_delete(&row, cx),
            (Cmd::Edit | Cmd::Copy | Cmd::Delete, None) => {
                cx.error("no item here: the list is empty (n makes one)")
            }
            _ => return Handled::No,
        }
        Handled::Yes
    }
}
