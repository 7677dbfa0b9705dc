//! The console's fixture: an `App` over the demo company (background work done on the spot,
//! no terminal), key helpers, the screens looked into, drawing on a `TestBackend` and the
//! snapshots of both terminal sizes.

pub use super::store::{DEMO_USER as USER, demo_store, today};
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use finctl::app::App;
use finctl::app::finance_control::FinanceControl;
use finctl::app::invoices::Invoices;
use finctl::app::item_list::ItemList;
use finctl::app::milestones::Milestones;
use finctl::app::progress::ProgressBilling;
use finctl::app::reports::Reports;
use finctl::app::revenue_items::RevenueItems;
use finctl::app::status_line::Status;
use finctl::demo::{self, DemoOptions};
use finctl::domain::revenue_status::{Origin, RevenueStatus};
use finctl::store::Store;
use finctl::store::item_list::ItemRow;
use finctl::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use std::path::PathBuf;
use tempfile::TempDir;

/// A demo database (seed 1, 300 revenue items) and the console over it.
pub struct Fixture {
    pub dir: TempDir,
    pub path: PathBuf,
    pub app: App,
}

pub fn demo_app() -> Fixture {
    let (dir, path, store) = demo_store();
    let app = App::new(store, today(), None).expect("app");
    Fixture { dir, path, app }
}

/// The console over an existing database, as `user`.
pub fn app_as(path: &std::path::Path, user: &str) -> App {
    let store = Store::open(path, user).expect("open store");
    App::new(store, today(), None).expect("app")
}

pub fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

pub fn ch(app: &mut App, c: char) {
    let mods = if c.is_ascii_uppercase() || "?".contains(c) {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    app.handle_key(KeyEvent::new(KeyCode::Char(c), mods));
}

pub fn ctrl(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

pub fn typ(app: &mut App, text: &str) {
    for c in text.chars() {
        ch(app, c);
    }
}

/// Deletes `n` characters before the cursor (a form field or a text entry).
pub fn backspace(app: &mut App, n: usize) {
    for _ in 0..n {
        key(app, KeyCode::Backspace);
    }
}

pub fn status_text(app: &App) -> String {
    app.status.text().to_string()
}

pub fn finance(app: &App) -> &FinanceControl {
    app.screen::<FinanceControl>()
        .expect("finance control is registered")
}

pub fn items(app: &App) -> &RevenueItems {
    app.screen::<RevenueItems>()
        .expect("revenue items is registered")
}

pub fn invoices(app: &App) -> &Invoices {
    app.screen::<Invoices>().expect("invoices is registered")
}

pub fn progress(app: &App) -> &ProgressBilling {
    app.screen::<ProgressBilling>()
        .expect("progress is registered")
}

pub fn milestones(app: &App) -> &Milestones {
    app.screen::<Milestones>()
        .expect("milestones is registered")
}

pub fn reports(app: &App) -> &Reports {
    app.screen::<Reports>().expect("reports is registered")
}

/// The revenue item list on screen (finance control or revenue items).
pub fn item_list(app: &App) -> &ItemList {
    if app.screens.is_current::<RevenueItems>() {
        &items(app).list
    } else {
        &finance(app).list
    }
}

/// The row under the cursor of the item list on screen.
pub fn current_item(app: &App) -> Option<ItemRow> {
    item_list(app).view.current().cloned()
}

/// Moves the cursor of the current item list down until `pred` holds (at most `limit` rows).
pub fn seek_item(app: &mut App, limit: usize, pred: impl Fn(&ItemRow) -> bool) -> ItemRow {
    seek_item_with(app, limit, |_, row| pred(row))
}

/// As `seek_item`, with the store at hand (for what a row does not show, e.g. the origin).
pub fn seek_item_with(
    app: &mut App,
    limit: usize,
    pred: impl Fn(&Store, &ItemRow) -> bool,
) -> ItemRow {
    for _ in 0..limit {
        if let Some(row) = current_item(app)
            && pred(app.store(), &row)
        {
            return row;
        }
        key(app, KeyCode::Down);
    }
    panic!(
        "no row matched within {limit} rows of {}",
        app.screens.current_entry().title
    );
}

/// A manual item that is open: every field of it may be edited by hand.
pub fn is_manual_open(store: &Store, row: &ItemRow) -> bool {
    row.status == RevenueStatus::Open
        && store
            .revenue_item(row.id)
            .is_ok_and(|item| item.origin == Origin::Manual)
}

/// Draws the console as the event loop does: list height from the screen size, then the frame.
pub fn draw(app: &mut App, width: u16, height: u16, theme: &Theme) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    app.set_list_height(ui::list_rows(Rect::new(0, 0, width, height)));
    terminal.draw(|f| ui::draw(f, app, theme)).expect("draw");
    terminal
}

/// The status line names the temporary database: put a fixed name there instead.
pub fn hide_db_path(app: &mut App, path: &std::path::Path) {
    if let Some(status) = app.status.get().cloned() {
        let shown = path.display().to_string();
        if status.text.contains(&shown) {
            let text = status.text.replace(&shown, "/tmp/finctl-test/finctl.db");
            app.status.set(Status {
                kind: status.kind,
                text,
            });
        }
    }
}

/// The screen as text, one quoted line per row (`TestBackend`'s own rendering), with what
/// depends on the wall clock masked (same width, so the layout shows as drawn).
pub fn screen(app: &mut App, path: &std::path::Path, width: u16, height: u16) -> String {
    hide_db_path(app, path);
    let terminal = draw(app, width, height, &Theme::plain());
    let text = terminal.backend().to_string();
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "control characters on screen:\n{text}"
    );
    redact(&text)
}

