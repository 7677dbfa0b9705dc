//! Bulk work through the console's keys (issue 14: "the bulk figures count from the key press
//! to the status line"). Headless, as the console bench: the app and a TestBackend of 80x24.
//! Finance control filtered to the billable items, `a` selects every row the filter shows,
//! `i` opens the dialog with what they come to and `y` makes the drafts; then the invoices
//! screen filtered to the drafts, `a`, `c` and `y` confirms them. Each figure runs from the key
//! to the frame that shows its outcome (the status line, or the dialog).

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use finctl::app::App;
use finctl::store::Store;
use finctl::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What one key did and how long it took to show.
pub struct Step {
    pub key: &'static str,
    pub took: Duration,
    pub cpu: Duration,
    /// The status line (or the dialog's title) it ended on.
    pub shown: String,
}

struct Console {
    app: App,
    terminal: Terminal<TestBackend>,
    theme: Theme,
}

impl Console {
    fn frame(&mut self) {
        self.app
            .set_list_height(ui::list_rows(ratatui::layout::Rect::new(0, 0, 80, 24)));
        let (app, theme) = (&mut self.app, &self.theme);
        self.terminal
            .draw(|f| ui::draw(f, app, theme))
            .expect("draw");
    }

    fn press(&mut self, c: KeyCode) {
        self.app.handle_key(KeyEvent::new(c, KeyModifiers::NONE));
    }

    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.press(KeyCode::Char(c));
        }
    }

    /// `/`, the text, Enter, and the rows and totals of the filter ready.
    fn filter(&mut self, text: &str) {
        self.press(KeyCode::Char('/'));
        self.type_text(text);
        self.press(KeyCode::Enter);
        self.app.settle();
        self.frame();
    }

    /// Presses `c` and times it to the frame after it, the work it started included.
    fn timed(&mut self, key: &'static str, c: KeyCode) -> Step {
        let cpu = crate::support::cpu_time();
        let started = Instant::now();
        self.press(c);
        self.frame();
        let took = started.elapsed();
        let cpu = crate::support::cpu_time() - cpu;
        let shown = if self.app.overlays.is_empty() {
            self.app.status.text().to_string()
        } else {
            "(its dialog)".to_string()
        };
        Step {
            key,
            took,
            cpu,
            shown,
        }
    }
}

/// Drafts every billable item finance control shows at `today`'s horizon, then confirms every
/// draft the invoices screen shows, by the keys a user presses; each key's step in order.
pub fn by_keys(db: &Path, user: &str, today: NaiveDate) -> Vec<Step> {
    let store = Store::open(db, user).expect("open");
    let app = App::new(store, today, Some(Arc::new(|| {}))).expect("app");
    let mut console = Console {
        app,
        terminal: Terminal::new(TestBackend::new(80, 24)).expect("terminal"),
        theme: Theme::plain(),
    };
    console.frame();
    console.app.settle();
    let mut steps = Vec::new();
    console.press(KeyCode::Char('1'));
    console.filter("status:billable");
    steps.push(console.timed("a (select every billable row)", KeyCode::Char('a')));
    steps.push(console.timed("i (the dialog: what they come to)", KeyCode::Char('i')));
    steps.push(console.timed("y (make the drafts)", KeyCode::Char('y')));
    console.press(KeyCode::Char('3'));
    console.filter("status:draft");
    steps.push(console.timed("a (select every draft)", KeyCode::Char('a')));
    steps.push(console.timed("c (the dialog)", KeyCode::Char('c')));
    steps.push(console.timed("y (confirm them)", KeyCode::Char('y')));
    console.app.close().expect("close");
    steps
}
