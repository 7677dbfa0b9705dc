//! Revenue items: their shapes, the one way a row is read, and creating them with their name
//! index entries. Changing them by hand is `item_edits.rs`.

use super::codec;
use super::error::{Result, StoreError};
use super::{Store, Writer};
use crate::domain::Currency;
use crate::domain::billing_rule::BillingRule;
use crate::domain::revenue_item::{FieldError, ItemChange, ItemField, ItemValues, check_item};
use crate::domain::rights::Action;
use crate::domain::scaled::from_micros;
use crate::domain::status::{Origin, RevenueStatus};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct NewRevenueItem {
    pub project_id: i64,
    pub milestone_id: Option<i64>,
    pub name: String,
    pub item_type: String,
    pub billing_rule: BillingRuleName,
    pub unit_price: Option<Decimal>,
    pub planned_amount: Decimal,
    pub planned_invoice_date: NaiveDate,
    /// Open, billable or rejected: only invoicing sets the others.
    pub status: StatusName,
    pub vat_rate: Decimal,
    pub invoice_description: String,
    pub internal_description: String,
    pub origin: OriginName,
}

/// Serializable wrappers so that creation history rows carry the stored names.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(into = "String")]
pub struct BillingRuleName(pub BillingRule);
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(into = "String")]
pub struct StatusName(pub RevenueStatus);
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(into = "String")]
pub struct OriginName(pub Origin);

impl From<BillingRuleName> for String {
    fn from(v: BillingRuleName) -> String {
        v.0.as_str().into()
    }
}
impl From<StatusName> for String {
    fn from(v: StatusName) -> String {
        v.0.as_str().into()
    }
}
impl From<OriginName> for String {
    fn from(v: OriginName) -> String {
        v.0.as_str().into()
    }
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
    pub planned_amount: Decimal,
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
}

impl RevenueItem {
    /// What the domain's item check looks at.
    pub fn values(&self) -> ItemValues<'_> {
        ItemValues {
            currency: self.currency,
            name: &self.name,
            billing_rule: self.billing_rule,
            has_milestone: self.milestone_id.is_some(),
            unit_price: self.unit_price,
            planned_amount: self.planned_amount,
            vat_rate: self.vat_rate,
        }
    }
}

pub(super) const ITEM_COLUMNS: &str = "id, project_id, account_id, currency, milestone_id, name,
    item_type, billing_rule, unit_price_micros, planned_amount_minor, actual_amount_minor,
    planned_invoice_date, status, vat_rate_micros, invoice_description, internal_description,
    origin, version, updated_by, updated_at";

fn item_from_row(r: &Row<'_>) -> rusqlite::Result<Result<RevenueItem>> {
    let currency: String = r.get(3)?;
    let rule: String = r.get(7)?;
    let status: String = r.get(12)?;
    let origin: String = r.get(16)?;
    let unit_price: Option<i64> = r.get(8)?;
    let planned: i64 = r.get(9)?;
    let actual: Option<i64> = r.get(10)?;
    let vat: i64 = r.get(13)?;
    let (id, project_id, account_id, milestone_id) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(4)?);
    let (name, item_type, date) = (r.get(5)?, r.get(6)?, r.get(11)?);
    let (inv_desc, int_desc) = (r.get(14)?, r.get(15)?);
    let (version, updated_by, updated_at) = (r.get(17)?, r.get(18)?, r.get(19)?);
    Ok((|| {
        let currency = codec::currency(&currency)?;
        Ok(RevenueItem {
            id,
            project_id,
            account_id,
            currency,
            milestone_id,
            name,
            item_type,
            billing_rule: codec::parse(&rule)?,
            unit_price: unit_price.map(from_micros),
            planned_amount: currency.from_minor(planned),
            actual_amount: actual.map(|a| currency.from_minor(a)),
            planned_invoice_date: date,
            status: codec::parse(&status)?,
            vat_rate: from_micros(vat),
            invoice_description: inv_desc,
            internal_description: int_desc,
            origin: codec::parse(&origin)?,
            version,
            updated_by,
            updated_at,
        })
    })())
}

