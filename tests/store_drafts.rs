//! Drafts through the store: billable items grouped into one draft per account and currency
//! (the others skipped, each with the rule that left it out), VAT once per rate, and a deleted
//! draft giving its items and their collected time back; each ends with a clean `verify`.

use crate::support;

use finctl::domain::Currency;
use finctl::domain::invoice_status::InvoiceStatus;
use finctl::domain::numbering::DocumentKind;
use finctl::domain::revenue_status::RevenueStatus;
use finctl::store::StoreError;
use rust_decimal::Decimal;
use support::store::*;
use support::*;

#[test]
fn drafts_are_grouped_by_account_and_currency() {
    let mut c = Company::new();
    let selection = [
        c.workshop,
        c.tm,
        c.hosting,
        c.extra,
        c.licences,
        c.planning,
        c.milestone_item,
        c.waiting_item,
    ];
    let made = c.store.make_drafts(&selection, draft_day()).unwrap();
    assert_eq!(made.invoices.len(), 2, "one draft per account and currency");

    // Skipped, each with the rule that left it out.
    let skipped: Vec<(i64, &str)> = made.skipped.iter().map(|(i, m)| (*i, m.as_str())).collect();
    assert_eq!(skipped.len(), 3, "{skipped:?}");
    let reason = |id: i64| {
        skipped
            .iter()
            .find(|(i, _)| *i == id)
            .unwrap_or_else(|| panic!("item {id} not skipped"))
            .1
    };
    assert_eq!(
        reason(c.extra),
        format!("item {} is open, not billable", c.extra)
    );
    assert_eq!(
        reason(c.waiting_item),
        format!("item {} is open, not billable", c.waiting_item)
    );
    assert_eq!(
        reason(c.planning),
        "project P3 is planned: only launched projects are invoiced"
    );
    for id in [c.extra, c.planning, c.waiting_item] {
        assert_ne!(status(&c.store, id), RevenueStatus::DraftInvoice);
    }

    let drafts: Vec<_> = made
        .invoices
        .iter()
        .map(|id| c.store.invoice(*id).unwrap())
        .collect();
    let acme = drafts.iter().find(|i| i.account_id == c.acme).unwrap();
    let globex = drafts.iter().find(|i| i.account_id == c.globex).unwrap();

    // Acme: four items from two projects on one EUR draft, one line each, in selection order.
    assert_eq!(acme.kind, DocumentKind::Invoice);
    assert_eq!(acme.status, InvoiceStatus::Draft);
    assert_eq!(acme.number, None);
    assert_eq!(acme.currency, Currency::EUR);
    assert_eq!(acme.account_name, "Acme");
    assert_eq!(acme.invoice_date, draft_day());
    assert_eq!(acme.due_date, date(2026, 4, 30), "30 days of payment terms");
    let lines: Vec<_> = acme
        .lines
        .iter()
        .map(|l| {
            (
                l.position,
                l.revenue_item_id.unwrap(),
                l.project_code.as_str(),
                l.net,
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            (1, c.workshop, "P1", d("1000.00")),
            (2, c.tm, "P1", d(TM_AMOUNT)),
            (3, c.licences, "P2", d("500.00")),
            (4, c.milestone_item, "P1", d("300.00")),
        ]
    );
    assert_eq!(acme.lines[0].description, "Workshop (invoice text)");
    assert!(
        acme.lines
            .iter()
            .all(|l| !l.description.contains("internal"))
    );
    // Totals: the sum of the lines; VAT once per rate from the summed nets.
    // 24%: (1000 + 1213.45 + 300) x 0.24 = 603.228 -> 603.23; 10%: 500 x 0.10 = 50.00.
    assert_eq!(acme.net, d("3013.45"));
    assert_eq!(acme.vat, d("653.23"));
    assert_eq!(acme.gross, d("3666.68"));
    assert_eq!(acme.net, acme.lines.iter().map(|l| l.net).sum::<Decimal>());
    let per_rate: Vec<_> = acme
        .computed_totals()
        .per_rate
        .iter()
        .map(|r| (r.rate, r.base, r.vat))
        .collect();
    assert_eq!(
        per_rate,
        [
            (d("24"), d("2513.45"), d("603.23")),
            (d("10"), d("500.00"), d("50.00"))
        ]
    );

    // Globex: its own USD draft.
    assert_eq!(globex.currency, Currency::USD);
    assert_eq!(globex.lines.len(), 1);
    assert_eq!(globex.lines[0].revenue_item_id, Some(c.hosting));
    assert_eq!(
        (globex.net, globex.vat, globex.gross),
        (d("2000.00"), d("0.00"), d("2000.00"))
    );
    assert_eq!(globex.due_date, date(2026, 4, 14));

    for id in [c.workshop, c.tm, c.licences, c.milestone_item, c.hosting] {
        let item = c.store.revenue_item(id).unwrap();
        assert_eq!(item.status, RevenueStatus::DraftInvoice, "item {id}");
        assert!(item.actual_amount.is_some());
    }
    assert_eq!(
        c.store.revenue_item(c.tm).unwrap().actual_amount,
        Some(d(TM_AMOUNT))
    );
    // Items already on a draft are not invoiced twice.
    let again = c.store.make_drafts(&[c.workshop], draft_day()).unwrap();
    assert!(again.invoices.is_empty());
    assert_eq!(
        again.skipped,
        [(
            c.workshop,
            format!("item {} is draft invoice, not billable", c.workshop)
        )]
    );
    c.assert_sound();
}

#[test]
fn vat_is_computed_per_rate_not_per_line() {
    let mut c = Company::new();
    let ids = c
        .store
        .create_revenue_items(&[
            fixed_item(c.u1, "Backup A", "0.10", "24", RevenueStatus::Billable),
            fixed_item(c.u1, "Backup B", "0.10", "24", RevenueStatus::Billable),
            fixed_item(c.u1, "Backup C", "0.10", "24", RevenueStatus::Billable),
        ])
        .unwrap();
    let made = c.store.make_drafts(&ids, draft_day()).unwrap();
    let inv = c.store.invoice(made.invoices[0]).unwrap();
    // Per line: 3 x round(0.024) = 0.06; per rate: round(0.30 x 0.24 = 0.072) = 0.07.
    assert_eq!(
        (inv.net, inv.vat, inv.gross),
        (d("0.30"), d("0.07"), d("0.37"))
    );
    c.assert_sound();
}

#[test]
fn deleting_a_draft_returns_items_and_releases_collected_time() {
    let mut c = Company::new();
    let made = c
        .store
        .make_drafts(&c.acme_billable(), draft_day())
        .unwrap();
    let id = made.invoices[0];
    let draft = c.store.invoice(id).unwrap();
    assert_eq!(
        count(
            &c.store,
            "SELECT count(*) FROM time_reports WHERE revenue_item_id = ?1",
            c.tm
        ),
        3
    );
    // Deleting needs the version the user saw; items on a draft cannot be deleted themselves.
    let stale = c.store.delete_draft(id, draft.version + 1);
    assert!(matches!(stale, Err(StoreError::Stale { .. })), "{stale:?}");
    let msg = refused(
        c.store
            .delete_revenue_item(c.workshop, version(&c.store, c.workshop)),
    );
    assert_eq!(msg, "the item is draft invoice: it cannot be deleted");

    c.store.delete_draft(id, draft.version).unwrap();
    assert!(matches!(
        c.store.invoice(id),
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(
        count(
            &c.store,
            "SELECT count(*) FROM invoice_lines WHERE invoice_id = ?1",
            id
        ),
        0
    );
    for item in c.acme_billable() {
        let it = c.store.revenue_item(item).unwrap();
        assert_eq!(it.status, RevenueStatus::Billable, "item {item}");
        assert_eq!(it.actual_amount, None);
        let h = c.store.history_of("revenue_item", item).unwrap();
        let status_rows: Vec<_> = h
            .iter()
            .filter(|r| r.field == "status")
            .map(|r| (r.old.as_deref(), r.new.as_deref()))
            .collect();
        assert_eq!(
            status_rows,
            [
                (Some("billable"), Some("draft_invoice")),
                (Some("draft_invoice"), Some("billable"))
            ]
        );
    }
    assert_eq!(
        count(
            &c.store,
            "SELECT count(*) FROM time_reports WHERE revenue_item_id = ?1",
            c.tm
        ),
        0
    );
    assert_eq!(
        count(
            &c.store,
            "SELECT count(*) FROM time_reports WHERE rate_micros IS NOT NULL AND ?1",
            1
        ),
        0
    );
    assert_eq!(
        count(
            &c.store,
            "SELECT count(*) FROM expenses WHERE revenue_item_id = ?1",
            c.tm
        ),
        0
    );
    let h = c.store.history_of("invoice", id).unwrap();
    assert_eq!(h.last().unwrap().field, "deleted");
    c.assert_sound();

    // Nothing was lost: the same items make the same draft again, under a new id, so that
    // the deleted draft's history stays its own.
    let again = c
        .store
        .make_drafts(&c.acme_billable(), draft_day())
        .unwrap();
    let redo = c.store.invoice(again.invoices[0]).unwrap();
    assert_eq!(
        (redo.net, redo.vat, redo.gross),
        (draft.net, draft.vat, draft.gross)
    );
    assert_ne!(redo.id, id, "a deleted draft's id is not reused");
    let old: Vec<_> = c
        .store
        .history_of("invoice", id)
        .unwrap()
        .into_iter()
        .map(|r| r.field)
        .collect();
    assert_eq!(old, ["created", "deleted"]);
    assert_eq!(c.store.history_of("invoice", redo.id).unwrap().len(), 1);
    c.assert_sound();
}

/// A draft's totals are computed from the lines as they are written (not read back): what is
/// stored, and what its creation's history row records, equal the lines' own totals with the
/// currency's decimals.
#[test]
fn a_new_drafts_stored_totals_and_creation_row_equal_its_lines() {
    let mut c = Company::new();
    let mut ids = c.acme_billable();
    ids.push(c.hosting);
    let made = c.store.make_drafts(&ids, draft_day()).unwrap();
    assert!(!made.invoices.is_empty());
    for id in made.invoices {
        let inv = c.store.invoice(id).unwrap();
        let totals = inv.computed_totals();
        assert_eq!(
            (inv.net, inv.vat, inv.gross),
            (totals.net, totals.vat, totals.gross)
        );
        let created = c
            .store
            .history_of("invoice", id)
            .unwrap()
            .into_iter()
            .find(|r| r.field == "created")
            .expect("a creation row");
        let fields: serde_json::Value =
            serde_json::from_str(created.new.as_deref().unwrap()).unwrap();
        assert_eq!(fields["lines"], inv.lines.len());
        assert_eq!(fields["net"], inv.net.to_string());
        assert_eq!(fields["vat"], inv.vat.to_string());
        assert_eq!(fields["gross"], inv.gross.to_string());
        assert_eq!(fields["due_date"], inv.due_date.to_string());
        assert_eq!(inv.net.scale(), 2, "{}", inv.net);
    }
    c.assert_sound();
}

/// An item given twice to `make_drafts_seen` is checked against the version given last, and
/// not at all when that one is `None` (as when the same id is given without a version).
#[test]
fn an_item_given_twice_is_checked_against_the_version_given_last() {
    let mut c = Company::new();
    let v = c.store.revenue_item(c.workshop).unwrap().version;
    let made = c
        .store
        .make_drafts_seen(
            &[(c.workshop, Some(v + 7)), (c.workshop, None)],
            draft_day(),
        )
        .unwrap();
    assert_eq!(made.skipped, vec![], "the last one asks for no check");
    assert_eq!(made.invoices.len(), 1);

    let v = c.store.revenue_item(c.hosting).unwrap().version;
    let made = c
        .store
        .make_drafts_seen(
            &[(c.hosting, Some(v + 7)), (c.hosting, Some(v))],
            draft_day(),
        )
        .unwrap();
    assert_eq!(made.skipped, vec![], "the last one is the version read");
    assert_eq!(made.invoices.len(), 1);

    let v = c.store.revenue_item(c.licences).unwrap().version;
    let made = c
        .store
        .make_drafts_seen(
            &[(c.licences, Some(v)), (c.licences, Some(v + 7))],
            draft_day(),
        )
        .unwrap();
    assert!(made.invoices.is_empty(), "the last one is stale");
    assert_eq!(made.skipped.len(), 1, "{:?}", made.skipped);
    assert!(
        made.skipped[0].1.contains("after you selected it"),
        "{}",
        made.skipped[0].1
    );
    c.assert_sound();
}
