//! The keyed chains (issue: records that hold). What someone who can write the database file
//! but cannot read its key does, and what `verify` then says: each attack here passed
//! `verify` before the chains were keyed (the hash chain can be recomputed by anyone), and
//! must now be found and named.

use crate::support;

use finctl::domain::document_hash::{GENESIS, chain_hash};
use finctl::store::verify::Violation;
use finctl::store::{Store, StoreError, chain_key_path};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use support::store::*;
use support::*;
use tempfile::TempDir;

/// Two confirmed invoices (2026-000001, 2026-000002) and a confirmed credit note on the second.
fn books() -> (Company, i64, i64) {
    let mut c = Company::new();
    let (acme, globex) = c.confirmed_invoices();
    let line = c.store.invoice(globex).unwrap().lines[0].id;
    let cn = c
        .store
        .create_credit_note(globex, Some(&[(line, d("250.00"))]), confirm_day())
        .unwrap();
    c.store.confirm(cn, confirm_day()).unwrap();
    c.assert_sound();
    (c, acme, cn)
}

/// A copy of the books with its key, changed through a raw connection by `tamper`.
fn copy(store: &Store, tamper: &str) -> (TempDir, PathBuf) {
    let (dir, path) = temp_db();
    store
        .conn()
        .execute("VACUUM INTO ?1", [path.to_str().unwrap()])
        .unwrap();
    std::fs::copy(chain_key_path(store.path()), chain_key_path(&path)).unwrap();
    // As an attacker's script would run: without foreign keys.
    Connection::open(&path)
        .unwrap()
        .execute_batch(&format!("PRAGMA foreign_keys = OFF; {tamper}"))
        .unwrap();
    (dir, path)
}

fn verify(path: &Path) -> Vec<Violation> {
    Store::open(path, ADMIN).unwrap().verify().unwrap()
}

fn messages(found: &[Violation], check: &str) -> Vec<String> {
    found
        .iter()
        .filter(|v| v.check == check)
        .map(|v| v.message.clone())
        .collect()
}

/// What the attacker's script did: the hash chain recomputed over every confirmed document,
/// in order, and its head moved to the last, as finctl computes it.
fn recompute_hash_chain(path: &Path) {
    let store = Store::open(path, ADMIN).unwrap();
    let ids: Vec<i64> = store
        .conn()
        .prepare("SELECT id FROM invoices WHERE status = 'confirmed' ORDER BY chain_seq")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let contents: Vec<_> = ids
        .iter()
        .map(|id| store.invoice(*id).unwrap().content())
        .collect();
    drop(store);
    let raw = Connection::open(path).unwrap();
    raw.execute_batch("DROP TRIGGER IF EXISTS invoices_confirmed_no_update;")
        .unwrap();
    let mut prev = GENESIS.to_string();
    for (id, content) in ids.iter().zip(&contents) {
        let hash = chain_hash(&prev, content);
        raw.execute(
            "UPDATE invoices SET prev_hash = ?1, hash = ?2 WHERE id = ?3",
            rusqlite::params![prev, hash, id],
        )
        .unwrap();
        prev = hash;
    }
    raw.execute(
        "UPDATE chain_head SET last_seq = ?1, last_hash = ?2",
        rusqlite::params![ids.len() as i64, prev],
    )
    .unwrap();
}

#[test]
fn a_changed_amount_with_the_hash_chain_recomputed_is_found_by_the_keyed_chain() {
    let (c, acme, _) = books();
    // The line and the totals changed together (so the totals add up), then the chain.
    let (_dir, path) = copy(
        &c.store,
        &format!(
            "DROP TRIGGER invoices_confirmed_no_update;
             DROP TRIGGER invoice_lines_confirmed_no_update;
             UPDATE invoice_lines SET description = 'Consulting, reduced' WHERE invoice_id = {acme} AND position = 1;"
        ),
    );
    recompute_hash_chain(&path);
    let found = verify(&path);
    assert!(messages(&found, "hash chain").is_empty(), "{found:#?}");
    assert_eq!(
        messages(&found, "keyed chain"),
        [
            "invoice 2026-000001: its content, who confirmed it or when does not match its keyed chain value, or a document before it was removed: it was changed after confirmation"
        ],
        "{found:#?}"
    );
}

#[test]
fn who_confirmed_and_when_are_covered() {
    let (c, _, cn) = books();
    let (_dir, path) = copy(
        &c.store,
        &format!(
            "DROP TRIGGER invoices_confirmed_no_update;
             UPDATE invoices SET confirmed_by = 'someone-else' WHERE id = {cn};"
        ),
    );
    let found = verify(&path);
    assert_eq!(
        messages(&found, "keyed chain"),
        [
            "invoice CN-2026-000001: its content, who confirmed it or when does not match its keyed chain value, or a document before it was removed: it was changed after confirmation"
        ],
        "{found:#?}"
    );
}

