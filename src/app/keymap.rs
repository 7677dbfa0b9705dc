//! Every key of the console as data: what it does where, the footer's short label and the help
//! text. Dispatch, the footer and the help screen all read this one table, so they never drift.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmd {
    Quit,
    GoTab(usize),
    NextTab,
    PrevTab,
    Help,
    Back,
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    Filter,
    ToggleSelect,
    SelectAll,
    Open,
    MakeDrafts,
    Confirm,
    SetOpen,
    SetBillable,
    SetRejected,
    EditDate,
    EditAmount,
    EditText,
    Horizon,
    New,
    Edit,
    Copy,
    Delete,
    Credit,
    /// Progress: refresh the pending period from the estimated progress.
    Refresh,
    Validate,
    Unvalidate,
    /// Set the estimated progress % of the project or milestone.
    SetProgress,
    /// Change the contract line (quantity, unit price).
    EditLine,
    /// Mark the milestone reached, or reopen it.
    Reach,
    EditPlan,
    /// The figure to the left / right (report).
    Left,
    Right,
    /// Group the report by project, account or business unit.
    GroupBy,
    NextCurrency,
    EarlierMonths,
    LaterMonths,
    Range,
    /// The list of revenue adjustments.
    Adjustments,
    /// Write what the list shows to an Excel file.
    Excel,
    /// Write a PDF of the invoice or item.
    Pdf,
    Yes,
    No,
    NextField,
    PrevField,
    Save,
}

/// Where the user is; each context has its own keys (plus the global ones where it allows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    FinanceControl,
    RevenueItems,
    Invoices,
    ItemSummary,
    /// A draft invoice or credit note: dates, amounts, confirm, delete.
    DraftView,
    /// A confirmed document: read, credit.
    ConfirmedView,
    Form,
    Dialog,
    Help,
    FilterInput,
    QuickEdit,
    /// The progress screen with the focus on the contract lines.
    ProgressLines,
    /// The progress screen with the focus on the periods of the line.
    ProgressPeriods,
    Milestones,
    Reports,
    /// What a report figure is made of.
    Breakdown,
}

impl Context {
    /// Contexts where typing goes into a text field: only their own keys apply.
    pub fn is_text_entry(self) -> bool {
        matches!(self, Self::Form | Self::FilterInput | Self::QuickEdit)
    }

    /// Contexts with the screen keys (1 2 3, Tab, ?, q).
    pub fn has_globals(self) -> bool {
        matches!(
            self,
            Self::FinanceControl
                | Self::RevenueItems
                | Self::Invoices
                | Self::ItemSummary
                | Self::DraftView
                | Self::ConfirmedView
                | Self::ProgressLines
                | Self::ProgressPeriods
                | Self::Milestones
                | Self::Reports
                | Self::Breakdown
        )
    }

    pub fn title(self) -> &'static str {
        match self {
            Self::FinanceControl => "Finance control",
            Self::RevenueItems => "Revenue items",
            Self::Invoices => "Invoices",
            Self::ItemSummary => "Revenue item summary",
            Self::DraftView => "Draft invoice",
            Self::ConfirmedView => "Confirmed invoice",
            Self::Form => "Form",
            Self::Dialog => "Dialog",
            Self::Help => "Help",
            Self::FilterInput => "Filter",
            Self::QuickEdit => "Quick edit",
            Self::ProgressLines => "Progress: contract lines",
            Self::ProgressPeriods => "Progress: periods of a line",
            Self::Milestones => "Milestones and plans",
            Self::Reports => "Revenue and billing",
            Self::Breakdown => "What a figure is made of",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}

const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

impl Key {
    pub fn matches(&self, ev: &KeyEvent) -> bool {
        // Shift is part of the key itself ('G', '?', Shift-Tab arrives as BackTab + SHIFT).
        self.code == ev.code && ev.modifiers - KeyModifiers::SHIFT == self.mods
    }

    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Up => "Up".into(),
            KeyCode::Down => "Down".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Delete => "Delete".into(),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{}", base.to_uppercase())
        } else {
            base
        }
    }
}

/// One line of the key table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    pub cmd: Cmd,
    /// The footer's word for it; empty keeps it out of the footer (still in help).
    pub short: &'static str,
    pub help: &'static str,
}

const fn b(keys: &'static [Key], cmd: Cmd, short: &'static str, help: &'static str) -> Binding {
    Binding {
        keys,
        cmd,
        short,
        help,
    }
}

