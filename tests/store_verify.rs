//! `verify` finds changes made in the file behind the store's back: on a copy of a database
//! with confirmed documents, the triggers are dropped and a row is changed, and verify must
//! name what was changed.

use crate::support;

use finctl::store::verify::Violation;
use finctl::store::{Store, StoreError};
use rusqlite::Connection;
use std::path::PathBuf;
use support::store::*;
use support::*;
use tempfile::TempDir;

/// A company with two confirmed invoices (2026-000001 Acme, 2026-000002 Globex) and a confirmed
/// partial credit note on the Globex one (CN-2026-000001).
struct Books {
    c: Company,
    acme: i64,
    globex: i64,
    credit_note: i64,
}

fn books() -> Books {
    let mut c = Company::new();
    let (acme, globex) = c.confirmed_invoices();
    let line = c.store.invoice(globex).unwrap().lines[0].id;
    let credit_note = c
        .store
        .create_credit_note(globex, Some(&[(line, d("250.00"))]), confirm_day())
        .unwrap();
    c.store.confirm(credit_note, confirm_day()).unwrap();
    c.assert_sound();
    Books {
        c,
        acme,
        globex,
        credit_note,
    }
}

/// A copy of `store`'s file, changed by `tamper` through a raw connection. The original is
/// left as it was.
fn tampered_copy(store: &Store, tamper: &str) -> (TempDir, PathBuf) {
    let (dir, path) = temp_db();
    store
        .conn()
        .execute("VACUUM INTO ?1", [path.to_str().unwrap()])
        .unwrap();
    // The copy keeps its database's key, as a restore does.
    std::fs::copy(
        finctl::store::chain_key_path(store.path()),
        finctl::store::chain_key_path(&path),
    )
    .unwrap();
    let raw = Connection::open(&path).unwrap();
    // As an attacker's script would run: without foreign keys.
    raw.execute_batch(&format!("PRAGMA foreign_keys = OFF; {tamper}"))
        .unwrap();
    (dir, path)
}

/// A copy of the books' file, changed by `tamper` through a raw connection, and what verify
/// says about it. The original is left as it was.
fn tampered(b: &Books, tamper: &str) -> (TempDir, PathBuf, Vec<Violation>) {
    let (dir, path) = tampered_copy(&b.c.store, tamper);
    let store = Store::open(&path, ADMIN).unwrap();
    let found = store.verify().unwrap();
    drop(store);
    assert!(
        b.c.store.verify().unwrap().is_empty(),
        "the original is untouched"
    );
    (dir, path, found)
}

fn messages<'a>(found: &'a [Violation], check: &str) -> Vec<&'a str> {
    found
        .iter()
        .filter(|v| v.check == check)
        .map(|v| v.message.as_str())
        .collect()
}

fn checks(found: &[Violation]) -> Vec<&'static str> {
    let mut c: Vec<_> = found.iter().map(|v| v.check).collect();
    c.dedup();
    c
}

#[test]
fn an_untampered_copy_verifies_clean() {
    let b = books();
    let (_dir, _path, found) = tampered(&b, "SELECT 1;");
    assert!(found.is_empty(), "{found:#?}");
}

/// SQLite's own page check (run beside the other checks on a connection of its own) finds an
/// index whose entries no longer match their rows, and its findings come first.
#[test]
fn an_index_out_of_step_with_its_table_is_found_by_the_page_check() {
    let b = books();
    let (_dir, _path, found) = tampered(
        &b,
        "PRAGMA writable_schema = ON;
         UPDATE sqlite_schema
            SET sql = 'CREATE INDEX revenue_items_date ON revenue_items (id, planned_invoice_date)'
          WHERE name = 'revenue_items_date';",
    );
    let pages = messages(&found, "integrity");
    assert!(!pages.is_empty(), "{found:#?}");
    assert!(
        pages.iter().any(|m| m.contains("revenue_items_date")),
        "{pages:?}"
    );
    assert_eq!(checks(&found)[0], "integrity", "{found:#?}");
}

#[test]
fn a_changed_invoice_total_is_found() {
    let b = books();
    let (_dir, _path, found) = tampered(
        &b,
        &format!(
            "DROP TRIGGER invoices_confirmed_no_update;
             UPDATE invoices SET net_minor = net_minor + 1 WHERE id = {};",
            b.acme
        ),
    );
    let totals = messages(&found, "invoice totals");
    assert_eq!(
        totals,
        [
            "invoice 2026-000001: stored net 3013.46 vat 653.23 gross 3666.68, but its lines give net 3013.45 vat 653.23 gross 3666.68"
        ]
    );
    let chain = messages(&found, "hash chain");
    assert_eq!(
        chain,
        [
            "invoice 2026-000001: its content does not match its hash: it was changed after confirmation"
        ]
    );
    assert_eq!(
        checks(&found),
        ["invoice totals", "hash chain", "keyed chain"],
        "{found:#?}"
    );
}

