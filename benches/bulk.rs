//! Bulk work on the 1,000,000-item database (issue "Instant at a million"): drafts made from
//! 100,000 billable items, then 1,000 of those drafts confirmed, each in one transaction with
//! `synchronous = FULL` as the store commits, beside SQLite's own time for the same rows.
//!
//! The floor writes, with no checks, the rows finctl writes: the invoice heads, one line per
//! item, each item's new status and version, the change-history rows and one keyed-chain row per
//! history row (a fixed value instead of an HMAC), and on confirmation the number series, the
//! invoice's number and chain values and the items' move to invoiced. Heads and numbers go one
//! by one; the lines one `INSERT … SELECT` per draft; the items' moves and their history rows
//! one `UPDATE … WHERE id IN` and one `INSERT … SELECT` per 1,024 items in id order, as finctl
//! does. (One statement for all items is slower: its statement journal then holds every page
//! the statement changed, 5.1 s against 3.6 s for confirming, and 100 MiB more.) It does not price time-and-materials items (finctl collects their
//! time reports): the report says how many of the items are such. A report, not a pass/fail
//! test. The process's peak memory is reported after finctl's first round (finctl's own) and at
//! the end (the floor's statement journals included).
//!
//! After the rounds, the leanest floor of a confirmation (`support/item_moves_floor.rs`): only
//! the item moves, history rows and chain rows every confirmed line costs, beside finctl's
//! whole confirmation per line.
//!
//! Then the same work by the console's keys (`support/bulk_keys.rs`; `FINCTL_BENCH_KEYS=0`
//! leaves it out): every billable item finance control shows drafted, every draft confirmed,
//! each key timed to the frame that shows its outcome.
//!
//! `FINCTL_BENCH_DB=/path/to.db` works on copies of that database (migrated when opened), else
//! a demo is built first; `FINCTL_BENCH_DRAFT_ITEMS` (100,000) and `FINCTL_BENCH_CONFIRM`
//! (1,000) set the sizes, `FINCTL_BENCH_ROUNDS` (2) the rounds. For comparing finctl with
//! itself: `FINCTL_BENCH_NO_FLOOR=1` leaves SQLite's floor out (its figures then read 1,000
//! ms), `FINCTL_BENCH_CACHE_MIB=N` gives finctl's store a page cache of N MiB.

#[path = "support/mod.rs"]
mod support;

#[path = "support/bulk_keys.rs"]
mod bulk_keys;

#[path = "support/item_moves_floor.rs"]
mod item_moves_floor;

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
    // As the console: its commits leave the copy of the log into the file to a thread.
    store.checkpoint_in_background().expect("checkpoint thread");
    if let Ok(mib) = std::env::var("FINCTL_BENCH_CACHE_MIB") {
        store
            .tune_for_bulk_load_with(mib.parse().expect("MiB"))
            .expect("cache");
    }
    let started = Instant::now();
    let cpu = cpu_time();
    let made = store.make_drafts(items, today()).expect("drafts");
    let drafts = started.elapsed();
    let drafts_cpu = cpu_time() - cpu;
    // The user selects the drafts meanwhile: the checkpoint of the drafts ends first.
    let waited = Instant::now();
    while store.background_checkpoints() < Some(1) {
        std::thread::sleep(Duration::from_millis(5));
    }
    println!(
        "  the drafts' checkpoint ended {:.0} ms after their status line",
        ms(waited.elapsed())
    );
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

