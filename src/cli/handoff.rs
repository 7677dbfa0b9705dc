//! `finctl handoff`: hands confirmed invoices and credit notes to the ERP and says what it did.

use super::interrupt;
use super::progress::Progress;
use crate::handoff;
use crate::store::Store;
use std::path::Path;
use std::process::ExitCode;

pub fn run(store: &mut Store, output: &Path, again: Option<&str>) -> anyhow::Result<ExitCode> {
    // Ctrl-C stops between two documents: each is committed with its files on its own.
    interrupt::catch()?;
    let mut progress = Progress::on_stderr();
    let run = handoff::hand_off_watched(store, output, again, &mut |what, done, total| {
        progress.step(what, done as u64, Some(total as u64));
        !interrupt::interrupted()
    });
    progress.clear();
    let report = run?;
    let dir = report.dir.display();
    if report.temporaries_removed > 0 || report.journal_rewritten || !report.recovered.is_empty() {
        // Not only after a crash: a database restored from a backup is behind its folder too.
        outln!(
            "repaired {dir}: {} temporary file(s) removed, {} document(s) found finished and marked{}",
            report.temporaries_removed,
            report.recovered.len(),
            if report.journal_rewritten {
                ", an unfinished journal.csv line dropped"
            } else {
                ""
            }
        );
        for number in &report.recovered {
            outln!("marked {number} (its file and journal line were in the folder already)");
        }
    }
    if !report.lines_left.is_empty() {
        outln!(
            "left {} journal.csv line(s) as they are, of documents this database did not hand off into {dir}: {}",
            report.lines_left.len(),
            report.lines_left.join(", ")
        );
    }
    for d in &report.handed_off {
        outln!(
            "handed off {}{} {} -> {}",
            d.kind.replace('_', " "),
            if d.again { " again" } else { "" },
            d.number,
            d.path.display()
        );
    }
    if report.stopped {
        return Ok(interrupt::report(&format!(
            "{} document(s) handed off into {dir} before it stopped; the next run hands off the rest",
            report.handed_off.len()
        )));
    }
    if report.handed_off.is_empty() {
        outln!(
            "nothing new to hand off: every confirmed invoice and credit note was handed off before"
        );
    } else {
        outln!(
            "{} document(s) handed off into {dir} (journal.csv)",
            report.handed_off.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}
