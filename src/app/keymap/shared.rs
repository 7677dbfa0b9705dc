//! The key groups every screen shares: the console's own keys, the motions, what a filtered,
//! selectable list answers, files, and the contexts of forms, dialogs, the help and text entry.

use super::cmd::Cmd;
use super::context::Context;
use super::key::{Binding, b, code, ctrl, k};
use crossterm::event::KeyCode;

/// The console's keys. The digits go to the screen at that position on the tab bar; the help
/// names it (see `keymap::help`).
pub const GLOBAL: &[Binding] = &[
    b(&[k('1')], Cmd::GoTab(0), "", ""),
    b(&[k('2')], Cmd::GoTab(1), "", ""),
    b(&[k('3')], Cmd::GoTab(2), "", ""),
    b(&[k('4')], Cmd::GoTab(3), "", ""),
    b(&[k('5')], Cmd::GoTab(4), "", ""),
    b(&[k('6')], Cmd::GoTab(5), "", ""),
    b(&[k('7')], Cmd::GoTab(6), "", ""),
    b(&[k('8')], Cmd::GoTab(7), "", ""),
    b(&[k('9')], Cmd::GoTab(8), "", ""),
    b(&[code(KeyCode::Tab)], Cmd::NextTab, "", "next screen"),
    b(
        &[code(KeyCode::BackTab)],
        Cmd::PrevTab,
        "",
        "previous screen",
    ),
    b(
        &[k('?')],
        Cmd::Help,
        "help",
        "help: every key of this screen",
    ),
    b(
        &[k('#')],
        Cmd::NumberFormat,
        "",
        "number format: how figures are shown and typed (1,234.56, 1.234,56 and two more)",
    ),
    b(
        &[k('q')],
        Cmd::Quit,
        "quit",
        "quit (asks first if unsaved changes or a file would be lost)",
    ),
    b(&[ctrl('c')], Cmd::Quit, "", "quit at once, from anywhere"),
];

/// The terminal's keys: they act in every context, text fields included.
pub const TERMINAL: &[Binding] = &[
    b(
        &[ctrl('l')],
        Cmd::Redraw,
        "",
        "draw the screen again (another program wrote over it)",
    ),
    b(
        &[ctrl('z')],
        Cmd::Suspend,
        "",
        "suspend: back to the shell; fg brings finctl back",
    ),
];

pub const MOTION: &[Binding] = &[
    b(
        &[k('j'), code(KeyCode::Down)],
        Cmd::Down,
        "move",
        "move down",
    ),
    b(&[k('k'), code(KeyCode::Up)], Cmd::Up, "", "move up"),
    b(&[code(KeyCode::PageDown)], Cmd::PageDown, "", "page down"),
    b(&[code(KeyCode::PageUp)], Cmd::PageUp, "", "page up"),
    b(&[k('g'), code(KeyCode::Home)], Cmd::Top, "", "first row"),
    b(&[k('G'), code(KeyCode::End)], Cmd::Bottom, "", "last row"),
];

/// A list with a filter and a selection.
pub const LIST: &[Binding] = &[
    b(
        &[k('/')],
        Cmd::Filter,
        "filter",
        "filter as you type: words, or terms like status:billable; Enter keeps it, Esc clears it",
    ),
    b(
        &[k(' ')],
        Cmd::ToggleSelect,
        "select",
        "select or unselect the row",
    ),
    b(
        &[k('a')],
        Cmd::SelectAll,
        "",
        "select every row the filter shows; again unselects",
    ),
    b(
        &[code(KeyCode::Enter)],
        Cmd::Open,
        "open",
        "open the summary of the row",
    ),
    b(
        &[code(KeyCode::Esc)],
        Cmd::Back,
        "",
        "clear the selection, or else the filter",
    ),
];

pub const EXCEL: &[Binding] = &[b(
    &[k('X')],
    Cmd::Excel,
    "",
    "write what the list shows (the filter applied) to an Excel file in the current folder",
)];

pub const PDF: &[Binding] = &[b(
    &[k('v')],
    Cmd::Pdf,
    "",
    "write a PDF of the invoice or revenue item (its summary) to the current folder",
)];

