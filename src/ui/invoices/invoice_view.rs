//! An invoice or credit note: head, lines (cursor on one), totals with VAT per rate.

use super::super::screens::DrawView;
use super::super::widgets::terminal_text::{clean, fit};
use super::super::widgets::theme::Theme;
use crate::app::invoices::InvoiceView;
use crate::domain::NumberFormat;
use crate::domain::invoice_status::InvoiceStatus;
use crate::domain::numbering::DocumentKind;
use crate::presentation::amount;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Clear, Paragraph, Row, Table, TableState};

impl DrawView for InvoiceView {
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

fn draw(frame: &mut Frame<'_>, area: Rect, v: &InvoiceView, n: NumberFormat, theme: &Theme) {
    let inv = &v.invoice;
    let kind = match inv.kind {
        DocumentKind::Invoice => "Invoice",
        DocumentKind::CreditNote => "Credit note",
    };
    let name = inv
        .number
        .clone()
        .unwrap_or_else(|| format!("draft {}", inv.id));
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {kind} {name} "), theme.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let per_rate = v.totals.per_rate.len() as u16;
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(2),
        Constraint::Length(2 + per_rate),
    ])
    .areas(inner);
    let status = match inv.status {
        InvoiceStatus::Draft => Span::styled("draft", theme.draft()),
        InvoiceStatus::Confirmed => Span::raw(format!(
            "confirmed by {} {}",
            clean(inv.confirmed_by.as_deref().unwrap_or("?")),
            clean(
                &inv.confirmed_at
                    .as_deref()
                    .map(|t| t.chars().take(10).collect::<String>())
                    .unwrap_or_default()
            )
        )),
    };
    let mut first = vec![
        Span::styled("Account ", theme.dim()),
        Span::raw(clean(&inv.account_name).into_owned()),
    ];
    if let Some(credited) = &inv.credited_invoice_number {
        first.push(Span::styled("  credits ", theme.dim()));
        first.push(Span::raw(clean(credited).into_owned()));
    }
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(first),
            Line::from(vec![
                Span::styled("Date ", theme.dim()),
                Span::raw(inv.invoice_date.to_string()),
                Span::styled("  due ", theme.dim()),
                Span::raw(inv.due_date.to_string()),
                Span::styled("  currency ", theme.dim()),
                Span::raw(inv.currency.code().to_string()),
                Span::raw("  "),
                status,
            ]),
        ]),
        head,
    );
    let show_left = !v.creditable.is_empty();
    let right = |text: String| Cell::from(Line::from(text).right_aligned());
    let mut titles = vec![
        Cell::from("#"),
        Cell::from("Project"),
        Cell::from("Description"),
        right("VAT %".into()),
        right("Net".into()),
    ];
    if show_left {
        titles.push(right("Left".into()));
    }
    let header = Row::new(titles).style(theme.header());
    let rows = inv.lines.iter().enumerate().map(|(i, l)| {
        let mut cells = vec![
            Cell::from(l.position.to_string()),
            Cell::from(fit(&l.project_code, 10)),
            Cell::from(fit(&l.description, 60)),
            right(n.plain(l.vat_rate)),
            right(amount(n, l.net)),
        ];
        if show_left {
            let left = v
                .creditable
                .get(i)
                .map(|c| amount(n, c.1))
                .unwrap_or_default();
            cells.push(right(left));
        }
        Row::new(cells).style(if i == v.cursor {
            theme.cursor()
        } else {
            Style::new()
        })
    });
    let mut widths = vec![
        Constraint::Length(3),
        Constraint::Length(8),
        Constraint::Min(10),
        Constraint::Length(6),
        Constraint::Length(13),
    ];
    if show_left {
        widths.push(Constraint::Length(13));
    }
    // The table scrolls to keep the cursor's line in view.
    let mut state = TableState::default().with_selected(Some(v.cursor));
    frame.render_stateful_widget(
        Table::new(rows, widths.clone())
            .header(header)
            .row_highlight_style(theme.cursor()),
        body,
        &mut state,
    );
    // The totals in the same columns: labels under the descriptions, amounts under Net.
    let t = &v.totals;
    let total_row = |label: String, value: String, style: Style| {
        Row::new(vec![
            Cell::from(""),
            Cell::from(""),
            right(label),
            Cell::from(""),
            right(value),
        ])
        .style(style)
    };
    let mut totals = vec![total_row("Net".into(), amount(n, t.net), Style::new())];
    for r in &t.per_rate {
        totals.push(total_row(
            format!("VAT {}% of {}", n.plain(r.rate), amount(n, r.base)),
            amount(n, r.vat),
            Style::new(),
        ));
    }
    totals.push(total_row(
        format!("Gross {}", inv.currency),
        amount(n, t.gross),
        theme.title(),
    ));
    frame.render_widget(Table::new(totals, widths), foot);
}
