//! Opening files: new files migrate to the latest schema, old files migrate to exactly the same
//! schema, and files that are too new or not ours are refused and left byte-identical.

use crate::support;

use finctl::domain::rights::Role;
use finctl::store::migrations::{APPLICATION_ID, LATEST, MIGRATIONS};
use finctl::store::{Store, StoreError, open_connection_at};
use rusqlite::Connection;
use std::path::Path;
use support::store::*;
use support::*;

#[test]
fn new_file_migrates_to_latest() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path, "ann").unwrap();
    assert_eq!(LATEST, MIGRATIONS.len() as i64);
    const { assert!(LATEST >= 2) };
    assert_eq!(pragma_i64(store.conn(), "user_version"), LATEST);
    assert_eq!(pragma_i64(store.conn(), "application_id"), APPLICATION_ID);
    assert_eq!(pragma_i64(store.conn(), "foreign_keys"), 1);
    let mode: String = store
        .conn()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    // The first user of a new database is its admin, later newcomers are viewers.
    assert_eq!(store.actor().role, Role::Admin);
    drop(store);
    let bob = Store::open(&path, "bob").unwrap();
    assert_eq!(bob.actor().role, Role::Viewer);
    let users = bob.users().unwrap();
    assert_eq!(
        users
            .iter()
            .map(|u| (u.name.as_str(), u.role))
            .collect::<Vec<_>>(),
        [("ann", Role::Admin), ("bob", Role::Viewer)]
    );
    assert!(bob.verify().unwrap().is_empty());
}

fn fresh_schema() -> Vec<(String, String, Option<String>)> {
    let (_dir, path) = temp_db();
    let store = Store::open(&path, "ann").unwrap();
    schema(store.conn())
}

#[test]
fn every_earlier_version_migrates_to_the_fresh_schema() {
    let fresh = fresh_schema();
    // The schema holds the objects of every migration: tables, indexes and triggers.
    for name in [
        "invoices",
        "change_history",
        "invoices_confirmed_no_update",
        "number_series_never_back",
        "revenue_items_date",
        "revenue_items_finance_control",
    ] {
        assert!(fresh.iter().any(|(_, n, _)| n == name), "{name} missing");
    }
    // Migration 4 dropped the index that migration 2 made.
    assert!(
        !fresh
            .iter()
            .any(|(_, n, _)| n == "revenue_items_status_date")
    );
    for k in 0..LATEST {
        let (_dir, path) = temp_db();
        {
            let conn = open_connection_at(&path, k).unwrap();
            assert_eq!(pragma_i64(&conn, "user_version"), k, "made at {k}");
            if k > 0 {
                assert_eq!(pragma_i64(&conn, "application_id"), APPLICATION_ID);
                // Data written at an older version survives the migration.
                conn.execute(
                    "INSERT INTO users (name, role, updated_by, updated_at)
                     VALUES ('old', 'finance', 'old', '2025-01-01T00:00:00.000Z')",
                    [],
                )
                .unwrap();
                conn.execute(
                    "INSERT INTO change_history (at, user, object, object_id, version, field, new)
                     VALUES ('2025-01-01T00:00:00.000Z', 'old', 'user', 1, 1, 'created', '{}')",
                    [],
                )
                .unwrap();
            } else {
                assert_eq!(schema(&conn), vec![], "version 0 is an empty file");
            }
        }
        let store = Store::open(&path, "old").unwrap();
        assert_eq!(pragma_i64(store.conn(), "user_version"), LATEST, "from {k}");
        assert_eq!(pragma_i64(store.conn(), "application_id"), APPLICATION_ID);
        assert_eq!(
            schema(store.conn()),
            fresh,
            "schema after migrating from {k}"
        );
        let expected_role = if k > 0 { Role::Finance } else { Role::Admin };
        assert_eq!(store.actor().role, expected_role, "from {k}");
        let found = store.verify().unwrap();
        if k >= 16 {
            // From 16 on the history is chained: a row put in by hand, as here, is not part
            // of it, and verify names it.
            assert_eq!(found.len(), 1, "from {k}: {found:#?}");
            assert!(
                found[0]
                    .message
                    .ends_with("has no chain value: it was not written by finctl"),
                "from {k}: {found:#?}"
            );
        } else {
            assert!(found.is_empty(), "from {k}: {found:#?}");
        }
    }
}

