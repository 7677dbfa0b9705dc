//! What the database itself refuses, whoever asks: confirmed documents never change or go away,
//! the change history is append-only and invoice numbers never go back. And what the store
//! refuses on top.

use crate::support;

use rusqlite::Connection;
use support::store::*;
use support::*;

/// The message of a failed raw statement.
fn sql_error(r: rusqlite::Result<usize>) -> String {
    match r {
        Err(e) => e.to_string(),
        Ok(n) => panic!("the statement went through ({n} rows)"),
    }
}

fn raw(c: &Company) -> Connection {
    // A connection of its own, as any other program could open, not the store's.
    Connection::open(&c.path).unwrap()
}

#[test]
fn confirmed_invoices_cannot_be_changed_in_the_file() {
    let mut c = Company::new();
    let (acme, globex) = c.confirmed_invoices();
    let before = c.store.invoice(acme).unwrap();
    let line = before.lines[0].id;
    let db = raw(&c);
    let immutable = "confirmed invoices are immutable";

    let e = sql_error(db.execute(
        "UPDATE invoices SET net_minor = net_minor + 1 WHERE id = ?1",
        [acme],
    ));
    assert!(e.contains(immutable), "{e}");
    let e = sql_error(db.execute(
        "UPDATE invoices SET status = 'draft', number = NULL WHERE id = ?1",
        [acme],
    ));
    assert!(e.contains(immutable), "{e}");
    let e = sql_error(db.execute(
        "UPDATE invoice_lines SET net_minor = 1 WHERE id = ?1",
        [line],
    ));
    assert!(e.contains(immutable), "{e}");
    let e = sql_error(db.execute(
        "UPDATE invoice_lines SET description = 'other' WHERE invoice_id = ?1",
        [acme],
    ));
    assert!(e.contains(immutable), "{e}");
    let e = sql_error(db.execute("DELETE FROM invoice_lines WHERE id = ?1", [line]));
    assert!(e.contains(immutable), "{e}");
    let e = sql_error(db.execute("DELETE FROM invoices WHERE id = ?1", [globex]));
    assert!(e.contains("confirmed invoices cannot be deleted"), "{e}");
    let e = sql_error(db.execute(
        "INSERT INTO invoice_lines (invoice_id, position, project_id, description, quantity_micros,
            unit_price_micros, vat_rate_micros, net_minor)
         VALUES (?1, 99, ?2, 'smuggled', 1000000, 1000000, 0, 100)",
        [acme, c.p1],
    ));
    assert!(e.contains(immutable), "{e}");

    // A line of a draft cannot be moved onto a confirmed invoice either.
    let items = c
        .store
        .create_revenue_items(&[fixed_item(
            c.p1,
            "Later",
            "10.00",
            "24",
            finctl::domain::revenue_status::RevenueStatus::Billable,
        )])
        .unwrap();
    let draft = c.store.make_drafts(&items, draft_day()).unwrap().invoices[0];
    let e = sql_error(db.execute(
        "UPDATE invoice_lines SET invoice_id = ?1 WHERE invoice_id = ?2",
        [acme, draft],
    ));
    assert!(e.contains(immutable), "{e}");
    // Drafts are not frozen: the same statement on a draft goes through (rolled back here).
    {
        let mut db = raw(&c);
        let tx = db.transaction().unwrap();
        assert_eq!(
            tx.execute(
                "UPDATE invoices SET net_minor = net_minor + 1 WHERE id = ?1",
                [draft]
            )
            .unwrap(),
            1
        );
        assert_eq!(
            tx.execute("DELETE FROM invoice_lines WHERE invoice_id = ?1", [draft])
                .unwrap(),
            1
        );
        tx.rollback().unwrap();
    }

    assert_eq!(c.store.invoice(acme).unwrap(), before, "nothing changed");
    c.assert_sound();
}

#[test]
fn the_store_refuses_to_edit_confirmed_invoices() {
    let mut c = Company::new();
    let (acme, _) = c.confirmed_invoices();
    let inv = c.store.invoice(acme).unwrap();
    let expected = "invoice 2026-000001 is confirmed: it cannot be changed (raise a credit note)";
    assert_eq!(
        refused(
            c.store
                .set_draft_dates(acme, inv.version, date(2026, 4, 3), date(2026, 5, 3))
        ),
        expected
    );
    assert_eq!(
        refused(c.store.set_draft_line_amount(
            acme,
            inv.version,
            inv.lines[0].id,
            d("1.00"),
            "typo"
        )),
        expected
    );
    assert_eq!(refused(c.store.delete_draft(acme, inv.version)), expected);
    assert_eq!(c.store.invoice(acme).unwrap(), inv);
    c.assert_sound();
}

