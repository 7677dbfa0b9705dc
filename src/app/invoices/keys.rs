//! The keys of the invoice list and of an invoice opened over it.

use super::super::history::keys::history_key;
use super::super::keymap::shared::{EXCEL, LIST, MOTION, PDF};
use super::super::keymap::{Binding, Cmd, Context, b, code, k};
use crate::domain::rights::Action;
use crossterm::event::KeyCode;

const INVOICE_KEYS: &[Binding] = &[
    b(
        &[k('c')],
        Cmd::Confirm,
        "confirm",
        "confirm the selected drafts (or the cursor's)",
    )
    .needs(Action::Confirm),
    b(
        &[k('r')],
        Cmd::Credit,
        "credit",
        "start a credit note for the confirmed invoice",
    )
    .needs(Action::Credit),
    b(
        &[k('n')],
        Cmd::New,
        "",
        "new invoice (invoices are made from billable items)",
    ),
    b(&[k('e')], Cmd::Edit, "edit", "edit the draft").needs(Action::Invoice),
    b(
        &[k('p')],
        Cmd::Copy,
        "",
        "copy (invoices are made from billable items)",
    ),
    b(
        &[code(KeyCode::Delete)],
        Cmd::Delete,
        "",
        "delete the draft (asks; refused for confirmed invoices)",
    )
    .needs(Action::Invoice),
    history_key(
        "the change history of the invoice or credit note: dates, line amounts with their reasons, confirmation",
    ),
];

/// What a document opened over the list leads to: its lines' items and its history.
const DOCUMENT_LINKS: &[Binding] = &[
    b(
        &[code(KeyCode::Enter)],
        Cmd::Open,
        "item",
        "open the revenue item of the line under the cursor (its summary; Esc comes back)",
    ),
    history_key(
        "the change history of the document: dates, line amounts with their reasons (each line labelled), confirmation",
    ),
];

const DRAFT_KEYS: &[Binding] = &[
    b(&[code(KeyCode::Esc)], Cmd::Back, "back", "back to the list"),
    b(
        &[k('e')],
        Cmd::Edit,
        "dates",
        "edit the draft's invoice and due dates",
    )
    .needs(Action::Invoice),
    b(
        &[k('m')],
        Cmd::EditAmount,
        "amount",
        "change the amount of the line under the cursor (asks a reason)",
    )
    .needs(Action::Invoice),
    b(
        &[k('d')],
        Cmd::EditText,
        "text",
        "change the description of the line under the cursor",
    )
    .needs(Action::Invoice),
    b(&[k('c')], Cmd::Confirm, "confirm", "confirm the draft").needs(Action::Confirm),
    b(
        &[code(KeyCode::Delete)],
        Cmd::Delete,
        "",
        "delete the draft (asks)",
    )
    .needs(Action::Invoice),
];

const CONFIRMED_KEYS: &[Binding] = &[
    b(&[code(KeyCode::Esc)], Cmd::Back, "back", "back to the list"),
    b(
        &[k('r')],
        Cmd::Credit,
        "credit",
        "start a credit note for this invoice",
    )
    .needs(Action::Credit),
];

pub const INVOICES: Context =
    Context::screen("Invoices", &[INVOICE_KEYS, LIST, EXCEL, PDF, MOTION]);
/// A draft invoice or credit note: dates, amounts, confirm, delete.
pub const DRAFT_VIEW: Context =
    Context::screen("Draft invoice", &[DRAFT_KEYS, DOCUMENT_LINKS, PDF, MOTION]);
/// A confirmed document: read, credit.
pub const CONFIRMED_VIEW: Context = Context::screen(
    "Confirmed invoice",
    &[CONFIRMED_KEYS, DOCUMENT_LINKS, PDF, MOTION],
);
