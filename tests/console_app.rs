//! The console driven headless: key events into `App` (no terminal), then the database read
//! back through the store to check what the keys did.

use crate::support;

use chrono::NaiveDate;
use crossterm::event::KeyCode;
use finctl::app::finance_control::keys::FINANCE_CONTROL;
use finctl::app::invoices::InvoiceView;
use finctl::app::invoices::keys::{DRAFT_VIEW, INVOICES};
use finctl::app::item_list::ItemList;
use finctl::app::keymap::shared::{FILTER_INPUT, HELP, PICK_FIELD, QUICK_EDIT};
use finctl::app::revenue_item::{EditItem, NewItem};
use finctl::app::revenue_items::RevenueItems;
use finctl::app::revenue_items::keys::REVENUE_ITEMS;
use finctl::app::status_line::StatusKind;
use finctl::app::{App, Overlay};
use finctl::domain::billing_rule::BillingRule;
use finctl::domain::invoice_status::InvoiceStatus;
use finctl::domain::revenue_status::{Origin, RevenueStatus};
use finctl::domain::rights::Role;
use finctl::presentation::amounts_line;
use finctl::store::revenue_items::ItemEdit;
use finctl::store::{Store, StoreError};
use finctl::ui::Theme;
use rust_decimal::Decimal;
use support::console::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn dec(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

fn status_kind(app: &App) -> Option<StatusKind> {
    app.status.get().map(|s| s.kind)
}

fn dialog_title(app: &App) -> Option<String> {
    match app.overlays.last() {
        Some(Overlay::Dialog(d)) => Some(d.title.clone()),
        _ => None,
    }
}

/// Rows shown by an item list's filter, per its totals.
fn shown(list: &ItemList) -> i64 {
    list.totals
        .as_ref()
        .expect("totals are computed on the spot")
        .iter()
        .map(|t| t.count)
        .sum()
}

/// Selects exactly these items of the current item list with Space, from the top.
fn select_ids(app: &mut App, ids: &[i64]) {
    ch(app, 'g');
    for _ in 0..400 {
        let list = item_list(app);
        if ids.iter().all(|id| list.selection.contains(*id)) {
            assert_eq!(list.selection.len(), ids.len());
            return;
        }
        let row = list.view.current().cloned().expect("a row");
        if ids.contains(&row.id) && !list.selection.contains(row.id) {
            ch(app, ' ');
        } else {
            key(app, KeyCode::Down);
        }
    }
    panic!(
        "items {ids:?} not found in {}",
        app.screens.current_entry().title
    );
}

fn billable_fixed(row: &finctl::store::item_list::ItemRow) -> bool {
    row.status == RevenueStatus::Billable && row.billing_rule != BillingRule::TimeAndMaterials
}

#[test]
fn space_i_y_make_drafts_with_one_line_per_item() {
    let mut f = demo_app();
    let app = &mut f.app;
    let a = seek_item(app, 40, billable_fixed);
    ch(app, ' ');
    let b = seek_item(app, 40, |r| billable_fixed(r) && r.id != a.id);
    ch(app, ' ');
    assert_eq!(finance(app).list.selection.len(), 2);
    assert_eq!(status_text(app), "2 selected");

    ch(app, 'i');
    assert_eq!(dialog_title(app).as_deref(), Some("Make draft invoices"));
    ch(app, 'y');
    assert!(app.overlays.is_empty());
    assert_eq!(status_kind(app), Some(StatusKind::Info));
    assert!(
        status_text(app).ends_with("draft invoice(s) made"),
        "{}",
        status_text(app)
    );
    assert!(finance(app).list.selection.is_empty());

    let store = app.store();
    for row in [&a, &b] {
        let item = store.revenue_item(row.id).unwrap();
        assert_eq!(item.status, RevenueStatus::DraftInvoice);
        assert_eq!(item.actual_amount, Some(row.amount.amount));
    }
    let drafts = store.drafts_of_items(&[a.id, b.id]).unwrap();
    assert!(!drafts.is_empty());
    let mut on_lines = Vec::new();
    for id in &drafts {
        let inv = store.invoice(*id).unwrap();
        assert_eq!(inv.status, InvoiceStatus::Draft);
        assert_eq!(inv.number, None);
        assert_eq!(inv.invoice_date, today());
        for line in &inv.lines {
            let item = line.revenue_item_id.expect("a line per item");
            let row = [&a, &b].into_iter().find(|r| r.id == item).unwrap();
            assert_eq!(line.net, row.amount.amount);
            on_lines.push(item);
        }
    }
    on_lines.sort_unstable();
    let mut want = vec![a.id, b.id];
    want.sort_unstable();
    assert_eq!(on_lines, want, "one line per item, each item once");
    // The two demo rows belong to different accounts: one draft each.
    assert_ne!(a.account, b.account);
    assert_eq!(drafts.len(), 2);
    assert_eq!(status_text(app), "2 draft invoice(s) made");
}

#[test]
fn c_y_on_the_invoices_screen_confirms_and_names_the_number() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '3');
    let row = invoices(app).view.current().cloned().unwrap();
    assert_eq!(row.status, InvoiceStatus::Draft);
    ch(app, 'c');
    assert_eq!(dialog_title(app).as_deref(), Some("Confirm invoices"));
    ch(app, 'y');
    assert!(app.overlays.is_empty());

    let inv = app.store().invoice(row.id).unwrap();
    assert_eq!(inv.status, InvoiceStatus::Confirmed);
    let number = inv.number.clone().expect("a number");
    assert!(number.starts_with("2026-"), "{number}");
    assert_eq!(inv.confirmed_by.as_deref(), Some(USER));
    assert_eq!(inv.invoice_date, today());
    assert_eq!(status_kind(app), Some(StatusKind::Info));
    assert_eq!(status_text(app), format!("1 confirmed: {number}"));
    for line in &inv.lines {
        let item = app
            .store()
            .revenue_item(line.revenue_item_id.unwrap())
            .unwrap();
        assert_eq!(item.status, RevenueStatus::Invoiced);
    }
}

