//! A revenue item list: a filtered list of revenue items (which it derefs to: window, filter,
//! selection, totals) plus the quick edit in progress.

use super::super::background::{Answer, FileJob, ListId, Query};
use super::super::filtered_list::{FilteredList, ListSource};
use super::super::keymap::{Context, shared};
use super::super::list_view::Keyed;
use super::super::revenue_item::summary_pdf;
use super::super::selection::Picked;
use super::super::work::{Ctx, Event};
use super::quick_edit::QuickEdit;
use crate::domain::Money;
use crate::store::item_list::{ItemFilter, ItemKey, ItemRow};
use crate::store::list_query::Bound;
use crate::store::{Result, Store};
use std::ops::{Deref, DerefMut};

impl Keyed for ItemRow {
    type Key = ItemKey;
    fn key(&self) -> ItemKey {
        ItemRow::key(self)
    }
}

/// Revenue items as a list shows them.
pub struct Items;

impl ListSource for Items {
    type Row = ItemRow;
    type Filter = ItemFilter;

    fn rows(
        store: &Store,
        filter: &ItemFilter,
        bound: &Bound<ItemKey>,
        limit: usize,
    ) -> Result<Vec<ItemRow>> {
        store.item_rows(filter, bound, limit)
    }

    fn text(filter: &ItemFilter) -> &str {
        &filter.text
    }

    fn text_mut(filter: &mut ItemFilter) -> &mut String {
        &mut filter.text
    }

    fn on_day(filter: &mut ItemFilter, today: chrono::NaiveDate) {
        filter.today = Some(today);
    }

    fn check(text: &str) -> std::result::Result<(), String> {
        crate::domain::filter_query::parse(text, crate::domain::filter_query::ListKind::Items)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    fn totals(filter: &ItemFilter) -> Query {
        Query::ItemTotals(filter.clone())
    }

    fn first_rows(filter: &ItemFilter, limit: usize) -> Query {
        Query::ItemWindow(filter.clone(), limit)
    }

    fn rows_of(answer: Answer) -> Option<(Vec<ItemRow>, usize)> {
        match answer {
            Answer::ItemRows(rows, limit) => Some((rows, limit)),
            _ => None,
        }
    }

    fn id(row: &ItemRow) -> i64 {
        row.id
    }

    fn key_of(store: &Store, id: i64) -> Result<Option<ItemKey>> {
        store.item_key(id)
    }

    fn describe(row: &ItemRow) -> String {
        format!("item {} ({} {})", row.id, row.project, row.name)
    }

    fn picked(row: &ItemRow) -> Picked {
        Picked {
            version: row.version,
            amount: row.amount,
        }
    }
}

pub struct ItemList {
    pub rows: FilteredList<Items>,
    pub quick: Option<QuickEdit>,
}

impl Deref for ItemList {
    type Target = FilteredList<Items>;
    fn deref(&self) -> &FilteredList<Items> {
        &self.rows
    }
}

impl DerefMut for ItemList {
    fn deref_mut(&mut self) -> &mut FilteredList<Items> {
        &mut self.rows
    }
}

impl ItemList {
    pub fn new(id: ListId, filter: ItemFilter) -> Self {
        ItemList {
            rows: FilteredList::new(id, filter),
            quick: None,
        }
    }

    /// The keys that apply: the quick edit's or the filter's while one is typed, else `own`.
    pub fn keys(&self, own: Context) -> Context {
        if self.quick.is_some() {
            shared::QUICK_EDIT
        } else {
            self.rows.keys(own)
        }
    }

    /// Follow-ups of work done elsewhere: selections move on with the items.
    pub fn notify(&mut self, event: &Event, cx: &mut Ctx) {
        match event {
            Event::ItemEdited(id) if self.selection.contains(*id) => {
                match cx.store.revenue_item(*id) {
                    Ok(item) => self.selection.insert(
                        *id,
                        Picked {
                            version: item.version,
                            amount: Money::new(
                                item.actual_amount.unwrap_or(item.planned_amount),
                                item.currency,
                            ),
                        },
                    ),
                    // Gone or unreadable: it cannot stay selected at a version it no longer has.
                    Err(_) => self.selection.remove(*id),
                }
            }
            Event::ItemSelectionsDone => self.selection.clear(),
            Event::ItemDeleted(id) => self.selection.remove(*id),
            _ => {}
        }
    }

    /// `v`: the summary of the item under the cursor as a PDF.
    pub fn pdf(&self, today: chrono::NaiveDate) -> std::result::Result<FileJob, String> {
        let id = self
            .view
            .current()
            .map(|r| r.id)
            .ok_or("nothing here to write as PDF: the list is empty")?;
        Ok(summary_pdf(id, today))
    }
}
