//! One row of the change history as the store keeps it, borrowed: what the sentences for
//! people (`presentation::change_sentence`) are made from.

/// A change as the history keeps it.
#[derive(Debug, Clone, Copy)]
pub struct ChangeRow<'a> {
    /// When, as stored (`2026-12-01T14:02:31.123Z`).
    pub at: &'a str,
    pub user: &'a str,
    /// The field's stored name (`planned_amount`), or `created` / `deleted`.
    pub field: &'a str,
    pub old: Option<&'a str>,
    /// For `created`, a JSON snapshot of the new object.
    pub new: Option<&'a str>,
    pub reason: Option<&'a str>,
}
