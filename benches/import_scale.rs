//! Reading 1,000,000 time reports: how long it takes and how much memory the process peaks
//! at, for a CSV in finctl's own layout, the same rows as a JSON array, and a Toggl Track
//! detailed export read through its mapping (`docs/examples/toggl-detailed.toml`). Each file is read in a child process of its
//! own, so that its peak (VmHWM in /proc/self/status) is its own. Run with
//! `cargo bench --bench import_scale`; `FINCTL_BENCH_ROWS` sets the rows (default 1,000,000).
//! A report, not a pass/fail test (the budget: 60 s and 200 MB).

use finctl::import::{Kind, Mapping, Record, read_files};
use rust_decimal::Decimal;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const CHILD: &str = "--import-scale-child";

/// The process's peak resident memory so far, in MiB (Linux).
fn peak_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(f64::NAN);
    kib / 1024.0
}

/// `rows` time reports in finctl's own layout.
fn native(path: &Path, rows: usize) {
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
            i % 500,
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

/// `rows` time reports as a JSON array, one object each.
fn json(path: &Path, rows: usize) {
    let mut out = BufWriter::new(std::fs::File::create(path).expect("create"));
    writeln!(out, "[").expect("write");
    for i in 0..rows {
        let comma = if i + 1 < rows { "," } else { "" };
        writeln!(
            out,
            "  {{\"key\": \"TR-{i}\", \"project\": \"P-{:04}\", \"person\": \"Person {}\", \
             \"role\": \"consultant\", \"date\": \"2026-{:02}-{:02}\", \"hours\": {}.{}, \
             \"billable\": {}, \"description\": \"Work, item {i}\"}}{comma}",
            i % 500,
            i % 40,
            1 + i % 12,
            1 + i % 28,
            i % 9,
            i % 4 * 25,
            i % 3 != 0,
        )
        .expect("write");
    }
    writeln!(out, "]").expect("write");
    out.flush().expect("flush");
}

/// `rows` time reports as Toggl Track's detailed export writes them.
fn toggl(path: &Path, rows: usize) {
    let mut out = BufWriter::new(std::fs::File::create(path).expect("create"));
    writeln!(
        out,
        "\"User\",\"Email\",\"Client\",\"Project\",\"Task\",\"Description\",\"Billable\",\
         \"Start date\",\"Start time\",\"End date\",\"End time\",\"Duration\",\"Tags\""
    )
    .expect("write");
    for i in 0..rows {
        let (h, m, s) = (8 + i % 8, i % 60, i % 53);
        let (dh, dm) = (i % 3, (i * 7) % 60);
        let day = format!("2026-{:02}-{:02}", 1 + i % 12, 1 + i % 28);
        writeln!(
            out,
            "\"Person {p}\",\"person{p}@example.com\",\"Client {c}\",\"P-{c:04}\",\"\",\
             \"Entry {i}\",\"Yes\",\"{day}\",\"{h:02}:{m:02}:{s:02}\",\"{day}\",\
             \"{:02}:{:02}:{s:02}\",\"{dh:02}:{dm:02}:00\",\"\"",
            h + dh + (m + dm) / 60,
            (m + dm) % 60,
            p = i % 40,
            c = i % 500,
        )
        .expect("write");
    }
    out.flush().expect("flush");
}

/// Reads the file (through the mapping, if any) and prints what it took.
fn read(what: &str, path: &Path, mapping: Option<&Path>) {
    let before = peak_mib();
    let mapping = mapping.map(|m| Mapping::load(m, Kind::TimeReports).expect("a good mapping"));
    let started = Instant::now();
    let mut records = 0u64;
    let mut hours = Decimal::ZERO;
    let errors = read_files(Kind::TimeReports, &[path], mapping.as_ref(), |r| {
        records += 1;
        if let Record::TimeReport(t) = r {
            hours += t.hours;
        }
    });
    let secs = started.elapsed().as_secs_f64();
    assert!(
        errors.is_empty(),
        "{} errors, the first: {}",
        errors.len(),
        errors[0]
    );
    let size = std::fs::metadata(path).map_or(0, |m| m.len()) as f64 / 1_048_576.0;
    println!(
        "{what}: {records} time reports ({hours} hours) from {size:.0} MiB in {secs:.2} s \
         ({:.0} rows/s); peak memory {:.1} MiB (before reading {before:.1} MiB)",
        records as f64 / secs,
        peak_mib()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == CHILD) {
        let what = &args[at + 1];
        let path = PathBuf::from(&args[at + 2]);
        let mapping = args.get(at + 3).map(PathBuf::from);
        read(what, &path, mapping.as_deref());
        return;
    }
    let rows: usize = std::env::var("FINCTL_BENCH_ROWS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let own = dir.path().join("time-reports.csv");
    let array = dir.path().join("time-reports.json");
    let export = dir.path().join("toggl-detailed.csv");
    let started = Instant::now();
    native(&own, rows);
    json(&array, rows);
    toggl(&export, rows);
    println!(
        "generated 3 x {rows} rows in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let map = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples/toggl-detailed.toml");
    let runs: [(&str, &Path, Option<&Path>); 3] = [
        ("finctl's own CSV", &own, None),
        ("the same as JSON", &array, None),
        (
            "Toggl detailed CSV through its mapping",
            &export,
            Some(&map),
        ),
    ];
    let me = std::env::current_exe().expect("this benchmark's path");
    for (what, path, mapping) in runs {
        let mut child = Command::new(&me);
        child.arg(CHILD).arg(what).arg(path);
        if let Some(m) = mapping {
            child.arg(m);
        }
        let status = child.status().expect("run the reading");
        assert!(status.success(), "{what}: {status}");
    }
}
