//! "Today" is read when an action needs it: a console left open across midnight dates and
//! numbers what it confirms on the new day, not the day it was opened.

use crate::support;

use chrono::NaiveDate;
use finctl::app::App;
use finctl::domain::invoice_status::InvoiceStatus;
use finctl::store::Store;
use std::sync::{Arc, Mutex};
use support::console::*;

/// Regression: the console took the day once, at start. Opened on New Year's Eve and used
/// after midnight, it confirmed an invoice dated the old year, after another console had
/// numbered one in the new year.
#[test]
fn a_confirm_after_midnight_is_dated_and_numbered_on_the_new_day() {
    let (_dir, path, store) = demo_store();
    drop(store);
    let eve = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    let new_year = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    assert!(today() <= eve, "the demo's day comes before the eve");
    let day = Arc::new(Mutex::new(eve));
    let clock = day.clone();
    let store = Store::open(&path, USER).unwrap();
    let mut app = App::with_clock(store, Arc::new(move || *clock.lock().unwrap()), None).unwrap();
    assert_eq!(app.today, eve);

    *day.lock().unwrap() = new_year;
    ch(&mut app, '3');
    let row = invoices(&app).view.current().cloned().unwrap();
    assert_eq!(row.status, InvoiceStatus::Draft);
    ch(&mut app, 'c');
    ch(&mut app, 'y');
    let inv = app.store().invoice(row.id).unwrap();
    assert_eq!(
        inv.status,
        InvoiceStatus::Confirmed,
        "{}",
        status_text(&app)
    );
    assert_eq!(inv.invoice_date, new_year);
    let number = inv.number.expect("a number");
    assert!(number.starts_with("2027-"), "{number}");
    assert_eq!(app.today, new_year, "the status bar shows the new day");
}
