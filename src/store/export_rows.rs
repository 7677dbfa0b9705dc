//! Rows for `finctl export`, streamed from SQLite so that a million items never sit in memory.
//! Amounts are exact decimal strings of the currency ("1234.50"), dates `YYYY-MM-DD`.

use super::Store;
use super::documents::load_invoice;
use super::error::Result;
use super::invoice_list::InvoiceFilter;
use super::item_list::ItemFilter;
use super::revenue_items::{ITEM_COLUMN_COUNT, ITEM_COLUMNS, RevenueItem};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RevenueItemRow {
    pub id: i64,
    pub project: String,
    pub account: String,
    pub name: String,
    #[serde(rename = "type")]
    pub item_type: String,
    pub billing_rule: String,
    pub status: String,
    pub currency: String,
    pub unit_price: Option<String>,
    pub planned_amount: String,
    pub actual_amount: Option<String>,
    pub planned_invoice_date: String,
    pub vat_rate: String,
    pub milestone: Option<String>,
    pub origin: String,
    pub invoice: Option<String>,
    pub invoice_description: String,
    pub version: i64,
    pub updated_by: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvoiceRow {
    pub id: i64,
    pub number: Option<String>,
    pub kind: String,
    pub status: String,
    pub account: String,
    pub currency: String,
    pub invoice_date: String,
    pub due_date: String,
    pub net: String,
    pub vat: String,
    pub gross: String,
    pub credited_invoice: Option<String>,
    pub confirmed_by: Option<String>,
    pub confirmed_at: Option<String>,
    pub lines: Vec<InvoiceLineRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvoiceLineRow {
    pub position: i64,
    pub revenue_item_id: Option<i64>,
    pub project: String,
    pub description: String,
    pub quantity: String,
    pub unit_price: String,
    pub vat_rate: String,
    pub net: String,
}

impl Store {
    /// Calls `each` for every revenue item in id order.
    pub fn for_each_revenue_item_row(
        &self,
        each: impl FnMut(RevenueItemRow) -> Result<()>,
    ) -> Result<()> {
        self.for_each_revenue_item_row_where(&ItemFilter::all(), each)
    }

    /// Calls `each` for every revenue item `filter` shows, in id order (`finctl export
    /// revenue-items --filter`: the console's filter of all items).
    pub fn for_each_revenue_item_row_where(
        &self,
        filter: &ItemFilter,
        mut each: impl FnMut(RevenueItemRow) -> Result<()>,
    ) -> Result<()> {
        let (cond, args) = filter.scan_sql()?;
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {ITEM_COLUMNS}, p.code, a.name, m.code,
                    (SELECT v.number FROM invoice_lines l JOIN invoices v ON v.id = l.invoice_id
                     WHERE l.revenue_item_id = i.id AND v.kind = 'invoice'
                     ORDER BY l.id DESC LIMIT 1)
             FROM revenue_items i
             JOIN projects p ON p.id = i.project_id
             JOIN accounts a ON a.id = i.account_id
             LEFT JOIN milestones m ON m.id = i.milestone_id
             WHERE 1{cond}
             ORDER BY i.id"
        ))?;
        let mut rows = stmt.query(rusqlite::params_from_iter(&args))?;
        while let Some(r) = rows.next()? {
            let item = RevenueItem::from_row(r)?;
            let extra = ITEM_COLUMN_COUNT;
            each(RevenueItemRow {
                id: item.id,
                project: r.get(extra)?,
                account: r.get(extra + 1)?,
                item_type: item.item_type,
                billing_rule: item.billing_rule.as_str().to_string(),
                status: item.status.as_str().to_string(),
                currency: item.currency.code().to_string(),
                unit_price: item.unit_price.map(|p| p.to_string()),
                planned_amount: item.planned_amount.to_string(),
                actual_amount: item.actual_amount.map(|a| a.to_string()),
                planned_invoice_date: item.planned_invoice_date.to_string(),
                vat_rate: item.vat_rate.to_string(),
                milestone: r.get(extra + 2)?,
                origin: item.origin.as_str().to_string(),
                invoice: r.get(extra + 3)?,
                invoice_description: item.invoice_description,
                name: item.name,
                version: item.version,
                updated_by: item.updated_by,
                updated_at: item.updated_at,
            })?;
        }
        Ok(())
    }

    /// Calls `each` for every invoice and credit note, drafts included, in id order.
    pub fn for_each_invoice_row(&self, each: impl FnMut(InvoiceRow) -> Result<()>) -> Result<()> {
        self.for_each_invoice_row_where(&InvoiceFilter::default(), each)
    }

    /// Calls `each` for every invoice and credit note `filter` shows, in id order.
    pub fn for_each_invoice_row_where(
        &self,
        filter: &InvoiceFilter,
        mut each: impl FnMut(InvoiceRow) -> Result<()>,
    ) -> Result<()> {
        let (cond, args) = filter.scan_sql()?;
        let mut ids = self.conn().prepare(&format!(
            "SELECT i.id FROM invoices i JOIN accounts a ON a.id = i.account_id
             WHERE 1{cond} ORDER BY i.id"
        ))?;
        let ids: Vec<i64> = ids
            .query_map(rusqlite::params_from_iter(&args), |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in ids {
            let inv = load_invoice(self.conn(), id)?;
            let c = inv.currency;
            each(InvoiceRow {
                id: inv.id,
                number: inv.number.clone(),
                kind: inv.kind.as_str().to_string(),
                status: inv.status.as_str().to_string(),
                account: inv.account_name.clone(),
                currency: c.code().to_string(),
                invoice_date: inv.invoice_date.to_string(),
                due_date: inv.due_date.to_string(),
                net: inv.net.to_string(),
                vat: inv.vat.to_string(),
                gross: inv.gross.to_string(),
                credited_invoice: inv.credited_invoice_number.clone(),
                confirmed_by: inv.confirmed_by.clone(),
                confirmed_at: inv.confirmed_at.clone(),
                lines: inv
                    .lines
                    .iter()
                    .map(|l| InvoiceLineRow {
                        position: l.position,
                        revenue_item_id: l.revenue_item_id,
                        project: l.project_code.clone(),
                        description: l.description.clone(),
                        quantity: l.quantity.to_string(),
                        unit_price: c.round(l.unit_price).to_string(),
                        vat_rate: l.vat_rate.to_string(),
                        net: l.net.to_string(),
                    })
                    .collect(),
            })?;
        }
        Ok(())
    }
}

/// What an export walks, to count ahead (its progress shows rows done of all of them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// Rows of `for_each_revenue_item_row`.
    RevenueItems,
    /// Invoices and credit notes of `for_each_invoice_row` (one call each, whatever its lines).
    Invoices,
    ContractLines,
    ProgressStatuses,
}

