//! A project's billing overview: who and what it is, what was billed, then its items by rule
//! and status, its billing plan, contract lines and milestones as small tables. A table's
//! figures are as wide as its widest; only its text column is cut to the width.

use super::super::screens::DrawView;
use super::super::widgets::terminal_text::{clean, fit};
use super::super::widgets::theme::Theme;
use crate::app::projects::ProjectOverview;
use crate::domain::NumberFormat;
use crate::domain::billing_rule::BillingRule;
use crate::presentation::{money, money_with_code, price};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// How a table column is laid out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Align {
    Left,
    Right,
    /// Left, taking the width the others leave (cut with a mark when short).
    Text,
}

/// The lines of a small table: header, then rows, indented by two.
fn table(
    heads: &[(&str, Align)],
    rows: &[Vec<String>],
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut widths: Vec<usize> = heads
        .iter()
        .enumerate()
        .map(|(k, (h, _))| {
            rows.iter()
                .map(|r| r[k].chars().count())
                .chain([h.chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let fixed: usize = heads
        .iter()
        .zip(&widths)
        .filter(|((_, a), _)| *a != Align::Text)
        .map(|(_, w)| w + 2)
        .sum();
    if let Some(t) = heads.iter().position(|(_, a)| *a == Align::Text) {
        widths[t] = widths[t].min(width.saturating_sub(fixed + 2).max(6));
    }
    let line = |cells: Vec<String>| -> String {
        let mut out = String::from("  ");
        for (k, cell) in cells.iter().enumerate() {
            let w = widths[k];
            let cell = match heads[k].1 {
                Align::Right => format!("{cell:>w$}"),
                Align::Left => format!("{cell:<w$}"),
                Align::Text => format!("{:<w$}", fit(cell, w)),
            };
            out.push_str(&cell);
            out.push_str("  ");
        }
        out.trim_end().to_string()
    };
    let mut out = vec![Line::from(Span::styled(
        line(heads.iter().map(|(h, _)| h.to_string()).collect()),
        theme.header(),
    ))];
    out.extend(rows.iter().map(|r| Line::from(line(r.clone()))));
    out
}

fn heading(text: String, theme: &Theme) -> Line<'static> {
    Line::from(Span::styled(text, theme.title()))
}

fn rule_label(rule: BillingRule) -> &'static str {
    match rule {
        BillingRule::TimeAndMaterials => "T&M",
        other => other.label(),
    }
}

impl DrawView for ProjectOverview {
    fn draw(
        &self,
        frame: &mut Frame<'_>,
        area: Rect,
        _today: NaiveDate,
        n: NumberFormat,
        theme: &Theme,
    ) {
        use Align::*;
        let o = &self.overview;
        let p = &o.project;
        let width = area.width.saturating_sub(2) as usize;
        let dim = |s: String| Span::styled(s, theme.dim());
        let mut lines = vec![
            Line::from(vec![
                Span::styled(format!("{} ", clean(&p.code)), theme.key()),
                Span::raw(clean(&p.name).into_owned()),
            ]),
            Line::from(vec![
                dim("account ".into()),
                Span::raw(clean(&p.account).into_owned()),
                dim(" · ".into()),
                Span::raw(p.status.as_str()),
                dim(" · ".into()),
                Span::raw(p.open.currency.code().to_string()),
            ]),
            Line::from(vec![
                dim("manager ".into()),
                Span::raw(clean(&p.manager).into_owned()),
                dim(" · start ".into()),
                Span::raw(
                    p.start_date
                        .map(|d| d.to_string())
                        .unwrap_or_else(|| "not set".into()),
                ),
                dim(" · price list ".into()),
                Span::raw(
                    o.price_list
                        .as_deref()
                        .map(|name| clean(name).into_owned())
                        .unwrap_or_else(|| "none".into()),
                ),
            ]),
            Line::default(),
            heading("Billed".into(), theme),
        ];
        lines.extend(table(
            &[("", Left), ("Net", Right)],
            &[
                vec!["invoiced".into(), money_with_code(n, o.invoiced)],
                vec!["credited".into(), money_with_code(n, o.credited)],
                vec![
                    "invoiced less credited".into(),
                    money_with_code(n, o.net_billed()),
                ],
                vec!["on draft invoices".into(), money_with_code(n, o.on_drafts)],
            ],
            width,
            theme,
        ));
        lines.push(Line::default());
        lines.push(heading("Revenue items by rule and status".into(), theme));
        if o.items.is_empty() {
            lines.push(Line::from(dim("  none".into())));
        } else {
            let rows: Vec<Vec<String>> = o
                .items
                .iter()
                .map(|g| {
                    vec![
                        rule_label(g.rule).into(),
                        g.status.label().into(),
                        g.count.to_string(),
                        money(n, g.amount),
                    ]
                })
                .collect();
            lines.extend(table(
                &[
                    ("Rule", Left),
                    ("Status", Left),
                    ("Items", Right),
                    ("Amount", Right),
                ],
                &rows,
                width,
                theme,
            ));
        }
        lines.push(Line::default());
        lines.push(heading("Billing plan".into(), theme));
        if o.plan.is_empty() {
            lines.push(Line::from(dim("  none".into())));
        } else {
            let rows: Vec<Vec<String>> = o
                .plan
                .iter()
                .map(|part| {
                    vec![
                        part.date.to_string(),
                        money(n, part.amount),
                        part.status.label().into(),
                        clean(&part.label).into_owned(),
                    ]
                })
                .collect();
            lines.extend(table(
                &[
                    ("Date", Left),
                    ("Amount", Right),
                    ("Status", Left),
                    ("Part", Text),
                ],
                &rows,
                width,
                theme,
            ));
        }
        lines.push(Line::default());
        lines.push(heading("Contract lines".into(), theme));
        if o.contract_lines.is_empty() {
            lines.push(Line::from(dim("  none".into())));
        } else {
            let rows: Vec<Vec<String>> = o
                .contract_lines
                .iter()
                .map(|c| {
                    vec![
                        price(n, c.quantity),
                        price(n, c.unit_price),
                        money(n, c.total),
                        money(n, c.billed),
                        clean(&c.description).into_owned(),
                    ]
                })
                .collect();
            lines.extend(table(
                &[
                    ("Qty", Right),
                    ("Unit price", Right),
                    ("Total", Right),
                    ("Billed", Right),
                    ("Line", Text),
                ],
                &rows,
                width,
                theme,
            ));
        }
        lines.push(Line::default());
        lines.push(heading("Milestones".into(), theme));
        if o.milestones.is_empty() {
            lines.push(Line::from(dim("  none".into())));
        } else {
            let rows: Vec<Vec<String>> = o
                .milestones
                .iter()
                .map(|m| {
                    vec![
                        clean(&m.code).into_owned(),
                        m.due_date.to_string(),
                        m.reached
                            .map(|d| d.to_string())
                            .unwrap_or_else(|| "no".into()),
                        m.items.to_string(),
                        money(n, m.amount),
                        clean(&m.name).into_owned(),
                    ]
                })
                .collect();
            lines.extend(table(
                &[
                    ("Code", Left),
                    ("Due", Left),
                    ("Reached", Left),
                    ("Items", Right),
                    ("Amount", Right),
                    ("Name", Text),
                ],
                &rows,
                width,
                theme,
            ));
        }
        frame.render_widget(Clear, area);
        frame.render_widget(
            Paragraph::new(lines).scroll((self.scroll, 0)).block(
                Block::default().borders(Borders::ALL).title(Span::styled(
                    format!(" Billing of project {} ", clean(&p.code)),
                    theme.title(),
                )),
            ),
            area,
        );
    }
}
