//! The amount of a time-and-materials item is what it would invoice now, kept by the store in
//! the same transaction as every change to time, expenses, rates and the items themselves: the
//! lists, their footer totals and the forecast follow; a failed write changes none of them; a
//! row is never counted in two items; drafting invoices exactly what an item showed; an item
//! with nothing to collect shows 0 and is not drafted; what was typed is kept as an estimate.

use crate::support;

use finctl::domain::billing_rule::BillingRule;
use finctl::domain::revenue_status::RevenueStatus;
use finctl::store::Bound;
use finctl::store::item_list::ItemFilter;
use finctl::store::price_lists::PriceListInput;
use finctl::store::revenue_items::{ItemEdit, NewRevenueItem};
use finctl::store::{Store, StoreError};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use support::store::*;
use support::*;

/// The amount a list shows for an item.
fn amount(store: &Store, item: i64) -> Decimal {
    let i = store.revenue_item(item).unwrap();
    i.actual_amount.unwrap_or(i.planned_amount)
}

/// The EUR total of finance control up to the end of 2026 (the Company's items are in March).
fn control_total(store: &Store) -> Decimal {
    store
        .item_totals(&ItemFilter::finance_control(date(2026, 12, 31)))
        .unwrap()
        .iter()
        .find(|t| t.amount.currency.code() == "EUR")
        .map(|t| t.amount.amount)
        .unwrap_or_default()
}

/// The forecast table's EUR sum of P1 for March 2026 (open and billable items).
fn forecast_march(c: &Company) -> i64 {
    c.store
        .conn()
        .query_row(
            "SELECT coalesce(sum(amount_minor), 0) FROM forecast_months
             WHERE project_id = ?1 AND month = '2026-03'",
            [c.p1],
            |r| r.get(0),
        )
        .unwrap()
}

/// The last history row of an item: field, old, new, reason.
fn last_change(
    store: &Store,
    item: i64,
) -> (String, Option<String>, Option<String>, Option<String>) {
    let h = store.history_of("revenue_item", item).unwrap();
    let l = h.last().unwrap();
    (
        l.field.clone(),
        l.old.clone(),
        l.new.clone(),
        l.reason.clone(),
    )
}

/// A time-and-materials item of P1 planned for `day`, with `estimate` typed as its amount.
fn tm_item(c: &Company, name: &str, day: chrono::NaiveDate, estimate: &str) -> NewRevenueItem {
    let mut item = fixed_item(c.p1, name, estimate, "24", RevenueStatus::Billable);
    item.billing_rule = BillingRule::TimeAndMaterials;
    item.planned_invoice_date = day;
    item
}

/// Everything that follows an amount, read at once: the item's amount and version, the
/// finance control total and the forecast sum.
fn figures(c: &Company, item: i64) -> (Decimal, i64, Decimal, i64) {
    (
        amount(&c.store, item),
        version(&c.store, item),
        control_total(&c.store),
        forecast_march(c),
    )
}

#[test]
fn the_fixture_item_shows_what_it_collects_and_keeps_its_estimate() {
    let c = Company::new();
    let item = c.store.revenue_item(c.tm).unwrap();
    assert_eq!(item.planned_amount, d(TM_AMOUNT));
    assert_eq!(item.estimate, Some(d("0")), "what was typed");
    assert_eq!(item.collect_error, None);
    // Made before its time: priced again by each write that brought time or expenses, one
    // history row each, naming the cause.
    let h = c.store.history_of("revenue_item", c.tm).unwrap();
    let amounts: Vec<_> = h
        .iter()
        .filter(|r| r.field == "planned_amount")
        .map(|r| (r.old.clone().unwrap(), r.new.clone().unwrap(), r.version))
        .collect();
    assert_eq!(
        amounts,
        [
            ("0.00".to_string(), "1090.00".to_string(), 2),
            ("1090.00".to_string(), "1213.45".to_string(), 3)
        ]
    );
    let reason = h.last().unwrap().reason.clone().unwrap();
    assert!(reason.starts_with("expense "), "{reason}");
    assert_eq!(item.version, 3);
    c.assert_sound();
}

