//! Moving the items of confirmed invoices to invoiced: each to its next version, with a history
//! row. A bulk confirmation moves a couple of hundred thousand items; they go in id order,
//! whatever invoices they are on, so that the rows and index entries they change are reached in
//! the order they are stored in instead of at random, and their history rows go many to a
//! statement (`history_many.rs`).

use super::error::Result;
use super::history_many::NewHistory;
use super::multi_row;
use super::writer::Writer;
use crate::domain::revenue_status::RevenueStatus;

/// Moves the items on invoices `invoices` (just confirmed) to invoiced.
pub(super) fn move_invoiced(w: &Writer<'_>, invoices: &[i64]) -> Result<()> {
    let mut items: Vec<i64> = Vec::new();
    // In chunks of the sizes `multi_row` cuts, so that a few statements of a few sizes serve
    // every number of invoices (each is prepared once and kept in the statement cache).
    for chunk in multi_row::chunks(invoices) {
        let marks = multi_row::placeholders(1, chunk.len(), 1);
        let mut stmt = w.tx().prepare_cached(&format!(
            "SELECT revenue_item_id FROM invoice_lines
             WHERE invoice_id IN {marks} AND revenue_item_id IS NOT NULL"
        ))?;
        for (k, id) in chunk.iter().enumerate() {
            stmt.raw_bind_parameter(1 + k, id)?;
        }
        let mut rows = stmt.raw_query();
        while let Some(r) = rows.next()? {
            items.push(r.get(0)?);
        }
    }
    items.sort_unstable();
    items.dedup();
    // A statement per few hundred items, with their history rows: one statement for all of
    // them would keep, in its statement journal (in memory), every page it changed, hundreds
    // of megabytes.
    let mut done = 0;
    for chunk in multi_row::chunks(&items) {
        super::long_work::progress("items moved to invoiced", done, items.len())?;
        done += chunk.len();
        let marks = multi_row::placeholders(1, chunk.len(), 3);
        let mut stmt = w.tx().prepare_cached(&format!(
            "UPDATE revenue_items SET status = 'invoiced', version = version + 1,
                 updated_by = ?1, updated_at = ?2
             WHERE id IN {marks}
             RETURNING id, version"
        ))?;
        stmt.raw_bind_parameter(1, w.user())?;
        stmt.raw_bind_parameter(2, w.at())?;
        for (k, id) in chunk.iter().enumerate() {
            stmt.raw_bind_parameter(3 + k, id)?;
        }
        let mut moved: Vec<(i64, i64)> = Vec::with_capacity(chunk.len());
        let mut rows = stmt.raw_query();
        while let Some(r) = rows.next()? {
            moved.push((r.get(0)?, r.get(1)?));
        }
        moved.sort_unstable();
        let rows: Vec<NewHistory<'_>> = moved
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
