//! The console's loop: events in, one draw after every event already waiting (key repeat, a
//! paste, keys typed ahead), no frame tick. Keys and pastes act in the order they came, each on
//! what the ones before it made: while the screen waits for a new filter's rows from the list
//! thread, they wait too, in a queue, and act when the rows are in.

use super::event::{Ended, Event};
use crate::app::{App, TerminalRequest};
use crate::ui::{self, Theme};
use anyhow::Result;
use crossterm::event::{Event as TermEvent, KeyEvent};
use ratatui::Terminal;
use ratatui::backend::Backend;
use std::collections::VecDeque;
use std::io;
use std::sync::mpsc::Receiver;

/// A key or a paste: what acts on the console's state.
enum Input {
    Key(KeyEvent),
    Paste(String),
}

impl Input {
    fn of(ev: TermEvent) -> Option<Input> {
        match ev {
            TermEvent::Key(key) => Some(Input::Key(key)),
            TermEvent::Paste(text) => Some(Input::Paste(text)),
            _ => None,
        }
    }
}

/// The loop's state between events.
struct Console<'a, B: Backend> {
    terminal: &'a mut Terminal<B>,
    app: &'a mut App,
    suspend: &'a mut dyn FnMut() -> io::Result<()>,
    /// Input that came while the app awaited rows, oldest first.
    ahead: VecDeque<Input>,
    /// The next draw clears the terminal first and draws every cell.
    full_redraw: bool,
}

/// Runs until the user quits, the terminal goes away or a signal ends it. Generic over the
/// backend so that tests drive it on a TestBackend; `suspend` stops the process for Ctrl-Z.
pub fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &Receiver<Event>,
    theme: &Theme,
    suspend: &mut dyn FnMut() -> io::Result<()>,
) -> Result<Ended>
where
    B::Error: Send + Sync + 'static,
{
    let mut console = Console {
        terminal,
        app,
        suspend,
        ahead: VecDeque::new(),
        full_redraw: false,
    };
    console.draw(theme)?;
    while let Ok(first) = events.recv() {
        let mut next = Some(first);
        // Drawn only when something may have changed: a look that found nothing draws nothing.
        let mut dirty = false;
        // Take every event already waiting before drawing once.
        while let Some(ev) = next {
            match ev {
                Event::Terminal(ev) => {
                    dirty = true;
                    if let Some(input) = Input::of(ev) {
                        console.ahead.push_back(input);
                    }
                }
                Event::Wake => {
                    dirty = true;
                    console.app.poll_background();
                }
                Event::Watch => dirty |= console.app.watch(),
                Event::Closed => return Ok(Ended::Closed),
                Event::Signal(s) => return Ok(Ended::Signal(s)),
            }
            console.act_on_input()?;
            if console.app.should_quit() {
                return Ok(Ended::Quit);
            }
            next = events.try_recv().ok();
        }
        if dirty {
            console.draw(theme)?;
        }
    }
    // Every sender is gone: nothing can come any more.
    Ok(Ended::Closed)
}

