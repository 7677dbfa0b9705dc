//! One revenue item, wherever it is reached from: its summary (a view over any list or a report
//! breakdown), its form (new, edit, copy) and its deletion. The item screens and the report
//! open these; nothing here knows a screen.

mod invoice_link;
mod item_actions;
pub mod item_form;
pub mod keys;
mod pdf;
mod summary;

pub use invoice_link::open_invoice_of;
pub use item_actions::{DeleteItem, EditItem, NewItem, ask_delete, open_item_form};
pub use pdf::summary_pdf;
pub use summary::ItemSummary;
