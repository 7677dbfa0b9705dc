//! The one default VAT rate: a new revenue item (screen 2), a new contract line (screen 4) and
//! a new billing plan (screen 5) open with the seller's `seller.default_vat_rate`, 25.5 while
//! it is not set; changing the setting changes all three.

use crate::support;

use crossterm::event::KeyCode;
use finctl::app::{App, Overlay};
use finctl::store::Store;
use support::console::*;

/// The VAT field of the form on top, as it reads.
fn vat_shown(app: &App) -> String {
    let Some(Overlay::Form(top)) = app.overlays.last() else {
        panic!("a form is open: {}", status_text(app))
    };
    let field = top
        .form
        .fields
        .iter()
        .find(|f| f.label.starts_with("VAT"))
        .unwrap_or_else(|| panic!("no VAT field in {}", top.form.title));
    field.value()
}

/// The default each form opens with: (new item, new contract line, new billing plan).
fn defaults(app: &mut App) -> [String; 3] {
    ch(app, '2');
    ch(app, 'n');
    let item = vat_shown(app);
    key(app, KeyCode::Esc);
    assert!(app.overlays.is_empty(), "the item form closes");

    ch(app, '4');
    ch(app, 'n');
    let line = vat_shown(app);
    key(app, KeyCode::Esc);
    assert!(app.overlays.is_empty(), "the line form closes");

    // P-0005 has neither milestones nor a plan in the demo: its plan form is a new one.
    ch(app, '5');
    ch(app, 'P');
    fill(app, "P-0005");
    key(app, KeyCode::Enter);
    let plan = vat_shown(app);
    key(app, KeyCode::Esc);
    assert!(app.overlays.is_empty(), "the plan form closes");
    [item, line, plan]
}

#[test]
fn every_new_form_opens_with_the_same_default_vat_rate() {
    let mut f = demo_app();
    assert_eq!(defaults(&mut f.app), ["25.5", "25.5", "25.5"]);
}

#[test]
fn the_seller_setting_changes_every_default_at_once() {
    let mut f = demo_app();
    // Another session of the admin changes the setting; the open console follows.
    let mut admin = Store::open(&f.path, USER).unwrap();
    admin.set_setting("seller.default_vat_rate", "14").unwrap();
    assert_eq!(defaults(&mut f.app), ["14", "14", "14"]);
    admin
        .set_setting("seller.default_vat_rate", "25.5")
        .unwrap();
    assert_eq!(defaults(&mut f.app), ["25.5", "25.5", "25.5"]);
}

#[test]
fn a_new_item_saved_with_the_default_takes_it() {
    let mut f = demo_app();
    let mut admin = Store::open(&f.path, USER).unwrap();
    admin.set_setting("seller.default_vat_rate", "10").unwrap();
    let app = &mut f.app;
    let before = app.store().revenue_item_count().unwrap();
    ch(app, '2');
    ch(app, 'n');
    typ(app, "P-0001");
    key(app, KeyCode::Tab);
    typ(app, "Extra workshop");
    // Type, billing rule, milestone, unit price, then the planned amount.
    for _ in 0..5 {
        key(app, KeyCode::Tab);
    }
    typ(app, "800");
    ctrl(app, 's');
    assert!(app.overlays.is_empty(), "saved: {}", status_text(app));
    assert_eq!(app.store().revenue_item_count().unwrap(), before + 1);
    let newest = support::cli::count(
        f.path.to_str().unwrap(),
        "SELECT MAX(id) FROM revenue_items",
    );
    let newest = f.app.store().revenue_item(newest).unwrap();
    assert_eq!(newest.name, "Extra workshop");
    assert_eq!(newest.vat_rate, support::d("10"));
}
