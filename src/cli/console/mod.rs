//! The interactive console in its terminal: set-up and restore (on quit, error, panic, signal
//! and Ctrl-Z), the threads that feed the loop (keys, signals, the terminal's end) and the loop.
//! Redraws happen on events only (a key, a resize, a background result); there is no frame tick.

mod escape;
mod event;
mod event_loop;
mod input;
mod live_watch;
mod lock_wait;
mod signals;
mod terminal;

pub use event::Ended;
pub use terminal::{NEEDS_A_TERMINAL, has_terminal};

use crate::app::{App, Clock};
use crate::store::Store;
use crate::ui::Theme;
use anyhow::{Context, Result};
use event::Event;
use event_loop::event_loop;
use input::{Crossterm, spawn_hangup_watch, spawn_input};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signals::spawn_signals;
use std::sync::Arc;
use std::sync::mpsc;
use std::thread;

/// Opens the console on a store until the user quits, the terminal goes away or a signal ends
/// it. The caller has made sure there is a terminal ([`has_terminal`]). `clock` tells the day
/// whenever a key's work needs it.
pub fn run(mut store: Store, clock: Clock) -> Result<Ended> {
    // A bulk write's status line then waits for its commit, not for copying its log into the
    // database file as well.
    store
        .checkpoint_in_background()
        .context("cannot start the checkpoint thread")?;
    let (tx, rx) = mpsc::channel();
    let wake = tx.clone();
    let mut app = App::with_clock(
        store,
        clock,
        Some(Arc::new(move || {
            let _ = wake.send(Event::Wake);
        })),
    )?;
    terminal::restore_on_panic();
    // Whatever happens from here on, the terminal is given back as it was.
    let result = terminal::enter()
        .context("cannot set up the terminal")
        .and_then(|()| {
            spawn_signals(tx.clone()).context("cannot listen for signals")?;
            spawn_hangup_watch(tx.clone()).context("cannot watch the terminal")?;
            live_watch::spawn_live_watch(tx.clone()).context("cannot watch the database")?;
            let reader = thread::Builder::new().name("finctl-input".into());
            spawn_input(reader, Crossterm, tx).context("cannot start reading the keyboard")?;
            lock_wait::watch_lock_waits();
            let mut screen = Terminal::new(CrosstermBackend::new(std::io::stdout()))?;
            let theme = Theme::from_env();
            let ended = event_loop(&mut screen, &mut app, &rx, &theme, &mut terminal::suspend);
            // Dropped, ratatui's terminal shows the cursor and, when it cannot (the terminal is
            // gone), prints to standard error, which panics then. `leave` shows the cursor.
            std::mem::forget(screen);
            ended
        });
    let restored = terminal::leave();
    // The terminal is given back: nothing may write on it while the log is written back.
    crate::store::lock_wait::set_lock_wait_observer(None);
    crate::store::long_work::set_long_work_observer(None);
    if let Err(e) = app.close() {
        // The changes are safe in the log; the file alone just lacks them until next time.
        tracing::warn!("the database's log was not written back at exit: {e}");
    }
    match result {
        // Nothing to restore, nor anyone to tell, once the terminal is gone.
        Ok(ended) if !ended.terminal_is_there() => Ok(ended),
        Ok(ended) => restored
            .map(|()| ended)
            .context("cannot restore the terminal"),
        Err(e) => Err(e),
    }
}
