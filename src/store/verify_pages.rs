//! SQLite's own integrity check (`PRAGMA integrity_check`: every page of every table and
//! index, and every index entry against its row), run on a read-only connection of its own in a
//! thread beside `verify`'s other checks. It is the longest check by far (about 8 of 17 s of CPU
//! on 1,000,000 items) and needs nothing from the others: on two cores, the two halves of
//! `verify` take about as long as the longer one.

use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// How much of the file `verify` maps at most (SQLite's own limit in its default build): the
/// checks read the whole file, several times over, and mapped its pages are read in place from
/// the system's cache instead of copied in 4 KiB reads (half of the time on a million items).
pub(super) const VERIFY_MMAP: i64 = 0x7fff_0000;

/// SQLite steps between two questions whether to stop.
const STEPS: i32 = 10_000;

/// Runs `PRAGMA integrity_check` on the database at `path`: what it finds (nothing when the
/// pages are sound), or SQLite's "interrupted" once `stop` says so. Nothing is changed.
pub(super) fn check_pages(path: &Path, stop: fn() -> bool) -> rusqlite::Result<Vec<String>> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.execute_batch(&format!("PRAGMA mmap_size = {VERIFY_MMAP};"))?;
    conn.progress_handler(STEPS, Some(stop));
    let mut found = Vec::new();
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let message: String = r.get(0)?;
        if message != "ok" {
            found.push(message);
        }
    }
    Ok(found)
}
