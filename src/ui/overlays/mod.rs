//! The overlays every screen shares: a form, a yes/no dialog, the help.

pub mod dialog;
pub mod form;
pub mod help;
mod pick_list;
