//! `finctl import` run as a user would: every example of docs/examples into an empty database
//! in one call, exported in the import's layout and compared with the examples field by field,
//! imported back unchanged; the time trackers' exports through their mappings; a dry run's
//! counts; history rows naming the user and the file; a bad row at the end of 100,000.

use crate::support;

use finctl::import::{Kind, Mapping, Record, read_files};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use support::cli::{contents, count, import, init_db, os_user, printed};
use support::import::example;
use support::text;

fn ex(name: &str) -> String {
    example(name).display().to_string()
}

/// Every example of its own layout, as one call names them: in reverse dependency order, to
/// show the order given does not matter.
fn all_examples() -> Vec<String> {
    [
        "cost-rates",
        "cost-rates.csv",
        "revenue-items",
        "revenue-items.csv",
        "expenses",
        "expenses.csv",
        "time-reports",
        "time-reports.csv",
        "time-reports.json",
        "milestones",
        "milestones.csv",
        "projects",
        "projects.csv",
        "price-lists",
        "price-lists.csv",
        "accounts",
        "accounts.csv",
    ]
    .iter()
    .map(|w| {
        if w.contains('.') {
            ex(w)
        } else {
            w.to_string()
        }
    })
    .collect()
}

fn import_ok(db: &str, args: &[&str]) -> String {
    let out = import(db, args);
    assert_eq!(out.status.code(), Some(0), "{}", printed(&out));
    text(&out.stdout)
}

fn tracker(db: &str, name: &str) -> String {
    let csv = ex(&format!("{name}.csv"));
    let map = ex(&format!("{name}.toml"));
    import_ok(db, &["time-reports", &csv, "--map", &map])
}

fn examples_imported(db: &str) -> String {
    let words = all_examples();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    import_ok(db, &words)
}

/// A record with what tells two files apart taken out: its places, and references written
/// by key or by code or name (both name the same object).
fn canonical(record: &Record, alias: &HashMap<String, String>) -> Record {
    let at = finctl::import::Place::new(&Arc::from(""), 0);
    let name = |s: &String| alias.get(s).cloned().unwrap_or_else(|| s.clone());
    let mut r = record.clone();
    match &mut r {
        Record::Account(a) => a.at = at,
        Record::CostRate(c) => c.at = at,
        Record::PriceList(p) => {
            p.at = at.clone();
            p.rates.iter_mut().for_each(|x| x.at = at.clone());
        }
        Record::Project(p) => {
            p.at = at.clone();
            p.account = name(&p.account);
            p.price_list = p.price_list.as_ref().map(name);
            p.rates.iter_mut().for_each(|x| x.at = at.clone());
        }
        Record::Milestone(m) => {
            m.at = at;
            m.project = name(&m.project);
        }
        Record::TimeReport(t) => {
            t.at = at;
            t.project = name(&t.project);
        }
        Record::Expense(e) => {
            e.at = at;
            e.project = name(&e.project);
        }
        Record::RevenueItem(i) => {
            i.at = at;
            i.project = name(&i.project);
            // A milestone's code is its project's: M1 of P-1001 is not M1 of P-1002.
            let project = i.project.clone();
            i.milestone = i
                .milestone
                .as_ref()
                .map(|m| name(&format!("{project}/{m}")).replace(&format!("{project}/"), ""));
        }
    }
    r
}

fn records(kind: Kind, paths: &[PathBuf], mapping: Option<&Mapping>) -> Vec<Record> {
    let mut out = Vec::new();
    let errors = read_files(kind, paths, mapping, |r| out.push(r));
    assert!(errors.is_empty(), "{errors:?}");
    out
}

/// What names each example object besides its key: account and price list names, project
/// codes, milestone codes (unique across the examples), each to the key.
fn aliases() -> HashMap<String, String> {
    let mut alias = HashMap::new();
    for kind in [
        Kind::Accounts,
        Kind::PriceLists,
        Kind::Projects,
        Kind::Milestones,
    ] {
        let file = example(&format!("{kind}.csv"));
        for r in records(kind, &[file], None) {
            let (key, other) = match &r {
                Record::Account(a) => (a.key.clone(), a.name.clone()),
                Record::PriceList(p) => (p.key.clone(), p.name.clone()),
                Record::Project(p) => (p.key.clone(), p.code.clone()),
                Record::Milestone(m) => {
                    let project = alias.get(&m.project).cloned().unwrap_or(m.project.clone());
                    let key = m.key.clone().expect("the examples have keys");
                    alias.insert(format!("{project}/{}", m.code), key.clone());
                    alias.insert(format!("{project}/{key}"), key);
                    continue;
                }
                _ => continue,
            };
            alias.insert(other, key.expect("the examples have keys"));
        }
    }
    alias
}

