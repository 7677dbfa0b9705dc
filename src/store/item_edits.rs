//! Changing revenue items by hand: edits of their fields, status changes and deletion, each
//! with its history rows; a new planned date moves the item's plan part, and an item made
//! billable again or deleted gives back the time and expenses it collected.

use super::billing_plans::item_date_set;
use super::error::{Result, StoreError};
use super::revenue_items::{
    ItemEdit, RevenueItem, fully_credited, load_item, search_add, search_forget,
};
use super::time_and_materials::release_collected;
use super::{Store, Writer};
use crate::domain::billing_rule::BillingRule;
use crate::domain::revenue_item::{ItemChange, ItemField, StoredFigures, check_item};
use crate::domain::revenue_status::{self, ItemFacts, RevenueStatus};
use crate::domain::rights::Action;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params};

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

    /// Edits fields of one item seen at `version`, one history row per changed field. The
    /// domain's item check judges what changes; a refusal names the field
    /// (`StoreError::Field`).
    pub fn update_revenue_item(&mut self, id: i64, version: i64, edit: &ItemEdit) -> Result<()> {
        self.write(Action::EditRevenue, |w| {
            update_item_at(w, id, Some(version), edit, None).map(|_| ())
        })
    }

    /// Deletes an item not on any invoice; its fields stay in the change history.
    pub fn delete_revenue_item(&mut self, id: i64, version: i64) -> Result<()> {
        self.write(Action::EditRevenue, |w| delete_one(w, id, version))
    }

    /// Deletes the selected items seen at their versions, in one transaction; an item a rule
    /// keeps (on an invoice, changed since) is left and reported, as `set_status` does.
    pub fn delete_revenue_items(&mut self, items: &[(i64, i64)]) -> Result<StatusChange> {
        self.write(Action::EditRevenue, |w| {
            let mut out = StatusChange::default();
            for &(id, version) in items {
                match delete_one(w, id, version) {
                    Ok(()) => out.changed.push(id),
                    Err(e) if e.is_refusal() => out.refused.push((id, e.to_string())),
                    Err(e) => return Err(e),
                }
            }
            Ok(out)
        })
    }
}

/// Deletes one item inside `w`'s transaction (see `Store::delete_revenue_item`).
fn delete_one(w: &Writer<'_>, id: i64, version: i64) -> Result<()> {
    let item = load_item(w.tx(), id)?;
    revenue_status::check_delete(item.status, item.origin)?;
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
    release_collected(w, &item, &format!("item {id} deleted"))?;
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
}

/// Edits fields of item `id` seen at `seen` (`None`: as found, as an import judges it), one
/// history row per changed field with `reason`; the console's edit and an import's both come
/// here. Returns the changed fields' history names (none: nothing written).
pub(super) fn update_item_at(
    w: &Writer<'_>,
    id: i64,
    seen: Option<i64>,
    edit: &ItemEdit,
    reason: Option<&str>,
) -> Result<Vec<&'static str>> {
    w.require(Action::EditRevenue)?;
    let item = load_item(w.tx(), id)?;
    if seen.is_some_and(|v| v != item.version) {
        return Err(StoreError::Stale {
            object: "revenue item",
            id,
            by: item.updated_by,
            at: item.updated_at,
        });
    }
    let (new, changed) = edited(&item, edit);
    if changed.is_empty() {
        return Ok(Vec::new());
    }
    let figures = check_item(
        &new.values(),
        ItemChange::Edit {
            status: item.status,
            origin: item.origin,
            changed: &changed,
        },
    )?;
    let v = w.bump_version("revenue_items", "revenue item", id, Some(item.version))?;
    let mut names = Vec::new();
    for &field in &changed {
        let Some((name, column, old, text, value)) = column_change(field, &item, &new, &figures)
        else {
            continue;
        };
        if field == ItemField::Name {
            search_forget(w, id, &item.name)?;
        }
        w.tx().execute(
            &format!("UPDATE revenue_items SET {column} = ?1 WHERE id = ?2"),
            params![value, id],
        )?;
        if field == ItemField::Name {
            search_add(w, id)?;
        }
        if field == ItemField::PlannedInvoiceDate {
            item_date_set(w, id, new.planned_invoice_date)?;
        }
        // A new date moves its window (and its neighbour's), a new unit price prices its time
        // anew.
        if item.billing_rule == BillingRule::TimeAndMaterials
            && matches!(field, ItemField::PlannedInvoiceDate | ItemField::UnitPrice)
        {
            w.reprice_project(
                item.project_id,
                format!("item {id} {} changed", field.label()),
            );
        }
        w.history(
            "revenue_item",
            id,
            v,
            name,
            old.as_deref(),
            text.as_deref(),
            reason,
        )?;
        names.push(name);
    }
    Ok(names)
}

