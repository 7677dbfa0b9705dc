//! The console's state and what each key does: no terminal here, so every screen can be driven
//! and checked headless.
//!
//! [`App`] keeps the store, the screens of the tab bar ([`screens`]), the overlay stack, the
//! status line and the background work. Each screen lives in a folder of its own with its
//! state, its part of the key table, its commands, forms and files; the app calls it through
//! the [`screen::Screen`] interface. See docs/architecture.md, "Adding a screen".

pub mod background;
mod console_state;
mod dispatch;
pub mod filter_input;
pub mod filter_typing;
pub mod filtered_list;
pub mod finance_control;
mod follow_ups;
pub mod form;
pub mod history;
pub mod invoices;
pub mod item_list;
pub mod keymap;
pub mod list_file;
pub mod list_view;
mod live;
mod live_seen;
pub mod milestones;
pub mod number_format_form;
mod paste;
pub mod progress;
pub mod projects;
pub mod reports;
pub mod revenue_item;
pub mod revenue_items;
pub mod screen;
pub mod screens;
pub mod selection;
pub mod status_line;
mod terminal_request;
pub mod welcome;
pub mod work;

pub use console_state::{App, Clock};
pub use dispatch::KeyResult;
pub use screen::{Screen, Screens};
pub use terminal_request::TerminalRequest;
pub use work::Overlay;
