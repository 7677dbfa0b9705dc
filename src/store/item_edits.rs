//! Changing revenue items by hand: edits of their fields, status changes and deletion, each
//! with its history rows; a new planned date moves the item's plan part, and an item made
//! billable again or deleted gives back the time and expenses it collected.

use super::billing_plans::item_date_set;
use super::codec;
use super::error::{Result, StoreError};
use super::revenue_items::{
    ItemEdit, check_item_amount, check_vat_rate, fully_credited, load_item, milestone_reached,
    search_add, search_forget,
};
use super::time_and_materials::release_collected;
use super::{Store, Writer};
use crate::domain::rights::Action;
use crate::domain::status::{self, ItemFacts, ItemField, RevenueStatus};
use rusqlite::params;

/// One changed field: history name, column, old and new text, stored value.
type FieldChange = (
    &'static str,
    &'static str,
    Option<String>,
    Option<String>,
    rusqlite::types::Value,
);

/// The outcome of a status change over several items.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatusChange {
    pub changed: Vec<i64>,
    /// Items left as they were, with the rule that kept them.
    pub refused: Vec<(i64, String)>,
}

impl Store {
    /// Sets several items open, billable or rejected; each `(id, version)` is the version the
    /// user saw. Items a rule keeps (or that changed meanwhile) are reported, the rest change.
    pub fn set_status(&mut self, items: &[(i64, i64)], to: RevenueStatus) -> Result<StatusChange> {
        self.write(Action::EditRevenue, |w| {
            let mut out = StatusChange::default();
            for &(id, version) in items {
                match set_status_one(w, id, version, to) {
                    Ok(true) => out.changed.push(id),
                    Ok(false) => {}
                    Err(e) if e.is_refusal() => out.refused.push((id, e.to_string())),
                    Err(e) => return Err(e),
                }
            }
            Ok(out)
        })
    }

    /// Edits fields of one item seen at `version`, one history row per changed field.
    pub fn update_revenue_item(&mut self, id: i64, version: i64, edit: &ItemEdit) -> Result<()> {
        self.write(Action::EditRevenue, |w| {
            let item = load_item(w.tx(), id)?;
            if item.version != version {
                return Err(StoreError::Stale {
                    object: "revenue item",
                    id,
                    by: item.updated_by,
                    at: item.updated_at,
                });
            }
            let mut changes: Vec<FieldChange> = Vec::new();
            let mut field = |name: &'static str,
                             column: &'static str,
                             kind: ItemField,
                             old: Option<String>,
                             new: Option<String>,
                             value: rusqlite::types::Value|
             -> Result<()> {
                if old != new {
                    status::check_field_edit(item.status, item.origin, kind)?;
                    changes.push((name, column, old, new, value));
                }
                Ok(())
            };
            use rusqlite::types::Value;
            if edit.name.as_ref().is_some_and(|n| n.trim().is_empty()) {
                return Err(StoreError::refused("the name cannot be empty"));
            }
            let texts = [
                ("name", "name", &item.name, &edit.name),
                ("type", "item_type", &item.item_type, &edit.item_type),
                (
                    "invoice_description",
                    "invoice_description",
                    &item.invoice_description,
                    &edit.invoice_description,
                ),
                (
                    "internal_description",
                    "internal_description",
                    &item.internal_description,
                    &edit.internal_description,
                ),
            ];
            for (name, column, old, new) in texts {
                if let Some(new) = new {
                    field(
                        name,
                        column,
                        ItemField::Other,
                        Some(old.clone()),
                        Some(new.clone()),
                        Value::Text(new.clone()),
                    )?;
                }
            }
            if let Some(p) = edit.unit_price {
                if let Some(price) = p {
                    check_item_amount("unit price", price)?;
                }
                let value = match p {
                    Some(p) => Value::Integer(codec::micros(p)?),
                    None => Value::Null,
                };
                field(
                    "unit_price",
                    "unit_price_micros",
                    ItemField::Amount,
                    item.unit_price.map(|v| v.to_string()),
                    p.map(|v| v.normalize().to_string()),
                    value,
                )?;
            }
            if let Some(a) = edit.planned_amount {
                check_item_amount("planned amount", a)?;
                let a = item.currency.round(a);
                let minor = codec::minor(item.currency, a)?;
                field(
                    "planned_amount",
                    "planned_amount_minor",
                    ItemField::Amount,
                    Some(item.planned_amount.to_string()),
                    Some(a.to_string()),
                    Value::Integer(minor),
                )?;
            }
            if let Some(d) = edit.planned_invoice_date {
                field(
                    "planned_invoice_date",
                    "planned_invoice_date",
                    ItemField::PlannedInvoiceDate,
                    Some(item.planned_invoice_date.to_string()),
                    Some(d.to_string()),
                    Value::Text(d.to_string()),
                )?;
            }
            if let Some(v) = edit.vat_rate {
                check_vat_rate(v)?;
                field(
                    "vat_rate",
                    "vat_rate_micros",
                    ItemField::Amount,
                    Some(item.vat_rate.to_string()),
                    Some(v.normalize().to_string()),
                    Value::Integer(codec::micros(v)?),
                )?;
            }
            if changes.is_empty() {
                return Ok(());
            }
            let v = w.bump_version("revenue_items", "revenue item", id, Some(version))?;
            for (name, column, old, new, value) in changes {
                if column == "name" {
                    search_forget(w, id, &item.name)?;
                }
                w.tx().execute(
                    &format!("UPDATE revenue_items SET {column} = ?1 WHERE id = ?2"),
                    params![value, id],
                )?;
                if column == "name" {
                    search_add(w, id)?;
                }
                if column == "planned_invoice_date"
                    && let Some(date) = edit.planned_invoice_date
                {
                    item_date_set(w, id, date)?;
                }
                w.history(
                    "revenue_item",
                    id,
                    v,
                    name,
                    old.as_deref(),
                    new.as_deref(),
                    None,
                )?;
            }
            Ok(())
        })
    }