#[test]
fn a_confirm_dialog_answered_n_changes_nothing() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '3');
    let row = invoices(app).view.current().cloned().unwrap();
    let before = app.store().invoice(row.id).unwrap();
    let history = app.store().history_of("invoice", row.id).unwrap();
    ch(app, 'c');
    assert_eq!(dialog_title(app).as_deref(), Some("Confirm invoices"));
    ch(app, 'n');
    assert!(app.overlays.is_empty());
    assert_eq!(status_text(app), "cancelled");
    let after = app.store().invoice(row.id).unwrap();
    assert_eq!(after.status, InvoiceStatus::Draft);
    assert_eq!(after.number, None);
    assert_eq!(after.version, before.version);
    assert_eq!(app.store().history_of("invoice", row.id).unwrap(), history);
}

#[test]
fn quick_edit_of_the_date_keeps_a_bad_date_open_cancels_and_saves() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '2');
    let row = seek_item_with(app, 100, is_manual_open);
    let history_before = app.store().history_of("revenue_item", row.id).unwrap();

    ch(app, 't');
    assert_eq!(app.context(), QUICK_EDIT);
    assert_eq!(
        items(app).list.quick.as_ref().unwrap().text,
        row.planned_invoice_date.to_string()
    );
    backspace(app, 10);
    typ(app, "2026-13-01");
    key(app, KeyCode::Enter);
    let quick = items(app)
        .list
        .quick
        .as_ref()
        .expect("a bad date keeps the edit open");
    assert_eq!(quick.text, "2026-13-01");
    assert!(
        quick
            .error
            .as_deref()
            .is_some_and(|e| e.contains("not a date")),
        "{quick:?}"
    );
    assert_eq!(status_kind(app), Some(StatusKind::Error));
    assert!(status_text(app).contains("YYYY-MM-DD"));

    key(app, KeyCode::Esc);
    assert!(items(app).list.quick.is_none());
    assert_eq!(status_text(app), "quick edit cancelled");
    let item = app.store().revenue_item(row.id).unwrap();
    assert_eq!(item.planned_invoice_date, row.planned_invoice_date);
    assert_eq!(item.version, row.version);

    ch(app, 't');
    backspace(app, 10);
    typ(app, "2026-12-24");
    key(app, KeyCode::Enter);
    assert!(items(app).list.quick.is_none());
    assert_eq!(status_kind(app), Some(StatusKind::Info));
    assert_eq!(
        status_text(app),
        format!("item {}: planned invoice date set to 2026-12-24", row.id)
    );
    let item = app.store().revenue_item(row.id).unwrap();
    assert_eq!(item.planned_invoice_date, date(2026, 12, 24));
    let history = app.store().history_of("revenue_item", row.id).unwrap();
    assert_eq!(history.len(), history_before.len() + 1);
    let last = history.last().unwrap();
    assert_eq!(last.field, "planned_invoice_date");
    assert_eq!(
        last.old.as_deref(),
        Some(row.planned_invoice_date.to_string().as_str())
    );
    assert_eq!(last.new.as_deref(), Some("2026-12-24"));
    assert_eq!(last.user, USER);
}

