//! One labelled field of a form: a line of text, several lines, a choice, a picker, or a value
//! shown read-only with the reason; its error is kept beside it.

use super::picker::{Pick, PickList};
use super::text_field::{Edit, TextField};
use crossterm::event::KeyEvent;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    Line,
    MultiLine,
    Choice(Vec<String>),
    /// A line naming a project, an account, a price list or a milestone, with its choices.
    Pick(Pick),
    /// Shown, not editable; the note says why.
    ReadOnly(String),
}

#[derive(Debug, Clone)]
pub struct Field {
    pub label: String,
    pub kind: FieldKind,
    pub text: TextField,
    pub choice: usize,
    /// The choices of a picker (empty and closed for other fields).
    pub list: PickList,
    pub error: Option<String>,
    /// The value the form opened with.
    original: String,
}

impl Field {
    pub fn line(label: &str, value: &str) -> Field {
        Field::new(label, FieldKind::Line, value)
    }

    pub fn multi(label: &str, value: &str) -> Field {
        Field::new(label, FieldKind::MultiLine, value)
    }

    pub fn choice(label: &str, options: &[&str], selected: usize) -> Field {
        let mut f = Field::new(
            label,
            FieldKind::Choice(options.iter().map(|s| s.to_string()).collect()),
            "",
        );
        f.choice = selected.min(options.len().saturating_sub(1));
        f.original = f.value();
        f
    }

    pub fn pick(label: &str, pick: Pick, value: &str) -> Field {
        Field::new(label, FieldKind::Pick(pick), value)
    }

    pub fn read_only(label: &str, value: &str, why: &str) -> Field {
        Field::new(label, FieldKind::ReadOnly(why.to_string()), value)
    }

    fn new(label: &str, kind: FieldKind, value: &str) -> Field {
        let text = TextField::new(value);
        Field {
            label: label.to_string(),
            kind,
            original: text.text(),
            text,
            choice: 0,
            list: PickList::default(),
            error: None,
        }
    }

    /// The field's value: the text typed, or the chosen option.
    pub fn value(&self) -> String {
        match &self.kind {
            FieldKind::Choice(options) => options.get(self.choice).cloned().unwrap_or_default(),
            _ => self.text.text(),
        }
    }

    /// Replaces the text (a figure that follows another field); what the form opened with
    /// stays the original.
    pub fn set_text(&mut self, value: &str) {
        self.text = TextField::new(&value.replace('\n', " "));
    }

    /// Whether the user changed the value since the form opened.
    pub fn changed(&self) -> bool {
        self.value() != self.original
    }

    /// The row of the choice a picker's text came from, while the text is unchanged since.
    pub fn chosen(&self) -> Option<i64> {
        self.list.chosen
    }

    pub fn is_pick(&self) -> bool {
        matches!(self.kind, FieldKind::Pick(_))
    }

    pub fn is_editable(&self) -> bool {
        !matches!(self.kind, FieldKind::ReadOnly(_))
    }

    pub fn is_multi_line(&self) -> bool {
        self.kind == FieldKind::MultiLine
    }

    /// Rows the field takes on screen.
    pub fn height(&self) -> u16 {
        match self.kind {
            FieldKind::MultiLine => 4,
            _ => 1,
        }
    }

    /// A key typed into the text of the field.
    pub(super) fn type_key(&mut self, ev: &KeyEvent) -> Edit {
        let multi = self.is_multi_line();
        self.text.input(ev, multi)
    }
}
