//! `finctl import KIND FILE... [KIND FILE...] [--map MAPFILE] [--dry-run]`: the words after
//! `import` are kinds and files, a kind's name switching the kind and every other word a file
//! of the kind before it (`finctl import accounts a.csv projects p.xlsx`). Refusals stream to
//! standard error as found, the counts per kind go to standard output; a progress bar shows on
//! standard error when it is a terminal; Ctrl-C stops the import and writes nothing.

use crate::import::{Kind, Mapping, Observer, Plan, Progress, Report, import};
use crate::store::Store;
use anyhow::Result;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// Set by the first Ctrl-C (SIGINT) during an import.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// The exit code of a process stopped by SIGINT, as shells report it.
const EXIT_INTERRUPTED: u8 = 130;

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

/// The refusals on standard error, the progress bar above them.
struct Terminal {
    bar: ProgressBar,
}

impl Observer for Terminal {
    fn refused(&mut self, e: &crate::import::ImportError) {
        if self.bar.is_hidden() {
            eprintln!("{e}");
        } else {
            self.bar.suspend(|| eprintln!("{e}"));
        }
    }

    fn progress(&mut self, p: &Progress<'_>) {
        self.bar.set_length(p.total_bytes.max(1));
        self.bar.set_position(p.bytes);
        self.bar
            .set_message(format!("{}: {} rows read, {}", p.kind, p.rows, p.file));
    }

    fn interrupted(&self) -> bool {
        INTERRUPTED.load(Ordering::Relaxed)
    }
}

extern "C" fn on_interrupt(_: nix::libc::c_int) {
    INTERRUPTED.store(true, Ordering::Relaxed);
}

/// Ctrl-C asks the import to stop (it rolls back and says so); a second Ctrl-C ends the
/// process at once, which leaves the database as it was too (nothing was committed).
fn catch_interrupt() -> Result<()> {
    use nix::sys::signal::{SaFlags, SigAction, SigHandler, SigSet, Signal, sigaction};
    let action = SigAction::new(
        SigHandler::Handler(on_interrupt),
        SaFlags::SA_RESETHAND | SaFlags::SA_RESTART,
        SigSet::empty(),
    );
    // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
    unsafe { sigaction(Signal::SIGINT, &action) }?;
    Ok(())
}

fn bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(1), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} [{bar:30}] {percent:>3}% {elapsed_precise} (eta {eta}) {wide_msg}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// Runs the import; the exit code says how it went.
pub fn run(store: &mut Store, plan: &Plan) -> Result<ExitCode> {
    catch_interrupt()?;
    let started = Instant::now();
    let mut terminal = Terminal { bar: bar() };
    let report = import(store, plan, &mut terminal);
    terminal.bar.finish_and_clear();
    let report: Report = match report {
        Ok(r) => r,
        Err(e) if e.is_refusal() => {
            eprintln!("finctl: nothing was imported: {e}");
            return Ok(ExitCode::from(1));
        }
        Err(e) => return Err(e.into()),
    };
    for tally in &report.tallies {
        println!("{tally}");
    }
    if report.interrupted {
        eprintln!("finctl: interrupted: nothing was written");
        return Ok(ExitCode::from(EXIT_INTERRUPTED));
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
        println!("dry run: {rows} rows of {files} files checked, nothing was written");
    } else {
        println!(
            "{rows} rows of {files} files imported in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    Ok(ExitCode::SUCCESS)
}