/// `finctl export KIND --format csv` into `dir`.
fn export(db: &str, dir: &Path, kind: Kind) -> PathBuf {
    let path = dir.join(format!("exported-{kind}.csv"));
    let mut args = vec!["--db", db, "export", kind.as_str(), "--format", "csv"];
    if kind == Kind::RevenueItems {
        args.push("--import-layout");
    }
    let out = path.display().to_string();
    args.extend(["--output", &out]);
    let run = support::cli::finctl(&args);
    assert!(run.status.success(), "{}", printed(&run));
    path
}

fn by_key(records: Vec<Record>, alias: &HashMap<String, String>) -> HashMap<String, Record> {
    records
        .iter()
        .map(|r| {
            // A cost rate has no key: its person, currency and first day name it.
            let key = match r {
                Record::CostRate(c) => format!("{}/{}/{:?}", c.person, c.currency, c.valid_from),
                _ => r.key().expect("a key").to_string(),
            };
            (key, canonical(r, alias))
        })
        .collect()
}

#[test]
fn the_examples_import_export_the_same_and_import_again_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let db = init_db(dir.path());
    let out = examples_imported(&db);
    let expected = "accounts: 3 new, 0 changed, 0 unchanged, 0 refused\n\
        price-lists: 2 new, 0 changed, 0 unchanged, 0 refused\n\
        projects: 3 new, 0 changed, 0 unchanged, 0 refused\n\
        milestones: 3 new, 0 changed, 0 unchanged, 0 refused\n\
        time-reports: 7 new, 0 changed, 0 unchanged, 0 refused\n\
        expenses: 3 new, 0 changed, 0 unchanged, 0 refused\n\
        revenue-items: 4 new, 0 changed, 0 unchanged, 0 refused\n\
        cost-rates: 4 new, 0 changed, 0 unchanged, 0 refused\n";
    assert!(out.starts_with(expected), "{out}");
    assert!(out.contains("29 rows of 9 files imported"), "{out}");
    let out = tracker(&db, "toggl-detailed");
    assert!(out.starts_with("time-reports: 4 new,"), "{out}");
    let out = tracker(&db, "clockify-detailed");
    assert!(out.starts_with("time-reports: 3 new,"), "{out}");

    // Exported in the import's layout: the examples, field by field.
    let alias = aliases();
    let toggl = Mapping::load(&example("toggl-detailed.toml"), Kind::TimeReports).unwrap();
    let clockify = Mapping::load(&example("clockify-detailed.toml"), Kind::TimeReports).unwrap();
    let mut exported = Vec::new();
    for kind in Kind::ALL {
        let file = export(&db, dir.path(), kind);
        let got = by_key(records(kind, std::slice::from_ref(&file), None), &alias);
        let mut want = match kind {
            Kind::TimeReports => by_key(
                records(
                    kind,
                    &[example("time-reports.csv"), example("time-reports.json")],
                    None,
                ),
                &alias,
            ),
            _ => by_key(
                records(kind, &[example(&format!("{kind}.csv"))], None),
                &alias,
            ),
        };
        if kind == Kind::TimeReports {
            want.extend(by_key(
                records(kind, &[example("toggl-detailed.csv")], Some(&toggl)),
                &alias,
            ));
            want.extend(by_key(
                records(kind, &[example("clockify-detailed.csv")], Some(&clockify)),
                &alias,
            ));
        }
        assert_eq!(got.len(), want.len(), "{kind}: {got:#?}");
        for (key, w) in &want {
            assert_eq!(got.get(key), Some(w), "{kind} {key}");
        }
        exported.push((kind, file));
    }
    // The workbook of projects holds what the CSV holds.
    let xlsx = by_key(
        records(Kind::Projects, &[example("projects.xlsx")], None),
        &alias,
    );
    let csv = by_key(
        records(Kind::Projects, &[example("projects.csv")], None),
        &alias,
    );
    assert_eq!(xlsx, csv);

    let verify = support::cli::finctl(&["--db", &db, "verify"]);
    assert_eq!(verify.status.code(), Some(0), "{}", printed(&verify));

    // Again: the examples, the trackers, the workbook and the exported files change nothing
    // and write no history.
    let before = contents(&db);
    let history = count(&db, "SELECT count(*) FROM change_history");
    let out = examples_imported(&db);
    assert!(
        !out.contains(" 1 new") && !out.contains(" 1 changed"),
        "{out}"
    );
    for line in out.lines().take(8) {
        assert!(line.contains(": 0 new, 0 changed,"), "{line}");
    }
    assert!(
        tracker(&db, "toggl-detailed").starts_with("time-reports: 0 new, 0 changed, 4 unchanged")
    );
    assert!(
        tracker(&db, "clockify-detailed")
            .starts_with("time-reports: 0 new, 0 changed, 3 unchanged")
    );
    let out = import_ok(&db, &["projects", &ex("projects.xlsx")]);
    assert!(
        out.starts_with("projects: 0 new, 0 changed, 3 unchanged, 0 refused"),
        "{out}"
    );
    for (kind, file) in &exported {
        let out = import_ok(&db, &[kind.as_str(), &file.display().to_string()]);
        assert!(out.contains(": 0 new, 0 changed,"), "{kind}: {out}");
    }
    assert_eq!(count(&db, "SELECT count(*) FROM change_history"), history);
    assert_eq!(contents(&db), before);
}

