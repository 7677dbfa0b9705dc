//! The hand-off tests' fixture (tests/handoff.rs, tests/handoff_recovery.rs): a demo database
//! made by the binary in a temporary folder, the binary run against it, and what the hand-off
//! folders and the marks hold.

use super::cli::BIN;
use super::text;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tempfile::TempDir;

pub const STEPS: [&str; 5] = ["written", "marked", "renamed", "journaled", "committed"];
pub const LOCK_FILE: &str = ".handoff.lock";
pub const IDENTITY_FILE: &str = ".finctl-handoff";

pub struct Demo {
    pub dir: TempDir,
    pub db: PathBuf,
}

/// One hand-off mark as the database holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkRow {
    pub number: String,
    pub again: bool,
    pub dir: String,
    pub folder: Option<String>,
    pub file: String,
    pub sha256: String,
    pub journal_line: String,
}

impl Demo {
    pub fn new() -> Demo {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("handoff.db");
        let demo = Demo { dir, db };
        let out = demo.cli(
            &["demo", "--revenue-items", "300", "--today", "2026-11-28"],
            &[],
        );
        assert!(out.status.success(), "demo: {}", text(&out.stderr));
        demo
    }

    /// The hand-off folder most tests use.
    pub fn out(&self) -> PathBuf {
        self.folder("erp")
    }

    /// A hand-off folder in the temporary folder, made if missing: finctl never makes one.
    pub fn folder(&self, name: &str) -> PathBuf {
        let dir = self.dir.path().join(name);
        if std::fs::symlink_metadata(&dir).is_err() {
            std::fs::create_dir_all(&dir).expect("make the hand-off folder");
        }
        dir
    }

    /// A folder path in the temporary folder that is not made.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The binary run in the temporary folder (so that an abort leaves nothing in the tree).
    pub fn command(&self, args: &[&str], env: &[(&str, &str)]) -> Command {
        let mut c = Command::new(BIN);
        c.current_dir(self.dir.path())
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .env("HOME", self.dir.path())
            .env_remove("XDG_STATE_HOME")
            .env_remove("XDG_DATA_HOME")
            .env_remove("FINCTL_LOG")
            .env_remove("FINCTL_HANDOFF_FAIL_AFTER")
            .env_remove("LC_ALL")
            .env_remove("LC_NUMERIC")
            .env_remove("LANG")
            .envs(env.iter().copied());
        c
    }

    pub fn cli(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        self.command(args, env).output().expect("run finctl")
    }

    /// A hand-off into the usual folder, which must succeed; its output.
    pub fn hand_off(&self, extra: &[&str]) -> String {
        self.hand_off_into(&self.out(), extra)
    }

    pub fn hand_off_into(&self, dir: &Path, extra: &[&str]) -> String {
        let mut args = vec!["handoff", "--output", dir.to_str().unwrap()];
        args.extend_from_slice(extra);
        let out = self.cli(&args, &[]);
        assert!(out.status.success(), "handoff: {}", text(&out.stderr));
        text(&out.stdout)
    }

    /// A hand-off into the usual folder killed by the failpoint after `done` documents, at
    /// `step` of the next one.
    pub fn hand_off_killed(&self, done: usize, step: &str) {
        self.hand_off_killed_into(&self.out(), done, step);
    }

    pub fn hand_off_killed_into(&self, dir: &Path, done: usize, step: &str) {
        let fail = format!("{done}:{step}");
        let killed = self.cli(
            &["handoff", "--output", dir.to_str().unwrap()],
            &[("FINCTL_HANDOFF_FAIL_AFTER", &fail)],
        );
        assert!(
            !killed.status.success(),
            "{fail}: the failpoint did not fire"
        );
        assert!(text(&killed.stderr).contains("failpoint"), "{fail}");
    }

    /// The confirmed documents of `export invoices --format json`, by number.
    pub fn confirmed(&self) -> BTreeMap<String, Value> {
        let out = self.cli(&["export", "invoices", "--format", "json"], &[]);
        assert!(out.status.success(), "export: {}", text(&out.stderr));
        let rows: Vec<Value> = serde_json::from_slice(&out.stdout).expect("export is JSON");
        rows.into_iter()
            .filter(|r| r["status"] == "confirmed")
            .map(|r| (r["number"].as_str().unwrap().to_string(), r))
            .collect()
    }

    pub fn journal(&self) -> Vec<BTreeMap<String, String>> {
        journal_of(&self.out())
    }

    /// (number, again) of every hand-off mark.
    pub fn marks(&self) -> Vec<(String, bool)> {
        self.mark_rows()
            .into_iter()
            .map(|m| (m.number, m.again))
            .collect()
    }

