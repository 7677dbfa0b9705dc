//! Every class of refusal of `finctl import`, through the real binary: each row reported as
//! `FILE:LINE: column: message` (the file's own column where a mapping renames it), exit code
//! 1, and the database exactly as it was: the reading's refusals (numbers, dates), references
//! that find nothing, a row given twice, every rule of the store (collected time and expenses,
//! a project's currency once invoiced, a reached milestone, an item on an invoice, a status
//! going back) and the rights, refused once.

use crate::support;

use finctl::domain::revenue_status::RevenueStatus;
use finctl::domain::rights::Role;
use finctl::store::Store;
use std::path::Path;
use support::cli::{contents, import, init_db, os_user, printed};
use support::import::example;
use support::{date, text};

/// A database with every example imported, a closed project P-1009, time-and-materials item
/// RI-2 on a draft invoice (it collected TR-1, TR-2 and EX-1), and milestone M2 of P-1001
/// reached.
fn company(dir: &Path) -> String {
    let db = init_db(dir);
    let closed = dir.join("closed.csv");
    std::fs::write(
        &closed,
        "key,code,name,account,currency,manager,status\nPRJ-9,P-1009,Old work,CRM-1001,EUR,liisa,closed\n",
    )
    .unwrap();
    let ex = |n: &str| example(n).display().to_string();
    let closed = closed.display().to_string();
    let out = import(
        &db,
        &[
            "accounts",
            &ex("accounts.csv"),
            "price-lists",
            &ex("price-lists.csv"),
            "projects",
            &ex("projects.csv"),
            &closed,
            "milestones",
            &ex("milestones.csv"),
            "time-reports",
            &ex("time-reports.csv"),
            "expenses",
            &ex("expenses.csv"),
            "revenue-items",
            &ex("revenue-items.csv"),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", printed(&out));
    let mut store = Store::open(Path::new(&db), &os_user(&db)).unwrap();
    let item = store.revenue_item_by_key("RI-2").unwrap().unwrap();
    let changed = store
        .set_status(&[(item.id, item.version)], RevenueStatus::Billable)
        .unwrap();
    assert_eq!(changed.changed, [item.id]);
    let made = store.make_drafts(&[item.id], date(2026, 4, 1)).unwrap();
    assert_eq!(made.invoices.len(), 1, "{made:?}");
    let project = store.find_project(None, "P-1001").unwrap().unwrap();
    let m2 = store
        .find_milestone(project.id, None, "M2")
        .unwrap()
        .unwrap();
    store
        .set_milestone_reached(m2.id, m2.version, true)
        .unwrap();
    db
}

/// Imports `rows` (after `header`) as `kind` from a file named `name`, which must be refused
/// with exactly `expected` (`{f}` standing for the file) and change nothing.
fn refused(db: &str, dir: &Path, kind: &str, name: &str, content: &str, expected: &[&str]) {
    let file = dir.join(name);
    std::fs::write(&file, content).unwrap();
    let file = file.display().to_string();
    let before = contents(db);
    let out = import(db, &[kind, &file]);
    assert_eq!(out.status.code(), Some(1), "{}", printed(&out));
    let mut lines: Vec<String> = expected.iter().map(|e| e.replace("{f}", &file)).collect();
    let n = lines.len();
    lines.push(format!(
        "finctl: {n} refusal{}: nothing was written",
        if n == 1 { "" } else { "s" }
    ));
    assert_eq!(text(&out.stderr), lines.join("\n") + "\n");
    assert_eq!(contents(db), before, "{kind} {name}");
}

const REPORTS: &str = "key,project,person,role,date,hours,billable,description\n";
const EXPENSES: &str = "key,project,date,description,amount,billable\n";

#[test]
fn the_files_values_are_refused_where_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let db = company(dir.path());
    refused(
        &db,
        dir.path(),
        "time-reports",
        "numbers.csv",
        &format!(
            "{REPORTS}T-1,P-1001,Ada,consultant,2026-03-02,\"1,234\",yes,\n\
             T-2,P-1001,Ada,consultant,2026-03-02,7.5h,yes,\n"
        ),
        &[
            "{f}:2: hours: \"1,234\" could be 1234 or 1.234: write 1234 without a thousands separator, or 1.2340 with a fourth decimal",
            "{f}:3: hours: \"7.5h\" is not a number",
        ],
    );
    refused(
        &db,
        dir.path(),
        "expenses",
        "dates.csv",
        &format!(
            "{EXPENSES}E-1,P-1001,2026-02-30,Taxi,12.50,yes\n\
             E-2,P-1001,1969-12-31,Taxi,12.50,yes\n\
             E-3,P-1001,2026-03-02,Taxi,\"12,50\",yes\n"
        ),
        &[
            "{f}:2: date: \"2026-02-30\" is not a date in the format %Y-%m-%d",
            "{f}:3: date: 1969-12-31 is outside 1970-01-01 to 2100-12-31",
            "{f}:4: amount: \"12,50\" is not grouped in thousands: write it without thousands separators, or with groups of three digits (',')",
        ],
    );
}

#[test]
fn references_that_find_nothing_and_rows_given_twice_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = company(dir.path());
    refused(
        &db,
        dir.path(),
        "time-reports",
        "projects.csv",
        &format!(
            "{REPORTS}T-1,P-9999,Ada,consultant,2026-03-02,1,yes,\n\
             T-2,P-1001,Ada,consultant,2026-03-02,1,yes,\n\
             T-2,P-1002,Ada,consultant,2026-03-03,2,yes,\n\
             ,P-1001,Ada,consultant,2026-03-02,1,yes,\n"
        ),
        &[
            "{f}:2: project: no project has the key or code \"P-9999\"",
            "{f}:4: key: the same time report as the row at {f}:3: an import gives each once",
            "{f}:5: key: a time report is imported with its key in the source system, so that importing it again updates it",
        ],
    );
    refused(
        &db,
        dir.path(),
        "projects",
        "accounts.csv",
        "code,name,account,currency,manager\nP-2001,New,Nobody Ltd,EUR,liisa\n",
        &["{f}:2: account: no account has the key or name \"Nobody Ltd\""],
    );
    refused(
        &db,
        dir.path(),
        "accounts",
        "twice.csv",
        "name,currency\nAcme,EUR\nACME,EUR\n",
        &["{f}:3: the same account as the row at {f}:2: an import gives each once"],
    );
}

