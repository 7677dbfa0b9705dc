//! Files for people: Excel workbooks of the lists and exports, and PDF documents.
//!
//! - [`write_export`]: the rows of `finctl export`, typed (`--format xlsx`).
//! - [`report`]: the revenue and billing report, as `X` on screen 6 and `finctl export report`
//!   write it.
//! - [`invoice_pdf`] and [`item_summary_pdf`]: `finctl pdf invoice` and `v`.
//!
//! Each returns how much it wrote (rows, pages) and writes nothing when it fails.

mod exports;
pub mod pdf;
pub mod report;
pub mod xlsx;
mod xlsx_sheet;

pub use exports::{ExportTable, write_export, write_export_counted};
pub use pdf::{invoice_pdf, item_summary_pdf};
pub use xlsx::Progress;
