//! The welcome of a database without accounts: how data comes in, where the docs are, and the
//! demo to look around first.

use super::layout::centered;
use super::screens::DrawView;
use super::widgets::terminal_text::clean;
use super::widgets::theme::Theme;
use crate::app::welcome::{IMPORT_ORDER, Welcome};
use crate::domain::NumberFormat;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

impl DrawView for Welcome {
    fn draw(
        &self,
        frame: &mut Frame<'_>,
        area: Rect,
        _today: NaiveDate,
        _n: NumberFormat,
        theme: &Theme,
    ) {
        let db = clean(&self.database).into_owned();
        let first = IMPORT_ORDER[0];
        let rest = IMPORT_ORDER[1..].join(", ");
        let lines = vec![
            Line::from(Span::styled(
                "This database has no accounts yet.",
                theme.title(),
            )),
            Line::from(""),
            Line::from("Bring your company in from files (CSV, JSON or Excel), kind by kind:"),
            Line::from(vec![
                Span::raw("  "),
                Span::styled(format!("finctl --db {db} import {first} FILE"), theme.key()),
            ]),
            Line::from(format!("then {rest}.")),
            Line::from(vec![
                Span::styled("--dry-run", theme.key()),
                Span::raw(" shows what would change; "),
                Span::styled("--map MAPFILE", theme.key()),
                Span::raw(" reads another tool's export as it is."),
            ]),
            Line::from("Every kind, field and option: docs/import.md; examples in docs/examples/."),
            Line::from(""),
            Line::from(vec![
                Span::raw("Or by hand: Esc, then "),
                Span::styled("7", theme.key()),
                Span::raw(" Projects: a accounts, n projects, M milestones."),
            ]),
            Line::from(vec![
                Span::raw("To look around first: "),
                Span::styled("finctl --demo", theme.key()),
                Span::raw(" opens a demo company."),
            ]),
            Line::from(""),
            Line::from(vec![
                Span::styled("Esc", theme.key()),
                Span::raw(" closes this, "),
                Span::styled("?", theme.key()),
                Span::raw(" lists the keys, "),
                Span::styled("q", theme.key()),
                Span::raw(" quits."),
            ]),
        ];
        let inner = area.width.min(96).saturating_sub(2).max(1) as usize;
        let rows: usize = lines.iter().map(|l| l.width().max(1).div_ceil(inner)).sum();
        let popup = centered(area, 96, rows as u16 + 2);
        frame.render_widget(Clear, popup);
        frame.render_widget(
            Paragraph::new(lines).wrap(Wrap { trim: false }).block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(Span::styled(" Welcome to finctl ", theme.title())),
            ),
            popup,
        );
    }
}