#[test]
fn the_change_history_is_append_only() {
    let mut c = Company::new();
    c.confirmed_invoices();
    let db = raw(&c);
    let rows: i64 = db
        .query_row("SELECT count(*) FROM change_history", [], |r| r.get(0))
        .unwrap();
    assert!(rows > 20);
    let append_only = "the change history is append-only";
    let e = sql_error(db.execute("UPDATE change_history SET user = 'nobody' WHERE id = 1", []));
    assert!(e.contains(append_only), "{e}");
    let e = sql_error(db.execute(
        "UPDATE change_history SET new = 'x' WHERE object = 'invoice'",
        [],
    ));
    assert!(e.contains(append_only), "{e}");
    let e = sql_error(db.execute("DELETE FROM change_history WHERE id = 1", []));
    assert!(e.contains(append_only), "{e}");
    let e = sql_error(db.execute("DELETE FROM change_history", []));
    assert!(e.contains(append_only), "{e}");
    let after: i64 = db
        .query_row("SELECT count(*) FROM change_history", [], |r| r.get(0))
        .unwrap();
    assert_eq!(after, rows);
    let first: String = db
        .query_row("SELECT user FROM change_history WHERE id = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(first, ADMIN);
    c.assert_sound();
}

#[test]
fn invoice_numbers_never_go_back() {
    let mut c = Company::new();
    c.confirmed_invoices();
    let db = raw(&c);
    let never = "invoice numbers are never reused";
    let e = sql_error(db.execute(
        "UPDATE number_series SET last_seq = last_seq - 1 WHERE series = 'INV'",
        [],
    ));
    assert!(e.contains(never), "{e}");
    let e = sql_error(db.execute("UPDATE number_series SET last_seq = 0", []));
    assert!(e.contains(never), "{e}");
    let e = sql_error(db.execute(
        "UPDATE number_series SET year = 2027 WHERE series = 'INV'",
        [],
    ));
    assert!(e.contains(never), "{e}");
    let e = sql_error(db.execute(
        "UPDATE number_series SET series = 'CN' WHERE series = 'INV'",
        [],
    ));
    assert!(e.contains(never), "{e}");
    let e = sql_error(db.execute("DELETE FROM number_series", []));
    assert!(e.contains(never), "{e}");
    let last: i64 = db
        .query_row(
            "SELECT last_seq FROM number_series WHERE series = 'INV' AND year = 2026",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(last, 2);
    // The next confirmation continues the series.
    let items = c
        .store
        .create_revenue_items(&[fixed_item(
            c.p1,
            "Later",
            "10.00",
            "24",
            finctl::domain::revenue_status::RevenueStatus::Billable,
        )])
        .unwrap();
    let draft = c.store.make_drafts(&items, draft_day()).unwrap().invoices[0];
    assert_eq!(
        c.store.confirm(draft, confirm_day()).unwrap().number,
        "2026-000003"
    );
    c.assert_sound();
}

#[test]
fn insert_or_replace_cannot_rewrite_what_is_final() {
    let mut c = Company::new();
    let (acme, _) = c.confirmed_invoices();
    let line = c.store.invoice(acme).unwrap().lines[0].id;
    let db = raw(&c);
    let e = sql_error(db.execute(
        "INSERT OR REPLACE INTO invoices SELECT * FROM invoices WHERE id = ?1",
        [acme],
    ));
    assert!(e.contains("never replaced"), "{e}");
    let e = sql_error(db.execute(
        "INSERT OR REPLACE INTO invoice_lines SELECT * FROM invoice_lines WHERE id = ?1",
        [line],
    ));
    assert!(e.contains("never replaced"), "{e}");
    let e = sql_error(db.execute(
        "INSERT OR REPLACE INTO number_series (series, year, last_seq) SELECT series, year, 0 FROM number_series",
        [],
    ));
    assert!(e.contains("never reused"), "{e}");
    assert!(c.store.verify().unwrap().is_empty());
}
