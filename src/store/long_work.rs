//! A write that takes long (drafts from tens of thousands of items, confirming hundreds of
//! drafts). Whoever runs the write on this thread (the console) is told how long it has run and
//! may stop it: the transaction is then rolled back, nothing is written, and the error says so.
//! The observer is asked at every change-history row (a long write is many short statements)
//! and, within one long statement, every few thousand SQLite steps.

use super::error::{Result, STOPPED, StoreError};
use rusqlite::Connection;
use std::cell::{Cell, RefCell};
use std::time::{Duration, Instant};

/// Told how long a write has run so far; `false` stops it.
pub type LongWorkObserver = Box<dyn FnMut(Duration) -> bool>;

/// SQLite steps between two calls: a fraction of a millisecond of work.
const STEPS: i32 = 10_000;

thread_local! {
    static OBSERVER: RefCell<Option<LongWorkObserver>> = const { RefCell::new(None) };
    /// When the write being watched began.
    static STARTED: Cell<Option<Instant>> = const { Cell::new(None) };
    /// How far the write has come, when it counts its steps (see [`progress`]).
    static PROGRESS: Cell<Option<Progress>> = const { Cell::new(None) };
}

/// How far a long write has come: `done` of `total` things of a kind (`drafts`, `items`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub what: &'static str,
    pub done: usize,
    pub total: usize,
}

/// Notes how far the write on this thread has come, and asks the observer as [`tick`] does:
/// a confirmation of a thousand drafts says "312 of 1,000 drafts", not only its seconds.
pub(super) fn progress(what: &'static str, done: usize, total: usize) -> Result<()> {
    if STARTED.with(Cell::get).is_none() {
        return Ok(());
    }
    PROGRESS.with(|p| p.set(Some(Progress { what, done, total })));
    tick()
}

/// How far the write being watched on this thread has come, when it counts (for the
/// observer's notice).
pub fn current_progress() -> Option<Progress> {
    PROGRESS.with(Cell::get)
}

/// Asks the observer how the write goes; an error once it says stop.
pub(super) fn tick() -> Result<()> {
    let Some(started) = STARTED.with(Cell::get) else {
        return Ok(());
    };
    let go_on = OBSERVER.with(|o| match o.try_borrow_mut() {
        Ok(mut o) => o.as_mut().is_none_or(|f| f(started.elapsed())),
        Err(_) => true,
    });
    if go_on {
        Ok(())
    } else {
        Err(StoreError::Refused(STOPPED.into()))
    }
}

/// Who is told while a write on this thread runs (`None`: nobody; it runs to its end).
pub fn set_long_work_observer(observer: Option<LongWorkObserver>) {
    OBSERVER.with(|o| *o.borrow_mut() = observer);
}

/// Asks the observer while the writes on `conn` run, from now on.
pub(super) fn watch(conn: &Connection) {
    if OBSERVER.with(|o| o.borrow().is_none()) {
        return;
    }
    let started = Instant::now();
    STARTED.with(|s| s.set(Some(started)));
    conn.progress_handler(
        STEPS,
        Some(move || {
            let waited = started.elapsed();
            // `true` interrupts the statement.
            OBSERVER.with(|o| match o.try_borrow_mut() {
                Ok(mut o) => o.as_mut().is_some_and(|f| !f(waited)),
                Err(_) => false,
            })
        }),
    );
}

/// The write is over: no more calls.
pub(super) fn unwatch(conn: &Connection) {
    STARTED.with(|s| s.set(None));
    PROGRESS.with(|p| p.set(None));
    conn.progress_handler(0, None::<fn() -> bool>);
}

/// Whether an SQLite error is a write stopped by its observer.
pub fn is_stopped(e: &rusqlite::Error) -> bool {
    e.sqlite_error_code() == Some(rusqlite::ErrorCode::OperationInterrupted)
}
