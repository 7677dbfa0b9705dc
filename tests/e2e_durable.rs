//! What a clean exit leaves on disk: the database file alone holds every change (its log is
//! written back into it), so copying `finctl.db` after `q` copies the last edits too.

use crate::support;

use support::e2e::DemoDb;

fn open_items(path: &std::path::Path) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row(
        "SELECT count(*) FROM revenue_items WHERE status = 'open'",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

/// Regression: after `q` the last edits were still only in `finctl.db-wal`: a copy of the
/// `.db` file alone missed them.
#[test]
fn after_q_the_database_file_alone_holds_the_last_edit() {
    let db = DemoDb::new();
    let before = open_items(&db.db);
    let mut c = db.console(24, 80);
    c.wait_for("? shows the keys");
    c.wait_list_ready();
    c.send("o");
    c.wait_status("set open");
    c.send("q");
    let status = c.wait_exit();
    assert!(status.success(), "{status:?}");
    // The file alone, as `cp finctl.db` would copy it.
    let copy_dir = tempfile::tempdir().unwrap();
    let copy = copy_dir.path().join("copy.db");
    std::fs::copy(&db.db, &copy).unwrap();
    assert_eq!(open_items(&copy), before + 1, "the copy holds the edit");
    let wal = db.db.with_extension("db-wal");
    assert!(
        std::fs::metadata(&wal).map_or(true, |m| m.len() == 0),
        "the log is written back and emptied: {wal:?}"
    );
}