#[test]
fn a_deleted_credit_note_with_its_series_and_chain_head_moved_back_is_found() {
    let (c, _, cn) = books();
    let (_dir, path) = copy(
        &c.store,
        &format!(
            "DROP TRIGGER invoices_confirmed_no_delete;
             DROP TRIGGER document_chain_no_delete;
             DROP TRIGGER invoice_lines_confirmed_no_delete;
             DROP TRIGGER number_series_never_back;
             DELETE FROM document_chain WHERE invoice_id = {cn};
             DELETE FROM invoice_lines WHERE invoice_id = {cn};
             DELETE FROM invoices WHERE id = {cn};
             UPDATE number_series SET last_seq = last_seq - 1 WHERE series = 'CN';
             UPDATE chain_head SET last_seq = 2,
                 last_hash = (SELECT hash FROM invoices WHERE chain_seq = 2);"
        ),
    );
    let found = verify(&path);
    assert!(messages(&found, "hash chain").is_empty(), "{found:#?}");
    assert_eq!(
        messages(&found, "keyed chain"),
        [
            "the keyed chain head does not match the last confirmed document: a document was removed or the head changed"
        ],
        "{found:#?}"
    );
}

#[test]
fn replace_never_rewrites_a_history_row() {
    let (c, _, _) = books();
    let refused = c
        .store
        .conn()
        .execute(
            "INSERT OR REPLACE INTO change_history (id, at, user, object, object_id, version, field, old, new)
             VALUES (1, '2026-01-01T00:00:00.000Z', 'mallory', 'user', 1, 1, 'created', NULL, '{}')",
            [],
        )
        .unwrap_err()
        .to_string();
    assert!(
        refused.contains("the change history is append-only"),
        "{refused}"
    );
    c.assert_sound();
}

