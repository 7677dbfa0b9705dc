//! The console's state and what each key does: no terminal here, so every screen can be driven
//! and checked headless.

pub mod background;
pub mod breakdown;
pub mod dialog;
pub mod file_actions;
pub mod form;
pub mod form_actions;
pub mod format;
pub mod invoice_list;
pub mod item_form;
pub mod item_list;
pub mod keymap;
pub mod list_actions;
pub mod list_view;
pub mod milestone_actions;
pub mod milestone_screen;
pub mod plan_form;
pub mod progress_actions;
pub mod progress_screen;
pub mod report_actions;
pub mod report_forms;
pub mod report_screen;
pub mod schedule_forms;
pub mod selection;
pub mod state;
pub mod status;
pub mod view_actions;
pub mod views;

pub use state::{App, Overlay, Tab};
