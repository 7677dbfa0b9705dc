//! The keys of the revenue items screen.

use super::super::item_list::keys::{ITEM_LINKS, REVENUE_EDITS};
use super::super::keymap::shared::{EXCEL, LIST, MOTION, PDF};
use super::super::keymap::{Binding, Cmd, Context, b, code, k};
use crate::domain::rights::Action;
use crossterm::event::KeyCode;

const ITEM_FORMS: &[Binding] = &[
    b(&[k('n')], Cmd::New, "new", "new revenue item").needs(Action::EditRevenue),
    b(&[k('e')], Cmd::Edit, "edit", "edit the item").needs(Action::EditRevenue),
    b(
        &[k('p')],
        Cmd::Copy,
        "",
        "copy the item into a new open one",
    )
    .needs(Action::EditRevenue),
    b(
        &[code(KeyCode::Delete)],
        Cmd::Delete,
        "",
        "delete the selected items, else the one under the cursor (asks, naming how many and their total; items on an invoice are kept)",
    )
    .needs(Action::EditRevenue),
];

pub const REVENUE_ITEMS: Context = Context::screen(
    "Revenue items",
    &[
        REVENUE_EDITS,
        ITEM_FORMS,
        ITEM_LINKS,
        LIST,
        EXCEL,
        PDF,
        MOTION,
    ],
);
