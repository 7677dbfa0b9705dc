//! PDF documents for people, drawn with krilla in an embedded font the project ships
//! (`assets/fonts/`): an invoice or credit note, and a revenue item's summary. Both run to as
//! many A4 pages as they need, each saying "page i of n".

mod font;
mod invoice;
mod layout;
mod summary;

pub use invoice::invoice_pdf;
pub use summary::item_summary_pdf;
