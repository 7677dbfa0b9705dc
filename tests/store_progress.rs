//! Progress billing in the store: periods refreshed from the project's progress, edited,
//! validated into billable items, unvalidated from the last upwards, deleted; the line's
//! scheduled items always total the line; invoiced periods are locked.

use crate::support;

use chrono::NaiveDate;
use finctl::domain::invoicing_term::Term;
use finctl::domain::progress::BilledField;
use finctl::domain::progress_state::ProgressState;
use finctl::domain::revenue_status::RevenueStatus;
use finctl::store::progress::{NewContractLine, ProgressEdit};
use rust_decimal::Decimal;
use support::store::*;
use support::*;

fn day(m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, dd).unwrap()
}

fn set_progress(c: &Company, percent: i64) {
    // The project's estimated progress (its form comes with the progress screen).
    c.store
        .conn()
        .execute(
            "UPDATE projects SET estimated_progress_micros = ?1 WHERE id = ?2",
            rusqlite::params![percent * 1_000_000, c.p1],
        )
        .unwrap();
}

/// What the line's scheduled items add up to: validated periods' items plus the forecast.
fn scheduled(c: &Company, line_id: i64) -> Decimal {
    let line = c.store.contract_line(line_id).unwrap();
    let mut sum = Decimal::ZERO;
    for s in c.store.progress_statuses(line_id).unwrap() {
        if let Some(item) = s.revenue_item_id {
            sum += c.store.revenue_item(item).unwrap().planned_amount;
        }
    }
    if let Some(f) = line.forecast_item_id {
        sum += c.store.revenue_item(f).unwrap().planned_amount;
    }
    sum
}

fn new_line(c: &mut Company) -> i64 {
    c.store
        .create_contract_line(&NewContractLine {
            project_id: c.p1,
            milestone_id: None,
            description: "Implementation".into(),
            quantity: d("120"),
            unit_price: d("850"),
            invoicing_term: Term::Monthly,
            vat_rate: d("24"),
            first_period_start: day(1, 1),
        })
        .unwrap()
}

fn validate_at(c: &mut Company, line: i64, percent: i64) -> i64 {
    let id = c.store.add_progress_status(line, day(1, 1)).unwrap();
    set_progress(c, percent);
    let v = |c: &Company| {
        c.store
            .progress_statuses(line)
            .unwrap()
            .into_iter()
            .find(|s| s.id == id)
            .unwrap()
            .version
    };
    c.store.refresh_progress(id, v(c)).unwrap();
    c.store.validate_progress(id, v(c)).unwrap();
    id
}

#[test]
fn three_periods_validated_then_undone_from_the_last() {
    let mut c = Company::new();
    let line = new_line(&mut c);
    assert_eq!(c.store.contract_line(line).unwrap().total, d("102000.00"));
    assert_eq!(scheduled(&c, line), d("102000.00"));
    let p1 = validate_at(&mut c, line, 25);
    let p2 = validate_at(&mut c, line, 60);
    let p3 = validate_at(&mut c, line, 80);
    let statuses = c.store.progress_statuses(line).unwrap();
    let amounts: Vec<Decimal> = statuses.iter().map(|s| s.billed.amount).collect();
    assert_eq!(amounts, [d("25500.00"), d("35700.00"), d("20400.00")]);
    assert_eq!(
        statuses[1].period_start,
        day(2, 1),
        "periods follow each other"
    );
    assert_eq!(scheduled(&c, line), d("102000.00"));
    let item = c
        .store
        .revenue_item(statuses[0].revenue_item_id.unwrap())
        .unwrap();
    assert_eq!(item.status, RevenueStatus::Billable);
    assert_eq!(item.planned_amount, d("25500.00"));

    // The middle one is refused, naming the rule.
    let v2 = statuses[1].version;
    let err = c.store.unvalidate_progress(p2, v2).unwrap_err();
    assert!(
        err.to_string().contains("the next period is validated"),
        "{err}"
    );
    // The last one goes back to pending, its item disappears, the forecast takes it back.
    c.store
        .unvalidate_progress(p3, statuses[2].version)
        .unwrap();
    assert_eq!(scheduled(&c, line), d("102000.00"));
    let statuses = c.store.progress_statuses(line).unwrap();
    assert_eq!(statuses[2].state, ProgressState::Pending);
    // A pending period that is not the last cannot be deleted; the last can.
    c.store
        .delete_progress_status(p3, statuses[2].version)
        .unwrap();
    assert_eq!(c.store.progress_statuses(line).unwrap().len(), 2);
    let err = c
        .store
        .delete_progress_status(p1, statuses[0].version)
        .unwrap_err();
    assert!(err.to_string().contains("only the last period"), "{err}");
    assert!(
        c.store.verify().unwrap().is_empty(),
        "{:?}",
        c.store.verify().unwrap()
    );
}

