//! Filters that speak finance (`status:billable`, `rule:tm`, `amount:>10000`, ...): every term
//! returns exactly the rows whose fields say so, whichever path the query takes (the scan in
//! list order, or the matches first), its totals count those rows, and the export walks them.

use crate::support;

use chrono::NaiveDate;
use finctl::domain::warnings::Warning;
use finctl::store::export_rows::{InvoiceRow, RevenueItemRow};
use finctl::store::invoice_list::InvoiceFilter;
use finctl::store::item_list::{ItemFilter, ItemRow, rows_within};
use finctl::store::item_totals::item_totals;
use finctl::store::{Bound, Store};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};
use support::store::demo_store_of;

/// An item as the filter sees it: its export row (type, currency, milestone, ...) and its list
/// row (the warning).
struct Item {
    export: RevenueItemRow,
    row: ItemRow,
    business_units: (String, String),
}

fn items(store: &Store) -> Vec<Item> {
    let mut exports = BTreeMap::new();
    store
        .for_each_revenue_item_row(|r| {
            exports.insert(r.id, r);
            Ok(())
        })
        .unwrap();
    let rows = rows_within(
        store.conn(),
        &ItemFilter::all(),
        &Bound::Start,
        100_000,
        u32::MAX,
    )
    .unwrap();
    rows.into_iter()
        .map(|row| {
            let business_units = store
                .conn()
                .query_row(
                    "SELECT a.business_unit, p.business_unit FROM revenue_items i
                     JOIN accounts a ON a.id = i.account_id JOIN projects p ON p.id = i.project_id
                     WHERE i.id = ?1",
                    [row.id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap();
            Item {
                export: exports.remove(&row.id).unwrap(),
                row,
                business_units,
            }
        })
        .collect()
}

fn amount(i: &Item) -> Decimal {
    i.row.amount.amount
}

fn has(hay: &str, needle: &str) -> bool {
    hay.to_lowercase().contains(&needle.to_lowercase())
}

/// The ids a filter shows, by both paths and by the totals, which must agree.
fn shown(store: &Store, filter: &ItemFilter) -> BTreeSet<i64> {
    let ids = |budget| -> Vec<i64> {
        rows_within(store.conn(), filter, &Bound::Start, 100_000, budget)
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect()
    };
    let ordered = ids(u32::MAX);
    assert_eq!(ordered, ids(0), "{filter:?}: the matches-first path");
    // The totals (from the projects' sums index, the matches or a scan, whichever the filter
    // takes) count and add up exactly the rows shown, per currency.
    let rows = rows_within(store.conn(), filter, &Bound::Start, 100_000, u32::MAX).unwrap();
    let mut expected: std::collections::BTreeMap<String, (i64, Decimal)> = Default::default();
    for r in &rows {
        let e = expected
            .entry(r.amount.currency.code().to_string())
            .or_default();
        e.0 += 1;
        e.1 += r.amount.amount;
    }
    let totals: std::collections::BTreeMap<String, (i64, Decimal)> =
        item_totals(store.conn(), filter)
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t.amount.currency.code().to_string(),
                    (t.count, t.amount.amount),
                )
            })
            .collect();
    assert_eq!(totals, expected, "{filter:?}: totals");
    ordered.into_iter().collect()
}

