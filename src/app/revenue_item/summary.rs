//! A revenue item's summary over a list: revenue and billing information, descriptions, what
//! a time and materials item collected, and its change history; scrolled, edited with `e`,
//! written as a PDF with `v`; its history in full with `H`, its invoice with `I`.

use super::super::background::FileJob;
use super::super::history::{Root, open_history};
use super::super::keymap::{Cmd, Context};
use super::super::work::Ctx;
use super::super::work::{View, ViewStep};
use super::invoice_link::open_invoice_of;
use super::item_actions::open_item_form;
use super::keys::ITEM_SUMMARY;
use super::pdf::summary_pdf;
use crate::domain::collected_line::CollectedLine;
use crate::domain::object_kind::ObjectKind;
use crate::store::history::Change;
use crate::store::item_context::ItemContext;
use crate::store::item_summary::ItemSummary as StoreSummary;
use crate::store::revenue_items::RevenueItem;
use crate::store::{Result, Store, StoreError};

/// Everything the summary of an item shows (the store's summary, read in one snapshot) and how
/// far it is scrolled.
pub struct ItemSummary {
    pub item: RevenueItem,
    pub context: ItemContext,
    /// Time and materials: what the item collected, or would collect now.
    pub collected: Vec<CollectedLine>,
    pub history: Vec<Change>,
    /// Why the collected time could not be priced, if it could not.
    pub collect_error: Option<String>,
    pub scroll: u16,
}

impl ItemSummary {
    /// How far the summary can scroll: a little past its longest content.
    pub fn max_scroll(&self) -> u16 {
        (30 + self.collected.len() + 2 * self.history.len()).min(u16::MAX as usize) as u16
    }

    pub fn load(store: &Store, id: i64) -> Result<ItemSummary> {
        Ok(store.item_summary(id)?.into())
    }
}

impl From<StoreSummary> for ItemSummary {
    /// The store's summary, scrolled to the top.
    fn from(s: StoreSummary) -> ItemSummary {
        ItemSummary {
            item: s.item,
            context: s.context,
            collected: s.collected,
            history: s.history,
            collect_error: s.collect_error,
            scroll: 0,
        }
    }
}

impl View for ItemSummary {
    fn keys(&self) -> Context {
        ITEM_SUMMARY
    }

    fn run(&mut self, cmd: Cmd, cx: &mut Ctx) -> ViewStep {
        let max = self.max_scroll();
        match cmd {
            Cmd::Back => return ViewStep::Close,
            Cmd::Down => self.scroll = self.scroll.saturating_add(1).min(max),
            Cmd::Up => self.scroll = self.scroll.saturating_sub(1),
            Cmd::PageDown => self.scroll = self.scroll.saturating_add(10).min(max),
            Cmd::PageUp => self.scroll = self.scroll.saturating_sub(10),
            Cmd::Top => self.scroll = 0,
            Cmd::Bottom => self.scroll = max,
            Cmd::Edit => open_item_form(Some(self.item.id), false, cx),
            Cmd::History => open_history(
                format!("item {} {}", self.item.id, self.item.name),
                vec![Root::Object(ObjectKind::RevenueItem, self.item.id)],
                cx,
            ),
            Cmd::OpenInvoice => open_invoice_of(self.item.id, cx),
            _ => return ViewStep::NotHere,
        }
        ViewStep::Stay
    }

    fn reload(&mut self, store: &Store) -> Result<bool> {
        match ItemSummary::load(store, self.item.id) {
            Ok(mut fresh) => {
                fresh.scroll = self.scroll;
                *self = fresh;
                Ok(true)
            }
            Err(StoreError::NotFound { .. }) => Ok(false),
            Err(e) => Err(e),
        }
    }

    fn pdf(&self, today: chrono::NaiveDate) -> std::result::Result<FileJob, String> {
        Ok(summary_pdf(self.item.id, today))
    }
}
