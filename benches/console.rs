//! The console on a large database: first screen, cursor moves and paging, filter keystrokes,
//! background totals and memory, measured headless (app state + TestBackend) and through the
//! real binary in a pseudo-terminal. A report, not a pass/fail test.
//!
//! `cargo bench --bench console` builds a 1,000,000-item demo database first (about a minute);
//! `FINCTL_BENCH_DB=/path/to.db` reuses one, `FINCTL_BENCH_ITEMS=N` sets the size;
//! `FINCTL_BENCH_EACH=1` also prints each filter keystroke's time to its rows and its totals.

#[path = "support/mod.rs"]
mod support;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use finctl::app::App;
use finctl::app::finance_control::HORIZON_DAYS;
use finctl::store::Store;
use finctl::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::{database_in_place, ms};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).expect("date")
}

/// Filters typed key by key: a common word, an account of the large demo, an invoice number
/// prefix, and a word nothing matches (the worst case: every row is looked at).
const FILTERS: [&str; 4] = ["services", "northwind logistics #3", "2026-0001", "zzz"];

fn key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

struct Stats(Vec<Duration>);

impl Stats {
    fn report(&self, what: &str) {
        let mut v = self.0.clone();
        v.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let mean = v.iter().sum::<Duration>() / v.len().max(1) as u32;
        println!(
            "{what:<42} n={:<5} mean {:>7.2} ms  p95 {:>7.2} ms  max {:>7.2} ms",
            v.len(),
            ms(mean),
            ms(v[v.len() * 95 / 100]),
            ms(*v.last().expect("samples"))
        );
    }
}

