//! Drawing only: the app's state in, ratatui widgets out. Nothing here changes state or
//! touches the database.

mod breakdown;
mod columns;
mod dialog;
mod form;
mod help;
mod invoice_table;
mod invoice_view;
mod item_table;
mod list_parts;
mod milestones;
mod progress;
mod reports;
mod split;
mod summary;
pub mod text;
pub mod theme;

use crate::app::keymap;
use crate::app::status::StatusKind;
use crate::app::{App, Overlay, Tab};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
pub use theme::Theme;

/// The screen's parts: tabs, body, totals, status, keys.
struct Areas {
    tabs: Rect,
    body: Rect,
    totals: Rect,
    status: Rect,
    keys: Rect,
}

fn areas(area: Rect) -> Areas {
    let [tabs, body, totals, status, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    Areas {
        tabs,
        body,
        totals,
        status,
        keys,
    }
}

/// How many list rows fit on a screen of this size (the body less its header).
pub fn list_rows(screen: Rect) -> usize {
    areas(screen).body.height.saturating_sub(1).max(1) as usize
}

pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme) {
    let a = areas(frame.area());
    draw_tabs(frame, a.tabs, app, theme);
    match app.tab {
        Tab::FinanceControl | Tab::RevenueItems => {
            item_table::draw(frame, a.body, app, app.item_list(app.tab), theme);
            item_table::draw_totals(
                frame,
                a.totals,
                app.item_list(app.tab),
                app.is_filtering(app.tab),
                theme,
            );
        }
        Tab::Invoices => {
            invoice_table::draw(frame, a.body, &app.invoices, theme);
            invoice_table::draw_totals(
                frame,
                a.totals,
                &app.invoices,
                app.is_filtering(app.tab),
                theme,
            );
        }
        Tab::Progress => {
            progress::draw(frame, a.body, &app.progress, theme);
            progress::draw_totals(frame, a.totals, &app.progress, theme);
        }
        Tab::Milestones => {
            milestones::draw(frame, a.body, &app.milestones, app.today, theme);
            milestones::draw_totals(frame, a.totals, &app.milestones, app.today, theme);
        }
        Tab::Reports => {
            reports::draw(frame, a.body, &app.reports, theme);
            reports::draw_totals(frame, a.totals, &app.reports, theme);
        }
    }
    for overlay in &app.overlays {
        match overlay {
            Overlay::Summary(s) => summary::draw(frame, a.body, s, app.today, theme),
            Overlay::Invoice(v) => invoice_view::draw(frame, a.body, v, theme),
            Overlay::Form(f, _) => form::draw(frame, a.body, f, theme),
            Overlay::Dialog(d) => dialog::draw(frame, a.body, d, theme),
            Overlay::Breakdown(b) => breakdown::draw(frame, a.body, b, theme),
            Overlay::Help { context, scroll } => {
                help::draw(frame, a.body, *context, *scroll, theme)
            }
        }
    }
    draw_status(frame, a.status, app, theme);
    draw_keys(frame, a.keys, app, theme);
}

fn draw_tabs(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let mut spans = Vec::new();
    let long: usize = Tab::ALL.iter().map(|t| t.title().chars().count() + 5).sum();
    let fits = long <= area.width as usize;
    for (i, tab) in Tab::ALL.iter().enumerate() {
        let title = if fits { tab.title() } else { tab.short_title() };
        let label = format!(" {} {} ", i + 1, title);
        let style = if *tab == app.tab {
            theme.active_tab()
        } else {
            theme.dim()
        };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
    }
    let used: usize = spans.iter().map(|s| s.content.chars().count()).sum();
    let actor = app.store().actor();
    let who = format!("{} · {} · {}", actor.name, actor.role.as_str(), app.today);
    let room = (area.width as usize).saturating_sub(used + 1);
    if room >= who.chars().count() {
        spans.push(Span::raw(" ".repeat(room - who.chars().count())));
        spans.push(Span::styled(who, theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_status(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let Some(status) = &app.status else { return };
    let style = match status.kind {
        StatusKind::Info => theme.info(),
        StatusKind::Error => theme.error(),
    };
    let text = text::fit(&status.text, area.width as usize);
    frame.render_widget(Paragraph::new(Span::styled(text, style)), area);
}

/// The keys of the current context, from the same table that dispatches them.
fn draw_keys(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let mut spans = Vec::new();
    let mut width = 0usize;
    for (keys, word) in keymap::footer(app.context()) {
        let first = keys.split(' ').next().unwrap_or_default().to_string();
        let piece = first.chars().count() + word.chars().count() + 3;
        if width + piece > area.width as usize {
            break;
        }
        width += piece;
        spans.push(Span::styled(first, theme.key()));
        spans.push(Span::raw(format!(" {word}  ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A centred rectangle of at most `w` x `h` inside `area`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}
