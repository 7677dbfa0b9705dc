//! How long `finctl demo --revenue-items N` takes through the real binary (wall and CPU time,
//! peak memory), how large the file is, and how long `finctl verify` then takes. Beside it,
//! SQLite's own floor: the demo's revenue items, with their parents, history rows and chain
//! values, inserted by rusqlite directly into the same schema (same tables, indexes and
//! triggers, the same pragmas as finctl's, a prepared statement per table, one transaction).
//! Run with `cargo bench --bench demo_scale`; `FINCTL_BENCH_ITEMS` sets N (default
//! 1,000,000). A report, not a pass/fail test.

#[path = "support/mod.rs"]
mod support;

use nix::sys::resource::{UsageWho, getrusage};
use rusqlite::{Connection, params_from_iter};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};
use support::{cpu_time, load_average, peak_memory_mib};

fn run(args: &[&str]) -> f64 {
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_finctl"))
        .args(args)
        .output()
        .expect("run finctl");
    let secs = started.elapsed().as_secs_f64();
    assert!(
        out.status.success(),
        "finctl {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    secs
}

/// The CPU time (user and system) and peak memory (MiB) of the children this process has
/// waited for: right after the demo, the demo's.
fn children_usage() -> (Duration, f64) {
    let usage = getrusage(UsageWho::RUSAGE_CHILDREN).expect("getrusage");
    let time = |t: nix::sys::time::TimeVal| {
        Duration::from_micros((t.tv_sec() * 1_000_000 + t.tv_usec()) as u64)
    };
    // Linux gives the peak resident size in KiB.
    let peak = usage.max_rss() as f64 / 1024.0;
    (time(usage.user_time()) + time(usage.system_time()), peak)
}

/// The tables the floor fills, parents first, and so the rows it inserts.
const FLOOR_TABLES: &[&str] = &[
    "price_lists",
    "accounts",
    "projects",
    "milestones",
    "revenue_items",
    "change_history",
    "history_chain",
];

/// A new database at `to` with the schema of `from`: its tables (the name index's own tables
/// are made by its virtual table), then indexes, then triggers.
fn copy_schema(from: &Connection, to: &Connection) {
    let mut stmt = from
        .prepare(
            "SELECT type, name, sql FROM sqlite_master
             WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid",
        )
        .expect("read schema");
    let entries: Vec<(String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("schema")
        .collect::<rusqlite::Result<_>>()
        .expect("schema rows");
    let virtual_tables: Vec<&str> = entries
        .iter()
        .filter(|(_, _, sql)| sql.starts_with("CREATE VIRTUAL TABLE"))
        .map(|(_, name, _)| name.as_str())
        .collect();
    for kind in ["table", "index", "trigger"] {
        for (_, name, sql) in entries.iter().filter(|(t, _, _)| t == kind) {
            let shadow = virtual_tables
                .iter()
                .any(|v| name.starts_with(&format!("{v}_")));
            if !shadow {
                to.execute_batch(sql).expect("create schema entry");
            }
        }
    }
}

/// Inserts the rows of `FLOOR_TABLES` of the demo database `demo` into a database with its
/// schema at `floor`, in one transaction, a prepared statement per table, then indexes the
/// items' names in one statement as the demo does. Returns how many rows it inserted.
fn sqlite_floor(demo: &Path, floor: &Path) -> u64 {
    let from = Connection::open(demo).expect("open the demo database");
    let mut to = Connection::open(floor).expect("open the floor database");
    // What finctl's connection and its demo set (store/open.rs, Store::tune_for_bulk_load).
    to.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;",
    )
    .expect("pragmas");
    copy_schema(&from, &to);
    let tx = to.transaction().expect("begin");
    let mut rows = 0u64;
    for table in FLOOR_TABLES {
        let mut read = from
            .prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))
            .expect("read rows");
        let columns = read.column_count();
        let marks = vec!["?"; columns].join(", ");
        let mut insert = tx
            .prepare(&format!("INSERT INTO {table} VALUES ({marks})"))
            .expect("prepare insert");
        let mut source = read.query([]).expect("query rows");
        while let Some(r) = source.next().expect("next row") {
            let values: Vec<rusqlite::types::Value> =
                (0..columns).map(|c| r.get(c).expect("value")).collect();
            insert
                .execute(params_from_iter(values))
                .expect("insert row");
            rows += 1;
        }
    }
    tx.execute_batch(
        "INSERT INTO revenue_item_search (rowid, name) SELECT id, name FROM revenue_items",
    )
    .expect("index names");
    tx.commit().expect("commit");
    rows
}

fn main() {
    let items = std::env::var("FINCTL_BENCH_ITEMS").unwrap_or_else(|_| "1000000".into());
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bench.db");
    let db = db.to_str().expect("utf-8 path");
    let load_before = load_average();
    let demo = run(&[
        "--db",
        db,
        "demo",
        "--revenue-items",
        &items,
        "--today",
        "2026-11-28",
    ]);
    let (demo_cpu, demo_peak) = children_usage();
    let size = std::fs::metadata(db).expect("db file").len();
    let verify = run(&["--db", db, "verify"]);
    println!("demo --revenue-items {items}: {demo:.1} s");
    println!(
        "database file: {:.1} MiB ({size} bytes)",
        size as f64 / (1024.0 * 1024.0)
    );
    println!("verify: {verify:.1} s");
    println!(
        "demo: {:.1} s of CPU (user and system), peak memory {demo_peak:.0} MiB",
        demo_cpu.as_secs_f64()
    );

    let floor_db = dir.path().join("floor.db");
    let cpu = cpu_time();
    let started = Instant::now();
    let rows = sqlite_floor(Path::new(db), &floor_db);
    let (floor_wall, floor_cpu) = (started.elapsed(), cpu_time() - cpu);
    println!(
        "SQLite's floor, the same {rows} rows of {} into the same schema by rusqlite: \
         {:.1} s of CPU ({:.1} s wall), peak memory {:.0} MiB",
        FLOOR_TABLES.join(", "),
        floor_cpu.as_secs_f64(),
        floor_wall.as_secs_f64(),
        peak_memory_mib()
    );
    println!(
        "demo / floor CPU: {:.2}",
        demo_cpu.as_secs_f64() / floor_cpu.as_secs_f64().max(0.001)
    );
    println!(
        "load average: {load_before} before, {} after",
        load_average()
    );
}
