//! Screen 2, revenue items: every item, every status, filtered as you type; new, edit, copy
//! and delete here; `Enter` opens an item's summary.

pub mod keys;

use super::background::{Answer, FileJob};
use super::item_list::ItemList;
use super::keymap::{Cmd, Context};
use super::revenue_item::{self, ask_delete, open_item_form};
use super::screen::{Handled, Screen, ScreenEntry};
use super::work::{Ctx, Event};
use crate::store::StoreError;
use crate::store::item_list::ItemFilter;
use crossterm::event::KeyEvent;

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

impl Screen for RevenueItems {
    fn keys(&self) -> Context {
        self.list.keys(keys::REVENUE_ITEMS)
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
        let current = self.list.view.current().cloned();
        match (cmd, current) {
            (Cmd::New, _) => open_item_form(None, false, cx),
            (Cmd::Edit, Some(row)) => open_item_form(Some(row.id), false, cx),
            (Cmd::Copy, Some(row)) => open_item_form(Some(row.id), true, cx),
            (Cmd::Delete, Some(row)) => ask_delete(&row, cx),
            (Cmd::Edit | Cmd::Copy | Cmd::Delete, None) => {
                cx.error("no item here: the list is empty (n makes one)")
            }
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
        Ok(self.list.excel("revenue-items", today))
    }

    fn pdf(&self, today: chrono::NaiveDate) -> Result<FileJob, String> {
        self.list.pdf(today)
    }
}
