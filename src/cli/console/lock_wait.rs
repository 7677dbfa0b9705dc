//! The console while a write waits for another user's lock, or runs long (drafts from tens of
//! thousands of items). The loop is inside the write, so a notice ("waiting for another user's
//! change… Esc stops waiting", "working… 3 s: Esc stops, nothing is saved") is written straight
//! onto the status line, the input thread reads on, and an Esc it reads meanwhile stops the
//! write (nothing is saved); every other key waits in the queue, in order. One console per
//! process: the state is the process's.

use crate::store::lock_wait::{LockWaitObserver, set_lock_wait_observer};
use crate::store::long_work::{Progress, current_progress, set_long_work_observer};
use crate::ui::terminal_text::fit;
use crossterm::cursor::MoveTo;
use crossterm::event::{Event as TermEvent, KeyCode, KeyEvent, KeyEventKind};
use crossterm::style::Print;
use crossterm::terminal::{Clear, ClearType};
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering::SeqCst};
use std::time::Duration;

/// How long a write waits before the notice shows (a lock held a moment shows nothing).
pub const NOTICE_AFTER: Duration = Duration::from_millis(100);

pub const NOTICE: &str = "waiting for another user's change… Esc stops waiting";

/// A write is waiting for a lock now.
static WAITING: AtomicBool = AtomicBool::new(false);
/// Esc came while it waited.
static GIVE_UP: AtomicBool = AtomicBool::new(false);
/// The notice was written over the screen: the next draw must draw every cell.
static SHOWN: AtomicBool = AtomicBool::new(false);

/// How long a write runs before it says so (a usual write takes a few milliseconds).
pub const WORKING_AFTER: Duration = Duration::from_millis(300);

/// Tells the store, for the loop's thread, to report its waits and long writes here.
pub fn watch_lock_waits() {
    set_lock_wait_observer(Some(observer(|| draw_notice(NOTICE))));
    set_long_work_observer(Some(working(current_progress, |secs, progress| {
        draw_notice(&working_notice(secs, progress))
    })));
}

/// The notice of a long write: how far it has come when it counts, and its seconds.
fn working_notice(secs: u64, progress: Option<Progress>) -> String {
    match progress {
        Some(p) => format!(
            "working… {} of {} {}, {secs} s: Esc stops, nothing is saved",
            p.done, p.total, p.what
        ),
        None => format!("working… {secs} s: Esc stops, nothing is saved"),
    }
}

/// How often a counting write's notice is written again at most (the store counts every
/// draft; the terminal over SSH needs no more than this).
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// What the store calls while a write runs: from [`WORKING_AFTER`] on, `notice` with the whole
/// seconds so far and how far it has come (read by `progress`), each time the seconds change
/// or, at most every [`PROGRESS_EVERY`], the count; `false` (stop) once Esc came.
fn working(
    progress: impl Fn() -> Option<Progress> + 'static,
    mut notice: impl FnMut(u64, Option<Progress>) + 'static,
) -> LockWaitObserver {
    let mut said: Option<(u64, Option<Progress>, Duration)> = None;
    Box::new(move |ran| {
        if ran < WORKING_AFTER {
            // Not yet said: an Esc now is an ordinary key.
            return true;
        }
        WAITING.store(true, SeqCst);
        SHOWN.store(true, SeqCst);
        let secs = ran.as_secs();
        let now = progress();
        let due = match said {
            None => true,
            Some((s, p, at)) => s != secs || (p != now && ran >= at + PROGRESS_EVERY),
        };
        if due {
            said = Some((secs, now, ran));
            notice(secs, now);
        }
        !GIVE_UP.swap(false, SeqCst)
    })
}

/// What the store calls while a write waits: shows `notice` once past [`NOTICE_AFTER`];
/// `false` (give up) once Esc came.
fn observer(mut notice: impl FnMut() + 'static) -> LockWaitObserver {
    Box::new(move |waited| {
        WAITING.store(true, SeqCst);
        if waited >= NOTICE_AFTER && !SHOWN.swap(true, SeqCst) {
            notice();
        }
        !GIVE_UP.swap(false, SeqCst)
    })
}

