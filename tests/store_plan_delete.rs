//! Deleting a billing plan whole in the store: its parts and unbilled items go with a history
//! row each; refused, naming the part, while one is on a draft or an invoice; a stale dialog
//! and a viewer are refused too.

use crate::support;

use chrono::NaiveDate;
use finctl::domain::billing_plan::from_template;
use finctl::domain::plan_templates;
use finctl::domain::revenue_status::RevenueStatus;
use finctl::domain::rights::Role;
use finctl::domain::{Currency, Money};
use finctl::store::StoreError;
use support::store::*;
use support::*;

fn day(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).unwrap()
}

/// A 30-50-20 plan of 1,000.00 on P1 (which starts on 2026-01-01); its item ids.
fn plan(c: &mut Company) -> Vec<i64> {
    let t = plan_templates::find("30-50-20").unwrap();
    let parts = from_template(&t.parts(), day(2026, 1, 1)).unwrap();
    c.store
        .create_billing_plan(c.p1, d("1000"), d("24"), &parts)
        .unwrap();
    c.store
        .billing_plan_parts(c.p1)
        .unwrap()
        .iter()
        .map(|p| p.revenue_item_id)
        .collect()
}

/// The fields of the history rows of an object, in order.
fn fields(c: &Company, object: &str, id: i64) -> Vec<String> {
    c.store
        .history_of(object, id)
        .unwrap()
        .iter()
        .map(|h| h.field.clone())
        .collect()
}

#[test]
fn a_plan_goes_with_its_parts_and_items_each_in_the_history() {
    let mut c = Company::new();
    let items = plan(&mut c);
    let parts = c.store.billing_plan_parts(c.p1).unwrap();
    // One item released to finance control by hand: still unbilled.
    let v = version(&c.store, items[0]);
    c.store
        .set_status(&[(items[0], v)], RevenueStatus::Billable)
        .unwrap();
    let what = c.store.billing_plan_deletion(c.p1).unwrap();
    assert_eq!(
        (what.parts, what.total, what.billable),
        (3, Money::new(d("1000.00"), Currency::EUR), 1)
    );
    let done = c.store.delete_billing_plan(c.p1, what.version).unwrap();
    assert_eq!(done, what);
    assert!(c.store.billing_plan(c.p1).unwrap().is_none());
    for id in &items {
        assert!(c.store.revenue_item(*id).is_err(), "item {id} is gone");
        assert_eq!(fields(&c, "revenue_item", *id).last().unwrap(), "deleted");
    }
    for p in &parts {
        assert_eq!(fields(&c, "plan_part", p.id).last().unwrap(), "deleted");
    }
    let plan_rows = c.store.history_of("billing_plan", what.plan_id).unwrap();
    let last = plan_rows.last().unwrap();
    assert_eq!(
        (last.field.as_str(), last.old.as_deref()),
        ("deleted", Some("3 parts | 1000.00 EUR"))
    );
    assert_eq!(
        count(
            &c.store,
            "SELECT count(*) FROM plan_parts WHERE plan_id = ?1",
            what.plan_id
        ),
        0
    );
    // The forecast sums, the history and the rest still hold; a new plan can be made.
    c.assert_sound();
    plan(&mut c);
    c.assert_sound();
}

#[test]
fn a_plan_with_a_part_on_an_invoice_stays_and_the_refusal_names_the_part() {
    let mut c = Company::new();
    let items = plan(&mut c);
    let v = version(&c.store, items[1]);
    c.store
        .set_status(&[(items[1], v)], RevenueStatus::Billable)
        .unwrap();
    let made = c.store.make_drafts(&[items[1]], draft_day()).unwrap();
    let version = c.store.billing_plan(c.p1).unwrap().unwrap().version;
    let before = c.store.billing_plan(c.p1).unwrap();
    for err in [
        refused(c.store.billing_plan_deletion(c.p1)),
        refused(c.store.delete_billing_plan(c.p1, version)),
    ] {
        assert_eq!(
            err,
            "the part \"Delivery\" is on a draft invoice: delete the draft first; a plan with \
             parts on an invoice cannot change or be deleted"
        );
    }
    assert_eq!(c.store.billing_plan(c.p1).unwrap(), before);
    // Confirmed: it stays for good, credited or not (the invoice's lines name the item).
    c.store.confirm(made.invoices[0], confirm_day()).unwrap();
    let err = refused(c.store.delete_billing_plan(c.p1, version));
    assert!(err.contains("\"Delivery\" is invoiced"), "{err}");
    c.assert_sound();
}

#[test]
fn a_stale_dialog_a_viewer_and_a_project_without_plan_are_refused() {
    let mut c = Company::new();
    let items = plan(&mut c);
    let seen = c.store.billing_plan(c.p1).unwrap().unwrap().version;
    // A part's date set by hand moves the plan's version.
    let item = c.store.revenue_item(items[2]).unwrap();
    c.store
        .update_revenue_item(
            item.id,
            item.version,
            &finctl::store::revenue_items::ItemEdit {
                planned_invoice_date: Some(day(2026, 9, 1)),
                ..Default::default()
            },
        )
        .unwrap();
    let err = c.store.delete_billing_plan(c.p1, seen).unwrap_err();
    assert!(matches!(err, StoreError::Stale { .. }), "{err}");
    let mut viewer = c.user("vic", Role::Viewer);
    let now = viewer.billing_plan(c.p1).unwrap().unwrap().version;
    let err = refused(viewer.delete_billing_plan(c.p1, now));
    assert!(err.contains("only managers, finance and admins"), "{err}");
    assert_eq!(
        refused(c.store.billing_plan_deletion(c.p2)),
        "the project has no billing plan"
    );
    assert_eq!(c.store.billing_plan_parts(c.p1).unwrap().len(), 3);
    c.assert_sound();
}
