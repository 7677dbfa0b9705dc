//! The split screens (progress, milestones): a list above, a title line, and the detail of the
//! row under the cursor below.

use crate::app::progress::upper_rows;
use ratatui::layout::{Constraint, Layout, Rect};

pub struct Split {
    pub upper: Rect,
    pub title: Rect,
    pub lower: Rect,
}

pub fn split(body: Rect) -> Split {
    // The same arithmetic the app uses to size the upper list's window.
    let rows = body.height.saturating_sub(1) as usize;
    let upper = (upper_rows(rows) + 1) as u16;
    let [upper, title, lower] = Layout::vertical([
        Constraint::Length(upper.min(body.height)),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(body);
    Split {
        upper,
        title,
        lower,
    }
}
