//! The keys of an item's summary.

use super::super::item_list::keys::ITEM_LINKS;
use super::super::keymap::shared::{MOTION, PDF};
use super::super::keymap::{Binding, Cmd, Context, b, code, k};
use crate::domain::rights::Action;
use crossterm::event::KeyCode;

const SUMMARY: &[Binding] = &[
    b(&[code(KeyCode::Esc)], Cmd::Back, "back", "back to the list"),
    b(&[k('e')], Cmd::Edit, "edit", "edit the item").needs(Action::EditRevenue),
];

pub const ITEM_SUMMARY: Context =
    Context::screen("Revenue item summary", &[SUMMARY, ITEM_LINKS, PDF, MOTION]);