/// The item as the edit leaves it, and the fields that differ from the stored ones, in the
/// order of their history rows.
fn edited(item: &RevenueItem, edit: &ItemEdit) -> (RevenueItem, Vec<ItemField>) {
    let mut new = item.clone();
    let mut changed = Vec::new();
    let mut text = |field, to: &Option<String>, at: &mut String| {
        if let Some(to) = to
            && to != at
        {
            at.clone_from(to);
            changed.push(field);
        }
    };
    text(ItemField::Name, &edit.name, &mut new.name);
    text(ItemField::Type, &edit.item_type, &mut new.item_type);
    let descriptions = [
        (ItemField::InvoiceDescription, &edit.invoice_description),
        (ItemField::InternalDescription, &edit.internal_description),
    ];
    for (field, to) in descriptions {
        let at = match field {
            ItemField::InvoiceDescription => &mut new.invoice_description,
            _ => &mut new.internal_description,
        };
        text(field, to, at);
    }
    if let Some(p) = edit.unit_price
        && p != item.unit_price
    {
        new.unit_price = p;
        changed.push(ItemField::UnitPrice);
    }
    // What is typed as the amount: a time-and-materials item's estimate.
    if let Some(a) = edit.planned_amount
        && a != item.typed_amount()
    {
        if item.billing_rule == BillingRule::TimeAndMaterials {
            new.estimate = Some(a);
        } else {
            new.planned_amount = a;
        }
        changed.push(ItemField::PlannedAmount);
    }
    if let Some(d) = edit.planned_invoice_date
        && d != item.planned_invoice_date
    {
        new.planned_invoice_date = d;
        changed.push(ItemField::PlannedInvoiceDate);
    }
    if let Some(r) = edit.vat_rate
        && r != item.vat_rate
    {
        new.vat_rate = r;
        changed.push(ItemField::VatRate);
    }
    (new, changed)
}

/// One changed field: history name, column, old and new text, stored value.
type ColumnChange = (
    &'static str,
    &'static str,
    Option<String>,
    Option<String>,
    Value,
);

/// How a changed field is written and recorded; figures as the item check stored them.
fn column_change(
    field: ItemField,
    old: &RevenueItem,
    new: &RevenueItem,
    figures: &StoredFigures,
) -> Option<ColumnChange> {
    let text = |name, column, old: &str, new: &str| {
        Some((
            name,
            column,
            Some(old.to_string()),
            Some(new.to_string()),
            Value::Text(new.to_string()),
        ))
    };
    match field {
        ItemField::Name => text("name", "name", &old.name, &new.name),
        ItemField::Type => text("type", "item_type", &old.item_type, &new.item_type),
        ItemField::InvoiceDescription => text(
            "invoice_description",
            "invoice_description",
            &old.invoice_description,
            &new.invoice_description,
        ),
        ItemField::InternalDescription => text(
            "internal_description",
            "internal_description",
            &old.internal_description,
            &new.internal_description,
        ),
        ItemField::UnitPrice => Some((
            "unit_price",
            "unit_price_micros",
            old.unit_price.map(|v| v.to_string()),
            new.unit_price.map(|v| v.normalize().to_string()),
            figures
                .unit_price_micros
                .map_or(Value::Null, Value::Integer),
        )),
        ItemField::PlannedAmount if old.billing_rule == BillingRule::TimeAndMaterials => Some((
            "estimate",
            "estimate_minor",
            old.estimate.map(|e| e.to_string()),
            Some(
                new.currency
                    .from_minor(figures.planned_amount_minor)
                    .to_string(),
            ),
            Value::Integer(figures.planned_amount_minor),
        )),
        ItemField::PlannedAmount => Some((
            "planned_amount",
            "planned_amount_minor",
            Some(old.planned_amount.to_string()),
            Some(
                new.currency
                    .from_minor(figures.planned_amount_minor)
                    .to_string(),
            ),
            Value::Integer(figures.planned_amount_minor),
        )),
        ItemField::PlannedInvoiceDate => {
            let (o, n) = (old.planned_invoice_date, new.planned_invoice_date);
            text(
                "planned_invoice_date",
                "planned_invoice_date",
                &o.to_string(),
                &n.to_string(),
            )
        }
        ItemField::VatRate => Some((
            "vat_rate",
            "vat_rate_micros",
            Some(old.vat_rate.to_string()),
            Some(new.vat_rate.normalize().to_string()),
            Value::Integer(figures.vat_rate_micros),
        )),
        ItemField::Project | ItemField::BillingRule | ItemField::Milestone | ItemField::Status => {
            None
        }
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
    revenue_status::check_manual_status(&facts, to)?;
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
    }
    if item.billing_rule == BillingRule::TimeAndMaterials {
        // Rejected, it collects nothing; open or billable again, it collects its window;
        // billable again after a full credit, it gives back what it collected first.
        let cause = format!("item {id} set {}", to.label());
        if item.status == RevenueStatus::Invoiced {
            release_collected(w, &item, &cause)?;
        }
        w.reprice_project(item.project_id, cause);
    }
    Ok(true)
}

fn milestone_reached(
    conn: &rusqlite::Connection,
    milestone_id: Option<i64>,
) -> Result<Option<bool>> {
    let Some(id) = milestone_id else {
        return Ok(None);
    };
    let reached: Option<String> = conn
        .prepare_cached("SELECT reached_at FROM milestones WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NotFound {
            object: "milestone",
            id,
        })?;
    Ok(Some(reached.is_some()))
}
