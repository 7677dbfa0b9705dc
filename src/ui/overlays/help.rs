//! `?`: every key of the screen it was opened on, from the key table itself.

use super::super::layout::centered;
use super::super::theme::Theme;
use crate::app::keymap::{self, Context};
use crate::domain::rights::Role;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// `screens` name the screens in tab order (the digits go to them); keys `role` may not use
/// say who may.
pub fn draw(
    frame: &mut Frame<'_>,
    area: Rect,
    ctx: Context,
    scroll: u16,
    screens: &[&str],
    role: Role,
    theme: &Theme,
) {
    let keys = keymap::help(ctx, screens, Some(role));
    let width = keys
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(4)
        .min(22);
    let lines: Vec<Line> = keys
        .into_iter()
        .map(|(k, help)| {
            Line::from(vec![
                Span::styled(format!("{k:<width$}  "), theme.key()),
                Span::raw(help),
            ])
        })
        .collect();
    // 76 wide, 100 where the terminal has room: fewer lines wrap, so a tall terminal shows
    // every key of a screen.
    let box_width: u16 = if area.width >= 104 { 100 } else { 76 };
    // Height of the text once wrapped in the box (less its borders).
    let inner = area.width.min(box_width).saturating_sub(2).max(1) as usize;
    let rows: usize = lines.iter().map(|l| l.width().max(1).div_ceil(inner)).sum();
    let popup = centered(area, box_width, rows as u16 + 2);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(Block::default().borders(Borders::ALL).title(Span::styled(
                format!(" Keys: {} ", ctx.title),
                theme.title(),
            ))),
        popup,
    );
}
