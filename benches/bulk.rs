//! Bulk work on the 1,000,000-item database (issue "Instant at a million"): drafts made from
//! 100,000 billable items, then 1,000 of those drafts confirmed, each in one transaction with
//! `synchronous = FULL` as the store commits, beside SQLite's own time for the same rows.
//!
//! The floor writes, with plain prepared statements and no checks, the rows finctl writes: the
//! invoice heads, one line per item, each item's new status and version, the change-history
//! rows and one keyed-chain row per history row (a fixed value instead of an HMAC), and on
//! confirmation the number series, the invoice's number and chain values and the items' move to
//! invoiced. It does not price time-and-materials items (finctl collects their time reports):
//! the report says how many of the items are such. A report, not a pass/fail test.
//!
//! `FINCTL_BENCH_DB=/path/to.db` works on copies of that database (migrated when opened), else
//! a demo is built first; `FINCTL_BENCH_DRAFT_ITEMS` (100,000) and `FINCTL_BENCH_CONFIRM`
//! (1,000) set the sizes.

#[path = "support/mod.rs"]
mod support;

use chrono::NaiveDate;
use finctl::store::Store;
use finctl::store::item_list::ItemFilter;
use rusqlite::{Connection, params};
use std::path::Path;
use std::time::{Duration, Instant};
use support::{copy_database, cpu_time, database_copy, load_average, ms, peak_memory_mib};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).expect("date")
}

