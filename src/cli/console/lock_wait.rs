//! The console while a write waits for another user's lock. The loop is inside the write, so
//! the notice "waiting for another user's change… Esc stops waiting" is written straight onto
//! the status line (within 0.1 s), the input thread reads on, and an Esc it reads while a write
//! waits gives the wait up (the write then fails and nothing is saved); every other key waits
//! in the queue, in order. One console per process: the state is the process's.

use crate::store::lock_wait::{LockWaitObserver, set_lock_wait_observer};
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

/// Tells the store, for the loop's thread, to report its waits here.
pub fn watch_lock_waits() {
    set_lock_wait_observer(Some(observer(draw_notice)));
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

/// The notice on the status line (the second row from the bottom), written straight out.
fn draw_notice() {
    let Ok((cols, rows)) = crossterm::terminal::size() else {
        return;
    };
    let mut out = std::io::stdout();
    let _ = crossterm::queue!(
        out,
        MoveTo(0, rows.saturating_sub(2)),
        Clear(ClearType::CurrentLine),
        Print(fit(NOTICE, cols as usize))
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
    }
}
