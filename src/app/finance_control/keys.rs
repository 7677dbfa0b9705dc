//! The keys of finance control.

use super::super::item_list::keys::{ITEM_LINKS, REVENUE_EDITS};
use super::super::keymap::shared::{EXCEL, LIST, MOTION, PDF};
use super::super::keymap::{Binding, Cmd, Context, b, k};
use crate::domain::rights::Action;

const FINANCE_KEYS: &[Binding] = &[
    b(
        &[k('h')],
        Cmd::Horizon,
        "",
        "horizon: show items planned up to a date (default today + 30 days)",
    ),
    b(
        &[k('i')],
        Cmd::MakeDrafts,
        "invoice",
        "make draft invoices from the selected billable items (one per account and currency)",
    )
    .needs(Action::Invoice),
    b(
        &[k('c')],
        Cmd::Confirm,
        "confirm",
        "confirm the drafts of the selected rows (or the cursor's)",
    )
    .needs(Action::Confirm),
];

pub const FINANCE_CONTROL: Context = Context::screen(
    "Finance control",
    &[
        FINANCE_KEYS,
        REVENUE_EDITS,
        ITEM_LINKS,
        LIST,
        EXCEL,
        PDF,
        MOTION,
    ],
);