#[test]
fn the_trackers_import_through_their_mappings() {
    let dir = tempfile::tempdir().unwrap();
    let db = init_db(dir.path());
    import_ok(
        &db,
        &[
            "accounts",
            &ex("accounts.csv"),
            "price-lists",
            &ex("price-lists.csv"),
            "projects",
            &ex("projects.csv"),
        ],
    );
    let out = tracker(&db, "toggl-detailed");
    assert_eq!(
        out.lines().next(),
        Some("time-reports: 4 new, 0 changed, 0 unchanged, 0 refused")
    );
    let out = tracker(&db, "clockify-detailed");
    assert_eq!(
        out.lines().next(),
        Some("time-reports: 3 new, 0 changed, 0 unchanged, 0 refused")
    );
    let hours = |key: &str| {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.query_row(
            "SELECT hours_micros, billable, work_date, role FROM time_reports WHERE ext_key = ?1",
            [key],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, bool>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            },
        )
        .unwrap()
    };
    // 06:00:45 is 6.0125 hours; the night run across midnight counts from its start's day.
    assert_eq!(
        hours("bo@example.com / 2026-03-02 / 08:30:00"),
        (6_012_500, true, "2026-03-02".into(), "consultant".into())
    );
    assert_eq!(
        hours("chidi@example.com / 03/03/2026 / 11:30:00 PM"),
        (1_250_000, false, "2026-03-03".into(), "consultant".into())
    );
    assert!(
        tracker(&db, "toggl-detailed").starts_with("time-reports: 0 new, 0 changed, 4 unchanged")
    );
}

/// A change history row: field, user, old, new, reason.
type HistoryRow = (String, String, Option<String>, Option<String>, String);

#[test]
fn a_dry_run_counts_what_would_change_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = init_db(dir.path());
    examples_imported(&db);
    let projects = std::fs::read_to_string(example("projects.csv")).unwrap();
    let changed = projects
        .replace(
            "Website relaunch,CRM-1001,EUR,liisa",
            "Website relaunch 2,CRM-1001,EUR,anna",
        )
        .replace(
            "Data platform,CRM-1002,SEK,erik",
            "Data platform,CRM-1002,SEK,olli",
        )
        + "PRJ-4,P-1004,Intranet,Blue Harbor Inc.,USD,maya,planned,,,Hosting,,,\n";
    let file = dir.path().join("projects.csv");
    std::fs::write(&file, &changed).unwrap();
    let file = file.display().to_string();
    let before = contents(&db);
    let out = import(&db, &["--dry-run", "projects", &file]);
    // Blue Harbor's name has a comma: the new project names an account nobody has.
    assert_eq!(out.status.code(), Some(1), "{}", printed(&out));
    assert!(text(&out.stderr).contains(&format!(
        "{file}:6: account: no account has the key or name \"Blue Harbor Inc.\""
    )));
    std::fs::write(
        dir.path().join("projects.csv"),
        changed.replace("Blue Harbor Inc.", "CRM-1003"),
    )
    .unwrap();
    let out = import(&db, &["--dry-run", "projects", &file]);
    assert_eq!(out.status.code(), Some(0), "{}", printed(&out));
    assert_eq!(
        text(&out.stdout),
        "projects: 1 new, 2 changed (name 1, manager 2), 1 unchanged, 0 refused\n\
         dry run: 4 rows of 1 files checked, nothing was written\n"
    );
    assert_eq!(contents(&db), before);

    // The import itself writes what the dry run counted, with history rows naming the user
    // and the file.
    let out = import_ok(&db, &["projects", &file]);
    assert!(
        out.starts_with("projects: 1 new, 2 changed (name 1, manager 2), 1 unchanged, 0 refused")
    );
    let user = os_user(&db);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let rows: Vec<HistoryRow> = conn
        .prepare(
            "SELECT field, user, old, new, reason FROM change_history
             WHERE object = 'project' AND field <> 'created' ORDER BY id",
        )
        .unwrap()
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let reason = format!("import {file}");
    assert_eq!(
        rows,
        [
            (
                "name".into(),
                user.clone(),
                Some("Website relaunch".into()),
                Some("Website relaunch 2".into()),
                reason.clone()
            ),
            (
                "manager".into(),
                user.clone(),
                Some("liisa".into()),
                Some("anna".into()),
                reason.clone()
            ),
            (
                "manager".into(),
                user.clone(),
                Some("erik".into()),
                Some("olli".into()),
                reason.clone()
            ),
        ]
    );
    let created: String = conn
        .query_row(
            "SELECT reason FROM change_history WHERE object = 'project' AND field = 'created'
             ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(created, reason);
}

