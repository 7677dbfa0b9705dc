//! Ctrl-C during a large import: the real binary in a child process gets SIGINT while it
//! writes, stops, says nothing was written and exits 130; the database holds exactly what it
//! held before and `finctl verify` finds it sound. SIGTERM the same, exiting 143.

use crate::support;

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::cli::{BIN, contents, import, init_db, printed};
use support::import::example;
use support::text;

#[test]
fn ctrl_c_or_sigterm_leaves_the_database_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = init_db(dir.path());
    let ex = |n: &str| example(n).display().to_string();
    let out = import(
        &db,
        &[
            "accounts",
            &ex("accounts.csv"),
            "price-lists",
            &ex("price-lists.csv"),
            "projects",
            &ex("projects.csv"),
        ],
    );
    assert!(out.status.success(), "{}", printed(&out));
    let file = dir.path().join("hours.csv");
    let mut w = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
    writeln!(w, "key,project,person,role,date,hours,billable").unwrap();
    for i in 0..2_000_000 {
        writeln!(
            w,
            "T-{i},P-100{},Ada,consultant,2026-03-02,1.5,yes",
            1 + i % 2
        )
        .unwrap();
    }
    w.flush().unwrap();
    drop(w);
    let before = contents(&db);
    for (signal, code) in [(Signal::SIGINT, 130), (Signal::SIGTERM, 143)] {
        // The log starts empty, so that its growth shows the import writing.
        rusqlite::Connection::open(&db)
            .unwrap()
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
        let child = Command::new(BIN)
            .args(["--db", &db, "import", "time-reports"])
            .arg(&file)
            .env("HOME", std::env::temp_dir())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Well into the writing: the database's write-ahead log has grown (the transaction's
        // pages spill into it), or some seconds have passed.
        let wal = support::sibling(std::path::Path::new(&db), "-wal");
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(20)
            && std::fs::metadata(&wal).map_or(0, |m| m.len()) < 4 << 20
        {
            std::thread::sleep(Duration::from_millis(50));
        }
        std::thread::sleep(Duration::from_millis(500));
        kill(Pid::from_raw(child.id() as i32), signal).unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(code), "{signal}: {}", printed(&out));
        assert!(
            text(&out.stderr).contains("finctl: interrupted: nothing was written"),
            "{signal}: {}",
            printed(&out)
        );
        assert_eq!(contents(&db), before, "{signal}");
    }
    std::fs::remove_file(&file).unwrap();
    let verify = support::cli::finctl(&["--db", &db, "verify"]);
    assert_eq!(verify.status.code(), Some(0), "{}", printed(&verify));
}
