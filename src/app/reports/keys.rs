//! The keys of the report and of what a figure is made of.

use super::super::history::keys::history_key;
use super::super::keymap::shared::{EXCEL, MOTION};
use super::super::keymap::{Binding, Cmd, Context, b, code, k};
use crate::domain::rights::Action;
use crossterm::event::KeyCode;

const REPORT_KEYS: &[Binding] = &[
    b(
        &[code(KeyCode::Enter)],
        Cmd::Open,
        "open",
        "what the figure under the cursor is made of (items, invoices, adjustments)",
    ),
    b(
        &[k('h'), code(KeyCode::Left)],
        Cmd::Left,
        "",
        "the figure to the left",
    ),
    b(
        &[k('l'), code(KeyCode::Right)],
        Cmd::Right,
        "",
        "the figure to the right",
    ),
    b(
        &[k('b')],
        Cmd::GroupBy,
        "by",
        "group by project, account or business unit (switches)",
    ),
    b(
        &[k('c')],
        Cmd::NextCurrency,
        "currency",
        "the next currency",
    ),
    b(
        &[k('[')],
        Cmd::EarlierMonths,
        "",
        "the range a month earlier",
    ),
    b(&[k(']')], Cmd::LaterMonths, "", "the range a month later"),
    b(&[k('r')], Cmd::Range, "range", "choose the range of months"),
    b(
        &[k('n')],
        Cmd::New,
        "adjust",
        "new revenue adjustment (accrual or deferral) with a reason",
    )
    .needs(Action::EditRevenue),
    b(
        &[k('A')],
        Cmd::Adjustments,
        "",
        "every revenue adjustment of the range that the filter keeps (change or delete them there)",
    ),
    history_key(
        "change history: a figure has none of its own; Enter lists what makes it up, H there shows each one's",
    ),
    b(
        &[k('/')],
        Cmd::Filter,
        "narrow",
        "narrow the report as you type to projects, accounts or business units (the group's code or name; terms project: account: bu:), totals and chart with it; Enter keeps it, Esc clears it",
    ),
    b(&[code(KeyCode::Esc)], Cmd::Back, "", "clear the filter"),
];

const BREAKDOWN_KEYS: &[Binding] = &[
    b(
        &[code(KeyCode::Esc)],
        Cmd::Back,
        "back",
        "back to the report",
    ),
    b(
        &[code(KeyCode::Enter)],
        Cmd::Open,
        "open",
        "open the item, the invoice, or the adjustment's form",
    ),
    b(
        &[k('n')],
        Cmd::New,
        "new",
        "new revenue adjustment with a reason",
    )
    .needs(Action::EditRevenue),
    b(
        &[k('e')],
        Cmd::Edit,
        "edit",
        "change the adjustment under the cursor (asks a reason)",
    )
    .needs(Action::EditRevenue),
    b(
        &[code(KeyCode::Delete)],
        Cmd::Delete,
        "",
        "delete the adjustment under the cursor (asks a reason)",
    )
    .needs(Action::EditRevenue),
    history_key("the change history of the adjustment, item or invoice under the cursor"),
];

pub const REPORTS: Context = Context::screen("Revenue and billing", &[REPORT_KEYS, EXCEL, MOTION]);
/// What a report figure is made of.
pub const BREAKDOWN: Context =
    Context::screen("What a figure is made of", &[BREAKDOWN_KEYS, EXCEL, MOTION]);