impl Store {
    /// How many rows the walk of `what` calls back with now (read in the same snapshot as the
    /// walk, the counts are exact).
    pub fn export_count(&self, what: Counted) -> Result<u64> {
        self.export_count_where(what, "")
    }

    /// How many rows the walk of `what` with the filter `text` calls back with (revenue items
    /// and invoices take a filter; the other walks ignore it).
    pub fn export_count_where(&self, what: Counted, text: &str) -> Result<u64> {
        let sum = |totals: Vec<super::list_query::CurrencyTotal>| {
            u64::try_from(totals.iter().map(|t| t.count).sum::<i64>()).unwrap_or(0)
        };
        match what {
            Counted::RevenueItems if !text.trim().is_empty() => {
                return Ok(sum(self.item_totals(&ItemFilter {
                    text: text.to_string(),
                    ..ItemFilter::all()
                })?));
            }
            Counted::Invoices if !text.trim().is_empty() => {
                return Ok(sum(self.invoice_totals(&InvoiceFilter {
                    text: text.to_string(),
                })?));
            }
            _ => {}
        }
        let table = match what {
            Counted::RevenueItems => "revenue_items",
            Counted::Invoices => "invoices",
            Counted::ContractLines => "contract_lines",
            Counted::ProgressStatuses => "progress_statuses",
        };
        let n: i64 = self
            .conn()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }
}
