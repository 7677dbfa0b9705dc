//! A form: labelled fields (single-line, multi-line, choices), one with the focus, errors shown
//! beside the field they belong to, and what was typed kept when saving fails. What saving does
//! is the [`FormAction`](crate::app::work::FormAction) the form is opened with.

mod field;
mod picker;
mod text_field;

pub use field::{Field, FieldKind};
pub use picker::{Pick, PickList, PickRequest};
pub use text_field::{Edit, TextField};

use super::keymap::{self, Cmd, Context, shared};
use crate::store::pickers::PickOption;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key did to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormOutcome {
    /// Nothing but the focus or the cursor moved.
    Stay,
    /// The value of the focused field changed (typed, deleted, chosen).
    Typed,
    /// A choice was taken on the last field: its value changed, then the form saves (as
    /// `Enter` on a last field does).
    TypedAndSave,
    Save,
    Cancel,
    Quit,
}

#[derive(Debug, Clone)]
pub struct Form {
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub dirty: bool,
    /// A message for the whole form (e.g. a stale edit).
    pub error: Option<String>,
    /// A remark for the whole form (why fields are read-only).
    pub note: Option<String>,
}

impl Form {
    pub fn new(title: impl Into<String>, fields: Vec<Field>) -> Form {
        let mut form = Form {
            title: title.into(),
            fields,
            focus: 0,
            dirty: false,
            error: None,
            note: None,
        };
        if !form.fields.first().is_some_and(Field::is_editable) {
            form.step(1);
        }
        form
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Form {
        self.note = Some(note.into());
        self
    }

    pub fn value(&self, label: &str) -> String {
        self.field(label).map(Field::value).unwrap_or_default()
    }

    pub fn field(&self, label: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.label == label)
    }

    pub fn field_mut(&mut self, label: &str) -> Option<&mut Field> {
        self.fields.iter_mut().find(|f| f.label == label)
    }

    /// The field with the focus.
    pub fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    pub fn set_error(&mut self, label: &str, error: impl Into<String>) {
        if let Some(f) = self.field_mut(label) {
            f.error = Some(error.into());
        }
    }

    pub fn clear_errors(&mut self) {
        self.error = None;
        for f in &mut self.fields {
            f.error = None;
        }
    }

    /// Puts the focus on the first field with an error.
    pub fn focus_first_error(&mut self) {
        if let Some(i) = self.fields.iter().position(|f| f.error.is_some()) {
            self.focus = i;
        }
    }

    pub fn has_errors(&self) -> bool {
        self.fields.iter().any(|f| f.error.is_some())
    }

    /// The keys that apply: a picker's, where one has the focus.
    pub fn context(&self) -> Context {
        match self.focused() {
            Some(f) if f.is_pick() && f.list.open => shared::PICK_LIST,
            Some(f) if f.is_pick() => shared::PICK_FIELD,
            _ => shared::FORM,
        }
    }

    /// The choices the focused picker waits for, if it does.
    pub fn pick_request(&self) -> Option<PickRequest> {
        let field = self.focused()?;
        let FieldKind::Pick(pick) = field.kind else {
            return None;
        };
        if !field.list.wanted {
            return None;
        }
        let project = match pick {
            Pick::Milestone { project_field } => self.value(project_field),
            _ => String::new(),
        };
        Some(PickRequest {
            field: self.focus,
            pick,
            text: field.value(),
            project,
        })
    }

    /// The choices read for a request; dropped if the user moved on meanwhile.
    pub fn set_pick_options(&mut self, request: &PickRequest, options: Vec<PickOption>) {
        if let Some(field) = self.fields.get_mut(request.field)
            && field.list.wanted
            && field.value() == request.text
        {
            field.list.set_options(options, &request.text);
        }
    }

    fn step(&mut self, delta: isize) {
        let n = self.fields.len() as isize;
        if n == 0 {
            return;
        }
        // A list left behind closes; its text stays as typed.
        if let Some(field) = self.fields.get_mut(self.focus) {
            field.list.close();
        }
        let mut i = self.focus as isize;
        for _ in 0..n {
            i = (i + delta).rem_euclid(n);
            if self.fields[i as usize].is_editable() {
                break;
            }
        }
        self.focus = i as usize;
    }

