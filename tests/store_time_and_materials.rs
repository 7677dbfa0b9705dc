//! Time-and-materials items through the store: a draft collects the item's billable time and
//! expenses up to its planned date, priced at the person's, the price list's or the project's
//! rate, keeps the rate on each report, and leaves the rest to later items.

use crate::support;

use finctl::domain::collected_line::CollectedLine;
use finctl::domain::revenue_status::RevenueStatus;
use rust_decimal::Decimal;
use support::store::*;
use support::*;

#[test]
fn time_and_materials_collects_time_and_expenses_up_to_its_date() {
    let mut c = Company::new();
    let before = c.store.revenue_item(c.tm).unwrap();
    let preview = c.store.collected_lines(&before).unwrap();
    let made = c.store.make_drafts(&[c.tm], draft_day()).unwrap();
    let draft = c.store.invoice(made.invoices[0]).unwrap();
    assert_eq!(draft.lines.len(), 1);
    assert_eq!(draft.lines[0].net, d(TM_AMOUNT));

    let item = c.store.revenue_item(c.tm).unwrap();
    let collected = c.store.collected_lines(&item).unwrap();
    assert_eq!(collected, preview, "collects what it showed before");
    let time: Vec<_> = collected
        .iter()
        .filter_map(|l| match l {
            CollectedLine::Time {
                person,
                role,
                hours,
                rate,
                amount,
                ..
            } => Some((person.as_str(), role.as_str(), *hours, *rate, *amount)),
            _ => None,
        })
        .collect();
    assert_eq!(
        time,
        [
            ("ann", "dev", d("7.5"), d("100"), d("750.00")),
            // bob's own rate in the price list.
            ("bob", "dev", d("2"), d("110"), d("220.00")),
            // the project's pm rate overrides the price list's 120; 119.99997 rounds to 120.00.
            ("cat", "pm", d("1.333333"), d("90"), d("120.00")),
        ]
    );
    let expenses: Vec<_> = collected
        .iter()
        .filter_map(|l| match l {
            CollectedLine::Expense {
                description,
                amount,
                ..
            } => Some((description.as_str(), *amount)),
            _ => None,
        })
        .collect();
    assert_eq!(expenses, [("Train to Acme", d("123.45"))]);
    assert_eq!(
        collected.iter().map(|l| l.amount()).sum::<Decimal>(),
        d(TM_AMOUNT)
    );

    // The collected reports point at the item and keep the rate they were priced at; the
    // non-billable, later and other project's reports stay free.
    let rows: Vec<(String, String, Option<i64>)> = c
        .store
        .conn()
        .prepare(
            "SELECT person, work_date, rate_micros FROM time_reports WHERE revenue_item_id = ?1
             ORDER BY work_date",
        )
        .unwrap()
        .query_map([c.tm], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(
        rows,
        [
            ("ann".into(), "2026-03-02".into(), Some(100_000_000)),
            ("bob".into(), "2026-03-03".into(), Some(110_000_000)),
            ("cat".into(), "2026-03-04".into(), Some(90_000_000)),
        ]
    );
    assert_eq!(
        count(
            &c.store,
            "SELECT count(*) FROM time_reports WHERE revenue_item_id IS NULL AND ?1 > 0",
            1
        ),
        3
    );
    assert_eq!(
        count(
            &c.store,
            "SELECT count(*) FROM expenses WHERE revenue_item_id = ?1",
            c.tm
        ),
        1
    );
    let report_id: i64 = c
        .store
        .conn()
        .query_row(
            "SELECT id FROM time_reports WHERE person = 'bob'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let h = c.store.history_of("time_report", report_id).unwrap();
    let last = h.last().unwrap();
    assert_eq!(
        (
            last.field.as_str(),
            last.old.as_deref(),
            last.new.as_deref()
        ),
        (
            "revenue_item",
            None,
            Some(format!("{} at 110", c.tm).as_str())
        )
    );

    // A later item collects only what is left: the April time and the hotel.
    let mut later = fixed_item(c.p1, "Consulting April", "0", "24", RevenueStatus::Billable);
    later.billing_rule = finctl::domain::billing_rule::BillingRule::TimeAndMaterials;
    later.planned_invoice_date = date(2026, 4, 30);
    // One with its own unit price on P2: 5h at 80.
    let mut priced = later.clone();
    priced.project_id = c.p2;
    priced.name = "P2 support".into();
    priced.unit_price = Some(d("80"));
    let ids = c.store.create_revenue_items(&[later, priced]).unwrap();
    let made = c.store.make_drafts(&ids, date(2026, 4, 30)).unwrap();
    let inv = c.store.invoice(made.invoices[0]).unwrap();
    let nets: Vec<_> = inv
        .lines
        .iter()
        .map(|l| (l.revenue_item_id.unwrap(), l.net))
        .collect();
    assert_eq!(nets, [(ids[0], d("600.00")), (ids[1], d("400.00"))]);
    c.assert_sound();
}
