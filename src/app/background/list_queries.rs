//! List queries off the input path: a thread with its own read-only store sums what a filter
//! shows, and finds the first rows of a newly typed filter, while the user keeps typing or
//! scrolling. A newer request interrupts an older one; each answer carries the generation it
//! answers, and only the newest of each job is used.

use crate::store::invoice_list::{InvoiceFilter, InvoiceListRow};
use crate::store::item_list::{ItemFilter, ItemRow};
use crate::store::list_query::CurrencyTotal;
use crate::store::milestone_list::{MilestoneFilter, MilestoneRow};
use crate::store::progress_list::{LineFilter, ProgressLineRow};
use crate::store::project_list::{ProjectFilter, ProjectRow};
use crate::store::reports::{ReportFilter, ReportQuery, ReportRow};
use crate::store::{Bound, Interrupter, Result, Store};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

/// Which list a request is for: the title of the screen that asked (unique on the tab bar).
pub type ListId = &'static str;

#[derive(Debug, Clone)]
pub enum Query {
    ItemTotals(ItemFilter),
    InvoiceTotals(InvoiceFilter),
    /// The first `usize` rows.
    ItemWindow(ItemFilter, usize),
    InvoiceWindow(InvoiceFilter, usize),
    ProjectTotals(ProjectFilter),
    ProjectWindow(ProjectFilter, usize),
    LineTotals(LineFilter),
    LineWindow(LineFilter, usize),
    MilestoneTotals(MilestoneFilter),
    MilestoneWindow(MilestoneFilter, usize),
    /// The report narrowed by a newly typed filter: its rows are its window.
    Report(ReportQuery, ReportFilter),
}

impl Query {
    fn is_window(&self) -> bool {
        matches!(
            self,
            Query::ItemWindow(..)
                | Query::InvoiceWindow(..)
                | Query::ProjectWindow(..)
                | Query::LineWindow(..)
                | Query::MilestoneWindow(..)
                | Query::Report(..)
        )
    }

    /// Runs the query here (the worker, or the console when it has none).
    pub fn run(&self, store: &Store) -> Result<Answer> {
        Ok(match self {
            Query::ItemTotals(f) => Answer::Totals(store.item_totals(f)?),
            Query::InvoiceTotals(f) => Answer::Totals(store.invoice_totals(f)?),
            Query::ItemWindow(f, n) => Answer::ItemRows(store.item_first_rows(f, *n)?, *n),
            Query::InvoiceWindow(f, n) => {
                Answer::InvoiceRows(store.invoice_rows(f, &Bound::Start, *n)?, *n)
            }
            Query::ProjectTotals(f) => Answer::Totals(store.project_totals(f)?),
            Query::ProjectWindow(f, n) => {
                Answer::ProjectRows(store.project_rows(f, &Bound::Start, *n)?, *n)
            }
            Query::LineTotals(f) => Answer::Totals(store.progress_line_totals(f)?),
            Query::LineWindow(f, n) => {
                Answer::LineRows(store.progress_line_rows(f, &Bound::Start, *n)?, *n)
            }
            Query::MilestoneTotals(f) => Answer::Totals(store.milestone_totals(f)?),
            Query::MilestoneWindow(f, n) => {
                Answer::MilestoneRows(store.milestone_rows(f, &Bound::Start, *n)?, *n)
            }
            Query::Report(q, f) => Answer::ReportRows(store.report_narrowed(q, f)?),
        })
    }
}

/// A job is one kind of query for one list; only its newest request matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Job {
    pub list: ListId,
    pub window: bool,
}

#[derive(Debug, Clone)]
pub enum Answer {
    Totals(Vec<CurrencyTotal>),
    /// Rows and how many were asked for.
    ItemRows(Vec<ItemRow>, usize),
    InvoiceRows(Vec<InvoiceListRow>, usize),
    ProjectRows(Vec<ProjectRow>, usize),
    LineRows(Vec<ProgressLineRow>, usize),
    MilestoneRows(Vec<MilestoneRow>, usize),
    ReportRows(Vec<ReportRow>),
}

#[derive(Debug, Clone)]
pub struct Done {
    pub job: Job,
    pub generation: u64,
    pub answer: std::result::Result<Answer, String>,
}

/// Wakes the event loop when a result is ready.
pub type Notify = Arc<dyn Fn() + Send + Sync>;

/// Wakes the console when the worker thread ends, by a panic too: keys waiting for its
/// answers must not wait for ever; the console finds the thread gone and works on the spot.
struct WakeOnEnd(Notify);

impl Drop for WakeOnEnd {
    fn drop(&mut self) {
        (self.0)();
    }
}

/// The worker thread is gone (it cannot take requests or give answers any more).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stopped;

pub struct Worker {
    requests: Sender<(Job, u64, Query)>,
    results: Receiver<Done>,
    interrupt: Arc<Interrupter>,
    generations: BTreeMap<Job, u64>,
    answered: BTreeMap<Job, u64>,
}