    /// A key in the focused picker's list, or the key that opens it; `None` when the key is
    /// for the form.
    fn pick_key(&mut self, ev: &KeyEvent) -> Option<FormOutcome> {
        let ctx = self.context();
        let field = self.fields.get_mut(self.focus)?;
        if !field.is_pick() {
            return None;
        }
        let cmd = keymap::lookup(ctx, ev);
        if !field.list.open {
            if cmd != Some(Cmd::Open) {
                return None;
            }
            field.list.open();
            return Some(FormOutcome::Stay);
        }
        match cmd? {
            Cmd::Down => field.list.move_by(1),
            Cmd::Up => field.list.move_by(-1),
            Cmd::Back => field.list.close(),
            // Enter takes the choice and goes on as Enter does in a line: to the next field,
            // or saving on the last. With nothing to take, it is the form's Enter.
            Cmd::Open => {
                let Some(option) = field.list.take() else {
                    field.list.close();
                    return None;
                };
                field.set_text(&option.key);
                field.error = None;
                self.dirty = true;
                if self.fields.iter().rposition(Field::is_editable) == Some(self.focus) {
                    return Some(FormOutcome::TypedAndSave);
                }
                self.step(1);
                return Some(FormOutcome::Typed);
            }
            _ => return None,
        }
        Some(FormOutcome::Stay)
    }

