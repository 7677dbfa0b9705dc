//! Moving the items of confirmed invoices to invoiced: each to its next version, with a history
//! row. A bulk confirmation moves a couple of hundred thousand items; they go in id order,
//! whatever invoices they are on, so that the rows and index entries they change are reached in
//! the order they are stored in instead of at random, and their history rows go many to a
//! statement (`history_many.rs`).

use super::error::{Result, StoreError};
use super::history_many::NewHistory;
use super::multi_row;
use super::triggers_off::TriggersOff;
use super::writer::Writer;
use crate::domain::revenue_status::RevenueStatus;
use rusqlite::OptionalExtension;

/// Moves `items` (those on the invoices just confirmed, as their lines name them) to
/// invoiced.
pub(super) fn move_invoiced(w: &Writer<'_>, mut items: Vec<i64>) -> Result<()> {
    items.sort_unstable();
    items.dedup();
    // A statement per 1,024 items at most: a statement takes at most 32,766 values, and the
    // progress is told between statements. Their history rows after all of them, with the
    // triggers back on.
    let mut moved: Vec<(i64, i64)> = Vec::with_capacity(items.len());
    let off = TriggersOff::begin(w.tx())?;
    for chunk in multi_row::chunks(&items) {
        super::long_work::progress("items moved to invoiced", moved.len(), items.len())?;
        let marks = multi_row::placeholders(1, chunk.len(), 3);
        // `OR FAIL` and no triggers: no statement journal (`triggers_off.rs`). An item on a
        // draft counts in no forecast sum, before or after.
        let mut stmt = w.tx().prepare_cached(&format!(
            "UPDATE OR FAIL revenue_items SET status = 'invoiced', version = version + 1,
                 updated_by = ?1, updated_at = ?2
             WHERE id IN {marks} AND status = 'draft_invoice'
             RETURNING id, version"
        ))?;
        stmt.raw_bind_parameter(1, w.user())?;
        stmt.raw_bind_parameter(2, w.at())?;
        for (k, id) in chunk.iter().enumerate() {
            stmt.raw_bind_parameter(3 + k, id)?;
        }
        let mut rows = stmt.raw_query();
        while let Some(r) = rows.next()? {
            moved.push((r.get(0)?, r.get(1)?));
        }
    }
    off.end()?;
    moved.sort_unstable();
    if moved.len() != items.len() {
        return Err(not_on_a_draft(w, &items, &moved)?);
    }
    for chunk in multi_row::chunks(&moved) {
        let rows: Vec<NewHistory<'_>> = chunk
            .iter()
            .map(|&(item_id, version)| NewHistory {
                object: "revenue_item",
                object_id: item_id,
                version,
                field: "status",
                old: Some(RevenueStatus::DraftInvoice.as_str().into()),
                new: Some(RevenueStatus::Invoiced.as_str().into()),
            })
            .collect();
        w.history_many(&rows)?;
    }
    Ok(())
}

/// The refusal for an item on a confirmed draft that was not "on a draft invoice" (only
/// drafting puts an item there, and only confirming or deleting its draft takes it away, so
/// this is a file changed behind finctl's back): which item, and what it is.
fn not_on_a_draft(w: &Writer<'_>, items: &[i64], moved: &[(i64, i64)]) -> Result<StoreError> {
    let odd = items
        .iter()
        .copied()
        .find(|id| moved.binary_search_by_key(id, |m| m.0).is_err())
        .unwrap_or_default();
    let status: Option<String> = w
        .tx()
        .query_row(
            "SELECT status FROM revenue_items WHERE id = ?1",
            [odd],
            |r| r.get(0),
        )
        .optional()?;
    Ok(StoreError::refused(format!(
        "revenue item {odd} on the draft is {}, not on a draft invoice: nothing was confirmed",
        status.as_deref().unwrap_or("gone")
    )))
}
