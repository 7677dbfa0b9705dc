//! A filtered list as a workbook (`X`): the rows the list shows with its filter applied, in its
//! order, read a window at a time by key as the screen reads them, in one read snapshot.

use super::filtered_list::ListSource;
use super::list_view::Keyed;
use crate::files::xlsx::{Column, Progress, TableWriter, Value};
use crate::store::{Bound, Store};
use std::path::Path;

/// Rows per window: large enough that the query overhead does not show, small enough to stay
/// out of memory's way.
const WINDOW: usize = 2_000;

/// Writes every row `filter` shows to a workbook of one sheet; returns the number of rows.
pub fn write_list<S: ListSource>(
    store: &Store,
    filter: &S::Filter,
    path: &Path,
    sheet: &str,
    columns: &[Column],
    cells: impl Fn(&S::Row) -> Vec<Value>,
    progress: Option<Progress>,
) -> anyhow::Result<usize> {
    // One read transaction: the file is one moment of the database even while others write.
    let snapshot = store.read_snapshot()?;
    let mut w = TableWriter::create(path, sheet, columns)?.with_progress(progress);
    let mut bound = Bound::Start;
    loop {
        let rows = S::rows(store, filter, &bound, WINDOW)?;
        for r in &rows {
            w.push(&cells(r))?;
        }
        match rows.last() {
            Some(last) if rows.len() == WINDOW => bound = Bound::After(last.key()),
            _ => break,
        }
    }
    drop(snapshot);
    w.finish()
}
