//! `/` on screens 4 to 6: the progress screen's contract lines, the milestones and the report.
//! Every term returns exactly the rows whose fields say so, by every window of the list (from
//! the start, walked in small windows, from the end) and by its totals; the report narrowed
//! holds exactly the figures of what it names, and each figure still adds up to its parts.

use crate::support;

use chrono::NaiveDate;
use finctl::domain::Currency;
use finctl::domain::report::{GroupBy, Measure, YearMonth};
use finctl::domain::warnings::Warning;
use finctl::store::milestone_list::{MilestoneFilter, MilestoneRow};
use finctl::store::progress::NewContractLine;
use finctl::store::progress_list::{LineFilter, ProgressLineRow};
use finctl::store::reports::{Cell, ReportFilter, ReportQuery, ReportRow};
use finctl::store::{Bound, Store};
use rust_decimal::Decimal;
use support::store::{demo_store_of, today};

fn has(hay: &str, needle: &str) -> bool {
    hay.to_lowercase().contains(&needle.to_lowercase())
}

/// A contract line as the filter sees it: its row, and its project's name, account and
/// business units (the account's, the project's own).
struct Line {
    row: ProgressLineRow,
    project_name: String,
    account: String,
    account_bu: String,
    project_bu: String,
}

fn lines(store: &Store) -> Vec<Line> {
    let rows = store
        .progress_line_rows(&LineFilter::default(), &Bound::Start, 100_000)
        .unwrap();
    rows.into_iter()
        .map(|row| {
            let (project_name, account, account_bu, project_bu) = store
                .conn()
                .query_row(
                    "SELECT p.name, a.name, a.business_unit, p.business_unit FROM projects p
                     JOIN accounts a ON a.id = p.account_id WHERE p.id = ?1",
                    [row.project_id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .unwrap();
            Line {
                row,
                project_name,
                account,
                account_bu,
                project_bu,
            }
        })
        .collect()
}

/// The ids a contract line filter shows: from the start, walked 3 at a time and from the end,
/// which must agree, and as many as its totals count.
fn lines_shown(store: &Store, filter: &LineFilter) -> Vec<i64> {
    let all: Vec<i64> = store
        .progress_line_rows(filter, &Bound::Start, 100_000)
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    let mut walked = Vec::new();
    let mut bound = Bound::Start;
    loop {
        let rows = store.progress_line_rows(filter, &bound, 3).unwrap();
        walked.extend(rows.iter().map(|r| r.id));
        match rows.last() {
            Some(last) if rows.len() == 3 => bound = Bound::After(last.id),
            _ => break,
        }
    }
    assert_eq!(walked, all, "{filter:?}: walked in windows");
    let last: Vec<i64> = store
        .progress_line_rows(filter, &Bound::End, 2)
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(
        last,
        all[all.len().saturating_sub(2)..],
        "{filter:?}: the end"
    );
    if let Some(&id) = all.get(1) {
        let before: Vec<i64> = store
            .progress_line_rows(filter, &Bound::Before(id), 5)
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(before, all[..1], "{filter:?}: before the second");
    }
    let totals = store.progress_line_totals(filter).unwrap();
    let count: i64 = totals.iter().map(|t| t.count).sum();
    assert_eq!(count as usize, all.len(), "{filter:?}: totals count");
    for t in &totals {
        let sum: Decimal = store
            .progress_line_rows(filter, &Bound::Start, 100_000)
            .unwrap()
            .iter()
            .filter(|r| r.total.currency == t.amount.currency)
            .map(|r| r.total.amount)
            .sum();
        assert_eq!(
            sum, t.amount.amount,
            "{filter:?}: total of {}",
            t.amount.currency
        );
    }
    all
}

#[test]
fn each_contract_line_term_shows_exactly_the_lines_it_names() {
    let (_dir, _path, mut store) = demo_store_of(600, 3);
    // Beside the demo's lines (each with a pending period): one that asks for a refresh, one
    // without any period on a dollar project, and a project with a business unit of its own.
    let demo = lines(&store);
    assert!(demo.len() >= 3, "the demo has contract lines");
    let asks = &demo[1].row;
    store
        .update_contract_line(
            asks.id,
            asks.version,
            asks.quantity + Decimal::ONE,
            asks.unit_price,
        )
        .unwrap();
    let usd_project: i64 = store
        .conn()
        .query_row(
            "SELECT id FROM projects WHERE currency = 'USD' AND status = 'launched' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    store
        .create_contract_line(&NewContractLine {
            project_id: usd_project,
            milestone_id: None,
            description: "Support hours 50% off".into(),
            quantity: Decimal::from(10),
            unit_price: Decimal::from(100),
            invoicing_term: finctl::domain::invoicing_term::Term::Monthly,
            vat_rate: Decimal::ZERO,
            first_period_start: today(),
        })
        .unwrap();
    store
        .conn()
        .execute(
            "UPDATE projects SET business_unit = 'Skunkworks' WHERE id = ?1",
            [demo[2].row.project_id],
        )
        .unwrap();
    let all = lines(&store);
    let some = &all[0];
    let account = some.account.clone();
    let project = some.row.project_code.clone();
    let project_name = all[2].project_name.clone();
    let bu = all
        .iter()
        .map(|l| l.account_bu.clone())
        .find(|b| !b.is_empty())
        .expect("the demo's accounts have business units");
    type Rule = Box<dyn Fn(&Line) -> bool>;
    let cases: Vec<(String, Rule)> = vec![
        (
            "status:pending".into(),
            Box::new(|l: &Line| l.row.pending.is_some()),
        ),
        (
            "status:refresh".into(),
            Box::new(|l: &Line| l.row.pending.as_ref().is_some_and(|p| p.refresh_requested)),
        ),
        (
            "status:idle".into(),
            Box::new(|l: &Line| l.row.pending.is_none()),
        ),
        (
            "status:refresh,idle".into(),
            Box::new(|l: &Line| l.row.pending.as_ref().is_none_or(|p| p.refresh_requested)),
        ),
        (format!("project:{project}"), {
            let p = project.clone();
            Box::new(move |l: &Line| has(&l.row.project_code, &p) || has(&l.project_name, &p))
        }),
        (format!("project:\"{project_name}\""), {
            let p = project_name.clone();
            Box::new(move |l: &Line| has(&l.row.project_code, &p) || has(&l.project_name, &p))
        }),
        (format!("account:\"{account}\""), {
            let a = account.clone();
            Box::new(move |l: &Line| has(&l.account, &a))
        }),
        (format!("bu:\"{bu}\""), {
            let b = bu.clone();
            Box::new(move |l: &Line| has(&l.account_bu, &b) || has(&l.project_bu, &b))
        }),
        (
            "bu:skunk".into(),
            Box::new(|l: &Line| has(&l.account_bu, "skunk") || has(&l.project_bu, "skunk")),
        ),
        (
            "currency:usd".into(),
            Box::new(|l: &Line| l.row.total.currency == Currency::USD),
        ),
        (
            "currency:eur,sek".into(),
            Box::new(|l: &Line| l.row.total.currency == Currency::EUR),
        ),
        // Words: project code or name, account, description; `%` is a character here.
        (
            "50%".into(),
            Box::new(|l: &Line| has(&l.row.description, "50%")),
        ),
        ("integration".into(), {
            Box::new(|l: &Line| {
                has(&l.row.description, "integration")
                    || has(&l.row.project_code, "integration")
                    || has(&l.project_name, "integration")
                    || has(&l.account, "integration")
            })
        }),
        (account.chars().take(4).collect(), {
            let a: String = account.chars().take(4).collect();
            Box::new(move |l: &Line| {
                has(&l.row.description, &a)
                    || has(&l.row.project_code, &a)
                    || has(&l.project_name, &a)
                    || has(&l.account, &a)
            })
        }),
        (format!("{project} status:pending"), {
            let p = project.clone();
            Box::new(move |l: &Line| {
                (has(&l.row.project_code, &p)
                    || has(&l.project_name, &p)
                    || has(&l.account, &p)
                    || has(&l.row.description, &p))
                    && l.row.pending.is_some()
            })
        }),
    ];
    for (text, rule) in cases {
        let expected: Vec<i64> = all.iter().filter(|l| rule(l)).map(|l| l.row.id).collect();
        assert!(
            !expected.is_empty(),
            "{text}: no such line; the test proves nothing"
        );
        let filter = LineFilter { text: text.clone() };
        assert_eq!(lines_shown(&store, &filter), expected, "{text}");
    }
    // A term another list takes is refused, naming it.
    let e = store
        .progress_line_rows(
            &LineFilter {
                text: "date:2026".into(),
            },
            &Bound::Start,
            10,
        )
        .unwrap_err();
    assert!(e.to_string().contains("this list has no date"), "{e}");
}

/// A milestone as the filter sees it: its row and its account.
struct Ms {
    row: MilestoneRow,
    account: String,
}

fn milestones(store: &Store, today: NaiveDate) -> Vec<Ms> {
    let filter = MilestoneFilter {
        text: String::new(),
        today: Some(today),
    };
    store
        .milestone_rows(&filter, &Bound::Start, 100_000)
        .unwrap()
        .into_iter()
        .map(|row| {
            let account = store
                .conn()
                .query_row(
                    "SELECT a.name FROM projects p JOIN accounts a ON a.id = p.account_id
                     WHERE p.id = ?1",
                    [row.project_id],
                    |r| r.get(0),
                )
                .unwrap();
            Ms { row, account }
        })
        .collect()
}

/// The ids a milestone filter shows, every way the list reads them, checked to agree.
fn milestones_shown(store: &Store, filter: &MilestoneFilter) -> Vec<i64> {
    let rows = store
        .milestone_rows(filter, &Bound::Start, 100_000)
        .unwrap();
    let all: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut walked = Vec::new();
    let mut bound = Bound::Start;
    loop {
        let rows = store.milestone_rows(filter, &bound, 7).unwrap();
        walked.extend(rows.iter().map(|r| r.id));
        match rows.last() {
            Some(last) if rows.len() == 7 => bound = Bound::After(last.key()),
            _ => break,
        }
    }
    assert_eq!(walked, all, "{filter:?}: walked in windows");
    let last: Vec<i64> = store
        .milestone_rows(filter, &Bound::End, 3)
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(
        last,
        all[all.len().saturating_sub(3)..],
        "{filter:?}: the end"
    );
    let totals = store.milestone_totals(filter).unwrap();
    assert_eq!(
        totals.iter().map(|t| t.count).sum::<i64>() as usize,
        all.len(),
        "{filter:?}: totals count"
    );
    for t in &totals {
        let sum: Decimal = rows
            .iter()
            .filter(|r| r.amount.currency == t.amount.currency)
            .map(|r| r.amount.amount)
            .sum();
        assert_eq!(
            sum, t.amount.amount,
            "{filter:?}: amount in {}",
            t.amount.currency
        );
    }
    all
}

#[test]
fn each_milestone_term_shows_exactly_the_milestones_it_names() {
    let (_dir, _path, store) = demo_store_of(600, 3);
    let today = today();
    // A milestone due later whose items were planned before today: missed, as its row says
    // (by its items' dates, not its own).
    let late = milestones(&store, today)
        .into_iter()
        .find(|m| m.row.reached.is_none() && m.row.open_items > 0 && m.row.due_date > today)
        .expect("an open milestone ahead with open items");
    store
        .conn()
        .execute(
            "UPDATE revenue_items SET planned_invoice_date = ?1
             WHERE milestone_id = ?2 AND status NOT IN ('invoiced', 'rejected')",
            rusqlite::params![(today - chrono::Days::new(3)).to_string(), late.row.id],
        )
        .unwrap();
    let all = milestones(&store, today);
    assert!(all.len() > 20, "the demo has milestones");
    let late = all.iter().find(|m| m.row.id == late.row.id).unwrap();
    assert_eq!(late.row.warning(today), Some(Warning::MilestoneMissed));
    assert!(late.row.due_date > today);
    let project = all[4].row.project_code.clone();
    // A project whose pilot is due, for the words and terms together.
    let due = all
        .iter()
        .find(|m| m.row.code == "M2" && m.row.warning(today) == Some(Warning::MilestoneDue))
        .expect("the demo has a pilot due")
        .row
        .project_code
        .clone();
    let project_name = all[7].row.project_name.clone();
    let account = all[10].account.clone();
    type Rule = Box<dyn Fn(&Ms) -> bool>;
    let day = |s: &str| s.parse::<NaiveDate>().unwrap();
    let cases: Vec<(String, Rule)> = vec![
        (
            "status:reached".into(),
            Box::new(|m: &Ms| m.row.reached.is_some()),
        ),
        (
            "status:open".into(),
            Box::new(|m: &Ms| m.row.reached.is_none()),
        ),
        ("status:open,reached".into(), Box::new(|_: &Ms| true)),
        (
            "warning:due".into(),
            Box::new(move |m: &Ms| m.row.warning(today) == Some(Warning::MilestoneDue)),
        ),
        (
            "warning:missed".into(),
            Box::new(move |m: &Ms| m.row.warning(today) == Some(Warning::MilestoneMissed)),
        ),
        (
            "warning:due,missed".into(),
            Box::new(move |m: &Ms| m.row.warning(today).is_some()),
        ),
        (format!("project:{project}"), {
            let p = project.clone();
            Box::new(move |m: &Ms| has(&m.row.project_code, &p) || has(&m.row.project_name, &p))
        }),
        (format!("project:\"{project_name}\""), {
            let p = project_name.clone();
            Box::new(move |m: &Ms| has(&m.row.project_code, &p) || has(&m.row.project_name, &p))
        }),
        (format!("account:\"{account}\""), {
            let a = account.clone();
            Box::new(move |m: &Ms| has(&m.account, &a))
        }),
        ("milestone:m2".into(), Box::new(|m: &Ms| m.row.code == "M2")),
        ("date:2026-11".into(), {
            Box::new(move |m: &Ms| {
                (day("2026-11-01")..=day("2026-11-30")).contains(&m.row.due_date)
            })
        }),
        ("date:..2026-10-15".into(), {
            Box::new(move |m: &Ms| m.row.due_date <= day("2026-10-15"))
        }),
        // Words: milestone code or name, project code or name, account.
        ("go-live".into(), {
            Box::new(|m: &Ms| {
                has(&m.row.name, "go-live")
                    || has(&m.row.code, "go-live")
                    || has(&m.row.project_code, "go-live")
                    || has(&m.row.project_name, "go-live")
                    || has(&m.account, "go-live")
            })
        }),
        (account.clone(), {
            let a = account.clone();
            Box::new(move |m: &Ms| {
                has(&m.row.name, &a)
                    || has(&m.row.code, &a)
                    || has(&m.row.project_code, &a)
                    || has(&m.row.project_name, &a)
                    || has(&m.account, &a)
            })
        }),
        (format!("pilot status:open warning:due project:{due}"), {
            let p = due.clone();
            Box::new(move |m: &Ms| {
                (has(&m.row.name, "pilot")
                    || has(&m.row.code, "pilot")
                    || has(&m.row.project_code, "pilot")
                    || has(&m.row.project_name, "pilot")
                    || has(&m.account, "pilot"))
                    && m.row.reached.is_none()
                    && m.row.warning(today) == Some(Warning::MilestoneDue)
                    && (has(&m.row.project_code, &p) || has(&m.row.project_name, &p))
            })
        }),
    ];
    for (text, rule) in cases {
        let expected: Vec<i64> = all.iter().filter(|m| rule(m)).map(|m| m.row.id).collect();
        assert!(
            !expected.is_empty(),
            "{text}: no such milestone; the test proves nothing"
        );
        let filter = MilestoneFilter {
            text: text.clone(),
            today: Some(today),
        };
        assert_eq!(milestones_shown(&store, &filter), expected, "{text}");
    }
    // Warnings follow the day they are judged on: a week later more are missed.
    let later = today + chrono::Days::new(7);
    let missed_later = all
        .iter()
        .filter(|m| m.row.warning(later) == Some(Warning::MilestoneMissed))
        .count();
    let filter = MilestoneFilter {
        text: "warning:missed".into(),
        today: Some(later),
    };
    assert_eq!(milestones_shown(&store, &filter).len(), missed_later);
}

/// The report of the demo's last six months and next one, grouped by `group`.
fn report(store: &Store, group: GroupBy, text: &str) -> Vec<ReportRow> {
    let q = ReportQuery {
        from: YearMonth::of(today()).plus(-5),
        to: YearMonth::of(today()).plus(1),
        group,
    };
    store
        .report_narrowed(
            &q,
            &ReportFilter {
                text: text.to_string(),
            },
        )
        .unwrap()
}

#[test]
fn the_report_narrowed_holds_exactly_the_figures_of_what_it_names() {
    let (_dir, _path, store) = demo_store_of(600, 3);
    let by_project = report(&store, GroupBy::Project, "");
    let by_account = report(&store, GroupBy::Account, "");
    let by_bu = report(&store, GroupBy::BusinessUnit, "");
    let project = by_project[by_project.len() / 2].group.clone();
    let account = by_account[by_account.len() / 2].group.clone();
    let bu = by_bu[0].group.clone();
    let keep = |rows: &[ReportRow], pred: &dyn Fn(&ReportRow) -> bool| -> Vec<ReportRow> {
        rows.iter().filter(|r| pred(r)).cloned().collect()
    };
    // Words name the group as the report is grouped; the terms name it whatever the grouping.
    let cases: Vec<(GroupBy, String, Vec<ReportRow>)> = vec![
        (
            GroupBy::Project,
            project.key.clone(),
            keep(&by_project, &|r| {
                has(&r.group.key, &project.key) || has(&r.group.label, &project.key)
            }),
        ),
        (
            GroupBy::Project,
            format!("project:\"{}\"", project.label),
            keep(&by_project, &|r| {
                has(&r.group.key, &project.label) || has(&r.group.label, &project.label)
            }),
        ),
        (
            GroupBy::Account,
            account.label.clone(),
            keep(&by_account, &|r| has(&r.group.label, &account.label)),
        ),
        (
            GroupBy::Account,
            format!("account:\"{}\"", account.label),
            keep(&by_account, &|r| has(&r.group.label, &account.label)),
        ),
        (
            GroupBy::BusinessUnit,
            format!("bu:\"{}\"", bu.key),
            keep(&by_bu, &|r| has(&r.group.key, &bu.key)),
        ),
        (
            GroupBy::BusinessUnit,
            bu.key.clone(),
            keep(&by_bu, &|r| has(&r.group.key, &bu.key)),
        ),
    ];
    for (group, text, expected) in cases {
        assert!(!expected.is_empty(), "{text}: nothing to narrow to");
        assert_eq!(
            report(&store, group, &text),
            expected,
            "{text} by {group:?}"
        );
    }
    // Grouped by account, project:CODE holds that project's figures only, under its account.
    let exact: Vec<ReportRow> = by_project
        .iter()
        .filter(|r| r.group.key == project.key)
        .cloned()
        .collect();
    let narrowed = report(
        &store,
        GroupBy::Account,
        &format!("project:{}", project.key),
    );
    let project_account: String = store
        .conn()
        .query_row(
            "SELECT a.name FROM projects p JOIN accounts a ON a.id = p.account_id
             WHERE p.code = ?1",
            [&project.key],
            |r| r.get(0),
        )
        .unwrap();
    // Project codes are unique and none holds another here, so the term names one project.
    assert!(
        by_project
            .iter()
            .filter(|r| has(&r.group.key, &project.key))
            .all(|r| r.group.key == project.key)
    );
    assert_eq!(narrowed.len(), exact.len());
    for (n, e) in narrowed.iter().zip(&exact) {
        assert_eq!(n.group.label, project_account);
        assert_eq!(
            (n.currency, n.month, &n.figures),
            (e.currency, e.month, &e.figures)
        );
    }
    // Each narrowed figure is still what its parts add up to.
    let filter = ReportFilter {
        text: format!("project:{}", project.key),
    };
    for row in &narrowed {
        // Utilisation is a share of hours, not a sum of amounts (its parts: the cost's).
        for measure in Measure::ALL.into_iter().filter(|m| m.is_money()) {
            let cell = Cell {
                group_by: GroupBy::Account,
                group: row.group.clone(),
                currency: row.currency,
                month: row.month,
                measure,
                filter: filter.clone(),
            };
            let (parts, truncated) = store.report_parts(&cell).unwrap();
            assert!(!truncated);
            let sum: Decimal = parts.iter().map(|p| p.amount.amount).sum();
            assert_eq!(
                Some(sum),
                row.figures.get(measure),
                "{measure:?} of {row:?}"
            );
        }
    }
    // A term the report does not take is refused, naming what it takes.
    let q = ReportQuery {
        from: YearMonth::of(today()),
        to: YearMonth::of(today()),
        group: GroupBy::Project,
    };
    let e = store
        .report_narrowed(
            &q,
            &ReportFilter {
                text: "status:open".into(),
            },
        )
        .unwrap_err();
    assert!(e.to_string().contains("project account bu"), "{e}");
}
