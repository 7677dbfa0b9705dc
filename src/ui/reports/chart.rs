//! The report's bar chart: forecast, billing and revenue of each month, each bar lettered so it
//! reads without colour, and a scale on the axis at its left. Bars carry no figures of their
//! own: three bars of three cells side by side left no room between their figures, which ran
//! together (`.5M.2M.2M`, `1M█.1M`); the table under the chart has every figure in full.

use super::super::widgets::theme::Theme;
use crate::app::reports::Reports;
use crate::domain::NumberFormat;
use crate::domain::report::Figures;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// Cells a month takes at least: three bars of three cells and a gap.
const MONTH_CELLS: usize = 10;

/// The top of the scale: the smallest 1, 2 or 5 times a power of ten at or above `max`, so
/// that the top and the middle of the axis are round figures.
pub fn scale_top(max: u64) -> u64 {
    let mut power: u64 = 1;
    loop {
        for step in [1, 2, 5] {
            let top = power.saturating_mul(step);
            if top >= max || top == u64::MAX {
                return top.max(1);
            }
        }
        power = power.saturating_mul(10);
    }
}

/// A figure of the scale in at most five characters: `950`, `2.5k`, `500k`, `1M`, `2.5M`,
/// `40bn`, with the user's decimal mark.
pub fn scale_label(v: u64, n: NumberFormat) -> String {
    let (unit, suffix) = match v {
        0..=9_999 => return v.to_string(),
        10_000..=999_999 => (1_000, "k"),
        1_000_000..=999_999_999 => (1_000_000, "M"),
        _ => (1_000_000_000, "bn"),
    };
    let whole = v / unit;
    let tenth = v % unit * 10 / unit;
    if tenth == 0 {
        format!("{whole}{suffix}")
    } else {
        format!("{whole}{}{tenth}{suffix}", n.decimal_mark())
    }
}

fn units(d: Decimal) -> u64 {
    d.max(Decimal::ZERO).trunc().to_u64().unwrap_or(u64::MAX)
}

/// How many of the range's months fit beside an axis `axis` cells wide.
fn months_fitting(width: u16, axis: u16) -> usize {
    (width.saturating_sub(axis) as usize / MONTH_CELLS).max(1)
}