#[test]
fn a_changed_line_is_found() {
    let b = books();
    // A description: the totals still add up, the hash does not.
    let (_dir, _path, found) = tampered(
        &b,
        &format!(
            "DROP TRIGGER invoice_lines_confirmed_no_update;
             UPDATE invoice_lines SET description = 'Something else' WHERE invoice_id = {} AND position = 2;",
            b.acme
        ),
    );
    assert_eq!(
        found,
        [
            Violation {
                check: "hash chain",
                message: "invoice 2026-000001: its content does not match its hash: it was changed after confirmation".into(),
            },
            Violation {
                check: "keyed chain",
                message: "invoice 2026-000001: its content, who confirmed it or when does not match its keyed chain value, or a document before it was removed: it was changed after confirmation".into(),
            }
        ]
    );
    // An amount: the line no longer matches its price, nor the totals, nor the hash.
    let (_dir, _path, found) = tampered(
        &b,
        &format!(
            "DROP TRIGGER invoice_lines_confirmed_no_update;
             UPDATE invoice_lines SET net_minor = net_minor - 100 WHERE invoice_id = {} AND position = 1;",
            b.globex
        ),
    );
    let totals = messages(&found, "invoice totals");
    assert_eq!(totals.len(), 2, "{found:#?}");
    assert_eq!(
        totals[0],
        "invoice 2026-000002 line 1: net 1999.00 but 1 x 2000 = 2000.00"
    );
    assert!(
        totals[1].starts_with("invoice 2026-000002: stored net 2000.00"),
        "{}",
        totals[1]
    );
    assert_eq!(
        messages(&found, "hash chain"),
        [
            "invoice 2026-000002: its content does not match its hash: it was changed after confirmation"
        ]
    );
}

#[test]
fn a_deleted_history_row_is_found() {
    let b = books();
    let workshop = b.c.workshop;
    let versions = b.c.store.revenue_item(workshop).unwrap().version;
    assert_eq!(versions, 3, "created, on a draft, invoiced");
    let (_dir, _path, found) = tampered(
        &b,
        &format!(
            "DROP TRIGGER change_history_no_delete;
             DELETE FROM change_history WHERE object = 'revenue_item' AND object_id = {workshop}
                 AND field = 'created';"
        ),
    );
    assert_eq!(
        messages(&found, "change history"),
        [format!(
            "revenue_item {workshop} is at version 3 but the change history records 2 version(s)"
        )]
    );
    // The keyed chain names the row, and its value is left without its row.
    let chain = messages(&found, "history chain");
    assert_eq!(chain.len(), 1, "{found:#?}");
    assert!(
        chain[0].ends_with("was deleted (between rows 10 and 12)"),
        "{chain:?}"
    );
    assert_eq!(
        checks(&found),
        ["foreign keys", "history chain", "change history"],
        "{found:#?}"
    );
    // All rows of the confirmation of an invoice.
    let (_dir, _path, found) = tampered(
        &b,
        &format!(
            "DROP TRIGGER change_history_no_delete;
             DELETE FROM change_history WHERE object = 'invoice' AND object_id = {} AND version = 2;",
            b.credit_note
        ),
    );
    assert_eq!(
        messages(&found, "change history"),
        [format!(
            "invoice {} is at version 2 but the change history records 1 version(s)",
            b.credit_note
        )]
    );
    assert_eq!(
        checks(&found),
        ["foreign keys", "history chain", "change history"]
    );
}

#[test]
fn a_history_version_moved_away_is_found() {
    // What verify checks of the history is that every version of a row has its rows.
    let b = books();
    let (_dir, _path, found) = tampered(
        &b,
        &format!(
            "DROP TRIGGER change_history_no_update;
             UPDATE change_history SET version = 7 WHERE object = 'invoice' AND object_id = {};",
            b.acme
        ),
    );
    assert_eq!(
        messages(&found, "change history"),
        [format!(
            "invoice {} is at version 2 but the change history records 1 version(s)",
            b.acme
        )]
    );
}

