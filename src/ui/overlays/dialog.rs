//! A yes/no question in a box.

use super::super::layout::centered;
use super::super::terminal_text::clean;
use super::super::theme::Theme;
use crate::app::work::Dialog;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

pub fn draw(frame: &mut Frame<'_>, area: Rect, dialog: &Dialog, theme: &Theme) {
    let mut lines: Vec<Line> = dialog
        .lines
        .iter()
        .map(|l| Line::from(clean(l).into_owned()))
        .collect();
    lines.push(Line::from(""));
    lines.push(Line::from(vec![
        Span::styled("y", theme.key()),
        Span::raw("/"),
        Span::styled("Enter", theme.key()),
        Span::raw(" yes   "),
        Span::styled("n", theme.key()),
        Span::raw("/"),
        Span::styled("Esc", theme.key()),
        Span::raw(" no"),
    ]));
    let width = dialog
        .lines
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(20)
        .clamp(30, 72) as u16
        + 4;
    let popup = centered(area, width, lines.len() as u16 + 2);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .title(Span::styled(format!(" {} ", dialog.title), theme.title())),
        ),
        popup,
    );
}