fn size(var: &str, default: usize) -> usize {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn admin(db: &Path) -> String {
    Connection::open(db)
        .and_then(|c| {
            c.query_row(
                "SELECT name FROM users WHERE role = 'admin' LIMIT 1",
                [],
                |r| r.get(0),
            )
        })
        .expect("an admin")
}

/// What finctl did: how long drafting took, how many drafts it made and which items it
/// skipped (time and materials with nothing to collect), how long confirming took and how
/// many it numbered.
struct Ours {
    drafts: Duration,
    drafts_cpu: Duration,
    confirmed_cpu: Duration,
    made: usize,
    skipped: Vec<i64>,
    confirmed: Duration,
    numbered: usize,
}

/// finctl: drafts from `items`, then the first `confirm` of them confirmed.
fn finctl_run(db: &Path, items: &[i64], confirm: usize) -> Ours {
    let mut store = Store::open(db, &admin(db)).expect("open");
    let started = Instant::now();
    let cpu = cpu_time();
    let made = store.make_drafts(items, today()).expect("drafts");
    let drafts = started.elapsed();
    let drafts_cpu = cpu_time() - cpu;
    let chosen: Vec<i64> = made.invoices.iter().copied().take(confirm).collect();
    let started = Instant::now();
    let cpu = cpu_time();
    let run = store.confirm_many(&chosen, today()).expect("confirm");
    let confirmed = started.elapsed();
    let confirmed_cpu = cpu_time() - cpu;
    assert!(run.refused.is_empty(), "{:?}", run.refused.first());
    Ours {
        drafts,
        drafts_cpu,
        confirmed_cpu,
        made: made.invoices.len(),
        skipped: made.skipped.iter().map(|s| s.0).collect(),
        confirmed,
        numbered: run.confirmed.len(),
    }
}

/// One item as the floor writes its line.
struct Item {
    id: i64,
    account_id: i64,
    currency: String,
    project_id: i64,
    name: String,
    amount_minor: i64,
    vat_rate_micros: i64,
}

/// SQLite alone: the same rows, written by plain statements in one transaction each.
fn floor_run(db: &Path, items: &[i64], confirm: usize) -> (Duration, Duration) {
    let mut conn = Connection::open(db).expect("open");
    // The store's own page cache unless `FINCTL_BENCH_CACHE_KIB` says otherwise.
    let cache = size("FINCTL_BENCH_CACHE_KIB", 8192);
    conn.execute_batch(&format!(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA cache_size = -{cache};"
    ))
    .expect("pragmas");
    let at = "2026-11-28T12:00:00.000Z";
    let user = "bench";
    let cpu = cpu_time();
    let started = Instant::now();
    let tx = conn.transaction().expect("tx");
    tx.execute_batch("CREATE TEMP TABLE chosen (id INTEGER PRIMARY KEY)")
        .expect("temp");
    {
        let mut add = tx
            .prepare("INSERT INTO chosen (id) VALUES (?1)")
            .expect("sql");
        for id in items {
            add.execute([id]).expect("chosen");
        }
    }
    let rows: Vec<Item> = tx
        .prepare(
            "SELECT i.id, i.account_id, i.currency, i.project_id, i.name,
                    i.planned_amount_minor, i.vat_rate_micros
             FROM chosen c JOIN revenue_items i ON i.id = c.id
             ORDER BY i.account_id, i.currency, i.id",
        )
        .expect("sql")
        .query_map([], |r| {
            Ok(Item {
                id: r.get(0)?,
                account_id: r.get(1)?,
                currency: r.get(2)?,
                project_id: r.get(3)?,
                name: r.get(4)?,
                amount_minor: r.get(5)?,
                vat_rate_micros: r.get(6)?,
            })
        })
        .expect("rows")
        .collect::<rusqlite::Result<_>>()
        .expect("items");
    let mut invoices = Vec::new();
    {
        let mut head = tx
            .prepare(
                "INSERT INTO invoices (kind, status, account_id, currency, invoice_date, due_date,
                    created_by, created_at, updated_by, updated_at)
                 VALUES ('invoice', 'draft', ?1, ?2, '2026-11-28', '2026-12-28', ?3, ?4, ?3, ?4)
                 RETURNING id",
            )
            .expect("sql");
        let mut line = tx
            .prepare(
                "INSERT INTO invoice_lines (invoice_id, position, revenue_item_id, project_id,
                    description, quantity_micros, unit_price_micros, vat_rate_micros, net_minor)
                 VALUES (?1, ?2, ?3, ?4, ?5, 1000000, ?6, ?7, ?8)",
            )
            .expect("sql");
        let mut item = tx
            .prepare(
                "UPDATE revenue_items SET status = 'draft_invoice', actual_amount_minor = ?1,
                    version = version + 1, updated_by = ?2, updated_at = ?3 WHERE id = ?4
                 RETURNING version",
            )
            .expect("sql");
        let mut history = History::new(&tx);
        let mut totals = tx
            .prepare(
                "UPDATE invoices SET net_minor = (SELECT sum(net_minor) FROM invoice_lines
                    WHERE invoice_id = ?1) WHERE id = ?1",
            )
            .expect("sql");
        let mut current: Option<(i64, &str, i64, i64)> = None;
        for it in &rows {
            let (invoice, position) = match current {
                Some((account, cur, id, pos)) if account == it.account_id && cur == it.currency => {
                    (id, pos + 1)
                }
                _ => {
                    if let Some((_, _, id, _)) = current {
                        totals.execute([id]).expect("totals");
                        history.row(at, user, "invoice", id, 1, "created", "{}");
                    }
                    let id: i64 = head
                        .query_row(params![it.account_id, it.currency, user, at], |r| r.get(0))
                        .expect("head");
                    invoices.push(id);
                    (id, 1)
                }
            };
            current = Some((it.account_id, &it.currency, invoice, position));
            line.execute(params![
                invoice,
                position,
                it.id,
                it.project_id,
                it.name,
                it.amount_minor * 10_000,
                it.vat_rate_micros,
                it.amount_minor
            ])
            .expect("line");
            let v: i64 = item
                .query_row(params![it.amount_minor, user, at, it.id], |r| r.get(0))
                .expect("item");
            history.row(
                at,
                user,
                "revenue_item",
                it.id,
                v,
                "status",
                "draft_invoice",
            );
            history.row(at, user, "revenue_item", it.id, v, "actual_amount", "1");
        }
        if let Some((_, _, id, _)) = current {
            totals.execute([id]).expect("totals");
            history.row(at, user, "invoice", id, 1, "created", "{}");
        }
    }
    tx.commit().expect("commit");
    let drafts = started.elapsed();

    let started = Instant::now();
    let tx = conn.transaction().expect("tx");
    {
        let mut series = tx
            .prepare("INSERT INTO number_series (series, year, last_seq) VALUES ('BENCH', 2026, 0)")
            .expect("sql");
        series.execute([]).expect("series");
        let mut next = tx
            .prepare(
                "UPDATE number_series SET last_seq = last_seq + 1
                 WHERE series = 'BENCH' AND year = 2026 RETURNING last_seq",
            )
            .expect("sql");
        let mut number = tx
            .prepare(
                "UPDATE invoices SET status = 'confirmed', number = ?1, series = 'BENCH',
                    series_year = 2026, series_seq = ?2, chain_seq = ?3, prev_hash = 'p',
                    hash = 'h', confirmed_at = ?4, confirmed_by = ?5, version = version + 1
                 WHERE id = ?6",
            )
            .expect("sql");
        let mut items = tx
            .prepare(
                "SELECT revenue_item_id FROM invoice_lines WHERE invoice_id = ?1 ORDER BY position",
            )
            .expect("sql");
        let mut item = tx
            .prepare(
                "UPDATE revenue_items SET status = 'invoiced', version = version + 1,
                    updated_by = ?1, updated_at = ?2 WHERE id = ?3 RETURNING version",
            )
            .expect("sql");
        let mut history = History::new(&tx);
        let chain_base: i64 = tx
            .query_row(
                "SELECT coalesce(max(chain_seq), 0) FROM invoices",
                [],
                |r| r.get(0),
            )
            .expect("chain");
        for &id in invoices.iter().take(confirm) {
            let seq: i64 = next.query_row([], |r| r.get(0)).expect("next");
            number
                .execute(params![
                    format!("BENCH-{seq:06}"),
                    seq,
                    chain_base + seq,
                    at,
                    user,
                    id
                ])
                .expect("number");
            history.row(at, user, "invoice", id, 2, "status", "confirmed");
            history.row(at, user, "invoice", id, 2, "number", "BENCH");
            let lines: Vec<i64> = items
                .query_map([id], |r| r.get(0))
                .expect("lines")
                .collect::<rusqlite::Result<_>>()
                .expect("lines");
            for item_id in lines {
                let v: i64 = item
                    .query_row(params![user, at, item_id], |r| r.get(0))
                    .expect("item");
                history.row(at, user, "revenue_item", item_id, v, "status", "invoiced");
            }
        }
    }
    tx.commit().expect("commit");
    println!(
        "  SQLite's floor used {:.0} ms of CPU (page cache {cache} KiB)",
        ms(cpu_time() - cpu)
    );
    (drafts, started.elapsed())
}

