//! `finctl pdf invoice NUMBER [-o FILE]`: an invoice or credit note as a PDF file.

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

/// `check_output` refuses a file the install does not let finctl write for the user.
pub fn run(
    store: &Store,
    cmd: PdfCommand,
    check_output: &dyn Fn(&std::path::Path) -> anyhow::Result<()>,
) -> anyhow::Result<ExitCode> {
    match cmd {
        PdfCommand::Invoice { number, output } => {
            let number = number.trim();
            let Some(id) = store.invoice_id_by_number(number)? else {
                eprintln!(
                    "finctl: no invoice or credit note numbered {number:?} (drafts have no \
                     number yet)"
                );
                return Ok(ExitCode::from(1));
            };
            let missing = store.settings()?.missing_for_invoices();
            if !missing.is_empty() {
                eprintln!(
                    "finctl: warning: the seller's {} not set; an admin sets them with \
                     `finctl settings`",
                    missing.join(", ")
                );
            }
            let path = output.unwrap_or_else(|| default_file(number));
            check_output(&path)?;
            let pages = crate::files::invoice_pdf(store, id, &path, store.numbers())?;
            let unit = if pages == 1 { "page" } else { "pages" };
            outln!("{}: {pages} {unit}", path.display());
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `NUMBER.pdf`, with anything a file name cannot hold replaced.
fn default_file(number: &str) -> PathBuf {
    let safe: String = number
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    PathBuf::from(format!("{safe}.pdf"))
}
