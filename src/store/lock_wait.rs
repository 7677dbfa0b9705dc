//! Waiting for another user's write. SQLite lets one connection write at a time; a write that
//! finds the database locked used to wait silently for the whole busy timeout (the console froze
//! for 10 s, Ctrl-C included). Now SQLite calls back every few milliseconds while it waits, and
//! whoever runs the work on this thread (the console) is told how long it has waited and may
//! give up: the write then fails with [`is_lock_wait_given_up`] and nothing is written.

use std::cell::{Cell, RefCell};
use std::time::{Duration, Instant};

/// How long a write waits for another's lock at most.
pub const LOCK_WAIT_LIMIT: Duration = Duration::from_secs(10);

/// How long between two looks at the lock.
const STEP: Duration = Duration::from_millis(10);

/// Told how long a write has waited so far; `false` gives up waiting.
pub type LockWaitObserver = Box<dyn FnMut(Duration) -> bool>;

thread_local! {
    static OBSERVER: RefCell<Option<LockWaitObserver>> = const { RefCell::new(None) };
    static STARTED: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// Who is told while a write on this thread waits for a lock (`None`: nobody; it waits up to
/// [`LOCK_WAIT_LIMIT`]). The console's connection is used on its own thread only.
pub fn set_lock_wait_observer(observer: Option<LockWaitObserver>) {
    OBSERVER.with(|o| *o.borrow_mut() = observer);
}

/// SQLite's busy handler for the main connection: `attempt` counts the calls of one wait.
pub(super) fn on_busy(attempt: i32) -> bool {
    let now = Instant::now();
    if attempt == 0 {
        STARTED.with(|s| s.set(Some(now)));
    }
    let started = STARTED.with(|s| s.get()).unwrap_or(now);
    let waited = now.duration_since(started);
    let go_on = OBSERVER.with(|o| match o.try_borrow_mut() {
        Ok(mut o) => o.as_mut().is_none_or(|f| f(waited)),
        // Called from within the observer (it must not write): keep waiting.
        Err(_) => true,
    });
    if !go_on || waited >= LOCK_WAIT_LIMIT {
        return false;
    }
    std::thread::sleep(STEP);
    true
}

/// Whether an SQLite error is a write that gave up waiting for another's lock.
pub fn is_lock_wait_given_up(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}
