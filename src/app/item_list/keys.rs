//! The keys both revenue item lists bind besides the list's own: status changes and quick edits.

use super::super::keymap::{Binding, Cmd, b, k};

pub const REVENUE_EDITS: &[Binding] = &[
    b(
        &[k('o')],
        Cmd::SetOpen,
        "",
        "set the selected items (or the cursor's) open",
    ),
    b(
        &[k('b')],
        Cmd::SetBillable,
        "billable",
        "set the selected items (or the cursor's) billable",
    ),
    b(
        &[k('x')],
        Cmd::SetRejected,
        "",
        "set the selected items (or the cursor's) rejected",
    ),
    b(
        &[k('t')],
        Cmd::EditDate,
        "date",
        "quick edit of the planned invoice date, in place",
    ),
    b(
        &[k('m')],
        Cmd::EditAmount,
        "amount",
        "quick edit of the planned amount (not time and materials)",
    ),
];