#[test]
fn time_reports_added_changed_and_deleted_move_the_amount_totals_and_forecast() {
    let mut c = Company::new();
    let (a0, v0, total0, forecast0) = figures(&c, c.tm);
    assert_eq!(a0, d(TM_AMOUNT));

    // 2 h of dev at 100 in the item's window.
    let ids = c
        .store
        .create_time_reports(&[time_report(
            c.p1,
            "ann",
            "dev",
            date(2026, 3, 20),
            "2",
            true,
        )])
        .unwrap();
    let report = ids[0];
    assert_eq!(
        figures(&c, c.tm),
        (a0 + d("200"), v0 + 1, total0 + d("200"), forecast0 + 20_000)
    );
    assert_eq!(
        last_change(&c.store, c.tm),
        (
            "planned_amount".into(),
            Some("1213.45".into()),
            Some("1413.45".into()),
            Some(format!("time report {report} added"))
        )
    );

    // 3 h instead.
    let mut input = c.store.time_report(report).unwrap().input();
    input.hours = d("3");
    let v = c.store.time_report(report).unwrap().version;
    c.store.update_time_report(report, v, &input, None).unwrap();
    assert_eq!(figures(&c, c.tm).0, a0 + d("300"));
    assert_eq!(
        last_change(&c.store, c.tm).3,
        Some(format!("time report {report} changed"))
    );

    // Dated after the item: it waits for a later item.
    input.work_date = date(2026, 4, 20);
    let v = c.store.time_report(report).unwrap().version;
    c.store.update_time_report(report, v, &input, None).unwrap();
    assert_eq!(figures(&c, c.tm).0, a0);

    // Back in, then not billable: nothing.
    input.work_date = date(2026, 3, 20);
    input.billable = false;
    let v = c.store.time_report(report).unwrap().version;
    c.store.update_time_report(report, v, &input, None).unwrap();
    assert_eq!(figures(&c, c.tm).0, a0);
    let before_delete = figures(&c, c.tm);
    let v = c.store.time_report(report).unwrap().version;
    c.store.delete_time_report(report, v, None).unwrap();
    assert_eq!(
        figures(&c, c.tm),
        before_delete,
        "a non-billable report changes nothing"
    );

    // A billable one deleted.
    let ids = c
        .store
        .create_time_reports(&[time_report(
            c.p1,
            "bob",
            "dev",
            date(2026, 3, 21),
            "1",
            true,
        )])
        .unwrap();
    assert_eq!(figures(&c, c.tm).0, a0 + d("110"));
    let v = c.store.time_report(ids[0]).unwrap().version;
    c.store.delete_time_report(ids[0], v, None).unwrap();
    let (a, _, total, forecast) = figures(&c, c.tm);
    assert_eq!((a, total, forecast), (a0, total0, forecast0));
    assert_eq!(
        last_change(&c.store, c.tm).3,
        Some(format!("time report {} deleted", ids[0]))
    );
    c.assert_sound();
}

#[test]
fn expenses_added_changed_and_deleted_move_the_amount() {
    let mut c = Company::new();
    let a0 = amount(&c.store, c.tm);
    let ids = c
        .store
        .create_expenses(&[expense(c.p1, date(2026, 3, 25), "Taxi", "45.50", true)])
        .unwrap();
    assert_eq!(amount(&c.store, c.tm), a0 + d("45.50"));
    assert_eq!(
        last_change(&c.store, c.tm).3,
        Some(format!("expense {} added", ids[0]))
    );
    let e = c.store.expense(ids[0]).unwrap();
    let mut input = e.input();
    input.amount = d("50");
    c.store
        .update_expense(ids[0], e.version, &input, None)
        .unwrap();
    assert_eq!(amount(&c.store, c.tm), a0 + d("50"));
    // Moved to P2, which has no time-and-materials item: it leaves P1's.
    let e = c.store.expense(ids[0]).unwrap();
    input.project_id = c.p2;
    c.store
        .update_expense(ids[0], e.version, &input, None)
        .unwrap();
    assert_eq!(amount(&c.store, c.tm), a0);
    let e = c.store.expense(ids[0]).unwrap();
    input.project_id = c.p1;
    c.store
        .update_expense(ids[0], e.version, &input, None)
        .unwrap();
    let e = c.store.expense(ids[0]).unwrap();
    c.store.delete_expense(ids[0], e.version, None).unwrap();
    assert_eq!(amount(&c.store, c.tm), a0);
    c.assert_sound();
}

