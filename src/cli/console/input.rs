//! Reading the terminal off the loop's thread: events in the order they came, an escape sequence
//! split after its Esc put back together (see [`escape`](super::escape)), and the end of the
//! terminal noticed. crossterm never returns from a read once its terminal is gone (it reads the
//! end of input again and again, at full speed), so a second thread waits for the hang-up alone.

use super::escape::{AfterEsc, after_esc};
use super::event::Event;
use crossterm::event::{self, Event as TermEvent, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use std::io;
use std::os::fd::AsFd;
use std::sync::mpsc::Sender;
use std::thread;
use std::time::{Duration, Instant};

/// How long a lone Esc waits for the rest of a sequence split after it. SSH splits an arrow's
/// bytes tens of milliseconds apart at worst; a lone Esc acts this much later.
pub const ESC_WAIT: Duration = Duration::from_millis(100);

/// Where terminal events come from: crossterm, or a script in tests.
pub trait Source {
    fn read(&mut self) -> io::Result<TermEvent>;

    /// Whether an event is there to read within `wait`.
    fn poll(&mut self, wait: Duration) -> io::Result<bool>;
}

/// The terminal, as crossterm reads it.
pub struct Crossterm;

impl Source for Crossterm {
    fn read(&mut self) -> io::Result<TermEvent> {
        event::read()
    }

    fn poll(&mut self, wait: Duration) -> io::Result<bool> {
        event::poll(wait)
    }
}

fn is_lone_esc(ev: &TermEvent) -> bool {
    matches!(
        ev,
        TermEvent::Key(KeyEvent {
            code: KeyCode::Esc,
            modifiers: KeyModifiers::NONE,
            kind: KeyEventKind::Press,
            ..
        })
    )
}

/// The next events to hand on, in order: the one read, or after an Esc what it and the events
/// within `wait` make (a key whose sequence was split, or the Esc and the events unchanged).
pub fn next_events(source: &mut impl Source, wait: Duration) -> io::Result<Vec<TermEvent>> {
    let first = source.read()?;
    if !is_lone_esc(&first) {
        return Ok(vec![first]);
    }
    let deadline = Instant::now() + wait;
    let mut after = Vec::new();
    loop {
        match after_esc(&after) {
            AfterEsc::Key(key) => return Ok(vec![TermEvent::Key(key)]),
            AfterEsc::PasteStart => return Ok(vec![TermEvent::Paste(paste_rest(source, wait)?)]),
            AfterEsc::Not => break,
            AfterEsc::Incomplete => {}
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || !source.poll(left)? {
            break;
        }
        after.push(source.read()?);
    }
    after.insert(0, first);
    Ok(after)
}

/// The text of a paste whose start was split: crossterm reads it as keys and drops its end
/// marker, so the paste is what comes without a pause of `wait`.
fn paste_rest(source: &mut impl Source, wait: Duration) -> io::Result<String> {
    let mut text = String::new();
    while source.poll(wait)? {
        match source.read()? {
            TermEvent::Key(KeyEvent {
                code: KeyCode::Char(c),
                ..
            }) => text.push(c),
            TermEvent::Key(KeyEvent {
                code: KeyCode::Enter,
                ..
            }) => text.push('\n'),
            TermEvent::Key(KeyEvent {
                code: KeyCode::Tab, ..
            }) => text.push('\t'),
            TermEvent::Paste(more) => text.push_str(&more),
            _ => {}
        }
    }
    // The end marker itself, when it too was split after its Esc.
    if let Some(cut) = text.strip_suffix("[201~") {
        text.truncate(cut.len());
    }
    Ok(text)
}

/// Starts reading terminal events from `source` into `tx` on a thread made by `builder`;
/// `Closed` follows a read error. An error when the thread cannot start (the console must not
/// wait for keys that never come).
pub fn spawn_input(
    builder: thread::Builder,
    mut source: impl Source + Send + 'static,
    tx: Sender<Event>,
) -> io::Result<()> {
    builder
        .spawn(move || {
            loop {
                match next_events(&mut source, ESC_WAIT) {
                    Ok(events) => {
                        for ev in events {
                            // Esc while a write waits for another's lock stops the wait.
                            if super::lock_wait::gives_up(&ev) {
                                continue;
                            }
                            if tx.send(Event::Terminal(ev)).is_err() {
                                return;
                            }
                        }
                    }
                    Err(_) => {
                        let _ = tx.send(Event::Closed);
                        return;
                    }
                }
            }
        })
        .map(drop)
}

/// Starts watching the terminal (standard input) for its end on a thread: when it hangs up,
/// `Closed` goes to `tx`. Polling for no event at all wakes for a hang-up or an error only.
pub fn spawn_hangup_watch(tx: Sender<Event>) -> io::Result<()> {
    thread::Builder::new()
        .name("finctl-hangup".into())
        .spawn(move || {
            let stdin = io::stdin();
            loop {
                let mut fds = [PollFd::new(stdin.as_fd(), PollFlags::empty())];
                match poll(&mut fds, PollTimeout::NONE) {
                    Ok(0) | Err(Errno::EINTR) => continue,
                    Ok(_) => {
                        let _ = tx.send(Event::Closed);
                        return;
                    }
                    // Nothing to watch with: the input thread still reports read errors.
                    Err(e) => {
                        tracing::warn!(error = %e, "cannot watch the terminal for its end");
                        return;
                    }
                }
            }
        })
        .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::VecDeque;
    use std::sync::mpsc;

    /// Events in the order a terminal sends them; `None` is a pause longer than any wait.
    struct Script(VecDeque<Option<TermEvent>>);

    impl Script {
        fn new(events: Vec<Option<TermEvent>>) -> Script {
            Script(events.into())
        }
    }

    impl Source for Script {
        fn read(&mut self) -> io::Result<TermEvent> {
            while let Some(next) = self.0.pop_front() {
                if let Some(ev) = next {
                    return Ok(ev);
                }
            }
            Err(io::Error::other("end of the script"))
        }

        fn poll(&mut self, _wait: Duration) -> io::Result<bool> {
            Ok(matches!(self.0.front(), Some(Some(_))))
        }
    }

    fn k(code: KeyCode) -> Option<TermEvent> {
        Some(TermEvent::Key(KeyEvent::new(code, KeyModifiers::NONE)))
    }

    fn c(ch: char) -> Option<TermEvent> {
        let m = if ch.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        Some(TermEvent::Key(KeyEvent::new(KeyCode::Char(ch), m)))
    }

    fn all(script: &mut Script) -> Vec<TermEvent> {
        let mut out = Vec::new();
        while let Ok(events) = next_events(script, ESC_WAIT) {
            out.extend(events);
        }
        out
    }

    fn keys(codes: &[KeyCode]) -> Vec<TermEvent> {
        codes
            .iter()
            .map(|code| TermEvent::Key(KeyEvent::new(*code, KeyModifiers::NONE)))
            .collect()
    }

    #[test]
    fn an_arrow_split_after_its_esc_is_an_arrow() {
        let mut s = Script::new(vec![k(KeyCode::Esc), c('['), c('D'), c('x')]);
        let mut want = keys(&[KeyCode::Left]);
        want.extend(c('x'));
        assert_eq!(all(&mut s), want);
    }

    #[test]
    fn a_lone_esc_is_esc_and_what_follows_is_unchanged() {
        // Esc, a pause, then `[` typed on its own: no sequence.
        let mut s = Script::new(vec![k(KeyCode::Esc), None, c('['), c('D')]);
        let mut want = keys(&[KeyCode::Esc]);
        want.extend([c('['), c('D')].into_iter().flatten());
        assert_eq!(all(&mut s), want);
        // Esc then keys that make no sequence: all of them, in order.
        let mut s = Script::new(vec![
            k(KeyCode::Esc),
            c('y'),
            k(KeyCode::Esc),
            k(KeyCode::Down),
        ]);
        let mut want = keys(&[KeyCode::Esc]);
        want.extend(c('y'));
        want.extend(keys(&[KeyCode::Esc, KeyCode::Down]));
        assert_eq!(all(&mut s), want);
        // Esc, `[`, then a pause: the Esc and the `[`.
        let mut s = Script::new(vec![k(KeyCode::Esc), c('['), None, c('A')]);
        let mut want = keys(&[KeyCode::Esc]);
        want.extend([c('['), c('A')].into_iter().flatten());
        assert_eq!(all(&mut s), want);
    }

    #[test]
    fn a_paste_whose_start_was_split_is_a_paste() {
        let mut events = vec![k(KeyCode::Esc)];
        events.extend("[200~ab".chars().map(c));
        events.extend([k(KeyCode::Enter), c('q'), None, c('j')]);
        let mut s = Script::new(events);
        let mut want = vec![TermEvent::Paste("ab\nq".into())];
        want.extend(c('j'));
        assert_eq!(all(&mut s), want);
    }

    #[test]
    fn a_read_error_ends_the_input_with_closed() {
        let (tx, rx) = mpsc::channel();
        let script = Script::new(vec![c('a')]);
        spawn_input(thread::Builder::new(), script, tx).expect("the input thread");
        assert!(matches!(rx.recv(), Ok(Event::Terminal(TermEvent::Key(_)))));
        assert!(matches!(rx.recv(), Ok(Event::Closed)));
    }

    /// Regression: the input thread was started with `.ok()`, so a thread that could not start
    /// left the console waiting for keys in raw mode. Now the error comes back.
    #[test]
    fn an_input_thread_that_cannot_start_is_an_error() {
        let (tx, _rx) = mpsc::channel();
        let impossible = thread::Builder::new().stack_size(usize::MAX);
        assert!(spawn_input(impossible, Script::new(Vec::new()), tx).is_err());
    }
}
