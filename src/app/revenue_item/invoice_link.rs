//! `I` on a revenue item (its row in a list, its summary): the invoice or draft it is on, opened
//! over what is shown through the console's follow-up (`Event::OpenInvoice`), so that the item's
//! views and the invoice's never name each other; Esc comes back.

use super::super::work::{Ctx, Event};

/// Opens the invoice or draft item `id` is on, or says why there is none.
pub fn open_invoice_of(id: i64, cx: &mut Ctx) {
    match cx.store.invoice_of_item(id) {
        Ok(Some(invoice)) => cx.emit(Event::OpenInvoice(invoice)),
        Ok(None) => {
            let status = cx.store.revenue_item(id).map(|i| i.status.label());
            match status {
                Ok(s) => cx.error(format!(
                    "item {id} is on no invoice yet: it is {s} (drafts are made in finance control, 1)"
                )),
                Err(e) => cx.error(e.to_string()),
            }
        }
        Err(e) => cx.error(e.to_string()),
    }
}