#[test]
fn a_renumbered_invoice_is_found() {
    let b = books();
    // Only the number: it no longer matches its series position, and the hash breaks.
    let (_dir, _path, found) = tampered(
        &b,
        &format!(
            "DROP TRIGGER invoices_confirmed_no_update;
             UPDATE invoices SET number = '2026-000007' WHERE id = {};",
            b.globex
        ),
    );
    assert_eq!(
        messages(&found, "numbering"),
        [format!(
            "invoice {}: number 2026-000007 does not match its series INV 2026 #2",
            b.globex
        )]
    );
    // The credit note names the invoice it credits: its content changed too.
    assert_eq!(
        messages(&found, "hash chain"),
        [
            "invoice 2026-000007: its content does not match its hash: it was changed after confirmation",
            "invoice CN-2026-000001: its content does not match its hash: it was changed after confirmation",
        ]
    );
    // Number and series position together: a gap in the series.
    let (_dir, _path, found) = tampered(
        &b,
        &format!(
            "DROP TRIGGER invoices_confirmed_no_update;
             UPDATE invoices SET number = '2026-000007', series_seq = 7 WHERE id = {};",
            b.globex
        ),
    );
    assert_eq!(
        messages(&found, "numbering"),
        [
            "series INV 2026: 2 documents numbered 1..7 (series counter at 2): numbers are missing or repeated"
        ]
    );
    assert!(
        messages(&found, "hash chain")
            .iter()
            .any(|m| m.starts_with("invoice 2026-000007:"))
    );
    // Two invoices swapping numbers keep the series whole, but not the hash chain.
    let (_dir, _path, found) = tampered(
        &b,
        &format!(
            "DROP TRIGGER invoices_confirmed_no_update;
             UPDATE invoices SET number = 'x', series_seq = 99 WHERE id = {a};
             UPDATE invoices SET number = '2026-000001', series_seq = 1 WHERE id = {g};
             UPDATE invoices SET number = '2026-000002', series_seq = 2 WHERE id = {a};",
            a = b.acme,
            g = b.globex
        ),
    );
    assert!(messages(&found, "numbering").is_empty(), "{found:#?}");
    let chain = messages(&found, "hash chain");
    assert!(chain.contains(&"invoice 2026-000001: its content does not match its hash: it was changed after confirmation"), "{chain:?}");
    assert!(chain.contains(&"invoice 2026-000002: its content does not match its hash: it was changed after confirmation"), "{chain:?}");
}

#[test]
fn a_series_counter_moved_back_is_found() {
    let b = books();
    let (_dir, _path, found) = tampered(
        &b,
        "DROP TRIGGER number_series_never_back;
         UPDATE number_series SET last_seq = 1 WHERE series = 'INV';",
    );
    assert_eq!(
        found,
        [Violation {
            check: "numbering",
            message: "series INV 2026: 2 documents numbered 1..2 (series counter at 1): numbers are missing or repeated".into(),
        }]
    );
}

#[test]
fn a_deleted_confirmed_document_is_found() {
    let b = books();
    // The last document of the chain, the credit note, with its lines.
    let (_dir, _path, found) = tampered(
        &b,
        &format!(
            "DROP TRIGGER invoice_lines_confirmed_no_delete;
             DROP TRIGGER invoices_confirmed_no_delete;
             DELETE FROM invoice_lines WHERE invoice_id = {cn};
             DELETE FROM invoices WHERE id = {cn};",
            cn = b.credit_note
        ),
    );
    assert_eq!(
        messages(&found, "numbering"),
        [
            "series CN 2026: the series counter is at 1 but no document has a number of it: numbers are missing"
        ]
    );
    assert_eq!(
        messages(&found, "hash chain"),
        ["the chain head does not match the last confirmed document: a document was removed"]
    );
    // An invoice in the middle of the chain: the next one no longer follows it.
    let (_dir, _path, found) = tampered(
        &b,
        &format!(
            "PRAGMA foreign_keys = OFF;
             DROP TRIGGER invoice_lines_confirmed_no_delete;
             DROP TRIGGER invoices_confirmed_no_delete;
             DELETE FROM invoice_lines WHERE invoice_id = {a};
             DELETE FROM invoices WHERE id = {a};",
            a = b.acme
        ),
    );
    assert_eq!(
        messages(&found, "numbering"),
        [
            "series INV 2026: 1 documents numbered 2..2 (series counter at 2): numbers are missing or repeated"
        ]
    );
    let chain = messages(&found, "hash chain");
    assert!(
        chain.contains(&"invoice 2026-000002: chain position Some(2), expected 1"),
        "{chain:?}"
    );
    assert!(
        chain.contains(&"invoice 2026-000002: does not follow the previous confirmed document"),
        "{chain:?}"
    );
    assert!(
        !messages(&found, "invoiced items").is_empty(),
        "its items are invoiced without an invoice: {found:#?}"
    );
}

