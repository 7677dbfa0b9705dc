//! The invoice list: number, kind, status, account, dates, net, VAT, gross.

use super::super::widgets::columns::{Col, col, flex, holding, right, widest};
use super::super::widgets::list_table::{self, totals_line};
use super::super::widgets::terminal_text::{clean, fit as fit_text};
use super::super::widgets::theme::Theme;
use crate::app::invoices::Invoices;
use crate::domain::invoice_status::InvoiceStatus;
use crate::domain::numbering::DocumentKind;
use crate::domain::{Money, NumberFormat};
use crate::presentation::money;
use crate::store::invoice_list::InvoiceListRow;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Cell;

const COLS: [Col; 11] = [
    col(" ", 1, 0),
    col("Number", 14, 0),
    col("Kind", 6, 3),
    col("Status", 9, 1),
    flex("Account", 14, 1),
    col("Date", 10, 0),
    col("Due", 10, 4),
    right("Net", 13, 5),
    right("VAT", 11, 6),
    right("Gross", 13, 0),
    col("Cur", 3, 2),
];

/// Where net, VAT and gross are among the columns, each as wide as its widest figure.
const FIGURES: [usize; 3] = [7, 8, 9];

fn figures(row: &InvoiceListRow) -> [Money; 3] {
    [row.net, row.vat, row.gross]
}

fn columns(rows: &[InvoiceListRow], n: NumberFormat) -> [Col; 11] {
    let mut cols = COLS;
    for (k, &at) in FIGURES.iter().enumerate() {
        cols[at] = holding(
            cols[at],
            widest(rows.iter().map(|r| money(n, figures(r)[k]))),
        );
    }
    cols
}

fn cells(row: &InvoiceListRow, n: NumberFormat, theme: &Theme) -> Vec<Cell<'static>> {
    let number = match &row.number {
        Some(n) => Span::raw(clean(n).into_owned()),
        None => Span::styled(format!("draft {}", row.id), theme.draft()),
    };
    let kind = match row.kind {
        DocumentKind::Invoice => Span::raw("inv"),
        DocumentKind::CreditNote => Span::styled("credit", theme.credit()),
    };
    let status = match row.status {
        InvoiceStatus::Draft => Span::styled(row.status.label(), theme.draft()),
        InvoiceStatus::Confirmed => Span::raw(row.status.label()),
    };
    let r = |m: Money| Cell::from(Line::from(money(n, m)).right_aligned());
    vec![
        Cell::from(" "),
        Cell::from(number),
        Cell::from(kind),
        Cell::from(status),
        Cell::from(fit_text(&row.account, 40)),
        Cell::from(row.invoice_date.to_string()),
        Cell::from(row.due_date.to_string()),
        r(row.net),
        r(row.vat),
        r(row.gross),
        Cell::from(row.gross.currency.code().to_string()),
    ]
}

pub fn draw(frame: &mut Frame<'_>, area: Rect, list: &Invoices, n: NumberFormat, theme: &Theme) {
    let (visible, cursor) = list.view.visible();
    let cols = columns(visible, n);
    let rows = visible
        .iter()
        .map(|row| {
            let selected = list.selection.contains(row.id);
            let mut all = cells(row, n, theme);
            if selected {
                all[0] = Cell::from("*");
            }
            (all, selected)
        })
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
    list: &Invoices,
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
                    line if line.is_empty() => count.to_string(),
                    line => format!("{count} · gross {line}"),
                }
            },
            numbers: n,
            selection: &list.selection,
            prefix: Vec::new(),
        },
        theme,
    );
}
