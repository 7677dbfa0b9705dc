//! A revenue item list: its filter, the window of rows on screen, the selection, the footer
//! totals from SQL (asked off the input path) and the quick edit in progress.

use super::super::background::{Answer, FileJob, ListId, Query};
use super::super::keymap::{Context, shared};
use super::super::list_view::{Keyed, ListView};
use super::super::revenue_item::summary_pdf;
use super::super::selection::{Picked, Selection};
use super::super::work::{Ctx, Event};
use super::quick_edit::QuickEdit;
use crate::store::StoreError;
use crate::store::item_list::{ItemFilter, ItemKey, ItemRow};
use crate::store::list_query::CurrencyTotal;

impl Keyed for ItemRow {
    type Key = ItemKey;
    fn key(&self) -> ItemKey {
        ItemRow::key(self)
    }
}

pub struct ItemList {
    /// The screen's title: which list background answers are for.
    pub id: ListId,
    pub filter: ItemFilter,
    pub view: ListView<ItemRow>,
    pub selection: Selection,
    /// Text typed after `/`, while the filter input is open.
    pub filter_input: Option<String>,
    /// Footer totals of what the filter shows; `None` while they are computed.
    pub totals: Option<Vec<CurrencyTotal>>,
    pub quick: Option<QuickEdit>,
    /// A newly typed filter's first rows are on their way (the old rows still show).
    pub filtering: bool,
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
            filtering: false,
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

    /// The keys that apply: the quick edit's or the filter's while one is typed, else `own`.
    pub fn keys(&self, own: Context) -> Context {
        if self.quick.is_some() {
            shared::QUICK_EDIT
        } else if self.filter_input.is_some() {
            shared::FILTER_INPUT
        } else {
            own
        }
    }

    /// Loads the window from the top and asks for the totals.
    pub fn load(&mut self, cx: &mut Ctx) -> Result<(), StoreError> {
        cx.background.cancel_window(self.id);
        self.filtering = false;
        self.view.clear_total();
        let (store, filter) = (&*cx.store, &self.filter);
        self.view.top(&mut |b, n| store.item_rows(filter, b, n))?;
        self.request_totals(cx)
    }

    /// Reloads the window around the cursor (after a change) and the totals.
    pub fn refresh(&mut self, cx: &mut Ctx) -> Result<(), StoreError> {
        cx.background.cancel_window(self.id);
        self.filtering = false;
        let (store, filter) = (&*cx.store, &self.filter);
        self.view
            .reload(&mut |b, n| store.item_rows(filter, b, n))?;
        self.request_totals(cx)
    }

    fn request_totals(&mut self, cx: &mut Ctx) -> Result<(), StoreError> {
        self.totals = None;
        if let Some(a) = cx.query(self.id, Query::ItemTotals(self.filter.clone()))? {
            self.answer(a);
        }
        Ok(())
    }

    /// The filter text changed: its first rows and totals are looked up off the input path;
    /// the old rows stay until the new ones arrive.
    pub fn filter_changed(&mut self, cx: &mut Ctx) -> Result<(), StoreError> {
        self.view.clear_total();
        self.totals = None;
        let window = Query::ItemWindow(self.filter.clone(), self.view.first_chunk());
        match cx.query(self.id, window)? {
            Some(a) => self.answer(a),
            None => self.filtering = true,
        }
        if let Some(a) = cx.query(self.id, Query::ItemTotals(self.filter.clone()))? {
            self.answer(a);
        }
        Ok(())
    }

    pub fn answer(&mut self, answer: Answer) {
        match answer {
            Answer::Totals(totals) => {
                let count = totals.iter().map(|t| t.count).sum::<i64>();
                self.view.set_total(usize::try_from(count).unwrap_or(0));
                self.totals = Some(totals);
            }
            Answer::ItemRows(rows, limit) => {
                self.filtering = false;
                self.view.show_top(rows, limit);
            }
            Answer::InvoiceRows(..) => {}
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
                            currency: item.currency,
                            amount: item.actual_amount.unwrap_or(item.planned_amount),
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

    /// `X`: what the list shows (its filter applied) as a workbook named after `stem`.
    pub fn excel(&self, stem: &str, today: chrono::NaiveDate) -> FileJob {
        let filter = self.filter.clone();
        FileJob::new(stem, "xlsx", "row(s)", move |store, path, progress| {
            crate::files::write_revenue_items(store, &filter, today, path, progress)
        })
    }

    /// `v`: the summary of the item under the cursor as a PDF.
    pub fn pdf(&self, today: chrono::NaiveDate) -> Result<FileJob, String> {
        let id = self
            .view
            .current()
            .map(|r| r.id)
            .ok_or("nothing here to write as PDF: the list is empty")?;
        Ok(summary_pdf(id, today))
    }
}