#[test]
fn the_stores_rules_refuse_rows_as_the_console_does() {
    let dir = tempfile::tempdir().unwrap();
    let db = company(dir.path());
    let conn = rusqlite::Connection::open(&db).unwrap();
    let ri2: i64 = conn
        .query_row(
            "SELECT id FROM revenue_items WHERE ext_key = 'RI-2'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    refused(
        &db,
        dir.path(),
        "time-reports",
        "collected.csv",
        &format!(
            "{REPORTS}TR-1,P-1001,Ada Varga,senior consultant,2026-03-02,8,yes,Wireframes for the product pages\n"
        ),
        &[&format!(
            "{{f}}:2: the time report is collected by revenue item {ri2}, which is draft invoice: it cannot change (delete the draft, or credit the invoice, first)"
        )],
    );
    refused(
        &db,
        dir.path(),
        "expenses",
        "collected.csv",
        &format!("{EXPENSES}EX-1,P-1001,2026-03-05,Train Helsinki–Tampere,90.00,yes\n"),
        &[&format!(
            "{{f}}:2: the expense is collected by revenue item {ri2}, which is draft invoice: it cannot change (delete the draft, or credit the invoice, first)"
        )],
    );
    let projects = std::fs::read_to_string(example("projects.csv")).unwrap();
    refused(
        &db,
        dir.path(),
        "projects",
        "currency.csv",
        &projects.replace(
            "CRM-1001,EUR,liisa,launched,2026-01-12,PL-EUR",
            "CRM-1001,SEK,liisa,launched,2026-01-12,PL-SEK",
        ),
        &["{f}:2: currency: project P-1001 has invoices: its currency stays EUR"],
    );
    refused(
        &db,
        dir.path(),
        "projects",
        "status.csv",
        &projects.replace("EUR,liisa,launched", "EUR,liisa,planned"),
        &["{f}:2: status: project P-1001 is launched: a project does not go back to planned"],
    );
    refused(
        &db,
        dir.path(),
        "milestones",
        "reached.csv",
        "key,project,code,name,due_date\nMS-2,P-1001,M2,Go live,2026-07-01\n",
        &["{f}:2: due_date: milestone M2 is reached: its due date stays (reopen it first)"],
    );
    let items = std::fs::read_to_string(example("revenue-items.csv")).unwrap();
    refused(
        &db,
        dir.path(),
        "revenue-items",
        "invoiced.csv",
        &items.replace(
            "time_and_materials,,,2026-03-31",
            "time_and_materials,500.00,,2026-03-31",
        ),
        &["{f}:3: amount: the item is draft invoice: its amount cannot be changed"],
    );
}

