//! The parts of the terminal: the tab bar, the body, the line under it (totals or the filter
//! being typed), the status line and the keys.

use ratatui::layout::{Constraint, Layout, Rect};

pub struct Areas {
    pub tabs: Rect,
    pub body: Rect,
    pub under: Rect,
    pub status: Rect,
    pub keys: Rect,
}

impl Areas {
    pub fn of(area: Rect) -> Areas {
        let [tabs, body, under, status, keys] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(3),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        Areas {
            tabs,
            body,
            under,
            status,
            keys,
        }
    }
}

/// Where a screen draws: its body and the line under it.
#[derive(Debug, Clone, Copy)]
pub struct ScreenArea {
    pub body: Rect,
    pub under: Rect,
}

/// How many list rows fit on a screen of this size (the body less its header).
pub fn list_rows(screen: Rect) -> usize {
    Areas::of(screen).body.height.saturating_sub(1).max(1) as usize
}

/// A centred rectangle of at most `w` x `h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}
