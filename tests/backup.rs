//! `finctl backup --output FILE`: a copy of the database made while others work, checked before
//! it is called done; one file, private, never written over an existing one.

use crate::support;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use support::cli::{finctl, printed};

fn demo_db(dir: &Path) -> String {
    let db = dir.join("demo.db").to_str().unwrap().to_string();
    let out = finctl(&[
        "--db",
        &db,
        "demo",
        "--revenue-items",
        "300",
        "--today",
        "2026-11-28",
    ]);
    assert!(out.status.success(), "{}", printed(&out));
    db
}

fn count(path: &Path, table: &str) -> i64 {
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_backup_made_while_another_user_writes_is_whole_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let items = count(Path::new(&db), "revenue_items");
    // Another user is in the middle of a change: the backup takes what is committed.
    let other = rusqlite::Connection::open(&db).unwrap();
    other
        .execute_batch("BEGIN IMMEDIATE; DELETE FROM change_history WHERE 0;")
        .unwrap();
    let copy = dir.path().join("backup.db");
    let out = finctl(&["--db", &db, "backup", "--output", copy.to_str().unwrap()]);
    assert!(out.status.success(), "{}", printed(&out));
    assert!(printed(&out).contains("verified"), "{}", printed(&out));
    other.execute_batch("ROLLBACK").unwrap();
    // One file: no log beside it, private to its owner.
    assert!(!dir.path().join("backup.db-wal").exists());
    let mode = std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "{mode:o}");
    assert_eq!(count(&copy, "revenue_items"), items);
    // The copy holds no chain key: verify says it cannot check the keyed chains without it.
    let check = finctl(&["--db", copy.to_str().unwrap(), "verify"]);
    assert_eq!(check.status.code(), Some(1), "{}", printed(&check));
    assert!(
        printed(&check).contains(
            "backup.db.key is missing: the keyed chains of documents and history were not checked"
        ),
        "{}",
        printed(&check)
    );
    // Restored beside its database's key (README: backup and restore), it verifies.
    std::fs::copy(format!("{db}.key"), dir.path().join("backup.db.key")).unwrap();
    let check = finctl(&["--db", copy.to_str().unwrap(), "verify"]);
    assert!(check.status.success(), "{}", printed(&check));
}

#[test]
fn a_backup_never_writes_over_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let copy = dir.path().join("there.db");
    std::fs::write(&copy, b"keep me").unwrap();
    let out = finctl(&["--db", &db, "backup", "--output", copy.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", printed(&out));
    assert!(printed(&out).contains("exists"), "{}", printed(&out));
    assert_eq!(std::fs::read(&copy).unwrap(), b"keep me");
    // A folder that does not exist is named, and nothing is made.
    let nowhere = dir.path().join("no/such/folder/b.db");
    let out = finctl(&["--db", &db, "backup", "--output", nowhere.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", printed(&out));
    assert!(!dir.path().join("no").exists());
}

#[test]
fn a_backup_copied_in_steps_keeps_the_moment_it_began_and_tells_its_pages() {
    use finctl::store::Store;
    use support::store::{DEMO_USER, account, demo_store_of};
    // Large enough for several steps of the copy.
    let (dir, path, mut store) = demo_store_of(10_000, 1);
    let accounts = count(&path, "accounts");
    let reader = Store::open_read_only(&path, DEMO_USER).unwrap();
    let copy = dir.path().join("copy.db");
    let mut told: Vec<(u64, u64)> = Vec::new();
    reader
        .backup_to_watched(&copy, &mut |done, total| {
            if told.is_empty() {
                // Another user commits between two steps: not in the copy, which goes on.
                store.create_account(&account("Late", "EUR", 30)).unwrap();
            }
            told.push((done, total));
            true
        })
        .unwrap();
    assert!(
        told.len() >= 2 && told[0].0 < told[0].1,
        "copied in steps: {told:?}"
    );
    assert!(told.windows(2).all(|w| w[0].0 < w[1].0), "{told:?}");
    let (done, total) = *told.last().unwrap();
    assert_eq!(done, total, "{told:?}");
    assert_eq!(count(&copy, "accounts"), accounts);
    assert_eq!(count(&path, "accounts"), accounts + 1);
    assert!(reader.verify_copy(&copy).unwrap().is_empty());
}

#[test]
fn a_backup_stopped_between_steps_leaves_nothing() {
    use finctl::store::Store;
    use support::store::{DEMO_USER, demo_store_of};
    let (dir, path, _store) = demo_store_of(10_000, 1);
    let reader = Store::open_read_only(&path, DEMO_USER).unwrap();
    let copy = dir.path().join("copy.db");
    let err = reader
        .backup_to_watched(&copy, &mut |_, _| false)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the backup was stopped: no backup was made"
    );
    assert!(!copy.exists());
}
