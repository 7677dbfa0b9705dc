//! A revenue item by its external key, as an import writes it: a new item (open, made by
//! hand) or an edit of the one with that key under the rules of the console's item form (an
//! item on an invoice keeps its amounts, a plan's item only takes a date, ...). What an item
//! is made of and how it is stored is `revenue_items.rs`; an edit is `item_edits.rs`.

use super::error::{Result, StoreError};
use super::item_edits::update_item_at;
use super::item_rows::ItemProjects;
use super::master_data::Upserted;
use super::new_items::insert_item;
use super::revenue_items::{
    ItemEdit, NewRevenueItem, RevenueItem, revenue_item_by_key, search_add,
};
use super::{Store, Writer};
use crate::domain::billing_rule::BillingRule;
use crate::domain::revenue_item::{FieldError, ItemField};
use crate::domain::revenue_status::{Origin, RevenueStatus};
use crate::domain::rights::Action;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A revenue item as a source system gives it: its key there, and what the item form holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemInput {
    /// The item's key in the system it comes from: how importing it again finds it.
    pub ext_key: String,
    pub project_id: i64,
    pub milestone_id: Option<i64>,
    pub name: String,
    pub item_type: String,
    /// Fixed, time and materials or milestone: progress items are made by progress periods.
    pub billing_rule: BillingRule,
    pub unit_price: Option<Decimal>,
    pub planned_amount: Decimal,
    pub planned_invoice_date: NaiveDate,
    pub vat_rate: Decimal,
    pub invoice_description: String,
    pub internal_description: String,
}

impl ItemInput {
    /// The edit that makes a stored item this input (every field the form edits).
    fn edit(&self) -> ItemEdit {
        ItemEdit {
            name: Some(self.name.clone()),
            item_type: Some(self.item_type.clone()),
            unit_price: Some(self.unit_price),
            planned_amount: Some(self.planned_amount),
            planned_invoice_date: Some(self.planned_invoice_date),
            vat_rate: Some(self.vat_rate),
            invoice_description: Some(self.invoice_description.clone()),
            internal_description: Some(self.internal_description.clone()),
        }
    }

    fn new_item(&self) -> NewRevenueItem {
        NewRevenueItem {
            project_id: self.project_id,
            milestone_id: self.milestone_id,
            name: self.name.clone(),
            item_type: self.item_type.clone(),
            billing_rule: self.billing_rule,
            unit_price: self.unit_price,
            planned_amount: self.planned_amount,
            planned_invoice_date: self.planned_invoice_date,
            status: RevenueStatus::Open,
            vat_rate: self.vat_rate,
            invoice_description: self.invoice_description.clone(),
            internal_description: self.internal_description.clone(),
            origin: Origin::Manual,
        }
    }
}

/// What an edit never changes: the project, the billing rule and the milestone are chosen when
/// an item is made (the form shows them read-only), so a row that says otherwise is refused
/// naming the field rather than read as another item.
fn check_fixed(stored: &RevenueItem, input: &ItemInput) -> Result<()> {
    let key = &input.ext_key;
    let refuse = |field: ItemField, what: &str| -> Result<()> {
        Err(FieldError::new(
            field,
            format!("revenue item {key} keeps its {what}: it cannot change (make a new item)"),
        )
        .into())
    };
    if stored.project_id != input.project_id {
        return refuse(ItemField::Project, "project");
    }
    if stored.billing_rule != input.billing_rule {
        return refuse(ItemField::BillingRule, "billing rule");
    }
    if stored.milestone_id != input.milestone_id {
        return refuse(ItemField::Milestone, "milestone");
    }
    Ok(())
}

/// Creates the item (open, made by hand), or edits the one with its key as the console's form
/// would; `reason` goes to the history rows. An unchanged item writes nothing.
pub fn upsert_revenue_item(
    w: &Writer<'_>,
    input: &ItemInput,
    reason: Option<&str>,
) -> Result<Upserted> {
    w.require(Action::EditRevenue)?;
    let key = input.ext_key.trim();
    if key.is_empty() {
        return Err(StoreError::refused(
            "a revenue item is imported with its key in the source system, so that importing it again updates it",
        ));
    }
    if input.billing_rule == BillingRule::Progress {
        return Err(FieldError::new(
            ItemField::BillingRule,
            "progress items are made by validating progress periods",
        )
        .into());
    }
    if let Some(stored) = revenue_item_by_key(w.tx(), key)? {
        check_fixed(&stored, input)?;
        let changed = update_item_at(w, stored.id, None, &input.edit(), reason)?;
        return Ok(Upserted::of_edit(stored.id, changed));
    }
    let id = insert_item(w, &mut ItemProjects::default(), &input.new_item())?;
    // The key is part of the item as made (version 1), recorded beside its creation row.
    w.tx()
        .prepare_cached("UPDATE revenue_items SET ext_key = ?1 WHERE id = ?2")?
        .execute(rusqlite::params![key, id])?;
    w.history("revenue_item", id, 1, "ext_key", None, Some(key), reason)?;
    search_add(w, id)?;
    Ok(Upserted::New(id))
}

impl Store {
    /// Creates or edits one item by its key, in a transaction of its own.
    pub fn upsert_revenue_item(
        &mut self,
        input: &ItemInput,
        reason: Option<&str>,
    ) -> Result<Upserted> {
        self.write(Action::EditRevenue, |w| {
            upsert_revenue_item(w, input, reason)
        })
    }
}
