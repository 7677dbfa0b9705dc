//! What the benchmarks share: the database they run on, medians, milliseconds and the load
//! average that each report prints beside its figures. Included with `#[path]` by each bench
//! (a bench is a crate of its own), so each uses only part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The demo's `--today`, which every bench uses so that its figures compare run to run.
pub const DEMO_TODAY: &str = "2026-11-28";

/// Builds a demo database of `FINCTL_BENCH_ITEMS` revenue items (1,000,000 by default) at
/// `db`, printing how long it took.
pub fn build_demo(db: &Path) {
    let items = std::env::var("FINCTL_BENCH_ITEMS").unwrap_or_else(|_| "1000000".into());
    let started = Instant::now();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_finctl"))
        .args(["--db", db.to_str().expect("path"), "demo"])
        .args(["--revenue-items", &items, "--today", DEMO_TODAY])
        .output()
        .expect("run demo");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    println!(
        "built a {items}-item demo database in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

/// The database given by `FINCTL_BENCH_DB`, else a demo built into a temporary folder (kept
/// alive by the returned guard). Read-only benches use it in place.
pub fn database_in_place() -> (PathBuf, Option<tempfile::TempDir>) {
    if let Ok(p) = std::env::var("FINCTL_BENCH_DB") {
        return (PathBuf::from(p), None);
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bench.db");
    build_demo(&db);
    (db, Some(dir))
}

/// A database of its own in a temporary folder: a copy of `FINCTL_BENCH_DB` (with its chain
/// key) or a fresh demo. Benches that write use it, so the given database stays as it was.
pub fn database_copy() -> (PathBuf, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bench.db");
    match std::env::var("FINCTL_BENCH_DB") {
        Ok(p) => copy_database(Path::new(&p), &db),
        Err(_) => build_demo(&db),
    }
    (db, dir)
}

/// Copies a database file with its chain key, as a restore has them.
pub fn copy_database(from: &Path, to: &Path) {
    std::fs::copy(from, to).expect("copy the bench database");
    // On disk before anything is timed: the kernel's write-back of a copy this size would
    // otherwise share the disk with the commits' syncs being measured.
    std::fs::File::open(to)
        .and_then(|f| f.sync_all())
        .expect("sync the copy");
    let key = finctl::store::chain_key_path(from);
    if key.exists() {
        std::fs::copy(&key, finctl::store::chain_key_path(to)).expect("copy its key");
    }
}

/// The median of `runs` timings of `f`.
pub fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut v: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    v.sort();
    v[v.len() / 2]
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The 1, 5 and 15 minute load averages, as `/proc/loadavg` gives them.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A memory field of `/proc/self/status` (`VmHWM:`, `VmRSS:`), in MiB; 0 if unreadable.
fn status_mib(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// The process's peak resident memory so far (`VmHWM`), in MiB.
pub fn peak_memory_mib() -> f64 {
    status_mib("VmHWM:")
}

/// The process's resident memory now (`VmRSS`), in MiB.
pub fn memory_mib() -> f64 {
    status_mib("VmRSS:")
}

/// Starts the peak of [`peak_memory_mib`] again from the memory in use now (Linux's
/// `clear_refs`), so that a later part of a bench reports its own peak.
pub fn reset_peak_memory() {
    // Best effort: an older kernel keeps the peak, which then reads higher, never lower.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The CPU time this process has used so far (user and system), from `/proc/self/stat`: beside
/// the wall time it tells waiting (the disk, other processes) from working.
pub fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name, which is in parentheses and may hold spaces.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
    };
    // The kernel's clock ticks are 100 a second on Linux.
    Duration::from_millis((ticks(11) + ticks(12)) * 10)
}