#[test]
fn a_mapped_column_is_named_as_the_file_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = company(dir.path());
    let map = dir.path().join("map.toml");
    std::fs::write(
        &map,
        "[columns]\nkey = \"Nr\"\nproject = \"Projekt\"\nperson = \"Wer\"\ndate = \"Tag\"\n\
         hours = \"Stunden\"\nbillable = \"Abrechenbar\"\n[constants]\nrole = \"consultant\"\n",
    )
    .unwrap();
    let file = dir.path().join("stunden.csv");
    std::fs::write(&file, "Nr,Projekt,Wer,Tag,Stunden,Abrechenbar\nS-1,P-1009,Ada,2026-03-02,2,ja\nS-2,P-1009,Ada,2026-03-02,2,yes\n").unwrap();
    let before = contents(&db);
    let (file, map) = (file.display().to_string(), map.display().to_string());
    let out = import(&db, &["time-reports", &file, "--map", &map]);
    assert_eq!(out.status.code(), Some(1), "{}", printed(&out));
    assert_eq!(
        text(&out.stderr),
        format!(
            "{file}:2: Abrechenbar: \"ja\": yes or no (true or false, 1 or 0)\n\
             {file}:3: Projekt: project P-1009 is closed: it takes no new or changed time reports; launch it again first\n\
             finctl: 2 refusals: nothing was written\n"
        )
    );
    assert_eq!(contents(&db), before);
    // A mapping for a call of several kinds is a usage error.
    let out = import(
        &db,
        &["accounts", &file, "time-reports", &file, "--map", &map],
    );
    assert_eq!(out.status.code(), Some(2), "{}", printed(&out));
    assert!(text(&out.stderr).contains("--map reads the files of one kind"));
}

#[test]
fn a_user_without_rights_is_refused_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("finctl.db");
    // Someone else made the database: the user running the tests comes in as a viewer.
    Store::open(&db, "boss").unwrap();
    let db = db.display().to_string();
    let ex = |n: &str| example(n).display().to_string();
    // A command that writes registers the user (verify only reads, and registers nobody).
    let me = nix::unistd::User::from_uid(nix::unistd::getuid())
        .unwrap()
        .unwrap()
        .name;
    let out = support::cli::finctl(&["--db", &db, "user", "format", &me, "locale"]);
    assert!(out.status.success(), "{}", printed(&out));
    let before = contents(&db);
    let (accounts, lists, projects) = (
        ex("accounts.csv"),
        ex("price-lists.csv"),
        ex("projects.csv"),
    );
    let call = [
        "accounts",
        &accounts,
        "price-lists",
        &lists,
        "projects",
        &projects,
    ];
    let out = import(&db, &call);
    assert_eq!(out.status.code(), Some(1), "{}", printed(&out));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("finctl: nothing was imported: ")
            && stderr.contains("is viewer: only finance and admins may"),
        "{stderr}"
    );
    assert_eq!(text(&out.stdout), "");
    assert_eq!(contents(&db), before);
    // As finance, the same call imports.
    let mut boss = Store::open(Path::new(&db), "boss").unwrap();
    let me = boss
        .users()
        .unwrap()
        .into_iter()
        .find(|u| u.name != "boss")
        .unwrap()
        .name;
    boss.set_role(&me, Role::Finance).unwrap();
    let out = import(&db, &call);
    assert_eq!(out.status.code(), Some(0), "{}", printed(&out));
}