const FORM_KEYS: &[Binding] = &[
    b(
        &[code(KeyCode::Tab), code(KeyCode::Down)],
        Cmd::NextField,
        "next",
        "next field",
    ),
    b(
        &[code(KeyCode::BackTab), code(KeyCode::Up)],
        Cmd::PrevField,
        "previous",
        "previous field",
    ),
    b(&[ctrl('s')], Cmd::Save, "save", "save"),
    b(
        &[code(KeyCode::Esc)],
        Cmd::Back,
        "cancel",
        "close the form (asks if something changed)",
    ),
    b(&[ctrl('c')], Cmd::Quit, "", "quit at once"),
];

/// A picker's field: typing narrows its list of choices, which these also open.
const PICK_OPEN_KEYS: &[Binding] = &[b(
    &[ctrl(' '), code(KeyCode::F(4))],
    Cmd::Open,
    "choices",
    "show the choices for what is typed (typing shows them too)",
)];

/// A picker's list of choices, open under its field.
const PICK_LIST_KEYS: &[Binding] = &[
    b(
        &[code(KeyCode::Down)],
        Cmd::Down,
        "",
        "highlight the next choice",
    ),
    b(
        &[code(KeyCode::Up)],
        Cmd::Up,
        "",
        "highlight the previous choice",
    ),
    b(
        &[code(KeyCode::Enter)],
        Cmd::Open,
        "take",
        "put the highlighted choice in the field and go on (on the last field: save)",
    ),
    b(
        &[code(KeyCode::Esc)],
        Cmd::Back,
        "close list",
        "close the list; the text stays as typed",
    ),
    b(
        &[code(KeyCode::Tab)],
        Cmd::NextField,
        "next",
        "next field (the text stays as typed)",
    ),
    b(
        &[code(KeyCode::BackTab)],
        Cmd::PrevField,
        "",
        "previous field",
    ),
    b(&[ctrl('s')], Cmd::Save, "save", "save"),
    b(&[ctrl('c')], Cmd::Quit, "", "quit at once"),
];

const DIALOG_KEYS: &[Binding] = &[
    b(&[k('y'), code(KeyCode::Enter)], Cmd::Yes, "yes", "yes"),
    b(&[k('n'), code(KeyCode::Esc)], Cmd::No, "no", "no"),
    b(&[ctrl('c')], Cmd::Quit, "", "quit at once"),
];

const HELP_KEYS: &[Binding] = &[
    b(
        &[code(KeyCode::Esc), k('?'), k('q')],
        Cmd::Back,
        "close",
        "close the help",
    ),
    b(&[k('j'), code(KeyCode::Down)], Cmd::Down, "", "scroll down"),
    b(&[k('k'), code(KeyCode::Up)], Cmd::Up, "", "scroll up"),
    b(&[ctrl('c')], Cmd::Quit, "", "quit at once"),
];

const FILTER_INPUT_KEYS: &[Binding] = &[
    b(
        &[code(KeyCode::Enter)],
        Cmd::Save,
        "keep",
        "keep the filter",
    ),
    b(
        &[code(KeyCode::Esc)],
        Cmd::Back,
        "clear",
        "clear the filter",
    ),
    b(&[ctrl('c')], Cmd::Quit, "", "quit at once"),
];

const QUICK_EDIT_KEYS: &[Binding] = &[
    b(&[code(KeyCode::Enter)], Cmd::Save, "save", "save"),
    b(&[code(KeyCode::Esc)], Cmd::Back, "cancel", "cancel"),
    b(&[ctrl('c')], Cmd::Quit, "", "quit at once"),
];

pub const FORM: Context = Context::text_entry("Form", &[FORM_KEYS]);
pub const PICK_FIELD: Context = Context::text_entry("Form: a picker", &[PICK_OPEN_KEYS, FORM_KEYS]);
pub const PICK_LIST: Context = Context::text_entry("Form: a picker's choices", &[PICK_LIST_KEYS]);
pub const DIALOG: Context = Context::popup("Dialog", &[DIALOG_KEYS]);
pub const HELP: Context = Context::popup("Help", &[HELP_KEYS]);
pub const FILTER_INPUT: Context = Context::text_entry("Filter", &[FILTER_INPUT_KEYS]);
pub const QUICK_EDIT: Context = Context::text_entry("Quick edit", &[QUICK_EDIT_KEYS]);

/// The shared contexts, in the order docs/keys.md lists them after the screens'.
pub const SHARED_CONTEXTS: [Context; 7] = [
    FORM,
    PICK_FIELD,
    PICK_LIST,
    DIALOG,
    FILTER_INPUT,
    QUICK_EDIT,
    HELP,
];
