//! The keys of the welcome.

use super::super::keymap::{Binding, Cmd, Context, b, code};
use crossterm::event::KeyCode;

const WELCOME_KEYS: &[Binding] = &[b(
    &[code(KeyCode::Esc), code(KeyCode::Enter)],
    Cmd::Back,
    "close",
    "close the welcome (the screens are empty until data comes in)",
)];

pub const WELCOME: Context = Context::screen("Welcome", &[WELCOME_KEYS]);
