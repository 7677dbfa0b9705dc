//! `finctl pdf` (being written by the files work).

use crate::store::Store;
use clap::Subcommand;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum PdfCommand {
    /// An invoice or credit note by its number.
    Invoice {
        number: String,
        /// The file to write (default: NUMBER.pdf in the current folder).
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

pub fn run(_store: &Store, _cmd: PdfCommand) -> anyhow::Result<ExitCode> {
    anyhow::bail!("PDF is being built")
}
