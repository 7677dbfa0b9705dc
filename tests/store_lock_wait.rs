//! A write that finds the database locked by another user's change: the one who waits is told
//! at once how long it has waited and may give up (nothing is written), instead of a silent
//! 10-second freeze; when the other change ends, the write goes through.

use crate::support;

use finctl::domain::rights::Role;
use finctl::store::lock_wait::{LOCK_WAIT_LIMIT, set_lock_wait_observer};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};
use support::store::demo_store;

/// Another user's change: a connection holding the write lock until dropped.
fn hold_the_write_lock(path: &std::path::Path) -> rusqlite::Connection {
    let other = rusqlite::Connection::open(path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    other
}

#[test]
fn a_write_that_waits_is_told_at_once_and_can_give_up() {
    let (_dir, path, mut store) = demo_store();
    let calls: Arc<Mutex<Vec<Duration>>> = Arc::default();
    let seen = calls.clone();
    set_lock_wait_observer(Some(Box::new(move |waited| {
        seen.lock().unwrap().push(waited);
        // Esc after 300 ms of waiting.
        waited < Duration::from_millis(300)
    })));
    let other = hold_the_write_lock(&path);
    let start = Instant::now();
    let err = store.set_role("vera", Role::Viewer).unwrap_err();
    let took = start.elapsed();
    assert!(
        took < Duration::from_secs(2),
        "gave up in {took:?}, not the 10 s limit"
    );
    assert!(
        err.to_string()
            .starts_with("nothing was saved: another user's change held the database"),
        "{err}"
    );
    let calls = calls.lock().unwrap().clone();
    assert!(
        calls
            .first()
            .is_some_and(|w| *w < Duration::from_millis(200)),
        "told within 0.2 s: {calls:?}"
    );
    assert!(
        calls.len() > 3,
        "told again and again while waiting: {calls:?}"
    );
    drop(other);
    // Nothing was written: the role is still unknown, and the write goes through now.
    assert!(store.users().unwrap().iter().all(|u| u.name != "vera"));
    store.set_role("vera", Role::Viewer).unwrap();
    set_lock_wait_observer(None);
}

#[test]
fn a_write_that_waits_goes_through_when_the_other_change_ends() {
    let (_dir, path, mut store) = demo_store();
    let other = hold_the_write_lock(&path);
    let release = thread::spawn(move || {
        thread::sleep(Duration::from_millis(400));
        other.execute_batch("COMMIT").unwrap();
    });
    let start = Instant::now();
    store.set_role("max", Role::Manager).unwrap();
    let took = start.elapsed();
    release.join().unwrap();
    assert!(took >= Duration::from_millis(300), "it waited: {took:?}");
    assert!(took < LOCK_WAIT_LIMIT);
    assert!(store.users().unwrap().iter().any(|u| u.name == "max"));
}
