//! Writing the log back into the database file on a thread of its own, for the console.
//!
//! A commit is durable once its log frames are synced (`synchronous = FULL`); copying them into
//! the database file (a checkpoint) is housekeeping. SQLite does it by default inside the
//! commit that takes the log past 1,000 pages, so the user waits for it: after a bulk
//! confirmation that copy and its sync of the database file was about a tenth of the time from
//! the key to the status line. With [`Store::checkpoint_in_background`] the store's connection
//! no longer checkpoints; after each commit it nudges this thread, which checkpoints through a
//! connection of its own without blocking the store's readers or writers (a passive
//! checkpoint: it copies what no reader still needs and leaves the rest for the next one).

use super::error::Result;
use super::open::BUSY_TIMEOUT;
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::thread::JoinHandle;
use std::time::Duration;

/// The thread and the way to nudge it; dropping it lets the thread finish what it was asked
/// and waits for it.
pub(super) struct Checkpointer {
    nudge: Option<SyncSender<()>>,
    thread: Option<JoinHandle<()>>,
    /// How many checkpoints the thread has finished that copied the whole log.
    finished: Arc<AtomicU64>,
}

impl Checkpointer {
    /// Starts the thread on the database at `path`.
    pub(super) fn start(path: &Path) -> Result<Checkpointer> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // The same durability as the store's connection: the database file is synced before
        // the log is reused.
        conn.execute_batch("PRAGMA synchronous = FULL;")?;
        // One nudge waiting is enough: it checkpoints everything committed before it runs.
        let (nudge, nudged) = sync_channel(1);
        let finished = Arc::new(AtomicU64::new(0));
        let counted = Arc::clone(&finished);
        let thread = std::thread::Builder::new()
            .name("finctl-checkpoint".into())
            .spawn(move || run(&conn, &nudged, &counted))?;
        Ok(Checkpointer {
            nudge: Some(nudge),
            thread: Some(thread),
            finished,
        })
    }

    /// How many checkpoints the thread has finished so far that copied the whole log.
    pub(super) fn finished(&self) -> u64 {
        self.finished.load(Ordering::Acquire)
    }

    /// Asks for a checkpoint of what has been committed so far (at once if the thread is idle,
    /// else after the one it is running).
    pub(super) fn nudge(&self) {
        if let Some(nudge) = &self.nudge {
            match nudge.try_send(()) {
                Ok(()) | Err(TrySendError::Full(())) => {}
                Err(TrySendError::Disconnected(())) => {
                    tracing::warn!("the checkpoint thread has stopped");
                }
            }
        }
    }
}

/// How often a checkpoint that could not copy the whole log (or failed) is tried again, and
/// how long apart: a reader still on an older snapshot holds back the frames after it, for as
/// long as its query runs.
const RETRIES: usize = 20;
const RETRY_AFTER: Duration = Duration::from_millis(50);

fn run(conn: &Connection, nudged: &Receiver<()>, finished: &AtomicU64) {
    while nudged.recv().is_ok() {
        for _ in 0..RETRIES {
            match checkpoint(conn) {
                Ok(true) => {
                    finished.fetch_add(1, Ordering::Release);
                    break;
                }
                Ok(false) => std::thread::sleep(RETRY_AFTER),
                // Tried again like a partial one (another connection busy with the log); after
                // the last try, left for the next nudge or the checkpoint at a clean exit.
                Err(e) => {
                    tracing::warn!(error = %e, "checkpoint failed");
                    std::thread::sleep(RETRY_AFTER);
                }
            }
        }
    }
}

/// One passive checkpoint: whether it copied the whole log.
fn checkpoint(conn: &Connection) -> rusqlite::Result<bool> {
    let (busy, log, copied): (i64, i64, i64) =
        conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    tracing::debug!(busy, log, copied, "checkpoint");
    Ok(busy == 0 && copied == log)
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        // Closing the channel ends the thread's loop once it has done what it was asked.
        self.nudge.take();
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            tracing::warn!("the checkpoint thread panicked");
        }
    }
}
