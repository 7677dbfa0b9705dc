//! How amounts and dates read on screen, the same everywhere: `1,234.50`, `2026-11-28`. The
//! functions live in [`crate::text`], which the PDFs use too.

pub use crate::text::{amount, price, short};
