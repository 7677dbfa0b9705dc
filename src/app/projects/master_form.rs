//! What the master-data forms share: a refusal that names a field shown beside that field, and
//! edits that carry only what the user changed (saving after a stale refusal must not put back
//! fields this user never touched).

use super::super::form::Form;
use crate::domain::master_field::MasterField;
use crate::store::StoreError;

/// Which form field shows which master-data field.
pub type FieldLabels = &'static [(MasterField, &'static str)];

/// A refusal naming a field of the form goes beside it, which takes the focus; the error goes
/// on to the form's line and the status line as well.
pub fn mark(form: &mut Form, labels: FieldLabels, e: &StoreError) {
    if let StoreError::Invalid { field, message } = e
        && let Some((_, label)) = labels.iter().find(|(f, _)| f == field)
    {
        form.set_error(label, message.clone());
        form.focus_first_error();
    }
}

/// The field's value if the user changed it, trimmed.
pub fn changed(form: &Form, label: &str) -> Option<String> {
    form.field(label)
        .filter(|f| f.is_editable() && f.changed())
        .map(|f| f.value().trim().to_string())
}

/// Sets `slot` to the field's value if the user changed it.
pub fn take(form: &Form, label: &str, slot: &mut String) {
    if let Some(v) = changed(form, label) {
        *slot = v;
    }
}

/// A whole number of days typed into `label`, or the field marked.
pub fn days(form: &mut Form, label: &str) -> Option<i64> {
    let text = form.value(label);
    match text.trim().parse::<i64>() {
        Ok(n) => Some(n),
        Err(_) => {
            form.set_error(
                label,
                format!("{:?} is not a whole number of days", text.trim()),
            );
            None
        }
    }
}

/// What the status line says after an edit: the fields it changed, or that nothing did.
/// `what` names the kind ("account"), `before` the row as it was, `after` as it is now.
pub fn edit_outcome(what: &str, before: &str, after: &str, fields: &[&str]) -> String {
    if fields.is_empty() {
        format!("{what} {before}: nothing changed")
    } else {
        format!("{what} {} saved ({})", after.trim(), fields.join(", "))
    }
}
