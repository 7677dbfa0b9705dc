//! Typing a `/` filter, the same on every filtered list and on the report: Enter keeps the
//! filter (unless the text does not read), Esc clears it, `q` quits, the other keys type (at
//! most [`MAX_FILTER_CHARS`]); a paste goes at the end. Each text that reads is handed to the
//! list to follow; one that does not is said, and the list keeps the last filter that read.

use super::filter_input::edit_line;
use super::keymap::{self, Cmd, shared};
use super::work::{Ctx, Event};
use crossterm::event::KeyEvent;

/// The most characters a filter holds: more than any name or number it looks for, and far
/// below the longest LIKE pattern SQLite takes (50,000 bytes), which a longer paste failed on.
pub const MAX_FILTER_CHARS: usize = 200;

/// The filter line while it is open: the text typed, and why it does not read as a filter.
pub struct FilterLine<'a> {
    pub input: &'a mut Option<String>,
    pub error: &'a mut Option<String>,
}

/// What the list does after a key or a paste on its filter line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Typed {
    /// Nothing more (a key that types nothing, the input closed, a refusal already said).
    Done,
    /// Esc: the input closed; the list shows everything again.
    Cleared,
    /// The text now typed reads as a filter: the list follows it.
    Text(String),
}

fn too_long() -> String {
    format!("a filter holds at most {MAX_FILTER_CHARS} characters")
}

impl FilterLine<'_> {
    /// A key while the filter is typed; `check` says why a text does not read as a filter.
    pub fn key(
        self,
        ev: &KeyEvent,
        check: impl Fn(&str) -> Result<(), String>,
        cx: &mut Ctx,
    ) -> Typed {
        match keymap::lookup(shared::FILTER_INPUT, ev) {
            Some(Cmd::Quit) => {
                cx.emit(Event::Quit);
                return Typed::Done;
            }
            Some(Cmd::Save) => {
                if let Some(e) = self.error {
                    cx.error(format!("the filter does not read: {e}"));
                } else {
                    *self.input = None;
                }
                return Typed::Done;
            }
            Some(Cmd::Back) => {
                *self.input = None;
                return Typed::Cleared;
            }
            _ => {}
        }
        let Some(input) = self.input.as_mut() else {
            return Typed::Done;
        };
        let before = input.clone();
        if !edit_line(input, ev) {
            return Typed::Done;
        }
        if input.chars().count() > MAX_FILTER_CHARS {
            *input = before;
            cx.error(too_long());
            return Typed::Done;
        }
        let typed = input.clone();
        accept(typed, self.error, check, cx)
    }

    /// A pasted line at the end of the filter being typed: one text for all of it.
    pub fn paste(
        self,
        line: &str,
        check: impl Fn(&str) -> Result<(), String>,
        cx: &mut Ctx,
    ) -> Typed {
        let Some(input) = self.input.as_mut() else {
            return Typed::Done;
        };
        if line.is_empty() {
            return Typed::Done;
        }
        if input.chars().count() + line.chars().count() > MAX_FILTER_CHARS {
            cx.error(format!("{}: nothing pasted", too_long()));
            return Typed::Done;
        }
        input.push_str(line);
        let typed = input.clone();
        accept(typed, self.error, check, cx)
    }
}

/// The text typed, if it reads; else the filter line and the status line say why.
fn accept(
    typed: String,
    error: &mut Option<String>,
    check: impl Fn(&str) -> Result<(), String>,
    cx: &mut Ctx,
) -> Typed {
    if let Err(e) = check(&typed) {
        // In full on the status line (which wraps); the filter line says it if it fits.
        cx.error(e.clone());
        *error = Some(e);
        return Typed::Done;
    }
    forget_error(error, cx);
    Typed::Text(typed)
}

/// A filter that reads again, or is cleared: the refusal said before goes.
pub fn forget_error(error: &mut Option<String>, cx: &mut Ctx) {
    if error.take().is_some() {
        cx.status.clear();
    }
}