#[test]
fn opening_twice_does_not_migrate_again() {
    let (_dir, path) = temp_db();
    let first = schema(Store::open(&path, "ann").unwrap().conn());
    let again = Store::open(&path, "ann").unwrap();
    assert_eq!(schema(again.conn()), first);
    assert_eq!(pragma_i64(again.conn(), "user_version"), LATEST);
}

/// Asserts the kind of refusal and that its message says the file was left alone.
fn assert_refusal(err: StoreError, check: impl Fn(&StoreError) -> bool) {
    assert!(check(&err), "unexpected error {err:?}");
    assert!(err.is_refusal());
    assert!(err.to_string().contains("left untouched"), "{err}");
}

fn dir_listing(path: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Opens `path` with the store and asserts the refusal and that no byte and no file changed.
fn open_refused(path: &Path) -> StoreError {
    let before = bytes(path).expect("file exists");
    let listing = dir_listing(path);
    let err = match Store::open(path, "ann") {
        Err(e) => e,
        Ok(_) => panic!("{} was opened", path.display()),
    };
    assert_eq!(
        bytes(path).as_deref(),
        Some(&before[..]),
        "file bytes changed"
    );
    assert_eq!(dir_listing(path), listing, "files appeared next to it");
    assert!(!sibling(path, "-wal").exists());
    assert!(!sibling(path, "-shm").exists());
    assert!(!sibling(path, "-journal").exists());
    err
}

#[test]
fn newer_schema_is_refused_and_left_untouched() {
    let (_dir, path) = temp_db();
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(&format!(
            "CREATE TABLE future_things (id INTEGER PRIMARY KEY, what TEXT);
             INSERT INTO future_things (what) VALUES ('from the future');
             PRAGMA application_id = {APPLICATION_ID};
             PRAGMA user_version = {};",
            LATEST + 1
        ))
        .unwrap();
    }
    let err = open_refused(&path);
    assert_refusal(
        err,
        |e| matches!(e, StoreError::NewerSchema { found, known, .. } if *found == LATEST + 1 && *known == LATEST),
    );
    // Opening at a given version refuses it too.
    assert!(matches!(
        open_connection_at(&path, 1),
        Err(StoreError::NewerSchema { .. })
    ));
}

#[test]
fn newer_schema_of_a_wal_database_is_refused_and_left_untouched() {
    // A real finctl file (WAL mode, with data) that a newer finctl moved on.
    let (_dir, path) = temp_db();
    drop(Store::open(&path, "ann").unwrap());
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(&format!("PRAGMA user_version = {};", LATEST + 1))
            .unwrap();
    }
    assert!(
        !sibling(&path, "-wal").exists(),
        "closing checkpointed the WAL"
    );
    let err = open_refused(&path);
    let message = err.to_string();
    assert_refusal(err, |e| matches!(e, StoreError::NewerSchema { .. }));
    assert!(message.contains("upgrade finctl"), "{message}");
}

#[test]
fn text_file_is_refused_and_left_untouched() {
    let (_dir, path) = temp_db();
    std::fs::write(&path, "name,amount\nAcme,1000.00\n".repeat(50)).unwrap();
    let err = open_refused(&path);
    assert_refusal(err, |e| matches!(e, StoreError::NotFinctl(p) if *p == path));
}

#[test]
fn foreign_sqlite_database_is_refused_and_left_untouched() {
    let (_dir, path) = temp_db();
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT);
             INSERT INTO recipes (name) VALUES ('pancakes');",
        )
        .unwrap();
        assert_eq!(pragma_i64(&conn, "application_id"), 0);
    }
    let err = open_refused(&path);
    assert_refusal(err, |e| matches!(e, StoreError::NotFinctl(_)));
    // A foreign database that happens to carry a user_version is still not ours.
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA user_version = 1;").unwrap();
    }
    let err = open_refused(&path);
    assert_refusal(err, |e| matches!(e, StoreError::NotFinctl(_)));
}

