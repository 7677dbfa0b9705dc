//! The keys of the change history view, and the `H` every screen binds to open it.

use super::super::keymap::shared::MOTION;
use super::super::keymap::{Binding, Cmd, Context, Key, b, code, k};
use crate::domain::rights::Action;
use crossterm::event::KeyCode;

/// `H` on a screen or view: the change history of what is under the cursor, said in `help`.
/// Every role may read it (`Action::ReadHistory`).
pub const fn history_key(help: &'static str) -> Binding {
    const H: &[Key] = &[k('H')];
    b(H, Cmd::History, "history", help).needs(Action::ReadHistory)
}

const HISTORY_KEYS: &[Binding] = &[b(
    &[code(KeyCode::Esc)],
    Cmd::Back,
    "back",
    "back to where the history was opened",
)];

/// The change history of an object: newest first, scrolled with the motions.
pub const HISTORY: Context = Context::screen("Change history", &[HISTORY_KEYS, MOTION]);