/// A bar of each month: its letter, its style, the figure it shows.
type Kind = (&'static str, Style, fn(&Figures) -> Decimal);

/// The axis: the scale's top, its middle when the bars are tall enough to place it, and 0.
fn axis(frame: &mut Frame<'_>, area: Rect, top: u64, n: NumberFormat, theme: &Theme) {
    // The two rows under the bars hold their letters and the months.
    let bar_rows = area.height.saturating_sub(2);
    if bar_rows == 0 {
        return;
    }
    let mut marks = vec![(0, top)];
    if bar_rows >= 5 && top.is_multiple_of(2) {
        marks.push((bar_rows / 2, top / 2));
    }
    marks.push((bar_rows - 1, 0));
    let width = area.width.saturating_sub(1) as usize;
    for (row, value) in marks {
        let text = format!("{:>width$}┤", scale_label(value, n));
        let at = Rect {
            y: area.y + row,
            height: 1,
            ..area
        };
        frame.render_widget(Paragraph::new(Span::styled(text, theme.dim())), at);
    }
}

pub fn draw(frame: &mut Frame<'_>, area: Rect, s: &Reports, n: NumberFormat, theme: &Theme) {
    let [title, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let kinds: [Kind; 3] = [
        ("F", theme.pending(), |f| f.forecast),
        ("B", theme.draft(), |f| f.billing),
        ("R", theme.to_invoice(), |f| f.revenue()),
    ];
    // The axis is as wide as its widest label; the months that fit beside it are the latest.
    let widest_top = s
        .months
        .iter()
        .flat_map(|(_, f)| kinds.iter().map(move |(_, _, get)| units(get(f))))
        .max()
        .unwrap_or(0);
    // Its labels: the top and the middle of the scale, and 0.
    let label_width = |top: u64| scale_label(top, n).len().max(scale_label(top / 2, n).len());
    let provisional = scale_top(widest_top);
    let axis_width = label_width(provisional) as u16 + 1;
    let fit = months_fitting(body.width, axis_width);
    let shown = &s.months[s.months.len().saturating_sub(fit)..];
    let top = scale_top(
        shown
            .iter()
            .flat_map(|(_, f)| kinds.iter().map(move |(_, _, get)| units(get(f))))
            .max()
            .unwrap_or(0),
    );
    heading(frame, title, s, fit, theme);
    let axis_width = axis_width.max(label_width(top) as u16 + 1);
    let [axis_area, bars] =
        Layout::horizontal([Constraint::Length(axis_width), Constraint::Min(0)]).areas(body);
    axis(frame, axis_area, top, n, theme);
    let groups: Vec<BarGroup<'_>> = shown
        .iter()
        .map(|(m, f)| {
            let bars: Vec<Bar<'_>> = kinds
                .iter()
                .map(|(letter, style, get)| {
                    let figure = get(f);
                    // A negative month (credits over invoices) has no bar: its letter says so.
                    let label = if figure.is_sign_negative() && !figure.is_zero() {
                        format!("{letter}-")
                    } else {
                        letter.to_string()
                    };
                    Bar::new(units(figure))
                        .label(Line::from(label))
                        .text_value(String::new())
                        .style(*style)
                })
                .collect();
            BarGroup::new(bars).label(Line::from(m.short()).centered())
        })
        .collect();
    // Three bars of three cells per month; the gap between months shrinks on narrow screens.
    let count = shown.len().max(1) as u16;
    let gap = (bars.width.saturating_sub(count * 9) / count).clamp(1, 4);
    frame.render_widget(
        BarChart::grouped(groups)
            .bar_width(3)
            .bar_gap(0)
            .group_gap(gap)
            .max(top),
        Rect {
            x: bars.x + 1,
            width: bars.width.saturating_sub(1),
            ..bars
        },
    );
}

/// "EUR 2026-07 to 2026-12 by project  F forecast  B billing  R revenue", and how many months
/// show when not all of the range fits.
fn heading(frame: &mut Frame<'_>, area: Rect, s: &Reports, fit: usize, theme: &Theme) {
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
            if s.months.len() <= fit {
                String::new()
            } else {
                format!("  (last {fit} months)")
            },
            theme.dim(),
        ),
    ]);
    frame.render_widget(Paragraph::new(head), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_is_round_and_holds_the_tallest_bar() {
        assert_eq!(scale_top(0), 1);
        assert_eq!(scale_top(1), 1);
        assert_eq!(scale_top(3), 5);
        assert_eq!(scale_top(950), 1_000);
        assert_eq!(scale_top(1_000), 1_000);
        assert_eq!(scale_top(1_001), 2_000);
        assert_eq!(scale_top(612_345), 1_000_000);
        assert_eq!(scale_top(1_612_345), 2_000_000);
        assert_eq!(scale_top(u64::MAX), u64::MAX);
        for max in [1u64, 7, 99, 12_345, 999_999_999_999] {
            assert!(scale_top(max) >= max);
        }
    }

    #[test]
    fn scale_labels_are_short_and_exact() {
        let n = NumberFormat::CommaPoint;
        assert_eq!(scale_label(0, n), "0");
        assert_eq!(scale_label(5_000, n), "5000");
        assert_eq!(scale_label(25_000, n), "25k");
        assert_eq!(scale_label(500_000, n), "500k");
        assert_eq!(scale_label(2_500_000, n), "2.5M");
        assert_eq!(scale_label(2_500_000, NumberFormat::PointComma), "2,5M");
        assert_eq!(scale_label(50_000_000_000, n), "50bn");
        for top in (0..12).map(|k| 5 * 10u64.pow(k)) {
            assert!(scale_label(top, n).len() <= 5, "{top}");
            assert!(scale_label(top / 2, n).len() <= 5, "{top}");
        }
    }
}
