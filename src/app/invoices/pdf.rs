//! An invoice or credit note as a PDF (`v`), written off the input path.

use super::super::background::FileJob;

/// An invoice PDF (`v`), named after its number (or `draft-ID`).
pub fn invoice_pdf(id: i64, number: Option<&str>) -> FileJob {
    let stem = match number {
        Some(n) => n.to_string(),
        None => format!("draft-{id}"),
    };
    FileJob::new(stem, "pdf", "page(s)", move |store, path, _| {
        // The reader store is the user's: the file reads in their number format.
        crate::files::invoice_pdf(store, id, path, store.numbers())
    })
}