#[test]
fn quick_edit_of_the_amount_reads_thousands_separators() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '2');
    let row = seek_item_with(app, 100, is_manual_open);
    ch(app, 'm');
    assert_eq!(
        items(app).list.quick.as_ref().unwrap().text,
        row.amount.amount.to_string()
    );
    backspace(app, 20);
    typ(app, "1,234.50");
    key(app, KeyCode::Enter);
    assert!(items(app).list.quick.is_none(), "{}", status_text(app));
    let item = app.store().revenue_item(row.id).unwrap();
    assert_eq!(item.planned_amount, dec("1234.50"));
    let last = app
        .store()
        .history_of("revenue_item", row.id)
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(last.field, "planned_amount");
    assert_eq!(last.new.as_deref(), Some("1234.50"));
}

#[test]
fn o_b_x_set_every_selected_item() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '2');
    let manual_open_fixed = |s: &Store, r: &finctl::store::item_list::ItemRow| {
        is_manual_open(s, r) && r.billing_rule == BillingRule::Fixed
    };
    let a = seek_item_with(app, 100, manual_open_fixed);
    ch(app, ' ');
    let b = seek_item_with(app, 100, manual_open_fixed);
    ch(app, ' ');
    let ids = [a.id, b.id];

    for (k, to) in [
        ('b', RevenueStatus::Billable),
        ('x', RevenueStatus::Rejected),
        ('o', RevenueStatus::Open),
    ] {
        if items(app).list.selection.is_empty() {
            select_ids(app, &ids);
        }
        ch(app, k);
        assert_eq!(
            status_text(app),
            format!("2 item(s) set {}", to.label()),
            "{k}"
        );
        assert_eq!(status_kind(app), Some(StatusKind::Info));
        assert!(
            items(app).list.selection.is_empty(),
            "{k} clears the selection"
        );
        for id in ids {
            assert_eq!(app.store().revenue_item(id).unwrap().status, to, "{k}");
        }
    }
    // Three changes, each in the history.
    for id in ids {
        let statuses: Vec<_> = app
            .store()
            .history_of("revenue_item", id)
            .unwrap()
            .into_iter()
            .filter(|c| c.field == "status")
            .map(|c| c.new.unwrap_or_default())
            .collect();
        assert!(
            statuses.ends_with(&["billable".into(), "rejected".into(), "open".into()]),
            "{statuses:?}"
        );
    }
}

#[test]
fn x_on_an_item_on_a_draft_is_refused_naming_the_rule() {
    let mut f = demo_app();
    let app = &mut f.app;
    let row = seek_item(app, 40, |r| r.status == RevenueStatus::DraftInvoice);
    ch(app, 'x');
    assert_eq!(status_kind(app), Some(StatusKind::Error));
    let msg = status_text(app);
    assert!(msg.contains("1 refused"), "{msg}");
    assert!(
        msg.contains("the item is on a draft invoice: delete the draft first"),
        "{msg}"
    );
    let item = app.store().revenue_item(row.id).unwrap();
    assert_eq!(item.status, RevenueStatus::DraftInvoice);
    assert_eq!(item.version, row.version);
}

