//! The one support module of the integration tests. A test file of `tests/integration.rs` says
//! `use crate::support;`, one of the three crates of their own `mod support;`, and takes what
//! it needs:
//!
//! - here: values and files any test uses: `d` (a decimal literal), `date`, `text` (bytes as
//!   text), `temp_db` (a fresh file in a temporary folder), `bytes`, `sibling`;
//! - [`store`]: the store-level fixtures: a small company in a fresh file (`Company`, with its
//!   ids and the builders it is made with), the demo company in a fresh file (`demo_store`),
//!   and small readers of the store (`version`, `status`, `count`, `schema`);
//! - [`cli`]: the `finctl` binary run on a file (`finctl`, `printed`, `export_json`);
//! - [`handoff`]: the ERP hand-off fixture: a demo database made by the binary, the binary run
//!   against it, and what the hand-off folders and the marks hold;
//! - [`console`]: the console headless (an `App` over the demo company, keys, the screens looked
//!   into, drawing on a `TestBackend`, snapshots at both sizes);
//! - [`e2e`]: the real binary in a pseudo-terminal, typed at and read like a user would;
//! - [`import`]: files of the import read into records and refusals, the shipped examples;
//! - [`power_cut`]: an SQLite VFS that keeps only what was synced, and the power cut itself.
//!
//! Each of the four test crates compiles all of it and uses a part, hence `allow(dead_code)`.
#![allow(dead_code, unused_imports, unused_macros)]

pub mod cli;
pub mod console;
pub mod e2e;
pub mod handoff;
pub mod import;
pub mod power_cut;
pub mod store;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// A decimal literal: `d("1234.50")`.
pub fn d(s: &str) -> Decimal {
    s.parse()
        .unwrap_or_else(|_| panic!("decimal literal {s:?}"))
}

pub fn date(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

/// Bytes (a command's stdout or stderr) as text.
pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A fresh temporary directory and the path of a database file in it (not created yet).
pub fn temp_db() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("finctl.db");
    (dir, path)
}

/// The file's bytes, or None when it does not exist.
pub fn bytes(path: &Path) -> Option<Vec<u8>> {
    std::fs::read(path).ok()
}

/// `path` with a suffix appended (`-wal`, `-shm`, `-journal`).
pub fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}
