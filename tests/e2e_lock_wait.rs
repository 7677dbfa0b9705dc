//! The real binary in a pty while another user's change holds the database: a write shows
//! "waiting for another user's change…" at once, Esc stops waiting and nothing is saved, the
//! keys typed meanwhile are kept, and once the other change ends the same key saves.

use crate::support;

use serde_json::Value;
use std::time::{Duration, Instant};
use support::e2e::{DemoDb, Key};

fn statuses(db: &DemoDb) -> Vec<(i64, String)> {
    db.export("revenue-items")
        .iter()
        .map(|v: &Value| {
            (
                v["id"].as_i64().unwrap_or_default(),
                v["status"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// Regression: the screen froze for 10 s (Ctrl-C included) and then said "database error:
/// database is locked".
#[test]
fn a_write_that_waits_for_another_user_says_so_and_esc_stops_it() {
    let db = DemoDb::new();
    let before = statuses(&db);
    let mut c = db.console(24, 80);
    c.wait_for("? shows the keys");
    c.wait_list_ready();

    // Another user's change holds the write lock.
    let other = rusqlite::Connection::open(&db.db).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let start = Instant::now();
    c.send("o");
    c.wait_for("waiting for another user's change");
    let shown_after = start.elapsed();
    assert!(
        shown_after < Duration::from_secs(2),
        "the notice came after {shown_after:?}"
    );
    // A key typed while it waits is kept for after (here: help).
    c.send("?");
    c.send_key(Key::Esc);
    c.wait_status("nothing was saved: another user's change held the database");
    assert!(
        start.elapsed() < Duration::from_secs(8),
        "Esc stopped the wait: {:?}",
        start.elapsed()
    );
    c.wait_for("Keys: Finance control");
    c.send_key(Key::Esc);
    c.wait_gone("Keys: Finance control");
    other.execute_batch("ROLLBACK").unwrap();
    assert_eq!(statuses(&db), before, "nothing was written");

    // The other change is over: the same key saves.
    c.send("o");
    c.wait_status("set open");
    let after = statuses(&db);
    let changed = before.iter().zip(&after).filter(|(b, a)| b != a).count();
    assert_eq!(changed, 1, "one item set open");
    c.send("q");
}
