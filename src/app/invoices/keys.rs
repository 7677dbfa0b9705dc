//! The keys of the invoice list and of an invoice opened over it.

use super::super::keymap::shared::{EXCEL, LIST, MOTION, PDF};
use super::super::keymap::{Binding, Cmd, Context, b, code, k};
use crossterm::event::KeyCode;

const INVOICE_KEYS: &[Binding] = &[
    b(
        &[k('c')],
        Cmd::Confirm,
        "confirm",
        "confirm the selected drafts (or the cursor's)",
    ),
    b(
        &[k('r')],
        Cmd::Credit,
        "credit",
        "start a credit note for the confirmed invoice",
    ),
    b(
        &[k('n')],
        Cmd::New,
        "",
        "new invoice (invoices are made from billable items)",
    ),
    b(&[k('e')], Cmd::Edit, "edit", "edit the draft"),
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
    ),
];

const DRAFT_KEYS: &[Binding] = &[
    b(&[code(KeyCode::Esc)], Cmd::Back, "back", "back to the list"),
    b(
        &[k('e')],
        Cmd::Edit,
        "dates",
        "edit the draft's invoice and due dates",
    ),
    b(
        &[k('m')],
        Cmd::EditAmount,
        "amount",
        "change the amount of the line under the cursor (asks a reason)",
    ),
    b(
        &[k('d')],
        Cmd::EditText,
        "text",
        "change the description of the line under the cursor",
    ),
    b(&[k('c')], Cmd::Confirm, "confirm", "confirm the draft"),
    b(
        &[code(KeyCode::Delete)],
        Cmd::Delete,
        "",
        "delete the draft (asks)",
    ),
];

const CONFIRMED_KEYS: &[Binding] = &[
    b(&[code(KeyCode::Esc)], Cmd::Back, "back", "back to the list"),
    b(
        &[k('r')],
        Cmd::Credit,
        "credit",
        "start a credit note for this invoice",
    ),
];

pub const INVOICES: Context =
    Context::screen("Invoices", &[INVOICE_KEYS, LIST, EXCEL, PDF, MOTION]);
/// A draft invoice or credit note: dates, amounts, confirm, delete.
pub const DRAFT_VIEW: Context = Context::screen("Draft invoice", &[DRAFT_KEYS, PDF, MOTION]);
/// A confirmed document: read, credit.
pub const CONFIRMED_VIEW: Context =
    Context::screen("Confirmed invoice", &[CONFIRMED_KEYS, PDF, MOTION]);
