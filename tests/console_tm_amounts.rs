//! The console shows a time-and-materials item's amount as what it would invoice now: finance
//! control marks one with nothing to collect (in full on a wide terminal, in a word on a narrow
//! one), its amount is not typed in a list, and its form edits its estimate beside the amount
//! it collects, which is read-only.

use crate::support;

use crossterm::event::KeyCode;
use finctl::app::Overlay;
use finctl::app::revenue_item::item_form::{AMOUNT, COLLECTABLE, ESTIMATE};
use finctl::domain::billing_rule::BillingRule;
use finctl::domain::revenue_status::RevenueStatus;
use finctl::domain::warnings::Warning;
use support::console::snapshot_both;
use support::console::*;
use support::d;

fn is_tm(row: &finctl::store::item_list::ItemRow) -> bool {
    row.billing_rule == BillingRule::TimeAndMaterials
}

#[test]
fn finance_control_marks_time_and_materials_with_nothing_to_collect() {
    snapshot_both!("finance_control_nothing_to_collect", |app| {
        // The time-and-materials rows only.
        ch(app, '/');
        typ(app, "Time and materials");
        key(app, KeyCode::Enter);
        let (rows, _) = finance(app).list.view.visible();
        assert!(rows.iter().all(is_tm), "the filter shows T&M rows");
        let nothing: Vec<_> = rows.iter().filter(|r| r.amount.amount.is_zero()).collect();
        assert!(
            !nothing.is_empty() && nothing.len() < rows.len(),
            "{rows:#?}"
        );
        for r in rows {
            let marked = r.warning(today()) == Some(Warning::NothingToCollect);
            assert_eq!(marked, r.amount.amount.is_zero(), "{r:#?}");
        }
    });
}

#[test]
fn making_a_draft_of_an_item_with_nothing_to_collect_says_so() {
    let f = demo_app();
    let mut app = app_as(&f.path, USER);
    let row = seek_item(&mut app, 40, |r| is_tm(r) && r.amount.amount.is_zero());
    ch(&mut app, 'i');
    // The dialog asks first; yes makes nothing and says why.
    key(&mut app, KeyCode::Enter);
    let said = status_text(&app);
    assert!(said.contains("nothing to collect"), "{said}");
    let item = app.store().revenue_item(row.id).unwrap();
    assert_eq!(item.status, RevenueStatus::Billable);
}

#[test]
fn the_amount_of_a_time_and_materials_row_is_not_typed_in_the_list() {
    let f = demo_app();
    let mut app = app_as(&f.path, USER);
    let row = seek_item(&mut app, 40, is_tm);
    ch(&mut app, 'm');
    let said = status_text(&app);
    assert!(
        said.contains(&format!("item {} is time and materials", row.id)),
        "{said}"
    );
    assert!(item_list(&app).quick.is_none(), "no edit opened");
    // Its date still is.
    ch(&mut app, 't');
    assert!(item_list(&app).quick.is_some());
}

/// The edit form of the first billable time-and-materials item that collects something.
fn to_tm_form(app: &mut finctl::app::App) -> i64 {
    let row = seek_item(app, 60, |r| {
        is_tm(r) && r.status == RevenueStatus::Billable && !r.amount.amount.is_zero()
    });
    key(app, KeyCode::Enter);
    ch(app, 'e');
    row.id
}

#[test]
fn the_form_of_a_time_and_materials_item_edits_its_estimate_only() {
    snapshot_both!("item_form_time_and_materials", |app| {
        let id = to_tm_form(app);
        let item = app.store().revenue_item(id).unwrap();
        let Some(Overlay::Form(top)) = app.overlays.last() else {
            panic!("the form is open");
        };
        let form = &top.form;
        assert!(form.field(AMOUNT).is_none());
        assert_eq!(
            form.value(ESTIMATE),
            item.estimate.unwrap().to_string(),
            "the estimate, labelled so"
        );
        let collectable = form.field(COLLECTABLE).unwrap();
        assert!(!collectable.is_editable());
        assert_eq!(collectable.value(), item.planned_amount.to_string());
    });
    // Saving a new estimate changes the estimate and nothing the item invoices.
    let f = demo_app();
    let mut app = app_as(&f.path, USER);
    let id = to_tm_form(&mut app);
    let before = app.store().revenue_item(id).unwrap();
    // Name has the focus; type and unit price come before the estimate.
    for _ in 0..3 {
        key(&mut app, KeyCode::Tab);
    }
    let Some(Overlay::Form(top)) = app.overlays.last() else {
        panic!("the form is open");
    };
    assert_eq!(top.form.focused().map(|f| f.label.as_str()), Some(ESTIMATE));
    fill(&mut app, "123,456.78");
    ctrl(&mut app, 's');
    let after = app.store().revenue_item(id).unwrap();
    assert_eq!(
        after.estimate,
        Some(d("123456.78")),
        "{}",
        status_text(&app)
    );
    assert_eq!(after.planned_amount, before.planned_amount);
}
