//! The in-place edit of the cursor's item: its planned date (`t`) or amount (`m`), typed in the
//! row and saved with Enter.

use super::super::ctx::{Ctx, Event};
use super::ItemList;
use crate::domain::input::parse_date;
use crate::domain::money::parse_amount;
use crate::store::revenue_items::ItemEdit;

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

impl ItemList {
    pub(super) fn start_quick_edit(&mut self, field: QuickField, cx: &mut Ctx) {
        let Some(row) = self.view.current().cloned() else {
            return cx.error("nothing to edit: the list is empty");
        };
        let text = match field {
            QuickField::PlannedDate => row.planned_invoice_date.to_string(),
            QuickField::Amount => row.amount.to_string(),
        };
        self.quick = Some(QuickEdit {
            item_id: row.id,
            version: row.version,
            field,
            text,
            error: None,
        });
    }

    pub(super) fn save_quick_edit(&mut self, cx: &mut Ctx) {
        let Some(q) = self.quick.clone() else {
            return;
        };
        let currency = match cx.store.revenue_item(q.item_id) {
            Ok(item) => item.currency,
            Err(e) => return self.quick_refused(e.to_string(), cx),
        };
        let parsed = match q.field {
            QuickField::PlannedDate => parse_date(&q.text).map(|d| ItemEdit {
                planned_invoice_date: Some(d),
                ..ItemEdit::default()
            }),
            QuickField::Amount => parse_amount(&q.text, currency).map(|a| ItemEdit {
                planned_amount: Some(a),
                ..ItemEdit::default()
            }),
        };
        let result = match parsed {
            Ok(edit) => cx
                .store
                .update_revenue_item(q.item_id, q.version, &edit)
                .map_err(|e| e.to_string()),
            Err(e) => Err(e.0),
        };
        match result {
            Ok(()) => {
                self.quick = None;
                cx.emit(Event::ItemEdited(q.item_id));
                cx.changed();
                let what = match q.field {
                    QuickField::PlannedDate => "planned invoice date",
                    QuickField::Amount => "planned amount",
                };
                cx.info(format!(
                    "item {}: {what} set to {}",
                    q.item_id,
                    q.text.trim()
                ));
            }
            Err(e) => self.quick_refused(e, cx),
        }
    }

    fn quick_refused(&mut self, e: String, cx: &mut Ctx) {
        if let Some(q) = self.quick.as_mut() {
            q.error = Some(e.clone());
        }
        cx.error(e);
    }
}