/// Change-history rows with their chain rows, as plain inserts.
struct History<'c> {
    row: rusqlite::Statement<'c>,
    chain: rusqlite::Statement<'c>,
}

impl<'c> History<'c> {
    fn new(conn: &'c Connection) -> Self {
        History {
            row: conn
                .prepare(
                    "INSERT INTO change_history (at, user, object, object_id, version, field, new)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
                )
                .expect("sql"),
            chain: conn
                .prepare("INSERT INTO history_chain (history_id, mac) VALUES (?1, ?2)")
                .expect("sql"),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn row(&mut self, at: &str, user: &str, object: &str, id: i64, v: i64, field: &str, new: &str) {
        let row: i64 = self
            .row
            .query_row(params![at, user, object, id, v, field, new], |r| r.get(0))
            .expect("history");
        self.chain
            .execute(params![
                row,
                "0000000000000000000000000000000000000000000000000000000000000000"
            ])
            .expect("chain");
    }
}

fn main() {
    let draft_items = size("FINCTL_BENCH_DRAFT_ITEMS", 100_000);
    let confirm = size("FINCTL_BENCH_CONFIRM", 1_000);
    let (db, dir) = database_copy();
    // Opened once as finctl, so that the copies below are at the current schema.
    let store = Store::open(&db, &admin(&db)).expect("open");
    // Billable items only: finance control also lists the items already on drafts.
    let billable = ItemFilter {
        text: "status:billable".into(),
        ..ItemFilter::finance_control(NaiveDate::from_ymd_opt(2099, 1, 1).expect("date"))
    };
    let picks = store.item_picks(&billable).expect("billable items");
    let items: Vec<i64> = picks.iter().take(draft_items).map(|p| p.id).collect();
    let tm: i64 = store
        .conn()
        .query_row(
            &format!(
                "SELECT count(*) FROM revenue_items WHERE billing_rule = 'time_and_materials'
                 AND id IN ({})",
                items
                    .iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(",")
            ),
            [],
            |r| r.get(0),
        )
        .expect("count");
    drop(store);
    println!(
        "{} billable items, {} chosen ({tm} of them time and materials); load average at the \
         start: {}",
        picks.len(),
        items.len(),
        load_average()
    );
    for round in 1..=size("FINCTL_BENCH_ROUNDS", 2) {
        let ours = dir.path().join(format!("finctl-{round}.db"));
        let floor = dir.path().join(format!("floor-{round}.db"));
        copy_database(&db, &ours);
        copy_database(&db, &floor);
        let f = finctl_run(&ours, &items, confirm);
        // The floor writes what finctl wrote: the items it drafted.
        let skipped: std::collections::HashSet<i64> = f.skipped.iter().copied().collect();
        let drafted: Vec<i64> = items
            .iter()
            .copied()
            .filter(|id| !skipped.contains(id))
            .collect();
        let (floor_drafts, floor_confirmed) = floor_run(&floor, &drafted, confirm);
        println!(
            "round {round}: make drafts from {} items ({} skipped, {} drafts): {:.0} ms \
             (CPU {:.0} ms), SQLite {:.0} ms, ratio {:.1} | confirm {} drafts: {:.0} ms \
             (CPU {:.0} ms, {:.2} ms each), SQLite {:.0} ms, ratio {:.1}",
            items.len(),
            f.skipped.len(),
            f.made,
            ms(f.drafts),
            ms(f.drafts_cpu),
            ms(floor_drafts),
            ms(f.drafts) / ms(floor_drafts),
            f.numbered,
            ms(f.confirmed),
            ms(f.confirmed_cpu),
            ms(f.confirmed) / f.numbered.max(1) as f64,
            ms(floor_confirmed),
            ms(f.confirmed) / ms(floor_confirmed),
        );
        for f in [&ours, &floor] {
            for end in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{end}", f.display()));
            }
        }
    }
    println!(
        "peak memory {:.0} MiB; load average at the end: {}",
        peak_memory_mib(),
        load_average()
    );
}