#[test]
fn a_new_revenue_item_names_its_file_and_an_edit_follows_the_forms_rules() {
    let dir = tempfile::tempdir().unwrap();
    let db = init_db(dir.path());
    examples_imported(&db);
    let file = ex("revenue-items.csv");
    let reasons: Vec<(String, String)> = {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.prepare(
            "SELECT field, reason FROM change_history WHERE object = 'revenue_item' ORDER BY id LIMIT 2",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    };
    let reason = format!("import {file}");
    assert_eq!(
        reasons,
        [
            ("created".into(), reason.clone()),
            ("ext_key".into(), reason)
        ]
    );
    // A new name and amount: changed, and found by the name search.
    let items = std::fs::read_to_string(example("revenue-items.csv"))
        .unwrap()
        .replace(
            "Hosting Q2,Hosting,fixed,\"1,800.00\"",
            "Hosting Q2 and Q3,Hosting,fixed,3600",
        );
    let changed = dir.path().join("items.csv");
    std::fs::write(&changed, items).unwrap();
    let out = import_ok(&db, &["revenue-items", &changed.display().to_string()]);
    assert!(
        out.starts_with("revenue-items: 0 new, 1 changed (name 1, amount 1), 3 unchanged"),
        "{out}"
    );
    let found = count(
        &db,
        "SELECT count(*) FROM revenue_item_search WHERE name LIKE '%and Q3%'",
    );
    assert_eq!(found, 1);
    let verify = support::cli::finctl(&["--db", &db, "verify"]);
    assert_eq!(verify.status.code(), Some(0), "{}", printed(&verify));
}

#[test]
fn a_bad_row_at_the_end_of_100000_leaves_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = init_db(dir.path());
    import_ok(
        &db,
        &[
            "accounts",
            &ex("accounts.csv"),
            "price-lists",
            &ex("price-lists.csv"),
            "projects",
            &ex("projects.csv"),
        ],
    );
    let file = dir.path().join("hours.csv");
    let mut text_out = String::from("key,project,person,role,date,hours,billable\n");
    for i in 0..99_999 {
        text_out.push_str(&format!(
            "T-{i},P-100{},Ada,consultant,2026-03-02,1.5,yes\n",
            1 + i % 2
        ));
    }
    text_out.push_str("T-last,P-9999,Ada,consultant,2026-03-02,1.5,yes\n");
    std::fs::write(&file, text_out).unwrap();
    let before = contents(&db);
    let file = file.display().to_string();
    let out = import(&db, &["time-reports", &file]);
    assert_eq!(out.status.code(), Some(1), "{}", printed(&out));
    assert_eq!(
        text(&out.stderr),
        format!(
            "{file}:100001: project: no project has the key or code \"P-9999\"\n\
             finctl: 1 refusal: nothing was written\n"
        )
    );
    assert_eq!(
        text(&out.stdout),
        "time-reports: 99999 new, 0 changed, 0 unchanged, 1 refused\n"
    );
    assert_eq!(contents(&db), before);
}
