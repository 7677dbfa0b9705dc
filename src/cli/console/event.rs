//! What wakes the console's loop, and why the loop ended.

use crossterm::event::Event as TermEvent;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use std::process::ExitCode;

/// What wakes the loop.
#[derive(Debug)]
pub enum Event {
    Terminal(TermEvent),
    /// Background work is done.
    Wake,
    /// Time to look whether another user changed the database (`live_watch.rs`).
    Watch,
    /// The terminal cannot be read any more, or hung up.
    Closed,
    /// SIGTERM, SIGHUP or SIGINT came.
    Signal(i32),
}

/// Why the console ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The user quit.
    Quit,
    /// The terminal went away.
    Closed,
    /// A signal asked finctl to end.
    Signal(i32),
}

/// The signals that end the console the way `q` would, terminal restored.
pub const ENDING_SIGNALS: [i32; 3] = [SIGTERM, SIGHUP, SIGINT];

impl Ended {
    /// The exit code: 0 when the user quit, 128 + the signal as a shell reports a process ended
    /// by it, 1 when the terminal went away.
    pub fn exit_code(self) -> ExitCode {
        match self {
            Ended::Quit => ExitCode::SUCCESS,
            Ended::Closed => ExitCode::from(1),
            Ended::Signal(s) => ExitCode::from(u8::try_from(128 + s).unwrap_or(1)),
        }
    }

    /// Whether the terminal can still be written to (to restore it, or to say an error).
    pub fn terminal_is_there(self) -> bool {
        !matches!(self, Ended::Closed | Ended::Signal(SIGHUP))
    }
}
