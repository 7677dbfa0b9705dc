//! List totals off the input path: a thread with its own read-only connection sums what a
//! filter shows while the user keeps typing or scrolling; a newer request for the same list
//! interrupts an older one, and the result arrives with the generation it answers.

use crate::store::Result;
use crate::store::invoice_list::{InvoiceFilter, invoice_totals};
use crate::store::item_list::{ItemFilter, item_totals};
use crate::store::list_query::CurrencyTotal;
use rusqlite::InterruptHandle;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

/// Which list a request is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ListId {
    FinanceControl,
    RevenueItems,
    Invoices,
}

#[derive(Debug, Clone)]
pub enum Query {
    Items(ItemFilter),
    Invoices(InvoiceFilter),
}

#[derive(Debug, Clone)]
pub struct TotalsDone {
    pub list: ListId,
    pub generation: u64,
    pub totals: std::result::Result<Vec<CurrencyTotal>, String>,
}

/// Wakes the event loop when a result is ready.
pub type Notify = Arc<dyn Fn() + Send + Sync>;

pub struct TotalsWorker {
    requests: Sender<(ListId, u64, Query)>,
    results: Receiver<TotalsDone>,
    interrupt: Arc<InterruptHandle>,
    generations: BTreeMap<ListId, u64>,
    answered: BTreeMap<ListId, u64>,
}

fn interrupted(e: &crate::store::StoreError) -> bool {
    matches!(
        e,
        crate::store::StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
            if f.code == rusqlite::ErrorCode::OperationInterrupted
    )
}

impl TotalsWorker {
    pub fn start(db: &Path, notify: Notify) -> Result<TotalsWorker> {
        let conn = crate::store::open_reader(db)?;
        let interrupt = Arc::new(conn.get_interrupt_handle());
        let (req_tx, req_rx) = mpsc::channel::<(ListId, u64, Query)>();
        let (res_tx, res_rx) = mpsc::channel();
        thread::Builder::new()
            .name("finctl-totals".into())
            .spawn(move || {
                // Only the newest request of each list matters.
                let mut queue: BTreeMap<ListId, (u64, Query)> = BTreeMap::new();
                loop {
                    if queue.is_empty() {
                        match req_rx.recv() {
                            Ok((list, generation, query)) => {
                                queue.insert(list, (generation, query));
                            }
                            Err(_) => return,
                        }
                    }
                    while let Ok((list, generation, query)) = req_rx.try_recv() {
                        queue.insert(list, (generation, query));
                    }
                    let Some((list, (generation, query))) = queue.pop_first() else {
                        continue;
                    };
                    let totals = match &query {
                        Query::Items(f) => item_totals(&conn, f),
                        Query::Invoices(f) => invoice_totals(&conn, f),
                    };
                    if totals.as_ref().is_err_and(interrupted) {
                        // Interrupted for a newer request: run again unless superseded.
                        queue.entry(list).or_insert((generation, query));
                        continue;
                    }
                    let totals = totals.map_err(|e| e.to_string());
                    if res_tx
                        .send(TotalsDone {
                            list,
                            generation,
                            totals,
                        })
                        .is_err()
                    {
                        return;
                    }
                    notify();
                }
            })?;
        Ok(TotalsWorker {
            requests: req_tx,
            results: res_rx,
            interrupt,
            generations: BTreeMap::new(),
            answered: BTreeMap::new(),
        })
    }

    /// Asks for the totals of a list; returns the generation the answer will carry.
    pub fn request(&mut self, list: ListId, query: Query) -> u64 {
        let generation = self.generations.entry(list).or_default();
        *generation += 1;
        let generation = *generation;
        if self.is_busy() {
            // What runs now is probably stale; the worker runs it again if it is not.
            self.interrupt.interrupt();
        }
        let _ = self.requests.send((list, generation, query));
        generation
    }

    fn is_busy(&self) -> bool {
        self.generations
            .iter()
            .any(|(list, g)| self.answered.get(list).copied().unwrap_or(0) < *g)
    }

    /// Results that arrived, newest generation only.
    pub fn poll(&mut self) -> Vec<TotalsDone> {
        let mut out = Vec::new();
        while let Ok(done) = self.results.try_recv() {
            out.push(done);
        }
        self.keep_current(out)
    }

    /// Blocks until every list's newest request is answered (for tests and benchmarks).
    pub fn wait(&mut self) -> Vec<TotalsDone> {
        let mut out = Vec::new();
        while self.is_busy() {
            match self.results.recv() {
                Ok(done) => {
                    let answered = self.answered.entry(done.list).or_default();
                    *answered = (*answered).max(done.generation);
                    out.push(done);
                }
                Err(_) => break,
            }
        }
        out.extend(self.poll());
        self.keep_current(out)
    }

    fn keep_current(&mut self, results: Vec<TotalsDone>) -> Vec<TotalsDone> {
        for d in &results {
            let answered = self.answered.entry(d.list).or_default();
            *answered = (*answered).max(d.generation);
        }
        results
            .into_iter()
            .filter(|d| self.generations.get(&d.list) == Some(&d.generation))
            .collect()
    }

    pub fn generation(&self, list: ListId) -> u64 {
        self.generations.get(&list).copied().unwrap_or(0)
    }
}