#[test]
fn a_failed_write_leaves_amounts_totals_and_forecast_as_they_were() {
    let mut c = Company::new();
    let before = figures(&c, c.tm);
    let history = c.store.history_of("revenue_item", c.tm).unwrap().len();
    // The first report is fine and would add 200.00; the second is refused: nothing stays.
    let r = c.store.create_time_reports(&[
        time_report(c.p1, "ann", "dev", date(2026, 3, 20), "2", true),
        time_report(c.p1, "ann", "dev", date(2026, 3, 21), "25", true),
    ]);
    assert!(matches!(r, Err(StoreError::Invalid { .. })), "{r:?}");
    assert_eq!(figures(&c, c.tm), before);
    assert_eq!(
        c.store.history_of("revenue_item", c.tm).unwrap().len(),
        history
    );
    // The same for an expense in a currency's wrong decimals.
    let r = c.store.create_expenses(&[
        expense(c.p1, date(2026, 3, 20), "Taxi", "10", true),
        expense(c.p1, date(2026, 3, 20), "Taxi", "10.005", true),
    ]);
    assert!(r.is_err());
    assert_eq!(figures(&c, c.tm), before);
    c.assert_sound();
}

#[test]
fn rate_changes_on_the_price_list_or_the_project_price_the_time_again() {
    let mut c = Company::new();
    let a0 = amount(&c.store, c.tm);
    // dev 100 -> 150: ann's 7.5 h gain 375.00; bob keeps his own 110.
    let list = c.store.price_list(c.price_list).unwrap();
    let input = PriceListInput {
        rates: vec![
            rate("dev", None, "150"),
            rate("dev", Some("bob"), "110"),
            rate("pm", None, "120"),
        ],
        ..list.input()
    };
    c.store
        .update_price_list(c.price_list, list.version, &input, None)
        .unwrap();
    assert_eq!(amount(&c.store, c.tm), a0 + d("375"));
    assert_eq!(
        last_change(&c.store, c.tm).3,
        Some("price list \"Standard 2026\" rates changed".into())
    );
    // The project's own pm rate 90 -> 100: cat's 1.333333 h come to 133.33 instead of 120.00.
    let p = c.store.project(c.p1).unwrap();
    let mut input = p.input();
    input.rates = vec![rate("pm", None, "100")];
    c.store
        .update_project(c.p1, p.version, &input, None)
        .unwrap();
    assert_eq!(amount(&c.store, c.tm), a0 + d("375") + d("13.33"));
    assert_eq!(
        last_change(&c.store, c.tm).3,
        Some("project P1 rates changed".into())
    );
    // Without its price list, dev time has no rate: the item shows 0, says why, and drafting
    // skips it with that reason.
    let p = c.store.project(c.p1).unwrap();
    let mut input = p.input();
    input.price_list_id = None;
    c.store
        .update_project(c.p1, p.version, &input, None)
        .unwrap();
    let item = c.store.revenue_item(c.tm).unwrap();
    assert_eq!(item.planned_amount, d("0"));
    let why = item.collect_error.clone().unwrap();
    assert!(why.contains("no rate for role \"dev\""), "{why}");
    let made = c.store.make_drafts(&[c.tm], draft_day()).unwrap();
    assert!(made.invoices.is_empty());
    assert!(made.skipped[0].1.contains("no rate"), "{made:?}");
    // Its price list back: priced again, the reason gone.
    let p = c.store.project(c.p1).unwrap();
    input.price_list_id = Some(c.price_list);
    c.store
        .update_project(c.p1, p.version, &input, None)
        .unwrap();
    let item = c.store.revenue_item(c.tm).unwrap();
    assert_eq!(
        (item.planned_amount, item.collect_error),
        (a0 + d("388.33"), None)
    );
    c.assert_sound();
}

