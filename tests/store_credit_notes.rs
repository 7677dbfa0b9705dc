//! Credit notes through the store: only of confirmed invoices, never more than is left on a
//! line (draft credit notes count), and only a fully credited item can be billed again.

use crate::support;

use finctl::domain::numbering::DocumentKind;
use finctl::domain::revenue_status::RevenueStatus;
use support::store::*;
use support::*;

#[test]
fn credit_notes_never_credit_more_than_is_left() {
    let mut c = Company::new();
    let (acme, globex) = c.confirmed_invoices();

    // Only confirmed invoices are credited.
    let draft_items = c
        .store
        .create_revenue_items(&[fixed_item(
            c.p1,
            "Later",
            "10.00",
            "24",
            RevenueStatus::Billable,
        )])
        .unwrap();
    let draft = c
        .store
        .make_drafts(&draft_items, draft_day())
        .unwrap()
        .invoices[0];
    assert_eq!(
        refused(c.store.create_credit_note(draft, None, confirm_day())),
        "only a confirmed invoice can be credited: confirm the draft first"
    );

    // Acme: credit the whole invoice.
    let inv = c.store.invoice(acme).unwrap();
    let creditable = c.store.creditable(acme).unwrap();
    assert_eq!(
        creditable,
        inv.lines.iter().map(|l| (l.id, l.net)).collect::<Vec<_>>()
    );
    let cn = c
        .store
        .create_credit_note(acme, None, confirm_day())
        .unwrap();
    let note = c.store.invoice(cn).unwrap();
    assert_eq!(note.kind, DocumentKind::CreditNote);
    assert_eq!(note.credited_invoice_id, Some(acme));
    assert_eq!(note.credited_invoice_number.as_deref(), Some("2026-000001"));
    assert_eq!(
        (note.net, note.vat, note.gross),
        (inv.net, inv.vat, inv.gross)
    );
    assert_eq!(
        note.lines
            .iter()
            .map(|l| l.credited_line_id)
            .collect::<Vec<_>>(),
        inv.lines.iter().map(|l| Some(l.id)).collect::<Vec<_>>()
    );
    // A second credit, even while the first is a draft, finds nothing left.
    let line1 = inv.lines[0].id;
    assert_eq!(
        refused(
            c.store
                .create_credit_note(acme, Some(&[(line1, d("1.00"))]), confirm_day())
        ),
        "line 1: only 0.00 is left to credit on this line (net 1,000.00, credited 1,000.00 so far, \
         drafts included)"
    );
    let conf = c.store.confirm(cn, confirm_day()).unwrap();
    assert_eq!(conf.number, "CN-2026-000001");
    assert!(
        c.store
            .creditable(acme)
            .unwrap()
            .iter()
            .all(|(_, left)| left.is_zero())
    );
    assert_eq!(
        refused(c.store.create_credit_note(acme, None, confirm_day())),
        "nothing left to credit on this invoice"
    );
    let msg = refused(
        c.store
            .create_credit_note(acme, Some(&[(line1, d("0.01"))]), confirm_day()),
    );
    assert!(msg.starts_with("line 1: only 0.00 is left"), "{msg}");
    // The credited invoice itself is unchanged.
    assert_eq!(c.store.invoice(acme).unwrap(), inv);

    // Globex: partial credits within what is left.
    let g = c.store.invoice(globex).unwrap();
    let gline = g.lines[0].id;
    let foreign_line = inv.lines[1].id;
    assert_eq!(
        refused(c.store.create_credit_note(
            globex,
            Some(&[(foreign_line, d("1.00"))]),
            confirm_day()
        )),
        format!("line {foreign_line} is not on invoice 2026-000002")
    );
    assert_eq!(
        refused(
            c.store
                .create_credit_note(globex, Some(&[(gline, d("-5.00"))]), confirm_day())
        ),
        "line 1: a credit amount cannot be negative"
    );
    assert_eq!(
        refused(
            c.store
                .create_credit_note(globex, Some(&[(gline, d("2000.01"))]), confirm_day())
        ),
        "line 1: only 2,000.00 is left to credit on this line (net 2,000.00, credited 0.00 so far, \
         drafts included)"
    );
    let part = c
        .store
        .create_credit_note(globex, Some(&[(gline, d("1500.00"))]), confirm_day())
        .unwrap();
    assert_eq!(c.store.invoice(part).unwrap().gross, d("1500.00"));
    assert_eq!(
        c.store.confirm(part, confirm_day()).unwrap().number,
        "CN-2026-000002"
    );
    assert_eq!(c.store.creditable(globex).unwrap(), [(gline, d("500.00"))]);
    let msg = refused(c.store.create_credit_note(
        globex,
        Some(&[(gline, d("500.01"))]),
        confirm_day(),
    ));
    assert!(msg.contains("only 500.00 is left"), "{msg}");
    // A draft credit note counts too: two drafts cannot over-credit together.
    let rest = c
        .store
        .create_credit_note(globex, Some(&[(gline, d("500.00"))]), confirm_day())
        .unwrap();
    let msg = refused(c.store.create_credit_note(
        globex,
        Some(&[(gline, d("0.01"))]),
        confirm_day(),
    ));
    // Issue "Records that hold": the refusal names what the draft credits already.
    assert_eq!(
        msg,
        "line 1: only 0.00 is left to credit on this line (net 2,000.00, credited 2,000.00 so \
         far, drafts included)"
    );
    // Nor can an edit of the draft's amount.
    let rest_doc = c.store.invoice(rest).unwrap();
    let msg = refused(c.store.set_draft_line_amount(
        rest,
        rest_doc.version,
        rest_doc.lines[0].id,
        d("500.01"),
        "more",
    ));
    assert_eq!(
        msg,
        "only 500.00 is left to credit on this line (net 2,000.00, credited 1,500.00 so far, \
         drafts included)"
    );

    // Partly credited: the hosting item stays invoiced.
    let change = c
        .store
        .set_status(
            &[(c.hosting, version(&c.store, c.hosting))],
            RevenueStatus::Billable,
        )
        .unwrap();
    assert!(change.changed.is_empty());
    assert_eq!(
        change.refused,
        [(
            c.hosting,
            "the item is invoiced: only a fully credited item can be made billable again"
                .to_string()
        )]
    );
    c.store.confirm(rest, confirm_day()).unwrap();
    // Fully credited now: it can be billed again.
    let change = c
        .store
        .set_status(
            &[(c.hosting, version(&c.store, c.hosting))],
            RevenueStatus::Billable,
        )
        .unwrap();
    assert_eq!(change.changed, [c.hosting]);

    // The fully credited Acme items can be billed again, the T&M item re-collects its time.
    let items: Vec<(i64, i64)> = c
        .acme_billable()
        .iter()
        .map(|i| (*i, version(&c.store, *i)))
        .collect();
    let change = c.store.set_status(&items, RevenueStatus::Billable).unwrap();
    assert_eq!(change.changed.len(), 4, "{change:?}");
    let tm = c.store.revenue_item(c.tm).unwrap();
    assert_eq!(
        (tm.status, tm.actual_amount),
        (RevenueStatus::Billable, None)
    );
    assert_eq!(
        count(
            &c.store,
            "SELECT count(*) FROM time_reports WHERE revenue_item_id = ?1",
            c.tm
        ),
        0
    );
    let made = c
        .store
        .make_drafts(&c.acme_billable(), date(2026, 4, 10))
        .unwrap();
    let rebill = c.store.invoice(made.invoices[0]).unwrap();
    assert_eq!(rebill.gross, inv.gross);
    assert_eq!(
        c.store
            .confirm(made.invoices[0], date(2026, 4, 10))
            .unwrap()
            .number,
        "2026-000003"
    );
    // Invoiced again and not credited this time: rejected is no way out.
    let change = c
        .store
        .set_status(
            &[(c.workshop, version(&c.store, c.workshop))],
            RevenueStatus::Rejected,
        )
        .unwrap();
    assert_eq!(
        change.refused,
        [(
            c.workshop,
            "the item is invoiced: only a fully credited item can be made billable again"
                .to_string()
        )]
    );
    c.assert_sound();
}

#[test]
fn a_credit_note_is_not_credited_again_draft_or_confirmed() {
    let mut c = Company::new();
    let (acme, _) = c.confirmed_invoices();
    let cn = c
        .store
        .create_credit_note(acme, None, confirm_day())
        .unwrap();
    let said = "a credit note is not credited again: credit the invoice it corrects (2026-000001)";
    assert_eq!(
        refused(c.store.create_credit_note(cn, None, confirm_day())),
        said
    );
    c.store.confirm(cn, confirm_day()).unwrap();
    assert_eq!(
        refused(c.store.create_credit_note(cn, None, confirm_day())),
        said
    );
    c.assert_sound();
}
