//! The console's `/` with terms, and what is done to what a filter shows.
//!
//! - `status:rejected` lists the rejected items (a plain `rejected` found none); drafts and
//!   credit notes list on their own on screen 3.
//! - A term that does not read is said as it is typed; the list keeps the last filter that did.
//! - `a` selects every document a filter shows, so its drafts confirm together.
//! - `Delete` acts on the selection; making drafts of items past the horizon names them first.

use crate::support;

use crossterm::event::KeyCode;
use finctl::domain::invoice_status::InvoiceStatus;
use finctl::domain::numbering::DocumentKind;
use finctl::domain::revenue_status::RevenueStatus;
use finctl::ui::Theme;
use support::console::*;

fn count(app: &finctl::app::App, sql: &str) -> i64 {
    app.store().conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn shown(totals: &Option<Vec<finctl::store::list_query::CurrencyTotal>>) -> i64 {
    totals
        .as_ref()
        .expect("totals")
        .iter()
        .map(|t| t.count)
        .sum()
}

#[test]
fn status_terms_list_rejected_items_and_drafts() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '2');
    ch(app, '/');
    typ(app, "status:rejected");
    key(app, KeyCode::Enter);
    let rejected = count(
        app,
        "SELECT count(*) FROM revenue_items WHERE status = 'rejected'",
    );
    assert!(rejected > 0, "the demo has rejected items");
    assert_eq!(shown(&items(app).list.totals), rejected);
    let (rows, _) = items(app).list.view.visible();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r.status == RevenueStatus::Rejected));

    ch(app, '3');
    ch(app, '/');
    typ(app, "status:draft");
    key(app, KeyCode::Enter);
    let drafts = count(app, "SELECT count(*) FROM invoices WHERE status = 'draft'");
    assert!(drafts > 0);
    assert_eq!(shown(&invoices(app).list.totals), drafts);
    let (rows, _) = invoices(app).list.view.visible();
    assert!(rows.iter().all(|r| r.status == InvoiceStatus::Draft));

    key(app, KeyCode::Esc);
    ch(app, '/');
    typ(app, "kind:credit");
    key(app, KeyCode::Enter);
    let credits = count(
        app,
        "SELECT count(*) FROM invoices WHERE kind = 'credit_note'",
    );
    assert!(credits > 0);
    assert_eq!(shown(&invoices(app).list.totals), credits);
    let (rows, _) = invoices(app).list.view.visible();
    assert!(rows.iter().all(|r| r.kind == DocumentKind::CreditNote));
}

#[test]
fn a_term_that_does_not_read_is_said_as_it_is_typed() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '2');
    ch(app, '/');
    typ(app, "status:billable");
    let billable = shown(&items(app).list.totals);
    // Typing on: "status:billablex" does not read; the list keeps status:billable.
    typ(app, "x");
    let list = &items(app).list;
    assert_eq!(list.filter.text, "status:billable");
    let error = list.filter_error.clone().expect("an error while typing");
    assert!(
        error.contains("billablex") && error.contains("rejected"),
        "{error}"
    );
    assert_eq!(shown(&items(app).list.totals), billable);
    let text = draw(app, 80, 24, &Theme::plain()).backend().to_string();
    assert!(text.contains("/status:billablex"), "{text}");
    assert!(text.contains("is not a status"), "{text}");
    // Enter does not keep it: the input stays open with what was typed.
    key(app, KeyCode::Enter);
    assert!(
        status_text(app).contains("the filter does not read"),
        "{}",
        status_text(app)
    );
    assert_eq!(
        items(app).list.filter_input.as_deref(),
        Some("status:billablex")
    );
    // Mended, it reads again.
    backspace(app, 1);
    assert!(items(app).list.filter_error.is_none());
    key(app, KeyCode::Enter);
    assert!(items(app).list.filter_input.is_none());
    // A term another list takes is named with what this one takes.
    ch(app, '/');
    typ(app, " kind:credit");
    let error = items(app).list.filter_error.clone().unwrap();
    assert!(error.contains("this list has no kind"), "{error}");
    // Esc clears the filter and the error.
    key(app, KeyCode::Esc);
    assert!(items(app).list.filter_error.is_none());
    assert_eq!(items(app).list.filter.text, "");
}

#[test]
fn filter_error_line() {
    snapshot_both!("filter_error", |app| {
        ch(app, '2');
        ch(app, '/');
        typ(app, "amount:>10,000");
    });
}

