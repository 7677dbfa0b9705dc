//! Figures past any real amount that reach invoices, through credit notes or through the
//! time and expenses an item collects: refused or skipped with the rule, never an overflow
//! panic of the decimal arithmetic.

use crate::support;

use finctl::domain::billing_rule::BillingRule;
use finctl::domain::revenue_status::RevenueStatus;
use support::store::*;
use support::*;

/// Regression: two credits of 5e28 for one line overflowed while the credit note summed them.
#[test]
fn credits_adding_up_past_any_amount_are_refused_not_a_panic() {
    let mut c = Company::new();
    let (acme, _) = c.confirmed_invoices();
    let line = c.store.invoice(acme).unwrap().lines[0].id;
    let huge = d("50000000000000000000000000000");
    let err = refused(c.store.create_credit_note(
        acme,
        Some(&[(line, huge), (line, huge)]),
        confirm_day(),
    ));
    assert!(err.contains("add up to more than any amount"), "{err}");
    c.assert_sound();
}

/// A time-and-materials item on a new project of `Acme` whose developers cost `rate` an hour,
/// with `reports` time reports of `hours` each. The store refuses such rates and hours now
/// (below the amount limit, at most 24 hours a report), so they are written past it, as a
/// file from before those checks, or one changed by hand, may hold them.
fn priced_time(c: &mut Company, rate_per_hour: &str, hours: &str, reports: usize) -> i64 {
    let p = c
        .store
        .create_project(&project(
            "BIG",
            c.acme,
            "launched",
            None,
            vec![rate("dev", None, "1")],
        ))
        .unwrap();
    let time: Vec<_> = (0..reports)
        .map(|_| time_report(p, "ann", "dev", date(2026, 3, 2), "1", true))
        .collect();
    c.store.create_time_reports(&time).unwrap();
    let micros = |v: &str| finctl::domain::scaled::to_micros(d(v)).unwrap();
    let conn = c.store.conn();
    conn.execute(
        "UPDATE rates SET rate_micros = ?1 WHERE project_id = ?2",
        rusqlite::params![micros(rate_per_hour), p],
    )
    .unwrap();
    conn.execute(
        "UPDATE time_reports SET hours_micros = ?1 WHERE project_id = ?2",
        rusqlite::params![micros(hours), p],
    )
    .unwrap();
    // Made after the change by hand, the item is priced from what the file holds: 0, with the
    // reason (a stored amount never overflows either).
    let mut item = fixed_item(p, "Consulting", "0", "24", RevenueStatus::Billable);
    item.billing_rule = BillingRule::TimeAndMaterials;
    let id = c.store.create_revenue_items(&[item]).unwrap()[0];
    let stored = c.store.revenue_item(id).unwrap();
    assert_eq!(stored.planned_amount, d("0"));
    assert!(stored.collect_error.is_some());
    id
}

/// Regression: a thousand time reports of 9e12 hours at 9e12 an hour overflowed while the
/// item's amount was summed, in the draft preview and in making the drafts.
#[test]
fn time_priced_past_any_amount_is_skipped_not_a_panic() {
    let mut c = Company::new();
    let item = priced_time(&mut c, "9000000000000", "9000000000000", 1000);
    // The item's summary adds its lines up: refused rather than handed on to overflow there.
    let err = refused(
        c.store
            .collected_lines(&c.store.revenue_item(item).unwrap()),
    );
    assert!(err.contains("more than any amount"), "{err}");
    let preview = c.store.draft_preview(&[item]).unwrap();
    assert_eq!(preview.drafts, 0);
    assert!(
        preview.skipped[0].1.contains("more than any amount"),
        "{preview:?}"
    );
    let made = c.store.make_drafts(&[item], draft_day()).unwrap();
    assert!(made.invoices.is_empty());
    assert!(
        made.skipped[0].1.contains("more than any amount"),
        "{made:?}"
    );
    c.assert_sound();
}

/// Time that prices an item at the amount limit or past it is skipped like any amount past
/// the limit: an invoice line never carries it.
#[test]
fn time_priced_past_the_amount_limit_is_skipped() {
    let mut c = Company::new();
    let item = priced_time(&mut c, "100", "10000000000", 1);
    let made = c.store.make_drafts(&[item], draft_day()).unwrap();
    assert!(made.invoices.is_empty(), "{made:?}");
    assert!(made.skipped[0].1.contains("is too large"), "{made:?}");
    c.assert_sound();
}
