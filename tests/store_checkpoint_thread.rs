//! The console leaves checkpoints to a thread of their own (`store/checkpointer.rs`): its
//! store's commits no longer copy the log into the database file, and the thread does it after
//! each commit. What is committed still reaches the file itself.

use crate::support;

use finctl::domain::revenue_status::RevenueStatus;
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::time::{Duration, Instant};
use support::store::*;

/// How many items the database file itself holds, the log left aside (`immutable`: SQLite
/// reads the file as it is).
fn items_in_file(path: &Path) -> i64 {
    let uri = format!("file:{}?immutable=1", path.display());
    let conn = Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
    )
    .unwrap();
    conn.query_row("SELECT count(*) FROM revenue_items", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn the_stores_commits_reach_the_database_file_through_the_checkpoint_thread() {
    let mut c = Company::new();
    // The company so far into the file (its tables are still in the log).
    c.store.checkpoint().unwrap();
    let before = items_in_file(&c.path);
    c.store.checkpoint_in_background().unwrap();
    let autocheckpoint: i64 = c
        .store
        .conn()
        .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        autocheckpoint, 0,
        "the store's own commits do not checkpoint"
    );

    // Far more than the 1,000 log pages after which a commit would checkpoint itself.
    let items: Vec<_> = (0..20_000)
        .map(|k| {
            fixed_item(
                c.p1,
                &format!("Checkpointed item {k}"),
                "10.00",
                "24",
                RevenueStatus::Billable,
            )
        })
        .collect();
    c.store.create_revenue_items(&items).unwrap();
    let committed: i64 = c
        .store
        .conn()
        .query_row("SELECT count(*) FROM revenue_items", [], |r| r.get(0))
        .unwrap();

    assert!(committed > before);
    // The thread was nudged by that commit: once it has finished a checkpoint since, it is
    // idle (nothing else writes) and the file holds every item.
    let deadline = Instant::now() + Duration::from_secs(30);
    while c.store.background_checkpoints() < Some(1) {
        assert!(
            Instant::now() < deadline,
            "no checkpoint 30 s after the commit"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(items_in_file(&c.path), committed);
    // The thread stops with the store (its drop waits for it), and the database is sound.
    c.assert_sound();
}
