//! What the list screens share: the header row, the scrollbar beside the rows, and the line
//! under the list (the filter being typed, or what is shown and what is selected).

use super::columns::Col;
use super::terminal_text::fit;
use super::terminal_text::fit as fit_text;
use super::theme::Theme;
use crate::app::selection::Selection;
use crate::domain::NumberFormat;
use crate::presentation::amounts_line;
use crate::store::list_query::CurrencyTotal;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Scrollbar, ScrollbarOrientation, ScrollbarState};

/// Amounts per currency of totals as one line: "EUR 1,234.50 · USD 99.00".
pub fn totals_line(n: NumberFormat, totals: &[CurrencyTotal]) -> String {
    amounts_line(n, totals.iter().map(|t| t.amount))
}

pub fn header(cols: &[Col], kept: &[usize], theme: &Theme) -> Row<'static> {
    Row::new(kept.iter().map(|&i| {
        let c = cols[i];
        if c.right {
            Cell::from(Line::from(c.title).right_aligned())
        } else {
            Cell::from(c.title)
        }
    }))
    .style(theme.header())
}

/// A scrollbar beside the rows (not the header), only when they do not all fit.
pub fn scrollbar(frame: &mut Frame<'_>, area: Rect, total: Option<usize>, position: Option<usize>) {
    let rows_area = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..area
    };
    if let (Some(total), Some(pos)) = (total, position)
        && total > rows_area.height as usize
    {
        let mut state = ScrollbarState::new(total).position(pos);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None),
            rows_area,
            &mut state,
        );
    }
}

/// What the line under a list needs to know.
pub struct Under<'a> {
    pub filter_input: Option<&'a str>,
    /// Why the text typed does not read as a filter.
    pub filter_error: Option<&'a str>,
    pub filter: &'a str,
    pub filtering: bool,
    pub totals: Option<&'a [CurrencyTotal]>,
    /// How the shown totals read: "1,234 · EUR 12.00".
    pub shown: fn(&[CurrencyTotal], NumberFormat) -> String,
    /// The user's number format.
    pub numbers: NumberFormat,
    pub selection: &'a Selection,
    /// Spans before everything else (the finance control horizon).
    pub prefix: Vec<Span<'static>>,
}

pub fn draw_under(frame: &mut Frame<'_>, area: Rect, u: Under<'_>, theme: &Theme) {
    let line = if let Some(input) = u.filter_input {
        typing_line(input, u.filter_error, u.filtering, area.width, theme)
    } else {
        let mut spans = u.prefix;
        spans.extend(kept_filter(u.filter, theme));
        spans.push(Span::styled("shown ", theme.dim()));
        let shown = match u.totals {
            _ if u.filtering => "filtering…".to_string(),
            Some(t) => (u.shown)(t, u.numbers),
            None => "counting…".to_string(),
        };
        spans.extend(pieces(&shown, Style::new()));
        if !u.selection.is_empty() {
            spans.push(Span::styled("  selected ", theme.dim()));
            let selected = format!(
                "{} · {}",
                u.selection.len(),
                totals_line(u.numbers, &u.selection.totals())
            );
            spans.extend(pieces(&selected, theme.selected()));
        }
        Line::from(whole_spans(spans, area.width as usize))
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// The line under a list while its filter is typed (`width` columns): what was typed, then why
/// it does not read, or what Enter and Esc do.
pub fn typing_line(
    input: &str,
    error: Option<&str>,
    filtering: bool,
    width: u16,
    theme: &Theme,
) -> Line<'static> {
    let mut spans = vec![
        Span::styled("/", theme.key()),
        Span::styled(format!("{input}▏"), theme.input()),
    ];
    // The whole message when it fits after what was typed, else a pointer to the status
    // line below, which holds it in full.
    let room = (width as usize).saturating_sub(input.chars().count() + 4);
    spans.push(match error {
        Some(e) if e.chars().count() <= room => Span::styled(format!("  {e}"), theme.error()),
        Some(_) => Span::styled("  does not read: see below", theme.error()),
        None => Span::styled(
            if filtering {
                "  filtering…"
            } else {
                "  Enter keeps the filter, Esc clears it"
            },
            theme.dim(),
        ),
    });
    Line::from(spans)
}

/// The filter a list keeps, as the line under it starts: "/helix " (nothing without one).
pub fn kept_filter(filter: &str, theme: &Theme) -> Option<Span<'static>> {
    (!filter.is_empty()).then(|| Span::styled(format!("/{} ", fit(filter, 20)), theme.key()))
}

