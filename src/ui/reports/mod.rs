//! The revenue and billing report: a bar chart of the months (`chart.rs`) above the table of
//! groups and months, the figure under the cursor underlined.

mod breakdown;
mod chart;

use super::layout::ScreenArea;
use super::screens::DrawScreen;
use super::widgets::columns::{Col, col, flex, holding, right, widest};
use super::widgets::list_table::{self, ListTable, scroll_for};
use super::widgets::terminal_text::fit as fit_text;
use super::widgets::theme::Theme;
use crate::app::reports::{Reports, chart_rows};
use crate::domain::NumberFormat;
use crate::domain::report::{Figures, GroupBy, Measure};
use crate::presentation::{amount, figure};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph};

/// Group, month, a column per measure (in `Measure::ALL`'s order), and the hours without a
/// cost rate. The column of the figure under the cursor is kept first (see `draw`).
const COLS: [Col; 11] = [
    flex("Group", 12, 0),
    col("Month", 7, 0),
    right("Forecast", 12, 2),
    right("Billing", 12, 2),
    right("Revenue", 12, 1),
    right("Adjust.", 12, 4),
    right("Difference", 12, 3),
    right("Cost", 12, 2),
    right("Margin", 12, 1),
    right("Util.", 7, 3),
    right("No rate h", 9, 4),
];

/// The table column of each measure.
fn column_of(m: Measure) -> usize {
    2 + Measure::ALL.iter().position(|x| *x == m).unwrap_or(0)
}

/// The column of the hours without a cost rate.
const NO_RATE: usize = 10;

/// A figure as the table and the totals show it: an amount, utilisation as `75.0 %`, and
/// nothing where the row has no such figure (a person's revenue, utilisation without hours).
fn shown(n: NumberFormat, f: &Figures, m: Measure, group: GroupBy) -> String {
    if !m.applies_to(group) {
        return String::new();
    }
    match f.get(m) {
        Some(v) if m.is_money() => amount(n, v),
        Some(v) => format!("{} %", amount(n, v)),
        None => String::new(),
    }
}

/// Hours without a cost rate, or nothing when every hour has one.
fn no_rate(n: NumberFormat, f: &Figures) -> String {
    if f.hours_without_cost.is_zero() {
        String::new()
    } else {
        figure(n, f.hours_without_cost)
    }
}

/// "P-0001 ERP rollout 1"; a business unit is its own name.
fn group_name(g: &crate::store::reports::Group) -> String {
    if g.key == g.label {
        g.key.clone()
    } else {
        format!("{} {}", g.key, g.label)
    }
}

impl DrawScreen for Reports {
    fn draw(
        &self,
        frame: &mut Frame<'_>,
        area: ScreenArea,
        _today: NaiveDate,
        n: NumberFormat,
        theme: &Theme,
    ) {
        draw(frame, area.body, self, n, theme);
        draw_totals(frame, area.under, self, n, theme);
    }
}

fn draw(frame: &mut Frame<'_>, area: Rect, s: &Reports, n: NumberFormat, theme: &Theme) {
    let rows = area.height.saturating_sub(1) as usize;
    let [top, table] = Layout::vertical([
        Constraint::Length(chart_rows(rows) as u16),
        Constraint::Min(2),
    ])
    .areas(area);
    chart::draw(frame, top, s, n, theme);
    let group = s.query.group;
    // The figures the grouping has (a person's row: cost and utilisation), in their order.
    let measures: Vec<Measure> = Measure::ALL
        .into_iter()
        .filter(|m| m.applies_to(group))
        .collect();
    let marked = 2 + measures.iter().position(|m| *m == s.measure).unwrap_or(0);
    let len = s.shown.len();
    let skip = scroll_for(s.cursor, len, table.height as usize);
    let r = |text: String, i: usize, on_cursor: bool| {
        let text = Line::from(text).right_aligned();
        if on_cursor && i == marked {
            Cell::from(text.style(Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)))
        } else {
            Cell::from(text)
        }
    };
    let on_screen = || s.visible_rows().skip(skip).take(table.height as usize);
    let body: Vec<(Vec<Cell<'static>>, bool)> = on_screen()
        .enumerate()
        .map(|(i, row)| {
            let on = i + skip == s.cursor;
            let f = &row.figures;
            let mut cells = vec![
                Cell::from(fit_text(&group_name(&row.group), 60)),
                Cell::from(row.month.to_string()),
            ];
            for (at, m) in measures.iter().enumerate() {
                cells.push(r(shown(n, f, *m, group), 2 + at, on));
            }
            cells.push(r(no_rate(n, f), 2 + measures.len(), on));
            (cells, false)
        })
        .collect();
    // Each figure column as wide as its widest figure in the rows on screen; the figure under
    // the cursor is kept longest.
    let mut cols = vec![COLS[0], COLS[1]];
    for m in &measures {
        let figures = on_screen().map(|row| shown(n, &row.figures, *m, group));
        cols.push(holding(COLS[column_of(*m)], widest(figures)));
    }
    cols.push(holding(
        COLS[NO_RATE],
        widest(on_screen().map(|row| no_rate(n, &row.figures))),
    ));
    cols[marked].priority = 0;
    list_table::draw_table(
        frame,
        table,
        ListTable {
            cols: &cols,
            rows: body,
            cursor: s.cursor.wrapping_sub(skip),
            filter: &s.filter.text,
            total: Some(len),
            position: Some(s.cursor),
        },
        theme,
    );
}

/// Under the report: the filter being typed; or the filter kept, the totals of the range in the
/// shown currency (of what the filter narrows it to), and the figure chosen.
fn draw_totals(frame: &mut Frame<'_>, area: Rect, s: &Reports, n: NumberFormat, theme: &Theme) {
    if let Some(input) = &s.filter_input {
        let line = list_table::typing_line(
            input,
            s.filter_error.as_deref(),
            s.summing,
            area.width,
            theme,
        );
        frame.render_widget(Paragraph::new(line), area);
        return;
    }
    let t = &s.total;
    let cur = s.currency.map(|c| c.code().to_string()).unwrap_or_default();
    let mut spans: Vec<Span<'static>> = list_table::kept_filter(&s.filter.text, theme)
        .into_iter()
        .collect();
    if s.summing {
        spans.push(Span::styled("summing… ", theme.dim()));
    }
    spans.push(Span::styled(format!("{cur} "), theme.dim()));
    let group = s.query.group;
    for m in Measure::ALL.into_iter().filter(|m| m.applies_to(group)) {
        let label = match m {
            Measure::Forecast => "F",
            Measure::Billing => "B",
            Measure::Revenue => "R",
            Measure::Adjustments => "adj",
            Measure::Difference => "diff",
            Measure::Cost => "cost",
            Measure::Margin => "margin",
            Measure::Utilisation => "util",
        };
        let style = if m == s.measure {
            theme.title().add_modifier(Modifier::UNDERLINED)
        } else {
            Style::new()
        };
        let value = match shown(n, t, m, group) {
            v if v.is_empty() => "-".to_string(),
            v => v,
        };
        spans.push(Span::styled(format!("{label} {value} "), style));
    }
    // Hours without a cost rate are said, not counted as a cost of zero.
    if !t.hours_without_cost.is_zero() {
        spans.push(Span::styled(
            format!("{} h without cost rate ", figure(n, t.hours_without_cost)),
            theme.warning(),
        ));
    }
    // Each total whole or not at all.
    let spans = list_table::whole_spans(spans, area.width as usize);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
