//! Revenue items: their shapes, the one column list and row mapper of `revenue_items`, and
//! their name index entries. Creating them is `new_items.rs`, changing them by hand
//! `item_edits.rs`.

use super::codec;
use super::error::{Result, StoreError};
use super::{Store, Writer};
use crate::domain::Currency;
use crate::domain::billing_rule::BillingRule;
use crate::domain::revenue_item::ItemValues;
use crate::domain::revenue_status::{Origin, RevenueStatus};
use crate::domain::scaled::from_micros;
use crate::domain::warnings::{Warning, collect_warning, item_warning};
use chrono::NaiveDate;
use rusqlite::{Row, params};
use rust_decimal::Decimal;

/// A new revenue item as a form, a billing plan, a progress period or an import makes it;
/// its account and currency are its project's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRevenueItem {
    pub project_id: i64,
    pub milestone_id: Option<i64>,
    pub name: String,
    pub item_type: String,
    pub billing_rule: BillingRule,
    pub unit_price: Option<Decimal>,
    /// The amount typed; for a time-and-materials item its estimate (its amount is what its
    /// time and expenses come to, which the store works out).
    pub planned_amount: Decimal,
    pub planned_invoice_date: NaiveDate,
    /// Open, billable or rejected: only invoicing sets the others.
    pub status: RevenueStatus,
    pub vat_rate: Decimal,
    pub invoice_description: String,
    pub internal_description: String,
    pub origin: Origin,
}

/// A revenue item as stored, amounts as decimals of its currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevenueItem {
    pub id: i64,
    pub project_id: i64,
    pub account_id: i64,
    pub currency: Currency,
    pub milestone_id: Option<i64>,
    pub name: String,
    pub item_type: String,
    pub billing_rule: BillingRule,
    pub unit_price: Option<Decimal>,
    /// What the item will invoice: the amount typed; for a time-and-materials item what its
    /// uncollected time and expenses come to now (0 when rejected), kept by the store.
    pub planned_amount: Decimal,
    /// What it invoiced (on a draft or an invoice).
    pub actual_amount: Option<Decimal>,
    pub planned_invoice_date: NaiveDate,
    pub status: RevenueStatus,
    pub vat_rate: Decimal,
    pub invoice_description: String,
    pub internal_description: String,
    pub origin: Origin,
    pub version: i64,
    pub updated_by: String,
    pub updated_at: String,
    /// Its key in the system it was imported from.
    pub ext_key: Option<String>,
    /// Time and materials: the amount typed for it, an estimate that is never summed with
    /// money (`None` for other rules).
    pub estimate: Option<Decimal>,
    /// Time and materials: why its time and expenses cannot be priced now (its amount is then
    /// 0 and drafting skips it).
    pub collect_error: Option<String>,
}

/// The columns of a revenue item (table alias `i`), in the order `RevenueItem::from_row` reads
/// them: every query that reads items selects these first and appends what else it needs
/// (read from `ITEM_COLUMN_COUNT` on).
pub(super) const ITEM_COLUMNS: &str = "i.id, i.project_id, i.account_id, i.currency,
    i.milestone_id, i.name, i.item_type, i.billing_rule, i.unit_price_micros,
    i.planned_amount_minor, i.actual_amount_minor, i.planned_invoice_date, i.status,
    i.vat_rate_micros, i.invoice_description, i.internal_description, i.origin, i.version,
    i.updated_by, i.updated_at, i.ext_key, i.estimate_minor, i.collect_error";

/// How many columns `ITEM_COLUMNS` names.
pub(super) const ITEM_COLUMN_COUNT: usize = 23;

impl RevenueItem {
    /// The item of a row that starts with `ITEM_COLUMNS`.
    pub(super) fn from_row(r: &Row<'_>) -> Result<RevenueItem> {
        let currency = codec::currency(&r.get::<_, String>(3)?)?;
        Ok(RevenueItem {
            id: r.get(0)?,
            project_id: r.get(1)?,
            account_id: r.get(2)?,
            currency,
            milestone_id: r.get(4)?,
            name: r.get(5)?,
            item_type: r.get(6)?,
            billing_rule: codec::parse(&r.get::<_, String>(7)?)?,
            unit_price: r.get::<_, Option<i64>>(8)?.map(from_micros),
            planned_amount: currency.from_minor(r.get(9)?),
            actual_amount: r.get::<_, Option<i64>>(10)?.map(|a| currency.from_minor(a)),
            planned_invoice_date: r.get(11)?,
            status: codec::parse(&r.get::<_, String>(12)?)?,
            vat_rate: from_micros(r.get(13)?),
            invoice_description: r.get(14)?,
            internal_description: r.get(15)?,
            origin: codec::parse(&r.get::<_, String>(16)?)?,
            version: r.get(17)?,
            updated_by: r.get(18)?,
            updated_at: r.get(19)?,
            ext_key: r.get(20)?,
            estimate: r.get::<_, Option<i64>>(21)?.map(|a| currency.from_minor(a)),
            collect_error: r.get(22)?,
        })
    }

    /// The amount a user types for the item: its planned amount, or a time-and-materials
    /// item's estimate (its planned amount is worked out, never typed).
    pub fn typed_amount(&self) -> Decimal {
        if self.billing_rule == BillingRule::TimeAndMaterials {
            self.estimate.unwrap_or_default()
        } else {
            self.planned_amount
        }
    }

