//! Commands other than the console in a pseudo-terminal: what a user sees while `demo`,
//! `verify`, `export`, `backup` or `import` runs (its progress line on standard error), read
//! through the same vt100 screen as the console.

use super::{BIN, Console, DemoDb};
use std::time::{Duration, Instant};

impl DemoDb {
    /// `finctl --db DB ARGS...` in a terminal of `rows` x `cols`: standard output and standard
    /// error both on the terminal.
    pub fn command_in_terminal(&self, rows: u16, cols: u16, args: &[&str]) -> Console {
        let mut cmd = Console::command(self, BIN, &[]);
        cmd.arg("--db");
        cmd.arg(&self.db);
        cmd.args(args);
        Console::spawn_command(cmd, rows, cols)
    }

    /// `sh -c SCRIPT` in a terminal of `rows` x `cols`, in the database's home, with `$FINCTL`
    /// the binary and `$DB` the database: a script redirects what it wants to files.
    pub fn script_in_terminal(&self, rows: u16, cols: u16, script: &str) -> Console {
        let db = self.db.to_str().expect("UTF-8 path");
        let mut cmd = Console::command(self, "sh", &[("FINCTL", BIN), ("DB", db)]);
        cmd.args(["-c", script]);
        Console::spawn_command(cmd, rows, cols)
    }
}

impl Console {
    /// Waits up to `limit` until `check` holds on the screen; fails with `what` and the screen
    /// otherwise (a command that runs longer than the console's keys take).
    pub fn wait_long(&self, what: &str, limit: Duration, mut check: impl FnMut(&Console) -> bool) {
        let start = Instant::now();
        while !check(self) {
            if start.elapsed() > limit {
                panic!(
                    "timed out after {limit:?} waiting for {what}; the screen:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Every byte written to the terminal so far, as text (the progress lines that were drawn
    /// and cleared again included).
    pub fn raw_text(&self) -> String {
        String::from_utf8_lossy(&self.raw_output()).into_owned()
    }
}