impl Worker {
    /// Starts the thread over `reader` (a read-only store of the database the console shows).
    pub fn start(reader: Store, notify: Notify) -> Result<Worker> {
        let interrupt = Arc::new(reader.interrupter());
        let (req_tx, req_rx) = mpsc::channel::<(Job, u64, Query)>();
        let (res_tx, res_rx) = mpsc::channel();
        thread::Builder::new()
            .name("finctl-background".into())
            .spawn(move || {
                // Declared in this order so that the answers' channel closes before the wake:
                // the console, woken, finds the thread gone.
                let _wake = WakeOnEnd(notify.clone());
                let res_tx = res_tx;
                // Only the newest request of each job matters; a job keeps the place in line
                // of its first request still waiting, so lists are answered in the order they
                // asked (the screens' order at start-up).
                let mut queue: BTreeMap<Job, (u64, Query, u64)> = BTreeMap::new();
                let mut asked: u64 = 0;
                let mut take = |queue: &mut BTreeMap<Job, (u64, Query, u64)>, job, g, q| {
                    asked += 1;
                    let place = queue.get(&job).map_or(asked, |(_, _, p)| *p);
                    queue.insert(job, (g, q, place));
                };
                loop {
                    if queue.is_empty() {
                        match req_rx.recv() {
                            Ok((job, generation, query)) => {
                                take(&mut queue, job, generation, query)
                            }
                            Err(_) => return,
                        }
                    }
                    while let Ok((job, generation, query)) = req_rx.try_recv() {
                        take(&mut queue, job, generation, query);
                    }
                    // Windows first (the user is waiting to see rows), then in line.
                    let next = queue
                        .iter()
                        .min_by_key(|(j, (_, _, place))| (!j.window, *place))
                        .map(|(j, _)| *j);
                    let Some((job, (generation, query, place))) =
                        next.and_then(|j| queue.remove_entry(&j))
                    else {
                        continue;
                    };
                    let answer = query.run(&reader);
                    if answer.as_ref().is_err_and(|e| e.is_interrupted()) {
                        // Interrupted for a newer request: run again unless superseded.
                        queue.entry(job).or_insert((generation, query, place));
                        continue;
                    }
                    let answer = answer.map_err(|e| e.to_string());
                    if res_tx
                        .send(Done {
                            job,
                            generation,
                            answer,
                        })
                        .is_err()
                    {
                        return;
                    }
                    notify();
                }
            })?;
        Ok(Worker {
            requests: req_tx,
            results: res_rx,
            interrupt,
            generations: BTreeMap::new(),
            answered: BTreeMap::new(),
        })
    }

    /// Asks a query for a list; returns the generation the answer will carry, or `Stopped`
    /// when the worker is gone.
    pub fn request(&mut self, list: ListId, query: Query) -> std::result::Result<u64, Stopped> {
        let job = Job {
            list,
            window: query.is_window(),
        };
        let generation = self.generations.entry(job).or_default();
        *generation += 1;
        let generation = *generation;
        if self.is_busy() {
            // What runs now is probably stale; the worker runs it again if it is not.
            self.interrupt.interrupt();
        }
        self.requests
            .send((job, generation, query))
            .map_err(|_| Stopped)?;
        Ok(generation)
    }

    fn is_busy(&self) -> bool {
        self.generations
            .iter()
            .any(|(job, g)| self.answered.get(job).copied().unwrap_or(0) < *g)
    }

    /// Results that arrived, newest generation only; `Stopped` when the worker is gone (the
    /// answers it gave before are lost with it: the caller asks again elsewhere).
    pub fn poll(&mut self) -> std::result::Result<Vec<Done>, Stopped> {
        let mut out = Vec::new();
        loop {
            match self.results.try_recv() {
                Ok(done) => out.push(done),
                Err(mpsc::TryRecvError::Empty) => break,
                Err(mpsc::TryRecvError::Disconnected) => return Err(Stopped),
            }
        }
        Ok(self.keep_current(out))
    }

    /// Blocks until every list's newest request is answered (for tests and benchmarks).
    pub fn wait(&mut self) -> std::result::Result<Vec<Done>, Stopped> {
        let mut out = Vec::new();
        while self.is_busy() {
            match self.results.recv() {
                Ok(done) => {
                    let answered = self.answered.entry(done.job).or_default();
                    *answered = (*answered).max(done.generation);
                    out.push(done);
                }
                Err(_) => return Err(Stopped),
            }
        }
        out.extend(self.poll()?);
        Ok(self.keep_current(out))
    }

    /// Ends the thread as a crash would (tests of what the console says then).
    #[doc(hidden)]
    /// Ends the thread: the query it runs is interrupted, and with its requests' channel
    /// closed it ends (its read connection with it).
    pub fn stop(self) {
        self.interrupt.interrupt();
    }

    pub fn stop_for_test(&mut self) {
        // The thread ends when its request channel closes; answers can no longer come.
        let (closed, _) = mpsc::channel();
        self.requests = closed;
    }

    fn keep_current(&mut self, results: Vec<Done>) -> Vec<Done> {
        for d in &results {
            let answered = self.answered.entry(d.job).or_default();
            *answered = (*answered).max(d.generation);
        }
        results
            .into_iter()
            .filter(|d| self.generations.get(&d.job) == Some(&d.generation))
            .collect()
    }

    /// The rows of a list were just loaded here: a window still on its way is out of date.
    pub fn cancel_window(&mut self, list: ListId) {
        let job = Job { list, window: true };
        if self.window_pending(list) {
            let generation = self.generations.entry(job).or_default();
            *generation += 1;
            self.answered.insert(job, *generation);
        }
    }

    /// Whether a newer window than the rows on screen is on its way.
    pub fn window_pending(&self, list: ListId) -> bool {
        let job = Job { list, window: true };
        self.generations.get(&job).copied().unwrap_or(0)
            > self.answered.get(&job).copied().unwrap_or(0)
    }
}
