//! The invoicing flow through the store: drafts, time and materials, confirmation, credit
//! notes, draft edits and the change history, each ending with a clean `verify`.

mod support;

use finctl::domain::Currency;
use finctl::domain::numbering::DocumentKind;
use finctl::domain::status::RevenueStatus;
use finctl::store::documents::InvoiceStatus;
use finctl::store::revenue_items::ItemEdit;
use finctl::store::time_and_materials::CollectedLine;
use finctl::store::{Store, StoreError};
use rust_decimal::Decimal;
use support::store::*;
use support::*;

fn version(store: &Store, item: i64) -> i64 {
    store.revenue_item(item).unwrap().version
}

fn status(store: &Store, item: i64) -> RevenueStatus {
    store.revenue_item(item).unwrap().status
}

fn count(store: &Store, sql: &str, id: i64) -> i64 {
    store.conn().query_row(sql, [id], |r| r.get(0)).unwrap()
}

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
fn time_and_materials_collects_time_and_expenses_up_to_its_date() {
    let mut c = Company::new();
    let before = c.store.revenue_item(c.tm).unwrap();
    let preview = c.store.collected_lines(&before).unwrap();
    let made = c.store.make_drafts(&[c.tm], draft_day()).unwrap();
    let draft = c.store.invoice(made.invoices[0]).unwrap();
    assert_eq!(draft.lines.len(), 1);
    assert_eq!(draft.lines[0].net, d(TM_AMOUNT));

    let item = c.store.revenue_item(c.tm).unwrap();
    let collected = c.store.collected_lines(&item).unwrap();
    assert_eq!(collected, preview, "collects what it showed before");
    let time: Vec<_> = collected
        .iter()
        .filter_map(|l| match l {
            CollectedLine::Time {
                person,
                role,
                hours,
                rate,
                amount,
                ..
            } => Some((person.as_str(), role.as_str(), *hours, *rate, *amount)),
            _ => None,
        })
        .collect();
    assert_eq!(
        time,
        [
            ("ann", "dev", d("7.5"), d("100"), d("750.00")),
            // bob's own rate in the price list.
            ("bob", "dev", d("2"), d("110"), d("220.00")),
            // the project's pm rate overrides the price list's 120; 119.99997 rounds to 120.00.
            ("cat", "pm", d("1.333333"), d("90"), d("120.00")),
        ]
    );
    let expenses: Vec<_> = collected
        .iter()
        .filter_map(|l| match l {
            CollectedLine::Expense {
                description,
                amount,
                ..
            } => Some((description.as_str(), *amount)),
            _ => None,
        })
        .collect();
    assert_eq!(expenses, [("Train to Acme", d("123.45"))]);
    assert_eq!(
        collected.iter().map(|l| l.amount()).sum::<Decimal>(),
        d(TM_AMOUNT)
    );

    // The collected reports point at the item and keep the rate they were priced at; the
    // non-billable, later and other project's reports stay free.
    let rows: Vec<(String, String, Option<i64>)> = c
        .store
        .conn()
        .prepare(
            "SELECT person, work_date, rate_micros FROM time_reports WHERE revenue_item_id = ?1
             ORDER BY work_date",
        )
        .unwrap()
        .query_map([c.tm], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(
        rows,
        [
            ("ann".into(), "2026-03-02".into(), Some(100_000_000)),
            ("bob".into(), "2026-03-03".into(), Some(110_000_000)),
            ("cat".into(), "2026-03-04".into(), Some(90_000_000)),
        ]
    );
    assert_eq!(
        count(
            &c.store,
            "SELECT count(*) FROM time_reports WHERE revenue_item_id IS NULL AND ?1 > 0",
            1
        ),
        3
    );
    assert_eq!(
        count(
            &c.store,
            "SELECT count(*) FROM expenses WHERE revenue_item_id = ?1",
            c.tm
        ),
        1
    );
    let report_id: i64 = c
        .store
        .conn()
        .query_row(
            "SELECT id FROM time_reports WHERE person = 'bob'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let h = c.store.history_of("time_report", report_id).unwrap();
    let last = h.last().unwrap();
    assert_eq!(
        (
            last.field.as_str(),
            last.old.as_deref(),
            last.new.as_deref()
        ),
        (
            "revenue_item",
            None,
            Some(format!("{} at 110", c.tm).as_str())
        )
    );

    // A later item collects only what is left: the April time and the hotel.
    let mut later = fixed_item(c.p1, "Consulting April", "0", "24", RevenueStatus::Billable);
    later.billing_rule = finctl::store::revenue_items::BillingRuleName(
        finctl::domain::billing_rule::BillingRule::TimeAndMaterials,
    );
    later.planned_invoice_date = date(2026, 4, 30);
    // One with its own unit price on P2: 5h at 80.
    let mut priced = later.clone();
    priced.project_id = c.p2;
    priced.name = "P2 support".into();
    priced.unit_price = Some(d("80"));
    let ids = c.store.create_revenue_items(&[later, priced]).unwrap();
    let made = c.store.make_drafts(&ids, date(2026, 4, 30)).unwrap();
    let inv = c.store.invoice(made.invoices[0]).unwrap();
    let nets: Vec<_> = inv
        .lines
        .iter()
        .map(|l| (l.revenue_item_id.unwrap(), l.net))
        .collect();
    assert_eq!(nets, [(ids[0], d("600.00")), (ids[1], d("400.00"))]);
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

#[test]
fn a_deleted_item_id_is_not_reused() {
    let mut c = Company::new();
    let ids = c
        .store
        .create_revenue_items(&[fixed_item(
            c.p1,
            "Short-lived",
            "5.00",
            "24",
            RevenueStatus::Open,
        )])
        .unwrap();
    let max: i64 = c
        .store
        .conn()
        .query_row("SELECT max(id) FROM revenue_items", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ids[0], max, "the newest item has the largest id");
    c.store.delete_revenue_item(ids[0], 1).unwrap();
    let next = c
        .store
        .create_revenue_items(&[fixed_item(
            c.p1,
            "Newcomer",
            "6.00",
            "24",
            RevenueStatus::Open,
        )])
        .unwrap();
    assert_ne!(next[0], ids[0]);
    let old: Vec<_> = c
        .store
        .history_of("revenue_item", ids[0])
        .unwrap()
        .into_iter()
        .map(|r| r.field)
        .collect();
    assert_eq!(old, ["created", "deleted"]);
    let new = c.store.history_of("revenue_item", next[0]).unwrap();
    assert_eq!(new.len(), 1);
    assert!(new[0].new.as_deref().unwrap().contains("Newcomer"));
    c.assert_sound();
}

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
        "only a confirmed invoice can be credited"
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
        "line 1: only 0.00 is left to credit on this line (net 1000.00, credited 1000.00)"
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
        "line 1: only 2000.00 is left to credit on this line (net 2000.00, credited 0.00)"
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
    assert!(msg.contains("only 0.00 is left"), "{msg}");
    // Nor can an edit of the draft's amount.
    let rest_doc = c.store.invoice(rest).unwrap();
    let msg = refused(c.store.set_draft_line_amount(
        rest,
        rest_doc.version,
        rest_doc.lines[0].id,
        d("500.01"),
        "more",
    ));
    assert!(msg.contains("only 500.00 is left"), "{msg}");

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

#[test]
fn quick_edits_record_who_changed_what() {
    let mut c = Company::new();
    let mut mia = c.user("mia", finctl::domain::rights::Role::Manager);
    let before = mia.revenue_item(c.extra).unwrap();
    mia.update_revenue_item(
        c.extra,
        before.version,
        &ItemEdit {
            planned_invoice_date: Some(date(2026, 5, 31)),
            planned_amount: Some(d("262.505")),
            ..Default::default()
        },
    )
    .unwrap();
    let after = mia.revenue_item(c.extra).unwrap();
    assert_eq!(after.planned_invoice_date, date(2026, 5, 31));
    assert_eq!(
        after.planned_amount,
        d("262.51"),
        "rounded half away from zero"
    );
    assert_eq!(after.version, before.version + 1);
    assert_eq!(after.updated_by, "mia");
    let h = mia.history_of("revenue_item", c.extra).unwrap();
    assert_eq!(h[0].field, "created");
    assert_eq!(h[0].user, ADMIN);
    let rows: Vec<_> = h[1..]
        .iter()
        .map(|r| {
            (
                r.user.as_str(),
                r.version,
                r.field.as_str(),
                r.old.as_deref(),
                r.new.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("mia", 2, "planned_amount", Some("250.00"), Some("262.51")),
            (
                "mia",
                2,
                "planned_invoice_date",
                Some("2026-03-15"),
                Some("2026-05-31")
            ),
        ]
    );
    // An edit that changes nothing writes nothing.
    mia.update_revenue_item(
        c.extra,
        after.version,
        &ItemEdit {
            planned_amount: Some(d("262.51")),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(mia.revenue_item(c.extra).unwrap().version, after.version);
    assert_eq!(mia.history_of("revenue_item", c.extra).unwrap().len(), 3);

    // Status changes by hand, several at once, each in history.
    let change = mia
        .set_status(
            &[
                (c.extra, after.version),
                (c.waiting_item, version(&mia, c.waiting_item)),
            ],
            RevenueStatus::Billable,
        )
        .unwrap();
    assert_eq!(change.changed, [c.extra]);
    assert_eq!(
        change.refused,
        [(
            c.waiting_item,
            "the item waits for its milestone: mark the milestone reached first".to_string()
        )]
    );
    let last = mia
        .history_of("revenue_item", c.extra)
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(
        (
            last.user.as_str(),
            last.field.as_str(),
            last.old.as_deref(),
            last.new.as_deref()
        ),
        ("mia", "status", Some("open"), Some("billable"))
    );
    let change = mia
        .set_status(
            &[(c.extra, version(&mia, c.extra))],
            RevenueStatus::Invoiced,
        )
        .unwrap();
    assert!(change.changed.is_empty());
    assert_eq!(
        change.refused,
        [(
            c.extra,
            "only invoicing sets an item to draft invoice or invoiced".to_string()
        )]
    );

    // Items made by a milestone: only the planned invoice date can change.
    let m = mia.revenue_item(c.milestone_item).unwrap();
    assert_eq!(
        refused(mia.update_revenue_item(
            c.milestone_item,
            m.version,
            &ItemEdit {
                planned_amount: Some(d("1")),
                ..Default::default()
            }
        )),
        "made by a milestone: only the planned invoice date can be changed"
    );
    mia.update_revenue_item(
        c.milestone_item,
        m.version,
        &ItemEdit {
            planned_invoice_date: Some(date(2026, 3, 25)),
            ..Default::default()
        },
    )
    .unwrap();

    // Deleting an item keeps its fields in history.
    let extra = mia.revenue_item(c.extra).unwrap();
    mia.delete_revenue_item(c.extra, extra.version).unwrap();
    assert!(matches!(
        mia.revenue_item(c.extra),
        Err(StoreError::NotFound { .. })
    ));
    let last = mia
        .history_of("revenue_item", c.extra)
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(last.field, "deleted");
    assert_eq!(
        last.old.as_deref(),
        Some("Extra | fixed | 262.51 EUR | 2026-05-31")
    );
    c.assert_sound();
}

#[test]
fn negative_amounts_never_reach_an_invoice() {
    let mut c = Company::new();
    let id = c.acme_billable()[0];
    let item = c.store.revenue_item(id).unwrap();
    let edit = finctl::store::revenue_items::ItemEdit {
        planned_amount: Some(d("-100")),
        ..Default::default()
    };
    let err = c
        .store
        .update_revenue_item(id, item.version, &edit)
        .unwrap_err();
    assert!(err.to_string().contains("cannot be negative"), "{err}");
    let edit = finctl::store::revenue_items::ItemEdit {
        unit_price: Some(Some(d("-5"))),
        ..Default::default()
    };
    assert!(
        c.store
            .update_revenue_item(id, item.version, &edit)
            .is_err()
    );
    let edit = finctl::store::revenue_items::ItemEdit {
        planned_amount: Some(d("1000000000000")),
        ..Default::default()
    };
    assert!(
        c.store
            .update_revenue_item(id, item.version, &edit)
            .is_err()
    );
    assert!(c.store.verify().unwrap().is_empty());
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
