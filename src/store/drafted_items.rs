//! Writing drafts' lines and moving their items onto them, many rows to a statement: the bulk
//! path of making drafts (a hundred thousand items at a time). The rows are the ones a line at
//! a time would write; `multi_row.rs` says why fewer statements cost less (each statement on
//! these tables runs their insert triggers' programs and journals the pages it changes first).

use super::codec;
use super::error::Result;
use super::forecast_sums;
use super::history_many::NewHistory;
use super::multi_row;
use super::selected_items::{DraftItem, Selected};
use super::triggers_off::TriggersOff;
use super::writer::Writer;
use crate::domain::Currency;
use crate::domain::revenue_status::RevenueStatus;
use rust_decimal::Decimal;

/// Values per line: position, item, project, description, unit price, VAT rate and net.
const LINE_VALUES: usize = 7;
/// Values per item: its id, the version it was read at and the amount it invoices.
const ITEM_VALUES: usize = 3;

/// An item put on a draft: what its move to "on a draft invoice" writes and records. Made a
/// statement's worth at a time from the selection (`selected_items.rs`), which holds the item.
#[derive(Debug, Clone, Copy)]
struct Drafted {
    id: i64,
    /// The version it was read at: it moves only if still there.
    version: i64,
    currency: Currency,
    status: RevenueStatus,
    actual_amount: Option<Decimal>,
    /// What its line invoices.
    amount: Decimal,
}

impl Drafted {
    fn new(item: &DraftItem, amount: Decimal) -> Self {
        Drafted {
            id: item.id,
            version: item.version,
            currency: item.currency,
            status: item.status,
            actual_amount: item.actual_amount,
            amount,
        }
    }
}

/// `chunk`'s items as their moves need them.
fn drafted(selected: &Selected, chunk: &[(i64, Decimal)]) -> Result<Vec<Drafted>> {
    chunk
        .iter()
        .map(|&(id, amount)| Ok(Drafted::new(selected.item(id)?, amount)))
        .collect()
}

/// Moves each item `(id, amount)` of `selected` to "on a draft invoice" with its line's
/// amount and its next version, and records both changes of each in the history. The items go
/// in id order, whatever drafts they are on, so that the rows and index entries they change are
/// reached in the order they are stored in instead of at random; with the triggers off
/// (`triggers_off.rs`), their forecast sums kept here. An item no longer at the version it was
/// read at fails the whole write with who changed it and when.
pub(super) fn move_drafted(
    w: &Writer<'_>,
    selected: &Selected,
    items: &mut [(i64, Decimal)],
) -> Result<()> {
    items.sort_unstable_by_key(|d| d.0);
    let total = items.len();
    // The version each item moved to, in the order of `items` (0: it did not move).
    let mut versions: Vec<i64> = Vec::with_capacity(total);
    let mut leaving = forecast_sums::Leaving::default();
    let off = TriggersOff::begin(w.tx())?;
    for chunk in multi_row::chunks(items) {
        super::long_work::progress("items moved onto drafts", versions.len(), total)?;
        let chunk = drafted(selected, chunk)?;
        let at = versions.len();
        versions.resize(at + chunk.len(), 0);
        move_items(w, &chunk, &mut versions[at..], &mut leaving)?;
    }
    off.end()?;
    leaving.apply(w.tx())?;
    // The history rows a chunk at a time: those of a hundred thousand items would otherwise
    // wait in memory together.
    let mut at = 0;
    for chunk in multi_row::chunks(items) {
        let chunk = drafted(selected, chunk)?;
        let moved = &versions[at..at + chunk.len()];
        at += chunk.len();
        let mut rows = Vec::with_capacity(2 * chunk.len());
        for (item, &version) in chunk.iter().zip(moved) {
            if version == 0 {
                // Changed within this transaction (collecting reprices nothing before the
                // commit): say who and when, as every stale write does.
                return Err(w.stale("revenue_items", "revenue item", item.id)?);
            }
            rows.push(NewHistory {
                object: "revenue_item",
                object_id: item.id,
                version,
                field: "status",
                old: Some(item.status.as_str().into()),
                new: Some(RevenueStatus::DraftInvoice.as_str().into()),
            });
            rows.push(NewHistory {
                object: "revenue_item",
                object_id: item.id,
                version,
                field: "actual_amount",
                old: item.actual_amount.map(|a| a.to_string().into()),
                new: Some(item.amount.to_string().into()),
            });
        }
        w.history_many(&rows)?;
    }
    Ok(())
}

