//! The screen interface: what the console calls on each screen of the tab bar. A screen keeps
//! its own state (lists, cursor, filter, selection), answers the commands of its part of the
//! key table, loads and refreshes itself, and says what `X` and `v` write. Everything else (the
//! overlay stack, the status line, background work) reaches it through [`Ctx`].

use super::background::{Answer, FileJob};
use super::ctx::{Ctx, Event};
use super::keymap::{Cmd, Context};
use crate::store::StoreError;
use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use std::any::Any;

/// Whether a screen (or the shared part of one) answered a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handled {
    /// Done, or said on the status line why not.
    Yes,
    /// Not a command of this screen.
    No,
}

pub trait Screen: Any {
    /// The keys that apply on the screen now (its list, its filter being typed, a pane).
    fn keys(&self) -> Context;

    /// Reads everything from the start (the console opens).
    fn load(&mut self, cx: &mut Ctx) -> Result<(), StoreError>;

    /// Shows a change made anywhere, the cursor kept where it was. `shown` says whether the
    /// screen is the one on screen: a screen that is costly to read may wait until it is.
    fn refresh(&mut self, cx: &mut Ctx, shown: bool) -> Result<(), StoreError>;

    /// The user switched to the screen.
    fn show(&mut self, _cx: &mut Ctx) -> Result<(), StoreError> {
        Ok(())
    }

    /// Rows of the body on the terminal; the drawing code tells after each resize.
    fn set_height(&mut self, rows: usize);

    /// A command of the screen's part of the key table.
    fn run(&mut self, cmd: Cmd, cx: &mut Ctx) -> Handled;

    /// A key while the screen takes text (its `keys()` is a text-entry context).
    fn type_key(&mut self, _ev: &KeyEvent, _cx: &mut Ctx) {}

    /// A follow-up of something done elsewhere (see [`Event`]).
    fn notify(&mut self, _event: &Event, _cx: &mut Ctx) {}

    /// The answer to a list query the screen asked off the input path.
    fn answer(&mut self, _answer: Answer) {}

    /// Whether rows the screen asked for off the input path (a new filter's) are on their way.
    fn is_filtering(&self) -> bool {
        false
    }

    /// `X`: what the screen shows, as an Excel file; `Err` says why there is nothing.
    fn excel(&self, today: NaiveDate) -> Result<FileJob, String>;

    /// `v`: a PDF of the row under the cursor, where the screen has one.
    fn pdf(&self, _today: NaiveDate) -> Result<FileJob, String> {
        Err("nothing here to write as PDF".into())
    }
}

/// A screen as the tab bar registers it.
#[derive(Clone, Copy)]
pub struct ScreenEntry {
    pub title: &'static str,
    /// For narrow terminals, where every tab must still show.
    pub short_title: &'static str,
    /// How the help names it: "go to {name}".
    pub name: &'static str,
    /// Every key context of the screen and of the views it opens, for docs/keys.md.
    pub contexts: &'static [Context],
    pub make: fn(NaiveDate) -> Box<dyn Screen>,
}