const GLOBAL: &[Binding] = &[
    b(&[k('1')], Cmd::GoTab(0), "", "go to finance control"),
    b(&[k('2')], Cmd::GoTab(1), "", "go to revenue items"),
    b(&[k('3')], Cmd::GoTab(2), "", "go to invoices"),
    b(&[k('4')], Cmd::GoTab(3), "", "go to progress billing"),
    b(&[k('5')], Cmd::GoTab(4), "", "go to milestones and plans"),
    b(
        &[k('6')],
        Cmd::GoTab(5),
        "",
        "go to the revenue and billing report",
    ),
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
        &[k('q')],
        Cmd::Quit,
        "quit",
        "quit (asks first if a form has unsaved changes)",
    ),
    b(&[ctrl('c')], Cmd::Quit, "", "quit at once, from anywhere"),
];

const MOTION: &[Binding] = &[
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

const LIST: &[Binding] = &[
    b(
        &[k('/')],
        Cmd::Filter,
        "filter",
        "filter as you type (name, project, account, invoice number); Enter keeps it, Esc clears it",
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

const REVENUE_EDITS: &[Binding] = &[
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
        "quick edit of the planned amount, in place",
    ),
];

const FINANCE: &[Binding] = &[
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

const ITEM_FORMS: &[Binding] = &[
    b(&[k('n')], Cmd::New, "new", "new revenue item"),
    b(&[k('e')], Cmd::Edit, "edit", "edit the item"),
    b(
        &[k('p')],
        Cmd::Copy,
        "",
        "copy the item into a new open one",
    ),
    b(
        &[code(KeyCode::Delete)],
        Cmd::Delete,
        "",
        "delete the item (asks; refused for items on an invoice)",
    ),
];

const INVOICES: &[Binding] = &[
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

const SUMMARY: &[Binding] = &[
    b(&[code(KeyCode::Esc)], Cmd::Back, "back", "back to the list"),
    b(&[k('e')], Cmd::Edit, "edit", "edit the item"),
];

const DRAFT_VIEW: &[Binding] = &[
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

const CONFIRMED_VIEW: &[Binding] = &[
    b(&[code(KeyCode::Esc)], Cmd::Back, "back", "back to the list"),
    b(
        &[k('r')],
        Cmd::Credit,
        "credit",
        "start a credit note for this invoice",
    ),
];

/// Keys on both panes of the progress screen; on the line list they act on the line's pending
/// period (or, for `u` and `Delete`, its last one).
const PROGRESS: &[Binding] = &[
    b(
        &[k('R')],
        Cmd::Refresh,
        "refresh",
        "refresh the pending period from the estimated progress",
    ),
    b(
        &[k('e')],
        Cmd::Edit,
        "edit",
        "edit the pending period: dates and one of billed %, quantity, amount (the others follow)",
    ),
    b(
        &[k('v')],
        Cmd::Validate,
        "validate",
        "validate the period (asks): its billed amount becomes a billable revenue item",
    ),
    b(
        &[k('u')],
        Cmd::Unvalidate,
        "",
        "unvalidate the period (asks; the last validated one, not invoiced)",
    ),
    b(
        &[code(KeyCode::Delete)],
        Cmd::Delete,
        "",
        "delete the last period if it is not validated (asks)",
    ),
    b(
        &[k('%')],
        Cmd::SetProgress,
        "progress",
        "set the estimated progress % of the line's project (or milestone)",
    ),
    b(
        &[k('E')],
        Cmd::EditLine,
        "",
        "change the line's quantity or unit price (the pending period asks for a refresh)",
    ),
];

const PROGRESS_LINES: &[Binding] = &[
    b(
        &[code(KeyCode::Enter)],
        Cmd::Open,
        "periods",
        "go to the periods of the line",
    ),
    b(&[k('n')], Cmd::New, "new line", "new contract line"),
];

const PROGRESS_PERIODS: &[Binding] = &[
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
    ),
];

const MILESTONES: &[Binding] = &[
    b(
        &[k('m')],
        Cmd::Reach,
        "reached",
        "mark the milestone reached, or reopen it (asks, listing the items it releases or takes back)",
    ),
    b(
        &[k('%')],
        Cmd::SetProgress,
        "progress",
        "set the estimated progress % of the milestone",
    ),
    b(
        &[k('P')],
        Cmd::EditPlan,
        "plan",
        "the billing plan of a project (asks which: the milestone's by default): parts, template, start date",
    ),
];

const EXCEL: &[Binding] = &[b(
    &[k('X')],
    Cmd::Excel,
    "",
    "write what the list shows (the filter applied) to an Excel file in the current folder",
)];

const PDF: &[Binding] = &[b(
    &[k('v')],
    Cmd::Pdf,
    "",
    "write a PDF of the invoice or revenue item (its summary) to the current folder",
)];

const REPORTS: &[Binding] = &[
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
    ),
    b(
        &[k('A')],
        Cmd::Adjustments,
        "",
        "every revenue adjustment of the range (change or delete them there)",
    ),
];

const BREAKDOWN: &[Binding] = &[
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
    ),
    b(
        &[k('e')],
        Cmd::Edit,
        "edit",
        "change the adjustment under the cursor (asks a reason)",
    ),
    b(
        &[code(KeyCode::Delete)],
        Cmd::Delete,
        "",
        "delete the adjustment under the cursor (asks a reason)",
    ),
];

const FORM: &[Binding] = &[
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

const DIALOG: &[Binding] = &[
    b(&[k('y'), code(KeyCode::Enter)], Cmd::Yes, "yes", "yes"),
    b(&[k('n'), code(KeyCode::Esc)], Cmd::No, "no", "no"),
    b(&[ctrl('c')], Cmd::Quit, "", "quit at once"),
];

const HELP: &[Binding] = &[
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

const FILTER_INPUT: &[Binding] = &[
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

const QUICK_EDIT: &[Binding] = &[
    b(&[code(KeyCode::Enter)], Cmd::Save, "save", "save"),
    b(&[code(KeyCode::Esc)], Cmd::Back, "cancel", "cancel"),
    b(&[ctrl('c')], Cmd::Quit, "", "quit at once"),
];

/// The key groups of a context, most specific first.
pub fn groups(ctx: Context) -> Vec<&'static [Binding]> {
    let own: Vec<&'static [Binding]> = match ctx {
        Context::FinanceControl => vec![FINANCE, REVENUE_EDITS, LIST, EXCEL, PDF, MOTION],
        Context::RevenueItems => vec![REVENUE_EDITS, ITEM_FORMS, LIST, EXCEL, PDF, MOTION],
        Context::Invoices => vec![INVOICES, LIST, EXCEL, PDF, MOTION],
        Context::ItemSummary => vec![SUMMARY, PDF, MOTION],
        Context::DraftView => vec![DRAFT_VIEW, PDF, MOTION],
        Context::ConfirmedView => vec![CONFIRMED_VIEW, PDF, MOTION],
        Context::Form => vec![FORM],
        Context::Dialog => vec![DIALOG],
        Context::Help => vec![HELP],
        Context::FilterInput => vec![FILTER_INPUT],
        Context::QuickEdit => vec![QUICK_EDIT],
        Context::ProgressLines => vec![PROGRESS_LINES, PROGRESS, EXCEL, MOTION],
        Context::ProgressPeriods => vec![PROGRESS_PERIODS, PROGRESS, EXCEL, MOTION],
        Context::Milestones => vec![MILESTONES, EXCEL, MOTION],
        Context::Reports => vec![REPORTS, EXCEL, MOTION],
        Context::Breakdown => vec![BREAKDOWN, EXCEL, MOTION],
    };
    let mut all = own;
    if ctx.has_globals() {
        all.push(GLOBAL);
    }
    all
}

/// What a key does in a context, if anything.
pub fn lookup(ctx: Context, ev: &KeyEvent) -> Option<Cmd> {
    groups(ctx)
        .into_iter()
        .flat_map(|g| g.iter())
        .find(|binding| binding.keys.iter().any(|key| key.matches(ev)))
        .map(|binding| binding.cmd)
}

/// The footer: `key word` pairs of the bindings that have a short word, help and quit first
/// so that a narrow terminal still shows how to find the rest.
pub fn footer(ctx: Context) -> Vec<(String, &'static str)> {
    let mut groups = groups(ctx);
    groups.rotate_right(usize::from(ctx.has_globals()));
    groups
        .into_iter()
        .flat_map(|g| g.iter())
        .filter(|binding| !binding.short.is_empty())
        .map(|binding| (keys_label(binding), binding.short))
        .collect()
}

/// Every binding of a context for the help screen: keys and what they do.
pub fn help(ctx: Context) -> Vec<(String, &'static str)> {
    groups(ctx)
        .into_iter()
        .flat_map(|g| g.iter())
        .map(|binding| (keys_label(binding), binding.help))
        .collect()
}

fn keys_label(binding: &Binding) -> String {
    binding
        .keys
        .iter()
        .map(Key::label)
        .collect::<Vec<_>>()
        .join(" ")
}

/// docs/keys.md: every context and its keys, written from this table (a test keeps the file
/// current).
pub fn markdown() -> String {
    let mut out = String::from(
        "# Key map\n\nGenerated from `src/app/keymap.rs` (the table the console dispatches, the footer \
         and the `?` help read); `FINCTL_WRITE_DOCS=1 cargo test keys_doc` rewrites it.\n\n\
         Screens: `1` finance control, `2` revenue items, `3` invoices, `4` progress billing, `5` \
         milestones and plans, `6` revenue and billing. Views open over them (Enter, \
         forms, dialogs, `?`) and `Esc` closes the top one. Where a text field has the focus (forms, \
         the `/` filter, a quick edit) typed characters go into the field: only the keys listed for \
         that context act, and `Ctrl-C` always quits.\n",
    );
    let contexts = [
        Context::FinanceControl,
        Context::RevenueItems,
        Context::Invoices,
        Context::ProgressLines,
        Context::ProgressPeriods,
        Context::Milestones,
        Context::Reports,
        Context::Breakdown,
        Context::ItemSummary,
        Context::DraftView,
        Context::ConfirmedView,
        Context::Form,
        Context::Dialog,
        Context::FilterInput,
        Context::QuickEdit,
        Context::Help,
    ];
    for ctx in contexts {
        out.push_str(&format!(
            "\n## {}\n\n| keys | does |\n| --- | --- |\n",
            ctx.title()
        ));
        for (keys, help) in help(ctx) {
            let keys: Vec<String> = keys.split(' ').map(|k| format!("`{k}`")).collect();
            out.push_str(&format!("| {} | {} |\n", keys.join(" "), help));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_doc_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/keys.md");
        let generated = markdown();
        if std::env::var_os("FINCTL_WRITE_DOCS").is_some() {
            std::fs::write(path, &generated).expect("write docs/keys.md");
        }
        let on_disk = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            on_disk == generated,
            "docs/keys.md is out of date: run FINCTL_WRITE_DOCS=1 cargo test keys_doc"
        );
    }

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn text_fields_never_see_screen_keys() {
        let q = ev(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(lookup(Context::FinanceControl, &q), Some(Cmd::Quit));
        for ctx in [Context::Form, Context::FilterInput, Context::QuickEdit] {
            assert_eq!(lookup(ctx, &q), None, "{ctx:?}");
            assert_eq!(
                lookup(ctx, &ev(KeyCode::Char('1'), KeyModifiers::NONE)),
                None
            );
            assert_eq!(
                lookup(ctx, &ev(KeyCode::Char('c'), KeyModifiers::CONTROL)),
                Some(Cmd::Quit)
            );
        }
    }

    #[test]
    fn shifted_characters_match() {
        assert_eq!(
            lookup(
                Context::RevenueItems,
                &ev(KeyCode::Char('G'), KeyModifiers::SHIFT)
            ),
            Some(Cmd::Bottom)
        );
        assert_eq!(
            lookup(
                Context::Invoices,
                &ev(KeyCode::Char('?'), KeyModifiers::SHIFT)
            ),
            Some(Cmd::Help)
        );
        assert_eq!(
            lookup(
                Context::Invoices,
                &ev(KeyCode::BackTab, KeyModifiers::SHIFT)
            ),
            Some(Cmd::PrevTab)
        );
        assert_eq!(
            lookup(Context::Invoices, &ev(KeyCode::BackTab, KeyModifiers::NONE)),
            Some(Cmd::PrevTab)
        );
    }

    #[test]
    fn screen_keys_win_over_globals_and_help_lists_everything() {
        // 'c' confirms in finance control; 'n' is "no" in a dialog, "new" in revenue items.
        let n = ev(KeyCode::Char('n'), KeyModifiers::NONE);
        assert_eq!(lookup(Context::Dialog, &n), Some(Cmd::No));
        assert_eq!(lookup(Context::RevenueItems, &n), Some(Cmd::New));
        let help = help(Context::FinanceControl);
        for needle in ["i", "c", "Space", "/", "?", "q", "1", "Tab"] {
            assert!(
                help.iter()
                    .any(|(keys, _)| keys.split(' ').any(|k| k == needle)),
                "{needle}"
            );
        }
        assert!(
            footer(Context::FinanceControl)
                .iter()
                .any(|(k, w)| k == "i" && *w == "invoice")
        );
    }
}
