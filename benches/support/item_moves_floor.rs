//! The leanest floor of a confirmation: only what every confirmed line costs, written as lean
//! as SQLite takes it. Each item on a draft moves to invoiced (status, version, who and when:
//! one `UPDATE … WHERE id IN (…) RETURNING` per 1,024 items in id order, so that the indexes
//! `revenue_items_finance_control` and `revenue_items_project_sums` follow it), gets its
//! change-history row and that row's keyed-chain row (a fixed value for the HMAC), as
//! multi-row `INSERT … VALUES`, all in one transaction committed with `synchronous = FULL`.
//! No invoice heads, numbers, document chain, MACs or checks: finctl does all of those on top.
//!
//! Why: the issue asks for 1,000 drafts confirmed in 2 s, and at its drafts' size (157 lines)
//! that is 157,000 of these moves. This floor says what SQLite itself needs for them on the
//! machine the bench runs on.

use rusqlite::{Connection, params_from_iter};
use std::path::Path;
use std::time::{Duration, Instant};

/// A statement's rows at most (finctl's `multi_row` writes as many).
const ROWS: usize = 1024;

/// How long SQLite took to move `items` (on drafts in the file at `db`): the updates, the
/// history rows, the chain rows and the commit.
pub struct ItemMovesFloor {
    pub lines: usize,
    pub updates: Duration,
    pub history: Duration,
    pub chain: Duration,
    pub commit: Duration,
}

impl ItemMovesFloor {
    pub fn total(&self) -> Duration {
        self.updates + self.history + self.chain + self.commit
    }
}

/// `2560 ms (updates 1364, history rows 382, chain rows 204, commit 610)`.
impl std::fmt::Display for ItemMovesFloor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        write!(
            f,
            "{:.0} ms (updates {:.0}, history rows {:.0}, chain rows {:.0}, commit {:.0})",
            ms(self.total()),
            ms(self.updates),
            ms(self.history),
            ms(self.chain),
            ms(self.commit)
        )
    }
}

/// Puts `items` on drafts (untimed, committed and checkpointed), then times their move to
/// invoiced. The page cache is finctl's while confirming (32 MiB, `store/bulk_cache.rs`).
pub fn item_moves_floor(db: &Path, items: &[i64]) -> ItemMovesFloor {
    let mut conn = Connection::open(db).expect("open");
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA cache_size = -32768;
         PRAGMA temp_store = MEMORY;",
    )
    .expect("pragmas");
    let mut sorted = items.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    {
        let tx = conn.transaction().expect("tx");
        // An item on a draft counts in no forecast sum: no trigger work for either move.
        tx.execute_batch(
            "DROP TRIGGER IF EXISTS forecast_months_update_old;
             DROP TRIGGER IF EXISTS forecast_months_update_new;",
        )
        .expect("triggers");
        for chunk in sorted.chunks(ROWS) {
            tx.execute(
                &format!(
                    "UPDATE revenue_items SET status = 'draft_invoice' WHERE id IN ({})",
                    marks(chunk.len())
                ),
                params_from_iter(chunk),
            )
            .expect("on drafts");
        }
        tx.commit().expect("commit");
    }
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .expect("checkpoint");
    let newest: i64 = conn
        .query_row("SELECT coalesce(max(id), 0) FROM change_history", [], |r| {
            r.get(0)
        })
        .expect("newest history row");

    let started = Instant::now();
    let tx = conn.transaction().expect("tx");
    let mut moved: Vec<(i64, i64)> = Vec::with_capacity(sorted.len());
    for chunk in sorted.chunks(ROWS) {
        let mut stmt = tx
            .prepare_cached(&format!(
                "UPDATE OR FAIL revenue_items SET status = 'invoiced', version = version + 1,
                    updated_by = 'bench', updated_at = '2026-11-28T12:00:00.000Z'
                 WHERE id IN ({}) AND status = 'draft_invoice' RETURNING id, version",
                marks(chunk.len())
            ))
            .expect("sql");
        let rows = stmt
            .query_map(params_from_iter(chunk), |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("moves");
        for row in rows {
            moved.push(row.expect("moved"));
        }
    }
    assert_eq!(moved.len(), sorted.len(), "every item was on a draft");
    moved.sort_unstable();
    let updates = started.elapsed();

    let started = Instant::now();
    for chunk in moved.chunks(ROWS) {
        let values = vec![
            "('2026-11-28T12:00:00.000Z', 'bench', 'revenue_item', ?, ?, 'status', \
             'draft_invoice', 'invoiced')";
            chunk.len()
        ]
        .join(",");
        tx.prepare_cached(&format!(
            "INSERT INTO change_history (at, user, object, object_id, version, field, old, new)
             VALUES {values}"
        ))
        .expect("sql")
        .execute(params_from_iter(chunk.iter().flat_map(|(id, v)| [*id, *v])))
        .expect("history");
    }
    let history = started.elapsed();

    let started = Instant::now();
    let mac = "0".repeat(64);
    let ids: Vec<i64> = (newest + 1..=newest + moved.len() as i64).collect();
    for chunk in ids.chunks(ROWS) {
        let values = vec!["(?, ?)"; chunk.len()].join(",");
        let mut insert = tx
            .prepare_cached(&format!(
                "INSERT INTO history_chain (history_id, mac) VALUES {values}"
            ))
            .expect("sql");
        for (k, id) in chunk.iter().enumerate() {
            insert.raw_bind_parameter(2 * k + 1, id).expect("bind");
            insert.raw_bind_parameter(2 * k + 2, &mac).expect("bind");
        }
        insert.raw_execute().expect("chain");
    }
    let chain = started.elapsed();

    let started = Instant::now();
    tx.commit().expect("commit");
    ItemMovesFloor {
        lines: moved.len(),
        updates,
        history,
        chain,
        commit: started.elapsed(),
    }
}

fn marks(n: usize) -> String {
    vec!["?"; n].join(",")
}
