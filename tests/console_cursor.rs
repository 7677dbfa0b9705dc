//! The cursor stays on the row the user acted on: after a change re-sorts a list the cursor
//! follows its row; when the row left the list the status line says so.

use crate::support;

use crossterm::event::KeyCode;
use finctl::domain::revenue_status::RevenueStatus;
use rust_decimal::Decimal;
use support::console::*;

/// Where the cursor is among the rows on screen.
fn screen_line(app: &finctl::app::App) -> usize {
    item_list(app).view.visible().1
}

/// Regression: a quick date edit re-sorted the list and left the cursor at the same index, on
/// another item, so `t` then `m` changed the wrong item's amount.
#[test]
fn t_then_m_edits_the_amount_of_the_item_whose_date_moved() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '2');
    for _ in 0..5 {
        key(app, KeyCode::Down);
    }
    let row = seek_item_with(app, 200, is_manual_open);
    let line = screen_line(app);
    ch(app, 't');
    backspace(app, 10);
    // Far later than the rows around it: the item sorts many rows further down.
    typ(app, "2029-06-30");
    key(app, KeyCode::Enter);
    assert!(items(app).list.quick.is_none(), "{}", status_text(app));
    let now = current_item(app).expect("a row under the cursor");
    assert_eq!(now.id, row.id, "the cursor stayed on the item it edited");
    assert_eq!(now.planned_invoice_date.to_string(), "2029-06-30");
    assert_eq!(screen_line(app), line, "on the same line of the screen");

    ch(app, 'm');
    backspace(app, 20);
    typ(app, "4321.00");
    key(app, KeyCode::Enter);
    assert!(items(app).list.quick.is_none(), "{}", status_text(app));
    let item = app.store().revenue_item(row.id).unwrap();
    assert_eq!(item.planned_amount, Decimal::new(432100, 2));
    assert_eq!(current_item(app).map(|r| r.id), Some(row.id));
}

/// A status key that takes the row out of the list (finance control lists billable items):
/// the cursor goes on to the next row and the status line says where the row went.
#[test]
fn a_row_that_leaves_the_list_is_named_on_the_status_line() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '1');
    key(app, KeyCode::Down);
    let row = seek_item(app, 200, |r| {
        r.status == RevenueStatus::Billable && r.draft_invoice.is_none()
    });
    let next = {
        let list = item_list(app);
        let (visible, at) = list.view.visible();
        visible.get(at + 1).map(|r| r.id)
    };
    ch(app, 'x');
    if matches!(app.overlays.last(), Some(finctl::app::Overlay::Dialog(_))) {
        ch(app, 'y');
    }
    assert_eq!(
        app.store().revenue_item(row.id).unwrap().status,
        RevenueStatus::Rejected
    );
    let text = status_text(app);
    assert!(
        text.contains(&format!("item {} (", row.id)) && text.ends_with("left this list"),
        "{text}"
    );
    assert_eq!(current_item(app).map(|r| r.id), next);
}

/// A saved form that moves its item follows it too.
#[test]
fn a_saved_item_form_keeps_the_cursor_on_its_item() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '2');
    for _ in 0..3 {
        key(app, KeyCode::Down);
    }
    let row = seek_item_with(app, 200, is_manual_open);
    ch(app, 'e');
    assert!(
        matches!(app.overlays.last(), Some(finctl::app::Overlay::Form(_))),
        "{}",
        status_text(app)
    );
    // The planned invoice date field: found by its label.
    let form = match app.overlays.last_mut() {
        Some(finctl::app::Overlay::Form(top)) => &mut top.form,
        _ => unreachable!(),
    };
    let at = form
        .fields
        .iter()
        .position(|f| f.label.to_lowercase().contains("planned invoice date"))
        .expect("a planned invoice date field");
    form.focus = at;
    backspace(app, 10);
    typ(app, "2030-01-31");
    ctrl(app, 's');
    assert!(app.overlays.is_empty(), "{}", status_text(app));
    assert_eq!(current_item(app).map(|r| r.id), Some(row.id));
}
