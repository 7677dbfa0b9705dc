//! The screen interface: what the console calls on each screen of the tab bar. A screen keeps
//! its own state (lists, cursor, filter, selection), answers the commands of its part of the
//! key table, loads and refreshes itself, and says what `X` and `v` write. Everything else (the
//! overlay stack, the status line, background work) reaches it through [`Ctx`].

use super::background::{Answer, FileJob};
use super::keymap::{Cmd, Context};
use super::work::{Ctx, Event, ScreenAccess};
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

    /// A paste of one line while the screen takes text (see [`Screen::type_key`]).
    fn paste(&mut self, _line: &str, cx: &mut Ctx) {
        cx.info("paste does nothing here: no text field has the focus");
    }

    /// A follow-up of something done elsewhere (see [`Event`]).
    fn notify(&mut self, _event: &Event, _cx: &mut Ctx) {}

    /// The answer to a list query the screen asked off the input path.
    fn answer(&mut self, _answer: Answer) {}

    /// After answers came in (see [`Screen::answer`]): a split screen reads the detail of the
    /// row now under the cursor.
    fn answered(&mut self, _cx: &mut Ctx) {}

    /// Whether rows the screen asked for off the input path (a new filter's) are on their way.
    fn is_filtering(&self) -> bool {
        false
    }

    /// A query the screen asked off the input path failed (the status line says why): it no
    /// longer says rows are on their way.
    fn query_failed(&mut self) {}

    /// Whether `cmd` may act before the rows on their way come: it does not look at them,
    /// only asks for new ones (a report's next months). Other keys wait for the rows.
    fn goes_ahead(&self, _cmd: Cmd) -> bool {
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

/// The screens, made from the registration, and which one is shown.
pub struct Screens {
    entries: &'static [ScreenEntry],
    list: Vec<Box<dyn Screen>>,
    current: usize,
}

impl Screens {
    /// The screens `entries` register, made for `today`.
    pub fn new(entries: &'static [ScreenEntry], today: NaiveDate) -> Screens {
        Screens {
            entries,
            list: entries.iter().map(|e| (e.make)(today)).collect(),
            current: 0,
        }
    }

    pub fn entries(&self) -> &'static [ScreenEntry] {
        self.entries
    }

    /// How the help names the screens, in tab order.
    pub fn names(&self) -> Vec<&'static str> {
        self.entries.iter().map(|e| e.name).collect()
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn current_index(&self) -> usize {
        self.current
    }

    pub fn set_current(&mut self, index: usize) {
        self.current = index.min(self.list.len().saturating_sub(1));
    }

    pub fn current(&self) -> &dyn Screen {
        self.list[self.current].as_ref()
    }

    pub fn current_entry(&self) -> &'static ScreenEntry {
        &self.entries[self.current]
    }

    pub fn at(&self, index: usize) -> &dyn Screen {
        self.list[index].as_ref()
    }

    pub fn at_mut(&mut self, index: usize) -> &mut dyn Screen {
        self.list[index].as_mut()
    }

    /// The position of the screen registered with this title.
    pub fn index_of(&self, title: &str) -> Option<usize> {
        self.entries.iter().position(|e| e.title == title)
    }

    /// The screen of type `T`.
    pub fn get<T: Screen>(&self) -> Option<&T> {
        self.list
            .iter()
            .find_map(|s| (s.as_ref() as &dyn Any).downcast_ref::<T>())
    }

    pub fn get_mut<T: Screen>(&mut self) -> Option<&mut T> {
        self.list
            .iter_mut()
            .find_map(|s| (s.as_mut() as &mut dyn Any).downcast_mut::<T>())
    }

    /// Whether the screen shown is a `T`.
    pub fn is_current<T: Screen>(&self) -> bool {
        (self.current() as &dyn Any).is::<T>()
    }

    /// The position of the screen of type `T`.
    pub fn index_of_type<T: Screen>(&self) -> Option<usize> {
        self.list
            .iter()
            .position(|s| (s.as_ref() as &dyn Any).is::<T>())
    }
}

impl ScreenAccess for Screens {
    fn screens_mut(&mut self) -> Vec<&mut dyn Any> {
        self.list
            .iter_mut()
            .map(|s| s.as_mut() as &mut dyn Any)
            .collect()
    }
}
