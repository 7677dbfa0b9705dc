//! The console's state and what each key does: no terminal here, so every screen can be driven
//! and checked headless.

pub mod dialog;
pub mod form;
pub mod invoice_list;
pub mod item_list;
pub mod keymap;
pub mod list_view;
pub mod selection;
pub mod status;
pub mod totals;
