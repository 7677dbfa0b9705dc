//! Confirming drafts through the store: the number (gapless per series and year, credit notes
//! in their own series), the invoice date, the items invoiced and frozen; several at once with
//! the refusals named; nothing drafted or confirmed that changed since it was seen.

use crate::support;

use finctl::domain::invoice_status::InvoiceStatus;
use finctl::domain::revenue_status::RevenueStatus;
use finctl::store::revenue_items::ItemEdit;
use support::store::*;
use support::*;

#[test]
fn confirming_numbers_the_invoice_and_invoices_its_items() {
    let mut c = Company::new();
    let (acme, globex) = c.confirmed_invoices();
    let a = c.store.invoice(acme).unwrap();
    let g = c.store.invoice(globex).unwrap();
    assert_eq!(a.status, InvoiceStatus::Confirmed);
    assert_eq!(a.number.as_deref(), Some("2026-000001"));
    assert_eq!(g.number.as_deref(), Some("2026-000002"));
    // The invoice date is the day of confirmation; the payment period is kept.
    assert_eq!(a.invoice_date, confirm_day());
    assert_eq!(a.due_date, date(2026, 5, 2));
    assert_eq!(g.due_date, date(2026, 4, 16));
    assert_eq!(a.confirmed_by.as_deref(), Some(ADMIN));
    assert_eq!(
        c.store.invoice_id_by_number("2026-000001").unwrap(),
        Some(acme)
    );
    for id in c.acme_billable().into_iter().chain([c.hosting]) {
        assert_eq!(status(&c.store, id), RevenueStatus::Invoiced, "item {id}");
    }
    let h = c.store.history_of("invoice", acme).unwrap();
    let fields: Vec<_> = h
        .iter()
        .map(|r| (r.field.as_str(), r.new.as_deref()))
        .collect();
    assert!(
        fields.contains(&("status", Some("confirmed"))),
        "{fields:?}"
    );
    assert!(
        fields.contains(&("number", Some("2026-000001"))),
        "{fields:?}"
    );
    assert!(
        fields.contains(&("invoice_date", Some("2026-04-02"))),
        "{fields:?}"
    );

    // Confirming again is refused and names who did it; no number is used up.
    let msg = refused(c.store.confirm(acme, confirm_day()));
    assert!(
        msg.starts_with(&format!(
            "invoice {acme} was already confirmed as 2026-000001 by admin"
        )),
        "{msg}"
    );
    let last: i64 = c
        .store
        .conn()
        .query_row(
            "SELECT last_seq FROM number_series WHERE series = 'INV' AND year = 2026",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(last, 2);
    // Invoiced items are frozen.
    let msg = refused(c.store.update_revenue_item(
        c.workshop,
        version(&c.store, c.workshop),
        &ItemEdit {
            planned_amount: Some(d("1.00")),
            ..Default::default()
        },
    ));
    assert_eq!(msg, "the item is invoiced: its amount cannot be changed");
    let msg = refused(c.store.update_revenue_item(
        c.workshop,
        version(&c.store, c.workshop),
        &ItemEdit {
            name: Some("Renamed".into()),
            ..Default::default()
        },
    ));
    assert_eq!(msg, "the item is invoiced: it cannot be changed");
    let msg = refused(
        c.store
            .delete_revenue_item(c.workshop, version(&c.store, c.workshop)),
    );
    assert_eq!(msg, "the item is invoiced: it cannot be deleted");

    // A new year starts a new series at 1; credit notes have their own series.
    let next = c
        .store
        .create_revenue_items(&[fixed_item(
            c.p1,
            "January",
            "10.00",
            "24",
            RevenueStatus::Billable,
        )])
        .unwrap();
    let made = c.store.make_drafts(&next, date(2027, 1, 5)).unwrap();
    let conf = c.store.confirm(made.invoices[0], date(2027, 1, 5)).unwrap();
    assert_eq!(conf.number, "2027-000001");
    assert_eq!(conf.gross, d("12.40"));
    assert_eq!(conf.currency, "EUR");
    let cn = c
        .store
        .create_credit_note(globex, None, confirm_day())
        .unwrap();
    let conf = c.store.confirm(cn, confirm_day()).unwrap();
    assert_eq!(conf.number, "CN-2026-000001");
    c.assert_sound();
}

#[test]
fn confirm_many_reports_refusals_and_confirms_the_rest() {
    let mut c = Company::new();
    let mut ids = c.acme_billable();
    ids.push(c.hosting);
    let made = c.store.make_drafts(&ids, draft_day()).unwrap();
    c.store.confirm(made.invoices[1], confirm_day()).unwrap();
    let run = c.store.confirm_many(&made.invoices, confirm_day()).unwrap();
    assert_eq!(run.confirmed.len(), 1);
    assert_eq!(run.confirmed[0].id, made.invoices[0]);
    assert_eq!(run.confirmed[0].number, "2026-000002");
    assert_eq!(run.refused.len(), 1);
    assert_eq!(run.refused[0].0, made.invoices[1]);
    assert!(
        run.refused[0]
            .1
            .contains("already confirmed as 2026-000001"),
        "{:?}",
        run.refused
    );
    c.assert_sound();
}

#[test]
fn drafts_and_confirmations_refuse_what_changed_since_it_was_seen() {
    let mut c = Company::new();
    let id = c.acme_billable()[0];
    let seen = c.store.revenue_item(id).unwrap().version;
    let edit = finctl::store::revenue_items::ItemEdit {
        planned_amount: Some(d("1234.00")),
        ..Default::default()
    };
    c.store.update_revenue_item(id, seen, &edit).unwrap();
    let made = c
        .store
        .make_drafts_seen(&[(id, Some(seen))], draft_day())
        .unwrap();
    assert!(made.invoices.is_empty());
    assert!(
        made.skipped[0].1.contains("after you selected it"),
        "{:?}",
        made.skipped
    );
    // At the current version it goes through; a confirmation of a changed draft is refused.
    let now = c.store.revenue_item(id).unwrap().version;
    let draft = c
        .store
        .make_drafts_seen(&[(id, Some(now))], draft_day())
        .unwrap()
        .invoices[0];
    let inv = c.store.invoice(draft).unwrap();
    c.store
        .set_draft_dates(
            draft,
            inv.version,
            inv.invoice_date,
            inv.due_date + chrono::Days::new(1),
        )
        .unwrap();
    let run = c
        .store
        .confirm_seen(&[(draft, Some(inv.version))], confirm_day())
        .unwrap();
    assert!(run.confirmed.is_empty());
    assert!(
        run.refused[0].1.contains("was changed by"),
        "{:?}",
        run.refused
    );
    assert!(c.store.verify().unwrap().is_empty());
}

/// A confirmation moves its items to invoiced in one statement per document: each item is at
/// its next version, with one history row at that version, and the document stored is the one
/// hashed (its totals from its lines, the day's dates), as `verify` recomputes.
#[test]
fn each_confirmed_item_moves_one_version_with_its_history_row() {
    let mut c = Company::new();
    let mut ids = c.acme_billable();
    ids.push(c.hosting);
    let made = c.store.make_drafts(&ids, draft_day()).unwrap();
    let before: Vec<(i64, i64)> = ids.iter().map(|&id| (id, version(&c.store, id))).collect();
    let run = c.store.confirm_many(&made.invoices, confirm_day()).unwrap();
    assert_eq!(run.confirmed.len(), made.invoices.len());
    for (id, was) in before {
        assert_eq!(status(&c.store, id), RevenueStatus::Invoiced, "item {id}");
        let now = version(&c.store, id);
        assert_eq!(now, was + 1, "item {id}");
        let rows: Vec<_> = c
            .store
            .history_of("revenue_item", id)
            .unwrap()
            .into_iter()
            .filter(|r| r.version == now)
            .map(|r| (r.field, r.old, r.new, r.user))
            .collect();
        assert_eq!(
            rows,
            [(
                "status".to_string(),
                Some("draft_invoice".to_string()),
                Some("invoiced".to_string()),
                ADMIN.to_string()
            )],
            "item {id}"
        );
    }
    for id in &made.invoices {
        let inv = c.store.invoice(*id).unwrap();
        let totals = inv.computed_totals();
        assert_eq!(
            (inv.net, inv.vat, inv.gross),
            (totals.net, totals.vat, totals.gross)
        );
        assert_eq!(inv.invoice_date, confirm_day());
    }
    c.assert_sound();
}