/// "3 · EUR 1.00 · USD 2.00" as spans that are shown whole or not at all: "3", " · EUR 1.00",
/// " · USD 2.00".
fn pieces(text: &str, style: Style) -> Vec<Span<'static>> {
    text.split(" · ")
        .enumerate()
        .map(|(i, p)| {
            let p = if i == 0 {
                p.to_string()
            } else {
                format!(" · {p}")
            };
            Span::styled(p, style)
        })
        .collect()
}

/// The spans that fit in `width` whole, in order; when one does not, it and the rest give way
/// to " …": a figure is never cut.
pub fn whole_spans(spans: Vec<Span<'static>>, width: usize) -> Vec<Span<'static>> {
    let total: usize = spans.iter().map(|s| s.content.chars().count()).sum();
    if total <= width {
        return spans;
    }
    let room = width.saturating_sub(2);
    let mut used = 0;
    let mut kept = Vec::new();
    for span in spans {
        let n = span.content.chars().count();
        if used + n > room {
            break;
        }
        used += n;
        kept.push(span);
    }
    kept.push(Span::raw(" …"));
    kept
}

/// A list screen's table: the columns that fit, the rows on screen (each with whether it is
/// selected), the cursor in reverse video, a word when nothing shows, and the scrollbar.
pub struct ListTable<'a> {
    pub cols: &'a [Col],
    pub rows: Vec<(Vec<Cell<'static>>, bool)>,
    pub cursor: usize,
    pub filter: &'a str,
    pub total: Option<usize>,
    pub position: Option<usize>,
}

pub fn draw_table(frame: &mut Frame<'_>, area: Rect, t: ListTable<'_>, theme: &Theme) {
    use super::columns::{constraints, fit};
    use ratatui::style::Style;
    use ratatui::widgets::Table;
    let kept = fit(t.cols, area.width.saturating_sub(1));
    let empty = t.rows.is_empty();
    let rows = t
        .rows
        .into_iter()
        .enumerate()
        .map(|(i, (cells, selected))| {
            let mut style = if selected {
                theme.selected()
            } else {
                Style::new()
            };
            if i == t.cursor {
                style = style.patch(theme.cursor());
            }
            Row::new(kept.iter().map(|&k| cells[k].clone())).style(style)
        });
    let table_area = Rect {
        width: area.width.saturating_sub(1),
        ..area
    };
    frame.render_widget(
        Table::new(rows, constraints(t.cols, &kept, table_area.width))
            .header(header(t.cols, &kept, theme)),
        table_area,
    );
    if empty {
        let msg = if t.filter.is_empty() {
            "Nothing here.".to_string()
        } else {
            format!(
                "Nothing matches {:?}: Esc clears the filter.",
                fit_text(t.filter, 40)
            )
        };
        let line = Rect {
            y: area.y + 1,
            height: 1,
            ..area
        };
        frame.render_widget(Paragraph::new(msg).style(theme.dim()), line);
    }
    scrollbar(frame, area, t.total, t.position);
}

/// Rows to skip so that the cursor stays on screen in a pane of `height` (header included),
/// for the small lists held whole (periods, report rows, breakdowns).
pub fn scroll_for(cursor: usize, len: usize, height: usize) -> usize {
    let rows = height.saturating_sub(1).max(1);
    if cursor >= len || cursor < rows {
        0
    } else {
        cursor + 1 - rows
    }
}
