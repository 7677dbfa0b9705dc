//! The terminal the console takes and gives back: raw mode, the alternate screen and bracketed
//! paste on the way in; all of it undone on the way out, whatever the way out (quit, error,
//! panic, signal, Ctrl-Z).

use crossterm::cursor::Show;
use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use signal_hook::consts::SIGTSTP;
use std::io::{self, IsTerminal, stdout};

/// What finctl says when it is started without a terminal (a pipe, cron, `ssh` without `-t`).
pub const NEEDS_A_TERMINAL: &str = "finctl needs a terminal (ssh -t)";

/// Whether the console can run here: keys come from standard input and the screen goes to
/// standard output, so both must be a terminal.
pub fn has_terminal() -> bool {
    io::stdin().is_terminal() && io::stdout().is_terminal()
}

/// Takes the terminal: raw mode, the alternate screen, bracketed paste.
pub fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste)
}

/// Gives the terminal back as it was. Every step is tried, also when one fails; the first error
/// is returned.
pub fn leave() -> io::Result<()> {
    // Raw mode first: it has the most effect on what the user sees next.
    let raw = disable_raw_mode();
    let screen = execute!(stdout(), DisableBracketedPaste, LeaveAlternateScreen, Show);
    raw.and(screen)
}

/// Restores the terminal before a panic's message is printed, so the message can be read.
pub fn restore_on_panic() {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = leave();
        hook(info);
    }));
}

/// Ctrl-Z: gives the terminal back and stops as a shell job does; when the shell continues
/// finctl (`fg`), takes the terminal again. Where no shell could continue it (an orphaned
/// process group), the system ignores the stop and the console just goes on.
pub fn suspend() -> io::Result<()> {
    leave()?;
    signal_hook::low_level::raise(SIGTSTP)?;
    enter()
}