/// Masks the wall-clock times the store records: change-history timestamps
/// ("2026-11-28 00:12") and the day an invoice was confirmed ("confirmed by NAME 2026-11-28",
/// possibly cut short by the screen's edge). Widths are kept.
pub fn redact(text: &str) -> String {
    const STAMP: &str = "YYYY-MM-DD hh:mm";
    let mut out: Vec<char> = text.chars().collect();
    // History timestamps: the shape dddd-dd-dd dd:dd.
    let shape: Vec<char> = "0000-00-00 00:00".chars().collect();
    let fits = |w: &[char]| {
        w.iter().zip(&shape).all(|(c, s)| {
            if *s == '0' {
                c.is_ascii_digit()
            } else {
                c == s
            }
        })
    };
    let mut i = 0;
    while i + shape.len() <= out.len() {
        if fits(&out[i..i + shape.len()]) {
            for (k, c) in STAMP.chars().enumerate() {
                out[i + k] = c;
            }
            i += shape.len();
        } else {
            i += 1;
        }
    }
    // The confirmation day after "confirmed by <user> ".
    let needle: Vec<char> = format!("confirmed by {USER} ").chars().collect();
    let mut i = 0;
    while i + needle.len() <= out.len() {
        if out[i..i + needle.len()] == needle[..] {
            let start = i + needle.len();
            for (k, mask) in "YYYY-MM-DD".chars().enumerate() {
                match out.get(start + k) {
                    Some(c) if c.is_ascii_digit() || *c == '-' => out[start + k] = mask,
                    _ => break,
                }
            }
            i = start;
        } else {
            i += 1;
        }
    }
    out.into_iter().collect()
}

/// The two terminal sizes every screen is drawn at.
pub const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

/// For each size: the demo, the screen sized as a terminal of that size would be from the
/// start, `setup` pressing its keys, then the screen as text. Yields (snapshot name, text).
/// The setups only look (nothing is saved), so one database serves both sizes.
pub fn screens(name: &str, setup: impl Fn(&mut App)) -> Vec<(String, String)> {
    let f = demo_app();
    SIZES
        .iter()
        .map(|&(w, h)| {
            let mut app = app_as(&f.path, USER);
            // The event loop draws once before the first key: the lists know their height.
            draw(&mut app, w, h, &Theme::plain());
            setup(&mut app);
            let text = screen(&mut app, &f.path, w, h);
            (format!("{name}_{w}x{h}"), text)
        })
        .collect()
}

/// Snapshots of the screen `setup` leads to, at both sizes (see [`screens`]). A macro, so that
/// the snapshots keep the name of the test file that takes them.
macro_rules! snapshot_both {
    ($name:expr, $setup:expr) => {
        for (snap, text) in $crate::support::console::screens($name, $setup) {
            insta::assert_snapshot!(snap, text);
        }
    };
}
pub(crate) use snapshot_both;

/// Fills the form field under focus with `text` (clearing what it held).
pub fn fill(app: &mut App, text: &str) {
    backspace(app, 40);
    typ(app, text);
}
