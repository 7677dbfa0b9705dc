//! The bulk item moves of drafting and confirming, run with the connection's triggers off.
//!
//! Why: a statement that changes many rows of a table with triggers, or with a constraint that
//! aborts, makes SQLite keep a statement journal: a copy of every page the statement changes
//! first, so that a failing row can undo the statement's part. Moving a hundred thousand items
//! spent a quarter of its time on that copy. Without triggers, and with `UPDATE OR FAIL` (a
//! failing row ends the statement where it is; the caller's error then rolls the whole
//! transaction back), SQLite needs none.
//!
//! Why it is safe: the triggers on `revenue_items` are the forecast sums (which count only open
//! and billable items) and the planned-date range check (only when the date changes). A move
//! from "on a draft invoice" to "invoiced" touches neither; a move from billable onto a draft
//! takes its items out of the forecast sums in code (`forecast_sums.rs`), as the trigger would.
//! Only the item moves run here: history rows and everything else keep their triggers.
//! `tests/store_bulk_invoicing.rs` lists the triggers on `revenue_items`, so that a new one
//! fails that test until it is weighed against these moves.

use super::error::Result;
use rusqlite::Connection;
use rusqlite::config::DbConfig;

/// Triggers off on a connection until [`TriggersOff::end`] (or the drop, on an error path).
pub(super) struct TriggersOff<'c> {
    conn: &'c Connection,
    ended: bool,
}

impl<'c> TriggersOff<'c> {
    /// Turns `conn`'s triggers off. Statements prepared before are prepared again at their
    /// next use (SQLite expires them), so none runs with or without triggers by mistake.
    pub(super) fn begin(conn: &'c Connection) -> Result<Self> {
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false)?;
        Ok(TriggersOff { conn, ended: false })
    }

    /// Turns the triggers back on.
    pub(super) fn end(mut self) -> Result<()> {
        self.conn
            .set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, true)?;
        self.ended = true;
        Ok(())
    }
}

impl Drop for TriggersOff<'_> {
    fn drop(&mut self) {
        if !self.ended
            && let Err(e) = self
                .conn
                .set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, true)
        {
            // Nothing more can be done from a drop: every write turns them on as it begins
            // (`ensure_on`, from `Writer::new`).
            tracing::error!("could not turn the triggers back on: {e}");
        }
    }
}

/// Turns `conn`'s triggers on if a [`TriggersOff`] could not: no write begins without them.
pub(super) fn ensure_on(conn: &Connection) -> Result<()> {
    if !conn.db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER)? {
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, true)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counted(conn: &Connection) -> i64 {
        conn.query_row("SELECT n FROM counter", [], |r| r.get(0))
            .unwrap()
    }

    fn with_trigger() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE t (x INTEGER);
             CREATE TABLE counter (n INTEGER);
             INSERT INTO counter VALUES (0);
             CREATE TRIGGER t_count AFTER INSERT ON t BEGIN UPDATE counter SET n = n + 1; END;",
        )
        .unwrap();
        conn
    }

    #[test]
    fn triggers_are_off_until_ended_or_dropped() {
        let conn = with_trigger();
        let off = TriggersOff::begin(&conn).unwrap();
        conn.execute("INSERT INTO t VALUES (1)", []).unwrap();
        assert_eq!(counted(&conn), 0, "off");
        off.end().unwrap();
        conn.execute("INSERT INTO t VALUES (2)", []).unwrap();
        assert_eq!(counted(&conn), 1, "on again");
        {
            let _off = TriggersOff::begin(&conn).unwrap();
            conn.execute("INSERT INTO t VALUES (3)", []).unwrap();
            // Dropped without `end`, as on an error path.
        }
        conn.execute("INSERT INTO t VALUES (4)", []).unwrap();
        assert_eq!(counted(&conn), 2, "on again after a drop");
    }

    #[test]
    fn a_statement_prepared_with_triggers_runs_without_them_while_off() {
        let conn = with_trigger();
        conn.prepare_cached("INSERT INTO t VALUES (?1)")
            .unwrap()
            .execute([1])
            .unwrap();
        let off = TriggersOff::begin(&conn).unwrap();
        conn.prepare_cached("INSERT INTO t VALUES (?1)")
            .unwrap()
            .execute([2])
            .unwrap();
        off.end().unwrap();
        conn.prepare_cached("INSERT INTO t VALUES (?1)")
            .unwrap()
            .execute([3])
            .unwrap();
        assert_eq!(
            counted(&conn),
            2,
            "the cached statement followed the setting"
        );
    }

    #[test]
    fn ensure_on_turns_them_back_on() {
        let conn = with_trigger();
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false)
            .unwrap();
        ensure_on(&conn).unwrap();
        conn.execute("INSERT INTO t VALUES (1)", []).unwrap();
        assert_eq!(counted(&conn), 1);
    }
}
