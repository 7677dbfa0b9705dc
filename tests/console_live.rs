//! Live: another user's change shows in an open console within its next look (`App::watch`,
//! which the console's loop calls every half second): the window and totals, a status line
//! naming who changed what, and a form open on the changed row flagged before its save.

use crate::support;

use finctl::app::App;
use finctl::app::Overlay;
use finctl::app::revenue_item::EditItem;
use finctl::domain::revenue_status::RevenueStatus;
use finctl::domain::rights::Role;
use finctl::store::Store;
use finctl::store::revenue_items::ItemEdit;
use support::console::*;
use support::date;

#[test]
fn another_users_change_shows_with_who_made_it() {
    let (_dir, path, mut store) = demo_store();
    store.set_role("alice", Role::Manager).unwrap();
    let mut app = App::new(store, today(), None).unwrap();
    ch(&mut app, '2');
    // Nothing changed: the look finds nothing and draws nothing.
    assert!(!app.watch());

    let row = seek_item_with(&mut app, 100, is_manual_open);
    let mut alice = Store::open(&path, "alice").unwrap();
    let version = alice.revenue_item(row.id).unwrap().version;
    alice
        .set_status(&[(row.id, version)], RevenueStatus::Rejected)
        .unwrap();
    // Not seen until the console looks.
    assert_eq!(current_item(&app).unwrap().status, RevenueStatus::Open);
    assert!(app.watch());
    let now = current_item(&app).unwrap();
    assert_eq!(now.id, row.id, "the cursor stays on its row");
    assert_eq!(now.status, RevenueStatus::Rejected);
    assert_eq!(status_text(&app), "1 revenue item changed by alice");
    // Seen once: the next look finds nothing new.
    assert!(!app.watch());

    // One's own change is not news: alice's next one is named alone.
    ch(&mut app, 'o');
    assert!(
        status_text(&app).contains("set open"),
        "{}",
        status_text(&app)
    );
    assert!(!app.watch());
}

#[test]
fn a_form_open_on_a_row_changed_underneath_says_so_at_once() {
    let (_dir, path, mut store) = demo_store();
    store.set_role("alice", Role::Manager).unwrap();
    let mut app = App::new(store, today(), None).unwrap();
    ch(&mut app, '2');
    let row = seek_item_with(&mut app, 100, is_manual_open);
    ch(&mut app, 'e');
    typ(&mut app, " (revised)");
    let mut alice = Store::open(&path, "alice").unwrap();
    let version = alice.revenue_item(row.id).unwrap().version;
    alice
        .update_revenue_item(
            row.id,
            version,
            &ItemEdit {
                planned_invoice_date: Some(date(2027, 1, 15)),
                ..ItemEdit::default()
            },
        )
        .unwrap();
    assert!(app.watch());
    let Some(Overlay::Form(top)) = app.overlays.last() else {
        panic!("the form stays open");
    };
    assert!(top.action::<EditItem>().is_some());
    let error = top.form.error.clone().expect("the form is flagged");
    assert!(
        error.contains(&format!("revenue item {} was changed by alice", row.id)),
        "{error}"
    );
    assert!(error.contains("saving will be refused"), "{error}");
    assert!(
        top.form.value("Name").ends_with(" (revised)"),
        "what was typed stays"
    );
}