#[test]
fn a_hand_off_mark_whose_journal_line_does_not_match_is_found() {
    let b = books();
    let sha = "a".repeat(64);
    let (_dir, _path, found) = tampered(
        &b,
        &format!(
            "INSERT INTO handoffs (invoice_id, number, dir, file, sha256, journal_line,
                                   handed_off_by, handed_off_at)
             VALUES ({acme}, '2026-000001', '/erp', '2026-000001.xml', '{sha}',
                     '2026-000001,invoice,2026-03-31,Acme,EUR,1.00,0.24,1.24,2026-000001.xml,{other}' || char(10),
                     'admin', '2026-04-01T00:00:00.000Z');
             INSERT INTO handoffs (invoice_id, number, dir, file, sha256, journal_line,
                                   handed_off_by, handed_off_at)
             VALUES ({globex}, '2026-000002', '/erp', '2026-000002.xml', '{sha}',
                     '2026-000002,invoice,2026-03-31,Globex,EUR,1.00,0.24,1.24,2026-000002.xml,{sha}' || char(10),
                     'admin', '2026-04-01T00:00:00.000Z');",
            acme = b.acme,
            globex = b.globex,
            other = "b".repeat(64),
        ),
    );
    let journal = messages(&found, "hand-off journal");
    assert_eq!(journal.len(), 1, "{found:#?}");
    assert!(journal[0].contains("of 2026-000001"), "{journal:?}");
    assert_eq!(checks(&found), ["hand-off journal"], "{found:#?}");
}

#[test]
fn a_forecast_sum_out_of_step_with_its_items_is_found() {
    let b = books();
    let (_dir, _path, found) = tampered(
        &b,
        "UPDATE forecast_months SET amount_minor = amount_minor + 1
         WHERE (month, project_id, currency) =
               (SELECT month, project_id, currency FROM forecast_months LIMIT 1);",
    );
    let sums = messages(&found, "forecast sums");
    assert_eq!(sums.len(), 1, "{found:#?}");
    assert!(sums[0].contains("the forecast table says"), "{sums:?}");
    assert_eq!(checks(&found), ["forecast sums"], "{found:#?}");
}

/// verify reads the end of the hash chain from `chain_head`. When that read fails, verify must
/// fail with the database's error, not answer: neither "a document was removed" (books with
/// confirmed documents) nor a clean pass (a file with none yet).
#[test]
fn a_chain_head_that_cannot_be_read_fails_verify_instead_of_answering() {
    let unreadable = "ALTER TABLE chain_head RENAME TO chain_head_elsewhere;";
    let b = books();
    let fresh = Company::new();
    for (what, store) in [("books", &b.c.store), ("no documents", &fresh.store)] {
        let (_dir, path) = tampered_copy(store, unreadable);
        let answer = Store::open(&path, ADMIN).unwrap().verify();
        match answer {
            Err(StoreError::Sqlite(e)) => {
                assert!(e.to_string().contains("chain_head"), "{what}: {e}")
            }
            other => panic!("{what}: verify answered {other:?} without reading the chain head"),
        }
    }
}

/// How often the stop question of the test below was asked.
static ASKED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn stop_after_a_few_questions() -> bool {
    ASKED.fetch_add(1, std::sync::atomic::Ordering::SeqCst) >= 5
}

#[test]
fn verify_tells_each_check_as_it_starts_and_stops_when_asked() {
    let (_dir, _path, store) = demo_store();
    let mut told: Vec<(&str, usize, usize)> = Vec::new();
    let found = store
        .verify_watched(
            &mut |name, done, total| told.push((name, done, total)),
            || false,
        )
        .unwrap();
    assert_eq!(found, Vec::<Violation>::new());
    assert_eq!(
        told.first(),
        Some(&("name index and references", 0, 14)),
        "{told:?}"
    );
    assert_eq!(told[12], ("dates", 12, 14), "{told:?}");
    // SQLite's own page check runs beside the others: waiting for it is the last step.
    assert_eq!(told.last(), Some(&("integrity", 13, 14)), "{told:?}");
    assert_eq!(told.len(), 14, "{told:?}");
    // Asked between checks and within one: stopped, it says so.
    let err = store
        .verify_watched(&mut |_, _, _| {}, stop_after_a_few_questions)
        .unwrap_err();
    assert_eq!(err.to_string(), finctl::store::verify::VERIFY_STOPPED);
    assert!(ASKED.load(std::sync::atomic::Ordering::SeqCst) > 5);
}

/// The totals read an item's account and currency from its project (the projects' sums
/// index): an item whose own differ, written behind finctl's back, is found.
#[test]
fn verify_finds_an_item_billed_apart_from_its_project() {
    let (_dir, _path, store) = support::store::demo_store();
    assert!(store.verify().unwrap().is_empty());
    store
        .conn()
        .execute(
            "UPDATE revenue_items SET currency = CASE currency WHEN 'EUR' THEN 'USD' ELSE 'EUR' END
             WHERE id = 7",
            [],
        )
        .unwrap();
    let found = store.verify().unwrap();
    assert!(
        found
            .iter()
            .any(|v| v.check == "foreign keys" && v.message.starts_with("item 7 ")),
        "{found:?}"
    );
}
