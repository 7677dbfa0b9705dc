//! End-to-end tests of the console's life in its terminal: keys typed ahead of a filter's rows,
//! bracketed paste, an arrow key whose bytes arrive in two packets, Ctrl-L, Ctrl-Z and `fg`,
//! SIGTERM and SIGHUP, a terminal that goes away, and no terminal at all. The real `finctl`
//! binary in a pseudo-terminal, as in `e2e_console.rs`.

use crate::support;

use nix::sys::signal::Signal;
use serde_json::Value;
use std::collections::BTreeMap;
use std::process::{Command, Stdio};
use std::thread;
use std::time::Duration;
use support::e2e::detached::Detached;
use support::e2e::rows::{by_id, item_of_row, item_rows};
use support::e2e::{BIN, Console, DemoDb, Key, TIMEOUT, process_state};

/// Bracketed paste as a terminal sends it.
fn pasted(text: &str) -> String {
    format!("\x1b[200~{text}\x1b[201~")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The terminal is as it was before the console, judged from what was written after byte
/// `since` and from the screen: the alternate screen left, the cursor shown, bracketed paste off
/// and, with `cooked`, the line discipline cooked again (not so under a shell's prompt, which
/// edits its line in a mode of its own).
fn assert_restored_since(c: &Console, since: usize, cooked: bool) {
    let raw = c.raw_output();
    let tail = &raw[since.min(raw.len())..];
    for (what, seq) in [
        ("leave the alternate screen", &b"\x1b[?1049l"[..]),
        ("show the cursor", b"\x1b[?25h"),
        ("turn bracketed paste off", b"\x1b[?2004l"),
    ] {
        assert!(
            contains(tail, seq),
            "{what}: not in {:?}",
            String::from_utf8_lossy(tail)
        );
    }
    assert!(
        !c.with_screen(|s| s.alternate_screen()),
        "the alternate screen is left"
    );
    assert!(!c.with_screen(|s| s.hide_cursor()), "the cursor is visible");
    if let Some(is_cooked) = c.terminal_is_cooked().filter(|_| cooked) {
        assert!(is_cooked, "echo and line editing are back on");
    }
}

/// Items whose status differs between two exports: id and the item after.
fn status_changes<'a>(before: &[Value], after: &'a [Value]) -> BTreeMap<i64, &'a Value> {
    let before = by_id(before);
    by_id(after)
        .into_iter()
        .filter(|(id, item)| before.get(id).is_none_or(|b| b["status"] != item["status"]))
        .collect()
}

/// What the filter of the item lists looks in: name, project, account (lower case).
fn filtered_text(item: &Value) -> String {
    ["name", "project", "account"]
        .iter()
        .map(|k| item[*k].as_str().unwrap_or_default())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The value in the form line that holds `label`: the text after it, trimmed.
fn form_line(c: &Console, label: &str) -> Option<String> {
    c.screen()
        .lines()
        .find(|l| l.contains(label))
        .map(|l| l.trim_matches([' ', '│']).to_string())
}

/// Opens a new revenue item form on screen 2 and moves to its Name field.
fn open_form_on_name(c: &mut Console) {
    c.send("2");
    c.wait_until("the revenue items screen", |c| c.footer().contains("n new"));
    c.send("n");
    c.wait_for("New revenue item");
    c.send_key(Key::Tab);
    c.wait_until("the focus on the name", |c| {
        form_line(c, "Name").is_some_and(|l| l.starts_with('>'))
    });
}

/// Kills a process when the test ends, passed or failed: a job left stopped when its shell is
/// killed stays stopped for ever.
struct KillOnDrop(i32);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        // Gone already is fine: nothing to kill.
        let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(self.0), Signal::SIGKILL);
    }
}

/// Regression: `/Helix`, Enter and `x` in one write rejected the cursor's row of the unfiltered
/// list, while the screen then showed the Helix rows. Keys that arrive while a filter's rows are
/// on their way now wait for them, in order.
#[test]
fn keys_typed_ahead_act_on_the_rows_of_the_filter_before_them() {
    let db = DemoDb::new();
    let before = db.export("revenue-items");
    let mut c = db.console(24, 100);
    c.wait_for("? shows the keys");
    c.send("2");
    c.wait_until("the revenue items screen", |c| c.footer().contains("n new"));
    c.wait_list_ready();
    let first = item_rows(&c).first().cloned().expect("rows on screen");
    let first = item_of_row(&before, &first, None);
    assert!(
        !filtered_text(first).contains("helix"),
        "the unfiltered list must not start with a Helix row: {first}"
    );

    c.send_raw("/Helix\rx");
    c.wait_status("1 item(s) set rejected");
    c.send("q");
    let status = c.wait_exit();
    assert!(status.success(), "{status:?}");

    let after = db.export("revenue-items");
    let changed = status_changes(&before, &after);
    assert_eq!(changed.len(), 1, "one item changed: {changed:?}");
    let (_, item) = changed.into_iter().next().expect("one item");
    assert_eq!(item["status"], "rejected");
    assert!(
        filtered_text(item).contains("helix"),
        "the rejected item is one the filter shows: {item}"
    );
    db.assert_verifies();
}