#[test]
fn each_item_term_shows_exactly_the_rows_it_names() {
    let (_dir, _path, store) = demo_store_of(600, 3);
    let today = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
    let all = items(&store);
    let some_project = all[17].export.project.clone();
    let some_account = all[29].export.account.clone();
    let some_type = all[3].export.item_type.clone();
    let some_milestone = all
        .iter()
        .find_map(|i| i.export.milestone.clone())
        .expect("the demo has milestone items");
    let some_bu = all
        .iter()
        .map(|i| i.business_units.0.clone())
        .find(|b| !b.is_empty())
        .expect("the demo has business units");
    type Rule = Box<dyn Fn(&Item) -> bool>;
    let cases: Vec<(String, Rule)> = vec![
        (
            "status:rejected".into(),
            Box::new(|i: &Item| i.export.status == "rejected"),
        ),
        (
            "status:billable,draft".into(),
            Box::new(|i: &Item| ["billable", "draft_invoice"].contains(&&*i.export.status)),
        ),
        (
            "rule:tm".into(),
            Box::new(|i: &Item| i.export.billing_rule == "time_and_materials"),
        ),
        (
            "rule:milestone,progress".into(),
            Box::new(|i: &Item| ["milestone", "progress"].contains(&&*i.export.billing_rule)),
        ),
        (format!("type:\"{some_type}\""), {
            let t = some_type.clone();
            Box::new(move |i: &Item| has(&i.export.item_type, &t))
        }),
        (format!("project:{some_project}"), {
            let p = some_project.clone();
            Box::new(move |i: &Item| has(&i.export.project, &p))
        }),
        (format!("account:\"{some_account}\""), {
            let a = some_account.clone();
            Box::new(move |i: &Item| has(&i.export.account, &a))
        }),
        (format!("bu:\"{some_bu}\""), {
            let b = some_bu.clone();
            Box::new(move |i: &Item| has(&i.business_units.0, &b) || has(&i.business_units.1, &b))
        }),
        (
            "currency:eur".into(),
            Box::new(|i: &Item| i.export.currency == "EUR"),
        ),
        // The rare rules' own index (migration 22), alone and together.
        (
            "rule:milestone".into(),
            Box::new(|i: &Item| i.export.billing_rule == "milestone"),
        ),
        (
            "rule:tm,milestone".into(),
            Box::new(|i: &Item| {
                ["time_and_materials", "milestone"].contains(&&*i.export.billing_rule)
            }),
        ),
        // Currencies through their projects: one that some items have, one that none has.
        (
            "currency:usd,sek".into(),
            Box::new(|i: &Item| i.export.currency == "USD"),
        ),
        (
            "currency:sek".into(),
            Box::new(|i: &Item| i.export.currency == "SEK"),
        ),
        (
            "date:2026-12".into(),
            Box::new(|i: &Item| i.export.planned_invoice_date.starts_with("2026-12")),
        ),
        (
            "date:2026-12-01..2027-01-15".into(),
            Box::new(|i: &Item| {
                ("2026-12-01".."2027-01-16").contains(&&*i.export.planned_invoice_date)
            }),
        ),
        (
            "amount:>10000".into(),
            Box::new(|i: &Item| amount(i) > Decimal::from(10_000)),
        ),
        (
            "amount:<=1500.5".into(),
            Box::new(|i: &Item| amount(i) <= Decimal::new(15005, 1)),
        ),
        // Larger than anything: the candidates from the sums index find none.
        (
            "amount:>9999999".into(),
            Box::new(|i: &Item| amount(i) > Decimal::from(9_999_999)),
        ),
        (
            "amount:1000..5000".into(),
            Box::new(|i: &Item| (Decimal::from(1000)..=Decimal::from(5000)).contains(&amount(i))),
        ),
        (
            "warning:missed".into(),
            Box::new(move |i: &Item| i.row.warning(today) == Some(Warning::MilestoneMissed)),
        ),
        (
            "warning:due".into(),
            Box::new(move |i: &Item| i.row.warning(today) == Some(Warning::MilestoneDue)),
        ),
        (
            "warning:overdue".into(),
            Box::new(move |i: &Item| i.row.warning(today) == Some(Warning::Overdue)),
        ),
        (
            "warning:nothing,unpriced".into(),
            Box::new(move |i: &Item| {
                matches!(
                    i.row.warning(today),
                    Some(Warning::NothingToCollect | Warning::CannotBePriced)
                )
            }),
        ),
        (format!("milestone:{}", some_milestone.to_lowercase()), {
            let m = some_milestone.clone();
            Box::new(move |i: &Item| i.export.milestone.as_deref() == Some(&*m))
        }),
        // Only terms the projects' sums index answers: its totals never read the table.
        (
            format!("status:open,billable bu:\"{some_bu}\" amount:>500 currency:eur,usd"),
            {
                let b = some_bu.clone();
                Box::new(move |i: &Item| {
                    ["open", "billable"].contains(&&*i.export.status)
                        && (has(&i.business_units.0, &b) || has(&i.business_units.1, &b))
                        && amount(i) > Decimal::from(500)
                })
            },
        ),
        (
            "hosting status:open,billable,draft rule:fixed".into(),
            Box::new(|i: &Item| {
                (has(&i.row.name, "hosting")
                    || has(&i.row.project, "hosting")
                    || has(&i.row.account, "hosting")
                    || i.export
                        .invoice
                        .as_deref()
                        .is_some_and(|n| has(n, "hosting")))
                    && ["open", "billable", "draft_invoice"].contains(&&*i.export.status)
                    && i.export.billing_rule == "fixed"
            }),
        ),
    ];
    for (text, rule) in cases {
        let expected: BTreeSet<i64> = all.iter().filter(|i| rule(i)).map(|i| i.row.id).collect();
        let filter = ItemFilter {
            text: text.clone(),
            ..ItemFilter::all()
        }
        .on(today);
        assert!(
            !expected.is_empty()
                || text.starts_with("warning:")
                || text == "currency:sek"
                || text == "amount:>9999999",
            "{text}: the demo has no such item; the test would prove nothing"
        );
        assert_eq!(shown(&store, &filter), expected, "{text}");
        // Finance control narrows the same way.
        let until = today + chrono::Days::new(30);
        let control = ItemFilter {
            text: text.clone(),
            ..ItemFilter::finance_control(until)
        }
        .on(today);
        let expected_control: BTreeSet<i64> = all
            .iter()
            .filter(|i| {
                rule(i)
                    && ["billable", "draft_invoice"].contains(&&*i.export.status)
                    && i.row.planned_invoice_date <= until
            })
            .map(|i| i.row.id)
            .collect();
        assert_eq!(
            shown(&store, &control),
            expected_control,
            "{text} on finance control"
        );
        // The export walks the same rows.
        let mut exported = BTreeSet::new();
        store
            .for_each_revenue_item_row_where(&filter, |r| {
                exported.insert(r.id);
                Ok(())
            })
            .unwrap();
        assert_eq!(exported, expected, "{text}: export");
    }
    // No filter at all: every item, and its totals from the projects' sums.
    assert_eq!(
        shown(&store, &ItemFilter::all()),
        all.iter().map(|i| i.row.id).collect::<BTreeSet<i64>>()
    );
    // Warnings are in the demo too: at least one kind shows rows.
    let warned = all
        .iter()
        .filter(|i| i.row.warning(today).is_some())
        .count();
    assert!(warned > 0);
}

