//! A picker: a field naming a project, an account, a price list or a milestone, with a list of
//! the choices that match what is typed. Typing narrows it, the arrows move in it, `Enter`
//! takes the highlighted choice; nobody types codes blind. The form only keeps the list: the
//! console reads the choices from the store when the form asks (see [`PickRequest`]).

use crate::store::pickers::{PickOf, PickOption};

/// What a picker names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Project,
    Account,
    PriceList,
    /// A milestone of the project the field with this label names.
    Milestone {
        project_field: &'static str,
    },
}

/// The list under a picker.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PickList {
    pub options: Vec<PickOption>,
    /// The highlighted choice.
    pub cursor: usize,
    pub open: bool,
    /// The choices must be read again for the field's text.
    pub(super) wanted: bool,
    /// The row of the choice taken, while the text is still what taking it put there (an
    /// account's name need not be unique; its row is).
    pub(super) chosen: Option<i64>,
}

impl PickList {
    /// Opens the list; its choices are read for the current text.
    pub(super) fn open(&mut self) {
        self.open = true;
        self.wanted = true;
    }

    pub(super) fn close(&mut self) {
        self.open = false;
        self.wanted = false;
    }

    /// The text changed: what was chosen no longer holds; the choices follow the text.
    pub(super) fn typed(&mut self) {
        self.chosen = None;
        self.open();
    }

    pub(super) fn move_by(&mut self, delta: isize) {
        let last = self.options.len().saturating_sub(1) as isize;
        self.cursor = (self.cursor as isize + delta).clamp(0, last) as usize;
    }

    /// The highlighted choice, taken: the list closes.
    pub(super) fn take(&mut self) -> Option<PickOption> {
        let option = self.options.get(self.cursor).cloned()?;
        self.chosen = Some(option.id);
        self.close();
        Some(option)
    }

    /// New choices for the text; the highlight goes to the one equal to it, else the first.
    pub(super) fn set_options(&mut self, options: Vec<PickOption>, text: &str) {
        let text = text.trim();
        self.cursor = options
            .iter()
            .position(|o| o.key.eq_ignore_ascii_case(text))
            .unwrap_or(0);
        self.options = options;
        self.wanted = false;
    }
}

/// What the console reads for the focused picker: the choices of `of` matching `text`, for the
/// field at `field`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickRequest {
    pub field: usize,
    pub pick: Pick,
    pub text: String,
    /// For a milestone: the project code its project field holds.
    pub project: String,
}

impl PickRequest {
    /// The store's question.
    pub fn of(&self) -> PickOf<'_> {
        match self.pick {
            Pick::Project => PickOf::Project,
            Pick::Account => PickOf::Account,
            Pick::PriceList => PickOf::PriceList,
            Pick::Milestone { .. } => PickOf::Milestone {
                project_code: &self.project,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn option(id: i64, key: &str) -> PickOption {
        PickOption {
            id,
            key: key.into(),
            detail: String::new(),
        }
    }

    #[test]
    fn the_highlight_starts_on_the_exact_match_and_stays_inside() {
        let mut list = PickList::default();
        list.typed();
        assert!(list.open && list.wanted);
        list.set_options(vec![option(1, "P1"), option(2, "P10")], "p10");
        assert!(!list.wanted);
        assert_eq!(list.cursor, 1);
        list.move_by(1);
        assert_eq!(list.cursor, 1, "stays on the last");
        list.move_by(-5);
        assert_eq!(list.cursor, 0);
        assert_eq!(list.take().map(|o| o.key), Some("P1".into()));
        assert_eq!(list.chosen, Some(1));
        assert!(!list.open);
        list.typed();
        assert_eq!(list.chosen, None, "typing forgets the choice");
    }

    #[test]
    fn an_empty_list_takes_nothing() {
        let mut list = PickList::default();
        list.open();
        list.set_options(vec![], "zzz");
        list.move_by(1);
        assert_eq!(list.take(), None);
        assert!(list.open, "stays open to say nothing matches");
    }
}