#[test]
fn empty_file_is_treated_as_new() {
    let (_dir, path) = temp_db();
    std::fs::write(&path, b"").unwrap();
    let store = Store::open(&path, "ann").unwrap();
    assert_eq!(pragma_i64(store.conn(), "user_version"), LATEST);
    assert_eq!(schema(store.conn()), fresh_schema());
}

#[test]
fn paths_with_uri_characters_open_and_refuse_correctly() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("100% sure? #1 & more");
    std::fs::create_dir_all(&sub).unwrap();
    let path = sub.join("my db?.finctl");
    drop(Store::open(&path, "ann").unwrap());
    // Reopened, it is recognised as the same finctl file, not as a new one.
    let again = Store::open(&path, "bob").unwrap();
    assert_eq!(again.actor().role, Role::Viewer);
    drop(again);
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(&format!("PRAGMA user_version = {};", LATEST + 1))
            .unwrap();
    }
    let err = open_refused(&path);
    assert_refusal(err, |e| matches!(e, StoreError::NewerSchema { .. }));
}

#[test]
fn a_second_user_opens_while_the_first_has_the_file_open() {
    let (_dir, path) = temp_db();
    let ann = Store::open(&path, "ann").unwrap();
    assert!(sibling(&path, "-wal").exists());
    let bob = Store::open(&path, "bob").unwrap();
    assert_eq!(bob.actor().role, Role::Viewer);
    assert_eq!(ann.users().unwrap().len(), 2);
}

#[test]
fn a_version_11_file_migrates_its_master_data() {
    let (_dir, path) = temp_db();
    {
        let conn = open_connection_at(&path, 11).unwrap();
        let at = "'2025-01-01T00:00:00.000Z'";
        conn.execute_batch(&format!(
            "INSERT INTO users (name, role, updated_by, updated_at) VALUES ('old', 'finance', 'old', {at});
             INSERT INTO accounts (name, billing_contact, address, vat_id, currency,
                 payment_terms_days, business_unit, updated_by, updated_at) VALUES
                 ('Acme', 'AP', 'Esplanadi 10, 00100 Helsinki, FI', 'FI12345678', 'EUR', 30, 'Consulting', 'old', {at}),
                 ('Globex', '', '110 Market Street, Springfield, US', '', 'USD', 14, '', 'old', {at}),
                 ('Initech', '', '', '', 'EUR', 0, '', 'old', {at});
             INSERT INTO price_lists (name, currency, updated_by, updated_at) VALUES ('Standard', 'EUR', 'old', {at});
             INSERT INTO projects (code, name, account_id, currency, manager, status,
                 price_list_id, updated_by, updated_at)
                 VALUES ('P1', 'Rollout', 1, 'EUR', 'mia', 'launched', 1, 'old', {at});
             INSERT INTO milestones (project_id, code, name, due_date, updated_by, updated_at)
                 VALUES (1, 'M1', 'Go-live', '2026-03-20', 'old', {at});
             INSERT INTO time_reports (project_id, person, role, work_date, hours_micros, billable,
                 updated_by, updated_at) VALUES (1, 'ann', 'dev', '2026-03-02', 7500000, 1, 'old', {at});
             INSERT INTO expenses (project_id, expense_date, description, amount_minor, billable,
                 updated_by, updated_at) VALUES (1, '2026-03-10', 'Train', 12345, 1, 'old', {at});"
        ))
        .unwrap();
        for (object, id) in [
            ("user", 1),
            ("account", 1),
            ("account", 2),
            ("account", 3),
            ("price_list", 1),
            ("project", 1),
            ("milestone", 1),
            ("time_report", 1),
            ("expense", 1),
        ] {
            conn.execute(
                "INSERT INTO change_history (at, user, object, object_id, version, field, new)
                 VALUES ('2025-01-01T00:00:00.000Z', 'old', ?1, ?2, 1, 'created', '{}')",
                rusqlite::params![object, id],
            )
            .unwrap();
        }
    }
    let store = Store::open(&path, "old").unwrap();
    assert_eq!(pragma_i64(store.conn(), "user_version"), LATEST);
    // Each one-line address is split into its parts; the line itself stays.
    let acme = store.account(1).unwrap();
    assert_eq!(acme.address, "Esplanadi 10, 00100 Helsinki, FI");
    assert_eq!(
        (
            acme.address_line1.as_str(),
            acme.address_line2.as_str(),
            acme.postcode.as_str(),
            acme.city.as_str(),
            acme.country_code.as_str()
        ),
        ("Esplanadi 10", "", "00100", "Helsinki", "FI")
    );
    assert_eq!((acme.ext_key.as_deref(), acme.email.as_str()), (None, ""));
    assert_eq!(acme.version, 1, "the migration is no edit");
    let globex = store.account(2).unwrap();
    assert_eq!(
        (
            globex.address_line1.as_str(),
            globex.postcode.as_str(),
            globex.city.as_str(),
            globex.country_code.as_str()
        ),
        ("110 Market Street", "", "Springfield", "US")
    );
    assert_eq!(
        store.account(3).unwrap().address_parts(),
        Default::default()
    );
    // What the hand-off reads is what it read before: the parts of the same line.
    assert_eq!(store.handoff_buyer(1).unwrap().parts, acme.address_parts());
    let p1 = store.project(1).unwrap();
    assert_eq!(
        (p1.ext_key.as_deref(), p1.business_unit.as_str()),
        (None, "")
    );
    assert_eq!(store.milestone(1).unwrap().ext_key, None);
    let t = store.time_report(1).unwrap();
    assert_eq!((t.description.as_str(), t.hours), ("", d("7.5")));
    assert_eq!(store.expense(1).unwrap().amount, d("123.45"));
    assert_eq!(store.price_list(1).unwrap().ext_key, None);
    let violations = store.verify().unwrap();
    assert!(violations.is_empty(), "{violations:#?}");
    // External keys are unique where set (a milestone's within its project).
    let conn = store.conn();
    conn.execute("UPDATE accounts SET ext_key = 'A' WHERE id = 1", [])
        .unwrap();
    assert!(
        conn.execute("UPDATE accounts SET ext_key = 'A' WHERE id = 2", [])
            .is_err()
    );
    conn.execute("UPDATE accounts SET ext_key = NULL WHERE id = 2", [])
        .unwrap();
}

