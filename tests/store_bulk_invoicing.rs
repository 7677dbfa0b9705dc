//! Drafting and confirming thousands of items in one go: the store writes lines, item moves and
//! history rows many to a statement and in id order (`store/drafted_items.rs`,
//! `store/invoiced_items.rs`, `store/history_many.rs`). What it writes must be what one item at
//! a time would write: each item on exactly one line, in the order given, at its next version,
//! with its history rows at that version, whatever statement it fell into.

use crate::support;

use finctl::domain::revenue_status::RevenueStatus;
use finctl::store::history::Change;
use rust_decimal::Decimal;
use std::collections::HashMap;
use support::store::*;

/// More items than one statement writes (1,024), so that the items fall into several
/// statements of several sizes.
const ITEMS: usize = 2_600;

/// `ITEMS` billable items, a third of them on the USD account's project, with amounts that
/// differ item by item; their ids in the order made.
fn many_items(c: &mut Company) -> Vec<i64> {
    let items: Vec<_> = (0..ITEMS)
        .map(|k| {
            let project = if k % 3 == 0 { c.u1 } else { c.p1 };
            let amount = format!("{}.{:02}", 100 + k, k % 100);
            fixed_item(
                project,
                &format!("Bulk item {k}"),
                &amount,
                "24",
                RevenueStatus::Billable,
            )
        })
        .collect();
    c.store.create_revenue_items(&items).unwrap()
}

/// The item's history rows at `version`, as (field, old, new).
fn at_version(changes: &[Change], version: i64) -> Vec<(String, Option<String>, Option<String>)> {
    changes
        .iter()
        .filter(|h| h.version == version)
        .map(|h| (h.field.clone(), h.old.clone(), h.new.clone()))
        .collect()
}

#[test]
fn thousands_of_items_drafted_and_confirmed_at_once_each_get_one_line_and_their_history() {
    let mut c = Company::new();
    let ids = many_items(&mut c);
    let before: HashMap<i64, (i64, Decimal)> = ids
        .iter()
        .map(|&id| {
            let item = c.store.revenue_item(id).unwrap();
            (id, (item.version, item.planned_amount))
        })
        .collect();
    // Given out of id order, and one item twice: drafted once, in the order given.
    let mut given: Vec<i64> = ids.iter().rev().copied().collect();
    given.push(ids[7]);
    let made = c.store.make_drafts(&given, draft_day()).unwrap();
    assert!(made.skipped.is_empty(), "{:?}", made.skipped.first());
    assert_eq!(made.invoices.len(), 2, "one draft per account");

    let mut lines_of: HashMap<i64, (i64, Decimal)> = HashMap::new();
    for &invoice in &made.invoices {
        let inv = c.store.invoice(invoice).unwrap();
        let positions: Vec<i64> = inv.lines.iter().map(|l| l.position).collect();
        assert_eq!(positions, (1..=inv.lines.len() as i64).collect::<Vec<_>>());
        // The lines follow the order the items were given in.
        let items: Vec<i64> = inv.lines.iter().filter_map(|l| l.revenue_item_id).collect();
        let order: Vec<i64> = given
            .iter()
            .copied()
            .filter(|id| items.contains(id))
            .take(items.len())
            .collect();
        assert_eq!(items, order, "invoice {invoice}: lines in the order given");
        for line in &inv.lines {
            let item = line.revenue_item_id.expect("an item's line");
            assert!(
                lines_of.insert(item, (invoice, line.net)).is_none(),
                "item {item} on two lines"
            );
        }
        let net: Decimal = inv.lines.iter().map(|l| l.net).sum();
        assert_eq!(inv.net, net, "invoice {invoice}: its total is its lines'");
    }
    assert_eq!(lines_of.len(), ITEMS, "every item on exactly one line");

    for &id in &ids {
        let (v0, planned) = before[&id];
        let item = c.store.revenue_item(id).unwrap();
        assert_eq!(item.status, RevenueStatus::DraftInvoice);
        assert_eq!(item.version, v0 + 1, "item {id}: one version on");
        assert_eq!(item.actual_amount, Some(planned));
        assert_eq!(lines_of[&id].1, planned);
        let history = c.store.history_of("revenue_item", id).unwrap();
        assert_eq!(
            at_version(&history, v0 + 1),
            [
                (
                    "status".to_string(),
                    Some("billable".to_string()),
                    Some("draft_invoice".to_string())
                ),
                ("actual_amount".to_string(), None, Some(planned.to_string())),
            ],
            "item {id}"
        );
    }

    let run = c.store.confirm_many(&made.invoices, confirm_day()).unwrap();
    assert!(run.refused.is_empty(), "{:?}", run.refused);
    assert_eq!(run.confirmed.len(), 2);
    for &id in &ids {
        let (v0, _) = before[&id];
        let item = c.store.revenue_item(id).unwrap();
        assert_eq!(item.status, RevenueStatus::Invoiced);
        assert_eq!(item.version, v0 + 2, "item {id}: one more version");
        let history = c.store.history_of("revenue_item", id).unwrap();
        assert_eq!(
            at_version(&history, v0 + 2),
            [(
                "status".to_string(),
                Some("draft_invoice".to_string()),
                Some("invoiced".to_string())
            )],
            "item {id}"
        );
    }
    // The chains, the forecast and every count still agree.
    c.assert_sound();
}

