//! Sealing the change history: before a write transaction commits, each history row it wrote
//! gets its keyed chain value (`domain::history_chain`) and the keyed head moves on. Only the
//! rows the transaction itself wrote are sealed: a row someone put into the file behind
//! finctl's back stays without a value, and `verify` names it.

use super::error::Result;
use super::multi_row;
use crate::domain::chain_key::{ChainKey, GENESIS};
use crate::domain::history_chain::{Checker, Finding, HistoryRow, history_head_mac, history_mac};
use rusqlite::{Connection, OptionalExtension, params};

/// The columns `row` reads, in its order.
pub(super) const COLUMNS: &str =
    "h.id, h.at, h.user, h.object, h.object_id, h.version, h.field, h.old, h.new, h.reason";

pub(super) fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<HistoryRow> {
    Ok(HistoryRow {
        id: r.get(0)?,
        at: r.get(1)?,
        user: r.get(2)?,
        object: r.get(3)?,
        object_id: r.get(4)?,
        version: r.get(5)?,
        field: r.get(6)?,
        old: r.get(7)?,
        new: r.get(8)?,
        reason: r.get(9)?,
    })
}

/// The newest history row's id: a transaction seals the rows after the one it began with.
pub(super) fn newest_row(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT COALESCE(max(id), 0) FROM change_history")?
        .query_row([], |r| r.get(0))?)
}

/// The last sealed row and its value (0 and the genesis value for none).
fn head(conn: &Connection) -> Result<(i64, String)> {
    let last: Option<(i64, String)> = conn
        .prepare_cached(
            "SELECT history_id, mac FROM history_chain ORDER BY history_id DESC LIMIT 1",
        )?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(last.unwrap_or((0, GENESIS.to_string())))
}

/// Seals the history rows after row `after`, in id order, and moves the keyed head.
pub(super) fn seal(conn: &Connection, key: &ChainKey, after: i64) -> Result<()> {
    let (mut last_id, mut last_mac) = head(conn)?;
    let mut read = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM change_history h WHERE h.id > ?1 ORDER BY h.id"
    ))?;
    let mut rows = read.query([after.max(last_id)])?;
    let mut sealed = 0usize;
    // Written many to a statement (`multi_row.rs` says why).
    let mut waiting: Vec<(i64, String)> = Vec::with_capacity(multi_row::ROWS);
    while let Some(r) = rows.next()? {
        let row = row(r)?;
        last_mac = history_mac(key, &last_mac, &row);
        last_id = row.id;
        waiting.push((last_id, last_mac.clone()));
        if waiting.len() == multi_row::ROWS {
            write_chain(conn, &waiting)?;
            waiting.clear();
        }
        sealed += 1;
    }
    write_chain(conn, &waiting)?;
    if sealed > 0 {
        conn.prepare_cached(
            "INSERT INTO history_head (id, last_id, mac) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET last_id = excluded.last_id, mac = excluded.mac",
        )?
        .execute(params![last_id, history_head_mac(key, last_id, &last_mac)])?;
    }
    Ok(())
}

/// Writes chain values `(history row, value)`, in order, many to a statement.
fn write_chain(conn: &Connection, values: &[(i64, String)]) -> Result<()> {
    for chunk in multi_row::chunks(values) {
        let mut insert = conn.prepare_cached(&format!(
            "INSERT INTO history_chain (history_id, mac) VALUES {}",
            multi_row::placeholders(chunk.len(), 2, 1)
        ))?;
        for (k, (id, mac)) in chunk.iter().enumerate() {
            insert.raw_bind_parameter(2 * k + 1, id)?;
            insert.raw_bind_parameter(2 * k + 2, mac)?;
        }
        insert.raw_execute()?;
    }
    Ok(())
}

/// Walks the whole history against its keyed chain: what `verify` reports.
pub(super) fn check(conn: &Connection, key: &ChainKey) -> Result<Vec<Finding>> {
    let mut checker = Checker::new(key);
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS}, c.mac FROM change_history h
         LEFT JOIN history_chain c ON c.history_id = h.id ORDER BY h.id"
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let mac: Option<String> = r.get(10)?;
        checker.push(&row(r)?, mac.as_deref());
    }
    let head: Option<(i64, String)> = conn
        .query_row(
            "SELECT last_id, mac FROM history_head WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(checker.finish(head.as_ref().map(|(id, mac)| (*id, mac.as_str()))))
}
