//! The `finctl` binary run on temporary files, as a user would.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

/// The binary Cargo built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_finctl");

/// `finctl ARGS`, with a home directory that is not the developer's and no locale (numbers
/// read `1,234.56` whatever the machine's).
pub fn finctl(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("HOME", std::env::temp_dir())
        .env_remove("LC_ALL")
        .env_remove("LC_NUMERIC")
        .env_remove("LANG")
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

/// A new, empty database made by `finctl init` in `dir`: the operating-system user running
/// the tests is its admin.
pub fn init_db(dir: &Path) -> String {
    let db = dir
        .join("finctl.db")
        .to_str()
        .expect("UTF-8 path")
        .to_string();
    let out = finctl(&["--db", &db, "init"]);
    assert!(out.status.success(), "{}", printed(&out));
    db
}

/// The operating-system user running the tests, as the database knows them (its admin, in a
/// database made by `init_db`).
pub fn os_user(db: &str) -> String {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.query_row(
        "SELECT name FROM users WHERE role = 'admin' ORDER BY name LIMIT 1",
        [],
        |r| r.get(0),
    )
    .expect("an admin")
}

/// Everything the database holds, as text, so that two states compare: every row of every
/// table (the name index's shadow tables too), sorted.
pub fn contents(db: &str) -> String {
    let conn = rusqlite::Connection::open(db).expect("open");
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table'
             AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut out = String::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                let cells: Vec<String> = (0..n)
                    .map(|i| {
                        r.get::<_, rusqlite::types::Value>(i)
                            .map(|v| format!("{v:?}"))
                            .unwrap_or_default()
                    })
                    .collect();
                Ok(cells.join("|"))
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        rows.sort();
        out.push_str(&format!("== {table} ({} rows)\n", rows.len()));
        for r in rows {
            out.push_str(&r);
            out.push('\n');
        }
    }
    out
}

/// How many rows `sql` counts in the database.
pub fn count(db: &str, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.query_row(sql, [], |r| r.get(0)).expect("a count")
}

/// `finctl --db DB import ARGS...`.
pub fn import(db: &str, args: &[&str]) -> Output {
    let mut all = vec!["--db", db, "import"];
    all.extend_from_slice(args);
    finctl(&all)
}