impl<B: Backend> Console<'_, B>
where
    B::Error: Send + Sync + 'static,
{
    /// Acts on the input waiting, in order, until a key would act on rows the app awaits (the
    /// next background answer goes on) or it quits. When the list thread dies, the app does its work on the
    /// spot and awaits nothing: the queue cannot wait for ever.
    fn act_on_input(&mut self) -> Result<()> {
        while !self.app.should_quit() {
            let waits = match self.ahead.front() {
                None => break,
                Some(Input::Key(key)) => self.app.key_waits(key),
                Some(Input::Paste(_)) => self.app.awaits_rows(),
            };
            if waits {
                break;
            }
            let Some(input) = self.ahead.pop_front() else {
                break;
            };
            match input {
                Input::Key(key) => {
                    self.app.handle_key(key);
                }
                Input::Paste(text) => self.app.paste(&text),
            }
            // A notice of a wait for another's lock was written over the screen.
            if super::lock_wait::finish() {
                self.full_redraw = true;
            }
            match self.app.take_terminal_request() {
                Some(TerminalRequest::Redraw) => self.full_redraw = true,
                Some(TerminalRequest::Suspend) => {
                    (self.suspend)()?;
                    self.full_redraw = true;
                }
                None => {}
            }
        }
        Ok(())
    }

    fn draw(&mut self, theme: &Theme) -> Result<()> {
        let size = self.terminal.size()?;
        if std::mem::take(&mut self.full_redraw) {
            // Forget what is on the terminal: it is cleared and every cell written again. Not
            // `Terminal::clear`: it asks the terminal where the cursor is, and the answer would
            // come to the input thread.
            self.terminal
                .resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
        }
        self.app
            .set_list_height(ui::list_rows(ratatui::layout::Rect::new(
                0,
                0,
                size.width,
                size.height,
            )));
        let app = &*self.app;
        self.terminal.draw(|frame| ui::draw(frame, app, theme))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::background::Notify;
    use crate::app::item_list::ItemList;
    use crate::app::reports::Reports;
    use crate::app::revenue_items::RevenueItems;
    use crate::demo::{self, DemoOptions};
    use crate::domain::revenue_status::RevenueStatus;
    use crate::store::Store;
    use chrono::NaiveDate;
    use crossterm::event::{KeyCode, KeyModifiers};
    use ratatui::backend::TestBackend;
    use std::path::PathBuf;
    use std::sync::Arc;
    use std::sync::mpsc::{self, Sender};
    use std::time::Duration;
    use tempfile::TempDir;

    /// The demo company of the pty tests (300 items, seed 3) and the console over it with its
    /// background threads, which wake the loop through the channel returned.
    fn console() -> (TempDir, PathBuf, App, Sender<Event>, Receiver<Event>) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("demo.db");
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).expect("a date");
        let mut store = Store::open(&path, "tester").expect("a database");
        let opts = DemoOptions {
            revenue_items: 300,
            seed: 3,
            today,
        };
        demo::fill(&mut store, &opts).expect("the demo");
        let (tx, rx) = mpsc::channel();
        let wake = tx.clone();
        let notify: Notify = Arc::new(move || {
            let _ = wake.send(Event::Wake);
        });
        let mut app = App::new(store, today, Some(notify)).expect("the console");
        app.settle();
        (dir, path, app, tx, rx)
    }

    fn press(code: KeyCode) -> Event {
        Event::Terminal(TermEvent::Key(KeyEvent::new(code, KeyModifiers::NONE)))
    }

    fn ctrl(c: char) -> Event {
        Event::Terminal(TermEvent::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::CONTROL,
        )))
    }

    fn typed(tx: &Sender<Event>, text: &str) {
        for c in text.chars() {
            tx.send(press(KeyCode::Char(c))).expect("send");
        }
    }

    fn items(app: &App) -> &ItemList {
        &app.screen::<RevenueItems>().expect("screen 2").list
    }

    /// Runs the loop on a TestBackend until it ends; Ctrl-Z counts in `suspended`.
    fn run(app: &mut App, rx: &Receiver<Event>, suspended: &mut usize) -> Ended {
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("a terminal");
        let mut suspend = || {
            *suspended += 1;
            Ok(())
        };
        event_loop(&mut terminal, app, rx, &Theme::plain(), &mut suspend).expect("the loop")
    }

    /// Regression: `/Helix`, Enter and `x` arriving together rejected the cursor's row of the
    /// unfiltered list: the filter's rows were still on their way on the list thread.
    #[test]
    fn keys_typed_ahead_of_a_filter_act_on_its_rows() {
        let (_dir, _path, mut app, tx, rx) = console();
        let first = items(&app).view.current().cloned().expect("rows");
        assert!(!first.account.contains("Helix"), "{first:?}");
        // Rejectable, so that `x` on it would show.
        assert!(
            matches!(first.status, RevenueStatus::Open | RevenueStatus::Billable),
            "{first:?}"
        );
        typed(&tx, "2/Helix");
        for code in [KeyCode::Enter, KeyCode::Char('x'), KeyCode::Char('q')] {
            tx.send(press(code)).expect("send");
        }
        assert_eq!(run(&mut app, &rx, &mut 0), Ended::Quit);

        let status = |app: &App, id| app.store().revenue_item(id).expect("the item").status;
        assert_eq!(
            status(&app, first.id),
            first.status,
            "the first row is untouched"
        );
        let list = items(&app);
        assert_eq!(list.filter_text(), "Helix");
        let helix = list.view.current().cloned().expect("Helix rows");
        assert!(helix.account.contains("Helix"), "{helix:?}");
        assert_eq!(status(&app, helix.id), RevenueStatus::Rejected, "{helix:?}");
    }

    /// `6`, three `[` and `j` in one burst: the range keys go ahead of the sums (each asks for
    /// a new one; only the last is taken), and `j` waits for the rows of the last range, so it
    /// moves the cursor on the rows the screen then shows.
    #[test]
    fn report_keys_typed_ahead_sum_the_last_range_and_move_on_its_rows() {
        let (_dir, _path, mut app, tx, rx) = console();
        typed(&tx, "6[[[j");
        tx.send(press(KeyCode::Char('q'))).expect("send");
        assert_eq!(run(&mut app, &rx, &mut 0), Ended::Quit);
        let report = app.screen::<Reports>().expect("screen 6");
        let first = Reports::new(app.today).query;
        assert_eq!(report.query.from, first.from.plus(-3));
        assert!(!report.summing);
        assert_eq!(
            report.rows,
            app.store().report(&report.query).expect("the report"),
            "the rows are the last range's"
        );
        assert!(report.shown.len() > 1, "{} rows", report.shown.len());
        assert_eq!(report.cursor, 1, "j moved on the rows shown");
    }

    /// A filter query that fails answers all the same: the keys after it do not wait for ever.
    #[test]
    fn a_failed_filter_query_holds_no_key() {
        let (_dir, path, mut app, tx, rx) = console();
        typed(&tx, "2/Helix");
        tx.send(press(KeyCode::Enter)).expect("send");
        // Behind the console's back, so that the list thread's query fails.
        let conn = rusqlite::Connection::open(&path).expect("a second connection");
        conn.execute_batch("ALTER TABLE revenue_items RENAME TO gone")
            .expect("rename");
        tx.send(press(KeyCode::Char('j'))).expect("send");
        tx.send(ctrl('c')).expect("send");
        // Were the keys held for ever, the loop would end here instead.
        let watchdog = tx.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs(20));
            let _ = watchdog.send(Event::Closed);
        });
        assert_eq!(run(&mut app, &rx, &mut 0), Ended::Quit);
    }

    /// Ctrl-Z suspends once, keys before and after it act in order; Ctrl-L asks for nothing
    /// more than a full redraw.
    #[test]
    fn ctrl_z_suspends_between_the_keys_around_it() {
        let (_dir, _path, mut app, tx, rx) = console();
        tx.send(ctrl('l')).expect("send");
        typed(&tx, "2");
        tx.send(ctrl('z')).expect("send");
        typed(&tx, "3q");
        let mut suspended = 0;
        assert_eq!(run(&mut app, &rx, &mut suspended), Ended::Quit);
        assert_eq!(suspended, 1);
        assert_eq!(
            app.screens.current_index(),
            2,
            "the keys after Ctrl-Z acted"
        );
    }

    /// The terminal's end and a signal end the loop, keys waiting or not.
    #[test]
    fn the_end_of_the_terminal_and_signals_end_the_loop() {
        for (last, ended) in [
            (Event::Closed, Ended::Closed),
            (Event::Signal(15), Ended::Signal(15)),
        ] {
            let (_dir, _path, mut app, tx, rx) = console();
            typed(&tx, "2/Helix");
            tx.send(press(KeyCode::Enter)).expect("send");
            typed(&tx, "x");
            tx.send(last).expect("send");
            assert_eq!(run(&mut app, &rx, &mut 0), ended);
        }
    }
}