/// For the input thread: whether `ev` gives up a wait (it is then not handed on).
pub fn gives_up(ev: &TermEvent) -> bool {
    let esc = matches!(
        ev,
        TermEvent::Key(KeyEvent {
            code: KeyCode::Esc,
            kind: KeyEventKind::Press,
            ..
        })
    );
    if esc && WAITING.load(SeqCst) {
        GIVE_UP.store(true, SeqCst);
        return true;
    }
    false
}

/// After a key's work: no write waits any more. Whether the notice was written over the
/// screen (then the next draw draws it whole).
pub fn finish() -> bool {
    WAITING.store(false, SeqCst);
    GIVE_UP.store(false, SeqCst);
    SHOWN.swap(false, SeqCst)
}

/// A notice on the status line (the second row from the bottom), written straight out.
fn draw_notice(text: &str) {
    let Ok((cols, rows)) = crossterm::terminal::size() else {
        return;
    };
    let mut out = std::io::stdout();
    let _ = crossterm::queue!(
        out,
        MoveTo(0, rows.saturating_sub(2)),
        Clear(ClearType::CurrentLine),
        Print(fit(text, cols as usize))
    );
    let _ = out.flush();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;
    use std::cell::Cell;
    use std::rc::Rc;

    fn esc() -> TermEvent {
        TermEvent::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE))
    }

    /// One test for the process-wide state: the steps of a wait in order.
    #[test]
    fn a_wait_shows_its_notice_once_and_esc_gives_it_up() {
        finish();
        assert!(!gives_up(&esc()), "an Esc while nothing waits is a key");
        let shown = Rc::new(Cell::new(0));
        let count = shown.clone();
        let mut observe = observer(move || count.set(count.get() + 1));
        assert!(observe(Duration::ZERO), "a wait goes on");
        assert_eq!(shown.get(), 0, "not before 0.1 s");
        assert!(observe(Duration::from_millis(120)));
        assert!(observe(Duration::from_millis(130)));
        assert_eq!(shown.get(), 1, "shown once");
        assert!(gives_up(&esc()), "Esc while a write waits is taken");
        let other = TermEvent::Key(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE));
        assert!(!gives_up(&other), "other keys wait in the queue");
        assert!(!observe(Duration::from_millis(140)), "the wait is given up");
        assert!(finish(), "the screen is drawn whole again");
        assert!(!finish());
        assert!(!gives_up(&esc()));

        // A long write: said from 0.3 s, each second once, stopped by Esc.
        let said = Rc::new(std::cell::RefCell::new(Vec::new()));
        let seen = said.clone();
        let count = Rc::new(Cell::new(None));
        let counted = count.clone();
        let mut run = working(
            move || counted.get(),
            move |s, p: Option<Progress>| seen.borrow_mut().push((s, p.map(|p| p.done))),
        );
        assert!(run(Duration::from_millis(100)));
        assert!(!gives_up(&esc()), "before it is said, Esc is a key");
        assert!(run(Duration::from_millis(400)));
        assert!(run(Duration::from_millis(900)));
        assert!(run(Duration::from_millis(1_100)));
        assert_eq!(*said.borrow(), [(0, None), (1, None)]);
        // A write that counts: the count is said again, at most every 0.1 s.
        let step = |done| Progress {
            what: "drafts confirmed",
            done,
            total: 10,
        };
        count.set(Some(step(1)));
        assert!(run(Duration::from_millis(1_150)));
        assert_eq!(
            said.borrow().len(),
            2,
            "not within 0.1 s of the last notice"
        );
        assert!(run(Duration::from_millis(1_250)));
        count.set(Some(step(2)));
        assert!(run(Duration::from_millis(1_300)));
        assert!(run(Duration::from_millis(1_400)));
        assert_eq!(
            *said.borrow(),
            [(0, None), (1, None), (1, Some(1)), (1, Some(2))]
        );
        assert_eq!(
            working_notice(1, Some(step(2))),
            "working… 2 of 10 drafts confirmed, 1 s: Esc stops, nothing is saved"
        );
        assert!(gives_up(&esc()));
        assert!(!run(Duration::from_millis(1_500)), "stopped");
        assert!(finish());
    }
}
