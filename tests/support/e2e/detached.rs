//! A console on a terminal that goes away. The pty is made here, not by portable-pty, so that the
//! test holds the only master and can close it; finctl has the pty as its input and output but
//! not as its controlling terminal, so closing it sends no SIGHUP: what finctl sees is the end of
//! its input, as when the shell that started it hung up without passing the signal on.

use super::{BIN, DemoDb, TIMEOUT};
use nix::fcntl::{FcntlArg, FdFlag, fcntl};
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::pty::{Winsize, openpty};
use std::fs::File;
use std::io::Read;
use std::num::NonZeroU16;
use std::os::fd::{AsFd, OwnedFd};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

pub struct Detached {
    child: Child,
    master: Option<OwnedFd>,
    parser: Arc<Mutex<vt100::Parser>>,
    reader: Option<JoinHandle<()>>,
    stop: Arc<AtomicBool>,
}

impl Detached {
    /// The console on `db` in a new pty of `rows` x `cols`.
    pub fn start(db: &DemoDb, rows: u16, cols: u16) -> Detached {
        let size = Winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        let pty = openpty(Some(&size), None).expect("open a pty");
        // openpty's descriptors are inherited by default: finctl would hold the master open
        // itself, and the terminal would never go away.
        for fd in [&pty.master, &pty.slave] {
            fcntl(fd, FcntlArg::F_SETFD(FdFlag::FD_CLOEXEC)).expect("close on exec");
        }
        let slave = |fd: &OwnedFd| Stdio::from(fd.try_clone().expect("dup the pty"));
        let child = Command::new(BIN)
            .arg("--db")
            .arg(&db.db)
            .current_dir(db.home())
            .env("TERM", "xterm-256color")
            .env("HOME", db.home())
            .env_remove("NO_COLOR")
            .env_remove("XDG_STATE_HOME")
            .env_remove("XDG_DATA_HOME")
            .env_remove("FINCTL_LOG")
            .stdin(slave(&pty.slave))
            .stdout(slave(&pty.slave))
            .stderr(slave(&pty.slave))
            .spawn()
            .expect("spawn finctl");
        drop(pty.slave);
        let n = |n: u16| NonZeroU16::new(n).expect("a terminal size above 0");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(n(rows), n(cols), 0)));
        let stop = Arc::new(AtomicBool::new(false));
        let mut file = File::from(pty.master.try_clone().expect("dup the pty master"));
        let (p, halt) = (Arc::clone(&parser), Arc::clone(&stop));
        // The reader looks at the stop flag between short waits, so that it lets go of its copy
        // of the master when asked: only then does the terminal go away.
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 16 * 1024];
            while !halt.load(Ordering::SeqCst) {
                let mut fds = [PollFd::new(file.as_fd(), PollFlags::POLLIN)];
                match poll(&mut fds, PollTimeout::from(50u16)) {
                    Ok(0) => continue,
                    Ok(_) => {}
                    Err(nix::errno::Errno::EINTR) => continue,
                    Err(_) => return,
                }
                match file.read(&mut buf) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => p.lock().unwrap().process(&buf[..n]),
                }
            }
        });
        Detached {
            child,
            master: Some(pty.master),
            parser,
            reader: Some(reader),
            stop,
        }
    }

    pub fn pid(&self) -> i32 {
        i32::try_from(self.child.id()).expect("a pid")
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`.
    pub fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while !self.screen().contains(text) {
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out after {TIMEOUT:?} waiting for {text:?}; the screen:\n{}",
                self.screen()
            );
            thread::sleep(Duration::from_millis(15));
        }
    }

    /// Closes the terminal: every copy of the master is closed.
    pub fn hang_up(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            reader.join().expect("the reader thread");
        }
        self.master = None;
    }

    /// The exit status, once finctl has ended within `within`.
    pub fn wait_exit(&mut self, within: Duration) -> Option<ExitStatus> {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return Some(status);
            }
            if start.elapsed() > within {
                return None;
            }
            thread::sleep(Duration::from_millis(15));
        }
    }
}

impl Drop for Detached {
    fn drop(&mut self) {
        // A failed test: do not leave the console running (before the fix it spins forever).
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
