//! The Excel export of every revenue item (issue 14), each path beside SQLite's own time for
//! the same rows: the console's `X` on all items (headless App, the file thread) and
//! `finctl export revenue-items --format xlsx` (the real binary). SQLite's time is the list's
//! or the export's SELECT run straight through rusqlite, every row stepped and every column
//! read: the floor no export can go under. A report, not a pass/fail test.
//!
//! `cargo bench --bench excel` builds a 1,000,000-item demo database first (about a minute);
//! `FINCTL_BENCH_DB=/path/to.db` copies one instead, `FINCTL_BENCH_ITEMS=N` sets the size,
//! `FINCTL_BENCH_RUNS=N` takes the median of N runs of each (1 by default).

#[path = "support/mod.rs"]
mod support;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use finctl::app::App;
use finctl::store::Store;
use rusqlite::types::ValueRef;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::{DEMO_TODAY, cpu_time, database_copy, load_average, ms, peak_memory_mib};

/// The console's list of all items in its order (`store::item_list`, `row_select_from` with
/// the window's source and no filter), as one statement instead of windows of 2,000.
const LIST_SQL: &str = "SELECT i.id, i.project_id, i.account_id, i.currency,
    i.milestone_id, i.name, i.item_type, i.billing_rule, i.unit_price_micros,
    i.planned_amount_minor, i.actual_amount_minor, i.planned_invoice_date, i.status,
    i.vat_rate_micros, i.invoice_description, i.internal_description, i.origin, i.version,
    i.updated_by, i.updated_at, i.ext_key, i.estimate_minor, i.collect_error, a.name, p.code,
    (SELECT l.invoice_id FROM invoice_lines l JOIN invoices v ON v.id = l.invoice_id
     WHERE l.revenue_item_id = i.id AND v.status = 'draft' AND v.kind = 'invoice' LIMIT 1),
    CASE WHEN i.milestone_id IS NULL THEN NULL ELSE m.reached_at IS NOT NULL END
 FROM revenue_items i INDEXED BY revenue_items_date
 JOIN projects p ON p.id = i.project_id
 JOIN accounts a ON a.id = i.account_id
 LEFT JOIN milestones m ON m.id = i.milestone_id
 ORDER BY i.planned_invoice_date, i.id";

/// The export's walk of every item (`store::export_rows`, `for_each_revenue_item_row_where`).
const EXPORT_SQL: &str = "SELECT i.id, i.project_id, i.account_id, i.currency,
    i.milestone_id, i.name, i.item_type, i.billing_rule, i.unit_price_micros,
    i.planned_amount_minor, i.actual_amount_minor, i.planned_invoice_date, i.status,
    i.vat_rate_micros, i.invoice_description, i.internal_description, i.origin, i.version,
    i.updated_by, i.updated_at, i.ext_key, i.estimate_minor, i.collect_error, p.code, a.name,
    m.code,
    (SELECT v.number FROM invoice_lines l JOIN invoices v ON v.id = l.invoice_id
     WHERE l.revenue_item_id = i.id AND v.kind = 'invoice' ORDER BY l.id DESC LIMIT 1)
 FROM revenue_items i
 JOIN projects p ON p.id = i.project_id
 JOIN accounts a ON a.id = i.account_id
 LEFT JOIN milestones m ON m.id = i.milestone_id
 ORDER BY i.id";

