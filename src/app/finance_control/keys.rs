//! The keys of finance control.

use super::super::item_list::keys::REVENUE_EDITS;
use super::super::keymap::shared::{EXCEL, LIST, MOTION, PDF};
use super::super::keymap::{Binding, Cmd, Context, b, k};

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
    ),
    b(
        &[k('c')],
        Cmd::Confirm,
        "confirm",
        "confirm the drafts of the selected rows (or the cursor's)",
    ),
];

pub const FINANCE_CONTROL: Context = Context::screen(
    "Finance control",
    &[FINANCE_KEYS, REVENUE_EDITS, LIST, EXCEL, PDF, MOTION],
);
