//! One revenue item's views: its summary.

mod summary;