#[test]
fn an_item_unit_price_and_date_price_its_time_again() {
    let mut c = Company::new();
    let v = version(&c.store, c.tm);
    // 80 an hour for every report: (7.5 + 2 + 1.333333) h = 600 + 160 + 106.67, + 123.45.
    let edit = ItemEdit {
        unit_price: Some(Some(d("80"))),
        ..Default::default()
    };
    c.store.update_revenue_item(c.tm, v, &edit).unwrap();
    assert_eq!(amount(&c.store, c.tm), d("990.12"));
    assert_eq!(
        last_change(&c.store, c.tm).3,
        Some(format!("item {} unit price changed", c.tm))
    );
    // Planned later, it takes April's 4 h and the hotel too.
    let v = version(&c.store, c.tm);
    let edit = ItemEdit {
        planned_invoice_date: Some(date(2026, 4, 30)),
        ..Default::default()
    };
    c.store.update_revenue_item(c.tm, v, &edit).unwrap();
    assert_eq!(amount(&c.store, c.tm), d("990.12") + d("320") + d("200"));
    c.assert_sound();
}

#[test]
fn the_amount_typed_is_an_estimate_that_nothing_sums() {
    let mut c = Company::new();
    let total0 = control_total(&c.store);
    let forecast0 = forecast_march(&c);
    // A P2 item with a typed 5,000.00: P2's 5 h of dev (500.00) is what it shows and sums.
    let mut item = tm_item(&c, "P2 support", date(2026, 3, 31), "5000.00");
    item.project_id = c.p2;
    let id = c.store.create_revenue_items(&[item]).unwrap()[0];
    let stored = c.store.revenue_item(id).unwrap();
    assert_eq!(
        (stored.planned_amount, stored.estimate),
        (d("500.00"), Some(d("5000.00")))
    );
    assert_eq!(stored.version, 1, "priced as it was made");
    assert_eq!(control_total(&c.store), total0 + d("500.00"));
    assert_eq!(forecast_march(&c), forecast0, "P2's forecast is not P1's");
    // Editing the estimate changes the estimate only, with its own history row.
    let edit = ItemEdit {
        planned_amount: Some(d("6000")),
        ..Default::default()
    };
    c.store.update_revenue_item(id, 1, &edit).unwrap();
    let stored = c.store.revenue_item(id).unwrap();
    assert_eq!(
        (stored.planned_amount, stored.estimate),
        (d("500.00"), Some(d("6000")))
    );
    assert_eq!(
        last_change(&c.store, id),
        (
            "estimate".into(),
            Some("5000.00".into()),
            Some("6000.00".into()),
            None
        )
    );
    assert_eq!(control_total(&c.store), total0 + d("500.00"));
    c.assert_sound();
}

