//! What making drafts from a selection would do, for the dialog that asks first.

use super::Store;
use super::error::Result;
use super::list_query::CurrencyTotal;
use super::revenue_items::load_item;
use super::selected_items::{DraftItem, Selected};
use crate::domain::Money;
use crate::domain::billing_rule::BillingRule;
use crate::domain::collected_line::collected_amount;
use crate::domain::grouping::plan_drafts;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftPreview {
    pub drafts: usize,
    pub items: usize,
    pub skipped: Vec<(i64, String)>,
    pub totals: Vec<CurrencyTotal>,
    /// Items that would be drafted although planned after the horizon given (id, planned
    /// date, "P-0001 Name"), in date order: the dialog names them before anything is made.
    pub later: Vec<(i64, chrono::NaiveDate, String)>,
}

/// Why an item with nothing to invoice is skipped: a time-and-materials item has nothing to
/// collect in its window (what its amount shows), another item an amount of 0.
pub(super) fn nothing_to_invoice(item: &DraftItem, amount: Decimal) -> String {
    if item.billing_rule == BillingRule::TimeAndMaterials {
        format!(
            "item {}: nothing to collect (no uncollected billable time or expenses up to {} \
             that an earlier item does not collect)",
            item.id, item.planned_invoice_date
        )
    } else {
        format!("item {} has nothing to invoice (amount {amount})", item.id)
    }
}

impl Store {
    /// How many drafts `make_drafts(ids)` would make, for how much per currency (time and
    /// materials items at what they would collect now), and what it would skip.
    pub fn draft_preview(&self, ids: &[i64]) -> Result<DraftPreview> {
        self.draft_preview_until(ids, None)
    }

    /// As `draft_preview`, naming the items planned after `horizon` that would be drafted.
    pub fn draft_preview_until(
        &self,
        ids: &[i64],
        horizon: Option<chrono::NaiveDate>,
    ) -> Result<DraftPreview> {
        let mut later = Vec::new();
        // One moment for the selection and the time-and-materials items read whole below.
        let _snapshot = self.read_snapshot()?;
        let selected = Selected::read(self.conn(), ids.iter().copied())?;
        let plan = plan_drafts(&selected.candidates);
        let codes: HashMap<i64, &str> = selected
            .candidates
            .iter()
            .map(|c| (c.item_id, c.project_code.as_str()))
            .collect();
        let mut skipped = selected.missing.clone();
        skipped.extend(plan.skipped);
        let mut totals: BTreeMap<_, (i64, rust_decimal::Decimal)> = BTreeMap::new();
        let mut items = 0;
        let mut drafts = 0;
        for group in &plan.groups {
            let mut in_group = 0;
            for &id in &group.item_ids {
                let item = selected.item(id)?;
                let amount = if item.billing_rule == BillingRule::TimeAndMaterials {
                    // Read whole where it is priced (`selected_items.rs`).
                    match self
                        .collected_lines(&load_item(self.conn(), id)?)
                        .and_then(|lines| Ok(collected_amount(&lines, item.currency)?))
                    {
                        Ok(amount) => amount,
                        Err(e) if e.is_refusal() => {
                            skipped.push((id, format!("item {id}: {e}")));
                            continue;
                        }
                        Err(e) => return Err(e),
                    }
                } else {
                    item.planned_amount
                };
                // The same rule as make_drafts: nothing to invoice, no line.
                if amount <= rust_decimal::Decimal::ZERO {
                    skipped.push((id, nothing_to_invoice(item, amount)));
                    continue;
                }
                let t = totals.entry(group.currency).or_default();
                t.0 += 1;
                t.1 += amount;
                in_group += 1;
                if horizon.is_some_and(|h| item.planned_invoice_date > h) {
                    later.push((
                        id,
                        item.planned_invoice_date,
                        format!("{} {}", codes.get(&id).copied().unwrap_or(""), item.name),
                    ));
                }
            }
            items += in_group;
            drafts += usize::from(in_group > 0);
        }
        later.sort_by_key(|(id, date, _)| (*date, *id));
        Ok(DraftPreview {
            drafts,
            items,
            skipped,
            later,
            totals: totals
                .into_iter()
                .map(|(currency, (count, amount))| CurrencyTotal {
                    count,
                    amount: Money::new(amount, currency),
                })
                .collect(),
        })
    }
}

impl Store {
    /// The draft invoices that the given items are on.
    pub fn drafts_of_items(&self, item_ids: &[i64]) -> Result<Vec<i64>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT l.invoice_id FROM invoice_lines l JOIN invoices v ON v.id = l.invoice_id
             WHERE l.revenue_item_id = ?1 AND v.status = 'draft' AND v.kind = 'invoice'",
        )?;
        let mut out = Vec::new();
        for id in item_ids {
            let ids = stmt.query_map([id], |r| r.get::<_, i64>(0))?;
            for invoice in ids {
                out.push(invoice?);
            }
        }
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }
}
