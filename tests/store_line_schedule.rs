//! A contract line's schedule in the store: its forecast item is planned on the invoice date of
//! the line's next period (the first not validated), so the forecast sums count it in that
//! month, and a file from before is moved by its migration; a line is deleted whole (periods
//! and forecast, with history) only while none of its periods is validated.

use crate::support;

use chrono::NaiveDate;
use finctl::domain::invoicing_term::Term;
use finctl::domain::rights::Role;
use finctl::store::Store;
use finctl::store::migrations::{FORECAST_MIGRATION_USER, LATEST};
use finctl::store::progress::{NewContractLine, ProgressEdit};
use support::store::*;
use support::*;

fn day(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).unwrap()
}

/// 100 units at 10.00 on P1, billed monthly from 2025-01-01: its first period is long past.
fn past_line(c: &mut Company) -> i64 {
    c.store
        .create_contract_line(&NewContractLine {
            project_id: c.p1,
            milestone_id: None,
            description: "Roll-out support".into(),
            quantity: d("100"),
            unit_price: d("10"),
            invoicing_term: Term::Monthly,
            vat_rate: d("24"),
            first_period_start: day(2025, 1, 1),
        })
        .unwrap()
}

/// The forecast item's planned date and amount.
fn forecast(c: &Company, line: i64) -> (NaiveDate, rust_decimal::Decimal) {
    let id = c
        .store
        .contract_line(line)
        .unwrap()
        .forecast_item_id
        .unwrap();
    let item = c.store.revenue_item(id).unwrap();
    (item.planned_invoice_date, item.planned_amount)
}

/// What the forecast sums count for P1 in a month (minor units), as the report reads them.
fn forecast_month(c: &Company, month: &str) -> i64 {
    c.store
        .conn()
        .query_row(
            "SELECT coalesce(sum(amount_minor), 0) FROM forecast_months
             WHERE project_id = ?1 AND month = ?2",
            rusqlite::params![c.p1, month],
            |r| r.get(0),
        )
        .unwrap()
}

fn pending(c: &Company, line: i64) -> finctl::store::progress::ProgressStatus {
    c.store
        .progress_statuses(line)
        .unwrap()
        .into_iter()
        .find(|s| s.state == finctl::domain::progress_state::ProgressState::Pending)
        .expect("a pending period")
}

/// Adds the next period, bills `percent` of the line in it and validates it.
fn validate(c: &mut Company, line: i64, percent: &str) {
    let id = c.store.add_progress_status(line, day(2025, 1, 1)).unwrap();
    let s = pending(c, line);
    c.store
        .edit_progress(
            id,
            s.version,
            &ProgressEdit {
                billed: Some(finctl::domain::progress::BilledField::Percent(d(percent))),
                ..ProgressEdit::default()
            },
        )
        .unwrap();
    let s = pending(c, line);
    c.store.validate_progress(id, s.version).unwrap();
}

#[test]
fn the_forecast_moves_with_the_next_period_and_its_month_with_it() {
    let mut c = Company::new();
    let line = past_line(&mut c);
    // No period yet: the end of the first one.
    assert_eq!(forecast(&c, line), (day(2025, 1, 31), d("1000.00")));
    // The first period pending, invoiced on the 5th of the next month: the forecast goes there.
    let first = c.store.add_progress_status(line, day(2025, 1, 1)).unwrap();
    let s = pending(&c, line);
    c.store
        .edit_progress(
            first,
            s.version,
            &ProgressEdit {
                invoice_date: Some(day(2025, 2, 5)),
                ..ProgressEdit::default()
            },
        )
        .unwrap();
    assert_eq!(forecast(&c, line).0, day(2025, 2, 5));
    assert_eq!(forecast_month(&c, "2025-01"), 0);
    // Validated at 25 %: the rest goes to the next period (February, invoiced on its last
    // day), not back to January.
    let s = pending(&c, line);
    c.store
        .edit_progress(
            first,
            s.version,
            &ProgressEdit {
                billed: Some(finctl::domain::progress::BilledField::Percent(d("25"))),
                ..ProgressEdit::default()
            },
        )
        .unwrap();
    let s = pending(&c, line);
    c.store.validate_progress(first, s.version).unwrap();
    assert_eq!(forecast(&c, line), (day(2025, 2, 28), d("750.00")));
    // February holds the validated item (250.00, on the 5th) and the forecast (750.00).
    assert_eq!(forecast_month(&c, "2025-02"), 100_000);
    validate(&mut c, line, "25");
    assert_eq!(forecast(&c, line), (day(2025, 3, 31), d("500.00")));
    assert_eq!(forecast_month(&c, "2025-03"), 50_000);
    // The history says why the date moved.
    let id = c
        .store
        .contract_line(line)
        .unwrap()
        .forecast_item_id
        .unwrap();
    let rows = c.store.history_of("revenue_item", id).unwrap();
    let moved = rows.last().unwrap();
    assert_eq!(
        (
            moved.field.as_str(),
            moved.old.as_deref(),
            moved.new.as_deref(),
            moved.reason.as_deref()
        ),
        (
            "planned_invoice_date",
            Some("2025-02-28"),
            Some("2025-03-31"),
            Some("progress forecast follows the line's next period")
        )
    );
    // Undone from the last: the period is pending again and the forecast back on its date.
    let statuses = c.store.progress_statuses(line).unwrap();
    let second = statuses.last().unwrap();
    c.store
        .unvalidate_progress(second.id, second.version)
        .unwrap();
    assert_eq!(forecast(&c, line), (day(2025, 2, 28), d("750.00")));
    let second = pending(&c, line);
    c.store
        .delete_progress_status(second.id, second.version)
        .unwrap();
    assert_eq!(forecast(&c, line).0, day(2025, 2, 28));
    assert_eq!(forecast_month(&c, "2025-03"), 0);
    c.assert_sound();
}

