//! `finctl import KIND FILE... [KIND FILE...] [--map MAPFILE] [--dry-run]`: the words after
//! `import` are kinds and files, a kind's name switching the kind and every other word a file
//! of the kind before it (`finctl import accounts a.csv projects p.xlsx`). Refusals stream to
//! standard error as found, the counts per kind go to standard output; a progress bar shows on
//! standard error when it is a terminal (the rows read so far, and how much of the files);
//! Ctrl-C or SIGTERM stops the import and writes nothing (exit 130, 143).

use super::interrupt;
use super::progress::Progress;
use crate::import::{Kind, Mapping, Observer, Plan, Report, import};
use crate::store::Store;
use anyhow::Result;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// The kinds and their files, as the words give them: the first word names a kind.
pub fn words(words: &[String]) -> Result<Vec<(Kind, Vec<PathBuf>)>, String> {
    let mut given: Vec<(Kind, Vec<PathBuf>)> = Vec::new();
    for word in words {
        match (word.parse::<Kind>(), given.last_mut()) {
            (Ok(kind), _) => given.push((kind, Vec::new())),
            (Err(_), Some((_, files))) => files.push(PathBuf::from(word)),
            (Err(e), None) => return Err(format!("the first word names the kind: {e}")),
        }
    }
    Ok(given)
}

/// The mapping for the one kind of the call (a call of several kinds takes none: a usage
/// error), or every mistake in it.
pub fn mapping(path: &Path, plan: &Plan) -> Result<Mapping, Vec<String>> {
    if let [part] = plan.parts.as_slice() {
        return Mapping::load(path, part.kind)
            .map_err(|errors| errors.iter().map(|e| e.to_string()).collect());
    }
    let kinds: Vec<&str> = plan.parts.iter().map(|p| p.kind.as_str()).collect();
    super::usage(
        "import",
        &format!(
            "--map reads the files of one kind, and this call imports {}: import the mapped files in a call of their own",
            kinds.join(", ")
        ),
    )
}

/// The refusals on standard error, the progress line below them.
struct Terminal {
    progress: Progress,
}

impl Observer for Terminal {
    fn refused(&mut self, e: &crate::import::ImportError) {
        self.progress.line(&e.to_string());
    }

    fn progress(&mut self, p: &crate::import::Progress<'_>) {
        // The rows are counted as read: their number is not known ahead, the files' size is.
        self.progress.step("rows read", p.rows, None);
        let read = (p.bytes * 100)
            .checked_div(p.total_bytes)
            .map_or(String::new(), |percent| {
                format!(", {percent}% of the files")
            });
        self.progress.note(format!("{}: {}{read}", p.kind, p.file));
    }

    fn interrupted(&self) -> bool {
        interrupt::interrupted()
    }
}

/// Runs the import; the exit code says how it went.
pub fn run(store: &mut Store, plan: &Plan) -> Result<ExitCode> {
    interrupt::catch()?;
    let started = Instant::now();
    let mut terminal = Terminal {
        progress: Progress::on_stderr(),
    };
    let report = import(store, plan, &mut terminal);
    terminal.progress.clear();
    let report: Report = match report {
        Ok(r) => r,
        // Stopped while the store wrote: rolled back as any failed write is.
        Err(e) if interrupt::interrupted() => {
            tracing::info!(error = %e, "the import was interrupted");
            return Ok(interrupt::report("nothing was written"));
        }
        Err(e) if e.is_refusal() => {
            eprintln!("finctl: nothing was imported: {e}");
            return Ok(ExitCode::from(1));
        }
        Err(e) => return Err(e.into()),
    };
    for tally in &report.tallies {
        outln!("{tally}");
    }
    if report.interrupted {
        return Ok(interrupt::report("nothing was written"));
    }
    if report.refusals > 0 {
        eprintln!(
            "finctl: {} refusal{}: nothing was written",
            report.refusals,
            if report.refusals == 1 { "" } else { "s" }
        );
        return Ok(ExitCode::from(1));
    }
    let rows: u64 = report.tallies.iter().map(|t| t.rows()).sum();
    let files = plan.files().count();
    if plan.dry_run {
        outln!("dry run: {rows} rows of {files} files checked, nothing was written");
    } else {
        outln!(
            "{rows} rows of {files} files imported in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    Ok(ExitCode::SUCCESS)
}