/// Status, amount and version of each item in one statement (at most `multi_row::ROWS`), each
/// item only at the version read: the new version of each item moved goes into `versions` at
/// its place in `chunk` (an item left at 0 was changed meanwhile), and what an item counted in
/// the forecast into `leaving`. `OR FAIL`: a row the table refuses ends the statement, and its
/// error the write.
/// No function call in the statement either: SQLite keeps a statement journal for any
/// statement that calls one (its month is cut in `forecast_sums::month`).
fn move_items(
    w: &Writer<'_>,
    chunk: &[Drafted],
    versions: &mut [i64],
    leaving: &mut forecast_sums::Leaving,
) -> Result<()> {
    let values = multi_row::placeholders(chunk.len(), ITEM_VALUES, 3);
    let mut stmt = w.tx().prepare_cached(&format!(
        "UPDATE OR FAIL revenue_items
            SET status = 'draft_invoice', actual_amount_minor = v.column3,
                version = revenue_items.version + 1, updated_by = ?1, updated_at = ?2
         FROM (VALUES {values}) AS v
         WHERE revenue_items.id = v.column1 AND revenue_items.version = v.column2
         RETURNING revenue_items.id, revenue_items.version,
             revenue_items.planned_invoice_date, revenue_items.project_id,
             revenue_items.currency, revenue_items.planned_amount_minor"
    ))?;
    stmt.raw_bind_parameter(1, w.user())?;
    stmt.raw_bind_parameter(2, w.at())?;
    for (k, item) in chunk.iter().enumerate() {
        let p = 3 + ITEM_VALUES * k;
        stmt.raw_bind_parameter(p, item.id)?;
        stmt.raw_bind_parameter(p + 1, item.version)?;
        stmt.raw_bind_parameter(p + 2, codec::minor(item.currency, item.amount)?)?;
    }
    let mut moved = stmt.raw_query();
    while let Some(r) = moved.next()? {
        let id: i64 = r.get(0)?;
        // `chunk` is in id order (`move_drafted` sorted the items), each item once.
        let Ok(k) = chunk.binary_search_by_key(&id, |d| d.id) else {
            continue;
        };
        versions[k] = r.get(1)?;
        // The status it was read at is the one it moved from: it moved only at that version.
        if chunk[k].status.is_forecast() {
            let date: String = r.get(2)?;
            leaving.add(forecast_sums::month(&date), r.get(3)?, r.get(4)?, r.get(5)?)?;
        }
    }
    Ok(())
}

/// Writes a line for each `(item, amount)` of draft `invoice_id`, positions from 1 in order.
pub(super) fn insert_lines(
    w: &Writer<'_>,
    invoice_id: i64,
    currency: Currency,
    lines: &[(&DraftItem, Decimal)],
) -> Result<()> {
    let mut position = 0i64;
    for chunk in multi_row::chunks(lines) {
        // ?1 is the invoice; each line adds its values; quantity 1, nothing credited.
        let values =
            multi_row::templated(chunk.len(), "(?1, #, #, #, #, 1000000, #, #, #, NULL)", 2);
        let mut stmt = w.tx().prepare_cached(&format!(
            "INSERT INTO invoice_lines (invoice_id, position, revenue_item_id, project_id,
                 description, quantity_micros, unit_price_micros, vat_rate_micros, net_minor,
                 credited_line_id)
             VALUES {values}"
        ))?;
        stmt.raw_bind_parameter(1, invoice_id)?;
        for (k, (item, amount)) in chunk.iter().enumerate() {
            position += 1;
            let p = 2 + LINE_VALUES * k;
            stmt.raw_bind_parameter(p, position)?;
            stmt.raw_bind_parameter(p + 1, item.id)?;
            stmt.raw_bind_parameter(p + 2, item.project_id)?;
            stmt.raw_bind_parameter(p + 3, item.line_text())?;
            stmt.raw_bind_parameter(p + 4, codec::micros(*amount)?)?;
            stmt.raw_bind_parameter(p + 5, codec::micros(item.vat_rate)?)?;
            stmt.raw_bind_parameter(p + 6, codec::minor(currency, *amount)?)?;
        }
        stmt.raw_execute()?;
    }
    Ok(())
}
