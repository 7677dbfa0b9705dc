//! Commits that hold against a power cut: in WAL mode `synchronous = NORMAL` syncs the log only
//! at checkpoints, so a confirmation shown on screen could roll back after a power loss and its
//! number be given again. The store commits with `synchronous = FULL`: the log is synced at
//! every commit.

use crate::support;

use support::store::demo_store;

#[test]
fn every_commit_is_synced_to_disk() {
    let (_dir, path, store) = demo_store();
    let level: i64 = store
        .conn()
        .query_row("PRAGMA synchronous", [], |r| r.get(0))
        .unwrap();
    assert_eq!(level, 2, "FULL (2), not NORMAL (1)");
    // A store opened again on the file says the same (the level is per connection).
    drop(store);
    let again = finctl::store::Store::open(&path, "someone").unwrap();
    let level: i64 = again
        .conn()
        .query_row("PRAGMA synchronous", [], |r| r.get(0))
        .unwrap();
    assert_eq!(level, 2);
}
