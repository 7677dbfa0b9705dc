//! From a revenue item to the invoice it is on (`I`: on screens 1 and 2 and in its summary),
//! and from an invoice line to its item's summary (`Enter` in the invoice view); `Esc` goes
//! back to where the user was, and going to and fro never piles views up.

use crate::support;

use crossterm::event::KeyCode;
use finctl::app::App;
use finctl::app::invoices::InvoiceView;
use finctl::app::revenue_item::ItemSummary;
use finctl::app::status_line::StatusKind;
use finctl::domain::revenue_status::RevenueStatus;
use support::console::*;

fn top_invoice(app: &App) -> Option<i64> {
    app.top_view::<InvoiceView>().map(|v| v.invoice.id)
}

fn top_item(app: &App) -> Option<i64> {
    app.top_view::<ItemSummary>().map(|s| s.item.id)
}

/// The invoice (not credit note) an item is on, as the store says.
fn invoice_of(app: &App, item: i64) -> i64 {
    app.store()
        .invoice_of_item(item)
        .unwrap()
        .expect("the item is on an invoice")
}

#[test]
fn i_on_an_invoiced_item_opens_its_invoice_and_esc_comes_back_to_the_list() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '2');
    let row = seek_item(app, 300, |r| r.status == RevenueStatus::Invoiced);
    ch(app, 'I');
    assert_eq!(
        top_invoice(app),
        Some(invoice_of(app, row.id)),
        "{}",
        status_text(app)
    );
    let v = app.top_view::<InvoiceView>().unwrap();
    assert!(
        v.invoice.number.is_some(),
        "an invoiced item's invoice is confirmed"
    );
    assert!(
        v.invoice
            .lines
            .iter()
            .any(|l| l.revenue_item_id == Some(row.id)),
        "the item is one of its lines"
    );
    key(app, KeyCode::Esc);
    assert!(app.overlays.is_empty());
    assert_eq!(
        current_item(app).map(|r| r.id),
        Some(row.id),
        "the cursor stays"
    );
}

#[test]
fn i_on_finance_control_opens_the_draft_an_item_is_on() {
    let mut f = demo_app();
    let app = &mut f.app;
    let row = seek_item(app, 200, |r| r.status == RevenueStatus::DraftInvoice);
    ch(app, 'I');
    assert_eq!(top_invoice(app), row.draft_invoice);
    assert!(
        app.top_view::<InvoiceView>()
            .is_some_and(|v| v.invoice.number.is_none()),
        "a draft"
    );
    key(app, KeyCode::Esc);
    assert!(app.overlays.is_empty());
}

#[test]
fn an_item_on_no_invoice_says_so() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '2');
    let row = seek_item(app, 300, |r| r.status == RevenueStatus::Open);
    ch(app, 'I');
    assert!(app.overlays.is_empty());
    assert_eq!(app.status.get().map(|s| s.kind), Some(StatusKind::Error));
    assert!(
        status_text(app).contains(&format!("item {} is on no invoice yet: it is open", row.id)),
        "{}",
        status_text(app)
    );
}

#[test]
fn from_the_summary_to_the_invoice_and_back_without_piling_views_up() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '2');
    let row = seek_item(app, 300, |r| r.status == RevenueStatus::Invoiced);
    key(app, KeyCode::Enter);
    assert_eq!(top_item(app), Some(row.id));
    ch(app, 'I');
    let invoice = invoice_of(app, row.id);
    assert_eq!(top_invoice(app), Some(invoice));
    assert_eq!(app.overlays.len(), 2, "over the summary");
    // Enter on the item's own line goes back to its summary, not a second one.
    let at = app
        .top_view::<InvoiceView>()
        .unwrap()
        .invoice
        .lines
        .iter()
        .position(|l| l.revenue_item_id == Some(row.id))
        .expect("its line");
    for _ in 0..at {
        ch(app, 'j');
    }
    key(app, KeyCode::Enter);
    assert_eq!(top_item(app), Some(row.id));
    assert_eq!(app.overlays.len(), 1);
    // Again to the invoice, then Esc: the summary, then the list.
    ch(app, 'I');
    assert_eq!(top_invoice(app), Some(invoice));
    key(app, KeyCode::Esc);
    assert_eq!(top_item(app), Some(row.id));
    key(app, KeyCode::Esc);
    assert!(app.overlays.is_empty());
}

#[test]
fn enter_on_an_invoice_line_opens_its_item_and_i_returns_to_the_invoice() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '3');
    while invoices(app).view.current().expect("invoices").lines < 2 {
        ch(app, 'j');
    }
    let doc = invoices(app).view.current().cloned().expect("an invoice");
    key(app, KeyCode::Enter);
    assert_eq!(top_invoice(app), Some(doc.id));
    ch(app, 'j');
    let line = app.top_view::<InvoiceView>().unwrap().invoice.lines[1].clone();
    let item = line.revenue_item_id.expect("a line made from an item");
    key(app, KeyCode::Enter);
    assert_eq!(top_item(app), Some(item), "{}", status_text(app));
    assert_eq!(app.overlays.len(), 2);
    // I on the summary: the invoice under it is the item's: back to it, its line under the
    // cursor still.
    ch(app, 'I');
    assert_eq!(app.overlays.len(), 1);
    assert_eq!(top_invoice(app), Some(doc.id));
    assert_eq!(app.top_view::<InvoiceView>().unwrap().cursor, 1);
    // Enter again, then Esc: back on the invoice; Esc: the list.
    key(app, KeyCode::Enter);
    key(app, KeyCode::Esc);
    assert_eq!(top_invoice(app), Some(doc.id));
    key(app, KeyCode::Esc);
    assert!(app.overlays.is_empty());
    assert_eq!(invoices(app).view.current().map(|r| r.id), Some(doc.id));
}