pub(super) fn load_item(conn: &rusqlite::Connection, id: i64) -> Result<RevenueItem> {
    let sql = format!("SELECT {ITEM_COLUMNS} FROM revenue_items WHERE id = ?1");
    conn.prepare_cached(&sql)?
        .query_row([id], item_from_row)
        .optional()?
        .ok_or(StoreError::NotFound {
            object: "revenue item",
            id,
        })?
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

    /// Creates items in one transaction, each with its creation history row.
    pub fn create_revenue_items(&mut self, items: &[NewRevenueItem]) -> Result<Vec<i64>> {
        self.write(Action::EditRevenue, |w| {
            let ids: Vec<i64> = items
                .iter()
                .map(|item| insert_item(w, item))
                .collect::<Result<_>>()?;
            // The new ids are consecutive (AUTOINCREMENT, one transaction): one statement
            // indexes the whole batch's names.
            if let (Some(first), Some(last)) = (ids.first(), ids.last()) {
                w.tx()
                    .prepare_cached(
                        "INSERT INTO revenue_item_search (rowid, name)
                         SELECT id, name FROM revenue_items WHERE id BETWEEN ?1 AND ?2",
                    )?
                    .execute(params![first, last])?;
            }
            Ok(ids)
        })
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

/// Indexes an item's stored name.
pub(super) fn search_add(w: &Writer<'_>, id: i64) -> Result<()> {
    w.tx()
        .prepare_cached(
            "INSERT INTO revenue_item_search (rowid, name) SELECT id, name FROM revenue_items WHERE id = ?1",
        )?
        .execute([id])?;
    Ok(())
}

/// Inserts one item after the domain's item check (a refusal names the field); returns its
/// id. The caller adds its name to the name index.
pub(super) fn insert_item(w: &Writer<'_>, item: &NewRevenueItem) -> Result<i64> {
    let (account_id, currency, milestone_project, milestone_reached): (
        i64,
        String,
        Option<i64>,
        Option<bool>,
    ) = w
        .tx()
        .prepare_cached(
            "SELECT p.account_id, p.currency, m.project_id, m.reached_at IS NOT NULL
             FROM projects p LEFT JOIN milestones m ON m.id = ?2
             WHERE p.id = ?1",
        )?
        .query_row(params![item.project_id, item.milestone_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?
        .ok_or(StoreError::NotFound {
            object: "project",
            id: item.project_id,
        })?;
    if item.milestone_id.is_some() && milestone_project != Some(item.project_id) {
        return Err(FieldError::new(
            ItemField::Milestone,
            "the milestone belongs to another project",
        )
        .into());
    }
    let cur = codec::currency(&currency)?;
    let figures = check_item(
        &ItemValues {
            currency: cur,
            name: &item.name,
            billing_rule: item.billing_rule.0,
            has_milestone: item.milestone_id.is_some(),
            unit_price: item.unit_price,
            planned_amount: item.planned_amount,
            vat_rate: item.vat_rate,
        },
        ItemChange::New {
            status: item.status.0,
            origin: item.origin.0,
            milestone_reached: item.milestone_id.and(milestone_reached),
        },
    )?;
    let amount = figures.planned_amount_minor;
    let id: i64 = w
        .tx()
        .prepare_cached(
            "INSERT INTO revenue_items (project_id, account_id, currency, milestone_id, name,
                item_type, billing_rule, unit_price_micros, planned_amount_minor,
                planned_invoice_date, status, vat_rate_micros, invoice_description,
                internal_description, origin, updated_by, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
             RETURNING id",
        )?
        .query_row(
            params![
                item.project_id,
                account_id,
                currency,
                item.milestone_id,
                item.name,
                item.item_type,
                item.billing_rule.0.as_str(),
                figures.unit_price_micros,
                amount,
                item.planned_invoice_date,
                item.status.0.as_str(),
                figures.vat_rate_micros,
                item.invoice_description,
                item.internal_description,
                item.origin.0.as_str(),
                w.user(),
                w.at()
            ],
            |r| r.get(0),
        )?;
    // What decides money, dates, status and type; descriptions are left out because this row
    // is written a million times by large imports and every later change records old and new.
    let mut created = serde_json::json!({
        "project_id": item.project_id,
        "name": item.name,
        "type": item.item_type,
        "billing_rule": item.billing_rule.0.as_str(),
        "planned_amount": cur.from_minor(amount).to_string(),
        "planned_invoice_date": item.planned_invoice_date.to_string(),
        "status": item.status.0.as_str(),
        "vat_rate": item.vat_rate.normalize().to_string(),
        "origin": item.origin.0.as_str(),
    });
    if let Some(m) = item.milestone_id {
        created["milestone_id"] = m.into();
    }
    if let Some(p) = item.unit_price {
        created["unit_price"] = p.normalize().to_string().into();
    }
    w.history_created("revenue_item", id, &created)?;
    Ok(id)
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
