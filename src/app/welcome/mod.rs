//! What a database without accounts opens on: how to bring a company's data in (the import
//! commands, the docs) or look around in the demo first. Nothing to do but read and close.

pub mod keys;

use super::keymap::{Cmd, Context};
use super::work::{Ctx, View, ViewStep};
use crate::store::{Result, Store};

/// The import kinds, in the order a company's data goes in (later kinds refer to earlier).
pub const IMPORT_ORDER: [&str; 7] = [
    "accounts",
    "price-lists",
    "projects",
    "milestones",
    "time-reports",
    "expenses",
    "revenue-items",
];

/// The welcome view; it knows which database it was opened on.
pub struct Welcome {
    pub database: String,
}

impl Welcome {
    /// The welcome when the store has no account yet.
    pub fn when_empty(store: &Store) -> Result<Option<Welcome>> {
        Ok((store.account_count()? == 0).then(|| Welcome {
            database: store.path().display().to_string(),
        }))
    }
}

impl View for Welcome {
    fn keys(&self) -> Context {
        keys::WELCOME
    }

    fn run(&mut self, cmd: Cmd, _cx: &mut Ctx) -> ViewStep {
        match cmd {
            Cmd::Back => ViewStep::Close,
            _ => ViewStep::NotHere,
        }
    }

    fn reload(&mut self, store: &Store) -> Result<bool> {
        // Once data has come in (another user imported meanwhile), the welcome has said its part.
        Ok(store.account_count()? == 0)
    }
}