#[test]
fn a_file_from_before_moves_its_forecasts_to_the_next_period() {
    let mut c = Company::new();
    let line = past_line(&mut c);
    validate(&mut c, line, "40");
    validate(&mut c, line, "10");
    let id = c
        .store
        .contract_line(line)
        .unwrap()
        .forecast_item_id
        .unwrap();
    let version = c.store.revenue_item(id).unwrap().version;
    let Company {
        dir, path, store, ..
    } = c;
    drop(store);
    {
        // The file as the finctl before this rule left it: the forecast on the line's first
        // date, the schema before migration 21.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(&format!(
            "UPDATE revenue_items SET planned_invoice_date = '2025-01-31' WHERE id = {id};
             DROP TABLE plan_template_parts; DROP TABLE plan_templates;
             DROP INDEX plan_parts_milestone; ALTER TABLE plan_parts DROP COLUMN milestone_id;
             DROP INDEX revenue_items_rare_rule;
             DROP TABLE item_names;
             CREATE INDEX change_history_object ON change_history (object, object_id, version);
             PRAGMA user_version = {};",
            // Migration 21 (plans and lines) and the ones after it (22, the rare rules' index;
            // 23, the names seen; 24, one history index) are undone.
            LATEST - 4
        ))
        .unwrap();
    }
    let store = Store::open(&path, ADMIN).unwrap();
    let item = store.revenue_item(id).unwrap();
    assert_eq!(
        (item.planned_invoice_date, item.version),
        (day(2025, 3, 31), version + 1)
    );
    let rows = store.history_of("revenue_item", id).unwrap();
    let last = rows.last().unwrap();
    assert_eq!(
        (last.user.as_str(), last.old.as_deref(), last.new.as_deref()),
        (
            FORECAST_MIGRATION_USER,
            Some("2025-01-31"),
            Some("2025-03-31")
        )
    );
    let v = store.verify().unwrap();
    assert!(v.is_empty(), "{v:#?}");
    drop(dir);
}

#[test]
fn a_line_goes_whole_only_while_no_period_is_validated() {
    let mut c = Company::new();
    let line = past_line(&mut c);
    c.store.add_progress_status(line, day(2025, 1, 1)).unwrap();
    let forecast_id = c
        .store
        .contract_line(line)
        .unwrap()
        .forecast_item_id
        .unwrap();
    let period = pending(&c, line);
    // A manager of another project may not; finance may.
    let mut mia = c.user("mia-other", Role::Manager);
    let v = c.store.contract_line(line).unwrap().version;
    assert!(refused(mia.delete_contract_line(line, v)).contains("not of project P1"));
    let what = c.store.contract_line_deletion(line).unwrap();
    assert_eq!(
        (what.periods, what.forecast.map(|f| f.0)),
        (1, Some(forecast_id))
    );
    let done = c.store.delete_contract_line(line, v).unwrap();
    assert_eq!(done, what);
    assert!(c.store.contract_line(line).is_err());
    assert!(c.store.revenue_item(forecast_id).is_err());
    for (object, id) in [
        ("contract_line", line),
        ("progress_status", period.id),
        ("revenue_item", forecast_id),
    ] {
        let rows = c.store.history_of(object, id).unwrap();
        assert_eq!(rows.last().unwrap().field, "deleted", "{object} {id}");
    }
    c.assert_sound();

    // A line with a validated period stays, and says which.
    let line = past_line(&mut c);
    validate(&mut c, line, "30");
    c.store.add_progress_status(line, day(2025, 1, 1)).unwrap();
    let v = c.store.contract_line(line).unwrap().version;
    let err = refused(c.store.delete_contract_line(line, v));
    assert!(
        err.starts_with("the line has validated period 1 (to invoice)"),
        "{err}"
    );
    assert!(c.store.contract_line(line).is_ok());
    c.assert_sound();
}
