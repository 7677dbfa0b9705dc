//! `r` (credit) on the invoices screen and in an opened document: a confirmed invoice opens
//! the credit note form; a draft invoice is to be confirmed first; a credit note, draft or
//! confirmed, is never credited itself: the invoice it corrects is.

use crate::support;

use crossterm::event::KeyCode;
use finctl::app::App;
use finctl::app::status_line::StatusKind;
use finctl::domain::invoice_status::InvoiceStatus;
use finctl::domain::numbering::DocumentKind;
use finctl::store::Store;
use finctl::store::invoice_list::InvoiceListRow;
use support::console::*;

/// Moves down the invoices (screen 3) to the first row that `pred` takes.
fn seek(app: &mut App, pred: impl Fn(&InvoiceListRow) -> bool) -> InvoiceListRow {
    ch(app, '3');
    ch(app, 'g');
    for _ in 0..400 {
        let row = invoices(app).view.current().cloned().expect("invoice rows");
        if pred(&row) {
            return row;
        }
        ch(app, 'j');
    }
    panic!("no such invoice in the demo");
}

fn is_error(app: &App) -> bool {
    app.status.get().map(|s| s.kind) == Some(StatusKind::Error)
}

#[test]
fn r_on_a_confirmed_credit_note_says_to_credit_the_invoice_it_corrects() {
    let mut f = demo_app();
    let app = &mut f.app;
    let row = seek(app, |r| {
        r.kind == DocumentKind::CreditNote && r.status == InvoiceStatus::Confirmed
    });
    let corrected = row
        .credited_number
        .clone()
        .expect("a credit note names its invoice");
    let want = format!(
        "a credit note is not credited again: credit the invoice it corrects ({corrected})"
    );
    ch(app, 'r');
    assert!(app.overlays.is_empty(), "no form opens");
    assert_eq!(status_text(app), want);
    assert!(is_error(app));
    assert!(!status_text(app).contains("confirm the draft"));

    // The same in the credit note opened over the list.
    key(app, KeyCode::Enter);
    assert_eq!(app.overlays.len(), 1, "the credit note is open");
    ch(app, 'r');
    assert_eq!(app.overlays.len(), 1, "no form opens over it");
    assert_eq!(status_text(app), want);
}

#[test]
fn r_on_a_draft_credit_note_says_the_same_and_on_a_draft_invoice_to_confirm_it() {
    let mut f = demo_app();
    // A draft credit note of a confirmed invoice that has something left to credit.
    let mut store = Store::open(&f.path, USER).unwrap();
    let app = &mut f.app;
    let invoice = seek(app, |r| {
        r.kind == DocumentKind::Invoice
            && r.status == InvoiceStatus::Confirmed
            && store
                .creditable(r.id)
                .is_ok_and(|lines| lines.iter().all(|(_, left)| !left.is_zero()))
    });
    let note = store.create_credit_note(invoice.id, None, today()).unwrap();
    let number = invoice.number.clone().unwrap();
    ch(app, 'G');
    let row = seek(app, |r| r.id == note);
    assert_eq!(row.status, InvoiceStatus::Draft);
    ch(app, 'r');
    assert!(app.overlays.is_empty(), "no form opens");
    assert_eq!(
        status_text(app),
        format!("a credit note is not credited again: credit the invoice it corrects ({number})")
    );

    // A draft invoice: confirmed first, as before.
    seek(app, |r| {
        r.kind == DocumentKind::Invoice && r.status == InvoiceStatus::Draft
    });
    ch(app, 'r');
    assert!(app.overlays.is_empty(), "no form opens");
    assert_eq!(
        status_text(app),
        "only a confirmed invoice can be credited: confirm the draft first"
    );
    assert!(is_error(app));
}