/// Bracketed paste is on; a paste is text in the focused field and never runs commands; several
/// lines are refused in a one-line field; outside a field a paste does nothing and says so.
#[test]
fn a_paste_is_text_in_the_field_and_never_a_command() {
    let db = DemoDb::new();
    let before = db.export("revenue-items");
    let mut c = db.console(24, 100);
    c.wait_for("? shows the keys");
    assert!(
        contains(&c.raw_output(), b"\x1b[?2004h"),
        "the console turns bracketed paste on"
    );
    c.send("2");
    c.wait_until("the revenue items screen", |c| c.footer().contains("n new"));
    c.wait_list_ready();

    // On the list, `x` would reject the cursor's item: pasted, it does nothing.
    c.send_raw(&pasted("x"));
    c.wait_status("paste does nothing here");

    // Into the filter: the text, and the rows follow.
    c.send("/");
    c.wait_for("Enter keeps the filter");
    c.send_raw(&pasted("Helix"));
    c.wait_for("/Helix▏");
    c.send_key(Key::Esc);
    c.wait_gone("/Helix");

    // A form's one-line field: two lines are refused and nothing goes in; one line goes in,
    // `q` included, at the cursor.
    c.send("n");
    c.wait_for("New revenue item");
    c.send_key(Key::Tab);
    c.wait_until("the focus on the name", |c| {
        form_line(c, "Name").is_some_and(|l| l.starts_with('>'))
    });
    c.send_raw(&pasted("first line\rsecond line"));
    c.wait_status("one line");
    assert!(!c.screen().contains("first line"), "{}", c.screen());
    assert!(
        form_line(&c, "Name").is_some_and(|l| l.starts_with('>')),
        "the focus stays on the name"
    );
    c.send_raw(&pasted("Hosting q\x07"));
    c.wait_until("the pasted name", |c| {
        form_line(c, "Name").is_some_and(|l| l.contains("Hosting q"))
    });
    c.send_key(Key::Esc);
    c.wait_for("Discard changes");
    c.send("y");
    c.wait_gone("New revenue item");
    c.send("q");
    assert!(c.wait_exit().success());
    let after = db.export("revenue-items");
    assert!(
        status_changes(&before, &after).is_empty(),
        "nothing changed"
    );
}

/// Regression: over SSH an arrow's bytes can arrive in two packets, read as Esc then `[`: Esc
/// closed the form. The Esc now waits a moment (100 ms) for the rest of its sequence; the two
/// writes here are 20 ms apart.
#[test]
fn an_arrow_split_after_its_esc_is_still_an_arrow() {
    let db = DemoDb::new();
    let mut c = db.console(24, 100);
    c.wait_for("? shows the keys");
    open_form_on_name(&mut c);
    c.send("abc");
    c.wait_until("abc typed", |c| {
        form_line(c, "Name").is_some_and(|l| l.ends_with("abc▏") || l.contains("abc"))
    });
    c.send_raw("\x1b");
    thread::sleep(Duration::from_millis(20));
    c.send_raw("[D");
    c.send("X");
    c.wait_until("X typed before the c: the cursor moved left", |c| {
        form_line(c, "Name").is_some_and(|l| l.contains("abXc"))
    });
    assert!(!c.screen().contains("Discard changes"), "{}", c.screen());
    // Ctrl-Up split the same way: a sequence with parameters.
    c.send_raw("\x1b");
    thread::sleep(Duration::from_millis(20));
    c.send_raw("[1;5D");
    c.send("Y");
    c.wait_until("Y typed at the start of the word", |c| {
        form_line(c, "Name").is_some_and(|l| l.contains("YabXc"))
    });
    // A lone Esc is still Esc.
    c.send_key(Key::Esc);
    c.wait_for("Discard changes");
    c.send("y");
    c.wait_gone("New revenue item");
    c.send("q");
    assert!(c.wait_exit().success());
}

