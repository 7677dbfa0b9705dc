//! Ctrl-C or SIGTERM during a large demo: the real binary stops, says nothing was written and
//! exits 128 + the signal; the database holds exactly what it held before (no account, no
//! item: the demo is one transaction), and the demo then runs again on it and `verify` finds
//! the result sound. Once by a signal sent to the process with its output piped, once by Ctrl-C
//! typed on the terminal it runs in while its progress shows.

use crate::support;

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use support::cli::{BIN, contents, finctl, init_db, printed};
use support::e2e::DemoDb;
use support::text;

/// More items than the demo writes in the time the tests wait.
const BIG: &str = "1000000";

fn big_demo(db: &str) -> Child {
    Command::new(BIN)
        .args(["--db", db, "demo", "--revenue-items", BIG])
        .args(["--today", "2026-11-28"])
        .env("HOME", std::env::temp_dir())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start finctl demo")
}

/// Waits until the demo is well under way: its write-ahead log has grown by a few MiB (the
/// pages of its work spill into it), or some seconds have passed; it must still be running.
fn wait_under_way(db: &str, child: &mut Child) {
    let wal = support::sibling(std::path::Path::new(db), "-wal");
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(8)
        && std::fs::metadata(&wal).map_or(0, |m| m.len()) < 4 << 20
    {
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        child.try_wait().expect("try_wait").is_none(),
        "the demo of {BIG} items ended before the signal"
    );
}

/// The demo runs again on the database the interrupted one left, and the result verifies.
fn rerun_works(db: &str) {
    let again = finctl(&[
        "--db",
        db,
        "demo",
        "--revenue-items",
        "300",
        "--today",
        "2026-11-28",
    ]);
    assert!(again.status.success(), "{}", printed(&again));
    assert!(
        text(&again.stdout).contains("300 revenue items"),
        "{}",
        printed(&again)
    );
    let verify = finctl(&["--db", db, "verify"]);
    assert_eq!(verify.status.code(), Some(0), "{}", printed(&verify));
}

fn stopped_by(signal: Signal, code: i32) {
    let dir = tempfile::tempdir().unwrap();
    let db = init_db(dir.path());
    let before = contents(&db);
    let mut child = big_demo(&db);
    wait_under_way(&db, &mut child);
    kill(Pid::from_raw(child.id() as i32), signal).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(code), "{}", printed(&out));
    assert_eq!(
        text(&out.stderr),
        "finctl: interrupted: nothing was written (the demo is all or nothing): run it again\n",
        "{}",
        printed(&out)
    );
    assert_eq!(text(&out.stdout), "", "no summary: {}", printed(&out));
    assert_eq!(contents(&db), before, "the database is as it was");
    rerun_works(&db);
}

#[test]
fn sigint_mid_demo_writes_nothing_and_the_demo_runs_again() {
    stopped_by(Signal::SIGINT, 130);
}

#[test]
fn sigterm_mid_demo_writes_nothing_and_the_demo_runs_again() {
    stopped_by(Signal::SIGTERM, 143);
}

#[test]
fn ctrl_c_on_the_terminal_while_items_are_counted_writes_nothing() {
    let empty = DemoDb::empty();
    let db = empty.db.to_str().unwrap().to_string();
    let before = contents(&db);
    let mut term = empty.command_in_terminal(
        24,
        120,
        &["demo", "--revenue-items", BIG, "--today", "2026-11-28"],
    );
    // Its progress shows the items written so far, of all of them.
    term.wait_long(
        "the revenue items counted on the progress line",
        Duration::from_secs(90),
        |t| {
            let screen = t.screen();
            screen.contains("revenue items [") && !screen.contains("] 0/")
        },
    );
    term.send("\x03");
    let status = term.wait_exit_within(Duration::from_secs(60));
    let screen = term.screen();
    assert_eq!(status.exit_code(), 130, "{screen}");
    assert!(
        screen.contains("finctl: interrupted: nothing was written"),
        "{screen}"
    );
    assert!(
        !screen.contains("revenue items ["),
        "the progress line is cleared: {screen}"
    );
    assert_eq!(contents(&db), before, "the database is as it was");
    rerun_works(&db);
}
