//! What a key asks for: the verbs of the console. A screen answers the ones its part of the key
//! table binds; a new screen adds a verb here only when none of these says what it does.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmd {
    Quit,
    /// Go to the screen at this position on the tab bar.
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
    /// Delete a whole thing with what it made: a billing plan with its items, a contract line
    /// with its periods and forecast (asks first).
    DeleteWhole,
    /// Save the billing plan as a named template.
    SaveTemplate,
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
    /// Choose how numbers are shown and typed (the user's number format).
    NumberFormat,
    /// Launch a project (its items can then be invoiced), or reopen a closed one.
    Launch,
    /// Close a project with nothing left to invoice.
    CloseProject,
    /// Edit an account or make one.
    Accounts,
    /// Edit a price list and its rates, or make one.
    PriceLists,
    /// The project's own rates.
    Rates,
    /// The milestones of the project.
    Milestones,
    /// People's cost rates.
    CostRates,
    /// The change history of the object under the cursor.
    History,
    /// The invoice or draft the revenue item is on.
    OpenInvoice,
    Yes,
    No,
    NextField,
    PrevField,
    Save,
    /// Draw the whole screen again (Ctrl-L).
    Redraw,
    /// Stop finctl and give the terminal back to the shell until `fg` (Ctrl-Z).
    Suspend,
}

impl Cmd {
    /// The moves every list and view answers the same way.
    pub fn is_motion(self) -> bool {
        matches!(
            self,
            Cmd::Down | Cmd::Up | Cmd::PageDown | Cmd::PageUp | Cmd::Top | Cmd::Bottom
        )
    }
}
