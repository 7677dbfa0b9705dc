//! What durable commits cost: the same writes with `synchronous = NORMAL` (before) and `FULL`
//! (after, what the store uses), side by side in one run, each on a fresh copy of one demo
//! database: drafts made from many items in one transaction, drafts confirmed one by one, and
//! quick status edits one by one (each a commit of its own). A report, not a pass/fail test.
//!
//! `cargo bench --bench commits`; `FINCTL_BENCH_ITEMS=N` sets the demo's size (100,000).

use chrono::NaiveDate;
use finctl::domain::revenue_status::RevenueStatus;
use finctl::store::Store;
use finctl::store::item_list::ItemFilter;
use std::path::Path;
use std::time::{Duration, Instant};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).expect("date")
}

fn demo(dir: &Path) -> std::path::PathBuf {
    let items = std::env::var("FINCTL_BENCH_ITEMS").unwrap_or_else(|_| "100000".into());
    let db = dir.join("demo.db");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_finctl"))
        .args(["--db", db.to_str().expect("path"), "demo"])
        .args(["--revenue-items", &items, "--today", "2026-11-28"])
        .output()
        .expect("run demo");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    println!("a {items}-item demo database");
    db
}

/// A fresh copy of the database, opened as its admin with the given sync level.
fn copy_open(db: &Path, dir: &Path, level: &str) -> Store {
    let copy = dir.join(format!("copy-{level}.db"));
    std::fs::copy(db, &copy).expect("copy");
    // With its chain key, as a restore has it.
    std::fs::copy(
        finctl::store::chain_key_path(db),
        finctl::store::chain_key_path(&copy),
    )
    .expect("copy the key");
    let admin: String = rusqlite::Connection::open(&copy)
        .and_then(|c| {
            c.query_row(
                "SELECT name FROM users WHERE role = 'admin' LIMIT 1",
                [],
                |r| r.get(0),
            )
        })
        .expect("an admin");
    let store = Store::open(&copy, &admin).expect("open");
    store
        .conn()
        .execute_batch(&format!("PRAGMA synchronous = {level};"))
        .expect("pragma");
    store
}

struct Figures {
    drafts: Duration,
    drafted_items: usize,
    confirms: Vec<Duration>,
    edits: Vec<Duration>,
}

fn run(store: &mut Store) -> Figures {
    let picks = store
        .item_picks(&ItemFilter::finance_control(
            NaiveDate::from_ymd_opt(2099, 1, 1).unwrap(),
        ))
        .expect("picks");
    let ids: Vec<i64> = picks.iter().take(2_000).map(|p| p.id).collect();
    let started = Instant::now();
    let made = store.make_drafts(&ids, today()).expect("drafts");
    let drafts = started.elapsed();
    let drafted_items = ids.len() - made.skipped.len();
    let mut confirms = Vec::new();
    for id in made.invoices.iter().take(50) {
        let started = Instant::now();
        store.confirm(*id, today()).expect("confirm");
        confirms.push(started.elapsed());
    }
    let open: Vec<(i64, i64)> = store
        .item_rows(&ItemFilter::all(), &finctl::store::Bound::Start, 400)
        .expect("rows")
        .into_iter()
        .filter(|r| r.status == RevenueStatus::Open)
        .map(|r| (r.id, r.version))
        .take(200)
        .collect();
    let mut edits = Vec::new();
    for item in open {
        let started = Instant::now();
        store
            .set_status(&[item], RevenueStatus::Rejected)
            .expect("edit");
        edits.push(started.elapsed());
    }
    Figures {
        drafts,
        drafted_items,
        confirms,
        edits,
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn mean(v: &[Duration]) -> f64 {
    v.iter().map(|d| ms(*d)).sum::<f64>() / v.len().max(1) as f64
}

fn max(v: &[Duration]) -> f64 {
    v.iter().map(|d| ms(*d)).fold(0.0, f64::max)
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = demo(dir.path());
    for round in 1..=2 {
        for level in ["NORMAL", "FULL"] {
            let mut store = copy_open(&db, dir.path(), level);
            let f = run(&mut store);
            println!(
                "round {round} synchronous={level:<6} drafts from {} items: {:.1} ms | \
                 confirm one draft (n={}): mean {:.2} ms, max {:.2} ms | quick status edit \
                 (n={}): mean {:.2} ms, max {:.2} ms",
                f.drafted_items,
                ms(f.drafts),
                f.confirms.len(),
                mean(&f.confirms),
                max(&f.confirms),
                f.edits.len(),
                mean(&f.edits),
                max(&f.edits),
            );
        }
    }
}
