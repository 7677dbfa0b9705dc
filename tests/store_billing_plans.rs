//! Billing plans in the store: parts from a template become revenue items that total the
//! plan; moving the project start moves the dates not set by hand, items included.

mod common;

use chrono::NaiveDate;
use common::*;
use finctl::domain::billing_plan::{TemplatePart, from_template};
use finctl::domain::status::Origin;
use finctl::store::revenue_items::ItemEdit;
use rust_decimal::Decimal;

fn day(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).unwrap()
}

fn template() -> Vec<TemplatePart> {
    vec![
        TemplatePart {
            label: "Kick-off".into(),
            percent: d("30"),
            offset_days: 0,
        },
        TemplatePart {
            label: "Delivery".into(),
            percent: d("50"),
            offset_days: 90,
        },
        TemplatePart {
            label: "Acceptance".into(),
            percent: d("20"),
            offset_days: 120,
        },
    ]
}

#[test]
fn a_plan_from_a_template_follows_the_project_start() {
    let mut c = Company::new();
    let parts = from_template(&template(), day(2026, 1, 15)).unwrap();
    c.store
        .create_billing_plan(c.p1, d("145.05"), d("24"), &parts)
        .unwrap();
    let stored = c.store.billing_plan_parts(c.p1).unwrap();
    let items: Vec<_> = stored
        .iter()
        .map(|s| c.store.revenue_item(s.revenue_item_id).unwrap())
        .collect();
    assert_eq!(
        items.iter().map(|i| i.planned_amount).collect::<Vec<_>>(),
        [d("43.52"), d("72.52"), d("29.01")]
    );
    assert_eq!(
        items.iter().map(|i| i.planned_amount).sum::<Decimal>(),
        d("145.05")
    );
    assert!(items.iter().all(|i| i.origin == Origin::BillingPlan));
    assert_eq!(items[1].planned_invoice_date, day(2026, 4, 15));

    // The acceptance date is set by hand (through its item); then the start moves.
    let acceptance = &items[2];
    c.store
        .update_revenue_item(
            acceptance.id,
            acceptance.version,
            &ItemEdit {
                planned_invoice_date: Some(day(2026, 6, 30)),
                ..ItemEdit::default()
            },
        )
        .unwrap();
    let version = c.store.project_version(c.p1).unwrap();
    c.store
        .move_project_start(c.p1, version, day(2026, 2, 1))
        .unwrap();
    let stored = c.store.billing_plan_parts(c.p1).unwrap();
    let dates: Vec<NaiveDate> = stored
        .iter()
        .map(|s| {
            c.store
                .revenue_item(s.revenue_item_id)
                .unwrap()
                .planned_invoice_date
        })
        .collect();
    assert_eq!(dates, [day(2026, 2, 1), day(2026, 5, 2), day(2026, 6, 30)]);
    assert!(stored[2].part.date_set_by_hand);
    // Plan items are read-only except their date, and the plan is made once.
    let err = c
        .store
        .update_revenue_item(
            items[0].id,
            c.store.revenue_item(items[0].id).unwrap().version,
            &ItemEdit {
                planned_amount: Some(d("1")),
                ..ItemEdit::default()
            },
        )
        .unwrap_err();
    assert!(err.to_string().contains("billing plan"), "{err}");
    assert!(
        c.store
            .create_billing_plan(c.p1, d("1"), d("24"), &parts)
            .is_err()
    );
    assert!(
        c.store.verify().unwrap().is_empty(),
        "{:?}",
        c.store.verify().unwrap()
    );
}

#[test]
fn parts_must_total_100_percent() {
    let mut c = Company::new();
    let mut t = template();
    t[2].percent = d("10");
    let parts = from_template(&t, day(2026, 1, 15)).unwrap();
    let err = c
        .store
        .create_billing_plan(c.p1, d("1000"), d("24"), &parts)
        .unwrap_err();
    assert!(err.to_string().contains("not 100%"), "{err}");
    assert!(c.store.billing_plan_parts(c.p1).unwrap().is_empty());
}