#[test]
fn a_filter_that_does_not_read_is_refused_with_its_term() {
    let (_dir, _path, store) = demo_store_of(50, 1);
    let filter = ItemFilter {
        text: "north status:paid".into(),
        ..ItemFilter::all()
    };
    let err = store
        .item_rows(&filter, &Bound::Start, 10)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("status:paid") && err.contains("billable"),
        "{err}"
    );
    let err = store
        .invoice_rows(
            &InvoiceFilter {
                text: "rule:tm".into(),
            },
            &Bound::Start,
            10,
        )
        .unwrap_err()
        .to_string();
    assert!(err.contains("this list has no rule"), "{err}");
}

fn invoices(store: &Store) -> Vec<InvoiceRow> {
    let mut out = Vec::new();
    store
        .for_each_invoice_row(|r| {
            out.push(r);
            Ok(())
        })
        .unwrap();
    out
}

#[test]
fn invoice_terms_list_drafts_credit_notes_and_the_rest() {
    let (_dir, _path, store) = demo_store_of(600, 3);
    let all = invoices(&store);
    type Rule = Box<dyn Fn(&InvoiceRow) -> bool>;
    let net = |r: &InvoiceRow| r.net.parse::<Decimal>().unwrap();
    let cases: Vec<(&str, Rule)> = vec![
        (
            "status:draft",
            Box::new(|r: &InvoiceRow| r.status == "draft"),
        ),
        (
            "status:confirmed kind:invoice",
            Box::new(|r: &InvoiceRow| r.status == "confirmed" && r.kind == "invoice"),
        ),
        (
            "kind:credit",
            Box::new(|r: &InvoiceRow| r.kind == "credit_note"),
        ),
        (
            "currency:EUR",
            Box::new(|r: &InvoiceRow| r.currency == "EUR"),
        ),
        (
            "date:2026",
            Box::new(|r: &InvoiceRow| r.invoice_date.starts_with("2026")),
        ),
        (
            "amount:>5000",
            Box::new(move |r: &InvoiceRow| net(r) > Decimal::from(5000)),
        ),
    ];
    for (text, rule) in cases {
        let expected: BTreeSet<i64> = all.iter().filter(|r| rule(r)).map(|r| r.id).collect();
        assert!(!expected.is_empty(), "{text}: none in the demo");
        let filter = InvoiceFilter { text: text.into() };
        let rows: BTreeSet<i64> = store
            .invoice_rows(&filter, &Bound::Start, 100_000)
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(rows, expected, "{text}");
        let count: i64 = store
            .invoice_totals(&filter)
            .unwrap()
            .iter()
            .map(|t| t.count)
            .sum();
        assert_eq!(count as usize, expected.len(), "{text}: totals");
        let mut exported = BTreeSet::new();
        store
            .for_each_invoice_row_where(&filter, |r| {
                exported.insert(r.id);
                Ok(())
            })
            .unwrap();
        assert_eq!(exported, expected, "{text}: export");
    }
}
