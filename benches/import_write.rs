//! Importing 1,000,000 time reports with the real binary, end to end: `finctl import
//! time-reports FILE` into a database with 500 launched projects, all in one transaction with
//! a history row per report; then the same file again (every row unchanged, nothing written),
//! and `finctl verify`. Each command runs as a child process; its wall time and peak memory
//! (the child's maximum resident set, from getrusage) are printed. Run with
//! `cargo bench --bench import_write`; `FINCTL_BENCH_ROWS` sets the rows (default 1,000,000).
//! A report, not a pass/fail test (the budget: 60 s and 200 MB).

use nix::sys::resource::{UsageWho, getrusage};
use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

const BIN: &str = env!("CARGO_BIN_EXE_finctl");
const PROJECTS: usize = 500;

/// Runs `finctl ARGS` and prints its time, peak memory and what it printed last.
fn finctl(what: &str, args: &[&str], rows: Option<usize>) {
    let started = Instant::now();
    let out = Command::new(BIN)
        .args(args)
        .env("HOME", std::env::temp_dir())
        .output()
        .expect("run finctl");
    let secs = started.elapsed().as_secs_f64();
    // The largest child waited for so far: each measured command is larger than the ones
    // before it, or says so.
    let peak_kib = getrusage(UsageWho::RUSAGE_CHILDREN)
        .map(|u| u.max_rss())
        .unwrap_or(0);
    let text = String::from_utf8_lossy(&out.stdout);
    let last = text.lines().last().unwrap_or("");
    assert!(
        out.status.success(),
        "{what}: {}{}",
        text,
        String::from_utf8_lossy(&out.stderr)
    );
    let rate = rows.map_or(String::new(), |r| {
        format!(", {:.0} rows/s", r as f64 / secs)
    });
    println!(
        "{what}: {secs:.1} s{rate}, peak memory of the largest child so far {:.1} MiB ({last})",
        peak_kib as f64 / 1024.0
    );
}

fn setup(dir: &Path) -> (String, String) {
    let accounts = dir.join("accounts.csv");
    std::fs::write(&accounts, "key,name,currency\nA-1,Bench Oy,EUR\n").expect("write");
    let projects = dir.join("projects.csv");
    let mut out = BufWriter::new(std::fs::File::create(&projects).expect("create"));
    writeln!(out, "code,name,account,currency,manager,status,start_date").expect("write");
    for p in 0..PROJECTS {
        writeln!(
            out,
            "P-{p:04},Project {p},A-1,EUR,bench,launched,2026-01-01"
        )
        .expect("write");
    }
    out.flush().expect("flush");
    (
        accounts.display().to_string(),
        projects.display().to_string(),
    )
}

/// `rows` time reports in finctl's own layout, as `benches/import_scale.rs` writes them.
fn reports(path: &Path, rows: usize) {
    let mut out = BufWriter::new(std::fs::File::create(path).expect("create"));
    writeln!(
        out,
        "key,project,person,role,date,hours,billable,description"
    )
    .expect("write");
    for i in 0..rows {
        writeln!(
            out,
            "TR-{i},P-{:04},Person {},consultant,2026-{:02}-{:02},{}.{},{},\"Work, item {i}\"",
            i % PROJECTS,
            i % 40,
            1 + i % 12,
            1 + i % 28,
            i % 9,
            i % 4 * 25,
            if i % 3 == 0 { "no" } else { "yes" },
        )
        .expect("write");
    }
    out.flush().expect("flush");
}

fn main() {
    let rows: usize = std::env::var("FINCTL_BENCH_ROWS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bench.db").display().to_string();
    let (accounts, projects) = setup(dir.path());
    let file = dir.path().join("time-reports.csv");
    reports(&file, rows);
    let file = file.display().to_string();
    let size = std::fs::metadata(&file).map_or(0, |m| m.len()) as f64 / 1_048_576.0;
    println!("{rows} time reports, {size:.0} MiB of CSV, on {PROJECTS} projects");
    finctl("init", &["--db", &db, "init"], None);
    finctl(
        "accounts and projects",
        &[
            "--db", &db, "import", "accounts", &accounts, "projects", &projects,
        ],
        None,
    );
    finctl(
        "import (all new)",
        &["--db", &db, "import", "time-reports", &file],
        Some(rows),
    );
    let db_size = std::fs::metadata(&db).map_or(0, |m| m.len()) as f64 / 1_048_576.0;
    println!("database: {db_size:.0} MiB");
    finctl(
        "import again (all unchanged)",
        &["--db", &db, "import", "time-reports", &file],
        Some(rows),
    );
    finctl(
        "dry run (all unchanged)",
        &["--db", &db, "import", "--dry-run", "time-reports", &file],
        Some(rows),
    );
    finctl("verify", &["--db", &db, "verify"], None);
}
