//! Turning selected billable items into draft invoices: one per account and currency, one line
//! per item, lines from several projects allowed.

use super::Currency;
use super::project::ProjectStatus;
use super::revenue_status::RevenueStatus;
use std::collections::BTreeMap;

/// What the grouping needs to know of a selected item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub item_id: i64,
    pub account_id: i64,
    pub currency: Currency,
    pub status: RevenueStatus,
    pub project_code: String,
    pub project_status: ProjectStatus,
}

/// The items of one draft invoice to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftGroup {
    pub account_id: i64,
    pub currency: Currency,
    pub item_ids: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DraftPlan {
    pub groups: Vec<DraftGroup>,
    /// Items left out, with the rule that left them out.
    pub skipped: Vec<(i64, String)>,
}

/// Groups billable items of launched projects by account and currency, keeping the selection
/// order within a group; every other item is skipped with its reason.
pub fn plan_drafts(candidates: &[Candidate]) -> DraftPlan {
    let mut groups: BTreeMap<(i64, Currency), Vec<i64>> = BTreeMap::new();
    let mut skipped = Vec::new();
    for c in candidates {
        if c.status != RevenueStatus::Billable {
            skipped.push((
                c.item_id,
                format!("item {} is {}, not billable", c.item_id, c.status),
            ));
            continue;
        }
        if let Err(e) = c.project_status.check_invoicable(&c.project_code) {
            skipped.push((c.item_id, e.0));
            continue;
        }
        groups
            .entry((c.account_id, c.currency))
            .or_default()
            .push(c.item_id);
    }
    DraftPlan {
        groups: groups
            .into_iter()
            .map(|((account_id, currency), item_ids)| DraftGroup {
                account_id,
                currency,
                item_ids,
            })
            .collect(),
        skipped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cand(id: i64, account: i64, cur: Currency, status: RevenueStatus) -> Candidate {
        Candidate {
            item_id: id,
            account_id: account,
            currency: cur,
            status,
            project_code: format!("P{id}"),
            project_status: ProjectStatus::Launched,
        }
    }

    #[test]
    fn one_draft_per_account_and_currency() {
        let mut closed = cand(6, 1, Currency::EUR, RevenueStatus::Billable);
        closed.project_status = ProjectStatus::Closed;
        let plan = plan_drafts(&[
            cand(1, 1, Currency::EUR, RevenueStatus::Billable),
            cand(2, 2, Currency::EUR, RevenueStatus::Billable),
            cand(3, 1, Currency::USD, RevenueStatus::Billable),
            cand(4, 1, Currency::EUR, RevenueStatus::Billable),
            cand(5, 1, Currency::EUR, RevenueStatus::Open),
            closed,
        ]);
        assert_eq!(plan.groups.len(), 3);
        assert_eq!(plan.groups[0].item_ids, [1, 4]);
        assert_eq!(plan.groups[0].currency, Currency::EUR);
        assert_eq!(plan.skipped.iter().map(|s| s.0).collect::<Vec<_>>(), [5, 6]);
        assert!(plan.skipped[1].1.contains("closed"));
    }

    proptest! {
        /// Every candidate lands exactly once: in one group or among the skipped.
        #[test]
        fn partition(spec in prop::collection::vec((1i64..4, any::<bool>(), any::<bool>()), 0..50)) {
            let cands: Vec<Candidate> = spec.iter().enumerate().map(|(i, (acc, usd, billable))| {
                cand(i as i64, *acc, if *usd { Currency::USD } else { Currency::EUR },
                     if *billable { RevenueStatus::Billable } else { RevenueStatus::Open })
            }).collect();
            let plan = plan_drafts(&cands);
            let mut seen: Vec<i64> = plan.groups.iter().flat_map(|g| g.item_ids.clone()).collect();
            seen.extend(plan.skipped.iter().map(|s| s.0));
            seen.sort();
            prop_assert_eq!(seen, (0..cands.len() as i64).collect::<Vec<_>>());
            for g in &plan.groups {
                for id in &g.item_ids {
                    let c = &cands[*id as usize];
                    prop_assert_eq!((c.account_id, c.currency), (g.account_id, g.currency));
                }
            }
        }
    }
}
