//! The `finctl` binary run on temporary files, as a user would.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

/// The binary Cargo built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_finctl");

/// `finctl ARGS`, with a home directory that is not the developer's.
pub fn finctl(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("HOME", std::env::temp_dir())
        .output()
        .expect("run finctl")
}

/// What a command printed: its stdout, then its stderr.
pub fn printed(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The rows of `finctl --db DB export WHAT --format json`, which must succeed.
pub fn export_json(db: impl AsRef<Path>, what: &str) -> Vec<Value> {
    let db = db.as_ref().to_str().expect("UTF-8 path");
    let out = finctl(&["--db", db, "export", what, "--format", "json"]);
    assert!(out.status.success(), "{}", printed(&out));
    match serde_json::from_slice(&out.stdout).expect("valid JSON") {
        Value::Array(rows) => rows,
        other => panic!("export {what}: not a JSON array: {other}"),
    }
}
