//! A picker's list of choices: under its field (above it where the form has no room below),
//! over the fields there; the highlighted choice in reverse video, scrolled into view; a line
//! that says when nothing matches or when there are more than it shows.

use super::super::terminal_text::{clean, fit};
use super::super::theme::Theme;
use crate::app::form::PickList;
use crate::store::pickers::PICK_LIMIT;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// The most choices shown at once.
const SHOWN: u16 = 6;
/// The widest the list gets: a code and what tells it apart, not the whole form's width.
const WIDEST: u16 = 90;

/// Draws `list` for the field at `field` inside the form's `inner` area; `text` is what the
/// field holds.
pub fn draw(
    frame: &mut Frame<'_>,
    field: Rect,
    inner: Rect,
    list: &PickList,
    text: &str,
    theme: &Theme,
) {
    let rows = (list.options.len() as u16).clamp(1, SHOWN);
    let below = (inner.y + inner.height).saturating_sub(field.y + 1);
    let above = field.y.saturating_sub(inner.y);
    let fits = |room: u16| room.min(rows + 2);
    let (y, height) = if below >= rows + 2 || below >= above {
        (field.y + 1, fits(below))
    } else {
        let h = fits(above);
        (field.y - h, h)
    };
    if height < 3 {
        return;
    }
    let area = Rect {
        x: field.x,
        y,
        width: field.width.min(WIDEST),
        height,
    };
    let more = list.options.len() >= PICK_LIMIT;
    let title = if more {
        format!(" first {PICK_LIMIT}: type more to narrow ")
    } else {
        format!(" {} ", list.options.len())
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(title, theme.dim()));
    let body = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let width = body.width as usize;
    if list.options.is_empty() {
        let empty = if text.trim().is_empty() {
            "nothing to choose from yet".to_string()
        } else {
            format!("nothing matches \"{}\"", clean(text.trim()))
        };
        frame.render_widget(
            Paragraph::new(Span::styled(fit(&empty, width), theme.dim())),
            body,
        );
        return;
    }
    // The window of choices that holds the highlight.
    let shown = body.height as usize;
    let first = list.cursor.saturating_sub(shown.saturating_sub(1));
    let lines: Vec<Line> = list
        .options
        .iter()
        .enumerate()
        .skip(first)
        .take(shown)
        .map(|(i, option)| {
            let key = clean(&option.key);
            let detail = clean(&option.detail);
            let text = fit(&format!("{key}  {detail}"), width);
            let style = if i == list.cursor {
                theme.cursor()
            } else {
                theme.input()
            };
            Line::from(Span::styled(format!("{text:<width$}"), style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
}
