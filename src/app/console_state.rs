//! The console's state: the store, the screens of the tab bar, the overlay stack, the status
//! line and the background work, plus the follow-ups a key's work left for the console.

use super::background::{Background, Notify};
use super::screen::{Screen, Screens};
use super::screens;
use super::status_line::StatusLine;
use super::work::{Ctx, Event, View};
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use std::path::PathBuf;
use std::sync::Arc;

/// Where the console reads the date: the system's local day, or a day a test sets.
pub type Clock = Arc<dyn Fn() -> NaiveDate + Send + Sync>;

pub struct App {
    pub(super) store: Store,
    /// The day as of the last key or background result: read again for every one, so that a
    /// console left open across midnight dates what it confirms on the new day.
    pub today: NaiveDate,
    clock: Clock,
    pub screens: Screens,
    pub overlays: Vec<super::work::Overlay>,
    pub status: StatusLine,
    pub(super) background: Background,
    /// What the last key's work asked the console to do next (see [`Event`]).
    pub(super) follow_ups: Vec<Event>,
    pub(super) quit: bool,
    /// What a key asked of the terminal (Ctrl-L, Ctrl-Z), until the loop takes it.
    pub(super) terminal_request: Option<super::terminal_request::TerminalRequest>,
    /// What of the database the console has shown (see `live.rs`).
    pub(super) live: super::live_seen::Live,
}

impl App {
    /// The console over an open store on a day that does not change (tests, benchmarks).
    /// `notify` wakes the event loop when background work is done; without it (`None`) that
    /// work is done on the spot.
    pub fn new(store: Store, today: NaiveDate, notify: Option<Notify>) -> Result<App, StoreError> {
        App::with_clock(store, Arc::new(move || today), notify)
    }

    /// The console over an open store, reading the day from `clock` whenever work needs it.
    pub fn with_clock(
        store: Store,
        clock: Clock,
        notify: Option<Notify>,
    ) -> Result<App, StoreError> {
        let background = Background::start(&store, notify)?;
        let today = clock();
        let mut app = App {
            store,
            today,
            clock,
            screens: screens::all(today),
            overlays: Vec::new(),
            status: StatusLine::default(),
            background,
            follow_ups: Vec::new(),
            quit: false,
            terminal_request: None,
            live: super::live_seen::Live::default(),
        };
        app.live = super::live_seen::Live::new(&app.store)?;
        for i in 0..app.screens.len() {
            let (screen, mut cx) = app.screen_and_ctx(i);
            screen.load(&mut cx)?;
        }
        if let Some(welcome) = super::welcome::Welcome::when_empty(&app.store)? {
            app.overlays
                .push(super::work::Overlay::View(Box::new(welcome)));
        }
        let user = app.store.actor();
        let hello = format!(
            "{} ({}) on {}: ? shows the keys",
            user.name,
            user.role.as_str(),
            app.store.path().display()
        );
        app.status.info(hello);
        Ok(app)
    }

    /// The console ends cleanly: its threads stop and the database's log is written back into
    /// the file, so that the file alone holds every change (a copy of it after `q` is whole).
    pub fn close(mut self) -> Result<(), StoreError> {
        self.background.stop();
        self.store.checkpoint()
    }

    /// Reads the day again (before each key and each background result).
    pub(super) fn read_clock(&mut self) {
        self.today = (self.clock)();
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The acting user's number format: how the screens show figures and read typed ones.
    pub fn numbers(&self) -> crate::domain::NumberFormat {
        self.store.numbers()
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Where `X` and `v` write their files (the current folder unless told otherwise).
    pub fn set_export_dir(&mut self, dir: PathBuf) {
        self.background.set_export_dir(dir);
    }

    /// The screen of type `T` (tests and benchmarks look into screens this way).
    pub fn screen<T: Screen>(&self) -> Option<&T> {
        self.screens.get::<T>()
    }

    /// The top overlay's view, when it is a `T`.
    pub fn top_view<T: View>(&self) -> Option<&T> {
        self.overlays.last().and_then(|o| o.view::<T>())
    }

    /// Rows the screens' bodies have; the drawing code tells after each resize.
    pub fn set_list_height(&mut self, rows: usize) {
        for i in 0..self.screens.len() {
            self.screens.at_mut(i).set_height(rows);
        }
        for overlay in &mut self.overlays {
            if let super::work::Overlay::View(view) = overlay {
                view.set_height(rows);
            }
        }
    }

    /// Whether the screen shown waits for a new filter's rows.
    pub fn is_filtering(&self) -> bool {
        self.screens.current().is_filtering()
    }

    /// Whether the next key must wait: the screen shown waits for a new filter's rows from the
    /// list thread, and the filter is no longer being typed (a key there would act on the rows
    /// of the old filter). While the filter is typed, keys never wait: each would wait for the
    /// query of the one before. Only a request the list thread has yet to answer waits, so an
    /// answer that failed, or a thread that died, never holds the keys up.
    pub fn awaits_rows(&self) -> bool {
        self.is_filtering()
            && !self.context().is_text_entry()
            && (self.background).window_pending(self.screens.current_entry().title)
    }

    /// Whether `key` must wait for the rows on their way before it acts (see `awaits_rows`).
    /// Keys that leave the screen or open help act at once, and so do the screen's keys that
    /// only ask for new rows (`Screen::goes_ahead`): waiting is for keys that act on rows.
    pub fn key_waits(&self, key: &crossterm::event::KeyEvent) -> bool {
        use super::keymap::{self, Cmd};
        if !self.awaits_rows() {
            return false;
        }
        if !self.overlays.is_empty() {
            return true;
        }
        match keymap::binding(self.context(), key).map(|b| b.cmd) {
            Some(Cmd::Quit | Cmd::Help | Cmd::GoTab(_) | Cmd::NextTab | Cmd::PrevTab) => false,
            Some(cmd) => !self.screens.current().goes_ahead(cmd),
            None => true,
        }
    }

    /// The file being written off the input path and its rows so far.
    pub fn file_running(&self) -> Option<(&std::path::Path, usize)> {
        self.background.file_running()
    }

    /// Ends the background list thread as a crash would (tests of what the console says then).
    #[doc(hidden)]
    pub fn stop_list_thread_for_test(&mut self) {
        self.background.stop_list_thread_for_test();
    }

    /// A context to run work with.
    pub(super) fn cx(&mut self) -> Ctx<'_> {
        self.screens_and_ctx().1
    }

    /// Screen `i` and the context to run it with.
    pub(super) fn screen_and_ctx(&mut self, i: usize) -> (&mut dyn Screen, Ctx<'_>) {
        let (screens, cx) = self.screens_and_ctx();
        (screens.at_mut(i), cx)
    }

    /// Every screen and a context: the app's parts, borrowed apart.
    pub(super) fn screens_and_ctx(&mut self) -> (&mut Screens, Ctx<'_>) {
        let App {
            store,
            today,
            screens,
            overlays,
            status,
            background,
            follow_ups,
            ..
        } = self;
        (
            screens,
            Ctx {
                store,
                today: *today,
                overlays,
                status,
                background,
                events: follow_ups,
            },
        )
    }
}
