//! A key as the table names it, and one line of the table: keys, verb, footer word, help.

use super::cmd::Cmd;
use crate::domain::rights::{Action, Role};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

pub const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}

pub const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

pub const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

impl Key {
    pub fn of(ev: &KeyEvent) -> Key {
        Key {
            code: ev.code,
            mods: ev.modifiers,
        }
    }

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
            KeyCode::Left => "Left".into(),
            KeyCode::Right => "Right".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Delete => "Delete".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) && base.chars().count() == 1 {
            format!("Ctrl-{}", base.to_uppercase())
        } else if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{base}")
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
    /// The right the key's work needs: a role without it is told so when it presses the key
    /// (not after a dialog or a form), and the footer leaves the key out.
    pub needs: Option<Action>,
}

pub const fn b(keys: &'static [Key], cmd: Cmd, short: &'static str, help: &'static str) -> Binding {
    Binding {
        keys,
        cmd,
        short,
        help,
        needs: None,
    }
}

impl Binding {
    /// The same binding, for users with the right to `action` only.
    pub const fn needs(self, action: Action) -> Binding {
        Binding {
            needs: Some(action),
            ..self
        }
    }

    /// Whether a user with `role` may use the key.
    pub fn usable_by(&self, role: Role) -> bool {
        self.needs.is_none_or(|a| a.allowed_for(role))
    }

    /// "j Down": every key of the binding.
    pub fn keys_label(&self) -> String {
        self.keys
            .iter()
            .map(Key::label)
            .collect::<Vec<_>>()
            .join(" ")
    }
}
