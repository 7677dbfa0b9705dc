//! Work off the input path: list queries (totals, a new filter's first rows) on one thread and
//! files on another, each with its own read-only connection. Without threads (tests, no
//! terminal) the same work runs on the spot. When a thread dies the console says so and goes on
//! doing its work on the spot.

mod file_jobs;
mod list_queries;

pub use file_jobs::{FileDone, FileJob, FileWriter, fresh_path};
pub use list_queries::{Answer, Done, Job, ListId, Notify, Query, Stopped, Worker};

use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// What came back from the threads.
#[derive(Default)]
pub struct Polled {
    pub answers: Vec<Done>,
    pub files: Vec<FileDone>,
    /// Why the list thread stopped, when it just did: its lists must ask again.
    pub stopped: Option<String>,
}

impl Polled {
    pub fn is_empty(&self) -> bool {
        self.answers.is_empty() && self.files.is_empty() && self.stopped.is_none()
    }
}

pub struct Background {
    lists: Option<Worker>,
    files: Option<FileWriter>,
    /// Where `X` and `v` write (the folder finctl was started in unless told otherwise).
    export_dir: PathBuf,
    /// Set when the list thread stopped; reported once by `poll`.
    stopped: Option<String>,
}

impl Background {
    /// The threads over `store`'s database, waking the console with `notify`; none without it.
    pub fn start(store: &Store, notify: Option<Notify>) -> Result<Background, StoreError> {
        let (lists, files) = match notify {
            Some(n) => (
                Some(Worker::start(store.reader()?, n.clone())?),
                Some(FileWriter::start(n)?),
            ),
            None => (None, None),
        };
        Ok(Background {
            lists,
            files,
            export_dir: std::env::current_dir().unwrap_or_else(|_| ".".into()),
            stopped: None,
        })
    }

    pub fn set_export_dir(&mut self, dir: PathBuf) {
        self.export_dir = dir;
    }

    pub fn export_dir(&self) -> &Path {
        &self.export_dir
    }

    fn lists_stopped(&mut self) {
        self.lists = None;
        self.stopped = Some(
            "the background thread for totals and filters stopped: lists are now counted \
             and filtered while you wait"
                .into(),
        );
        tracing::error!("background list thread stopped");
    }

    /// Asks a query for a list: on the thread (the answer comes with `poll`, `Ok(None)` now),
    /// or here and now (`Ok(Some)`), also when the thread has stopped.
    pub fn query(
        &mut self,
        store: &Store,
        list: ListId,
        query: Query,
    ) -> Result<Option<Answer>, StoreError> {
        if let Some(w) = &mut self.lists {
            match w.request(list, query.clone()) {
                Ok(_) => return Ok(None),
                Err(Stopped) => self.lists_stopped(),
            }
        }
        query.run(store).map(Some)
    }

    /// The rows of a list were just loaded here: a window still on its way is out of date.
    pub fn cancel_window(&mut self, list: ListId) {
        if let Some(w) = &mut self.lists {
            w.cancel_window(list);
        }
    }

    /// Whether a newer window than the rows on screen is on its way.
    pub fn window_pending(&self, list: ListId) -> bool {
        self.lists.as_ref().is_some_and(|w| w.window_pending(list))
    }

    /// What came back since the last look.
    pub fn poll(&mut self) -> Polled {
        let mut out = Polled::default();
        if let Some(w) = &mut self.lists {
            match w.poll() {
                Ok(done) => out.answers = done,
                Err(Stopped) => self.lists_stopped(),
            }
        }
        if let Some(f) = &mut self.files {
            out.files = f.poll();
        }
        out.stopped = self.stopped.take();
        out
    }

    /// Waits for every answer and file asked for (tests and benchmarks).
    pub fn wait(&mut self) -> Polled {
        let mut out = Polled::default();
        if let Some(w) = &mut self.lists {
            match w.wait() {
                Ok(done) => out.answers = done,
                Err(Stopped) => self.lists_stopped(),
            }
        }
        if let Some(f) = &mut self.files {
            out.files = f.wait();
        }
        out.stopped = self.stopped.take();
        out
    }

    /// Writes a file: on the file thread, or here and now (then its end is returned).
    pub fn write_file(&mut self, store: &Store, today: NaiveDate, job: FileJob) -> FileStarted {
        let taken = self.files.as_ref().map_or(&[][..], |f| f.pending());
        let path = fresh_path(
            &self.export_dir,
            &job.stem,
            &today.to_string(),
            job.ext,
            taken,
        );
        let job = match (&mut self.files, store.reader()) {
            (Some(f), Ok(reader)) => match f.submit(job, path.clone(), reader) {
                Ok(()) => return FileStarted::Writing(path),
                Err(job) => {
                    // The thread is gone: write here.
                    self.files = None;
                    job
                }
            },
            // No thread, or no second connection to write from: write here.
            _ => job,
        };
        let unit = job.unit;
        let ext = job.ext;
        let result = (job.write)(store, &path, None).map_err(|e| format!("{e:#}"));
        FileStarted::Done(FileDone {
            path,
            unit,
            ext,
            result,
        })
    }

    /// The file being written and its rows so far.
    pub fn file_running(&self) -> Option<(&Path, usize)> {
        self.files.as_ref().and_then(|f| f.running())
    }

    /// Ends the list thread as a crash would (tests of what the console says then).
    #[doc(hidden)]
    /// Stops the threads (a query running is interrupted); work asked later is done on the spot.
    pub fn stop(&mut self) {
        if let Some(w) = self.lists.take() {
            w.stop();
        }
        self.files = None;
    }

    pub fn stop_list_thread_for_test(&mut self) {
        if let Some(w) = &mut self.lists {
            w.stop_for_test();
        }
    }
}

/// A file job handed over, or written already.
pub enum FileStarted {
    Writing(PathBuf),
    Done(FileDone),
}
