//! What a form does when saved and what a dialog does on yes: each screen defines its own next
//! to its code; the console only calls them.

use super::ctx::Ctx;
use super::form::Form;
use super::screens::Screens;
use crate::store::{Store, StoreError};
use std::any::Any;

/// What saving a form does.
pub trait FormAction: Any {
    /// Reads the form and saves: `Ok(Some(message))` when done, `Ok(None)` when a field is
    /// wrong (marked in the form, which stays open with what was typed), `Err` when the store
    /// refused (said in the form and the status line).
    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        screens: &mut Screens,
    ) -> Result<Option<String>, StoreError>;

    /// After a stale refusal: take the versions the rows are at now, so that saving again
    /// overwrites the other change on purpose. `Ok(false)` when there is nothing to take (the
    /// form makes something new) or a row is gone.
    fn take_current_versions(&mut self, _store: &Store) -> Result<bool, StoreError> {
        Ok(false)
    }

    /// The user changed the value of the focused field (figures that follow it follow).
    fn typed(&mut self, _form: &mut Form) {}

    /// Whether a save changes the database (then every screen and open view shows it); forms
    /// that only choose what a screen shows say no.
    fn changes_data(&self) -> bool {
        true
    }
}

/// What a dialog's yes does.
pub trait Confirm: Any {
    fn run(self: Box<Self>, cx: &mut Ctx, screens: &mut Screens);
}
