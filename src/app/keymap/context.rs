//! Where the user is: a named set of key groups. Each screen and view defines its own contexts
//! next to its code; the ones every screen shares (forms, dialogs, help, typing a filter) are in
//! `shared.rs`.

use super::key::Binding;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContextKind {
    /// A screen or a view over one: its keys, then the console's (1 2 3, Tab, ?, q).
    Screen,
    /// Typing goes into a text field: only the context's own keys act.
    TextEntry,
    /// A dialog or the help: only its own keys.
    Popup,
}

/// The keys that apply in one place, most specific group first.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    pub title: &'static str,
    pub groups: &'static [&'static [Binding]],
    pub kind: ContextKind,
}

impl PartialEq for Context {
    fn eq(&self, other: &Self) -> bool {
        self.title == other.title && self.kind == other.kind
    }
}

impl Eq for Context {}

impl Context {
    pub const fn screen(title: &'static str, groups: &'static [&'static [Binding]]) -> Context {
        Context {
            title,
            groups,
            kind: ContextKind::Screen,
        }
    }

    pub const fn text_entry(title: &'static str, groups: &'static [&'static [Binding]]) -> Context {
        Context {
            title,
            groups,
            kind: ContextKind::TextEntry,
        }
    }

    pub const fn popup(title: &'static str, groups: &'static [&'static [Binding]]) -> Context {
        Context {
            title,
            groups,
            kind: ContextKind::Popup,
        }
    }

    /// Contexts where typing goes into a text field: only their own keys apply.
    pub fn is_text_entry(self) -> bool {
        self.kind == ContextKind::TextEntry
    }

    /// Contexts with the console's keys (1 2 3, Tab, ?, q).
    pub fn has_globals(self) -> bool {
        self.kind == ContextKind::Screen
    }
}
