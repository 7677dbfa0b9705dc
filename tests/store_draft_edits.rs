//! Editing a draft through the store: a line amount needs a reason and lands in the change
//! history with the totals it moves; the due date never precedes the invoice date; confirming
//! keeps the days to pay.

use crate::support;

use finctl::store::StoreError;
use support::store::*;
use support::*;

#[test]
fn draft_edits_need_a_reason_and_land_in_history() {
    let mut c = Company::new();
    let id = c
        .store
        .make_drafts(&c.acme_billable(), draft_day())
        .unwrap()
        .invoices[0];
    let inv = c.store.invoice(id).unwrap();
    let line = &inv.lines[0];
    assert_eq!(line.revenue_item_id, Some(c.workshop));
    assert_eq!(
        refused(
            c.store
                .set_draft_line_amount(id, inv.version, line.id, d("900"), "  ")
        ),
        "give a reason for changing an amount"
    );
    assert_eq!(
        refused(
            c.store
                .set_draft_line_amount(id, inv.version, line.id, d("-1"), "refund")
        ),
        "an invoice line amount must be above zero: to leave the item out, delete the draft and make it again without it"
    );
    // Zero is refused too: a zero line would count as "fully credited" without a credit note.
    assert!(
        c.store
            .set_draft_line_amount(id, inv.version, line.id, d("0"), "free")
            .is_err()
    );
    c.store
        .set_draft_line_amount(
            id,
            inv.version,
            line.id,
            d("900"),
            "10% discount agreed with Acme",
        )
        .unwrap();
    let after = c.store.invoice(id).unwrap();
    assert_eq!(after.lines[0].net, d("900.00"));
    assert_eq!(after.net, inv.net - d("100"));
    // 24% base 2413.45 -> 579.228 -> 579.23; 10% 50.00.
    assert_eq!(after.vat, d("629.23"));
    assert_eq!(after.gross, after.net + after.vat);
    assert_eq!(after.version, inv.version + 1);
    let h = c.store.history_of("invoice", id).unwrap();
    let row = h
        .iter()
        .find(|r| r.field == "line 1 amount")
        .expect("line amount history");
    assert_eq!(row.user, ADMIN);
    assert_eq!(row.old.as_deref(), Some("1000.00"));
    assert_eq!(row.new.as_deref(), Some("900.00"));
    assert_eq!(row.reason.as_deref(), Some("10% discount agreed with Acme"));
    assert_eq!(row.version, after.version);
    let gross = h.iter().find(|r| r.field == "gross").unwrap();
    assert_eq!(
        (gross.old.as_deref(), gross.new.as_deref()),
        (Some("3666.68"), Some(after.gross.to_string().as_str()))
    );
    let item = c.store.revenue_item(c.workshop).unwrap();
    assert_eq!(item.actual_amount, Some(d("900.00")));
    let ih = c.store.history_of("revenue_item", c.workshop).unwrap();
    let last = ih.last().unwrap();
    assert_eq!(
        (last.field.as_str(), last.reason.as_deref()),
        ("actual_amount", Some("10% discount agreed with Acme"))
    );
    // The old version is stale now.
    let stale = c
        .store
        .set_draft_line_amount(id, inv.version, line.id, d("800"), "again");
    assert!(matches!(stale, Err(StoreError::Stale { .. })), "{stale:?}");

    // Dates: the due date cannot precede the invoice date; a change lands in history.
    assert_eq!(
        refused(
            c.store
                .set_draft_dates(id, after.version, date(2026, 4, 1), date(2026, 3, 31))
        ),
        "the due date cannot be before the invoice date"
    );
    c.store
        .set_draft_dates(id, after.version, date(2026, 4, 1), date(2026, 5, 15))
        .unwrap();
    let dated = c.store.invoice(id).unwrap();
    assert_eq!(
        (dated.invoice_date, dated.due_date),
        (date(2026, 4, 1), date(2026, 5, 15))
    );
    let h = c.store.history_of("invoice", id).unwrap();
    let due = h.iter().find(|r| r.field == "due_date").unwrap();
    assert_eq!(
        (due.old.as_deref(), due.new.as_deref()),
        (Some("2026-04-30"), Some("2026-05-15"))
    );
    // Saving the same dates again changes nothing that verify would miss.
    c.store
        .set_draft_dates(id, dated.version, dated.invoice_date, dated.due_date)
        .unwrap();
    c.assert_sound();
    // Confirming fixes the invoice date to the day, keeping the 44 days to pay.
    let dated = c.store.invoice(id).unwrap();
    c.store.confirm(id, confirm_day()).unwrap();
    let conf = c.store.invoice(id).unwrap();
    assert_eq!(conf.invoice_date, confirm_day());
    assert_eq!(conf.due_date, date(2026, 5, 16));
    assert_eq!(conf.gross, dated.gross);
    c.assert_sound();
}
