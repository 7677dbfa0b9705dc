//! How both revenue item screens are drawn: their table and the line under it.

pub mod item_table;
