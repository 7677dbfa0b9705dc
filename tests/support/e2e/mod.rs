//! A pseudo-terminal harness for end-to-end tests of the real `finctl` binary: the console runs
//! in a pty, its output goes through a vt100 parser, and the tests type keys and read the screen
//! the way a user would.

pub mod commands;
pub mod detached;
pub mod rows;

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use serde_json::Value;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};
use tempfile::TempDir;

pub use super::cli::BIN;

/// How long a wait lasts before the test fails with the screen.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// How long a lone Esc needs before the next byte, so that crossterm does not read Alt+key.
const ESC_PAUSE: Duration = Duration::from_millis(150);

const POLL: Duration = Duration::from_millis(15);

/// The keys the tests press, as the bytes a terminal sends for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Esc,
    Enter,
    Tab,
    Space,
    Down,
    Up,
    Delete,
    Backspace,
    CtrlS,
    CtrlC,
}

impl Key {
    pub fn bytes(self) -> &'static str {
        match self {
            Key::Esc => "\x1b",
            Key::Enter => "\r",
            Key::Tab => "\t",
            Key::Space => " ",
            Key::Down => "\x1b[B",
            Key::Up => "\x1b[A",
            Key::Delete => "\x1b[3~",
            Key::Backspace => "\x7f",
            Key::CtrlS => "\x13",
            Key::CtrlC => "\x03",
        }
    }
}

/// A temporary home and a demo database in it, made by the binary itself.
pub struct DemoDb {
    pub dir: TempDir,
    pub db: PathBuf,
}

impl DemoDb {
    pub fn new() -> DemoDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("e2e.db");
        let db_demo = DemoDb { dir, db };
        let out = db_demo.cli(&[
            "demo",
            "--today",
            "2026-11-28",
            "--revenue-items",
            "300",
            "--seed",
            "3",
        ]);
        assert!(
            out.status.success(),
            "demo failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        db_demo
    }

    /// A temporary home and an empty database in it (`finctl init`): no demo.
    pub fn empty() -> DemoDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("first.db");
        let empty = DemoDb { dir, db };
        let out = empty.cli(&["init"]);
        assert!(
            out.status.success(),
            "init failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        empty
    }

    pub fn home(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `finctl --db DB ARGS...` to completion (no terminal).
    pub fn cli(&self, args: &[&str]) -> std::process::Output {
        Command::new(BIN)
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .env("HOME", self.home())
            .env_remove("XDG_STATE_HOME")
            .env_remove("XDG_DATA_HOME")
            .env_remove("FINCTL_LOG")
            .env_remove("LC_ALL")
            .env_remove("LC_NUMERIC")
            .env_remove("LANG")
            .output()
            .expect("run finctl")
    }

    /// `export WHAT --format json`, parsed.
    pub fn export(&self, what: &str) -> Vec<Value> {
        let out = self.cli(&["export", what, "--format", "json"]);
        assert!(
            out.status.success(),
            "export {what} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: Value = serde_json::from_slice(&out.stdout).expect("export is JSON");
        v.as_array().expect("export is a JSON array").clone()
    }

    /// `verify` must pass.
    pub fn assert_verifies(&self) {
        let out = self.cli(&["verify"]);
        assert!(
            out.status.success(),
            "verify failed ({:?}):\n{}\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Opens the console on this database in a pty of `rows` x `cols`.
    pub fn console(&self, rows: u16, cols: u16) -> Console {
        Console::spawn(self, rows, cols, &[])
    }

    pub fn console_with_env(&self, rows: u16, cols: u16, env: &[(&str, &str)]) -> Console {
        Console::spawn(self, rows, cols, env)
    }

    /// An interactive bash with job control in a pty of `rows` x `cols`, in this database's
    /// home, with `$ ` as its prompt: [`DemoDb::finctl_line`] typed into it opens the console as
    /// a job of the shell (Ctrl-Z, `fg`).
    pub fn bash(&self, rows: u16, cols: u16) -> Console {
        let mut cmd = Console::command(self, "bash", &[]);
        cmd.args(["--norc", "--noprofile", "-i"]);
        cmd.env("PS1", "$ ");
        Console::spawn_command(cmd, rows, cols)
    }

    /// The shell command line that opens the console on this database.
    pub fn finctl_line(&self) -> String {
        format!("'{BIN}' --db '{}'", self.db.display())
    }
}

/// The console running in a pty.
pub struct Console {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    reader: Option<JoinHandle<()>>,
    // Kept open while the reader runs.
    master: Box<dyn MasterPty + Send>,
    pub rows: u16,
    pub cols: u16,
    exit: Option<ExitStatus>,
}

impl Console {
    fn spawn(db: &DemoDb, rows: u16, cols: u16, env: &[(&str, &str)]) -> Console {
        let mut cmd = Console::command(db, BIN, env);
        cmd.arg("--db");
        cmd.arg(&db.db);
        Console::spawn_command(cmd, rows, cols)
    }

    /// `program` in the database's home, with the terminal's environment and none of the
    /// developer's finctl settings.
    fn command(db: &DemoDb, program: &str, env: &[(&str, &str)]) -> CommandBuilder {
        let mut cmd = CommandBuilder::new(program);
        cmd.cwd(db.home());
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", db.home());
        // No locale either: figures read `1,234.56` unless a test names one.
        for var in [
            "NO_COLOR",
            "XDG_STATE_HOME",
            "XDG_DATA_HOME",
            "FINCTL_LOG",
            "LC_ALL",
            "LC_NUMERIC",
            "LANG",
        ] {
            cmd.env_remove(var);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd
    }

    fn spawn_command(cmd: CommandBuilder, rows: u16, cols: u16) -> Console {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open pty");
        let child = pair.slave.spawn_command(cmd).expect("spawn finctl");
        // Only the child holds the slave side now: its exit ends the reader.
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let size = |n: u16| NonZeroU16::new(n).expect("a terminal size above 0");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(size(rows), size(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 16 * 1024];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => {
                        p.lock().unwrap().process(&buf[..n]);
                        r.lock().unwrap().extend_from_slice(&buf[..n]);
                    }
                }
            }
        });
        Console {
            parser,
            raw,
            writer,
            child,
            reader: Some(reader),
            master: pair.master,
            rows,
            cols,
            exit: None,
        }
    }

    /// The process started in the pty (finctl, or the shell).
    pub fn pid(&self) -> i32 {
        let pid = self.child.process_id().expect("the child's pid");
        i32::try_from(pid).expect("a pid")
    }

    /// The process group in the foreground of the terminal (a shell's job: its first pid).
    pub fn foreground(&self) -> Option<i32> {
        self.master.process_group_leader()
    }

    /// Sends `signal` to the process `pid`.
    pub fn kill(pid: i32, signal: nix::sys::signal::Signal) {
        nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), signal).expect("send a signal");
    }

