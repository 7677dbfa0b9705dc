//! The keys of the progress screen: on both panes, then each pane's own.

use super::super::history::keys::history_key;
use super::super::keymap::shared::{EXCEL, MOTION};
use super::super::keymap::{Binding, Cmd, Context, b, code, k};
use crate::domain::rights::Action;
use crossterm::event::KeyCode;

/// Keys on both panes; on the line list they act on the line's pending period (or, for `u`
/// and `Delete`, its last one).
const PROGRESS_KEYS: &[Binding] = &[
    b(
        &[k('R')],
        Cmd::Refresh,
        "refresh",
        "refresh the pending period from the estimated progress",
    )
    .needs(Action::EditProgress),
    b(
        &[k('e')],
        Cmd::Edit,
        "edit",
        "edit the pending period: dates and one of billed %, quantity, amount (the others follow)",
    )
    .needs(Action::EditProgress),
    b(
        &[k('v')],
        Cmd::Validate,
        "validate",
        "validate the period (asks): its billed amount becomes a billable revenue item",
    )
    .needs(Action::EditProgress),
    b(
        &[k('u')],
        Cmd::Unvalidate,
        "",
        "unvalidate the period (asks; the last validated one, not invoiced)",
    )
    .needs(Action::EditProgress),
    b(
        &[code(KeyCode::Delete)],
        Cmd::Delete,
        "",
        "delete the last period if it is not validated (asks)",
    )
    .needs(Action::EditProgress),
    b(
        &[k('%')],
        Cmd::SetProgress,
        "progress",
        "set the estimated progress % of the line's project (or milestone)",
    )
    .needs(Action::EditProgress),
    b(
        &[k('E')],
        Cmd::EditLine,
        "",
        "change the line's quantity or unit price until its periods are validated to 100 % (the pending period asks for a refresh)",
    )
    .needs(Action::EditProgress),
    b(
        &[k('/')],
        Cmd::Filter,
        "filter",
        "filter the contract lines as you type (project, account, description; terms status:pending,refresh,idle project: account: bu: currency:); Enter keeps it, Esc clears it",
    ),
];

const LINE_KEYS: &[Binding] = &[
    b(
        &[code(KeyCode::Enter)],
        Cmd::Open,
        "periods",
        "go to the periods of the line",
    ),
    b(&[k('n')], Cmd::New, "new line", "new contract line").needs(Action::EditProgress),
    b(
        &[k('D')],
        Cmd::DeleteWhole,
        "",
        "delete the contract line with its periods and forecast item (asks; only while none of its periods is validated)",
    )
    .needs(Action::EditProgress),
    history_key("the change history of the contract line and of its periods (each labelled)"),
    b(&[code(KeyCode::Esc)], Cmd::Back, "", "clear the filter"),
];

const PERIOD_KEYS: &[Binding] = &[
    b(
        &[code(KeyCode::Esc)],
        Cmd::Back,
        "lines",
        "back to the contract lines",
    ),
    b(
        &[k('n')],
        Cmd::New,
        "new period",
        "new progress status: the next billing period of the line",
    )
    .needs(Action::EditProgress),
    history_key("the change history of the period under the cursor"),
];

/// The progress screen with the focus on the contract lines.
pub const PROGRESS_LINES: Context = Context::screen(
    "Progress: contract lines",
    &[LINE_KEYS, PROGRESS_KEYS, EXCEL, MOTION],
);
/// The progress screen with the focus on the periods of the line.
pub const PROGRESS_PERIODS: Context = Context::screen(
    "Progress: periods of a line",
    &[PERIOD_KEYS, PROGRESS_KEYS, EXCEL, MOTION],
);
