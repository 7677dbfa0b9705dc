//! The in-place edit of the cursor's item: its planned date (`t`) or amount (`m`), typed in the
//! row and saved with Enter.

use super::super::work::{Ctx, Event};
use crate::domain::NumberFormat;
use crate::domain::input::parse_date;
use crate::domain::money::parse_amount;
use crate::store::item_list::ItemRow;
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

impl QuickEdit {
    /// An edit of `field` of the row, starting from what it holds (an amount written in the
    /// user's number format `n`).
    pub fn of(row: &ItemRow, field: QuickField, n: NumberFormat) -> QuickEdit {
        let text = match field {
            QuickField::PlannedDate => row.planned_invoice_date.to_string(),
            QuickField::Amount => n.plain(row.amount.amount),
        };
        QuickEdit {
            item_id: row.id,
            version: row.version,
            field,
            text,
            error: None,
        }
    }

    /// Saves what was typed; `Err` is why not (the edit stays open with it).
    pub fn save(&self, cx: &mut Ctx) -> Result<(), String> {
        let q = self;
        let currency = cx
            .store
            .revenue_item(q.item_id)
            .map_err(|e| e.to_string())?
            .currency;
        let parsed = match q.field {
            QuickField::PlannedDate => parse_date(&q.text).map(|d| ItemEdit {
                planned_invoice_date: Some(d),
                ..ItemEdit::default()
            }),
            QuickField::Amount => parse_amount(&q.text, currency, cx.numbers()).map(|a| ItemEdit {
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
        result?;
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
        Ok(())
    }
}