#[test]
fn delete_asks_and_deletes_an_open_item() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '2');
    let row = seek_item_with(app, 100, is_manual_open);

    key(app, KeyCode::Delete);
    assert_eq!(dialog_title(app).as_deref(), Some("Delete revenue item"));
    ch(app, 'n');
    assert!(app.store().revenue_item(row.id).is_ok(), "n keeps the item");

    key(app, KeyCode::Delete);
    let Some(Overlay::Dialog(d)) = app.overlays.last() else {
        panic!("Delete asks first");
    };
    assert!(d.lines[0].contains(&row.name), "{:?}", d.lines);
    ch(app, 'y');
    assert!(app.overlays.is_empty());
    assert_eq!(status_text(app), format!("item {} deleted", row.id));
    assert!(matches!(
        app.store().revenue_item(row.id),
        Err(StoreError::NotFound { .. })
    ));
    let last = app
        .store()
        .history_of("revenue_item", row.id)
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(last.field, "deleted");
    assert_eq!(shown(&items(app).list), 299);
}

#[test]
fn delete_of_an_item_on_a_draft_invoice_is_refused() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '2');
    let row = seek_item(app, 300, |r| r.status == RevenueStatus::DraftInvoice);
    key(app, KeyCode::Delete);
    assert!(app.overlays.is_empty(), "refused without asking");
    assert_eq!(status_kind(app), Some(StatusKind::Error));
    assert_eq!(
        status_text(app),
        format!(
            "item {} is draft invoice: items on an invoice cannot be deleted",
            row.id
        )
    );
    assert!(app.store().revenue_item(row.id).is_ok());
}

#[test]
fn new_item_form_repeating_monthly_makes_one_item_per_month() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '2');
    ch(app, 'n');
    assert_eq!(app.context(), PICK_FIELD);
    typ(app, "P-0001");
    key(app, KeyCode::Tab);
    typ(app, "Support retainer");
    // Type, Billing rule, Milestone, Unit price: as they are.
    for _ in 0..5 {
        key(app, KeyCode::Tab);
    }
    typ(app, "1,500.00");
    key(app, KeyCode::Tab);
    backspace(app, 10);
    typ(app, "2026-12-01");
    key(app, KeyCode::Tab); // VAT rate
    key(app, KeyCode::Tab); // Repeat every
    key(app, KeyCode::Right);
    key(app, KeyCode::Tab); // Repeat until
    typ(app, "2027-02-01");
    key(app, KeyCode::Tab); // Date in name
    ch(app, ' ');
    {
        let Some(Overlay::Form(top)) = app.overlays.last() else {
            panic!("the new item form");
        };
        assert!(top.action::<NewItem>().is_some(), "the new item form");
        let form = &top.form;
        assert_eq!(form.value("Repeat every"), "month");
        assert_eq!(form.value("Date in name"), "yes");
        assert_eq!(form.value("Planned amount"), "1,500.00");
    }
    ctrl(app, 's');
    assert!(app.overlays.is_empty(), "saved: {}", status_text(app));

    let msg = status_text(app);
    let range = msg
        .strip_prefix("3 items created (open), ")
        .unwrap_or_else(|| panic!("{msg}"));
    let (first, last) = range.split_once(" to ").unwrap();
    let (first, last): (i64, i64) = (first.parse().unwrap(), last.parse().unwrap());
    assert_eq!(last - first, 2);
    let want = [
        ("Support retainer 12/2026", date(2026, 12, 1)),
        ("Support retainer 01/2027", date(2027, 1, 1)),
        ("Support retainer 02/2027", date(2027, 2, 1)),
    ];
    for (id, (name, day)) in (first..=last).zip(want) {
        let item = app.store().revenue_item(id).unwrap();
        assert_eq!(item.name, name);
        assert_eq!(item.planned_invoice_date, day);
        assert_eq!(item.planned_amount, dec("1500.00"));
        assert_eq!(item.status, RevenueStatus::Open);
        assert_eq!(item.origin, Origin::Manual);
        assert_eq!(item.billing_rule, BillingRule::Fixed);
        // The default VAT rate: the demo seller sets none, so 25.5.
        assert_eq!(item.vat_rate, dec("25.5"));
        assert_eq!(app.store().item_context(id).unwrap().project_code, "P-0001");
    }
    assert_eq!(shown(&items(app).list), 303);
}

