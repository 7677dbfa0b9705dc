//! The views that open over a list: a revenue item's summary, an invoice, and what a form is
//! for.

use crate::domain::invoice_totals::Totals;
use crate::store::Result;
use crate::store::Store;
use crate::store::documents::Invoice;
use crate::store::history::Change;
use crate::store::item_context::ItemContext;
use crate::store::item_summary::ItemSummary as StoreSummary;
use crate::store::revenue_items::RevenueItem;
use crate::store::time_and_materials::CollectedLine;

/// Everything the summary of an item shows (the store's [`StoreSummary`], read in one
/// snapshot) and how far it is scrolled.
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

/// An invoice or credit note with its lines and totals; a cursor on the lines.
pub struct InvoiceView {
    pub invoice: Invoice,
    pub totals: Totals,
    pub cursor: usize,
    /// What is left to credit per line (confirmed invoices only).
    pub creditable: Vec<(i64, rust_decimal::Decimal)>,
}

impl InvoiceView {
    pub fn load(store: &Store, id: i64) -> Result<InvoiceView> {
        let invoice = store.invoice(id)?;
        let totals = invoice.computed_totals();
        let creditable = if invoice.status == crate::store::documents::InvoiceStatus::Confirmed
            && invoice.kind == crate::domain::numbering::DocumentKind::Invoice
        {
            store.creditable(id)?
        } else {
            Vec::new()
        };
        Ok(InvoiceView {
            invoice,
            totals,
            cursor: 0,
            creditable,
        })
    }
}

/// What saving a form does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormPurpose {
    NewItem,
    EditItem {
        id: i64,
        version: i64,
    },
    DraftDates {
        invoice_id: i64,
        version: i64,
    },
    LineAmount {
        invoice_id: i64,
        version: i64,
        line_id: i64,
    },
    LineText {
        invoice_id: i64,
        version: i64,
        line_id: i64,
    },
    /// The finance control list's horizon.
    Horizon,
    /// One amount field per line of the credited invoice, in this order.
    CreditNote {
        invoice_id: i64,
        line_ids: Vec<i64>,
    },
    /// The progress and milestone screens' forms.
    Schedule(super::schedule_forms::ScheduleForm),
    /// The report's range and revenue adjustments.
    Report(super::report_forms::ReportForm),
}

impl FormPurpose {
    /// The same purpose based on another version of the row it edits.
    pub fn with_version(self, v: i64) -> FormPurpose {
        match self {
            FormPurpose::EditItem { id, .. } => FormPurpose::EditItem { id, version: v },
            FormPurpose::DraftDates { invoice_id, .. } => FormPurpose::DraftDates {
                invoice_id,
                version: v,
            },
            FormPurpose::LineAmount {
                invoice_id,
                line_id,
                ..
            } => FormPurpose::LineAmount {
                invoice_id,
                version: v,
                line_id,
            },
            FormPurpose::LineText {
                invoice_id,
                line_id,
                ..
            } => FormPurpose::LineText {
                invoice_id,
                version: v,
                line_id,
            },
            other => other,
        }
    }
}