    /// Deletes an item not on any invoice; its fields stay in the change history.
    pub fn delete_revenue_item(&mut self, id: i64, version: i64) -> Result<()> {
        self.write(Action::EditRevenue, |w| {
            let item = load_item(w.tx(), id)?;
            status::check_delete(item.status, item.origin)?;
            let v = w.bump_version("revenue_items", "revenue item", id, Some(version))?;
            let on_lines: i64 = w.tx().query_row(
                "SELECT count(*) FROM invoice_lines WHERE revenue_item_id = ?1",
                [id],
                |r| r.get(0),
            )?;
            if on_lines > 0 {
                return Err(StoreError::refused(
                    "the item was invoiced before (its invoice lines stay): it cannot be deleted",
                ));
            }
            release_collected(w, id)?;
            search_forget(w, id, &item.name)?;
            w.tx()
                .execute("DELETE FROM revenue_items WHERE id = ?1", [id])?;
            let old = format!(
                "{} | {} | {} {} | {}",
                item.name,
                item.billing_rule.as_str(),
                item.planned_amount,
                item.currency,
                item.planned_invoice_date
            );
            w.history("revenue_item", id, v, "deleted", Some(&old), None, None)
        })
    }
}

/// Returns whether the item changed (false when it already had the status).
fn set_status_one(w: &Writer<'_>, id: i64, version: i64, to: RevenueStatus) -> Result<bool> {
    let item = load_item(w.tx(), id)?;
    if item.version != version {
        return Err(StoreError::Stale {
            object: "revenue item",
            id,
            by: item.updated_by,
            at: item.updated_at,
        });
    }
    if item.status == to {
        return Ok(false);
    }
    let is_forecast: bool = w
        .tx()
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM contract_lines WHERE forecast_item_id = ?1)")?
        .query_row([id], |r| r.get(0))?;
    if is_forecast {
        return Err(StoreError::refused(
            "this is the forecast of a contract line: it becomes billable by validating a progress period",
        ));
    }
    let facts = ItemFacts {
        status: item.status,
        origin: item.origin,
        milestone_reached: milestone_reached(w.tx(), item.milestone_id)?,
        fully_credited: item.status == RevenueStatus::Invoiced && fully_credited(w.tx(), id)?,
    };
    status::check_manual_status(&facts, to)?;
    let v = w.bump_version("revenue_items", "revenue item", id, Some(version))?;
    w.tx().execute(
        "UPDATE revenue_items SET status = ?1 WHERE id = ?2",
        params![to.as_str(), id],
    )?;
    w.history(
        "revenue_item",
        id,
        v,
        "status",
        Some(item.status.as_str()),
        Some(to.as_str()),
        None,
    )?;
    if item.status == RevenueStatus::Invoiced {
        // Billable again after a full credit: what it collected can be collected anew.
        w.tx().execute(
            "UPDATE revenue_items SET actual_amount_minor = NULL WHERE id = ?1",
            [id],
        )?;
        let old = item.actual_amount.map(|a| a.to_string());
        w.history(
            "revenue_item",
            id,
            v,
            "actual_amount",
            old.as_deref(),
            None,
            None,
        )?;
        release_collected(w, id)?;
    }
    Ok(true)
}
