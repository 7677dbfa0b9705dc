//! What the screens' drawings share: columns that give way, the list table with its scrollbar
//! and the line under it, the split of a screen into two panes, text made safe for the
//! terminal, and the colours.

pub mod columns;
pub mod list_table;
pub mod split_pane;
pub mod terminal_text;
pub mod theme;
