//! The revenue item form against the store's own checks: a value the form reads without
//! judging (a negative amount, a negative unit price) is refused by the domain's item check in
//! the store, and the refusal is shown beside the field it names, with what was typed kept and
//! the status line saying why.

use crate::support;

use crossterm::event::KeyCode;
use finctl::app::Overlay;
use finctl::app::form::Form;
use finctl::app::revenue_item::item_form::{AMOUNT, NAME, UNIT_PRICE};
use finctl::app::revenue_item::{EditItem, NewItem};
use finctl::app::status_line::StatusKind;
use support::console::*;

/// The form on top, or a panic saying what the status line says instead.
fn open_form(app: &finctl::app::App) -> &Form {
    match app.overlays.last() {
        Some(Overlay::Form(top)) => &top.form,
        _ => panic!("the form stays open: {}", status_text(app)),
    }
}

fn error_of(form: &Form, label: &str) -> Option<String> {
    form.field(label).and_then(|f| f.error.clone())
}

#[test]
fn a_new_item_with_a_negative_amount_is_refused_beside_the_amount() {
    let mut f = demo_app();
    let app = &mut f.app;
    let before = app.store().revenue_item_count().unwrap();
    ch(app, '2');
    ch(app, 'n');
    typ(app, "P-0001");
    key(app, KeyCode::Tab);
    typ(app, "Refund of the retainer");
    // Type, Billing rule, Milestone, Unit price: as they are.
    for _ in 0..5 {
        key(app, KeyCode::Tab);
    }
    typ(app, "-1,500.00");
    ctrl(app, 's');

    let form = open_form(app);
    let Some(Overlay::Form(top)) = app.overlays.last() else {
        unreachable!()
    };
    assert!(top.action::<NewItem>().is_some());
    let error = error_of(form, AMOUNT).unwrap_or_default();
    assert!(error.contains("cannot be negative"), "{error:?}");
    assert_eq!(error_of(form, NAME), None, "only the amount is marked");
    assert_eq!(
        form.error, None,
        "said beside the field, not again above the form"
    );
    assert_eq!(form.focused().map(|f| f.label.as_str()), Some(AMOUNT));
    assert_eq!(form.value(AMOUNT), "-1,500.00", "what was typed stays");
    assert_eq!(form.value(NAME), "Refund of the retainer");
    assert_eq!(app.status.get().map(|s| s.kind), Some(StatusKind::Error));
    assert!(
        status_text(app).contains("cannot be negative"),
        "{}",
        status_text(app)
    );
    assert_eq!(app.store().revenue_item_count().unwrap(), before);
}

#[test]
fn an_edit_with_a_negative_unit_price_is_refused_beside_the_unit_price() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '2');
    let row = seek_item_with(app, 100, is_manual_open);
    ch(app, 'e');
    // The focus is on the name; Tab: type, then the unit price (project, rule and milestone
    // are read-only).
    key(app, KeyCode::Tab);
    key(app, KeyCode::Tab);
    assert_eq!(
        open_form(app).focused().map(|f| f.label.as_str()),
        Some(UNIT_PRICE)
    );
    typ(app, "-3");
    ctrl(app, 's');

    let form = open_form(app);
    let Some(Overlay::Form(top)) = app.overlays.last() else {
        unreachable!()
    };
    assert!(top.action::<EditItem>().is_some_and(|a| a.id == row.id));
    let error = error_of(form, UNIT_PRICE).unwrap_or_default();
    assert!(error.contains("cannot be negative"), "{error:?}");
    assert!(
        form.value(UNIT_PRICE).ends_with("-3"),
        "what was typed stays"
    );
    assert!(
        status_text(app).contains("cannot be negative"),
        "{}",
        status_text(app)
    );
    let item = app.store().revenue_item(row.id).unwrap();
    assert_eq!(item.version, row.version, "nothing was saved");
}

/// A time-and-materials item's amount is worked out from its time: the form needs no estimate.
#[test]
fn a_new_time_and_materials_item_needs_no_estimate() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '2');
    ch(app, 'n');
    typ(app, "P-0001");
    key(app, KeyCode::Tab);
    typ(app, "Consulting, as it comes");
    key(app, KeyCode::Tab);
    key(app, KeyCode::Tab);
    // Billing rule: time and materials.
    ch(app, ' ');
    assert_eq!(open_form(app).value("Billing rule"), "time_and_materials");
    assert_eq!(open_form(app).value(AMOUNT), "", "nothing typed");
    ctrl(app, 's');
    assert!(
        app.overlays.is_empty(),
        "saved: {:?} / {}",
        app.overlays.last().and_then(|o| o.form()).map(|f| f
            .form
            .fields
            .iter()
            .filter_map(|x| x.error.clone())
            .collect::<Vec<_>>()),
        status_text(app)
    );
    let id: i64 = status_text(app)
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .expect("item N created");
    let item = app.store().revenue_item(id).unwrap();
    assert_eq!(item.estimate.filter(|e| !e.is_zero()), None, "no estimate");
}