#[test]
fn a_stale_edit_is_refused_naming_the_other_user_and_the_form_keeps_its_values() {
    let (_dir, path, mut store) = demo_store();
    store.set_role("other-manager", Role::Manager).unwrap();
    let mut app = App::new(store, today(), None).unwrap();
    ch(&mut app, '2');
    let row = seek_item_with(&mut app, 100, is_manual_open);
    ch(&mut app, 'e');
    assert!(matches!(
        app.overlays.last(),
        Some(Overlay::Form(top)) if top.action::<EditItem>().is_some_and(|a| a.id == row.id)
    ));
    // The focus is on the name (the project is fixed): type at its end.
    typ(&mut app, " (revised)");

    let mut other = Store::open(&path, "other-manager").unwrap();
    let current = other.revenue_item(row.id).unwrap();
    other
        .update_revenue_item(
            row.id,
            current.version,
            &ItemEdit {
                planned_invoice_date: Some(date(2027, 1, 15)),
                ..ItemEdit::default()
            },
        )
        .unwrap();

    ctrl(&mut app, 's');
    let Some(Overlay::Form(top)) = app.overlays.last() else {
        panic!("the form stays open: {}", status_text(&app));
    };
    assert!(top.action::<EditItem>().is_some());
    let form = &top.form;
    let error = form.error.clone().unwrap_or_default();
    assert!(error.contains("other-manager"), "{error}");
    assert_eq!(form.value("Name"), format!("{} (revised)", row.name));
    assert!(form.dirty);
    assert_eq!(status_kind(&app), Some(StatusKind::Error));
    assert!(status_text(&app).contains("other-manager"));

    let item = app.store().revenue_item(row.id).unwrap();
    assert_eq!(item.name, row.name, "nothing of the stale form was saved");
    assert_eq!(item.planned_invoice_date, date(2027, 1, 15));
    assert_eq!(item.updated_by, "other-manager");
}

#[test]
fn typing_q_and_digits_in_a_form_field_never_quits_or_switches_tabs() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '2');
    ch(app, 'n');
    typ(app, "q123");
    key(app, KeyCode::Tab);
    typ(app, "q 2 3 ? /");
    assert!(!app.should_quit());
    assert!(app.screens.is_current::<RevenueItems>());
    let Some(Overlay::Form(top)) = app.overlays.last() else {
        panic!("the form stays on top");
    };
    let form = &top.form;
    assert_eq!(form.value("Project"), "q123");
    assert_eq!(form.value("Name"), "q 2 3 ? /");

    // Esc asks before throwing typed text away.
    key(app, KeyCode::Esc);
    assert_eq!(dialog_title(app).as_deref(), Some("Discard changes"));
    ch(app, 'y');
    assert!(app.overlays.is_empty());

    // The filter line and the quick edit take the same keys as text.
    ch(app, '/');
    typ(app, "q3");
    assert!(!app.should_quit());
    assert!(app.screens.is_current::<RevenueItems>());
    assert_eq!(items(app).list.filter.text, "q3");
    key(app, KeyCode::Esc);
    // (An item whose amount may change: any other is refused at `m`.)
    seek_item_with(app, 100, is_manual_open);
    ch(app, 'm');
    typ(app, "q1");
    assert!(!app.should_quit());
    assert!(app.screens.is_current::<RevenueItems>());
    key(app, KeyCode::Esc);

    // Where no text is typed, q quits.
    ch(app, 'q');
    assert!(app.should_quit());
}

