//! The progress line of a long command (`demo`, `import`, `export`, `verify`, `backup`; the
//! hand-off can take it too), drawn by indicatif on standard error: a bar with the rows done and
//! their total where the total is known, else a spinner with the rows counted so far. It is only
//! drawn when standard error is a terminal: piped or redirected, a command prints nothing more
//! than it did. Standard output never carries it, so what a command prints there (an export, the
//! summary line) is unchanged; the line is cleared before the command says how it went.
//!
//! A command makes one [`Progress`], names each of its steps with [`Progress::step`] (what it
//! counts, and the total when known), moves it with [`Progress::set`], writes any line of its
//! own to standard error through [`Progress::line`] (above the bar, never through it), and
//! clears it with [`Progress::clear`] (also when dropped) before printing its result.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle, TermLike};
use std::io::{IsTerminal, Write};
use std::time::Duration;

/// How often the line is drawn again while nothing moves (a long statement), so that the
/// spinner and the time show that the command is alive.
const TICK: Duration = Duration::from_millis(120);

/// A step with a known total: `⠋ revenue items [=====>    ] 120,000/1,000,000  12% 00:00:04`.
const COUNTED: &str =
    "{spinner} {prefix} [{bar:30}] {human_pos}/{human_len} {percent:>3}% {elapsed_precise} {msg}";

/// A step whose total is not known: `⠋ invoices 1,234 00:00:04`.
const COUNTING: &str = "{spinner} {prefix} {human_pos} {elapsed_precise} {msg}";

/// The progress line on standard error (nothing when it is not a terminal).
pub struct Progress {
    /// The line of the step shown now, if any.
    bar: Option<ProgressBar>,
    /// Whether it draws at all.
    shown: bool,
}

impl Progress {
    /// The progress line of a command: drawn when standard error is a terminal, else hidden
    /// (every call on it then does nothing).
    pub fn on_stderr() -> Progress {
        Progress {
            bar: None,
            shown: std::io::stderr().is_terminal(),
        }
    }

    /// The progress line of a command that writes its rows to standard output as it goes
    /// (`export` without `--output`): drawn only when standard output is not the terminal too,
    /// where the line would be drawn among the rows.
    pub fn beside_rows_on_stdout() -> Progress {
        if std::io::stdout().is_terminal() {
            return Progress::hidden();
        }
        Progress::on_stderr()
    }

    /// A progress line that draws nothing.
    pub fn hidden() -> Progress {
        Progress {
            bar: None,
            shown: false,
        }
    }

    /// A step begins, or goes on: `what` it counts, `done` so far, of `total` when known.
    pub fn step(&mut self, what: &str, done: u64, total: Option<u64>) {
        if !self.shown {
            return;
        }
        if let Some(bar) = &self.bar
            && bar.prefix() == what
        {
            match total {
                Some(total) => bar.set_length(total),
                None => bar.unset_length(),
            }
            bar.set_position(done);
            return;
        }
        // A new step has a line of its own, made whole before it is first drawn.
        self.clear();
        let template = if total.is_some() { COUNTED } else { COUNTING };
        let style = ProgressStyle::with_template(template)
            .map(|s| s.progress_chars("=> "))
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
        let target =
            ProgressDrawTarget::term_like_with_hz(Box::new(Stderr(console::Term::stderr())), 20);
        let bar = ProgressBar::with_draw_target(total, target)
            .with_style(style)
            .with_prefix(what.to_string())
            .with_position(done);
        // At once, not at the next tick: a step that takes a moment shows too.
        bar.force_draw();
        bar.enable_steady_tick(TICK);
        self.bar = Some(bar);
    }

    /// The rows of the current step done so far.
    pub fn set(&self, done: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(done);
        }
    }

    /// A few words after the counts (the file being read).
    pub fn note(&self, text: impl Into<String>) {
        if let Some(bar) = &self.bar {
            bar.set_message(text.into());
        }
    }

    /// A line of the command's own on standard error, above the progress line.
    pub fn line(&self, text: &str) {
        let write = || {
            let _ = writeln!(std::io::stderr(), "{text}");
        };
        match &self.bar {
            Some(bar) => bar.suspend(write),
            None => write(),
        }
    }

    /// Takes the line off the terminal: the command says how it went after this.
    pub fn clear(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.clear();
    }
}

/// Standard error as indicatif draws on it, less [`ECHO_ROOM`] columns at the right edge.
/// indicatif pads its line to the terminal's width and leaves the cursor there; the `^C` the
/// terminal echoes for Ctrl-C would then wrap onto a line of its own, and clearing the progress
/// line would clear that one and leave the bar on the screen above the message.
#[derive(Debug)]
struct Stderr(console::Term);

/// Columns left free for the terminal's echo of `^C`.
const ECHO_ROOM: u16 = 3;

impl TermLike for Stderr {
    fn width(&self) -> u16 {
        self.0.size().1.saturating_sub(ECHO_ROOM).max(1)
    }

    fn height(&self) -> u16 {
        self.0.size().0
    }

    fn move_cursor_up(&self, n: usize) -> std::io::Result<()> {
        self.0.move_cursor_up(n)
    }

    fn move_cursor_down(&self, n: usize) -> std::io::Result<()> {
        self.0.move_cursor_down(n)
    }

    fn move_cursor_right(&self, n: usize) -> std::io::Result<()> {
        self.0.move_cursor_right(n)
    }

    fn move_cursor_left(&self, n: usize) -> std::io::Result<()> {
        self.0.move_cursor_left(n)
    }

    fn write_line(&self, s: &str) -> std::io::Result<()> {
        self.0.write_line(s)
    }

    fn write_str(&self, s: &str) -> std::io::Result<()> {
        self.0.write_str(s)
    }

    fn clear_line(&self) -> std::io::Result<()> {
        self.0.clear_line()
    }

    fn flush(&self) -> std::io::Result<()> {
        self.0.flush()
    }
}
