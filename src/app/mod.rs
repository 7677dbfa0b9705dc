//! The console's state and what each key does: no terminal here, so every screen can be driven
//! and checked headless.
//!
//! [`App`] keeps the store, the screens of the tab bar ([`screens`]), the overlay stack, the
//! status line and the background work. Each screen lives in a folder of its own with its
//! state, its part of the key table, its commands, forms and files; the app calls it through
//! the [`screen::Screen`] interface. See docs/architecture.md, "Adding a screen".

pub mod actions;
pub mod background;
pub mod ctx;
mod dispatch;
pub mod filter_input;
pub mod finance_control;
mod follow_ups;
pub mod form;
pub mod invoices;
pub mod item_list;
pub mod keymap;
pub mod list_view;
pub mod milestones;
pub mod overlays;
pub mod progress;
pub mod reports;
pub mod revenue_item;
pub mod revenue_items;
pub mod screen;
pub mod screens;
pub mod selection;
pub mod status_line;
pub mod view;

pub use dispatch::KeyResult;
pub use overlays::Overlay;
pub use screen::Screen;
pub use screens::Screens;

use crate::store::{Store, StoreError};
use background::{Background, Notify};
use chrono::NaiveDate;
use ctx::{Ctx, Event};
use status_line::StatusLine;
use std::path::PathBuf;

pub struct App {
    store: Store,
    pub today: NaiveDate,
    pub screens: Screens,
    pub overlays: Vec<Overlay>,
    pub status: StatusLine,
    background: Background,
    /// What the last key's work asked the console to do next (see [`Event`]).
    follow_ups: Vec<Event>,
    quit: bool,
}

impl App {
    /// The console over an open store. `notify` wakes the event loop when background work is
    /// done; without it (`None`) that work is done on the spot.
    pub fn new(store: Store, today: NaiveDate, notify: Option<Notify>) -> Result<App, StoreError> {
        let background = Background::start(&store, notify)?;
        let mut app = App {
            store,
            today,
            screens: Screens::new(today),
            overlays: Vec::new(),
            status: StatusLine::default(),
            background,
            follow_ups: Vec::new(),
            quit: false,
        };
        for i in 0..app.screens.len() {
            let (screen, mut cx) = app.screen_and_ctx(i);
            screen.load(&mut cx)?;
        }
        let user = app.store.actor();
        let hello = format!(
            "{} ({}) on {}: press ? for the keys of this screen",
            user.name,
            user.role.as_str(),
            app.store.path().display()
        );
        app.status.info(hello);
        Ok(app)
    }

    pub fn store(&self) -> &Store {
        &self.store
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
    pub fn top_view<T: view::View>(&self) -> Option<&T> {
        self.overlays.last().and_then(|o| o.view::<T>())
    }

    /// Rows the screens' bodies have; the drawing code tells after each resize.
    pub fn set_list_height(&mut self, rows: usize) {
        for i in 0..self.screens.len() {
            self.screens.at_mut(i).set_height(rows);
        }
    }

    /// Whether the screen shown waits for a new filter's rows.
    pub fn is_filtering(&self) -> bool {
        self.screens.current().is_filtering()
    }

    /// The file being written off the input path and its rows so far.
    pub fn file_running(&self) -> Option<(&std::path::Path, usize)> {
        self.background.file_running()
    }

    /// A context to run work with.
    fn cx(&mut self) -> Ctx<'_> {
        let i = self.screens.current_index();
        self.screen_and_ctx(i).1
    }

    /// Screen `i` and the context to run it with.
    fn screen_and_ctx(&mut self, i: usize) -> (&mut dyn Screen, Ctx<'_>) {
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
            screens.at_mut(i),
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