#[test]
fn a_confirmation_that_refuses_one_draft_moves_only_the_confirmed_drafts_items() {
    let mut c = Company::new();
    let ids = many_items(&mut c);
    let made = c.store.make_drafts(&ids, draft_day()).unwrap();
    assert_eq!(made.invoices.len(), 2);
    // The second draft is seen at a version it no longer has: refused, left a draft.
    let stale = made.invoices[1];
    let seen = c.store.invoice(stale).unwrap().version - 1;
    let run = c
        .store
        .confirm_seen(
            &[(made.invoices[0], None), (stale, Some(seen))],
            confirm_day(),
        )
        .unwrap();
    assert_eq!(run.confirmed.len(), 1);
    assert_eq!(run.refused.len(), 1, "{:?}", run.refused);
    let on = |invoice: i64| -> Vec<i64> {
        c.store
            .invoice(invoice)
            .unwrap()
            .lines
            .iter()
            .filter_map(|l| l.revenue_item_id)
            .collect()
    };
    for id in on(made.invoices[0]) {
        assert_eq!(status(&c.store, id), RevenueStatus::Invoiced, "item {id}");
    }
    for id in on(stale) {
        assert_eq!(
            status(&c.store, id),
            RevenueStatus::DraftInvoice,
            "item {id}"
        );
    }
    c.assert_sound();
}

/// Confirming runs with a larger page cache (`store/bulk_cache.rs`); drafting and confirming
/// leave the connection's own as they found it, a larger one (the import's) included.
#[test]
fn drafting_and_confirming_leave_the_page_cache_as_they_found_it() {
    let mut c = Company::new();
    let ids = many_items(&mut c);
    let cache = |c: &Company| -> i64 {
        c.store
            .conn()
            .query_row("PRAGMA cache_size", [], |r| r.get(0))
            .unwrap()
    };
    let own = cache(&c);
    let made = c.store.make_drafts(&ids[..100], draft_day()).unwrap();
    assert_eq!(cache(&c), own, "after drafting");
    c.store.confirm_many(&made.invoices, confirm_day()).unwrap();
    assert_eq!(cache(&c), own, "after confirming");
    c.store.tune_for_bulk_load().unwrap();
    let large = cache(&c);
    assert_ne!(large, own);
    let more = c.store.make_drafts(&ids[100..], draft_day()).unwrap();
    c.store.confirm_many(&more.invoices, confirm_day()).unwrap();
    assert_eq!(cache(&c), large, "a larger cache is kept");
    // A write that fails sets it back too: an item of the draft was taken off it behind
    // finctl's back, and the whole confirmation is refused.
    c.store.tune_for_bulk_load_with(8).unwrap();
    let small = cache(&c);
    let fresh = c
        .store
        .create_revenue_items(&[fixed_item(
            c.p1,
            "Odd one",
            "10",
            "24",
            RevenueStatus::Billable,
        )])
        .unwrap();
    let drafted = c.store.make_drafts(&fresh, draft_day()).unwrap();
    c.store
        .conn()
        .execute(
            "UPDATE revenue_items SET status = 'billable' WHERE id = ?1",
            [fresh[0]],
        )
        .unwrap();
    let outcome = c.store.confirm_many(&drafted.invoices, confirm_day());
    assert!(outcome.is_err(), "{outcome:?}");
    assert_eq!(cache(&c), small, "after a confirmation that failed");
}

/// A confirmation stopped while it appends its items' history rows (between two of their
/// statements) leaves neither rows nor chain values, and the next one seals from where the
/// chain stood.
#[test]
fn a_bulk_write_stopped_between_its_history_statements_leaves_the_chain_sound() {
    use finctl::store::long_work::{current_progress, set_long_work_observer};
    use std::cell::Cell;
    use std::rc::Rc;

    let mut c = Company::new();
    let ids = many_items(&mut c);
    let made = c.store.make_drafts(&ids, draft_day()).unwrap();
    let chain_rows = |c: &Company| -> i64 {
        c.store
            .conn()
            .query_row("SELECT count(*) FROM history_chain", [], |r| r.get(0))
            .unwrap()
    };
    let before = chain_rows(&c);
    // Once the items have moved, every history row they get ticks: stopped at the 1,500th,
    // in the second of the three statements their 2,600 rows take.
    let ticks_after_moves = Rc::new(Cell::new(0usize));
    let seen = ticks_after_moves.clone();
    set_long_work_observer(Some(Box::new(move |_| {
        let moving = current_progress().is_some_and(|p| p.what == "items moved to invoiced");
        if moving || seen.get() > 0 {
            seen.set(seen.get() + 1);
        }
        seen.get() < 1_500
    })));
    let stopped = c.store.confirm_many(&made.invoices, confirm_day());
    set_long_work_observer(None);
    assert_eq!(
        stopped.unwrap_err().to_string(),
        "stopped: nothing was saved"
    );
    assert!(ticks_after_moves.get() >= 1_500);
    assert_eq!(chain_rows(&c), before, "no chain value is left of it");
    for &id in &ids {
        assert_eq!(
            status(&c.store, id),
            RevenueStatus::DraftInvoice,
            "item {id}"
        );
    }
    c.assert_sound();

    let run = c.store.confirm_many(&made.invoices, confirm_day()).unwrap();
    assert_eq!(run.confirmed.len(), 2);
    assert!(chain_rows(&c) > before + ITEMS as i64);
    c.assert_sound();
}
