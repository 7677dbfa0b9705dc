//! The items a selection for drafting names, read once: what grouping them into drafts needs
//! (`Candidate`) and what their lines and moves need (`DraftItem`).
//!
//! Why not whole revenue items: drafting reads every selected item before it writes, and holds
//! them until the last draft is written. A whole item carries its internal note, type, import
//! key and who changed it last, none of which a line needs: at a thousand bytes an item,
//! 200,000 selected items took 200 MiB. A time-and-materials item is read whole where it is
//! priced (`load_item`), which few of a large selection are.

use super::codec;
use super::error::{Result, StoreError};
use crate::domain::Currency;
use crate::domain::billing_rule::BillingRule;
use crate::domain::grouping::Candidate;
use crate::domain::revenue_status::RevenueStatus;
use crate::domain::scaled::from_micros;
use chrono::NaiveDate;
use rusqlite::Connection;
use rust_decimal::Decimal;

/// What drafting needs of a selected item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct DraftItem {
    pub id: i64,
    pub project_id: i64,
    pub currency: Currency,
    pub billing_rule: BillingRule,
    pub planned_amount: Decimal,
    pub actual_amount: Option<Decimal>,
    pub planned_invoice_date: NaiveDate,
    pub status: RevenueStatus,
    pub vat_rate: Decimal,
    pub version: i64,
    pub name: Box<str>,
    /// Its invoice description, unless blank.
    invoice_description: Option<Box<str>>,
}

impl DraftItem {
    /// The text its line shows: the invoice description, else the name.
    pub(super) fn line_text(&self) -> &str {
        self.invoice_description.as_deref().unwrap_or(&self.name)
    }
}

/// The columns `draft_item` reads, then the project's code and status.
const COLUMNS: &str = "i.id, i.project_id, i.account_id, i.currency, i.billing_rule,
    i.planned_amount_minor, i.actual_amount_minor, i.planned_invoice_date, i.status,
    i.vat_rate_micros, i.version, i.name, i.invoice_description, p.code, p.status";

fn draft_item(r: &rusqlite::Row<'_>) -> Result<(Candidate, DraftItem)> {
    let currency = codec::currency(&r.get::<_, String>(3)?)?;
    let status: RevenueStatus = codec::parse(&r.get::<_, String>(8)?)?;
    let description: String = r.get(12)?;
    let item = DraftItem {
        id: r.get(0)?,
        project_id: r.get(1)?,
        currency,
        billing_rule: codec::parse(&r.get::<_, String>(4)?)?,
        planned_amount: currency.from_minor(r.get(5)?),
        actual_amount: r.get::<_, Option<i64>>(6)?.map(|a| currency.from_minor(a)),
        planned_invoice_date: r.get(7)?,
        status,
        vat_rate: from_micros(r.get(9)?),
        version: r.get(10)?,
        name: r.get::<_, String>(11)?.into_boxed_str(),
        invoice_description: (!description.trim().is_empty()).then(|| description.into_boxed_str()),
    };
    let candidate = Candidate {
        item_id: item.id,
        account_id: r.get(2)?,
        currency,
        status,
        project_code: r.get(13)?,
        project_status: codec::parse(&r.get::<_, String>(14)?)?,
    };
    Ok((candidate, item))
}

/// The items of `ids` that exist, with their grouping facts, read by one query (at most
/// `multi_row::ROWS` ids, in id order: the order the table is stored in), onto `candidates`
/// and `items` alike.
fn read_chunk(
    conn: &Connection,
    ids: &[i64],
    candidates: &mut Vec<Candidate>,
    items: &mut Vec<DraftItem>,
) -> Result<()> {
    let marks = super::multi_row::placeholders(1, ids.len(), 1);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS}
         FROM revenue_items i JOIN projects p ON p.id = i.project_id WHERE i.id IN {marks}
         ORDER BY i.id"
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(ids))?;
    while let Some(r) = rows.next()? {
        let (candidate, item) = draft_item(r)?;
        candidates.push(candidate);
        items.push(item);
    }
    Ok(())
}

/// The items a selection names, each read once, with their grouping facts.
pub(super) struct Selected {
    /// In the order given, an item given twice once. Drafting takes them once it has planned
    /// the drafts: what it holds from then on is `items`.
    pub candidates: Vec<Candidate>,
    /// In id order, for `item`.
    items: Vec<DraftItem>,
    /// Ids that name no item, with the reason.
    pub missing: Vec<(i64, String)>,
}

impl Selected {
    /// The items `ids` names; an id given twice counts once, where it was first given.
    pub(super) fn read(conn: &Connection, ids: impl IntoIterator<Item = i64>) -> Result<Selected> {
        // Read in id order, the order the table is stored in: a hundred thousand items
        // picked from a list sorted by date would otherwise be read from all over the file.
        let ids: Vec<i64> = ids.into_iter().collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        // Both in id order: the chunks are, and each is read in order.
        let mut candidates: Vec<Candidate> = Vec::with_capacity(sorted.len());
        let mut items: Vec<DraftItem> = Vec::with_capacity(sorted.len());
        for chunk in super::multi_row::chunks(&sorted) {
            read_chunk(conn, chunk, &mut candidates, &mut items)?;
        }
        drop(sorted);
        debug_assert!(items.is_sorted_by_key(|i| i.id));
        // Then the candidates put in the order given, in place: a second list of them would
        // double what they take at the peak.
        let mut order: Vec<usize> = Vec::with_capacity(items.len());
        let mut placed = vec![false; items.len()];
        let mut missing = Vec::new();
        let mut named_missing = std::collections::HashSet::new();
        for id in ids {
            match items.binary_search_by_key(&id, |i| i.id) {
                Ok(k) if !placed[k] => {
                    placed[k] = true;
                    order.push(k);
                }
                Ok(_) => {}
                Err(_) if named_missing.insert(id) => {
                    missing.push((id, format!("item {id} does not exist")));
                }
                Err(_) => {}
            }
        }
        drop(placed);
        permute(&mut candidates, &mut order);
        Ok(Selected {
            candidates,
            items,
            missing,
        })
    }

    /// A selected item (every id a draft plan groups is one).
    pub(super) fn item(&self, id: i64) -> Result<&DraftItem> {
        self.items
            .binary_search_by_key(&id, |i| i.id)
            .map(|k| &self.items[k])
            .map_err(|_| StoreError::NotFound {
                object: "revenue item",
                id,
            })
    }
}

/// Puts `values` in the order `order` gives: afterwards `values[i]` is what was at
/// `order[i]`. `order` is a permutation of `0..values.len()`, used up as the work goes.
fn permute<T>(values: &mut [T], order: &mut [usize]) {
    debug_assert_eq!(values.len(), order.len());
    for start in 0..order.len() {
        // Each cycle of the permutation is followed once; a place done points at itself.
        let mut at = start;
        while order[at] != start {
            let from = order[at];
            values.swap(at, from);
            order[at] = at;
            at = from;
        }
        order[at] = at;
    }
}

#[cfg(test)]
mod tests {
    use super::permute;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn permute_puts_each_value_where_the_order_says(
            order in (0usize..40).prop_flat_map(|n| Just((0..n).collect::<Vec<_>>()).prop_shuffle())
        ) {
            let values: Vec<usize> = (0..order.len()).map(|k| k * 10).collect();
            let mut permuted = values.clone();
            let mut used = order.clone();
            permute(&mut permuted, &mut used);
            let expected: Vec<usize> = order.iter().map(|&k| values[k]).collect();
            prop_assert_eq!(permuted, expected);
        }
    }
}
