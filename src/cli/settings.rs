//! `finctl settings`: the seller's details that invoices and the ERP hand-off carry.

use crate::store::Store;
use crate::store::settings::KEYS;
use clap::Subcommand;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// Show every setting: its key, value and meaning.
    Show,
    /// Set one setting (admins only).
    Set {
        /// One of the keys `settings show` lists, e.g. seller.iban.
        key: String,
        value: String,
    },
}

pub fn run(store: &mut Store, cmd: SettingsCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        SettingsCommand::Show => {
            let values = store.setting_values()?;
            let width = KEYS.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
            let shown: Vec<String> = KEYS
                .iter()
                .map(|(k, _)| {
                    values
                        .get(*k)
                        .cloned()
                        .unwrap_or_else(|| "(not set)".into())
                })
                .collect();
            let value_width = shown.iter().map(|v| v.chars().count()).max().unwrap_or(0);
            for ((key, meaning), value) in KEYS.iter().zip(&shown) {
                outln!("{key:<width$}  {value:<value_width$}  {meaning}");
            }
            let missing = store.settings()?.missing_for_invoices();
            if !missing.is_empty() {
                outln!(
                    "invoices and the ERP hand-off still need: {}",
                    missing.join(", ")
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        SettingsCommand::Set { key, value } => {
            store.set_setting(&key, &value)?;
            let now = store
                .setting_values()?
                .get(&key)
                .cloned()
                .unwrap_or_default();
            outln!("{key} = {now}");
            Ok(ExitCode::SUCCESS)
        }
    }
}