#[test]
fn editing_one_billed_figure_derives_the_others_and_100_percent_closes_the_forecast() {
    let mut c = Company::new();
    let line = new_line(&mut c);
    validate_at(&mut c, line, 25);
    let id = c.store.add_progress_status(line, day(1, 1)).unwrap();
    let version = |c: &Company| {
        c.store
            .progress_statuses(line)
            .unwrap()
            .last()
            .unwrap()
            .version
    };
    let edit = |f| ProgressEdit {
        billed: Some(f),
        ..ProgressEdit::default()
    };
    c.store
        .edit_progress(id, version(&c), &edit(BilledField::Quantity(d("90"))))
        .unwrap();
    let s = c.store.progress_statuses(line).unwrap().pop().unwrap();
    assert_eq!(
        (s.billed.percent, s.billed.quantity, s.billed.amount),
        (d("75"), d("90"), d("76500.00"))
    );
    // More than the line is refused.
    let err = c
        .store
        .edit_progress(id, version(&c), &edit(BilledField::Percent(d("80"))))
        .unwrap_err();
    assert!(err.to_string().contains("at most 100%"), "{err}");
    c.store.validate_progress(id, version(&c)).unwrap();
    // Everything validated: no forecast left, the items total the line exactly.
    assert_eq!(c.store.contract_line(line).unwrap().forecast_item_id, None);
    assert_eq!(scheduled(&c, line), d("102000.00"));
    // A period with nothing to bill cannot be validated.
    let id = c.store.add_progress_status(line, day(1, 1)).unwrap();
    let err = c.store.validate_progress(id, version(&c)).unwrap_err();
    assert!(err.to_string().contains("not above zero"), "{err}");
    assert!(c.store.verify().unwrap().is_empty());
}

#[test]
fn an_invoiced_period_is_locked_and_the_forecast_is_not_billable_by_hand() {
    let mut c = Company::new();
    let line = new_line(&mut c);
    let p1 = validate_at(&mut c, line, 50);
    let s = c.store.progress_statuses(line).unwrap().remove(0);
    let item = s.revenue_item_id.unwrap();
    let made = c.store.make_drafts(&[item], day(3, 1)).unwrap();
    assert_eq!(made.invoices.len(), 1, "{:?}", made.skipped);
    let s = c.store.progress_statuses(line).unwrap().remove(0);
    assert_eq!(s.state, ProgressState::Invoiced);
    let err = c.store.unvalidate_progress(p1, s.version).unwrap_err();
    assert!(err.to_string().contains("locked"), "{err}");
    let forecast = c
        .store
        .contract_line(line)
        .unwrap()
        .forecast_item_id
        .unwrap();
    let v = c.store.revenue_item(forecast).unwrap().version;
    let change = c
        .store
        .set_status(&[(forecast, v)], RevenueStatus::Billable)
        .unwrap();
    assert!(
        change.refused[0].1.contains("forecast of a contract line"),
        "{change:?}"
    );
    assert!(c.store.verify().unwrap().is_empty());
}