    /// Writes bytes to the terminal in one write, with no pause after a lone Esc.
    pub fn send_raw(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).expect("write pty");
        self.writer.flush().expect("flush pty");
    }

    /// Feeds the screen as if another program had written `bytes` to the terminal (the console
    /// does not know).
    pub fn scribble(&self, bytes: &str) {
        self.parser.lock().unwrap().process(bytes.as_bytes());
    }

    /// Resizes the terminal, as a user dragging the window would (the program gets SIGWINCH).
    pub fn resize(&mut self, rows: u16, cols: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize pty");
        let size = |n: u16| NonZeroU16::new(n).expect("a terminal size above 0");
        self.parser.lock().unwrap().set_size(size(rows), size(cols));
        self.rows = rows;
        self.cols = cols;
    }

    /// Types text (each character a key press).
    pub fn send(&mut self, text: &str) {
        self.writer.write_all(text.as_bytes()).expect("write pty");
        self.writer.flush().expect("flush pty");
        if text.ends_with('\x1b') {
            thread::sleep(ESC_PAUSE);
        }
    }

    pub fn send_key(&mut self, key: Key) {
        self.send(key.bytes());
    }

    /// Presses a key `n` times.
    pub fn repeat(&mut self, key: Key, n: usize) {
        self.send(&key.bytes().repeat(n));
    }

    /// Reads the screen.
    pub fn with_screen<R>(&self, f: impl FnOnce(&vt100::Screen) -> R) -> R {
        f(self.parser.lock().unwrap().screen())
    }

    /// The screen's text, one line per row.
    pub fn screen(&self) -> String {
        self.with_screen(|s| s.rows(0, self.cols).collect::<Vec<_>>().join("\n"))
    }

    pub fn row_text(&self, row: u16) -> String {
        self.with_screen(|s| s.rows(0, self.cols).nth(row as usize).unwrap_or_default())
    }

    /// The status line (second-to-last row).
    pub fn status_line(&self) -> String {
        self.row_text(self.rows - 2)
    }

    /// The footer with the keys (last row).
    pub fn footer(&self) -> String {
        self.row_text(self.rows - 1)
    }

    /// Every byte the console wrote so far.
    pub fn raw_output(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Whether the terminal is back in cooked mode (echo and line editing on), as the pty's
    /// line discipline says; `None` where that cannot be read.
    pub fn terminal_is_cooked(&self) -> Option<bool> {
        let termios = self.master.get_termios()?;
        // Linux values of ECHO and ICANON.
        const ECHO: u64 = 0o10;
        const ICANON: u64 = 0o2;
        if !cfg!(target_os = "linux") {
            return None;
        }
        let local = u64::from(termios.local_flags.bits());
        Some(local & ECHO != 0 && local & ICANON != 0)
    }

    /// Cells `from..to` of a row as text (blank cells as spaces).
    pub fn cells_text(&self, row: u16, from: u16, to: u16) -> String {
        self.with_screen(|s| {
            (from..to.min(self.cols))
                .map(|c| {
                    let text = s.cell(row, c).map(|cell| cell.contents()).unwrap_or("");
                    if text.is_empty() { " " } else { text }.to_string()
                })
                .collect()
        })
    }

    /// The word that ends just before column `end` (right-aligned values).
    pub fn word_ending_at(&self, row: u16, end: u16) -> String {
        self.with_screen(|s| {
            let mut out = Vec::new();
            for c in (0..end.min(self.cols)).rev() {
                let text = s.cell(row, c).map(|cell| cell.contents()).unwrap_or("");
                if text.is_empty() || text == " " {
                    break;
                }
                out.push(text.to_string());
            }
            out.reverse();
            out.concat()
        })
    }

    /// Waits until the list's totals line has its count (the totals come from a background
    /// worker).
    pub fn wait_list_ready(&self) {
        self.wait_until("the list totals", |c| {
            let totals = c.row_text(c.rows - 3);
            totals.contains("shown ") && !totals.contains("counting")
        });
    }

    /// Waits until `check` holds on the screen; fails with `what` and the screen otherwise.
    pub fn wait_until(&self, what: &str, mut check: impl FnMut(&Console) -> bool) {
        let start = Instant::now();
        loop {
            if check(self) {
                return;
            }
            if start.elapsed() > TIMEOUT {
                panic!(
                    "timed out after {TIMEOUT:?} waiting for {what}; the screen:\n{}",
                    self.screen()
                );
            }
            thread::sleep(POLL);
        }
    }

    /// Waits until the screen shows `text`.
    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?} on the screen"), |c| {
            c.screen().contains(text)
        });
    }

    /// Waits until the screen no longer shows `text`.
    pub fn wait_gone(&self, text: &str) {
        self.wait_until(&format!("{text:?} to leave the screen"), |c| {
            !c.screen().contains(text)
        });
    }

    /// Waits until the status line shows `text`; returns the status line.
    pub fn wait_status(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} on the status line"), |c| {
            c.status_line().contains(text)
        });
        self.status_line()
    }

    /// The first column of `title` in the list header (row 1).
    pub fn header_col(&self, title: &str) -> Option<u16> {
        let header = self.row_text(1);
        header
            .find(title)
            .map(|byte| header[..byte].chars().count() as u16)
    }

    /// The rows of the list body: (screen row, text), between the header and the totals line.
    pub fn list_rows(&self) -> Vec<(u16, String)> {
        (2..self.rows - 3)
            .map(|r| (r, self.row_text(r)))
            .filter(|(_, t)| !t.trim().is_empty())
            .collect()
    }

    /// The word of a row at a column (up to the next blank).
    pub fn word_at(&self, row: u16, col: u16) -> String {
        self.with_screen(|s| {
            let mut out = String::new();
            for c in col..self.cols {
                let text = s.cell(row, c).map(|cell| cell.contents()).unwrap_or("");
                if text.is_empty() || text == " " {
                    break;
                }
                out.push_str(text);
            }
            out
        })
    }

    /// The list row in reverse video: the cursor.
    pub fn cursor_row(&self) -> Option<u16> {
        self.with_screen(|s| {
            (2..self.rows - 3).find(|&r| s.cell(r, 0).is_some_and(|c| c.inverse()))
        })
    }

    /// Moves the list cursor to screen row `row`, one key at a time, waiting for each step.
    pub fn move_cursor_to(&mut self, row: u16) {
        loop {
            let now = self.cursor_row().expect("a cursor row");
            if now == row {
                return;
            }
            let (key, next) = if now < row {
                (Key::Down, now + 1)
            } else {
                (Key::Up, now - 1)
            };
            self.send_key(key);
            self.wait_until(&format!("the cursor to move to row {next}"), |c| {
                c.cursor_row() == Some(next)
            });
        }
    }

    /// Waits for the process to end; returns its exit status.
    pub fn wait_exit(&mut self) -> ExitStatus {
        self.wait_exit_within(TIMEOUT)
    }

    /// Waits up to `limit` for the process to end; returns its exit status.
    pub fn wait_exit_within(&mut self, limit: Duration) -> ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                break status;
            }
            if start.elapsed() > limit {
                panic!(
                    "finctl did not exit within {limit:?}; the screen:\n{}",
                    self.screen()
                );
            }
            thread::sleep(POLL);
        };
        // The reader ends when the pty closes: everything written is parsed by then.
        if let Some(reader) = self.reader.take() {
            let start = Instant::now();
            while !reader.is_finished() && start.elapsed() < TIMEOUT {
                thread::sleep(POLL);
            }
            if reader.is_finished() {
                reader.join().expect("reader thread");
            }
        }
        self.exit = Some(status.clone());
        status
    }
}

impl Drop for Console {
    fn drop(&mut self) {
        if self.exit.is_none() && matches!(self.child.try_wait(), Ok(None)) {
            // A failed test: do not leave the console running.
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The state letter of process `pid` (`R` running, `S` sleeping, `T` stopped, `Z` zombie), as
/// /proc tells; `None` once it is gone.
pub fn process_state(pid: i32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The name in parentheses may hold spaces: the state follows its closing parenthesis.
    let (_, rest) = stat.rsplit_once(')')?;
    rest.trim_start().chars().next()
}