/// SQLite alone: the same rows, in one transaction each, written the fastest way SQLite
/// offers: one statement for each kind of row (`INSERT … SELECT`, `UPDATE … WHERE id IN`), the
/// items in id order, heads and numbers one by one.
fn floor_run(db: &Path, items: &[i64], confirm: usize) -> (Duration, Duration) {
    let mut conn = Connection::open(db).expect("open");
    // The store's own page cache unless `FINCTL_BENCH_CACHE_KIB` says otherwise.
    let cache = size("FINCTL_BENCH_CACHE_KIB", 8192);
    conn.execute_batch(&format!(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA cache_size = -{cache};
         PRAGMA temp_store = MEMORY;"
    ))
    .expect("pragmas");
    let at = "2026-11-28T12:00:00.000Z";
    let user = "bench";
    let cpu = cpu_time();
    let started = Instant::now();
    let tx = conn.transaction().expect("tx");
    let newest = |tx: &Connection| -> i64 {
        tx.query_row("SELECT coalesce(max(id), 0) FROM change_history", [], |r| {
            r.get(0)
        })
        .expect("newest history row")
    };
    let history_from = newest(&tx);
    tx.execute_batch(
        "CREATE TEMP TABLE chosen (id INTEGER PRIMARY KEY);
         CREATE TEMP TABLE drafted (item_id INTEGER PRIMARY KEY, invoice_id INTEGER,
             position INTEGER);",
    )
    .expect("temp");
    {
        let mut add = tx
            .prepare("INSERT INTO chosen (id) VALUES (?1)")
            .expect("sql");
        for id in items {
            add.execute([id]).expect("chosen");
        }
    }
    // One head per account and currency, its items numbered in id order.
    let groups: Vec<(i64, String, Vec<i64>)> = {
        let mut stmt = tx
            .prepare(
                "SELECT i.account_id, i.currency, i.id FROM chosen c
                 JOIN revenue_items i ON i.id = c.id ORDER BY i.account_id, i.currency, i.id",
            )
            .expect("sql");
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })
            .expect("rows");
        let mut groups: Vec<(i64, String, Vec<i64>)> = Vec::new();
        for row in rows {
            let (account, currency, id) = row.expect("row");
            match groups.last_mut() {
                Some((a, c, ids)) if *a == account && *c == currency => ids.push(id),
                _ => groups.push((account, currency, vec![id])),
            }
        }
        groups
    };
    let mut invoices = Vec::with_capacity(groups.len());
    {
        let mut head = tx
            .prepare(
                "INSERT INTO invoices (kind, status, account_id, currency, invoice_date, due_date,
                    created_by, created_at, updated_by, updated_at)
                 VALUES ('invoice', 'draft', ?1, ?2, '2026-11-28', '2026-12-28', ?3, ?4, ?3, ?4)
                 RETURNING id",
            )
            .expect("sql");
        let mut place = tx
            .prepare("INSERT INTO drafted (item_id, invoice_id, position) VALUES (?1, ?2, ?3)")
            .expect("sql");
        for (account, currency, ids) in &groups {
            let id: i64 = head
                .query_row(params![account, currency, user, at], |r| r.get(0))
                .expect("head");
            invoices.push(id);
            for (k, item) in ids.iter().enumerate() {
                place
                    .execute(params![item, id, k as i64 + 1])
                    .expect("place");
            }
        }
    }
    for invoice in &invoices {
        tx.execute(
            "INSERT INTO invoice_lines (invoice_id, position, revenue_item_id, project_id,
                description, quantity_micros, unit_price_micros, vat_rate_micros, net_minor)
             SELECT d.invoice_id, d.position, i.id, i.project_id, i.name, 1000000,
                    i.planned_amount_minor * 10000, i.vat_rate_micros, i.planned_amount_minor
             FROM drafted d JOIN revenue_items i ON i.id = d.item_id
             WHERE d.invoice_id = ?1 ORDER BY d.position",
            [invoice],
        )
        .expect("lines");
    }
    let mut sorted: Vec<i64> = groups.iter().flat_map(|g| g.2.iter().copied()).collect();
    sorted.sort_unstable();
    for (first, last) in ranges(&sorted) {
        tx.execute(
            "UPDATE revenue_items SET status = 'draft_invoice',
                actual_amount_minor = planned_amount_minor, version = version + 1,
                updated_by = ?1, updated_at = ?2
             WHERE id IN (SELECT item_id FROM drafted WHERE item_id BETWEEN ?3 AND ?4)",
            params![user, at, first, last],
        )
        .expect("items");
        tx.execute(
            "INSERT INTO change_history (at, user, object, object_id, version, field, old, new)
             SELECT ?1, ?2, 'revenue_item', i.id, i.version, f.field, f.old,
                    CASE f.field WHEN 'status' THEN 'draft_invoice'
                         ELSE CAST(i.actual_amount_minor AS TEXT) END
             FROM drafted d JOIN revenue_items i ON i.id = d.item_id
             JOIN (SELECT 1 AS k, 'status' AS field, 'billable' AS old
                   UNION ALL SELECT 2, 'actual_amount', NULL) f
             WHERE d.item_id BETWEEN ?3 AND ?4
             ORDER BY i.id, f.k",
            params![at, user, first, last],
        )
        .expect("item history");
    }
    tx.execute(
        "UPDATE invoices SET net_minor = (SELECT sum(net_minor) FROM invoice_lines
            WHERE invoice_id = invoices.id)
         WHERE id IN (SELECT DISTINCT invoice_id FROM drafted)",
        [],
    )
    .expect("totals");
    tx.execute(
        "INSERT INTO change_history (at, user, object, object_id, version, field, new)
         SELECT ?1, ?2, 'invoice', id, 1, 'created', '{}' FROM invoices
         WHERE id IN (SELECT DISTINCT invoice_id FROM drafted) ORDER BY id",
        params![at, user],
    )
    .expect("invoice history");
    chain(&tx, history_from);
    tx.commit().expect("commit");
    let drafts = started.elapsed();

    let started = Instant::now();
    let tx = conn.transaction().expect("tx");
    let history_from = newest(&tx);
    tx.execute_batch("CREATE TEMP TABLE confirmed (id INTEGER PRIMARY KEY)")
        .expect("temp");
    {
        tx.prepare("INSERT INTO number_series (series, year, last_seq) VALUES ('BENCH', 2026, 0)")
            .expect("sql")
            .execute([])
            .expect("series");
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
        let mut history = tx
            .prepare(
                "INSERT INTO change_history (at, user, object, object_id, version, field, new)
                 VALUES (?1, ?2, 'invoice', ?3, 2, ?4, ?5)",
            )
            .expect("sql");
        let mut chosen = tx
            .prepare("INSERT INTO confirmed (id) VALUES (?1)")
            .expect("sql");
        let chain_base: i64 = tx
            .query_row(
                "SELECT coalesce(max(chain_seq), 0) FROM invoices",
                [],
                |r| r.get(0),
            )
            .expect("chain");
        for &id in invoices.iter().take(confirm) {
            let seq: i64 = next.query_row([], |r| r.get(0)).expect("next");
            let no = format!("BENCH-{seq:06}");
            number
                .execute(params![no, seq, chain_base + seq, at, user, id])
                .expect("number");
            history
                .execute(params![at, user, id, "status", "confirmed"])
                .expect("history");
            history
                .execute(params![at, user, id, "number", no])
                .expect("history");
            chosen.execute([id]).expect("chosen");
        }
    }
    tx.execute_batch(
        "CREATE TEMP TABLE moved (id INTEGER PRIMARY KEY);
         INSERT INTO moved (id) SELECT revenue_item_id FROM invoice_lines
         WHERE invoice_id IN (SELECT id FROM confirmed) AND revenue_item_id IS NOT NULL;",
    )
    .expect("moved");
    let sorted: Vec<i64> = tx
        .prepare("SELECT id FROM moved ORDER BY id")
        .expect("sql")
        .query_map([], |r| r.get(0))
        .expect("moved")
        .collect::<rusqlite::Result<_>>()
        .expect("moved");
    for (first, last) in ranges(&sorted) {
        tx.execute(
            "UPDATE revenue_items SET status = 'invoiced', version = version + 1,
                updated_by = ?1, updated_at = ?2
             WHERE id IN (SELECT id FROM moved WHERE id BETWEEN ?3 AND ?4)",
            params![user, at, first, last],
        )
        .expect("items");
        tx.execute(
            "INSERT INTO change_history (at, user, object, object_id, version, field, old, new)
             SELECT ?1, ?2, 'revenue_item', i.id, i.version, 'status', 'draft_invoice',
                    'invoiced'
             FROM moved m JOIN revenue_items i ON i.id = m.id
             WHERE m.id BETWEEN ?3 AND ?4 ORDER BY i.id",
            params![at, user, first, last],
        )
        .expect("item history");
    }
    chain(&tx, history_from);
    tx.commit().expect("commit");
    println!(
        "  SQLite's floor used {:.0} ms of CPU (page cache {cache} KiB)",
        ms(cpu_time() - cpu)
    );
    (drafts, started.elapsed())
}

