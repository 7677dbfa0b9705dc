//! Writing new revenue items: an item checked and priced into the row it is stored as, and
//! rows written many to a statement (`multi_row.rs` says why), each with its creation history
//! row.

use super::codec;
use super::collectable::price_new_item;
use super::error::{Result, StoreError};
use super::multi_row::{self, placeholders};
use super::revenue_items::NewRevenueItem;
use super::writer::Writer;
use crate::domain::Currency;
use crate::domain::billing_rule::BillingRule;
use crate::domain::revenue_item::{
    FieldError, ItemChange, ItemField, ItemValues, StoredFigures, check_item,
};
use crate::domain::scaled::from_micros;
use crate::domain::tm_allocation::collects;
use rusqlite::OptionalExtension;
use rusqlite::types::ToSql;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashMap;

/// What a new item takes from its project: the account it bills and the currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ItemProject {
    pub account_id: i64,
    pub currency: Currency,
}

/// The projects new items are made for in one write, each looked up once however many items
/// it gets.
#[derive(Debug, Default)]
pub(super) struct ItemProjects(HashMap<i64, ItemProject>);

impl ItemProjects {
    pub(super) fn get(&mut self, w: &Writer<'_>, project_id: i64) -> Result<ItemProject> {
        if let Some(p) = self.0.get(&project_id) {
            return Ok(*p);
        }
        let (account_id, currency): (i64, String) = w
            .tx()
            .prepare_cached("SELECT account_id, currency FROM projects WHERE id = ?1")?
            .query_row([project_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or(StoreError::NotFound {
                object: "project",
                id: project_id,
            })?;
        let project = ItemProject {
            account_id,
            currency: codec::currency(&currency)?,
        };
        self.0.insert(project_id, project);
        Ok(project)
    }
}

/// Whether the milestone of a new item is reached (`None` without one); refused when the
/// milestone is another project's.
pub(super) fn milestone_reached(w: &Writer<'_>, item: &NewRevenueItem) -> Result<Option<bool>> {
    let Some(id) = item.milestone_id else {
        return Ok(None);
    };
    let milestone: Option<(i64, bool)> = w
        .tx()
        .prepare_cached("SELECT project_id, reached_at IS NOT NULL FROM milestones WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match milestone {
        Some((project, reached)) if project == item.project_id => Ok(Some(reached)),
        _ => Err(FieldError::new(
            ItemField::Milestone,
            "the milestone belongs to another project",
        )
        .into()),
    }
}

/// A new item as it will be stored: checked by the domain, its amount worked out.
pub(super) struct ItemRow<'a> {
    /// Borrowed from the caller's items, or made for this row alone (`Store::
    /// create_revenue_items_made`).
    pub item: Cow<'a, NewRevenueItem>,
    pub project: ItemProject,
    pub figures: StoredFigures,
    pub amount_minor: i64,
    pub estimate_minor: Option<i64>,
    pub collect_error: Option<String>,
}

/// Checks one item (a refusal names the field) and gives the row it is stored as. A collecting
/// time-and-materials item is priced from the rows as they are: the items of its project before
/// it must be written already.
pub(super) fn check_row<'a>(
    w: &Writer<'_>,
    projects: &mut ItemProjects,
    item: Cow<'a, NewRevenueItem>,
) -> Result<ItemRow<'a>> {
    let project = projects.get(w, item.project_id)?;
    let figures = check_item(
        &ItemValues {
            currency: project.currency,
            name: &item.name,
            billing_rule: item.billing_rule,
            has_milestone: item.milestone_id.is_some(),
            unit_price: item.unit_price,
            planned_amount: item.planned_amount,
            vat_rate: item.vat_rate,
        },
        ItemChange::New {
            status: item.status,
            origin: item.origin,
            milestone_reached: milestone_reached(w, &item)?,
        },
    )?;
    // A time-and-materials item keeps what was typed as its estimate; its amount is what it
    // collects now (nothing once rejected). Its window takes rows from the item after it,
    // which is priced again before the write commits.
    let (amount_minor, estimate_minor, collect_error) =
        match item.billing_rule == BillingRule::TimeAndMaterials {
            false => (figures.planned_amount_minor, None, None),
            true if collects(item.billing_rule, item.status) => {
                let unit_price = figures.unit_price_micros.map(from_micros);
                let now = price_new_item(
                    w.tx(),
                    item.project_id,
                    item.planned_invoice_date,
                    unit_price,
                    project.currency,
                )?;
                let estimate = Some(figures.planned_amount_minor);
                (now.amount_minor, estimate, now.error)
            }
            true => (0, Some(figures.planned_amount_minor), None),
        };
    Ok(ItemRow {
        item,
        project,
        figures,
        amount_minor,
        estimate_minor,
        collect_error,
    })
}

