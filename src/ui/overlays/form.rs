//! A form: a label column, the fields, each field's error beside it; scrolled so that the
//! focused field is on screen.

use super::super::terminal_text::{clean, fit};
use super::super::theme::Theme;
use super::pick_list;
use crate::app::form::{Field, FieldKind, Form};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui_textarea::{CursorMove, TextArea};

pub fn draw(frame: &mut Frame<'_>, area: Rect, form: &Form, theme: &Theme) {
    frame.render_widget(Clear, area);
    let block = Block::default().borders(Borders::ALL).title(Span::styled(
        format!(" {} ", clean(&form.title)),
        theme.title(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut top = inner.y;
    let bottom = inner.y + inner.height;
    if let Some(e) = &form.error {
        frame.render_widget(
            Paragraph::new(Span::styled(clean(e).into_owned(), theme.error())),
            Rect {
                y: top,
                height: 1,
                ..inner
            },
        );
        top += 1;
    }
    if let Some(note) = &form.note {
        frame.render_widget(
            Paragraph::new(Span::styled(clean(note).into_owned(), theme.dim()))
                .wrap(ratatui::widgets::Wrap { trim: true }),
            Rect {
                y: top,
                height: 2,
                ..inner
            },
        );
        top += 2;
    }
    // Scroll: skip fields before the focus until the focused one fits.
    let heights: Vec<u16> = form
        .fields
        .iter()
        .map(|f| f.height() + u16::from(f.error.is_some()))
        .collect();
    let mut first = 0;
    while first < form.focus
        && heights[first..=form.focus].iter().sum::<u16>() > bottom.saturating_sub(top)
    {
        first += 1;
    }
    let mut y = top;
    // The label column fits the longest label, up to half the width.
    let longest = form
        .fields
        .iter()
        .map(|f| f.label.chars().count())
        .max()
        .unwrap_or(10) as u16;
    let input_x = inner.x + (longest + 5).min(inner.width / 2);
    let input_w = inner.width.saturating_sub(input_x - inner.x);
    // The focused picker's list is drawn last, over the fields below it.
    let mut open_list = None;
    for (i, field) in form.fields.iter().enumerate().skip(first) {
        let h = field.height();
        if y + h > bottom {
            break;
        }
        let focused = i == form.focus;
        let label_style = if focused { theme.key() } else { theme.dim() };
        let marker = if focused { "> " } else { "  " };
        // Cut with a mark, and a gap before the value.
        let label_width = (input_x - inner.x) as usize;
        frame.render_widget(
            Paragraph::new(Span::styled(
                fit(
                    &format!("{marker}{}", field.label),
                    label_width.saturating_sub(2),
                ),
                label_style,
            )),
            Rect {
                x: inner.x,
                y,
                width: input_x - inner.x,
                height: 1,
            },
        );
        let input = Rect {
            x: input_x,
            y,
            width: input_w,
            height: h,
        };
        match &field.kind {
            FieldKind::Choice(options) => {
                // The options that no longer fit before the chosen one give way to "…", so
                // that a long list (saved plan templates) keeps its choice in sight.
                let first = first_in_sight(options, field.choice, input.width as usize);
                let lead = (first > 0).then(|| Span::styled("… ", theme.dim()));
                let spans: Vec<Span> = lead
                    .into_iter()
                    .chain(options.iter().enumerate().skip(first).flat_map(|(k, o)| {
                        let style = if k == field.choice {
                            theme.cursor()
                        } else {
                            theme.dim()
                        };
                        [Span::styled(format!(" {o} "), style), Span::raw(" ")]
                    }))
                    .collect();
                frame.render_widget(Paragraph::new(Line::from(spans)), input);
            }
            FieldKind::ReadOnly(why) => {
                let mut spans = vec![Span::styled(
                    clean(&field.value()).into_owned(),
                    theme.dim(),
                )];
                if !why.is_empty() {
                    spans.push(Span::styled(format!("  ({})", clean(why)), theme.dim()));
                }
                frame.render_widget(Paragraph::new(Line::from(spans)), input);
            }
            FieldKind::Line | FieldKind::MultiLine | FieldKind::Pick(_) => {
                frame.render_widget(&text_area(field, focused, theme), input);
                if focused && field.list.open {
                    open_list = Some(input);
                }
            }
        }
        y += h;
        if let Some(e) = &field.error
            && y < bottom
        {
            frame.render_widget(
                Paragraph::new(Span::styled(format!("↑ {}", clean(e)), theme.error())),
                Rect {
                    x: input_x,
                    y,
                    width: input_w,
                    height: 1,
                },
            );
            y += 1;
        }
    }
    if let (Some(at), Some(field)) = (open_list, form.focused()) {
        pick_list::draw(frame, at, inner, &field.list, &field.value(), theme);
    }
}

/// The field's text as the editor widget draws it: the cursor where the app has it, shown
/// only on the focused field.
fn text_area(field: &Field, focused: bool, theme: &Theme) -> TextArea<'static> {
    let mut text = TextArea::new(field.text.lines().to_vec());
    let (row, col) = field.text.cursor();
    text.move_cursor(CursorMove::Jump(
        u16::try_from(row).unwrap_or(u16::MAX),
        u16::try_from(col).unwrap_or(u16::MAX),
    ));
    text.set_style(theme.input());
    text.set_cursor_line_style(ratatui::style::Style::new());
    if !focused {
        text.set_cursor_style(theme.input());
    }
    text
}

/// The first option a choice field shows so that option `chosen` is whole within `width`
/// (each option takes its text and three columns; "… " before a list that starts later).
fn first_in_sight(options: &[String], chosen: usize, width: usize) -> usize {
    let wide = |o: &String| o.chars().count() + 3;
    let mut first = 0;
    while first < chosen {
        let lead = if first > 0 { 2 } else { 0 };
        let used: usize = lead + options[first..=chosen].iter().map(wide).sum::<usize>();
        if used <= width {
            break;
        }
        first += 1;
    }
    first
}
