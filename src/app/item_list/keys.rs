//! The keys both revenue item lists bind besides the list's own: status changes and quick
//! edits; the item's change history and the invoice it is on.

use super::super::history::keys::history_key;
use super::super::keymap::{Binding, Cmd, b, k};
use crate::domain::rights::Action;

/// What an item leads to, on both lists and in its summary.
pub const ITEM_LINKS: &[Binding] = &[
    history_key("the change history of the item (who, when, old and new value, why)"),
    b(
        &[k('I')],
        Cmd::OpenInvoice,
        "its invoice",
        "open the invoice or draft the item is on (Esc comes back here)",
    ),
];

pub const REVENUE_EDITS: &[Binding] = &[
    b(
        &[k('o')],
        Cmd::SetOpen,
        "",
        "set the selected items (or the cursor's) open",
    )
    .needs(Action::EditRevenue),
    b(
        &[k('b')],
        Cmd::SetBillable,
        "billable",
        "set the selected items (or the cursor's) billable",
    )
    .needs(Action::EditRevenue),
    b(
        &[k('x')],
        Cmd::SetRejected,
        "",
        "set the selected items (or the cursor's) rejected",
    )
    .needs(Action::EditRevenue),
    b(
        &[k('t')],
        Cmd::EditDate,
        "date",
        "quick edit of the planned invoice date, in place",
    )
    .needs(Action::EditRevenue),
    b(
        &[k('m')],
        Cmd::EditAmount,
        "amount",
        "quick edit of the planned amount (not time and materials)",
    )
    .needs(Action::EditRevenue),
];
