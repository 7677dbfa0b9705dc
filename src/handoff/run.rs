//! One hand-off run: checks, repair of the folder, then each document in number order.

use super::build::{Built, build};
use super::failpoint::{Failpoint, Step};
use super::folder::Folder;
use super::reconcile;
use super::{document, files, journal};
use crate::store::Store;
use crate::store::handoff::{Marked, NewMark};
use anyhow::{Context, bail};
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

/// A document handed off by this run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done {
    pub number: String,
    pub kind: String,
    pub path: PathBuf,
    pub again: bool,
}

#[derive(Debug, Default)]
pub struct Report {
    pub dir: PathBuf,
    pub handed_off: Vec<Done>,
    /// Documents found in the folder (a run that died had finished them, or the database is
    /// behind its folder): marked now without being written or journaled again.
    pub recovered: Vec<String>,
    /// Leftovers of a run that died: temporary files removed, and whether the journal's last
    /// line, which had no mark, was dropped (the journal was cut back, nothing else rewritten).
    pub temporaries_removed: usize,
    pub journal_rewritten: bool,
    /// The numbers of journal lines without a mark of this folder left as they are: documents
    /// the folder has and this database did not hand off into it (see `reconcile`).
    pub lines_left: Vec<String>,
    /// Stopped between two documents (Ctrl-C): what was handed off stays handed off.
    pub stopped: bool,
}

/// Hands off every confirmed document not handed off yet into `dir` (created if missing), or
/// with `again`, that one document once more.
pub fn hand_off(store: &mut Store, dir: &Path, again: Option<&str>) -> anyhow::Result<Report> {
    hand_off_watched(store, dir, again, &mut |_, _, _| true)
}

/// As [`hand_off`], telling `watch` what it does (`"documents checked"` or `"documents
/// handed off"`, how many of how many) before each document; `watch` answering false stops
/// the run between two documents (each is committed on its own), with `Report::stopped` set.
pub fn hand_off_watched(
    store: &mut Store,
    dir: &Path,
    again: Option<&str>,
    watch: &mut dyn FnMut(&'static str, usize, usize) -> bool,
) -> anyhow::Result<Report> {
    let settings = store.settings()?;
    let seller = document::seller(&settings).map_err(anyhow::Error::msg)?;
    store.check_handoff_right()?;
    let mut folder = Folder::open(store, dir)?;

    let again_id = match again {
        Some(number) => {
            let id = store.invoice_id_by_number(number)?.with_context(|| {
                format!("there is no confirmed invoice or credit note {number}")
            })?;
            if !store.handoff_marks_of(id)?.iter().any(|m| !m.again) {
                bail!("{number} has not been handed off yet: hand it off without --again");
            }
            Some(id)
        }
        None => None,
    };
    let pending = store.handoff_pending()?;
    // Every document is built once before anything is written, so that one the rules refuse
    // stops the run before it starts rather than halfway; its SHA-256 is kept to compare with
    // what the folder holds.
    let to_check: Vec<i64> = match again_id {
        Some(id) => vec![id],
        None => pending.iter().map(|(id, _)| *id).collect(),
    };
    let mut shas = HashMap::new();
    let checking = to_check.len();
    for (i, id) in to_check.into_iter().enumerate() {
        if !watch("documents checked", i, checking) {
            // Nothing was written yet.
            return Ok(Report {
                dir: folder.path.clone(),
                stopped: true,
                ..Report::default()
            });
        }
        shas.insert(id, build(store, &seller, id)?.sha256);
    }
    let plan = {
        let store: &Store = store;
        let mut sha_of = |id: i64| -> anyhow::Result<String> {
            match shas.get(&id) {
                Some(sha) => Ok(sha.clone()),
                None => Ok(build(store, &seller, id)?.sha256),
            }
        };
        reconcile::plan(store, &folder, &pending, &mut sha_of, again_id.is_none())?
    };
    let found: HashSet<String> = plan.found().map(str::to_string).collect();
    folder.settle()?;
    let repaired = reconcile::apply(store, &folder, plan)?;
    let mut report = Report {
        dir: folder.path.clone(),
        recovered: repaired.marked,
        temporaries_removed: repaired.temporaries_removed,
        journal_rewritten: repaired.journal_line_dropped,
        lines_left: repaired.left,
        ..Report::default()
    };
    let todo: Vec<i64> = match again_id {
        Some(id) => vec![id],
        None => pending
            .iter()
            .filter(|(_, n)| !found.contains(n))
            .map(|(id, _)| *id)
            .collect(),
    };
    let failpoint = Failpoint::from_env();
    let total = todo.len();
    for (i, id) in todo.into_iter().enumerate() {
        if !watch("documents handed off", i, total) {
            report.stopped = true;
            break;
        }
        let built = build(store, &seller, id)?;
        let done = report.handed_off.len();
        if let Some(d) = write_one(store, &folder, &built, again_id.is_some(), |step| {
            failpoint.reached(done, step)
        })? {
            report.handed_off.push(d);
        }
        failpoint.reached(done, Step::Committed);
    }
    Ok(report)
}

/// The steps of one document (see the module above); None if another hand-off marked it first.
fn write_one(
    store: &mut Store,
    folder: &Folder,
    built: &Built,
    again: bool,
    step: impl Fn(Step),
) -> anyhow::Result<Option<Done>> {
    let dir = folder.path.as_path();
    let tmp = files::temp_path(dir, &built.file);
    let path = dir.join(&built.file);
    files::write_synced(&tmp, &built.xml)?;
    step(Step::Written);
    // The line is rendered once, now, and kept in the mark: it is what the ERP is given.
    // A journal begun before the chain column keeps its ten columns, so that the ERP reads
    // it as before; a new journal has the chain.
    let mut journal_line = built.journal_line();
    if !journal::carries_chain(dir)? {
        journal_line.chain = None;
    }
    let line = journal::render_line(&journal_line)?;
    let mark = NewMark {
        invoice_id: built.invoice.id,
        number: built.number().to_string(),
        dir: dir.to_string_lossy().into_owned(),
        folder: folder.key().to_string(),
        file: built.file.clone(),
        sha256: built.sha256.clone(),
        journal_line: line,
        again,
    };
    let marked = store.mark_handed_off(&mark, || {
        step(Step::Marked);
        fs::rename(&tmp, &path)?;
        files::sync_dir(dir)?;
        step(Step::Renamed);
        journal::append(dir, &mark.journal_line)?;
        step(Step::Journaled);
        Ok(())
    });
    match marked {
        Ok(Marked::Done) => Ok(Some(Done {
            number: mark.number,
            kind: built.invoice.kind.as_str().to_string(),
            path,
            again,
        })),
        Ok(Marked::AlreadyHandedOff) => {
            let _ = fs::remove_file(&tmp);
            Ok(None)
        }
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            Err(e.into())
        }
    }
}