/// The columns an item's row is written with, in the order `values` gives them.
const COLUMNS: &str = "project_id, account_id, currency, milestone_id, name, item_type,
    billing_rule, unit_price_micros, planned_amount_minor, planned_invoice_date, status,
    vat_rate_micros, invoice_description, internal_description, origin, updated_by, updated_at,
    estimate_minor, collect_error";

/// How many values each row binds.
const VALUES_PER_ROW: usize = 19;

/// Writes the rows, in order, with their creation history rows; returns their ids. Collecting
/// items note their project to be priced again before the write commits.
pub(super) fn insert_rows(w: &Writer<'_>, rows: &[ItemRow<'_>]) -> Result<Vec<i64>> {
    let mut ids = Vec::with_capacity(rows.len());
    for chunk in multi_row::chunks(rows) {
        let sql = format!(
            "INSERT INTO revenue_items ({COLUMNS}) VALUES {} RETURNING id",
            placeholders(chunk.len(), VALUES_PER_ROW, 1)
        );
        let mut stmt = w.tx().prepare_cached(&sql)?;
        for (k, row) in chunk.iter().enumerate() {
            let item = &row.item;
            let values: [&dyn ToSql; VALUES_PER_ROW] = [
                &item.project_id,
                &row.project.account_id,
                &row.project.currency.code(),
                &item.milestone_id,
                &item.name,
                &item.item_type,
                &item.billing_rule.as_str(),
                &row.figures.unit_price_micros,
                &row.amount_minor,
                &item.planned_invoice_date,
                &item.status.as_str(),
                &row.figures.vat_rate_micros,
                &item.invoice_description,
                &item.internal_description,
                &item.origin.as_str(),
                &w.user(),
                &w.at(),
                &row.estimate_minor,
                &row.collect_error,
            ];
            for (c, value) in values.into_iter().enumerate() {
                stmt.raw_bind_parameter(k * VALUES_PER_ROW + c + 1, value)?;
            }
        }
        let mut returned = stmt.raw_query();
        while let Some(r) = returned.next()? {
            ids.push(r.get::<_, i64>(0)?);
        }
    }
    let created: Vec<(i64, String)> = rows
        .iter()
        .zip(&ids)
        .map(|(row, &id)| Ok((id, created_fields(row)?)))
        .collect::<Result<_>>()?;
    w.history_created_many("revenue_item", &created)?;
    for (row, id) in rows.iter().zip(&ids) {
        if collects(row.item.billing_rule, row.item.status) {
            w.reprice_project(row.item.project_id, format!("item {id} created"));
        }
    }
    Ok(ids)
}

/// What an item's creation history row records: what decides money, dates, status and type;
/// descriptions are left out because this row is written a million times by large imports and
/// every later change records old and new. The fields are in the order of their names, as a
/// JSON object of `serde_json` writes them (its map is sorted): made straight from this struct
/// the text is the same, without a map per row.
#[derive(Serialize)]
struct Created<'a> {
    billing_rule: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    estimate: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    milestone_id: Option<i64>,
    name: &'a str,
    origin: &'a str,
    planned_amount: String,
    planned_invoice_date: String,
    project_id: i64,
    status: &'a str,
    #[serde(rename = "type")]
    item_type: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit_price: Option<String>,
    vat_rate: String,
}

