//! The keys of the projects screen and of a project's billing overview.

use super::super::keymap::shared::{EXCEL, MOTION};
use super::super::keymap::{Binding, Cmd, Context, b, code, k};
use crossterm::event::KeyCode;

const PROJECT_KEYS: &[Binding] = &[
    b(
        &[k('/')],
        Cmd::Filter,
        "filter",
        "filter as you type (code, name, account, manager); Enter keeps it, Esc clears it",
    ),
    b(
        &[code(KeyCode::Enter)],
        Cmd::Open,
        "overview",
        "the project's billing overview: items by rule and status, plan, contract lines, milestones, invoiced and credited",
    ),
    b(&[code(KeyCode::Esc)], Cmd::Back, "", "clear the filter"),
];

const OVERVIEW_KEYS: &[Binding] = &[b(
    &[code(KeyCode::Esc)],
    Cmd::Back,
    "back",
    "back to the projects",
)];

pub const PROJECTS: Context = Context::screen("Projects", &[PROJECT_KEYS, EXCEL, MOTION]);
pub const OVERVIEW: Context = Context::screen("Project billing overview", &[OVERVIEW_KEYS, MOTION]);
