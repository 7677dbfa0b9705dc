//! Drawing only: the app's state in, ratatui widgets out. Nothing here changes state or
//! touches the database. The folders mirror `app/`: each screen and view is drawn by the folder
//! of the same name, registered in [`screens`].

mod finance_control;
mod history;
mod invoices;
mod item_list;
mod layout;
mod milestones;
mod overlays;
mod progress;
mod projects;
mod reports;
mod revenue_item;
mod revenue_items;
mod screens;
mod welcome;
mod widgets;

pub use layout::list_rows;
pub use widgets::terminal_text;
pub use widgets::theme::{self, Theme};

use crate::app::keymap;
use crate::app::screen::ScreenEntry;
use crate::app::status_line::StatusKind;
use crate::app::{App, Overlay};
use layout::{Areas, ScreenArea};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The smallest terminal the screens are laid out for: below it a figure could not be shown
/// whole, so a notice replaces the screen.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// The console: every figure in the acting user's number format, read from the app each frame
/// (so that a change shows at once).
pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return draw_too_small(frame, area, theme);
    }
    let a = Areas::of(area);
    let n = app.numbers();
    draw_tabs(frame, a.tabs, app, theme);
    screens::draw_screen(
        frame,
        ScreenArea {
            body: a.body,
            under: a.under,
        },
        app.screens.current(),
        app.today,
        n,
        theme,
    );
    for overlay in &app.overlays {
        match overlay {
            Overlay::View(v) => screens::draw_view(frame, a.body, v.as_ref(), app.today, n, theme),
            Overlay::Form(f) => overlays::form::draw(frame, a.body, &f.form, theme),
            Overlay::Dialog(d) => overlays::dialog::draw(frame, a.body, d, theme),
            Overlay::Help { context, scroll } => {
                let names = app.screens.names();
                overlays::help::draw(
                    frame,
                    a.body,
                    *context,
                    *scroll,
                    &names,
                    app.store().actor().role,
                    theme,
                )
            }
        }
    }
    if !draw_status(frame, a.status, a.keys, app, theme) {
        draw_keys(frame, a.keys, app, theme);
    }
}

/// How the tab bar names the screens: the widest way that fits.
#[derive(Clone, Copy)]
enum TabStyle {
    /// " 1 Finance control " and a gap.
    Long,
    /// " 1 Finance " and a gap.
    Short,
    /// "1 Finance" and a gap.
    Compact,
    /// "1 2 3 ...", the screen on show named.
    Digits,
}

fn tab_label(style: TabStyle, i: usize, entry: &ScreenEntry, current: bool) -> String {
    match style {
        TabStyle::Long => format!(" {} {} ", i + 1, entry.title),
        TabStyle::Short => format!(" {} {} ", i + 1, entry.short_title),
        TabStyle::Compact => format!("{} {}", i + 1, entry.short_title),
        TabStyle::Digits if current => format!("{} {}", i + 1, entry.short_title),
        TabStyle::Digits => (i + 1).to_string(),
    }
}

fn draw_tabs(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let mut spans = Vec::new();
    let entries = app.screens.entries();
    let current = app.screens.current_index();
    let width = |style: TabStyle| -> usize {
        entries
            .iter()
            .enumerate()
            .map(|(i, e)| tab_label(style, i, e, i == current).chars().count() + 1)
            .sum()
    };
    let style = [TabStyle::Long, TabStyle::Short, TabStyle::Compact]
        .into_iter()
        .find(|s| width(*s) <= area.width as usize)
        .unwrap_or(TabStyle::Digits);
    for (i, entry) in entries.iter().enumerate() {
        let label = tab_label(style, i, entry, i == current);
        let style = if i == current {
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

/// "terminal too small: 80x24 needed", centred, wrapped to what there is.
fn draw_too_small(frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
    let text = format!(
        "terminal too small: {MIN_WIDTH}x{MIN_HEIGHT} needed (this one is {}x{})",
        area.width, area.height
    );
    let lines: Vec<Line> = widgets::terminal_text::wrap(&text, area.width as usize)
        .into_iter()
        .map(Line::from)
        .collect();
    let height = (lines.len() as u16).min(area.height);
    let at = Rect {
        y: area.y + (area.height - height) / 2,
        height,
        ..area
    };
    frame.render_widget(
        Paragraph::new(lines)
            .style(theme.error())
            .alignment(ratatui::layout::Alignment::Center),
        at,
    );
}

/// Draws the status line; returns whether its message took the keys line too.
fn draw_status(frame: &mut Frame<'_>, area: Rect, keys: Rect, app: &App, theme: &Theme) -> bool {
    let Some(status) = app.status.get() else {
        return false;
    };
    let style = match status.kind {
        StatusKind::Info => theme.info(),
        StatusKind::Error => theme.error(),
    };
    let mut text = status.text.clone();
    // A file being written off the input path shows how far it got.
    if let Some((path, rows)) = app.file_running()
        && text.starts_with("writing ")
    {
        text = format!("writing {}… {rows} rows so far", path.display());
    }
    // A message longer than the line wraps, never cut: over the keys line below first, then
    // upwards over the line under the list and the list's last rows (the tab bar stays).
    let lines = widgets::terminal_text::wrap(&text, area.width as usize);
    let extra = (lines.len() as u16).saturating_sub(1);
    let down = extra.min(keys.height);
    let up = (extra - down).min(area.y.saturating_sub(frame.area().y + 1));
    let block = Rect {
        y: area.y - up,
        height: area.height + down + up,
        ..area
    };
    frame.render_widget(ratatui::widgets::Clear, block);
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|l| Line::from(Span::styled(l, style)))
        .collect();
    frame.render_widget(Paragraph::new(lines), block);
    down > 0
}

/// The keys of the current context, from the same table that dispatches them.
fn draw_keys(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let mut spans = Vec::new();
    let mut width = 0usize;
    for (key, word) in keymap::footer(app.context(), app.store().actor().role) {
        let piece = key.chars().count() + word.chars().count() + 3;
        if width + piece > area.width as usize {
            break;
        }
        width += piece;
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(format!(" {word}  ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
