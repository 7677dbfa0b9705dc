//! How long `finctl demo --revenue-items N` takes through the real binary, how large the file
//! is, and how long `finctl verify` then takes. Run with `cargo bench --bench demo_scale`;
//! `FINCTL_BENCH_ITEMS` sets N (default 1,000,000). A report, not a pass/fail test.

use std::process::Command;
use std::time::Instant;

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

fn main() {
    let items = std::env::var("FINCTL_BENCH_ITEMS").unwrap_or_else(|_| "1000000".into());
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bench.db");
    let db = db.to_str().expect("utf-8 path");
    let demo = run(&[
        "--db",
        db,
        "demo",
        "--revenue-items",
        &items,
        "--today",
        "2026-11-28",
    ]);
    let size = std::fs::metadata(db).expect("db file").len();
    let verify = run(&["--db", db, "verify"]);
    println!("demo --revenue-items {items}: {demo:.1} s");
    println!(
        "database file: {:.1} MiB ({size} bytes)",
        size as f64 / (1024.0 * 1024.0)
    );
    println!("verify: {verify:.1} s");
}