fn rss_kib(pid: &str) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn headless(db: &Path) {
    println!("-- headless: app state + TestBackend 80x24 --");
    let started = Instant::now();
    let store = Store::open(db, "bench").expect("open");
    let mut app = App::new(store, today(), Some(Arc::new(|| {}))).expect("app");
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let theme = Theme::plain();
    let frame = |app: &mut App, terminal: &mut Terminal<TestBackend>| {
        app.set_list_height(ui::list_rows(ratatui::layout::Rect::new(0, 0, 80, 24)));
        terminal.draw(|f| ui::draw(f, app, &theme)).expect("draw");
    };
    frame(&mut app, &mut terminal);
    println!(
        "first screen (open, every list, draw): {:.1} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    let t = Instant::now();
    app.settle();
    println!(
        "footer totals of all three lists ready after a further {:.1} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );

    for (tab, name) in [('1', "finance control"), ('2', "revenue items (all 1M)")] {
        app.handle_key(key(KeyCode::Char(tab)));
        let mut samples = Vec::new();
        for _ in 0..2000 {
            let t = Instant::now();
            app.handle_key(key(KeyCode::Down));
            frame(&mut app, &mut terminal);
            samples.push(t.elapsed());
        }
        Stats(samples).report(&format!("{name}: cursor down + redraw"));
        let mut samples = Vec::new();
        for _ in 0..300 {
            let t = Instant::now();
            app.handle_key(key(KeyCode::PageDown));
            frame(&mut app, &mut terminal);
            samples.push(t.elapsed());
        }
        Stats(samples).report(&format!("{name}: page down + redraw"));
        let mut samples = Vec::new();
        for k in [KeyCode::End, KeyCode::Home, KeyCode::End, KeyCode::Home] {
            let t = Instant::now();
            app.handle_key(key(k));
            frame(&mut app, &mut terminal);
            samples.push(t.elapsed());
        }
        Stats(samples).report(&format!("{name}: End / Home + redraw"));
        let mut samples = Vec::new();
        let mut shown = Vec::new();
        let mut totals = Vec::new();
        let mut typed = Vec::new();
        app.handle_key(key(KeyCode::Char('/')));
        for text in FILTERS {
            for (n, c) in text.char_indices() {
                let t = Instant::now();
                app.handle_key(key(KeyCode::Char(c)));
                frame(&mut app, &mut terminal);
                samples.push(t.elapsed());
                while app.is_filtering() {
                    app.poll_background();
                    std::thread::sleep(Duration::from_micros(100));
                }
                frame(&mut app, &mut terminal);
                shown.push(t.elapsed());
                app.settle();
                totals.push(t.elapsed());
                typed.push((text, c, &text[..n + c.len_utf8()]));
            }
            for _ in text.chars() {
                app.handle_key(key(KeyCode::Backspace));
            }
            app.settle();
        }
        // SQLite's own time for each text typed, after all of them: run between keystrokes,
        // its seconds of work slowed the console's next keys tenfold (their handling, not only
        // their rows), which a user never meets. A connection of its own, with its own cache.
        let sqlite = finctl::store::open_reader(db).expect("reader");
        let scope = (tab == '1').then(|| today() + chrono::Days::new(HORIZON_DAYS));
        let mut row_ratios = Vec::new();
        let mut total_ratios = Vec::new();
        for (k, (text, c, typed)) in typed.into_iter().enumerate() {
            let floor = filter_floor(&sqlite, scope, typed);
            row_ratios.push(shown[k].as_secs_f64() / floor.rows.as_secs_f64().max(1e-6));
            total_ratios.push(totals[k].as_secs_f64() / floor.totals.as_secs_f64().max(1e-6));
            if std::env::var_os("FINCTL_BENCH_EACH").is_some() {
                println!(
                    "  {name} {text:?} {c:?}: key {:.1} ms, rows {:.1} ms (SQLite {:.1} ms), \
                     totals {:.1} ms (SQLite {:.1} ms)",
                    ms(samples[k]),
                    ms(shown[k]),
                    ms(floor.rows),
                    ms(totals[k]),
                    ms(floor.totals)
                );
            }
        }
        Stats(samples).report(&format!("{name}: filter keystroke, input handled"));
        Stats(shown).report(&format!("{name}: filter keystroke, rows shown"));
        Stats(totals).report(&format!("{name}: filter keystroke, totals shown"));
        ratios(&format!("{name}: rows shown / SQLite's"), row_ratios);
        ratios(&format!("{name}: totals shown / SQLite's"), total_ratios);
        app.handle_key(key(KeyCode::Esc));
        app.settle();
    }
    // The split screens: a move loads the detail of the new row (periods, or the plan).
    for (tab, name) in [('4', "progress lines"), ('5', "milestones")] {
        let t = Instant::now();
        app.handle_key(key(KeyCode::Char(tab)));
        frame(&mut app, &mut terminal);
        println!(
            "{name}: switch to the screen + redraw: {:.2} ms",
            t.elapsed().as_secs_f64() * 1000.0
        );
        let mut samples = Vec::new();
        for k in [KeyCode::Down, KeyCode::Up].repeat(100) {
            let t = Instant::now();
            app.handle_key(key(k));
            frame(&mut app, &mut terminal);
            samples.push(t.elapsed());
        }
        for k in [KeyCode::PageDown, KeyCode::End, KeyCode::Home].repeat(5) {
            let t = Instant::now();
            app.handle_key(key(k));
            frame(&mut app, &mut terminal);
            samples.push(t.elapsed());
        }
        Stats(samples).report(&format!("{name}: moves + detail + redraw"));
    }
    // The report aggregates the range in SQL each time it changes, on the list thread: the key
    // returns at once (the screen says "summing…"), the rows show when the sum comes. Beside
    // it, SQLite alone running the same statements and stepping every row (the floor).
    println!(
        "{:<34} {:>9} {:>9} {:>9} {:>9} {:>6}",
        "report (6 months)", "key ms", "shown ms", "store ms", "sqlite ms", "ratio"
    );
    for k in ['6', 'b', 'b', 'b', 'b', ']', '[', ']', '['] {
        let t = Instant::now();
        app.handle_key(key(KeyCode::Char(k)));
        frame(&mut app, &mut terminal);
        let handled = t.elapsed();
        app.settle();
        frame(&mut app, &mut terminal);
        let shown = t.elapsed();
        let query = app
            .screen::<finctl::app::reports::Reports>()
            .expect("screen 6")
            .query;
        let floor = report_floor(app.store(), &query);
        // The store's sum alone (no thread, no drawing), as warm as the floor.
        let summed = support::median(5, || {
            std::hint::black_box(app.store().report(&query).expect("report"));
        });
        let what = match k {
            '6' => "first visit".to_string(),
            'b' => format!("b: by {}", query.group.label()),
            _ => format!("{k}: {} to {}", query.from, query.to),
        };
        println!(
            "{what:<34} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>6.2}",
            handled.as_secs_f64() * 1000.0,
            shown.as_secs_f64() * 1000.0,
            summed.as_secs_f64() * 1000.0,
            floor.as_secs_f64() * 1000.0,
            shown.as_secs_f64() / floor.as_secs_f64().max(1e-6)
        );
    }
    let (rss, hwm) = rss_kib("self");
    println!("memory: {} MiB now, {} MiB peak", rss / 1024, hwm / 1024);
}

/// SQLite's own time for what a filter keystroke shows: the simplest statements a person would
/// write with `sqlite3` for the first 50 rows and for the footer's count and sum per currency of
/// the items whose name, account, project code or invoice number has the text, on the list's
/// items (`until`: finance control's status and horizon). Run once each, every row stepped.
struct Floor {
    rows: Duration,
    totals: Duration,
}

fn filter_floor(conn: &rusqlite::Connection, until: Option<NaiveDate>, text: &str) -> Floor {
    let scope = match until {
        Some(until) => format!(
            "i.status IN ('billable', 'draft_invoice') AND i.planned_invoice_date <= '{until}' AND"
        ),
        None => String::new(),
    };
    let matches = format!(
        "{scope} (i.name LIKE ?1 OR i.account_id IN (SELECT id FROM accounts WHERE name LIKE ?1)
             OR i.project_id IN (SELECT id FROM projects WHERE code LIKE ?1)
             OR i.id IN (SELECT l.revenue_item_id FROM invoice_lines l
                         JOIN invoices v ON v.id = l.invoice_id WHERE v.number LIKE ?1))"
    );
    let pattern = format!("%{text}%");
    let run = |sql: &str| {
        let t = Instant::now();
        let mut stmt = conn.prepare(sql).expect("sql");
        let width = stmt.column_count();
        let mut rows = stmt.query([&pattern]).expect("rows");
        while let Some(r) = rows.next().expect("row") {
            for i in 0..width {
                std::hint::black_box(r.get_ref(i).expect("column"));
            }
        }
        t.elapsed()
    };
    Floor {
        rows: run(&format!(
            "SELECT i.* FROM revenue_items i WHERE {matches}
             ORDER BY i.planned_invoice_date, i.id LIMIT 50"
        )),
        totals: run(&format!(
            "SELECT i.currency, count(*), sum(coalesce(i.actual_amount_minor, i.planned_amount_minor))
             FROM revenue_items i WHERE {matches} GROUP BY i.currency"
        )),
    }
}

/// The median and largest of finctl's times over SQLite's.
fn ratios(what: &str, mut v: Vec<f64>) {
    v.sort_by(f64::total_cmp);
    if let (Some(max), Some(mid)) = (v.last(), v.get(v.len() / 2)) {
        println!(
            "{what:<42} n={:<5} median {mid:>7.2}  max {max:>7.2}",
            v.len()
        );
    }
}

/// SQLite alone on the report's own statements (`store::reports::statements`): every row
/// stepped and every column read, nothing added up. The median of five.
fn report_floor(store: &Store, query: &finctl::store::reports::ReportQuery) -> Duration {
    let filter = finctl::store::reports::ReportFilter::default();
    let (parts, args) = finctl::store::reports::statements(query, &filter).expect("statements");
    support::median(5, || {
        for (_, sql) in &parts {
            let mut stmt = store.conn().prepare_cached(sql).expect("sql");
            let width = stmt.column_count();
            let mut rows = stmt.query(rusqlite::params_from_iter(&args)).expect("rows");
            while let Some(r) = rows.next().expect("row") {
                for i in 0..width {
                    std::hint::black_box(r.get_ref(i).expect("column"));
                }
            }
        }
    })
}

fn through_binary(db: &Path) {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    println!("-- real binary in a pseudo-terminal, 80x24 --");
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_finctl"));
    cmd.args(["--db", db.to_str().expect("path")]);
    cmd.env("TERM", "xterm-256color");
    let started = Instant::now();
    let mut child = pty.slave.spawn_command(cmd).expect("spawn");
    let pid = child
        .process_id()
        .map(|p| p.to_string())
        .unwrap_or_default();
    let parser = Arc::new(Mutex::new(vt100::Parser::new(
        std::num::NonZeroU16::new(24).expect("rows"),
        std::num::NonZeroU16::new(80).expect("cols"),
        0,
    )));
    let mut reader = pty.master.try_clone_reader().expect("reader");
    let sink = parser.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().expect("parser").process(&buf[..n]);
        }
    });
    let mut writer = pty.master.take_writer().expect("writer");
    let screen = || parser.lock().expect("parser").screen().contents();
    let wait = |pred: &dyn Fn(&str) -> bool| {
        let t = Instant::now();
        while !pred(&screen()) {
            assert!(
                t.elapsed() < Duration::from_secs(30),
                "timed out; screen:\n{}",
                screen()
            );
            std::thread::sleep(Duration::from_micros(200));
        }
        t.elapsed()
    };
    wait(&|s| s.contains("Planned") && s.contains("1 Finance"));
    println!(
        "first screen after start: {:.0} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    let t = Instant::now();
    wait(&|s| s.contains("shown") && !s.contains("counting"));
    println!(
        "footer totals shown {:.0} ms later",
        t.elapsed().as_secs_f64() * 1000.0
    );
    let mut samples = Vec::new();
    for _ in 0..100 {
        let before = screen();
        let t = Instant::now();
        writer.write_all(b"\x1b[6~").expect("write");
        writer.flush().ok();
        wait(&|s| s != before);
        samples.push(t.elapsed());
    }
    Stats(samples).report("page down until the screen changed");
    let mut samples = Vec::new();
    for _ in 0..200 {
        let before = screen();
        let t = Instant::now();
        writer.write_all(b"j").expect("write");
        writer.flush().ok();
        wait(&|s| s != before);
        samples.push(t.elapsed());
    }
    Stats(samples).report("cursor down until the screen changed");
    writer.write_all(b"2/").expect("write");
    std::thread::sleep(Duration::from_millis(300));
    for text in FILTERS {
        let mut samples = Vec::new();
        for (i, c) in text.bytes().enumerate() {
            let typed = format!("/{}▏", &text[..=i]);
            let t = Instant::now();
            writer.write_all(&[c]).expect("write");
            writer.flush().ok();
            // The typed text shows in the filter line, then the rows replace "filtering…".
            wait(&|s| s.contains(&typed) && !s.contains("filtering"));
            samples.push(t.elapsed());
        }
        Stats(samples).report(&format!("all items: filter {text:?}, rows shown"));
        writer.write_all(&vec![0x7f; text.len()]).expect("write");
        std::thread::sleep(Duration::from_millis(1500));
    }
    let (_, hwm) = rss_kib(&pid);
    println!("memory of finctl: {} MiB peak", hwm / 1024);
    writer.write_all(b"\x03").expect("write");
    let _ = child.wait();
}

fn main() {
    let (db, _keep) = database_in_place();
    headless(&db);
    through_binary(&db);
}
