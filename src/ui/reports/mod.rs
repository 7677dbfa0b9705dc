//! The revenue and billing report: a bar chart of the months (forecast, billing, revenue, each
//! bar lettered so it reads without colour) above the table of groups and months, the figure
//! under the cursor underlined.

mod breakdown;

use super::layout::ScreenArea;
use super::screens::DrawScreen;
use super::widgets::columns::{Col, col, flex, holding, right, widest};
use super::widgets::list_table::{self, ListTable, scroll_for};
use super::widgets::terminal_text::fit as fit_text;
use super::widgets::theme::Theme;
use crate::app::reports::{Reports, chart_rows};
use crate::domain::NumberFormat;
use crate::domain::report::{Figures, Measure};
use crate::presentation::amount;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Cell, Paragraph};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

const COLS: [Col; 7] = [
    flex("Group", 12, 0),
    col("Month", 7, 0),
    right("Forecast", 12, 1),
    right("Billing", 12, 1),
    right("Revenue", 12, 0),
    right("Adjust.", 12, 2),
    right("Difference", 12, 1),
];

/// The table column of each measure.
fn column_of(m: Measure) -> usize {
    match m {
        Measure::Forecast => 2,
        Measure::Billing => 3,
        Measure::Revenue => 4,
        Measure::Adjustments => 5,
        Measure::Difference => 6,
    }
}

/// At most three characters for a bar: 950, 12k, .4M (,4M with a decimal comma), 3M, 42M.
fn compact(v: u64, n: NumberFormat) -> String {
    match v {
        0..=999 => v.to_string(),
        1_000..=99_999 => format!("{}k", v / 1_000),
        100_000..=999_999 => format!("{}{}M", n.decimal_mark(), v / 100_000),
        _ => format!("{}M", (v / 1_000_000).min(99)),
    }
}

fn units(d: Decimal) -> u64 {
    d.max(Decimal::ZERO).trunc().to_u64().unwrap_or(u64::MAX)
}

/// A bar of each month: its letter, its style, the figure it shows.
type Kind = (&'static str, Style, fn(&Figures) -> Decimal);

fn shown_all(s: &Reports, width: u16) -> bool {
    s.months.len() <= (width as usize / 10).max(1)
}

fn chart(frame: &mut Frame<'_>, area: Rect, s: &Reports, numbers: NumberFormat, theme: &Theme) {
    let [title, bars] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let cur = s.currency.map(|c| c.code().to_string()).unwrap_or_default();
    let head = Line::from(vec![
        Span::styled(
            format!(
                "{} {} to {} by {}  ",
                cur,
                s.query.from,
                s.query.to,
                s.query.group.label()
            ),
            theme.title(),
        ),
        Span::styled("F", theme.pending()),
        Span::raw(" forecast  "),
        Span::styled("B", theme.draft()),
        Span::raw(" billing  "),
        Span::styled("R", theme.to_invoice()),
        Span::raw(" revenue"),
        Span::styled(
            if shown_all(s, area.width) {
                String::new()
            } else {
                format!("  (last {} months)", (area.width as usize / 10).max(1))
            },
            theme.dim(),
        ),
    ]);
    frame.render_widget(
        Paragraph::new(head),
        Rect {
            width: title.width,
            ..title
        },
    );
    let kinds: [Kind; 3] = [
        ("F", theme.pending(), |f| f.forecast),
        ("B", theme.draft(), |f| f.billing),
        ("R", theme.to_invoice(), |f| f.revenue()),
    ];
    // Each month takes three bars of three cells and a gap: the latest months that fit.
    let fit = (bars.width as usize / 10).max(1);
    let shown = &s.months[s.months.len().saturating_sub(fit)..];
    let groups: Vec<BarGroup<'_>> = shown
        .iter()
        .map(|(m, f)| {
            let bars: Vec<Bar<'_>> = kinds
                .iter()
                .map(|(letter, style, get)| {
                    let figure = get(f);
                    let v = units(figure);
                    // A negative month (credits over invoices) has no bar: its letter says so.
                    let label = if figure.is_sign_negative() && !figure.is_zero() {
                        format!("{letter}-")
                    } else {
                        letter.to_string()
                    };
                    Bar::new(v)
                        .label(Line::from(label))
                        .text_value(compact(v, numbers))
                        .style(*style)
                        .value_style(style.add_modifier(Modifier::REVERSED))
                })
                .collect();
            BarGroup::new(bars).label(Line::from(m.short()).centered())
        })
        .collect();
    // Three bars of three cells per month; the gap between months shrinks on narrow screens.
    let n = shown.len().max(1) as u16;
    let gap = (bars.width.saturating_sub(n * 9) / n).clamp(1, 4);
    frame.render_widget(
        BarChart::grouped(groups)
            .bar_width(3)
            .bar_gap(0)
            .group_gap(gap),
        bars,
    );
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
    chart(frame, top, s, n, theme);
    let marked = column_of(s.measure);
    let len = s.shown.len();
    let skip = scroll_for(s.cursor, len, table.height as usize);
    let r = |d: Decimal, i: usize, on_cursor: bool| {
        let text = Line::from(amount(n, d)).right_aligned();
        if on_cursor && i == marked {
            Cell::from(text.style(Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)))
        } else {
            Cell::from(text)
        }
    };
    let body: Vec<(Vec<Cell<'static>>, bool)> = s
        .visible_rows()
        .enumerate()
        .skip(skip)
        .take(table.height as usize)
        .map(|(i, row)| {
            let on = i == s.cursor;
            let f = &row.figures;
            (
                vec![
                    Cell::from(fit_text(&group_name(&row.group), 60)),
                    Cell::from(row.month.to_string()),
                    r(f.forecast, 2, on),
                    r(f.billing, 3, on),
                    r(f.revenue(), 4, on),
                    r(f.adjustments, 5, on),
                    r(f.difference(), 6, on),
                ],
                false,
            )
        })
        .collect();
    // Each figure column as wide as its widest figure in the rows on screen.
    let mut cols = COLS;
    for m in Measure::ALL {
        let at = column_of(m);
        let figures = s
            .visible_rows()
            .skip(skip)
            .take(table.height as usize)
            .map(|row| amount(n, row.figures.get(m)));
        cols[at] = holding(cols[at], widest(figures));
    }
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
            s.filtering,
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
    if s.filtering {
        spans.push(Span::styled("filtering… ", theme.dim()));
    }
    spans.push(Span::styled(format!("{cur} "), theme.dim()));
    for m in Measure::ALL {
        let label = match m {
            Measure::Forecast => "F",
            Measure::Billing => "B",
            Measure::Revenue => "R",
            Measure::Adjustments => "adj",
            Measure::Difference => "diff",
        };
        let style = if m == s.measure {
            theme.title().add_modifier(Modifier::UNDERLINED)
        } else {
            Style::new()
        };
        spans.push(Span::styled(
            format!("{label} {} ", amount(n, t.get(m))),
            style,
        ));
    }
    // Each total whole or not at all.
    let spans = list_table::whole_spans(spans, area.width as usize);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
