//! Ctrl-C (SIGINT) and SIGTERM while a command writes (`demo`, `import`, `backup`; the
//! hand-off can take it too): the first such signal asks the work to stop, and the command
//! rolls its transaction back (or removes its unfinished file), says so and exits with 128 + the
//! signal (130 for Ctrl-C). A second one ends the process at once, which leaves the database as
//! it was too: nothing of an unfinished transaction is ever committed.
//!
//! A command calls [`catch`] first, then asks [`interrupted`] where its work can stop (between
//! rows), and gives the store's long writes the same question with [`stop_long_writes`] (asked
//! at every history row and every few thousand SQLite steps of one statement).

use std::process::ExitCode;
use std::sync::atomic::{AtomicI32, Ordering};

/// The first signal caught, or 0.
static SIGNAL: AtomicI32 = AtomicI32::new(0);

extern "C" fn on_signal(signal: nix::libc::c_int) {
    // Only the first one is kept: it says how the process ends.
    let _ = SIGNAL.compare_exchange(0, signal, Ordering::SeqCst, Ordering::SeqCst);
}

/// From now on SIGINT and SIGTERM ask the work to stop; each acts once, the next one of the
/// same signal ends the process as usual.
pub fn catch() -> anyhow::Result<()> {
    use nix::sys::signal::{SaFlags, SigAction, SigHandler, SigSet, Signal, sigaction};
    let action = SigAction::new(
        SigHandler::Handler(on_signal),
        SaFlags::SA_RESETHAND | SaFlags::SA_RESTART,
        SigSet::empty(),
    );
    for signal in [Signal::SIGINT, Signal::SIGTERM] {
        // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
        unsafe { sigaction(signal, &action) }?;
    }
    Ok(())
}

/// Whether a signal asked the work to stop.
pub fn interrupted() -> bool {
    SIGNAL.load(Ordering::SeqCst) != 0
}

/// The exit code of a process stopped by the signal caught, as shells report it: 130 for
/// SIGINT, 143 for SIGTERM.
pub fn exit_code() -> ExitCode {
    let signal = SIGNAL.load(Ordering::SeqCst);
    let signal = if signal == 0 {
        nix::libc::SIGINT
    } else {
        signal
    };
    ExitCode::from(u8::try_from(128 + signal).unwrap_or(130))
}

/// Says that the work was interrupted and `what` (`nothing was written`) on standard error;
/// returns the exit code to end with.
pub fn report(what: &str) -> ExitCode {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "finctl: interrupted: {what}");
    exit_code()
}

/// The store's long writes on this thread stop (and roll back) once a signal came.
pub fn stop_long_writes() {
    crate::store::long_work::set_long_work_observer(Some(Box::new(|_| !interrupted())));
}