    /// Pasted text, at the cursor of the focused text field; the caller made it fit the field
    /// (see `clean_paste`). `Typed` when the value changed.
    pub fn paste(&mut self, text: &str) -> FormOutcome {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return FormOutcome::Stay;
        };
        let is_text = matches!(
            field.kind,
            FieldKind::Line | FieldKind::MultiLine | FieldKind::Pick(_)
        );
        if !is_text || text.is_empty() {
            return FormOutcome::Stay;
        }
        field.text.insert_str(text);
        if field.is_pick() {
            field.list.typed();
        }
        field.error = None;
        self.dirty = true;
        FormOutcome::Typed
    }

    pub fn handle_key(&mut self, ev: &KeyEvent) -> FormOutcome {
        if let Some(outcome) = self.pick_key(ev) {
            return outcome;
        }
        let focused_multi = self.focused().is_some_and(Field::is_multi_line);
        // Up and Down move inside a multi-line field, between fields elsewhere.
        let arrows_move_text = focused_multi && matches!(ev.code, KeyCode::Up | KeyCode::Down);
        if !arrows_move_text {
            match keymap::lookup(shared::FORM, ev) {
                Some(Cmd::NextField) => {
                    self.step(1);
                    return FormOutcome::Stay;
                }
                Some(Cmd::PrevField) => {
                    self.step(-1);
                    return FormOutcome::Stay;
                }
                Some(Cmd::Save) => return FormOutcome::Save,
                Some(Cmd::Back) => return FormOutcome::Cancel,
                Some(Cmd::Quit) => return FormOutcome::Quit,
                _ => {}
            }
        }
        let last_editable = self.fields.iter().rposition(Field::is_editable);
        let Some(field) = self.fields.get_mut(self.focus) else {
            return FormOutcome::Stay;
        };
        match &field.kind {
            FieldKind::ReadOnly(_) => FormOutcome::Stay,
            FieldKind::Choice(options) => {
                let n = options.len().max(1);
                match ev.code {
                    KeyCode::Char(' ') | KeyCode::Right => field.choice = (field.choice + 1) % n,
                    KeyCode::Left => field.choice = (field.choice + n - 1) % n,
                    _ => return FormOutcome::Stay,
                }
                field.error = None;
                self.dirty = true;
                FormOutcome::Typed
            }
            // Enter moves on; on the last field it saves (one-field forms save with Enter).
            FieldKind::Line | FieldKind::Pick(_) if ev.code == KeyCode::Enter => {
                if last_editable == Some(self.focus) {
                    return FormOutcome::Save;
                }
                self.step(1);
                FormOutcome::Stay
            }
            FieldKind::Line | FieldKind::MultiLine | FieldKind::Pick(_) => {
                // Ctrl-M is Enter in some terminals: it never types.
                if ev.modifiers.contains(KeyModifiers::CONTROL) && ev.code == KeyCode::Char('m') {
                    return FormOutcome::Stay;
                }
                match field.type_key(ev) {
                    Edit::Changed => {
                        if field.is_pick() {
                            field.list.typed();
                        }
                        field.error = None;
                        self.dirty = true;
                        FormOutcome::Typed
                    }
                    Edit::Moved | Edit::Ignored => FormOutcome::Stay,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    fn typed(form: &mut Form, s: &str) {
        for c in s.chars() {
            form.handle_key(&key(KeyCode::Char(c)));
        }
    }

    #[test]
    fn typing_q_and_digits_goes_into_the_field() {
        let mut form = Form::new(
            "t",
            vec![Field::line("Name", ""), Field::line("Amount", "")],
        );
        typed(&mut form, "q1?");
        assert_eq!(form.value("Name"), "q1?");
        assert!(form.dirty);
        form.handle_key(&key(KeyCode::Tab));
        typed(&mut form, "12.50");
        assert_eq!(form.value("Amount"), "12.50");
        assert_eq!(
            form.handle_key(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
            FormOutcome::Save
        );
        assert_eq!(form.handle_key(&key(KeyCode::Esc)), FormOutcome::Cancel);
    }

    #[test]
    fn read_only_fields_are_skipped_and_choices_cycle() {
        let mut form = Form::new(
            "t",
            vec![
                Field::read_only("Project", "P-1", "fixed"),
                Field::choice("Rule", &["fixed", "time_and_materials"], 0),
                Field::multi("Notes", "a"),
            ],
        );
        assert_eq!(form.focus, 1);
        assert_eq!(
            form.handle_key(&key(KeyCode::Char(' '))),
            FormOutcome::Typed
        );
        assert_eq!(form.value("Rule"), "time_and_materials");
        form.handle_key(&key(KeyCode::Tab));
        form.handle_key(&key(KeyCode::Enter));
        typed(&mut form, "b");
        assert_eq!(form.value("Notes"), "a\nb");
        form.handle_key(&key(KeyCode::Tab));
        assert_eq!(form.focus, 1, "wraps around past the read-only field");
    }

    #[test]
    fn errors_stay_beside_their_field() {
        let mut form = Form::new("t", vec![Field::line("A", "x"), Field::line("B", "y")]);
        form.set_error("B", "not a number");
        form.focus_first_error();
        assert_eq!(form.focus, 1);
        assert_eq!(
            form.field("B").unwrap().error.as_deref(),
            Some("not a number")
        );
        assert_eq!(form.value("B"), "y");
        typed(&mut form, "1");
        assert!(!form.has_errors());
    }

    #[test]
    fn a_paste_goes_in_at_the_cursor_of_a_text_field_only() {
        let mut form = Form::new(
            "t",
            vec![
                Field::line("Name", "Hoting"),
                Field::choice("Rule", &["fixed", "time_and_materials"], 0),
            ],
        );
        for _ in 0..4 {
            form.handle_key(&key(KeyCode::Left));
        }
        assert_eq!(form.paste("s"), FormOutcome::Typed);
        assert_eq!(form.value("Name"), "Hosting");
        assert!(form.dirty);
        form.handle_key(&key(KeyCode::Tab));
        assert_eq!(
            form.paste("time"),
            FormOutcome::Stay,
            "a choice takes no text"
        );
        assert_eq!(form.value("Rule"), "fixed");
    }

    #[test]
    fn moving_the_cursor_is_not_typing() {
        let mut form = Form::new("t", vec![Field::line("A", "12")]);
        assert_eq!(form.handle_key(&key(KeyCode::Left)), FormOutcome::Stay);
        assert!(!form.dirty);
        assert_eq!(
            form.handle_key(&key(KeyCode::Backspace)),
            FormOutcome::Typed
        );
        assert_eq!(form.value("A"), "2");
    }
}
