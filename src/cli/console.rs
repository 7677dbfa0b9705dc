//! The interactive console: terminal set-up and restore (also on error and panic), and the
//! event loop. Redraws happen on events only (a key, a resize, a background result); there is
//! no frame tick.

use crate::app::{App, Clock};
use crate::store::Store;
use crate::ui::{self, Theme};
use anyhow::{Context, Result};
use crossterm::event::{self, Event as TermEvent};
use ratatui::Terminal;
use ratatui::backend::Backend;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

/// What wakes the loop.
pub enum Event {
    Terminal(TermEvent),
    /// Background totals are ready.
    Wake,
    /// The terminal cannot be read any more.
    Closed,
}

/// Opens the console on a store until the user quits; `clock` tells the day whenever a key's
/// work needs it.
pub fn run(store: Store, clock: Clock) -> Result<()> {
    let (tx, rx) = mpsc::channel();
    let wake = tx.clone();
    let mut app = App::with_clock(
        store,
        clock,
        Some(Arc::new(move || {
            let _ = wake.send(Event::Wake);
        })),
    )?;
    // ratatui::init also installs a panic hook that restores the terminal before printing.
    let mut terminal = ratatui::try_init()?;
    // Whatever happens from here on, the terminal is given back as it was.
    let result = spawn_input(thread::Builder::new().name("finctl-input".into()), tx)
        .context("cannot start reading the keyboard")
        .and_then(|_| event_loop(&mut terminal, &mut app, &rx, &Theme::from_env()));
    ratatui::try_restore()?;
    result
}

/// Starts reading terminal events into `tx` on a thread made by `builder`; an error when the
/// thread cannot start (the console must not wait for keys that never come).
fn spawn_input(builder: thread::Builder, tx: Sender<Event>) -> std::io::Result<()> {
    builder
        .spawn(move || {
            loop {
                match event::read() {
                    Ok(ev) => {
                        if tx.send(Event::Terminal(ev)).is_err() {
                            return;
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

/// The loop, generic over the backend so that tests can drive it on a TestBackend.
pub fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &Receiver<Event>,
    theme: &Theme,
) -> Result<()>
where
    B::Error: Send + Sync + 'static,
{
    draw(terminal, app, theme)?;
    while let Ok(first) = events.recv() {
        let mut next = Some(first);
        // Take every event already waiting before drawing once (key repeat, paste).
        while let Some(ev) = next {
            match ev {
                Event::Terminal(TermEvent::Key(key)) => {
                    app.handle_key(key);
                }
                Event::Terminal(_) => {}
                Event::Wake => {
                    app.poll_background();
                }
                Event::Closed => return Ok(()),
            }
            if app.should_quit() {
                return Ok(());
            }
            next = events.try_recv().ok();
        }
        draw(terminal, app, theme)?;
    }
    Ok(())
}

fn draw<B: Backend>(terminal: &mut Terminal<B>, app: &mut App, theme: &Theme) -> Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let size = terminal.size()?;
    app.set_list_height(ui::list_rows(ratatui::layout::Rect::new(
        0,
        0,
        size.width,
        size.height,
    )));
    terminal.draw(|frame| ui::draw(frame, app, theme))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: the input thread was started with `.ok()`, so a thread that could not start
    /// left the console waiting for keys in raw mode. Now the error comes back.
    #[test]
    fn an_input_thread_that_cannot_start_is_an_error() {
        let (tx, _rx) = mpsc::channel();
        let impossible = thread::Builder::new().stack_size(usize::MAX);
        assert!(spawn_input(impossible, tx).is_err());
    }
}
