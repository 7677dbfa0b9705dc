//! The change history of an object over what it was opened from: a table of its rows (when,
//! who, what it is of, field, old and new value, reason), newest first, and under it the row
//! under the cursor written out in full. Money is never cut: its columns hold the widest figure
//! on screen and other columns give way; text that does not fit ends in "…" (the line under
//! the table has it whole).

use super::screens::DrawView;
use super::widgets::columns::{Col, col, constraints, fit, flex, holding, widest};
use super::widgets::list_table::{header, scrollbar};
use super::widgets::terminal_text::{clean, fit as fit_text};
use super::widgets::theme::Theme;
use crate::app::history::{DETAIL_LINES, HistoryView};
use crate::domain::NumberFormat;
use crate::presentation::change_sentence::{ChangeCells, cells, change_words, when_written};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Clear, Paragraph, Row, Table, Wrap};

impl DrawView for HistoryView {
    fn draw(
        &self,
        frame: &mut Frame<'_>,
        area: Rect,
        _today: NaiveDate,
        n: NumberFormat,
        theme: &Theme,
    ) {
        draw(frame, area, self, n, theme);
    }
}

/// One row as the table shows it.
struct Shown {
    when: String,
    who: String,
    what: String,
    cells: ChangeCells,
}

/// The columns in order; `labelled` keeps "What".
fn columns(shown: &[Shown], labelled: bool) -> Vec<Col> {
    let money = |pick: fn(&ChangeCells) -> &str| {
        widest(
            (shown.iter())
                .filter(|s| s.cells.money)
                .map(|s| pick(&s.cells)),
        )
    };
    let mut cols = vec![
        col("When", 16, 0),
        col(
            "Who",
            widest(shown.iter().map(|s| &s.who)).clamp(3, 14) as u16,
            3,
        ),
    ];
    if labelled {
        let w = widest(shown.iter().map(|s| &s.what)).clamp(4, 18);
        cols.push(col("What", w as u16, 2));
    }
    let field = widest(shown.iter().map(|s| &s.cells.field)).clamp(5, 22);
    cols.extend([
        col("Field", field as u16, 0),
        holding(flex("Old", 10, 1), money(|c| &c.old)),
        holding(flex("New", 10, 0), money(|c| &c.new)),
        flex("Reason", 12, 4),
    ]);
    cols
}

fn draw(frame: &mut Frame<'_>, area: Rect, v: &HistoryView, n: NumberFormat, theme: &Theme) {
    frame.render_widget(Clear, area);
    let block = Block::default().borders(Borders::ALL).title(Span::styled(
        format!(
            " Change history of {} ",
            fit_text(&v.title, area.width.saturating_sub(24) as usize)
        ),
        theme.title(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [table, detail] =
        Layout::vertical([Constraint::Min(2), Constraint::Length(DETAIL_LINES + 1)]).areas(inner);
    let (rows, cursor) = v.rows.visible();
    let shown: Vec<Shown> = rows
        .iter()
        .map(|r| Shown {
            when: when_written(&r.at),
            who: clean(&r.user).into_owned(),
            what: clean(v.label_of(r)).into_owned(),
            cells: cells(n, &r.as_row()),
        })
        .map(|mut s| {
            // An invoice's line names itself: `line 2` rather than `invoice`.
            if let Some(part) = s.cells.part.take() {
                s.what = part;
            }
            s
        })
        .collect();
    let labelled = v.labelled();
    let cols = columns(&shown, labelled);
    let width = table.width.saturating_sub(1);
    let kept = fit(&cols, width);
    let widths = constraints(&cols, &kept, width);
    let width_of = |i: usize| -> usize {
        kept.iter()
            .position(|&k| k == i)
            .and_then(|p| match widths[p] {
                Constraint::Length(w) => Some(w as usize),
                _ => None,
            })
            .unwrap_or(0)
    };
    let reasons: Vec<String> = rows
        .iter()
        .map(|r| clean(r.reason.as_deref().unwrap_or("")).into_owned())
        .collect();
    let body = shown
        .iter()
        .zip(&reasons)
        .enumerate()
        .map(|(i, (s, reason))| {
            let mut texts: Vec<(String, bool)> =
                vec![(s.when.clone(), false), (s.who.clone(), false)];
            if labelled {
                texts.push((s.what.clone(), false));
            }
            texts.extend([
                (s.cells.field.clone(), false),
                (s.cells.old.clone(), s.cells.money),
                (s.cells.new.clone(), s.cells.money),
                (reason.clone(), false),
            ]);
            let cells = kept.iter().map(|&k| {
                let (text, money) = &texts[k];
                if *money {
                    // Held whole: the column is as wide as its widest figure.
                    Cell::from(Line::from(text.clone()).right_aligned())
                } else {
                    Cell::from(fit_text(text, width_of(k)))
                }
            });
            let style = if i == cursor {
                theme.cursor()
            } else {
                Style::new()
            };
            Row::new(cells.collect::<Vec<_>>()).style(style)
        });
    let table_area = Rect { width, ..table };
    frame.render_widget(
        Table::new(body.collect::<Vec<_>>(), widths).header(header(&cols, &kept, theme)),
        table_area,
    );
    if rows.is_empty() {
        let line = Rect {
            y: table.y + 1,
            height: 1,
            ..table
        };
        frame.render_widget(
            Paragraph::new("No change recorded.").style(theme.dim()),
            line,
        );
    }
    scrollbar(frame, table, v.rows.total(), v.rows.position());
    draw_detail(frame, detail, v, rows.get(cursor), n, theme);
}

/// The row under the cursor in full: when, who, what it is of and why on the first line (the
/// time first, so that it is never broken), then what changed from what to what, wrapped.
fn draw_detail(
    frame: &mut Frame<'_>,
    area: Rect,
    v: &HistoryView,
    row: Option<&crate::store::history_window::HistoryRow>,
    n: NumberFormat,
    theme: &Theme,
) {
    let block = Block::default().borders(Borders::TOP);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(row) = row else {
        return;
    };
    let change = row.as_row();
    let of = cells(n, &change)
        .part
        .unwrap_or_else(|| v.label_of(row).to_string());
    let mut head = vec![
        Span::styled(when_written(&row.at), theme.dim()),
        Span::raw(format!(" {}, {}", clean(&row.user), clean(&of))),
    ];
    if let Some(reason) = row.reason.as_deref().filter(|r| !r.trim().is_empty()) {
        head.push(Span::raw(format!(": \"{}\"", clean(reason.trim()))));
    }
    let lines = vec![Line::from(head), Line::from(change_words(n, &change))];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