/// The confirmation's item moves alone, as lean as SQLite takes them
/// (`support/item_moves_floor.rs`), beside finctl's whole confirmation of the same items when
/// it confirmed every draft; both per line and for 1,000 drafts of the 157 lines.
fn lean_floor(db: &Path, copy: &Path, drafted: &[i64], ours: &Ours) {
    let floor = item_moves_floor_on_copy(db, copy, drafted);
    let per_line = |d: Duration, lines: usize| ms(d) / lines.max(1) as f64;
    let floor_line = per_line(floor.total(), floor.lines);
    println!(
        "the confirmation's item moves alone, as lean as SQLite takes them: {} lines in {floor}: \
         {:.1} us a line, {:.0} ms for 1,000 drafts of 157 lines",
        floor.lines,
        floor_line * 1000.0,
        floor_line * 157_000.0,
    );
    if ours.numbered == ours.made {
        let ours_line = per_line(ours.confirmed, floor.lines);
        println!(
            "  finctl's whole confirmation of those lines: {:.1} us a line, {:.0} ms for 1,000 \
             drafts of 157 lines, ratio {:.2} to the moves alone",
            ours_line * 1000.0,
            ours_line * 157_000.0,
            ours_line / floor_line,
        );
    }
}

/// The leanest floor of moving `items`, on a copy of `db` made at `copy` and removed after.
fn item_moves_floor_on_copy(
    db: &Path,
    copy: &Path,
    items: &[i64],
) -> item_moves_floor::ItemMovesFloor {
    copy_database(db, copy);
    let floor = item_moves_floor::item_moves_floor(copy, items);
    remove_database(copy);
    floor
}

