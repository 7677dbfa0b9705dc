//! The invoice list screen: drafts, confirmed invoices and credit notes.

use super::list_view::{Keyed, ListView};
use super::selection::{Picked, Selection};
use crate::store::invoice_list::{InvoiceFilter, InvoiceKey, InvoiceListRow};
use crate::store::list_query::CurrencyTotal;

impl Keyed for InvoiceListRow {
    type Key = InvoiceKey;
    fn key(&self) -> InvoiceKey {
        InvoiceListRow::key(self)
    }
}

#[derive(Default)]
pub struct InvoiceList {
    pub filter: InvoiceFilter,
    pub view: ListView<InvoiceListRow>,
    pub selection: Selection,
    pub filter_input: Option<String>,
    pub totals: Option<Vec<CurrencyTotal>>,
}

impl InvoiceList {
    pub fn picked(row: &InvoiceListRow) -> Picked {
        Picked {
            version: row.version,
            currency: row.currency,
            // As in the list's footer: credit notes take away.
            amount: match row.kind {
                crate::domain::numbering::DocumentKind::CreditNote => -row.gross,
                crate::domain::numbering::DocumentKind::Invoice => row.gross,
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

    /// Ids of the selected invoices, or the cursor's when none is selected.
    pub fn targets(&self) -> Vec<i64> {
        if self.selection.is_empty() {
            self.view.current().map(|r| vec![r.id]).unwrap_or_default()
        } else {
            self.selection
                .ids_with_versions()
                .into_iter()
                .map(|(id, _)| id)
                .collect()
        }
    }
}
