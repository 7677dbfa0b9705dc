//! The invoice list: drafts, confirmed invoices and credit notes, newest first, its filter, the
//! window of rows on screen, the selection and the footer totals.

use super::super::background::{Answer, Query};
use super::super::keymap::Cmd;
use super::super::list_view::{Keyed, ListView, move_view};
use super::super::selection::{Picked, Selection};
use super::super::work::Ctx;
use super::draft_edits;
use crate::domain::invoice_status::InvoiceStatus;
use crate::domain::numbering::DocumentKind;
use crate::presentation::amount;
use crate::store::StoreError;
use crate::store::invoice_list::{InvoiceFilter, InvoiceKey, InvoiceListRow};
use crate::store::list_query::CurrencyTotal;

pub const TITLE: &str = "Invoices";

impl Keyed for InvoiceListRow {
    type Key = InvoiceKey;
    fn key(&self) -> InvoiceKey {
        InvoiceListRow::key(self)
    }
}

#[derive(Default)]
pub struct Invoices {
    pub filter: InvoiceFilter,
    pub view: ListView<InvoiceListRow>,
    pub selection: Selection,
    pub filter_input: Option<String>,
    /// Footer totals of what the filter shows; `None` while they are computed.
    pub totals: Option<Vec<CurrencyTotal>>,
    /// A newly typed filter's first rows are on their way.
    pub filtering: bool,
}

impl Invoices {
    pub fn picked(row: &InvoiceListRow) -> Picked {
        Picked {
            version: row.version,
            currency: row.currency,
            // As in the list's footer: credit notes take away.
            amount: match row.kind {
                DocumentKind::CreditNote => -row.gross,
                DocumentKind::Invoice => row.gross,
            },
        }
    }

    /// Ids of the selected invoices (or the cursor's) with the version the user saw.
    pub fn targets_seen(&self) -> Vec<(i64, Option<i64>)> {
        if self.selection.is_empty() {
            self.view
                .current()
                .map(|r| vec![(r.id, Some(r.version))])
                .unwrap_or_default()
        } else {
            self.selection
                .ids_with_versions()
                .into_iter()
                .map(|(id, v)| (id, Some(v)))
                .collect()
        }
    }

    pub(super) fn move_cursor(&mut self, cmd: Cmd, cx: &mut Ctx) {
        let (store, filter) = (&*cx.store, &self.filter);
        let result = move_view(&mut self.view, cmd, &mut |b, n| {
            store.invoice_rows(filter, b, n)
        });
        cx.report(result);
    }

    pub(super) fn request_totals(&mut self, cx: &mut Ctx) -> Result<(), StoreError> {
        self.totals = None;
        if let Some(a) = cx.query(TITLE, Query::InvoiceTotals(self.filter.clone()))? {
            self.take_answer(a);
        }
        Ok(())
    }

    pub(super) fn filter_changed(&mut self, cx: &mut Ctx) -> Result<(), StoreError> {
        self.view.clear_total();
        self.totals = None;
        let window = Query::InvoiceWindow(self.filter.clone(), self.view.first_chunk());
        match cx.query(TITLE, window)? {
            Some(a) => self.take_answer(a),
            None => self.filtering = true,
        }
        if let Some(a) = cx.query(TITLE, Query::InvoiceTotals(self.filter.clone()))? {
            self.take_answer(a);
        }
        Ok(())
    }

    pub(super) fn ask_delete(&mut self, cx: &mut Ctx) {
        let Some(row) = self.view.current().cloned() else {
            return cx.error("nothing to delete: the list is empty");
        };
        if row.status == InvoiceStatus::Confirmed {
            return cx.error(format!(
                "{} is confirmed: nothing confirmed is deleted (raise a credit note with r)",
                row.number.as_deref().unwrap_or("the invoice")
            ));
        }
        draft_edits::ask_delete_draft(
            row.id,
            row.version,
            vec![
                format!(
                    "Draft {} for {}, {} {}",
                    row.id,
                    row.account,
                    row.currency,
                    amount(row.gross)
                ),
                "Delete it? Its items return to billable.".into(),
            ],
            cx,
        );
    }

    /// A background answer: the totals, or a new filter's first rows.
    pub fn take_answer(&mut self, answer: Answer) {
        match answer {
            Answer::Totals(totals) => {
                let count = totals.iter().map(|t| t.count).sum::<i64>();
                self.view.set_total(usize::try_from(count).unwrap_or(0));
                self.totals = Some(totals);
            }
            Answer::InvoiceRows(rows, limit) => {
                self.filtering = false;
                self.view.show_top(rows, limit);
            }
            Answer::ItemRows(..) => {}
        }
    }
}