fn remove_database(db: &Path) {
    for end in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{end}", db.display()));
    }
}

/// `sorted` ids cut into runs of 1,024 (what finctl writes a statement): each run's first and
/// last id.
fn ranges(sorted: &[i64]) -> Vec<(i64, i64)> {
    sorted
        .chunks(1024)
        .map(|c| (c[0], c[c.len() - 1]))
        .collect()
}

/// One keyed-chain row per history row written after row `after` (a fixed value for the
/// HMAC finctl computes).
fn chain(tx: &Connection, after: i64) {
    tx.execute(
        "INSERT INTO history_chain (history_id, mac)
         SELECT id, '0000000000000000000000000000000000000000000000000000000000000000'
         FROM change_history WHERE id > ?1 ORDER BY id",
        [after],
    )
    .expect("chain");
}

/// The first `n` of `picks` in the list's order (date, then id), as a user selecting from the
/// top of finance control would: the picks come in whatever order the query read them.
fn in_list_order(
    store: &Store,
    picks: &[finctl::store::item_totals::ItemPick],
    n: usize,
) -> Vec<i64> {
    let picked: std::collections::HashSet<i64> = picks.iter().map(|p| p.id).collect();
    let mut stmt = store
        .conn()
        .prepare("SELECT id FROM revenue_items WHERE status = 'billable' ORDER BY planned_invoice_date, id")
        .expect("sql");
    let ids: Vec<i64> = stmt
        .query_map([], |r| r.get::<_, i64>(0))
        .expect("ids")
        .map(|r| r.expect("id"))
        .filter(|id| picked.contains(id))
        .take(n)
        .collect();
    ids
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
    // The first of them in the list's order (date, then id), as a user selecting from the top
    // of finance control would: the picks come in whatever order the query read them.
    let items = in_list_order(&store, &picks, draft_items);
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
    let mut last_round = None;
    for round in 1..=size("FINCTL_BENCH_ROUNDS", 2) {
        let ours = dir.path().join(format!("finctl-{round}.db"));
        let floor = dir.path().join(format!("floor-{round}.db"));
        copy_database(&db, &ours);
        copy_database(&db, &floor);
        let f = finctl_run(&ours, &items, confirm);
        if round == 1 {
            println!(
                "  peak memory after finctl's round: {:.0} MiB",
                peak_memory_mib()
            );
        }
        // The floor writes what finctl wrote: the items it drafted.
        let skipped: std::collections::HashSet<i64> = f.skipped.iter().copied().collect();
        let drafted: Vec<i64> = items
            .iter()
            .copied()
            .filter(|id| !skipped.contains(id))
            .collect();
        let (floor_drafts, floor_confirmed) = if std::env::var("FINCTL_BENCH_NO_FLOOR").is_ok() {
            (Duration::from_secs(1), Duration::from_secs(1))
        } else {
            floor_run(&floor, &drafted, confirm)
        };
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
            remove_database(f);
        }
        last_round = Some((drafted, f));
    }
    if let Some((drafted, f)) = last_round
        && std::env::var("FINCTL_BENCH_NO_FLOOR").is_err()
    {
        lean_floor(&db, &dir.path().join("moves.db"), &drafted, &f);
    }
    println!(
        "peak memory {:.0} MiB; load average at the end: {}",
        peak_memory_mib(),
        load_average()
    );
    if std::env::var("FINCTL_BENCH_KEYS").is_ok_and(|v| v == "0") {
        return;
    }
    // The same work by the console's keys, on a fresh copy: every billable item finance
    // control shows, then every draft the invoices screen shows.
    let ours = dir.path().join("finctl-keys.db");
    copy_database(&db, &ours);
    support::reset_peak_memory();
    println!(
        "by the console's keys (headless, 80x24), from each key to the frame after it \
         (memory {:.0} MiB before, what earlier parts left):",
        support::memory_mib()
    );
    for step in bulk_keys::by_keys(&ours, &admin(&ours), today()) {
        println!(
            "  {:<36} {:>8.0} ms (CPU {:.0} ms)  {}",
            step.key,
            ms(step.took),
            ms(step.cpu),
            step.shown
        );
    }
    println!(
        "  peak memory of that part {:.0} MiB; load average at the end: {}",
        peak_memory_mib(),
        load_average()
    );
    if std::env::var("FINCTL_BENCH_NO_FLOOR").is_err() {
        // The lines the keys confirmed: the items billable before and invoiced after.
        let moved = changed_items(&db, &ours, "billable", "invoiced");
        remove_database(&ours);
        let floor = item_moves_floor_on_copy(&db, &dir.path().join("moves-keys.db"), &moved);
        println!(
            "  the item moves of those {} lines alone, as lean as SQLite takes them: {floor}",
            floor.lines,
        );
    }
}

/// The items with status `from` in the database `before` and `to` in `after`, in id order.
fn changed_items(before: &Path, after: &Path, from: &str, to: &str) -> Vec<i64> {
    let ids = |db: &Path, status: &str| -> Vec<i64> {
        let conn = Connection::open(db).expect("open");
        let mut stmt = conn
            .prepare("SELECT id FROM revenue_items WHERE status = ?1 ORDER BY id")
            .expect("sql");
        stmt.query_map([status], |r| r.get(0))
            .expect("ids")
            .collect::<rusqlite::Result<_>>()
            .expect("ids")
    };
    let was: std::collections::HashSet<i64> = ids(before, from).into_iter().collect();
    ids(after, to)
        .into_iter()
        .filter(|id| was.contains(id))
        .collect()
}
