//! SQLite's own integrity check (`PRAGMA integrity_check`: every page of every table and
//! index, and every index entry against its row), run on a read-only connection of its own in a
//! thread beside `verify`'s other checks. It is the longest check by far (about 8 of 17 s of CPU
//! on 1,000,000 items) and needs nothing from the others: on two cores, the two halves of
//! `verify` take about as long as the longer one.

use super::error::{Result, StoreError};
use super::verify::{VERIFY_MMAP, VERIFY_STOPPED, Violation};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// SQLite steps between two questions whether to stop.
const STEPS: i32 = 10_000;

/// Runs `PRAGMA integrity_check` on the database at `path`; what it finds, or an error once
/// `stop` says so (nothing is changed either way).
pub(super) fn check_pages(path: &Path, stop: fn() -> bool) -> Result<Vec<Violation>> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    // Mapped, as the other checks read it (see `verify.rs`).
    conn.execute_batch(&format!("PRAGMA mmap_size = {VERIFY_MMAP};"))?;
    conn.progress_handler(STEPS, Some(stop));
    let mut out = Vec::new();
    let read = (|| -> rusqlite::Result<()> {
        let mut stmt = conn.prepare("PRAGMA integrity_check")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let message: String = r.get(0)?;
            if message != "ok" {
                out.push(Violation {
                    check: "integrity",
                    message,
                });
            }
        }
        Ok(())
    })();
    match read {
        Ok(()) => Ok(out),
        Err(e) if super::long_work::is_stopped(&e) => {
            Err(StoreError::Refused(VERIFY_STOPPED.into()))
        }
        Err(e) => Err(e.into()),
    }
}
