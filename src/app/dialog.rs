//! Yes/no questions before an action that changes or ends something.

/// What a "yes" does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// Items with the version the user selected.
    MakeDrafts(Vec<(i64, Option<i64>)>),
    /// Drafts with the version the user saw, when known.
    Confirm(Vec<(i64, Option<i64>)>),
    DeleteItem {
        id: i64,
        version: i64,
    },
    DeleteDraft {
        id: i64,
        version: i64,
    },
    /// A step on a progress period, with the version the user saw.
    Progress(ProgressStep),
    /// Mark a milestone reached (`reach`) or reopen it.
    Reach {
        id: i64,
        version: i64,
        reach: bool,
    },
    /// Close the top form without saving.
    DiscardForm,
    /// Quit although a form has unsaved changes.
    Quit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressStep {
    Validate { id: i64, version: i64 },
    Unvalidate { id: i64, version: i64 },
    Delete { id: i64, version: i64 },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dialog {
    pub title: String,
    pub lines: Vec<String>,
    pub pending: Pending,
}
