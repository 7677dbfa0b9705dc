//! The files finctl makes are private whatever the umask: the database (SQLite gives its log
//! and shared-memory files the database's mode) readable by its owner only, and the log folder
//! closed to others (a log names users, items and amounts).

use crate::support;

use std::os::unix::fs::PermissionsExt;
use std::process::Command;
use support::cli::BIN;

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_new_database_and_the_log_folder_are_private_whatever_the_umask() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("books.db");
    // The usual umask (022) would leave both readable by everyone.
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("umask 022; exec {BIN} --db {} init", db.display()))
        .env("HOME", home.path())
        .env_remove("XDG_STATE_HOME")
        .env_remove("XDG_DATA_HOME")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(mode(&db), 0o600, "the database: {:o}", mode(&db));
    let logs = home.path().join(".local/state/finctl/logs");
    assert!(logs.is_dir(), "the log folder {logs:?}");
    assert_eq!(mode(&logs), 0o700, "the log folder: {:o}", mode(&logs));
}