    /// What its summary calls its amount: a time-and-materials item's is what it collects now,
    /// or once on an invoice what it collected.
    pub fn amount_label(&self) -> &'static str {
        match self.billing_rule {
            BillingRule::TimeAndMaterials if self.status.is_on_invoice() => "Collected amount",
            BillingRule::TimeAndMaterials => "Collectable now",
            _ => "Planned amount",
        }
    }

    /// What the item warns of: first what a time-and-materials item cannot collect, then its
    /// dates (as the lists say it: `ItemRow::warning`). `milestone_reached` is `Some` for an
    /// item that waits for a milestone.
    pub fn warning(&self, milestone_reached: Option<bool>, today: NaiveDate) -> Option<Warning> {
        let shown = self.actual_amount.unwrap_or(self.planned_amount);
        collect_warning(
            self.billing_rule,
            self.status,
            shown,
            self.collect_error.is_some(),
        )
        .or_else(|| {
            item_warning(
                self.status,
                self.planned_invoice_date,
                milestone_reached,
                today,
            )
        })
    }

    /// What the domain's item check looks at (the amount typed).
    pub fn values(&self) -> ItemValues<'_> {
        ItemValues {
            currency: self.currency,
            name: &self.name,
            billing_rule: self.billing_rule,
            has_milestone: self.milestone_id.is_some(),
            unit_price: self.unit_price,
            planned_amount: self.typed_amount(),
            vat_rate: self.vat_rate,
        }
    }
}

pub(super) fn load_item(conn: &rusqlite::Connection, id: i64) -> Result<RevenueItem> {
    let sql = format!("SELECT {ITEM_COLUMNS} FROM revenue_items i WHERE i.id = ?1");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([id])?;
    match rows.next()? {
        Some(r) => RevenueItem::from_row(r),
        None => Err(StoreError::NotFound {
            object: "revenue item",
            id,
        }),
    }
}

/// The revenue item with this external key, if there is one.
pub fn revenue_item_by_key(conn: &rusqlite::Connection, key: &str) -> Result<Option<RevenueItem>> {
    let sql = format!("SELECT {ITEM_COLUMNS} FROM revenue_items i WHERE i.ext_key = ?1");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([key.trim()])?;
    rows.next()?.map(RevenueItem::from_row).transpose()
}

/// Whether every confirmed invoice line of the item is credited in full by confirmed credit
/// notes (and there is at least one).
pub(super) fn fully_credited(conn: &rusqlite::Connection, item_id: i64) -> Result<bool> {
    let (lines, credited): (i64, i64) = conn
        .prepare_cached(
            "SELECT count(*), coalesce(sum(
                 (SELECT coalesce(sum(c.net_minor), 0) FROM invoice_lines c
                  JOIN invoices ci ON ci.id = c.invoice_id
                  WHERE c.credited_line_id = l.id AND ci.status = 'confirmed') >= l.net_minor), 0)
             FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
             WHERE l.revenue_item_id = ?1 AND i.kind = 'invoice' AND i.status = 'confirmed'
               AND l.net_minor > 0",
        )?
        .query_row([item_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(lines > 0 && credited == lines)
}

/// The changes an edit asks for; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct ItemEdit {
    pub name: Option<String>,
    pub item_type: Option<String>,
    pub unit_price: Option<Option<Decimal>>,
    pub planned_amount: Option<Decimal>,
    pub planned_invoice_date: Option<NaiveDate>,
    pub vat_rate: Option<Decimal>,
    pub invoice_description: Option<String>,
    pub internal_description: Option<String>,
}

impl Store {
    pub fn revenue_item(&self, id: i64) -> Result<RevenueItem> {
        load_item(self.conn(), id)
    }

    /// The revenue item with this external key, if there is one.
    pub fn revenue_item_by_key(&self, key: &str) -> Result<Option<RevenueItem>> {
        revenue_item_by_key(self.conn(), key)
    }
}

/// Takes an item's current name out of the name index (external content: it needs the text
/// that was indexed).
pub(super) fn search_forget(w: &Writer<'_>, id: i64, name: &str) -> Result<()> {
    w.tx()
        .prepare_cached(
            "INSERT INTO revenue_item_search (revenue_item_search, rowid, name)
             VALUES ('delete', ?1, ?2)",
        )?
        .execute(params![id, name])?;
    Ok(())
}

/// Indexes an item's stored name (the trigram index and the names seen, `item_names`).
pub(super) fn search_add(w: &Writer<'_>, id: i64) -> Result<()> {
    w.tx()
        .prepare_cached(
            "INSERT INTO revenue_item_search (rowid, name) SELECT id, name FROM revenue_items WHERE id = ?1",
        )?
        .execute([id])?;
    w.tx()
        .prepare_cached(
            "INSERT OR IGNORE INTO item_names (name) SELECT name FROM revenue_items WHERE id = ?1",
        )?
        .execute([id])?;
    Ok(())
}

impl Store {
    /// Ids of up to `limit` billable items planned between `from` and `to` (inclusive), by
    /// planned date (through the finance control index).
    pub fn billable_item_ids(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        limit: usize,
    ) -> Result<Vec<i64>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id FROM revenue_items INDEXED BY revenue_items_finance_control
             WHERE status IN ('billable', 'draft_invoice') AND status = 'billable'
               AND planned_invoice_date BETWEEN ?1 AND ?2
             ORDER BY planned_invoice_date, id LIMIT ?3",
        )?;
        let rows = stmt.query_map(params![from, to, limit as i64], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Store {
    pub fn revenue_item_count(&self) -> Result<i64> {
        Ok(self
            .conn()
            .query_row("SELECT count(*) FROM revenue_items", [], |r| r.get(0))?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_column_count_follows_the_column_list() {
        assert_eq!(ITEM_COLUMNS.split(',').count(), ITEM_COLUMN_COUNT);
    }
}
