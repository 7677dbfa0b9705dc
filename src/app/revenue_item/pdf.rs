//! An item's summary as a PDF (`v`), written off the input path.

use super::super::background::FileJob;
use chrono::NaiveDate;

/// The summary of item `id` as a PDF (`v`).
pub fn summary_pdf(id: i64, today: NaiveDate) -> FileJob {
    FileJob::new(
        format!("item-{id}"),
        "pdf",
        "page(s)",
        move |store, path, _| {
            crate::files::item_summary_pdf(store, id, today, path, store.numbers())
        },
    )
}
