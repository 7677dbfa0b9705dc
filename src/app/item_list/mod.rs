//! What the two revenue item screens (finance control, all items) share: a window over a list
//! too large to load, its filter typed as you go, the selection and its running totals, the
//! footer totals from SQL off the input path, the status keys and the in-place quick edit.

mod commands;
mod delete_selected;
mod excel;
mod filtered_items;
mod item_screen;
pub mod keys;
mod quick_edit;
mod typing;

pub use delete_selected::{DeleteItems, ask_delete_selected};
pub use excel::excel_job;
pub use filtered_items::{ItemList, Items};
pub use item_screen::ItemScreen;
pub use quick_edit::{QuickEdit, QuickField};
