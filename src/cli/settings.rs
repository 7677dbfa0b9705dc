//! `finctl settings` (being written by the hand-off work).

use crate::store::Store;
use clap::Subcommand;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// Show every setting.
    Show,
    /// Set one setting (admins only).
    Set { key: String, value: String },
}

pub fn run(_store: &mut Store, _cmd: SettingsCommand) -> anyhow::Result<ExitCode> {
    anyhow::bail!("settings are being built")
}