/// `a` on the invoices screen was refused ("select invoices one by one"): now `status:draft`,
/// `a` and `c` confirm every draft the filter shows, in one dialog and one run.
#[test]
fn the_drafts_a_filter_shows_are_selected_and_confirmed_together() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '3');
    // Everything: confirmed ones among them, so `c` is refused and says how to pick drafts.
    ch(app, 'a');
    let all = count(app, "SELECT count(*) FROM invoices");
    assert_eq!(invoices(app).list.selection.len() as i64, all);
    ch(app, 'c');
    assert!(
        status_text(app).contains("status:draft"),
        "{}",
        status_text(app)
    );
    ch(app, 'a');
    assert!(invoices(app).list.selection.is_empty(), "a again unselects");

    ch(app, '/');
    typ(app, "status:draft");
    key(app, KeyCode::Enter);
    ch(app, 'a');
    let drafts = count(app, "SELECT count(*) FROM invoices WHERE status = 'draft'");
    assert!(drafts > 1, "{drafts}");
    assert_eq!(invoices(app).list.selection.len() as i64, drafts);
    ch(app, 'c');
    let text = draw(app, 160, 48, &Theme::plain()).backend().to_string();
    assert!(
        text.contains(&format!("Confirm {drafts} draft(s)")),
        "{text}"
    );
    ch(app, 'y');
    assert_eq!(
        count(app, "SELECT count(*) FROM invoices WHERE status = 'draft'"),
        0
    );
    assert!(
        status_text(app).starts_with(&format!("{drafts} confirmed: ")),
        "{}",
        status_text(app)
    );
    assert!(invoices(app).list.selection.is_empty());
}

/// `Delete` deleted the unselected row under the cursor and left the selected ones: now it
/// acts on the selection like `o` `b` `x`, after a dialog naming the count and the total, and an
/// item on an invoice among them is kept and named.
#[test]
fn delete_acts_on_the_selection() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '2');
    ch(app, '/');
    typ(app, "status:open");
    key(app, KeyCode::Enter);
    // Two items made by hand (plan and progress items are deleted with their plan or line).
    let mut open = Vec::new();
    while open.len() < 2 {
        let row = current_item(app).expect("open items made by hand");
        if is_manual_open(app.store(), &row) {
            open.push(row.id);
            ch(app, ' ');
        } else {
            ch(app, 'j');
        }
    }
    assert_eq!(items(app).list.selection.len(), 2);
    // An item on an invoice, selected as well (a new filter keeps the selection).
    ch(app, '/');
    backspace(app, 20);
    typ(app, "status:invoiced");
    key(app, KeyCode::Enter);
    let invoiced = current_item(app).expect("an invoiced item").id;
    ch(app, ' ');
    // The cursor now rests on another row, which is not selected and must stay.
    let under_cursor = current_item(app).expect("a row under the cursor").id;
    assert!(!items(app).list.selection.contains(under_cursor));
    assert_eq!(items(app).list.selection.len(), 3);
    key(app, KeyCode::Delete);
    let text = draw(app, 160, 48, &Theme::plain()).backend().to_string();
    assert!(text.contains("Delete 3 selected item(s)"), "{text}");
    ch(app, 'y');
    let exists = |app: &finctl::app::App, id: i64| {
        count(
            app,
            &format!("SELECT count(*) FROM revenue_items WHERE id = {id}"),
        ) == 1
    };
    for id in &open {
        assert!(!exists(app, *id), "item {id} was selected and stays");
    }
    assert!(exists(app, invoiced), "an invoiced item is kept");
    assert!(
        exists(app, under_cursor),
        "the row under the cursor was not selected"
    );
    let said = status_text(app);
    assert!(said.starts_with("2 item(s) deleted; 1 kept"), "{said}");
    assert!(said.contains(&format!("item {invoiced}")), "{said}");
    assert!(items(app).list.selection.is_empty());
}

/// Making drafts of items planned later than the horizon asks first and names them: items
/// selected before the horizon moved in are not drafted unseen.
#[test]
fn drafts_of_items_past_the_horizon_are_named_first() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '1');
    ch(app, 'G');
    let late = current_item(app).expect("a billable item");
    ch(app, ' ');
    // The horizon moves in before the selected item's date.
    ch(app, 'h');
    fill(app, "2026-11-01");
    key(app, KeyCode::Enter);
    assert!(late.planned_invoice_date > support::date(2026, 11, 1));
    ch(app, 'i');
    let text = draw(app, 160, 48, &Theme::plain()).backend().to_string();
    assert!(
        text.contains("1 of them planned after 2026-11-01"),
        "{text}"
    );
    assert!(
        text.contains(&format!("item {} {}", late.id, late.planned_invoice_date)),
        "{text}"
    );
    // n leaves it as it was.
    ch(app, 'n');
    assert!(late.draft_invoice.is_none());
    assert_eq!(
        count(
            app,
            &format!(
                "SELECT count(*) FROM revenue_items WHERE id = {} AND status = 'billable'",
                late.id
            )
        ),
        1
    );
}
