//! The invoice list: drafts, confirmed invoices and credit notes, newest first, as a filtered
//! list (which it derefs to: window, filter, selection, totals).

use super::super::background::{Answer, Query};
use super::super::filtered_list::{FilteredList, ListSource};
use super::super::list_view::Keyed;
use super::super::selection::Picked;
use super::super::work::Ctx;
use super::draft_edits;
use crate::domain::invoice_status::InvoiceStatus;
use crate::domain::numbering::DocumentKind;
use crate::presentation::money_with_code;
use crate::store::invoice_list::{InvoiceFilter, InvoiceKey, InvoiceListRow};
use crate::store::list_query::Bound;
use crate::store::{Result, Store};
use std::ops::{Deref, DerefMut};

pub const TITLE: &str = "Invoices";

impl Keyed for InvoiceListRow {
    type Key = InvoiceKey;
    fn key(&self) -> InvoiceKey {
        InvoiceListRow::key(self)
    }
}

/// Invoices and credit notes as the list shows them.
pub struct Documents;

impl ListSource for Documents {
    type Row = InvoiceListRow;
    type Filter = InvoiceFilter;

    fn rows(
        store: &Store,
        filter: &InvoiceFilter,
        bound: &Bound<InvoiceKey>,
        limit: usize,
    ) -> Result<Vec<InvoiceListRow>> {
        store.invoice_rows(filter, bound, limit)
    }

    fn text(filter: &InvoiceFilter) -> &str {
        &filter.text
    }

    fn text_mut(filter: &mut InvoiceFilter) -> &mut String {
        &mut filter.text
    }

    fn check(text: &str) -> std::result::Result<(), String> {
        crate::domain::filter_query::parse(text, crate::domain::filter_query::ListKind::Invoices)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    fn totals(filter: &InvoiceFilter) -> Query {
        Query::InvoiceTotals(filter.clone())
    }

    fn first_rows(filter: &InvoiceFilter, limit: usize) -> Query {
        Query::InvoiceWindow(filter.clone(), limit)
    }

    fn rows_of(answer: Answer) -> Option<(Vec<InvoiceListRow>, usize)> {
        match answer {
            Answer::InvoiceRows(rows, limit) => Some((rows, limit)),
            _ => None,
        }
    }

    fn id(row: &InvoiceListRow) -> i64 {
        row.id
    }

    fn key_of(store: &Store, id: i64) -> Result<Option<InvoiceKey>> {
        store.invoice_key(id)
    }

    fn describe(row: &InvoiceListRow) -> String {
        let kind = match row.kind {
            DocumentKind::CreditNote => "credit note",
            DocumentKind::Invoice => "invoice",
        };
        match &row.number {
            Some(number) => format!("{kind} {number}"),
            None => format!("draft {kind} {} ({})", row.id, row.account),
        }
    }

    fn picked(row: &InvoiceListRow) -> Picked {
        Picked {
            version: row.version,
            // As in the list's footer: credit notes take away.
            amount: match row.kind {
                DocumentKind::CreditNote => -row.gross,
                DocumentKind::Invoice => row.gross,
            },
        }
    }
}

pub struct Invoices {
    pub list: FilteredList<Documents>,
}

impl Default for Invoices {
    fn default() -> Self {
        Invoices {
            list: FilteredList::new(TITLE, InvoiceFilter::default()),
        }
    }
}

impl Deref for Invoices {
    type Target = FilteredList<Documents>;
    fn deref(&self) -> &FilteredList<Documents> {
        &self.list
    }
}

impl DerefMut for Invoices {
    fn deref_mut(&mut self) -> &mut FilteredList<Documents> {
        &mut self.list
    }
}

impl Invoices {
    /// `a`: every document the filter shows (`status:draft` then `a` then `c` confirms what
    /// the list shows); again unselects.
    pub(super) fn select_all(&mut self, cx: &mut Ctx) {
        self.list.select_every(cx, |store, filter| {
            Ok(store
                .invoice_picks(filter)?
                .into_iter()
                .map(|p| {
                    let picked = Picked {
                        version: p.version,
                        // As in the list's footer: credit notes take away.
                        amount: match p.kind {
                            DocumentKind::CreditNote => -p.gross,
                            DocumentKind::Invoice => p.gross,
                        },
                    };
                    (p.id, picked)
                })
                .collect())
        });
    }

    /// Ids of the selected invoices (or the cursor's) with the version the user saw.
    pub fn targets_seen(&self) -> Vec<(i64, Option<i64>)> {
        self.targets()
            .into_iter()
            .map(|(id, v)| (id, Some(v)))
            .collect()
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
                    "Draft {} for {}, {}",
                    row.id,
                    row.account,
                    money_with_code(cx.numbers(), row.gross)
                ),
                "Delete it? Its items return to billable.".into(),
            ],
            cx,
        );
    }
}
