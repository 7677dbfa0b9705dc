//! Files written off the input path: `X` and `v` hand a job to a thread, with a read-only view
//! of the database opened for that job (and closed after it: an idle connection held open
//! slowed the console's other readers), so a workbook of a million rows never stops the keys. The status line
//! follows its rows and then says where the file went. Jobs run one after the other; a file
//! name is taken when the job is handed over, so two quick `X` never pick the same one.

use crate::files::Progress;
use crate::store::Store;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::{SystemTime, UNIX_EPOCH};

use super::list_queries::Notify;

/// Writes a file at the path from the store; how many units it wrote.
pub type WriteFile =
    Box<dyn FnOnce(&Store, &Path, Option<Progress>) -> anyhow::Result<usize> + Send>;

/// What a job writes: a file named `stem-DAY.ext` in the export folder, by `write`, which
/// returns how many `unit` it wrote.
pub struct FileJob {
    pub stem: String,
    pub ext: &'static str,
    /// "row(s)", "page(s)".
    pub unit: &'static str,
    pub write: WriteFile,
}

impl FileJob {
    pub fn new(
        stem: impl Into<String>,
        ext: &'static str,
        unit: &'static str,
        write: impl FnOnce(&Store, &Path, Option<Progress>) -> anyhow::Result<usize> + Send + 'static,
    ) -> FileJob {
        FileJob {
            // A file name: no folder separators from an invoice number.
            stem: stem.into().replace(['/', '\\'], "-"),
            ext,
            unit,
            write: Box::new(write),
        }
    }

    fn run(self, store: &Store, path: PathBuf, progress: Option<Progress>) -> FileDone {
        let result = (self.write)(store, &path, progress).map_err(|e| format!("{e:#}"));
        FileDone {
            path,
            unit: self.unit,
            ext: self.ext,
            result,
        }
    }
}

/// A job's end.
#[derive(Debug, Clone)]
pub struct FileDone {
    pub path: PathBuf,
    pub unit: &'static str,
    pub ext: &'static str,
    pub result: Result<usize, String>,
}

impl FileDone {
    /// What the status line says.
    pub fn message(&self) -> Result<String, String> {
        match &self.result {
            Ok(n) => Ok(format!(
                "{n} {} written to {}",
                self.unit,
                self.path.display()
            )),
            Err(e) => Err(format!(
                "no {} written: {e}",
                if self.ext == "pdf" {
                    "PDF"
                } else {
                    "Excel file"
                }
            )),
        }
    }
}

/// The thread that writes files, and what it is doing.
pub struct FileWriter {
    jobs: Sender<(FileJob, PathBuf, Store)>,
    done: Receiver<FileDone>,
    /// Rows written so far by the job that runs.
    rows: Arc<AtomicUsize>,
    /// Files handed over and not finished, in order.
    pending: Vec<PathBuf>,
}

/// Milliseconds since the epoch (for waking the console at most every so often).
fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// How often a long job wakes the console to show how far it got.
const WAKE_EVERY_MS: u64 = 200;

impl FileWriter {
    /// Starts the thread; each job comes with its read-only store.
    pub fn start(notify: Notify) -> std::io::Result<FileWriter> {
        let (jobs_tx, jobs_rx) = mpsc::channel::<(FileJob, PathBuf, Store)>();
        let (done_tx, done_rx) = mpsc::channel();
        let rows = Arc::new(AtomicUsize::new(0));
        let shown = rows.clone();
        thread::Builder::new()
            .name("finctl-files".into())
            .spawn(move || {
                let last_wake = Arc::new(AtomicU64::new(0));
                while let Ok((job, path, reader)) = jobs_rx.recv() {
                    shown.store(0, Ordering::Relaxed);
                    let (rows, wake, last) = (shown.clone(), notify.clone(), last_wake.clone());
                    let progress: Progress = Arc::new(move |n| {
                        rows.store(n, Ordering::Relaxed);
                        let now = now_ms();
                        if now.saturating_sub(last.load(Ordering::Relaxed)) >= WAKE_EVERY_MS {
                            last.store(now, Ordering::Relaxed);
                            wake();
                        }
                    });
                    let done = job.run(&reader, path, Some(progress));
                    drop(reader);
                    if done_tx.send(done).is_err() {
                        return;
                    }
                    notify();
                }
            })?;
        Ok(FileWriter {
            jobs: jobs_tx,
            done: done_rx,
            rows,
            pending: Vec::new(),
        })
    }

    /// Hands a job over with the store it reads; `Err` gives the job back when the thread is
    /// gone.
    pub fn submit(&mut self, job: FileJob, path: PathBuf, reader: Store) -> Result<(), FileJob> {
        match self.jobs.send((job, path.clone(), reader)) {
            Ok(()) => {
                self.pending.push(path);
                Ok(())
            }
            Err(mpsc::SendError((job, _, _))) => Err(job),
        }
    }

    /// Jobs that finished since the last look.
    pub fn poll(&mut self) -> Vec<FileDone> {
        let mut out = Vec::new();
        while let Ok(done) = self.done.try_recv() {
            self.pending.retain(|p| *p != done.path);
            out.push(done);
        }
        out
    }

    /// Blocks until every job handed over has finished (tests).
    pub fn wait(&mut self) -> Vec<FileDone> {
        let mut out = Vec::new();
        while !self.pending.is_empty() {
            match self.done.recv() {
                Ok(done) => {
                    self.pending.retain(|p| *p != done.path);
                    out.push(done);
                }
                Err(_) => {
                    self.pending.clear();
                    break;
                }
            }
        }
        out
    }

    /// The file being written and its rows so far.
    pub fn running(&self) -> Option<(&Path, usize)> {
        self.pending
            .first()
            .map(|p| (p.as_path(), self.rows.load(Ordering::Relaxed)))
    }

    pub fn pending(&self) -> &[PathBuf] {
        &self.pending
    }
}

/// A new file name in `dir`: `stem-DAY.ext`, then `-2`, `-3`... past files on disk and the ones
/// already promised to a job.
pub fn fresh_path(dir: &Path, stem: &str, day: &str, ext: &str, taken: &[PathBuf]) -> PathBuf {
    let base = format!("{stem}-{day}");
    let taken: BTreeSet<&PathBuf> = taken.iter().collect();
    let mut path = dir.join(format!("{base}.{ext}"));
    let mut n = 2;
    while path.exists() || taken.contains(&path) {
        path = dir.join(format!("{base}-{n}.{ext}"));
        n += 1;
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_never_repeat_on_disk_or_in_the_queue() {
        let dir = tempfile::tempdir().expect("temp dir");
        let first = fresh_path(dir.path(), "items", "2026-11-28", "xlsx", &[]);
        assert_eq!(first, dir.path().join("items-2026-11-28.xlsx"));
        let second = fresh_path(
            dir.path(),
            "items",
            "2026-11-28",
            "xlsx",
            std::slice::from_ref(&first),
        );
        assert_eq!(second, dir.path().join("items-2026-11-28-2.xlsx"));
        std::fs::write(&first, b"x").expect("write");
        let third = fresh_path(
            dir.path(),
            "items",
            "2026-11-28",
            "xlsx",
            std::slice::from_ref(&second),
        );
        assert_eq!(third, dir.path().join("items-2026-11-28-3.xlsx"));
    }
}
