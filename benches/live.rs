//! Live updates on the 1,000,000-item database (issue "The finance desk"): two consoles open on
//! the same file, headless (app state + TestBackend 80x24), while a third connection changes a
//! few items now and then, as another user would. For each console: what its half-second look
//! costs when nothing changed (`App::watch`, SQLite's `data_version`), beside SQLite's own
//! `PRAGMA data_version`; and, after a change, the look that finds it with the refreshed window
//! drawn, then the footer totals ready (computed off the input path). A report, not a
//! pass/fail test.
//!
//! `FINCTL_BENCH_DB=/path/to.db` works on a copy of that database, else a demo is built first.

#[path = "support/mod.rs"]
mod support;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use finctl::app::App;
use finctl::domain::revenue_status::RevenueStatus;
use finctl::store::Store;
use finctl::store::item_list::ItemFilter;
use finctl::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::{database_copy, load_average, median, ms, peak_memory_mib};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).expect("date")
}

/// How many times another user changes items while the consoles look.
const CHANGES: usize = 15;

struct Console {
    app: App,
    terminal: Terminal<TestBackend>,
}

impl Console {
    fn open(db: &Path, user: &str, screen: char) -> Console {
        let store = Store::open(db, user).expect("open");
        let app = App::new(store, today(), Some(Arc::new(|| {}))).expect("app");
        let mut console = Console {
            app,
            terminal: Terminal::new(TestBackend::new(80, 24)).expect("terminal"),
        };
        console
            .app
            .handle_key(KeyEvent::new(KeyCode::Char(screen), KeyModifiers::NONE));
        console.draw();
        console.app.settle();
        console
    }

    fn draw(&mut self) {
        let theme = Theme::plain();
        self.app
            .set_list_height(ui::list_rows(ratatui::layout::Rect::new(0, 0, 80, 24)));
        let app = &mut self.app;
        self.terminal
            .draw(|f| ui::draw(f, app, &theme))
            .expect("draw");
    }
}

/// The first admin of the file: the consoles and the other user act as them.
fn admin(db: &Path) -> String {
    rusqlite::Connection::open(db)
        .and_then(|c| {
            c.query_row(
                "SELECT name FROM users WHERE role = 'admin' LIMIT 1",
                [],
                |r| r.get(0),
            )
        })
        .expect("an admin")
}

fn main() {
    let (db, _dir) = database_copy();
    let user = admin(&db);
    // The consoles: finance control, and every item (the largest list).
    let mut consoles = [
        ("finance control", Console::open(&db, &user, '1')),
        ("revenue items", Console::open(&db, &user, '2')),
    ];
    let mut other = Store::open(&db, &user).expect("open");
    let open = ItemFilter {
        text: "status:open".into(),
        ..ItemFilter::all()
    };
    let items: Vec<i64> = other
        .item_picks(&open)
        .expect("open items")
        .iter()
        .take(3)
        .map(|p| p.id)
        .collect();
    println!(
        "two consoles on {}; load average at the start: {}",
        db.display(),
        load_average()
    );

    // Nothing changed: the half-second look.
    let raw = rusqlite::Connection::open(&db).expect("open");
    let floor = median(2_000, || {
        let _: i64 = raw
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .expect("data_version");
    });
    for (name, console) in consoles.iter_mut() {
        let idle = median(2_000, || {
            assert!(!console.app.watch(), "nothing changed");
        });
        println!(
            "{name}: a look that finds nothing: {:.3} ms (SQLite's data_version alone {:.3} ms)",
            ms(idle),
            ms(floor)
        );
    }

    // Another user changes three items, again and again.
    let mut found: [Vec<Duration>; 2] = Default::default();
    let mut settled: [Vec<Duration>; 2] = Default::default();
    let mut write = Vec::new();
    for round in 0..CHANGES {
        let to = if round % 2 == 0 {
            RevenueStatus::Billable
        } else {
            RevenueStatus::Open
        };
        let seen: Vec<(i64, i64)> = items
            .iter()
            .map(|&id| (id, other.revenue_item(id).expect("item").version))
            .collect();
        let t = Instant::now();
        other.set_status(&seen, to).expect("change");
        write.push(t.elapsed());
        for (k, (_, console)) in consoles.iter_mut().enumerate() {
            let t = Instant::now();
            assert!(console.app.watch(), "the change is seen");
            console.draw();
            found[k].push(t.elapsed());
            console.app.settle();
            console.draw();
            settled[k].push(t.elapsed());
        }
    }
    let mid = |v: &mut Vec<Duration>| {
        v.sort();
        ms(v[v.len() / 2])
    };
    println!(
        "the other user's change of 3 items: {:.1} ms (median of {CHANGES})",
        mid(&mut write)
    );
    for (k, (name, _)) in consoles.iter().enumerate() {
        println!(
            "{name}: the look that finds it, window drawn: {:.1} ms (max {:.1}); totals ready: \
             {:.1} ms (max {:.1})",
            mid(&mut found[k]),
            ms(*found[k].iter().max().expect("rounds")),
            mid(&mut settled[k]),
            ms(*settled[k].iter().max().expect("rounds")),
        );
    }
    println!(
        "peak memory of the process (both consoles and the writer): {:.0} MiB; load average at \
         the end: {}",
        peak_memory_mib(),
        load_average()
    );
}
