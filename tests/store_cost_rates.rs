//! People's cost rates in the store: each write with its history, a stale edit refused with who
//! and when, a second rate of the same day refused; and the report's cost of time reports: the
//! hours at the rate valid on each report's date, each report rounded on its own, hours without
//! a rate counted apart, margin revenue less cost, utilisation billable over all hours.

use crate::support;

use finctl::domain::cost_rate::CostRateInput;
use finctl::domain::dates;
use finctl::domain::master_field::MasterField;
use finctl::domain::report::{GroupBy, YearMonth};
use finctl::store::StoreError;
use finctl::store::reports::ReportQuery;
use support::store::{Company, time_report};
use support::{d, date};

fn rate(person: &str, currency: &str, from: chrono::NaiveDate, cost: &str) -> CostRateInput {
    CostRateInput {
        person: person.into(),
        currency: currency.into(),
        valid_from: from,
        hourly_cost: d(cost),
    }
}

#[test]
fn rates_are_written_with_history_and_stale_edits_are_refused() {
    let mut c = Company::new();
    let id = c
        .store
        .create_cost_rate(&rate(" zoe ", "EUR", dates::FIRST, "50.00"))
        .unwrap();
    let stored = c.store.cost_rate(id).unwrap();
    assert_eq!((stored.person.as_str(), stored.version), ("zoe", 1));
    // Another user changes it; an edit based on version 1 is refused, naming them.
    let mut other = c.user("fin", finctl::domain::rights::Role::Finance);
    let changed = other
        .update_cost_rate(id, 1, &rate("zoe", "EUR", dates::FIRST, "55.00"))
        .unwrap();
    assert_eq!(changed, ["hourly_cost"]);
    match c
        .store
        .update_cost_rate(id, 1, &rate("zoe", "EUR", dates::FIRST, "60.00"))
    {
        Err(StoreError::Stale { by, .. }) => assert_eq!(by, "fin"),
        other => panic!("stale: {other:?}"),
    }
    // The same person, currency and first day twice: refused at the first day.
    match c
        .store
        .create_cost_rate(&rate("zoe", "EUR", dates::FIRST, "1.00"))
    {
        Err(StoreError::Invalid { field, .. }) => assert_eq!(field, MasterField::ValidFrom),
        other => panic!("duplicate: {other:?}"),
    }
    // Refused, never rounded: a third decimal in euros, a cost past the limit.
    for bad in ["50.005", "1000000"] {
        match c
            .store
            .create_cost_rate(&rate("zoe", "EUR", date(2027, 1, 1), bad))
        {
            Err(StoreError::Invalid { field, .. }) => assert_eq!(field, MasterField::HourlyCost),
            other => panic!("{bad}: {other:?}"),
        }
    }
    c.store.delete_cost_rate(id, 2).unwrap();
    let history = c.store.history_of("cost_rate", id).unwrap();
    let fields: Vec<&str> = history.iter().map(|h| h.field.as_str()).collect();
    assert_eq!(fields, ["created", "hourly_cost", "deleted"], "{history:?}");
    assert!(c.store.verify().unwrap().is_empty());
}

#[test]
fn the_cost_of_time_is_its_hours_at_the_rate_valid_on_its_date() {
    let mut c = Company::new();
    // P1 (EUR): ann 7.5 h billable on 2026-03-02 in the company; add more around a raise.
    c.store
        .create_time_reports(&[
            time_report(c.p1, "ann", "dev", date(2026, 3, 10), "0.333333", true),
            time_report(c.p1, "ann", "dev", date(2026, 3, 20), "8", false),
            time_report(c.p1, "cid", "pm", date(2026, 3, 21), "4", true),
        ])
        .unwrap();
    c.store
        .create_cost_rate(&rate("ann", "EUR", dates::FIRST, "60.00"))
        .unwrap();
    c.store
        .create_cost_rate(&rate("ann", "EUR", date(2026, 3, 15), "70.00"))
        .unwrap();
    // A dollar rate does not price euro hours: cid's stay without a cost rate.
    c.store
        .create_cost_rate(&rate("cid", "USD", dates::FIRST, "90.00"))
        .unwrap();
    let march = YearMonth::parse("2026-03").unwrap();
    let q = |group| ReportQuery {
        from: march,
        to: march,
        group,
    };
    let rows = c.store.report(&q(GroupBy::Person)).unwrap();
    let of = |who: &str| {
        rows.iter()
            .find(|r| r.group.key == who)
            .unwrap_or_else(|| panic!("{who}: {rows:?}"))
            .figures
    };
    let ann = of("ann");
    let time: Vec<_> = c
        .store
        .report(&q(GroupBy::Person))
        .unwrap()
        .into_iter()
        .filter(|r| r.group.key == "ann")
        .collect();
    assert_eq!(time.len(), 1);
    // Every report of ann in March on P1 at the rate of its day, each rounded to the cent.
    let mut expected = d("0");
    let mut hours = d("0");
    let mut billable = d("0");
    c.store
        .for_each_time_report(|t, _| {
            if t.person == "ann" && t.work_date.format("%Y-%m").to_string() == "2026-03" {
                let r = if t.work_date >= date(2026, 3, 15) {
                    d("70")
                } else {
                    d("60")
                };
                expected += (t.hours * r).round_dp_with_strategy(
                    2,
                    rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                );
                hours += t.hours;
                if t.billable {
                    billable += t.hours;
                }
            }
            Ok(())
        })
        .unwrap();
    assert_eq!(ann.cost, expected);
    assert_eq!(ann.hours, hours);
    assert_eq!(ann.billable_hours, billable);
    assert!(ann.hours_without_cost.is_zero());
    assert!(ann.revenue().is_zero(), "a person has no revenue");
    let cid = of("cid");
    assert!(cid.cost.is_zero());
    assert_eq!(cid.hours_without_cost, d("4"), "said, not costed at zero");
    // By project the same time, the same totals per currency; margin is each project's
    // revenue less its cost, utilisation its billable hours over its hours.
    let total = |group| {
        let mut t = finctl::domain::report::Figures::default();
        for r in c.store.report(&q(group)).unwrap() {
            if r.currency == finctl::domain::Currency::EUR {
                t.add(&r.figures);
            }
        }
        t
    };
    let (by_project, by_person) = (total(GroupBy::Project), total(GroupBy::Person));
    assert_eq!(by_project.cost, by_person.cost);
    assert_eq!(by_project.hours, by_person.hours);
    assert_eq!(by_project.hours_without_cost, by_person.hours_without_cost);
    assert!(by_person.hours_without_cost >= d("4"), "cid's among them");
    for r in c.store.report(&q(GroupBy::Project)).unwrap() {
        let f = r.figures;
        assert_eq!(f.margin(), f.revenue() - f.cost, "{r:?}");
        assert_eq!(
            f.utilisation(),
            finctl::domain::cost_rate::utilisation(f.billable_hours, f.hours)
        );
    }
}