#[test]
fn two_items_on_one_project_never_count_a_row_twice() {
    let mut c = Company::new();
    let total0 = control_total(&c.store);
    // An earlier item takes the rows up to its date from the later one.
    let early = c
        .store
        .create_revenue_items(&[tm_item(&c, "Consulting mid-March", date(2026, 3, 3), "0")])
        .unwrap()[0];
    // ann 7.5 h dev (750.00) + bob 2 h (220.00); the March item keeps cat and the train.
    assert_eq!(amount(&c.store, early), d("970.00"));
    assert_eq!(amount(&c.store, c.tm), d("243.45"));
    assert_eq!(control_total(&c.store), total0, "the same rows, shared");
    assert_eq!(
        last_change(&c.store, c.tm).3,
        Some(format!("item {early} created"))
    );
    // Planned the same day as the March item: the first by id takes the day's rows.
    let same_day = c
        .store
        .create_revenue_items(&[tm_item(
            &c,
            "Consulting end of March",
            date(2026, 3, 31),
            "0",
        )])
        .unwrap()[0];
    assert_eq!(amount(&c.store, same_day), d("0"));
    assert_eq!(amount(&c.store, c.tm), d("243.45"));
    // Moving the early item to mid-March takes cat and the train too.
    let v = version(&c.store, early);
    let edit = ItemEdit {
        planned_invoice_date: Some(date(2026, 3, 15)),
        ..Default::default()
    };
    c.store.update_revenue_item(early, v, &edit).unwrap();
    assert_eq!(
        (amount(&c.store, early), amount(&c.store, c.tm)),
        (d(TM_AMOUNT), d("0"))
    );
    // Rejected, it collects nothing and the March item has its rows back.
    c.store
        .set_status(
            &[(early, version(&c.store, early))],
            RevenueStatus::Rejected,
        )
        .unwrap();
    assert_eq!(
        (amount(&c.store, early), amount(&c.store, c.tm)),
        (d("0"), d(TM_AMOUNT))
    );
    // Open again, it takes them again; drafting all three invoices each row once.
    c.store
        .set_status(
            &[(early, version(&c.store, early))],
            RevenueStatus::Billable,
        )
        .unwrap();
    let shown: Decimal = [early, c.tm, same_day]
        .iter()
        .map(|i| amount(&c.store, *i))
        .sum();
    assert_eq!(shown, d(TM_AMOUNT));
    let preview = c.store.draft_preview(&[early, c.tm, same_day]).unwrap();
    assert_eq!(preview.totals[0].amount.amount, d(TM_AMOUNT));
    let made = c
        .store
        .make_drafts(&[early, c.tm, same_day], draft_day())
        .unwrap();
    let inv = c.store.invoice(made.invoices[0]).unwrap();
    assert_eq!(inv.net, d(TM_AMOUNT));
    assert_eq!(inv.lines.len(), 1);
    assert_eq!(made.skipped.len(), 2, "{made:?}");
    for (id, why) in &made.skipped {
        assert_eq!(
            why,
            &format!(
                "item {id}: nothing to collect (no uncollected billable time or expenses up to 2026-03-31 that an earlier item does not collect)"
            )
        );
    }
    c.assert_sound();
}

#[test]
fn collected_rows_never_change_the_invoiced_item() {
    let mut c = Company::new();
    let made = c.store.make_drafts(&[c.tm], draft_day()).unwrap();
    let invoice = made.invoices[0];
    assert_eq!(c.store.invoice(invoice).unwrap().net, d(TM_AMOUNT));
    let drafted = c.store.revenue_item(c.tm).unwrap();
    assert_eq!(drafted.actual_amount, Some(d(TM_AMOUNT)));
    // A late report dated in its window, and a rate change: the drafted item stays.
    c.store
        .create_time_reports(&[time_report(
            c.p1,
            "ann",
            "dev",
            date(2026, 3, 20),
            "1",
            true,
        )])
        .unwrap();
    let list = c.store.price_list(c.price_list).unwrap();
    let input = PriceListInput {
        rates: vec![rate("dev", None, "500")],
        ..list.input()
    };
    c.store
        .update_price_list(c.price_list, list.version, &input, None)
        .unwrap();
    assert_eq!(c.store.revenue_item(c.tm).unwrap(), drafted);
    // A collected report is not changed.
    let collected: i64 = count(
        &c.store,
        "SELECT min(id) FROM time_reports WHERE revenue_item_id = ?1",
        c.tm,
    );
    let t = c.store.time_report(collected).unwrap();
    let mut input = t.input();
    input.hours = d("9");
    assert!(
        c.store
            .update_time_report(collected, t.version, &input, None)
            .is_err()
    );
    // The late report goes to the next item that collects.
    let later = c
        .store
        .create_revenue_items(&[tm_item(&c, "Consulting April", date(2026, 4, 30), "0")])
        .unwrap()[0];
    // 1 h at 500, April's 4 h at 500 and the hotel.
    assert_eq!(amount(&c.store, later), d("500") + d("2000") + d("200"));
    // The draft deleted, the March item takes its rows back, priced at today's rates; the
    // April item keeps April's.
    let v = c.store.invoice(invoice).unwrap().version;
    c.store.delete_draft(invoice, v).unwrap();
    // 7.5 + 1 h of ann and bob's 2 h at 500 (the list has no rate of his own any more), cat
    // at the project's 90 (120.00), the train.
    assert_eq!(
        amount(&c.store, c.tm),
        d("4250") + d("1000") + d("120") + d("123.45")
    );
    assert_eq!(amount(&c.store, later), d("2200"));
    assert_eq!(
        last_change(&c.store, c.tm).3,
        Some(format!("draft invoice {invoice} deleted"))
    );
    c.assert_sound();
}