fn milestone_version(c: &Company, id: i64) -> i64 {
    c.store
        .conn()
        .query_row("SELECT version FROM milestones WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap()
}

#[test]
fn reaching_a_milestone_releases_its_item_and_reopening_takes_it_back() {
    let mut c = Company::new();
    // m2 is not reached: its item waits, open.
    let preview = c.store.milestone_effects(c.m2, true).unwrap();
    assert_eq!(preview.len(), 1);
    assert_eq!(preview[0].to, Some(RevenueStatus::Billable));
    let done = c
        .store
        .set_milestone_reached(c.m2, milestone_version(&c, c.m2), true)
        .unwrap();
    assert_eq!(done, preview);
    assert_eq!(
        c.store.revenue_item(c.waiting_item).unwrap().status,
        RevenueStatus::Billable
    );
    let history = c.store.history_of("revenue_item", c.waiting_item).unwrap();
    assert!(
        history
            .iter()
            .any(|h| h.field == "status" && h.reason.as_deref() == Some("milestone"))
    );
    // m1's item gets invoiced; reopening m1 keeps it and says why.
    c.store.make_drafts(&[c.milestone_item], day(3, 1)).unwrap();
    let done = c
        .store
        .set_milestone_reached(c.m1, milestone_version(&c, c.m1), false)
        .unwrap();
    assert!(
        done[0].kept.as_deref().unwrap().contains("draft invoice"),
        "{done:?}"
    );
    assert_eq!(
        c.store.revenue_item(c.milestone_item).unwrap().status,
        RevenueStatus::DraftInvoice
    );
    // Reopening m2 takes its billable item back.
    c.store
        .set_milestone_reached(c.m2, milestone_version(&c, c.m2), false)
        .unwrap();
    assert_eq!(
        c.store.revenue_item(c.waiting_item).unwrap().status,
        RevenueStatus::Open
    );
    let err = c
        .store
        .set_milestone_reached(c.m2, milestone_version(&c, c.m2), false)
        .unwrap_err();
    assert!(err.to_string().contains("not reached"), "{err}");
    assert!(c.store.verify().unwrap().is_empty());
}

#[test]
fn changing_the_line_flags_pending_periods_and_moves_the_forecast() {
    let mut c = Company::new();
    let line = new_line(&mut c);
    validate_at(&mut c, line, 50);
    let pending = c.store.add_progress_status(line, day(1, 1)).unwrap();
    let v = c.store.contract_line(line).unwrap().version;
    // Below what is validated (51,000.00) is refused.
    let err = c
        .store
        .update_contract_line(line, v, d("50"), d("850"))
        .unwrap_err();
    assert!(err.to_string().contains("cannot go below"), "{err}");
    c.store
        .update_contract_line(line, v, d("150"), d("850"))
        .unwrap();
    let l = c.store.contract_line(line).unwrap();
    assert_eq!(l.total, d("127500.00"));
    assert_eq!(scheduled(&c, line), d("127500.00"));
    let s = c.store.progress_statuses(line).unwrap().pop().unwrap();
    assert_eq!(s.id, pending);
    assert!(s.refresh_requested);
    // Refreshing clears the flag; progress is set through the store with history.
    let pv: i64 = c
        .store
        .conn()
        .query_row("SELECT version FROM projects WHERE id = ?1", [c.p1], |r| {
            r.get(0)
        })
        .unwrap();
    c.store.set_project_progress(c.p1, pv, d("70")).unwrap();
    c.store.refresh_progress(pending, s.version).unwrap();
    let s = c.store.progress_statuses(line).unwrap().pop().unwrap();
    assert!(!s.refresh_requested);
    assert_eq!(
        s.billed.amount,
        d("38250.00"),
        "70% of 127,500 less the 51,000 billed"
    );
    assert!(c.store.verify().unwrap().is_empty());
}

#[test]
fn verify_finds_a_line_whose_items_no_longer_total_it() {
    let mut c = Company::new();
    let line = new_line(&mut c);
    validate_at(&mut c, line, 30);
    assert!(c.store.verify().unwrap().is_empty());
    let forecast = c
        .store
        .contract_line(line)
        .unwrap()
        .forecast_item_id
        .unwrap();
    c.store
        .conn()
        .execute(
            "UPDATE revenue_items SET planned_amount_minor = planned_amount_minor + 1 WHERE id = ?1",
            [forecast],
        )
        .unwrap();
    let found = c.store.verify().unwrap();
    assert!(
        found
            .iter()
            .any(|v| v.check == "progress" && v.message.contains(&format!("contract line {line}"))),
        "{found:?}"
    );
}

mod random_sequences {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Op {
        Add,
        Progress(u8),
        Refresh,
        EditPercent(u32),
        EditAmount(u32),
        Validate,
        UnvalidateLast,
        DeleteLast,
        ChangeQuantity(u16),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            Just(Op::Add),
            (0u8..=110).prop_map(Op::Progress),
            Just(Op::Refresh),
            (0u32..=60_000_000).prop_map(Op::EditPercent),
            (0u32..=5_000_000).prop_map(Op::EditAmount),
            Just(Op::Validate),
            Just(Op::UnvalidateLast),
            Just(Op::DeleteLast),
            (1u16..400).prop_map(Op::ChangeQuantity),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        /// Whatever a user does through the store, refused or not, the database stays sound:
        /// `verify` finds nothing (the line's scheduled items total it, periods balance, one
        /// pending per line, every change has its history row).
        #[test]
        fn the_store_keeps_progress_billing_sound(ops in prop::collection::vec(op(), 1..30)) {
            let mut c = Company::new();
            let line = new_line(&mut c);
            for op in ops {
                let statuses = c.store.progress_statuses(line).unwrap();
                let last = statuses.last().cloned();
                let pending = statuses.iter().find(|s| s.state == ProgressState::Pending).cloned();
                let _ = match op {
                    Op::Add => c.store.add_progress_status(line, day(1, 1)).map(|_| ()),
                    Op::Progress(p) => {
                        let v = c.store.project_version(c.p1).unwrap();
                        c.store.set_project_progress(c.p1, v, Decimal::from(p))
                    }
                    Op::Refresh => match &pending {
                        Some(s) => c.store.refresh_progress(s.id, s.version),
                        None => Ok(()),
                    },
                    Op::EditPercent(p) => match &pending {
                        Some(s) => c.store.edit_progress(s.id, s.version, &ProgressEdit {
                            billed: Some(BilledField::Percent(Decimal::new(p as i64, 6))),
                            ..ProgressEdit::default()
                        }),
                        None => Ok(()),
                    },
                    Op::EditAmount(a) => match &pending {
                        Some(s) => c.store.edit_progress(s.id, s.version, &ProgressEdit {
                            billed: Some(BilledField::Amount(Decimal::new(a as i64, 2))),
                            ..ProgressEdit::default()
                        }),
                        None => Ok(()),
                    },
                    Op::Validate => match &pending {
                        Some(s) => c.store.validate_progress(s.id, s.version).map(|_| ()),
                        None => Ok(()),
                    },
                    Op::UnvalidateLast => match statuses.iter().rev().find(|s| s.state != ProgressState::Pending) {
                        Some(s) => c.store.unvalidate_progress(s.id, s.version),
                        None => Ok(()),
                    },
                    Op::DeleteLast => match &last {
                        Some(s) => c.store.delete_progress_status(s.id, s.version),
                        None => Ok(()),
                    },
                    Op::ChangeQuantity(q) => {
                        let l = c.store.contract_line(line).unwrap();
                        c.store.update_contract_line(line, l.version, Decimal::from(q), l.unit_price)
                    }
                };
                let found = c.store.verify().unwrap();
                prop_assert!(found.is_empty(), "{found:?}");
                let total = c.store.contract_line(line).unwrap().total;
                prop_assert_eq!(scheduled(&c, line), total);
            }
        }
    }
}

/// Regression: a 16-digit quantity times a 15-digit price went past what a decimal holds and
/// panicked while the line's total was computed, on creation and on change alike.
#[test]
fn a_line_too_large_to_total_is_refused_not_a_panic() {
    let mut c = Company::new();
    let huge = NewContractLine {
        project_id: c.p1,
        milestone_id: None,
        description: "Everything".into(),
        quantity: d("1000000000000000"),
        unit_price: d("100000000000000"),
        invoicing_term: Term::Monthly,
        vat_rate: d("24"),
        first_period_start: day(1, 1),
    };
    let err = refused(c.store.create_contract_line(&huge));
    assert!(err.contains("too large"), "{err}");
    let line = new_line(&mut c);
    let before = c.store.contract_line(line).unwrap();
    let err = refused(c.store.update_contract_line(
        line,
        before.version,
        d("1000000000000000"),
        d("100000000000000"),
    ));
    assert!(err.contains("too large"), "{err}");
    // Each figure within its limit, but a total past any amount: refused as well.
    let err = refused(c.store.update_contract_line(
        line,
        before.version,
        d("999999999999"),
        d("999999999999"),
    ));
    assert!(err.contains("too large"), "{err}");
    assert_eq!(c.store.contract_line(line).unwrap(), before);
    c.assert_sound();
}

/// Regression: a 29-digit amount typed into the pending period after a validated one
/// overflowed when added to what was billed before.
#[test]
fn a_billed_figure_past_any_amount_is_refused_not_a_panic() {
    let mut c = Company::new();
    let line = new_line(&mut c);
    validate_at(&mut c, line, 25);
    let id = c.store.add_progress_status(line, day(1, 1)).unwrap();
    let version = c
        .store
        .progress_statuses(line)
        .unwrap()
        .pop()
        .unwrap()
        .version;
    for (billed, rule) in [
        (
            BilledField::Amount(d("79228162514264337593543950335")),
            "more than the line's total",
        ),
        (
            BilledField::Percent(d("79228162514264337593543950335")),
            "at most 100%",
        ),
        (
            BilledField::Quantity(d("79228162514264337593543950335")),
            "at most 100%",
        ),
    ] {
        let edit = ProgressEdit {
            billed: Some(billed),
            ..ProgressEdit::default()
        };
        let err = refused(c.store.edit_progress(id, version, &edit));
        assert!(err.contains(rule), "{err}");
    }
    c.assert_sound();
}

#[test]
fn a_line_validated_to_100_percent_keeps_its_quantity_and_price() {
    let mut c = Company::new();
    let line = new_line(&mut c);
    let locked = "the line's validated periods bill 100 %: its quantity and unit price are locked";
    // Below 100 % the line changes (its total not below what is validated).
    validate_at(&mut c, line, 40);
    let v = c.store.contract_line(line).unwrap().version;
    c.store
        .update_contract_line(line, v, d("130"), d("850"))
        .unwrap();
    let last = validate_at(&mut c, line, 100);
    let l = c.store.contract_line(line).unwrap();
    assert_eq!(l.forecast_item_id, None, "everything is validated");
    // At 100 %: neither the quantity nor the price, nor both, and not even the same figures.
    for (q, p) in [("140", "850"), ("130", "900"), ("1", "1"), ("130", "850")] {
        assert_eq!(
            refused(c.store.update_contract_line(line, l.version, d(q), d(p))),
            locked,
            "{q} x {p}"
        );
    }
    let after = c.store.contract_line(line).unwrap();
    assert_eq!(after, l, "nothing changed");
    assert_eq!(scheduled(&c, line), d("110500.00"));
    // Once its last period is unvalidated (its item on no invoice), the line changes again.
    let s = c.store.progress_statuses(line).unwrap().pop().unwrap();
    assert_eq!(s.id, last);
    c.store.unvalidate_progress(last, s.version).unwrap();
    let v = c.store.contract_line(line).unwrap().version;
    c.store
        .update_contract_line(line, v, d("140"), d("850"))
        .unwrap();
    assert_eq!(c.store.contract_line(line).unwrap().total, d("119000.00"));
    assert_eq!(scheduled(&c, line), d("119000.00"));
    c.assert_sound();
}

/// A line of P1 tied to `milestone`, 10 units at 1,000.00.
fn milestone_line(c: &mut Company, milestone: i64) -> i64 {
    c.store
        .create_contract_line(&NewContractLine {
            project_id: c.p1,
            milestone_id: Some(milestone),
            description: "Acceptance testing".into(),
            quantity: d("10"),
            unit_price: d("1000"),
            invoicing_term: Term::Monthly,
            vat_rate: d("24"),
            first_period_start: day(1, 1),
        })
        .unwrap()
}

/// Sets the milestone's progress and validates the line's next period at it: its item.
fn validate_milestone_line(c: &mut Company, line: i64, milestone: i64, percent: i64) -> i64 {
    let v = milestone_version(c, milestone);
    c.store
        .set_milestone_progress(milestone, v, Decimal::from(percent))
        .unwrap();
    let id = c.store.add_progress_status(line, day(1, 1)).unwrap();
    let v = |c: &Company| {
        c.store
            .progress_statuses(line)
            .unwrap()
            .into_iter()
            .find(|s| s.id == id)
            .unwrap()
            .version
    };
    c.store.refresh_progress(id, v(c)).unwrap();
    c.store.validate_progress(id, v(c)).unwrap()
}

#[test]
fn the_items_of_a_milestone_line_wait_for_the_milestone() {
    let mut c = Company::new();
    // m2 is not reached: the validated period's item waits for it, open, as milestone items do.
    let m2 = c.m2;
    let line = milestone_line(&mut c, m2);
    let item = validate_milestone_line(&mut c, line, m2, 30);
    let it = c.store.revenue_item(item).unwrap();
    assert_eq!(it.status, RevenueStatus::Open);
    assert_eq!(it.milestone_id, Some(c.m2));
    assert_eq!(it.planned_amount, d("3000.00"));
    // Not billable by hand, not drafted, and not in finance control.
    let change = c
        .store
        .set_status(&[(item, it.version)], RevenueStatus::Billable)
        .unwrap();
    assert!(
        change.refused[0].1.contains("waits for its milestone"),
        "{change:?}"
    );
    let made = c.store.make_drafts(&[item], day(3, 1)).unwrap();
    assert!(made.invoices.is_empty(), "{made:?}");
    // The forecast of the rest does not wait for the milestone: it is no billable part.
    let forecast = c
        .store
        .contract_line(line)
        .unwrap()
        .forecast_item_id
        .unwrap();
    assert_eq!(c.store.revenue_item(forecast).unwrap().milestone_id, None);

    // Reaching m2 releases the period's item (and its own fixed item), not the forecast.
    let effects = c.store.milestone_effects(c.m2, true).unwrap();
    let mut released: Vec<i64> = effects
        .iter()
        .filter(|e| e.to == Some(RevenueStatus::Billable))
        .map(|e| e.item_id)
        .collect();
    released.sort();
    assert_eq!(released, vec![c.waiting_item, item]);
    c.store
        .set_milestone_reached(c.m2, milestone_version(&c, c.m2), true)
        .unwrap();
    assert_eq!(
        c.store.revenue_item(item).unwrap().status,
        RevenueStatus::Billable
    );
    assert_eq!(
        c.store.revenue_item(forecast).unwrap().status,
        RevenueStatus::Open
    );
    // A period validated once the milestone is reached is billable at once.
    let next = validate_milestone_line(&mut c, line, m2, 60);
    assert_eq!(
        c.store.revenue_item(next).unwrap().status,
        RevenueStatus::Billable
    );
    // Reopening takes both back to open; unvalidating the last still works.
    c.store
        .set_milestone_reached(c.m2, milestone_version(&c, c.m2), false)
        .unwrap();
    for id in [item, next] {
        assert_eq!(
            c.store.revenue_item(id).unwrap().status,
            RevenueStatus::Open
        );
    }
    let s = c.store.progress_statuses(line).unwrap().pop().unwrap();
    c.store.unvalidate_progress(s.id, s.version).unwrap();
    assert_eq!(scheduled(&c, line), d("10000.00"));
    c.assert_sound();
}

#[test]
fn a_line_of_a_reached_milestone_bills_at_once() {
    let mut c = Company::new();
    // m1 is reached: nothing to wait for.
    let m1 = c.m1;
    let line = milestone_line(&mut c, m1);
    let item = validate_milestone_line(&mut c, line, m1, 50);
    let it = c.store.revenue_item(item).unwrap();
    assert_eq!(it.status, RevenueStatus::Billable);
    assert_eq!(it.milestone_id, Some(c.m1));
    let made = c.store.make_drafts(&[item], day(3, 1)).unwrap();
    assert_eq!(made.invoices.len(), 1, "{made:?}");
    c.assert_sound();
}