#[test]
fn question_mark_opens_help_for_the_current_screen_and_esc_closes_it() {
    let mut f = demo_app();
    let app = &mut f.app;
    for (c, ctx) in [
        ('1', FINANCE_CONTROL),
        ('2', REVENUE_ITEMS),
        ('3', INVOICES),
    ] {
        ch(app, c);
        ch(app, '?');
        assert!(
            matches!(app.overlays.last(), Some(Overlay::Help { context, scroll: 0 }) if *context == ctx),
            "{ctx:?}"
        );
        assert_eq!(app.context(), HELP);
        key(app, KeyCode::Esc);
        assert!(app.overlays.is_empty());
        assert_eq!(app.context(), ctx);
    }
    // Over a view: help for the view, and Esc goes back to it.
    key(app, KeyCode::Enter);
    assert_eq!(app.context(), DRAFT_VIEW);
    ch(app, '?');
    assert!(matches!(
        app.overlays.last(),
        Some(Overlay::Help { context, .. }) if *context == DRAFT_VIEW
    ));
    key(app, KeyCode::Esc);
    assert_eq!(app.context(), DRAFT_VIEW);
}

#[test]
fn a_selects_every_row_the_filter_shows_and_the_footer_sums_them() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, 'a');
    let totals = finance(app).list.totals.clone().unwrap();
    let count: i64 = totals.iter().map(|t| t.count).sum();
    assert_eq!(finance(app).list.selection.len() as i64, count);
    assert_eq!(finance(app).list.selection.totals(), totals);
    let footer = format!(
        "selected {count} · {}",
        amounts_line(
            finctl::domain::NumberFormat::CommaPoint,
            totals.iter().map(|t| t.amount)
        )
    );
    let text = draw(app, 160, 48, &Theme::plain()).backend().to_string();
    assert!(text.contains(&footer), "{footer}\n{text}");

    ch(app, 'a');
    assert!(finance(app).list.selection.is_empty(), "a again unselects");

    // With a filter: only what it shows.
    ch(app, '/');
    typ(app, "P-0010");
    key(app, KeyCode::Enter);
    ch(app, 'a');
    let totals = finance(app).list.totals.clone().unwrap();
    let count: i64 = totals.iter().map(|t| t.count).sum();
    assert!(count > 0 && count < 31, "{count}");
    assert_eq!(finance(app).list.selection.len() as i64, count);
    assert_eq!(finance(app).list.selection.totals(), totals);
    let sum: Decimal = totals.iter().map(|t| t.amount.amount).sum();
    let picked: Decimal = finance(app)
        .list
        .selection
        .totals()
        .iter()
        .map(|t| t.amount.amount)
        .sum();
    assert_eq!(picked, sum);
}

#[test]
fn slash_filter_narrows_the_list_as_you_type_and_esc_clears_it() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '2');
    let all = shown(&items(app).list);
    assert_eq!(all, 300);
    ch(app, '/');
    assert_eq!(app.context(), FILTER_INPUT);
    let mut last = all;
    for c in "P-0010".chars() {
        ch(app, c);
        let now = shown(&items(app).list);
        assert!(now <= last, "typing {c} widened the list: {last} -> {now}");
        last = now;
    }
    assert!(last > 0 && last < all, "{last}");
    assert_eq!(items(app).list.filter.text, "P-0010");
    let (rows, _) = items(app).list.view.visible();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r.project == "P-0010"));

    key(app, KeyCode::Esc);
    assert!(items(app).list.filter_input.is_none());
    assert_eq!(items(app).list.filter.text, "");
    assert_eq!(shown(&items(app).list), all);
    assert_eq!(status_text(app), "filter cleared");
    assert_eq!(app.context(), REVENUE_ITEMS);
}