/// Ctrl-L draws the whole screen anew: what another program wrote over it goes.
#[test]
fn ctrl_l_redraws_the_whole_screen() {
    let db = DemoDb::new();
    let mut c = db.console(24, 100);
    c.wait_for("? shows the keys");
    c.send("2");
    c.wait_until("the revenue items screen", |c| c.footer().contains("n new"));
    c.wait_list_ready();
    let status_row = usize::from(c.rows - 2);
    let without_status = |c: &Console| {
        // Blanks at the ends of lines are not compared: a cleared cell and a space written
        // read alike on a terminal.
        let mut lines: Vec<String> = c
            .screen()
            .lines()
            .map(|l| l.trim_end().to_string())
            .collect();
        if let Some(l) = lines.get_mut(status_row) {
            l.clear();
        }
        lines
    };
    let clean = without_status(&c);
    c.scribble("\x1b[5;10HWRITTEN BY ANOTHER PROGRAM\x1b[9;1H\x1b[2K\x1b[1;1H\x1b[1K");
    assert!(c.screen().contains("WRITTEN BY ANOTHER PROGRAM"));
    c.send_raw("\x0c");
    c.wait_status("screen drawn anew");
    c.wait_until("the screen drawn anew", |c| without_status(c) == clean);
    c.send("q");
    assert!(c.wait_exit().success());
}

/// Ctrl-Z gives the terminal back to the shell and stops; `fg` brings the screen back and the
/// keys work again (raw mode).
#[test]
fn ctrl_z_suspends_and_fg_restores() {
    let db = DemoDb::new();
    let mut c = db.bash(24, 100);
    c.wait_for("$ ");
    let line = format!("{}\r", db.finctl_line());
    c.send(&line);
    c.wait_for("? shows the keys");
    let finctl = c.foreground().expect("a job in the foreground");
    assert_ne!(finctl, c.pid(), "finctl is a job of the shell");
    let _job = KillOnDrop(finctl);

    let mark = c.raw_output().len();
    c.send_raw("\x1a");
    c.wait_until("finctl stopped", |_| process_state(finctl) == Some('T'));
    c.wait_until("the shell's prompt", |c| c.screen().contains("Stopped"));
    assert_restored_since(&c, mark, false);

    c.send("fg\r");
    c.wait_until("the console back", |c| {
        c.with_screen(|s| s.alternate_screen()) && c.footer().contains("help")
    });
    c.wait_for("Planned");
    c.send("2");
    c.wait_until("the revenue items screen", |c| c.footer().contains("n new"));
    c.send("q");
    c.wait_until("finctl ended", |_| {
        process_state(finctl).is_none_or(|s| s == 'Z')
    });
    c.wait_until("the shell's prompt", |c| c.foreground() == Some(c.pid()));
    c.send("exit\r");
    c.wait_exit();
}

/// Regression: SIGTERM left the alternate screen and a hidden cursor. SIGTERM and SIGHUP now
/// restore the terminal and end finctl with 128 + the signal.
#[test]
fn sigterm_and_sighup_restore_the_terminal_and_exit() {
    let db = DemoDb::new();
    for (signal, code) in [
        (Signal::SIGTERM, 143),
        (Signal::SIGHUP, 129),
        (Signal::SIGINT, 130),
    ] {
        let mut c = db.console(24, 100);
        c.wait_for("? shows the keys");
        let mark = c.raw_output().len();
        Console::kill(c.pid(), signal);
        let status = c.wait_exit();
        assert_eq!(status.signal(), None, "{signal}: handled, not killed by it");
        assert_eq!(status.exit_code(), code, "{signal}: {status:?}");
        assert_restored_since(&c, mark, true);
    }
    db.assert_verifies();
}

/// Regression: a console whose terminal went away span reading the end of its input, forever.
/// Now it ends (here no SIGHUP comes: the pty is not its controlling terminal).
#[test]
fn end_of_input_ends_the_console() {
    let db = DemoDb::new();
    let mut c = Detached::start(&db, 24, 100);
    c.wait_for("? shows the keys");
    let pid = c.pid();
    c.hang_up();
    let status = c.wait_exit(TIMEOUT);
    assert!(
        status.is_some(),
        "finctl (pid {pid}, state {:?}) still runs {TIMEOUT:?} after its terminal went away",
        process_state(pid)
    );
    db.assert_verifies();
}

/// Regression: started without a terminal the console said "No such device or address (os
/// error 6)". `setsid` takes the controlling terminal away too, so nothing can be opened.
#[test]
fn without_a_terminal_it_says_it_needs_one() {
    let db = DemoDb::new();
    let out = Command::new("setsid")
        .arg("--wait")
        .arg(BIN)
        .arg("--db")
        .arg(&db.db)
        .env("HOME", db.home())
        .stdin(Stdio::null())
        .output()
        .expect("run finctl through setsid");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("finctl needs a terminal (ssh -t)"),
        "{stderr}"
    );
    assert!(!stderr.contains("os error"), "{stderr}");
    assert!(out.stdout.is_empty(), "nothing drawn: {:?}", out.stdout);
}
