//! What making drafts from a selection would do, for the dialog that asks first.

use super::Store;
use super::codec;
use super::error::Result;
use super::list_query::CurrencyTotal;
use super::revenue_items::load_item;
use crate::domain::billing_rule::BillingRule;
use crate::domain::collected_line::collected_amount;
use crate::domain::grouping::{Candidate, plan_drafts};
use rusqlite::{Connection, OptionalExtension};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftPreview {
    pub drafts: usize,
    pub items: usize,
    pub skipped: Vec<(i64, String)>,
    pub totals: Vec<CurrencyTotal>,
}

/// The grouping facts of one item, or `None` if it does not exist.
pub(super) fn candidate(conn: &Connection, id: i64) -> Result<Option<Candidate>> {
    let row: Option<(i64, String, String, String, String)> = conn
        .prepare_cached(
            "SELECT i.account_id, i.currency, i.status, p.code, p.status
             FROM revenue_items i JOIN projects p ON p.id = i.project_id WHERE i.id = ?1",
        )?
        .query_row([id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()?;
    row.map(
        |(account_id, currency, status, project_code, project_status)| {
            Ok(Candidate {
                item_id: id,
                account_id,
                currency: codec::currency(&currency)?,
                status: codec::parse(&status)?,
                project_code,
                project_status: codec::parse(&project_status)?,
            })
        },
    )
    .transpose()
}

impl Store {
    /// How many drafts `make_drafts(ids)` would make, for how much per currency (time and
    /// materials items at what they would collect now), and what it would skip.
    pub fn draft_preview(&self, ids: &[i64]) -> Result<DraftPreview> {
        let mut candidates = Vec::new();
        let mut skipped = Vec::new();
        for &id in ids {
            match candidate(self.conn(), id)? {
                Some(c) => candidates.push(c),
                None => skipped.push((id, format!("item {id} does not exist"))),
            }
        }
        let plan = plan_drafts(&candidates);
        skipped.extend(plan.skipped);
        let mut totals: BTreeMap<_, (i64, rust_decimal::Decimal)> = BTreeMap::new();
        let mut items = 0;
        let mut drafts = 0;
        for group in &plan.groups {
            let mut in_group = 0;
            for &id in &group.item_ids {
                let item = load_item(self.conn(), id)?;
                let amount = if item.billing_rule == BillingRule::TimeAndMaterials {
                    match self
                        .collected_lines(&item)
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
                    skipped.push((id, format!("item {id} has nothing to invoice (amount 0)")));
                    continue;
                }
                let t = totals.entry(group.currency).or_default();
                t.0 += 1;
                t.1 += amount;
                in_group += 1;
            }
            items += in_group;
            drafts += usize::from(in_group > 0);
        }
        Ok(DraftPreview {
            drafts,
            items,
            skipped,
            totals: totals
                .into_iter()
                .map(|(currency, (count, amount))| CurrencyTotal {
                    currency,
                    count,
                    amount,
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