fn runs() -> usize {
    std::env::var("FINCTL_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
        .max(1)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// SQLite's own time for `sql`: every row stepped, every column read (text and blobs looked
/// at, so nothing is skipped). Returns the rows and the time.
fn sqlite_floor(db: &Path, sql: &str) -> (usize, Duration) {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open");
    // The store's readers' cache (store/open.rs).
    conn.execute_batch("PRAGMA cache_size = -8192; PRAGMA temp_store = MEMORY;")
        .expect("pragmas");
    let mut rows = 0;
    let mut seen = 0usize;
    let t = Instant::now();
    let mut stmt = conn.prepare(sql).expect("prepare");
    let columns = stmt.column_count();
    let mut found = stmt.query([]).expect("query");
    while let Some(r) = found.next().expect("step") {
        rows += 1;
        for c in 0..columns {
            seen += match r.get_ref(c).expect("column") {
                ValueRef::Null => 0,
                ValueRef::Integer(i) => i as usize & 1,
                ValueRef::Real(f) => f as usize & 1,
                ValueRef::Text(s) | ValueRef::Blob(s) => s.len(),
            };
        }
    }
    let took = t.elapsed();
    std::hint::black_box(seen);
    (rows, took)
}

/// Resets the process's peak resident memory (`VmHWM`), so each path's peak is its own.
fn reset_peak_memory() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// `X` on all items (screen 2) in a headless console, until the file thread is done: the
/// rows written, the wall time, the CPU time of the process (both cores) and its peak memory.
fn console_export(db: &Path, out: &Path) -> (usize, Duration, Duration, f64) {
    let store = Store::open(db, "bench").expect("open");
    let today = NaiveDate::parse_from_str(DEMO_TODAY, "%Y-%m-%d").expect("date");
    let mut app = App::new(store, today, Some(Arc::new(|| {}))).expect("app");
    app.set_export_dir(out.to_path_buf());
    let key = |app: &mut App, c: char, mods| app.handle_key(KeyEvent::new(KeyCode::Char(c), mods));
    key(&mut app, '2', KeyModifiers::NONE);
    app.settle();
    reset_peak_memory();
    let (t, cpu) = (Instant::now(), cpu_time());
    key(&mut app, 'X', KeyModifiers::SHIFT);
    app.settle();
    let (took, cpu) = (t.elapsed(), cpu_time() - cpu);
    let status = app.status.text().to_string();
    let rows = status
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no rows written: {status}"));
    let file = status.split(" written to ").nth(1).expect("a path");
    std::fs::remove_file(file).ok();
    (rows, took, cpu, peak_memory_mib())
}

/// `finctl export revenue-items --format xlsx` as a user runs it: rows, wall time, the CPU
/// time and peak memory of the child.
fn cli_export(db: &Path, out: &Path) -> (usize, Duration, Duration, f64) {
    use nix::sys::resource::{UsageWho, getrusage};
    let file = out.join("items.xlsx");
    let before = getrusage(UsageWho::RUSAGE_CHILDREN).expect("rusage");
    let t = Instant::now();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_finctl"))
        .args([
            "--db",
            db.to_str().expect("path"),
            "export",
            "revenue-items",
        ])
        .args(["--format", "xlsx", "--output", file.to_str().expect("path")])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run finctl");
    // The child's own peak (`VmHWM`), read while it runs: the rusage of children counts the
    // bench's memory it was forked with.
    let status = format!("/proc/{}/status", child.id());
    let mut peak = 0.0f64;
    while child.try_wait().expect("wait").is_none() {
        peak = peak.max(hwm_mib(
            &std::fs::read_to_string(&status).unwrap_or_default(),
        ));
        std::thread::sleep(Duration::from_millis(20));
    }
    let run = child.wait_with_output().expect("finctl's output");
    let took = t.elapsed();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let after = getrusage(UsageWho::RUSAGE_CHILDREN).expect("rusage");
    let cpu = |u: &nix::sys::resource::Usage| {
        let t = |v: nix::sys::time::TimeVal| {
            Duration::from_secs(v.tv_sec() as u64) + Duration::from_micros(v.tv_usec() as u64)
        };
        t(u.user_time()) + t(u.system_time())
    };
    // "PATH: N rows written in T s"
    let said =
        String::from_utf8_lossy(&run.stderr).to_string() + &String::from_utf8_lossy(&run.stdout);
    let rows = said
        .split(": ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.replace(',', "").parse().ok())
        .unwrap_or(0);
    std::fs::remove_file(&file).ok();
    (rows, took, cpu(&after) - cpu(&before), peak)
}

/// `VmHWM` of a `/proc/PID/status`, in MiB.
fn hwm_mib(status: &str) -> f64 {
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        .map_or(0.0, |kib| kib / 1024.0)
}

fn report(what: &str, rows: usize, took: Duration, cpu: Duration, peak: f64, floor: Duration) {
    println!(
        "{what:<34} {rows:>9} rows {:>9.0} ms  cpu {:>7.0} ms  {:>5.1}x SQLite  peak {peak:>5.0} MiB",
        ms(took),
        ms(cpu),
        took.as_secs_f64() / floor.as_secs_f64().max(1e-9),
    );
}

fn main() {
    let (db, _keep) = database_copy();
    let out = tempfile::tempdir().expect("out dir");
    println!("load average before: {}", load_average());
    let n = runs();
    let mut list = Vec::new();
    let mut export = Vec::new();
    let (mut list_rows, mut export_rows) = (0, 0);
    for _ in 0..n {
        let (r, t) = sqlite_floor(&db, LIST_SQL);
        (list_rows, list) = (r, [list, vec![t]].concat());
        let (r, t) = sqlite_floor(&db, EXPORT_SQL);
        (export_rows, export) = (r, [export, vec![t]].concat());
    }
    let (list, export) = (median(list), median(export));
    println!(
        "SQLite: the list's SELECT {list_rows} rows in {:.0} ms, the export's {export_rows} rows in {:.0} ms",
        ms(list),
        ms(export)
    );
    let (mut console, mut cli) = (Vec::new(), Vec::new());
    for _ in 0..n {
        console.push(console_export(&db, out.path()));
        cli.push(cli_export(&db, out.path()));
    }
    let pick = |mut v: Vec<(usize, Duration, Duration, f64)>| {
        v.sort_by_key(|r| r.1);
        v[v.len() / 2]
    };
    let (rows, took, cpu, peak) = pick(console);
    report(
        "console X (all items, 11 columns)",
        rows,
        took,
        cpu,
        peak,
        list,
    );
    let (rows, took, cpu, peak) = pick(cli);
    report(
        "export --format xlsx (20 columns)",
        rows,
        took,
        cpu,
        peak,
        export,
    );
    println!("load average after: {}", load_average());
}
