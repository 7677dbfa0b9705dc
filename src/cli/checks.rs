//! `finctl verify` and `finctl backup`: the checks of a database, and a checked copy of it.
//! Their progress shows on standard error when it is a terminal (the checks done of all of
//! them, the pages copied of all of them). Verify only reads: Ctrl-C ends it at once. A backup
//! stopped by Ctrl-C or SIGTERM (while it copies or checks the copy) leaves no file behind.

use super::interrupt;
use super::progress::Progress;
use crate::store::Store;
use crate::store::verify::Violation;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What the progress line counts while the checks run.
const CHECKS: &str = "checks";

/// Tells `progress` each check as it starts.
fn checking(progress: &mut Progress, what: &str) -> impl FnMut(&'static str, usize, usize) {
    move |name, done, total| {
        progress.step(what, done as u64, Some(total as u64));
        progress.note(name);
    }
}

/// `verify`, and with `folders` (`--handoff DIR`) each hand-off folder against the database.
pub fn verify(store: &Store, db: &Path, folders: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let mut progress = Progress::on_stderr();
    let found = store.verify_watched(&mut checking(&mut progress, CHECKS), || false);
    progress.clear();
    let mut violations = found?;
    let mut looked_at = Vec::new();
    for dir in folders {
        let check = crate::handoff::verify_folder(store, dir)?;
        looked_at.push(format!(
            "{}: {} mark(s), {} file(s) and {} journal line(s) checked",
            dir.display(),
            check.marks,
            check.files_checked,
            check.lines_checked
        ));
        violations.extend(check.violations);
    }
    print(&violations);
    for line in &looked_at {
        outln!("{line}");
    }
    if violations.is_empty() {
        outln!("{}: ok (integrity and all invariants hold)", db.display());
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "finctl: {} violation(s) found in {}",
            violations.len(),
            db.display()
        );
        Ok(ExitCode::from(1))
    }
}

/// Lists the violations; a reader gone early (`| head`) cuts the list short but never the
/// exit code, which still says what was found.
fn print(violations: &[Violation]) {
    let listed = || -> std::io::Result<()> {
        for v in violations {
            outln!("{}: {}", v.check, v.message);
        }
        Ok(())
    };
    let _ = listed();
}

pub fn backup(store: &Store, db: &Path, output: &Path) -> anyhow::Result<ExitCode> {
    interrupt::catch()?;
    let mut progress = Progress::on_stderr();
    progress.step("pages copied", 0, None);
    let copied = store.backup_to_watched(output, &mut |done, total| {
        progress.step("pages copied", done, Some(total));
        !interrupt::interrupted()
    });
    if let Err(e) = copied {
        progress.clear();
        if interrupt::interrupted() {
            // The store removed what it had copied.
            tracing::info!(error = %e, "the backup was interrupted");
            return Ok(interrupt::report("no backup was made"));
        }
        return Err(e.into());
    }
    let checked = store.verify_copy_watched(
        output,
        &mut checking(&mut progress, "checks of the copy"),
        interrupt::interrupted,
    );
    progress.clear();
    let violations = match checked {
        Ok(v) => v,
        Err(e) => {
            // A copy that was not checked is no backup.
            let _ = std::fs::remove_file(output);
            if interrupt::interrupted() {
                tracing::info!(error = %e, "the backup's check was interrupted");
                return Ok(interrupt::report(
                    "the copy was not checked, so it was removed: no backup was made",
                ));
            }
            return Err(e.into());
        }
    };
    print(&violations);
    if violations.is_empty() {
        outln!(
            "{} backed up to {} and verified (integrity and all invariants hold)",
            db.display(),
            output.display()
        );
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "finctl: the copy {} has {} violation(s): do not rely on it",
            output.display(),
            violations.len()
        );
        Ok(ExitCode::from(1))
    }
}