#[test]
fn a_version_12_file_keeps_typed_amounts_as_estimates_and_prices_time_and_materials() {
    let (_dir, path) = temp_db();
    {
        let conn = open_connection_at(&path, 12).unwrap();
        let at = "'2025-01-01T00:00:00.000Z'";
        // P1 has 7.5 h of dev at the list's 100 and an expense of 123.45 in March, and 2 h in
        // May; three time-and-materials items typed at 5,000.00 (billable, March), 800.00
        // (open, June) and 900.00 (rejected), a fixed item of 1,000.00, and a
        // time-and-materials item typed at 700.00 on a draft of 123.45.
        conn.execute_batch(&format!(
            "INSERT INTO users (name, role, updated_by, updated_at) VALUES ('old', 'finance', 'old', {at});
             INSERT INTO accounts (name, billing_contact, address, vat_id, currency,
                 payment_terms_days, business_unit, updated_by, updated_at)
                 VALUES ('Acme', '', '', '', 'EUR', 30, '', 'old', {at});
             INSERT INTO price_lists (name, currency, updated_by, updated_at) VALUES ('Standard', 'EUR', 'old', {at});
             INSERT INTO rates (price_list_id, role, rate_micros) VALUES (1, 'dev', 100000000);
             INSERT INTO projects (code, name, account_id, currency, manager, status,
                 price_list_id, updated_by, updated_at)
                 VALUES ('P1', 'Rollout', 1, 'EUR', 'mia', 'launched', 1, 'old', {at});
             INSERT INTO time_reports (project_id, person, role, work_date, hours_micros, billable,
                 updated_by, updated_at) VALUES
                 (1, 'ann', 'dev', '2026-03-02', 7500000, 1, 'old', {at}),
                 (1, 'ann', 'dev', '2026-05-02', 2000000, 1, 'old', {at});
             INSERT INTO expenses (project_id, expense_date, description, amount_minor, billable,
                 updated_by, updated_at) VALUES (1, '2026-03-10', 'Train', 12345, 1, 'old', {at});
             INSERT INTO revenue_items (project_id, account_id, currency, name, item_type,
                 billing_rule, planned_amount_minor, planned_invoice_date, status, vat_rate_micros,
                 origin, updated_by, updated_at) VALUES
                 (1, 1, 'EUR', 'March', 'Services', 'time_and_materials', 500000, '2026-03-31', 'billable', 24000000, 'manual', 'old', {at}),
                 (1, 1, 'EUR', 'June', 'Services', 'time_and_materials', 80000, '2026-06-30', 'open', 24000000, 'manual', 'old', {at}),
                 (1, 1, 'EUR', 'Gone', 'Services', 'time_and_materials', 90000, '2026-02-28', 'rejected', 24000000, 'manual', 'old', {at}),
                 (1, 1, 'EUR', 'Workshop', 'Services', 'fixed', 100000, '2026-03-15', 'billable', 24000000, 'manual', 'old', {at}),
                 (1, 1, 'EUR', 'Drafted', 'Services', 'time_and_materials', 70000, '2026-01-31', 'draft_invoice', 24000000, 'manual', 'old', {at});
             INSERT INTO invoices (kind, status, account_id, currency, invoice_date, due_date,
                 net_minor, vat_minor, gross_minor, created_by, created_at, updated_by, updated_at)
                 VALUES ('invoice', 'draft', 1, 'EUR', '2026-02-01', '2026-03-03', 12345, 2963, 15308,
                     'old', {at}, 'old', {at});
             INSERT INTO invoice_lines (invoice_id, position, revenue_item_id, project_id,
                 description, quantity_micros, unit_price_micros, vat_rate_micros, net_minor)
                 VALUES (1, 1, 5, 1, 'Drafted', 1000000, 123450000, 24000000, 12345);
             UPDATE revenue_items SET actual_amount_minor = 12345 WHERE id = 5;
             INSERT INTO revenue_item_search (rowid, name) SELECT id, name FROM revenue_items;"
        ))
        .unwrap();
        for (object, id) in [
            ("user", 1),
            ("account", 1),
            ("price_list", 1),
            ("project", 1),
            ("time_report", 1),
            ("time_report", 2),
            ("expense", 1),
            ("revenue_item", 1),
            ("revenue_item", 2),
            ("revenue_item", 3),
            ("revenue_item", 4),
            ("revenue_item", 5),
            ("invoice", 1),
        ] {
            conn.execute(
                "INSERT INTO change_history (at, user, object, object_id, version, field, new)
                 VALUES ('2025-01-01T00:00:00.000Z', 'old', ?1, ?2, 1, 'created', '{}')",
                rusqlite::params![object, id],
            )
            .unwrap();
        }
        // The forecast before: the typed 5,000.00 of March and 800.00 of June, and the 1,000.00.
        let forecast: i64 = conn
            .query_row("SELECT sum(amount_minor) FROM forecast_months", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(forecast, 680_000);
    }
    let store = Store::open(&path, "old").unwrap();
    assert_eq!(pragma_i64(store.conn(), "user_version"), LATEST);
    let item = |id| store.revenue_item(id).unwrap();
    // March collects the March time and the train; June the May time; what was typed stays
    // as the estimate.
    let march = item(1);
    assert_eq!(
        (march.planned_amount, march.estimate, march.version),
        (d("873.45"), Some(d("5000.00")), 2)
    );
    let june = item(2);
    assert_eq!(
        (june.planned_amount, june.estimate),
        (d("200.00"), Some(d("800.00")))
    );
    // Rejected: nothing, its estimate kept.
    let gone = item(3);
    assert_eq!(
        (gone.planned_amount, gone.estimate),
        (d("0"), Some(d("900.00")))
    );
    // On a draft: it holds what it invoiced, its typed amount as the estimate.
    let drafted = item(5);
    assert_eq!(
        (
            drafted.planned_amount,
            drafted.actual_amount,
            drafted.estimate
        ),
        (d("123.45"), Some(d("123.45")), Some(d("700.00")))
    );
    let fixed = item(4);
    assert_eq!(
        (fixed.planned_amount, fixed.estimate, fixed.version),
        (d("1000.00"), None, 1)
    );
    // Each changed amount has its history row, by the migration, saying why.
    let h = store.history_of("revenue_item", 1).unwrap();
    let last = h.last().unwrap();
    assert_eq!(
        (
            last.user.as_str(),
            last.version,
            last.field.as_str(),
            last.old.as_deref(),
            last.new.as_deref()
        ),
        (
            finctl::store::migrations::MIGRATION_13_USER,
            2,
            "planned_amount",
            Some("5000.00"),
            Some("873.45")
        )
    );
    assert!(last.reason.as_deref().unwrap().contains("estimate"));
    // The forecast follows: 873.45 + 200.00 + 1,000.00.
    let forecast: i64 = store
        .conn()
        .query_row("SELECT sum(amount_minor) FROM forecast_months", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(forecast, 207_345);
    let indexes: Vec<String> = schema(store.conn())
        .into_iter()
        .filter(|(t, _, _)| t == "index")
        .map(|(_, n, _)| n)
        .collect();
    assert!(indexes.contains(&"invoice_lines_project".to_string()));
    assert!(indexes.contains(&"revenue_items_collecting".to_string()));
    let violations = store.verify().unwrap();
    assert!(violations.is_empty(), "{violations:#?}");
}

/// Migration 15: users get a number format, none (the locale's) for those who were there; the
/// column holds only the four formats.
#[test]
fn users_of_version_14_read_numbers_as_their_locale() {
    use finctl::domain::NumberFormat;
    let (_dir, path) = temp_db();
    {
        let conn = open_connection_at(&path, 14).unwrap();
        conn.execute(
            "INSERT INTO users (name, role, updated_by, updated_at)
             VALUES ('old', 'finance', 'old', '2025-01-01T00:00:00.000Z')",
            [],
        )
        .unwrap();
    }
    let mut store = Store::open(&path, "old").unwrap();
    assert_eq!(store.number_choice().chosen, None);
    store.set_locale_numbers(NumberFormat::PointComma);
    assert_eq!(store.numbers(), NumberFormat::PointComma);
    let users = store.users().unwrap();
    assert_eq!(users[0].number_format, None);
    let bad = store.conn().execute(
        "UPDATE users SET number_format = '1234.56' WHERE name = 'old'",
        [],
    );
    assert!(bad.is_err(), "only the four formats are kept");
    store
        .set_number_format("old", Some(NumberFormat::SpaceComma))
        .unwrap();
    let stored: String = store
        .conn()
        .query_row(
            "SELECT number_format FROM users WHERE name = 'old'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stored, "1 234,56");
}

/// Migration 17: every database gets an identity of its own, made once (a file made before 17
/// too), which never changes; hand-off marks get the folder's identity, none for older marks.
#[test]
fn every_database_has_an_identity_of_its_own_that_never_changes() {
    let (_dir, path) = temp_db();
    {
        let conn = open_connection_at(&path, 15).unwrap();
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'database_identity'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(tables, 0);
    }
    let old = Store::open(&path, "ann")
        .unwrap()
        .database_identity()
        .unwrap();
    assert_eq!(old.len(), 32);
    assert!(
        old.bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    );
    let store = Store::open(&path, "ann").unwrap();
    assert_eq!(
        store.database_identity().unwrap(),
        old,
        "kept when opened again"
    );
    let (_dir2, other) = temp_db();
    let new = Store::open(&other, "ann")
        .unwrap()
        .database_identity()
        .unwrap();
    assert_ne!(new, old, "each database its own");
    for sql in [
        "UPDATE database_identity SET identity = '00000000000000000000000000000000'",
        "DELETE FROM database_identity",
        "INSERT OR REPLACE INTO database_identity VALUES (1, '00000000000000000000000000000000')",
        "INSERT INTO database_identity VALUES (2, '00000000000000000000000000000000')",
    ] {
        assert!(store.conn().execute(sql, []).is_err(), "{sql}");
    }
    assert_eq!(store.database_identity().unwrap(), old);
    let folder: Option<String> = store
        .conn()
        .query_row(
            "SELECT 1 FROM pragma_table_info('handoffs') WHERE name = 'folder'",
            [],
            |r| r.get::<_, i64>(0).map(|_| Some("folder".to_string())),
        )
        .unwrap();
    assert_eq!(folder.as_deref(), Some("folder"));
}
