//! `finctl export KIND` for the kinds an import takes (and `revenue-items --import-layout`):
//! the rows in the import's own layout, as CSV or a JSON array of objects, streamed, so that
//! the file imports back unchanged (`finctl import KIND FILE`).

use crate::import::{Kind, for_each_layout_row, layout_columns};
use crate::store::{Store, StoreError};
use anyhow::{Context, Result};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

fn io(e: impl Into<std::io::Error>) -> StoreError {
    StoreError::Io(e.into())
}

/// Writes every row of `kind` to `output` (standard output when `None`), telling `done` how
/// many are written so far.
pub fn write(
    store: &Store,
    kind: Kind,
    json: bool,
    output: Option<&Path>,
    done: &mut dyn FnMut(u64),
) -> Result<()> {
    let mut rows = 0;
    let mut done = move || {
        rows += 1;
        done(rows);
    };
    let out: Box<dyn Write> = match output {
        Some(p) => {
            Box::new(File::create(p).with_context(|| format!("cannot write {}", p.display()))?)
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::new(out);
    let columns = layout_columns(kind);
    if json {
        out.write_all(b"[")?;
        let mut first = true;
        for_each_layout_row(store, kind, |row| {
            done();
            let object: serde_json::Map<String, serde_json::Value> = columns
                .iter()
                .zip(row)
                .map(|(c, v)| {
                    let value = if v.is_empty() {
                        serde_json::Value::Null
                    } else {
                        serde_json::Value::String(v.clone())
                    };
                    (c.to_string(), value)
                })
                .collect();
            out.write_all(if first { b"\n" } else { b",\n" })
                .map_err(io)?;
            first = false;
            serde_json::to_writer(&mut out, &object).map_err(io)?;
            Ok(())
        })?;
        out.write_all(b"\n]\n")?;
        out.flush()?;
    } else {
        let mut w = csv::Writer::from_writer(out);
        let csv_io = |e: csv::Error| match e.into_kind() {
            csv::ErrorKind::Io(e) => StoreError::Io(e),
            other => StoreError::refused(format!("CSV: {other:?}")),
        };
        w.write_record(columns).map_err(csv_io)?;
        for_each_layout_row(store, kind, |row| {
            done();
            w.write_record(row).map_err(csv_io)
        })?;
        w.flush()?;
    }
    Ok(())
}