/// The creation history row's fields of an item, as JSON text.
fn created_fields(row: &ItemRow<'_>) -> Result<String> {
    let item = &row.item;
    let currency = row.project.currency;
    let created = Created {
        billing_rule: item.billing_rule.as_str(),
        estimate: row
            .estimate_minor
            .map(|e| currency.from_minor(e).to_string()),
        milestone_id: item.milestone_id,
        name: &item.name,
        origin: item.origin.as_str(),
        planned_amount: currency.from_minor(row.amount_minor).to_string(),
        planned_invoice_date: item.planned_invoice_date.to_string(),
        project_id: item.project_id,
        status: item.status.as_str(),
        item_type: &item.item_type,
        unit_price: row
            .figures
            .unit_price_micros
            .map(|p| from_micros(p).to_string()),
        vat_rate: from_micros(row.figures.vat_rate_micros).to_string(),
    };
    serde_json::to_string(&created).map_err(|e| StoreError::Refused(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The creation row as it was written before, through a `serde_json` map.
    fn created_by_map(row: &ItemRow<'_>) -> String {
        let item = &row.item;
        let currency = row.project.currency;
        let mut created = serde_json::json!({
            "project_id": item.project_id,
            "name": item.name,
            "type": item.item_type,
            "billing_rule": item.billing_rule.as_str(),
            "planned_amount": currency.from_minor(row.amount_minor).to_string(),
            "planned_invoice_date": item.planned_invoice_date.to_string(),
            "status": item.status.as_str(),
            "vat_rate": from_micros(row.figures.vat_rate_micros).to_string(),
            "origin": item.origin.as_str(),
        });
        if let Some(m) = item.milestone_id {
            created["milestone_id"] = m.into();
        }
        if let Some(p) = row.figures.unit_price_micros {
            created["unit_price"] = from_micros(p).to_string().into();
        }
        if let Some(e) = row.estimate_minor {
            created["estimate"] = currency.from_minor(e).to_string().into();
        }
        created.to_string()
    }

    #[test]
    fn the_creation_row_is_the_text_a_json_map_gives() {
        use crate::domain::Currency;
        use crate::domain::revenue_status::{Origin, RevenueStatus};
        let item = NewRevenueItem {
            project_id: 7,
            milestone_id: None,
            name: "Hosting \u{1b}[31m \"renewal\" \u{7}".into(),
            item_type: "Hosting".into(),
            billing_rule: BillingRule::Fixed,
            unit_price: None,
            planned_amount: rust_decimal::Decimal::new(123_450, 2),
            planned_invoice_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
            status: RevenueStatus::Open,
            vat_rate: rust_decimal::Decimal::from(24),
            invoice_description: String::new(),
            internal_description: String::new(),
            origin: Origin::Manual,
        };
        let plain = ItemRow {
            item: Cow::Borrowed(&item),
            project: ItemProject {
                account_id: 3,
                currency: Currency::EUR,
            },
            figures: StoredFigures {
                unit_price_micros: None,
                planned_amount_minor: 123_450,
                vat_rate_micros: 24_000_000,
            },
            amount_minor: 123_450,
            estimate_minor: None,
            collect_error: None,
        };
        let full = ItemRow {
            item: Cow::Owned(NewRevenueItem {
                milestone_id: Some(11),
                billing_rule: BillingRule::TimeAndMaterials,
                ..item.clone()
            }),
            figures: StoredFigures {
                unit_price_micros: Some(95_500_000),
                ..plain.figures
            },
            estimate_minor: Some(99_900),
            amount_minor: 0,
            project: ItemProject {
                account_id: 3,
                currency: Currency::USD,
            },
            collect_error: None,
        };
        for row in [plain, full] {
            assert_eq!(created_fields(&row).unwrap(), created_by_map(&row));
        }
    }

    #[test]
    fn the_column_list_has_a_value_for_each_column() {
        assert_eq!(COLUMNS.split(',').count(), VALUES_PER_ROW);
    }
}