fn history_row(store: &Store, field: &str) -> (i64, String) {
    store
        .conn()
        .query_row(
            "SELECT id, object || ' ' || object_id || ' ' || field || ', by ' || user || ' at ' || at
             FROM change_history WHERE field = ?1 ORDER BY id LIMIT 1",
            [field],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

#[test]
fn a_rewritten_history_row_is_named() {
    let (c, _, _) = books();
    let (id, what) = history_row(&c.store, "status");
    let (_dir, path) = copy(
        &c.store,
        &format!(
            "DROP TRIGGER change_history_no_update;
             UPDATE change_history SET user = 'someone-else' WHERE id = {id};"
        ),
    );
    let found = verify(&path);
    let what = what.replacen(&c.store.actor().name, "someone-else", 1);
    assert_eq!(
        messages(&found, "history chain"),
        [format!(
            "row {id} ({what}) was rewritten after finctl wrote it"
        )],
        "{found:#?}"
    );
}

#[test]
fn inserted_history_rows_are_named() {
    let (c, _, _) = books();
    let newest: i64 = c
        .store
        .conn()
        .query_row("SELECT max(id) FROM change_history", [], |r| r.get(0))
        .unwrap();
    let (_dir, path) = copy(
        &c.store,
        "INSERT INTO change_history (at, user, object, object_id, version, field, old, new)
         VALUES ('2026-12-01T09:00:00.000Z', 'mallory', 'user', 1, 9, 'role', 'viewer', 'admin');",
    );
    let found = verify(&path);
    let id = newest + 1;
    assert!(
        messages(&found, "history chain").contains(&format!(
            "row {id} (user 1 role, by mallory at 2026-12-01T09:00:00.000Z) has no chain value: it was not written by finctl"
        )),
        "{found:#?}"
    );
    // finctl's next write does not vouch for it: the row stays outside the chain.
    let mut store = Store::open(&path, ADMIN).unwrap();
    store
        .set_role("newcomer", finctl::domain::rights::Role::Viewer)
        .unwrap();
    let found = store.verify().unwrap();
    let chain = messages(&found, "history chain");
    assert_eq!(chain.len(), 1, "{found:#?}");
    assert!(
        chain[0].starts_with(&format!("row {id} (user 1 role, by mallory")),
        "{chain:?}"
    );
}

#[test]
fn a_deleted_history_row_is_named_and_so_are_the_newest_ones() {
    let (c, _, _) = books();
    let (id, _) = history_row(&c.store, "status");
    let (_dir, path) = copy(
        &c.store,
        &format!(
            "DROP TRIGGER change_history_no_delete;
             DELETE FROM change_history WHERE id = {id};"
        ),
    );
    let found = verify(&path);
    assert!(
        messages(&found, "history chain").contains(&format!(
            "row {id} was deleted (between rows {} and {})",
            id - 1,
            id + 1
        )),
        "{found:#?}"
    );
    let newest: i64 = c
        .store
        .conn()
        .query_row("SELECT max(id) FROM change_history", [], |r| r.get(0))
        .unwrap();
    let (_dir, path) = copy(
        &c.store,
        &format!(
            "DROP TRIGGER change_history_no_delete;
             DROP TRIGGER history_chain_no_delete;
             DELETE FROM history_chain WHERE history_id > {};
             DELETE FROM change_history WHERE id > {};",
            newest - 2,
            newest - 2
        ),
    );
    let found = verify(&path);
    assert!(
        messages(&found, "history chain").contains(&format!(
            "the history ends at row {} but its keyed head names another end: the newest rows were deleted or the head changed",
            newest - 2
        )),
        "{found:#?}"
    );
}

#[test]
fn without_its_key_a_database_is_neither_written_nor_checked() {
    let (c, _, _) = books();
    let (_dir, path) = copy(&c.store, "SELECT 1;");
    std::fs::remove_file(chain_key_path(&path)).unwrap();
    let e = Store::open(&path, ADMIN).err().expect("refused");
    assert!(matches!(e, StoreError::KeyMissing(_)), "{e}");
    assert!(e.to_string().contains("the chain key"), "{e}");
    // Another database's key is named as such.
    let (_other_dir, other) = copy(&c.store, "SELECT 1;");
    std::fs::remove_file(chain_key_path(&other)).unwrap();
    let (_third_dir, third) = temp_db();
    drop(Store::open(&third, ADMIN).unwrap());
    std::fs::copy(chain_key_path(&third), chain_key_path(&other)).unwrap();
    let e = Store::open(&other, ADMIN).err().expect("refused");
    assert!(matches!(e, StoreError::WrongKey { .. }), "{e}");
    assert!(e.to_string().contains("another chain key"), "{e}");
}

/// A database as schema 15 left it: the keyed tables (16), the identity (17), the date
/// triggers (18), the history index (19) and the cost rates (20) gone, no key file.
fn as_schema_15(path: &Path) {
    let conn = Connection::open(path).unwrap();
    let date_triggers: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'trigger'
             AND (name LIKE '%_dates_insert' OR name LIKE '%_dates_update'
                  OR name LIKE 'revenue_adjustments_month_%')",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(!date_triggers.is_empty());
    for name in date_triggers {
        conn.execute_batch(&format!("DROP TRIGGER {name};"))
            .unwrap();
    }
    conn.execute_batch(
        "DROP TABLE chain_key; DROP TABLE document_chain; DROP TABLE history_chain;
             DROP TABLE history_head; DROP TRIGGER change_history_no_replace;
             ALTER TABLE chain_head DROP COLUMN keyed_head;
             DROP TABLE database_identity; DROP INDEX handoffs_folder;
             ALTER TABLE handoffs DROP COLUMN folder;
             DROP INDEX change_history_object_row;
             DROP TABLE cost_rates; DROP INDEX time_reports_date; DROP INDEX time_reports_person;
             DROP TABLE plan_template_parts; DROP TABLE plan_templates;
             DROP INDEX plan_parts_milestone; ALTER TABLE plan_parts DROP COLUMN milestone_id;
             DROP INDEX revenue_items_rare_rule;
             DROP TABLE item_names;
             CREATE INDEX change_history_object ON change_history (object, object_id, version);
             PRAGMA user_version = 15;",
    )
    .unwrap();
    std::fs::remove_file(chain_key_path(path)).unwrap();
}

#[test]
fn the_migration_seals_a_sound_database_and_refuses_a_broken_one() {
    let (c, acme, _) = books();
    let (_dir, path) = copy(&c.store, "SELECT 1;");
    as_schema_15(&path);
    let store = Store::open(&path, ADMIN).unwrap();
    assert!(chain_key_path(&path).exists(), "a key was made");
    assert_eq!(store.verify().unwrap(), vec![]);
    drop(store);
    // A chain broken before the migration is not sealed: the file stays at 15.
    let (_dir, path) = copy(
        &c.store,
        &format!(
            "DROP TRIGGER invoice_lines_confirmed_no_update;
             UPDATE invoice_lines SET description = 'x' WHERE invoice_id = {acme};"
        ),
    );
    as_schema_15(&path);
    let e = Store::open(&path, ADMIN)
        .err()
        .expect("refused")
        .to_string();
    assert!(
        e.contains("the document chain does not hold, so it was not sealed with a key")
            && e.contains("invoice 2026-000001"),
        "{e}"
    );
    let version: i64 = Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 15);
}
