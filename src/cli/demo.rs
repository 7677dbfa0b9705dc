//! `finctl demo`: the demo company, all or nothing. Its progress shows on standard error when
//! that is a terminal; Ctrl-C or SIGTERM stops it, and then nothing was written (the demo is one
//! transaction, rolled back) and it can be run again.

use super::interrupt;
use super::progress::Progress;
use crate::demo::{self, DemoOptions, DemoSummary, Observer, Step};
use crate::store::Store;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

/// The demo's steps on the progress line.
struct Shown<'a>(&'a mut Progress);

impl Observer for Shown<'_> {
    fn progress(&mut self, step: Step, done: u64, total: Option<u64>) {
        self.0.step(step.as_str(), done, total);
    }
}

pub fn run(store: &mut Store, db: &Path, opts: &DemoOptions) -> anyhow::Result<ExitCode> {
    interrupt::catch()?;
    interrupt::stop_long_writes();
    let started = Instant::now();
    let mut progress = Progress::on_stderr();
    let filled = demo::fill_observed(store, opts, &mut Shown(&mut progress));
    progress.clear();
    let s: DemoSummary = match filled {
        Ok(s) => s,
        // Whatever stopped it, the transaction was rolled back.
        Err(e) if interrupt::interrupted() => {
            tracing::info!(error = %e, "the demo was interrupted");
            return Ok(interrupt::report(
                "nothing was written (the demo is all or nothing): run it again",
            ));
        }
        Err(e) => return Err(e.into()),
    };
    outln!(
        "demo company written to {} in {:.1} s: {} accounts, {} projects, {} milestones, {} revenue items, {} contract lines, {} billing plans, {} confirmed invoices, {} credit notes, {} drafts",
        db.display(),
        started.elapsed().as_secs_f64(),
        s.accounts,
        s.projects,
        s.milestones,
        s.revenue_items,
        s.contract_lines,
        s.billing_plans,
        s.confirmed_invoices,
        s.credit_notes,
        s.drafts
    );
    Ok(ExitCode::SUCCESS)
}