    pub fn mark_rows(&self) -> Vec<MarkRow> {
        let conn = rusqlite::Connection::open(&self.db).unwrap();
        let mut stmt = conn
            .prepare(
                "SELECT number, again, dir, folder, file, sha256, journal_line FROM handoffs
                 ORDER BY id",
            )
            .unwrap();
        stmt.query_map([], |r| {
            Ok(MarkRow {
                number: r.get(0)?,
                again: r.get(1)?,
                dir: r.get(2)?,
                folder: r.get(3)?,
                file: r.get(4)?,
                sha256: r.get(5)?,
                journal_line: r.get(6)?,
            })
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    }

    /// Runs SQL on the database directly (what no command does, such as renaming accounts).
    pub fn sql(&self, sql: &str) -> rusqlite::Result<usize> {
        rusqlite::Connection::open(&self.db)
            .unwrap()
            .execute(sql, [])
    }

    pub fn assert_verifies(&self) {
        let out = self.cli(&["verify"], &[]);
        assert!(
            out.status.success(),
            "verify: {}{}",
            text(&out.stdout),
            text(&out.stderr)
        );
    }

    /// Every confirmed document handed off exactly once: one file (with the journal's hash),
    /// one journal line, one mark; no temporary file left; the journal is the marks' lines.
    pub fn assert_each_handed_off_once(&self) {
        let confirmed = self.confirmed();
        let journal = self.journal();
        let numbers: Vec<&str> = journal.iter().map(|l| l["number"].as_str()).collect();
        let unique: BTreeSet<&str> = numbers.iter().copied().collect();
        assert_eq!(
            numbers.len(),
            unique.len(),
            "journal lines repeat: {numbers:?}"
        );
        assert_eq!(
            unique,
            confirmed.keys().map(String::as_str).collect(),
            "journal vs confirmed documents"
        );
        let marks = self.marks();
        assert_eq!(marks.len(), confirmed.len(), "marks: {marks:?}");
        assert!(
            marks
                .iter()
                .all(|(n, again)| !again && unique.contains(n.as_str()))
        );
        let expected: BTreeSet<String> = confirmed
            .keys()
            .map(|n| format!("{n}.xml"))
            .chain([
                "journal.csv".to_string(),
                LOCK_FILE.to_string(),
                IDENTITY_FILE.to_string(),
            ])
            .collect();
        assert_eq!(
            files_of(&self.out()),
            expected,
            "files in the hand-off folder"
        );
        assert_files_match_journal(&self.out());
        self.assert_journal_is_the_marks_lines(&self.out());
    }

    /// The journal of `dir` is its header and the lines kept in the marks of `dir` (found by
    /// the identity the folder carries), in order, byte for byte (as long as the ERP left it
    /// alone).
    pub fn assert_journal_is_the_marks_lines(&self, dir: &Path) {
        let key = folder_identity(dir);
        let mut expected = finctl::handoff::journal::header().unwrap();
        for m in self.mark_rows() {
            // Marks made before folders carried an identity name the path it keeps as one.
            if m.folder.as_deref().unwrap_or(&m.dir) == key {
                expected.push_str(&m.journal_line);
            }
        }
        let journal = std::fs::read_to_string(dir.join("journal.csv")).unwrap();
        assert_eq!(journal, expected, "journal.csv vs the marks' lines");
    }
}

/// The folder's own identity, as its identity file holds it.
pub fn folder_identity(dir: &Path) -> String {
    identity_field(dir, "folder")
}

/// One field of the identity file of the hand-off folder `dir`.
pub fn identity_field(dir: &Path, field: &str) -> String {
    let text = std::fs::read_to_string(dir.join(IDENTITY_FILE)).expect("identity file");
    let table: toml::Table = toml::from_str(&text).expect("identity file is TOML");
    table[field].as_str().expect("a string").to_string()
}

pub fn sha256(bytes: &[u8]) -> String {
    finctl::handoff::files::sha256_hex(bytes)
}

/// The lines of `dir/journal.csv` by column name; none when it is missing.
pub fn journal_of(dir: &Path) -> Vec<BTreeMap<String, String>> {
    let path = dir.join("journal.csv");
    if !path.exists() {
        return Vec::new();
    }
    let mut r = csv::Reader::from_path(path).expect("journal");
    r.deserialize().map(|l| l.expect("journal line")).collect()
}

/// The names of the files in `dir`.
pub fn files_of(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// Each line of the journal of `dir` names a file there with its SHA-256.
pub fn assert_files_match_journal(dir: &Path) {
    for l in journal_of(dir) {
        let bytes = std::fs::read(dir.join(&l["file"])).unwrap();
        assert_eq!(sha256(&bytes), l["sha256"], "{} hash", l["number"]);
    }
}
