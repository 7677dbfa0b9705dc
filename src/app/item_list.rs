//! A revenue item list screen (finance control or all items): its filter, window, selection,
//! totals and the in-place quick edit.

use super::background::ListId;
use super::list_view::{Keyed, ListView};
use super::selection::{Picked, Selection};
use crate::store::item_list::{ItemFilter, ItemKey, ItemRow};
use crate::store::list_query::CurrencyTotal;

impl Keyed for ItemRow {
    type Key = ItemKey;
    fn key(&self) -> ItemKey {
        ItemRow::key(self)
    }
}

/// Which field a quick edit changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuickField {
    PlannedDate,
    Amount,
}

/// An in-place edit of the cursor's item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuickEdit {
    pub item_id: i64,
    pub version: i64,
    pub field: QuickField,
    pub text: String,
    pub error: Option<String>,
}

pub struct ItemList {
    pub id: ListId,
    pub filter: ItemFilter,
    pub view: ListView<ItemRow>,
    pub selection: Selection,
    /// Text typed after `/`, while the filter input is open.
    pub filter_input: Option<String>,
    /// Footer totals of what the filter shows; `None` while they are computed.
    pub totals: Option<Vec<CurrencyTotal>>,
    pub quick: Option<QuickEdit>,
}

impl ItemList {
    pub fn new(id: ListId, filter: ItemFilter) -> Self {
        ItemList {
            id,
            filter,
            view: ListView::default(),
            selection: Selection::default(),
            filter_input: None,
            totals: None,
            quick: None,
        }
    }

    pub fn picked(row: &ItemRow) -> Picked {
        Picked {
            version: row.version,
            currency: row.currency,
            amount: row.amount,
        }
    }

    /// `(id, version)` of the selected rows, or of the cursor's row when none is selected.
    pub fn targets(&self) -> Vec<(i64, i64)> {
        if self.selection.is_empty() {
            self.view
                .current()
                .map(|r| vec![(r.id, r.version)])
                .unwrap_or_default()
        } else {
            self.selection.ids_with_versions()
        }
    }
}