#[test]
fn nothing_to_collect_shows_zero_and_is_not_drafted() {
    let mut c = Company::new();
    let id = c
        .store
        .create_revenue_items(&[tm_item(&c, "Consulting January", date(2026, 1, 31), "900")])
        .unwrap()[0];
    let item = c.store.revenue_item(id).unwrap();
    assert_eq!(
        (item.planned_amount, item.estimate, item.collect_error),
        (d("0"), Some(d("900")), None)
    );
    let row = c
        .store
        .item_rows(&ItemFilter::all(), &Bound::Start, 100)
        .unwrap()
        .into_iter()
        .find(|r| r.id == id)
        .unwrap();
    assert_eq!(row.amount.amount, d("0"));
    let preview = c.store.draft_preview(&[id]).unwrap();
    assert_eq!((preview.drafts, preview.items), (0, 0));
    let made = c.store.make_drafts(&[id], draft_day()).unwrap();
    assert!(made.invoices.is_empty());
    assert!(made.skipped[0].1.contains("nothing to collect"), "{made:?}");
    assert_eq!(preview.skipped, made.skipped);
    c.assert_sound();
}

#[test]
fn every_collecting_item_drafts_what_it_shows() {
    // Items on P1 at several dates, some open, time on many days: whatever is drafted, each
    // line is the amount its item showed, and nothing is collected twice.
    let mut c = Company::new();
    let reports: Vec<_> = (1..=28)
        .map(|day| time_report(c.p1, "ann", "dev", date(2026, 2, day), "1.25", day % 5 != 0))
        .collect();
    c.store.create_time_reports(&reports).unwrap();
    let mut items = Vec::new();
    for (k, day) in [3, 9, 9, 14, 27].into_iter().enumerate() {
        let mut item = tm_item(&c, &format!("February {k}"), date(2026, 2, day), "0");
        if k == 3 {
            item.status = RevenueStatus::Open;
        }
        items.push(item);
    }
    let ids = c.store.create_revenue_items(&items).unwrap();
    let shown: BTreeMap<i64, Decimal> = ids.iter().map(|i| (*i, amount(&c.store, *i))).collect();
    // Each weekday's 1.25 h at 100 = 125.00, days 5, 10, ... not billable.
    let billable_upto = |day: u32| (1..=day).filter(|d| d % 5 != 0).count() as i64;
    assert_eq!(
        shown.values().copied().sum::<Decimal>(),
        Decimal::from(billable_upto(27) * 125)
    );
    let made = c.store.make_drafts(&ids, draft_day()).unwrap();
    for inv in &made.invoices {
        for line in c.store.invoice(*inv).unwrap().lines {
            let item = line.revenue_item_id.unwrap();
            assert_eq!(line.net, shown[&item], "item {item}");
        }
    }
    let skipped: Vec<i64> = made.skipped.iter().map(|s| s.0).collect();
    for (id, a) in &shown {
        let open = c.store.revenue_item(*id).unwrap().status == RevenueStatus::Open;
        assert_eq!(skipped.contains(id), a.is_zero() || open, "item {id}");
    }
    // The open item still shows what it showed.
    assert_eq!(amount(&c.store, ids[3]), shown[&ids[3]]);
    c.assert_sound();
}