#[test]
fn a_viewer_pressing_b_is_refused_naming_the_role() {
    let f = demo_app();
    let mut viewer = app_as(&f.path, "viewer-user");
    assert_eq!(viewer.store().actor().role, Role::Viewer);
    ch(&mut viewer, '2');
    let row = seek_item_with(&mut viewer, 100, is_manual_open);
    ch(&mut viewer, 'b');
    assert_eq!(status_kind(&viewer), Some(StatusKind::Error));
    let msg = status_text(&viewer);
    assert!(msg.contains("viewer-user is viewer"), "{msg}");
    assert!(msg.contains("only managers, finance and admins"), "{msg}");
    let item = viewer.store().revenue_item(row.id).unwrap();
    assert_eq!(item.status, RevenueStatus::Open);
    assert_eq!(item.version, row.version);
}

#[test]
fn a_quick_edit_of_a_selected_item_keeps_the_selection_current() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '2');
    let row = seek_item_with(app, 100, is_manual_open);
    ch(app, ' ');
    ch(app, 'k');
    assert_eq!(current_item(app).unwrap().id, row.id);
    ch(app, 'm');
    backspace(app, 20);
    typ(app, "1.00");
    key(app, KeyCode::Enter);
    assert!(items(app).list.quick.is_none(), "{}", status_text(app));
    assert!(items(app).list.selection.contains(row.id));
    let picked: Decimal = items(app)
        .list
        .selection
        .totals()
        .iter()
        .map(|t| t.amount.amount)
        .sum();
    assert_eq!(picked, dec("1.00"), "the footer sums the amount saved");
    ch(app, 'b');
    assert_eq!(status_text(app), "1 item(s) set billable");
    assert_eq!(
        app.store().revenue_item(row.id).unwrap().status,
        RevenueStatus::Billable
    );
}

#[test]
fn d_on_a_draft_line_changes_its_description_with_history() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '3');
    let draft = invoices(app).view.current().expect("an invoice").clone();
    assert!(draft.number.is_none(), "the newest invoice is a draft");
    key(app, KeyCode::Enter);
    ch(app, 'd');
    assert!(matches!(app.overlays.last(), Some(Overlay::Form(..))));
    // Clear the field, type the new text, Enter on the only field saves.
    for _ in 0..80 {
        key(app, KeyCode::Backspace);
    }
    typ(app, "Consulting, as agreed");
    key(app, KeyCode::Enter);
    assert_eq!(status_kind(app), Some(StatusKind::Info), "{:?}", app.status);
    let inv = app.store().invoice(draft.id).unwrap();
    assert_eq!(inv.lines[0].description, "Consulting, as agreed");
    let history = app.store().history_of("invoice", draft.id).unwrap();
    assert!(
        history.iter().any(|c| c.field == "line 1 description"
            && c.new.as_deref() == Some("Consulting, as agreed"))
    );
    // The view shows the new text.
    match app.top_view::<InvoiceView>() {
        Some(v) => assert_eq!(v.invoice.lines[0].description, "Consulting, as agreed"),
        None => panic!("the invoice view stays open"),
    }
}

#[test]
fn h_changes_the_finance_control_horizon() {
    let mut f = demo_app();
    let app = &mut f.app;
    let before = shown(&finance(app).list);
    ch(app, 'h');
    for _ in 0..12 {
        key(app, KeyCode::Backspace);
    }
    typ(app, "2027-13-01");
    key(app, KeyCode::Enter);
    // A bad date stays in the form with its error.
    assert!(matches!(app.overlays.last(), Some(Overlay::Form(..))));
    for _ in 0..12 {
        key(app, KeyCode::Backspace);
    }
    key(app, KeyCode::Enter);
    assert!(app.overlays.is_empty(), "an empty horizon means no limit");
    let all = shown(&finance(app).list);
    assert!(all > before, "{all} > {before}");
    ch(app, 'h');
    typ(app, "2026-01-01");
    key(app, KeyCode::Enter);
    assert_eq!(finance(app).list.filter.due_until, Some(date(2026, 1, 1)));
    assert!(shown(&finance(app).list) < before);
}
