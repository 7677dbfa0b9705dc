//! The change history of an object, wherever it is reached from (`H` on every screen): when,
//! who, what changed from what to what and why, newest first, a window of rows at a time. The
//! screens open it; nothing here knows a screen.

mod history_view;
pub mod keys;

pub use history_view::{DETAIL_LINES, HistoryView, Root, open_history};
