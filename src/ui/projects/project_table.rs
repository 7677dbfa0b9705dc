//! The project list: code, name, account, status, currency, start, manager, milestones, and
//! open, billable and invoiced sums. The sums' columns are as wide as the widest figure on
//! screen, so a figure is shown whole; other columns give way first.

use super::super::widgets::columns::{Col, col, flex, holding, right, widest};
use super::super::widgets::list_table::{self, totals_line};
use super::super::widgets::terminal_text::fit as fit_text;
use super::super::widgets::theme::Theme;
use crate::app::projects::Projects;
use crate::domain::project::ProjectStatus;
use crate::domain::{Money, NumberFormat};
use crate::presentation::money;
use crate::store::project_list::ProjectRow;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Cell;

/// The sums, by their place in [`COLS`].
const SUMS: [usize; 3] = [8, 9, 10];

const COLS: [Col; 11] = [
    col("Code", 8, 0),
    flex("Name", 12, 1),
    flex("Account", 10, 4),
    col("Status", 8, 2),
    col("Cur", 3, 3),
    col("Start", 10, 6),
    col("Manager", 12, 7),
    right("Ms", 3, 8),
    right("Open", 4, 5),
    right("Billable", 8, 0),
    right("Invoiced", 8, 3),
];

fn sums(row: &ProjectRow) -> [Money; 3] {
    [row.open, row.billable, row.invoiced]
}

fn cells(row: &ProjectRow, n: NumberFormat, theme: &Theme) -> Vec<Cell<'static>> {
    let status = match row.status {
        ProjectStatus::Launched => Span::raw(row.status.as_str()),
        ProjectStatus::Planned => Span::styled(row.status.as_str(), theme.draft()),
        ProjectStatus::Closed => Span::styled(row.status.as_str(), theme.dim()),
    };
    let r = |text: String| Cell::from(Line::from(text).right_aligned());
    let mut out = vec![
        Cell::from(fit_text(&row.code, 20)),
        Cell::from(fit_text(&row.name, 60)),
        Cell::from(fit_text(&row.account, 40)),
        Cell::from(status),
        Cell::from(row.open.currency.code().to_string()),
        Cell::from(row.start_date.map(|d| d.to_string()).unwrap_or_default()),
        Cell::from(fit_text(&row.manager, 16)),
        r(row.milestones.to_string()),
    ];
    out.extend(sums(row).map(|m| r(money(n, m))));
    out
}

/// The columns, the sums as wide as their widest figure on screen.
fn columns(rows: &[ProjectRow], n: NumberFormat) -> [Col; 11] {
    let mut cols = COLS;
    for (k, &at) in SUMS.iter().enumerate() {
        cols[at] = holding(cols[at], widest(rows.iter().map(|r| money(n, sums(r)[k]))));
    }
    cols
}

pub fn draw(frame: &mut Frame<'_>, area: Rect, list: &Projects, n: NumberFormat, theme: &Theme) {
    let (visible, cursor) = list.view.visible();
    let cols = columns(visible, n);
    let rows = visible
        .iter()
        .map(|row| (cells(row, n, theme), false))
        .collect();
    list_table::draw_table(
        frame,
        area,
        list_table::ListTable {
            cols: &cols,
            rows,
            cursor,
            filter: &list.filter.text,
            total: list.view.total(),
            position: list.view.position(),
        },
        theme,
    );
}

pub fn draw_totals(
    frame: &mut Frame<'_>,
    area: Rect,
    list: &Projects,
    n: NumberFormat,
    theme: &Theme,
) {
    list_table::draw_under(
        frame,
        area,
        list_table::Under {
            filter_input: list.filter_input.as_deref(),
            filter_error: list.filter_error.as_deref(),
            filter: &list.filter.text,
            filtering: list.filtering,
            totals: list.totals.as_deref(),
            shown: |t, numbers| {
                let count: i64 = t.iter().map(|c| c.count).sum();
                match totals_line(numbers, t) {
                    line if line.is_empty() => format!("{count} projects"),
                    line => format!("{count} projects · billable {line}"),
                }
            },
            numbers: n,
            selection: &list.selection,
            prefix: Vec::new(),
        },
        theme,
    );
}
