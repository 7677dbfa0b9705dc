//! The number format each user reads and types figures in (`users.number_format`): their own
//! choice, or none, and then the format of the locale finctl runs in, which the command line
//! tells the store (`set_locale_numbers`). Anyone changes their own; admins anyone's.

use super::Store;
use super::error::{Result, StoreError};
use crate::domain::NumberFormat;
use crate::domain::rights::Action;
use rusqlite::{Connection, OptionalExtension, params};

/// The acting user's number format: what they chose, and the locale's for when they chose none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Numbers {
    pub chosen: Option<NumberFormat>,
    pub locale: NumberFormat,
}

impl Numbers {
    /// The format figures are shown and read in.
    pub fn current(self) -> NumberFormat {
        self.chosen.unwrap_or(self.locale)
    }
}

/// What `name` chose (`None`: nothing, or no such user).
pub(super) fn chosen_by(conn: &Connection, name: &str) -> Result<Option<NumberFormat>> {
    let stored: Option<Option<String>> = conn
        .query_row(
            "SELECT number_format FROM users WHERE name = ?1",
            [name],
            |r| r.get(0),
        )
        .optional()?;
    stored
        .flatten()
        .map(|s| super::codec::parse(&s))
        .transpose()
}

impl Store {
    /// The format the acting user reads and types figures in.
    pub fn numbers(&self) -> NumberFormat {
        self.numbers.current()
    }

    /// The acting user's choice and the locale's format.
    pub fn number_choice(&self) -> Numbers {
        self.numbers
    }

    /// The format of the locale finctl runs in: it applies while the user has chosen none.
    pub fn set_locale_numbers(&mut self, locale: NumberFormat) {
        self.numbers.locale = locale;
    }

    /// Sets the number format of user `name` (`None`: the locale's), with its history row:
    /// anyone sets their own, admins anyone's. The acting user's takes effect at once.
    pub fn set_number_format(&mut self, name: &str, format: Option<NumberFormat>) -> Result<()> {
        let own = name == self.actor().name;
        let action = if own {
            Action::OwnPreferences
        } else {
            Action::ManageUsers
        };
        let new = format.map(NumberFormat::sample);
        self.write(action, |w| {
            let (id, old): (i64, Option<String>) = w
                .tx()
                .query_row(
                    "SELECT id, number_format FROM users WHERE name = ?1",
                    [name],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?
                .ok_or_else(|| {
                    StoreError::refused(format!("{name} is not a user of this database"))
                })?;
            if old.as_deref() == new {
                return Ok(());
            }
            let v = w.bump_version("users", "user", id, None)?;
            w.tx().execute(
                "UPDATE users SET number_format = ?1 WHERE id = ?2",
                params![new, id],
            )?;
            w.history("user", id, v, "number_format", old.as_deref(), new, None)
        })?;
        if own {
            self.numbers.chosen = format;
        }
        Ok(())
    }
}