#[test]
fn the_demo_finance_control_tm_rows_total_what_their_drafts_invoice() {
    let (_dir, _path, mut store) = demo_store_of(600, 1);
    let filter = ItemFilter::finance_control(today() + chrono::Days::new(30));
    let rows = store.item_rows(&filter, &Bound::Start, 10_000).unwrap();
    let tm: Vec<_> = rows
        .iter()
        .filter(|r| r.billing_rule == BillingRule::TimeAndMaterials)
        .collect();
    let mut shown: BTreeMap<String, Decimal> = BTreeMap::new();
    for r in &tm {
        *shown
            .entry(r.amount.currency.code().to_string())
            .or_default() += r.amount.amount;
    }
    let billable: Vec<i64> = tm
        .iter()
        .filter(|r| r.status == RevenueStatus::Billable)
        .map(|r| r.id)
        .collect();
    let on_drafts: BTreeMap<String, Decimal> = tm
        .iter()
        .filter(|r| r.status != RevenueStatus::Billable)
        .fold(BTreeMap::new(), |mut m, r| {
            *m.entry(r.amount.currency.code().to_string()).or_default() += r.amount.amount;
            m
        });
    let nothing = tm.iter().filter(|r| r.amount.amount.is_zero()).count();
    let preview = store.draft_preview(&billable).unwrap();
    let made = store.make_drafts(&billable, today()).unwrap();
    let mut invoiced = on_drafts.clone();
    for inv in &made.invoices {
        let inv = store.invoice(*inv).unwrap();
        *invoiced.entry(inv.currency.code().to_string()).or_default() += inv.net;
    }
    let mut previewed = on_drafts;
    for t in &preview.totals {
        *previewed
            .entry(t.amount.currency.code().to_string())
            .or_default() += t.amount.amount;
    }
    println!(
        "demo 600/1: {} T&M rows in finance control, shown {shown:?}, drafts invoice {invoiced:?}, {nothing} nothing to collect",
        tm.len()
    );
    assert_eq!(invoiced, shown);
    assert_eq!(previewed, shown);
    assert_eq!(made.skipped.len(), nothing, "{:?}", made.skipped);
    assert!(store.verify().unwrap().is_empty());
}

#[test]
fn deleting_an_item_or_billing_it_again_after_a_full_credit_gives_its_rows_back() {
    let mut c = Company::new();
    let early = c
        .store
        .create_revenue_items(&[tm_item(&c, "Consulting early March", date(2026, 3, 3), "0")])
        .unwrap()[0];
    assert_eq!(amount(&c.store, c.tm), d("243.45"));
    c.store
        .delete_revenue_item(early, version(&c.store, early))
        .unwrap();
    assert_eq!(amount(&c.store, c.tm), d(TM_AMOUNT));
    assert_eq!(
        last_change(&c.store, c.tm).3,
        Some(format!("item {early} deleted"))
    );
    // Invoiced, credited in full, billable again: it collects its window anew.
    // Invoiced, a new dev rate leaves it as it is.
    let (acme, _) = c.confirmed_invoices();
    let list = c.store.price_list(c.price_list).unwrap();
    let mut input = list.input();
    input.rates[0] = rate("dev", None, "200");
    c.store
        .update_price_list(c.price_list, list.version, &input, None)
        .unwrap();
    let invoiced = c.store.revenue_item(c.tm).unwrap();
    assert_eq!(invoiced.actual_amount, Some(d(TM_AMOUNT)));
    // Credited in full and billable again, it collects its window anew, at today's rates:
    // ann's 7.5 h at 200.
    let note = c
        .store
        .create_credit_note(acme, None, confirm_day())
        .unwrap();
    c.store.confirm(note, confirm_day()).unwrap();
    c.store
        .set_status(&[(c.tm, version(&c.store, c.tm))], RevenueStatus::Billable)
        .unwrap();
    let item = c.store.revenue_item(c.tm).unwrap();
    assert_eq!(
        (item.status, item.actual_amount, item.planned_amount),
        (RevenueStatus::Billable, None, d(TM_AMOUNT) + d("750"))
    );
    assert_eq!(
        last_change(&c.store, c.tm).3,
        Some(format!("item {} set billable", c.tm))
    );
    c.assert_sound();
}
