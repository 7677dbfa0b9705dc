//! Everything a revenue item's summary shows, read in one snapshot: the item, its context
//! (project, account, milestone, invoice), what it collected as time and materials (or why that
//! cannot be priced) and its change history. The console's summary view and the item PDF both
//! read it from here.

use super::Store;
use super::error::Result;
use super::history::Change;
use super::item_context::ItemContext;
use super::revenue_items::RevenueItem;
use crate::domain::billing_rule::BillingRule;
use crate::domain::collected_line::CollectedLine;

#[derive(Debug, Clone)]
pub struct ItemSummary {
    pub item: RevenueItem,
    pub context: ItemContext,
    /// Time and materials: what the item collected, or would collect now.
    pub collected: Vec<CollectedLine>,
    /// Why the collected time could not be priced, if it could not.
    pub collect_error: Option<String>,
    pub history: Vec<Change>,
}

impl Store {
    /// The summary of revenue item `id`. A time-and-materials item whose time cannot be priced
    /// (a missing rate) still has a summary, which says why in `collect_error`.
    pub fn item_summary(&self, id: i64) -> Result<ItemSummary> {
        let _snapshot = self.read_snapshot()?;
        let item = self.revenue_item(id)?;
        let (collected, collect_error) = if item.billing_rule == BillingRule::TimeAndMaterials {
            match self.collected_lines(&item) {
                Ok(lines) => (lines, None),
                Err(e) if e.is_refusal() => (Vec::new(), Some(e.to_string())),
                Err(e) => return Err(e),
            }
        } else {
            (Vec::new(), None)
        };
        Ok(ItemSummary {
            context: self.item_context(id)?,
            history: self.history_of("revenue_item", id)?,
            item,
            collected,
            collect_error,
        })
    }
}
