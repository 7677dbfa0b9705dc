//! `/` on the screens that had none: progress (4), milestones (5) and the report (6). Typing
//! narrows as on the lists: what reads shows at once, what does not is said while the screen
//! keeps the last filter that read; Enter keeps it (shown under the list), Esc clears it, a
//! paste goes into it; the detail below (periods, the plan) and the report's totals follow.

use crate::support;

use crossterm::event::KeyCode;
use finctl::domain::Money;
use finctl::domain::report::Figures;
use finctl::domain::warnings::Warning;
use finctl::ui::Theme;
use support::console::snapshot_both;
use support::console::*;

fn count(app: &finctl::app::App, sql: &str) -> i64 {
    app.store().conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn shown(totals: &Option<Vec<finctl::store::list_query::CurrencyTotal>>) -> i64 {
    totals
        .as_ref()
        .expect("totals")
        .iter()
        .map(|t| t.count)
        .sum()
}

fn text_of(app: &mut finctl::app::App) -> String {
    draw(app, 80, 24, &Theme::plain()).backend().to_string()
}

#[test]
fn slash_on_progress_narrows_the_lines_and_their_periods_follow() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '4');
    let all = progress(app).lines.view.visible().0.to_vec();
    assert!(all.len() >= 3, "the demo has contract lines");
    let third = all[2].clone();
    ch(app, '/');
    assert_eq!(app.context().title, "Filter");
    typ(app, &third.project_code);
    let list = &progress(app).lines;
    let (rows, _) = list.view.visible();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r.project_code == third.project_code));
    assert_eq!(shown(&list.totals), rows.len() as i64);
    // The periods below are those of the line now under the cursor.
    let line = progress(app).line.clone().expect("a line");
    assert_eq!(line.id, rows[0].id);
    assert_eq!(
        progress(app).periods,
        app.store().progress_statuses(line.id).unwrap()
    );
    key(app, KeyCode::Enter);
    assert!(progress(app).lines.filter_input.is_none());
    let text = text_of(app);
    assert!(
        text.contains(&format!("/{} contract lines", third.project_code)),
        "{text}"
    );
    // Keys act on the filtered rows: down stays within them.
    key(app, KeyCode::Down);
    let row = progress(app).lines.view.current().cloned().unwrap();
    assert_eq!(row.project_code, third.project_code);

    // A term: every demo line has its period pending, none is idle.
    key(app, KeyCode::Esc);
    assert_eq!(progress(app).lines.filter_text(), "");
    assert_eq!(status_text(app), "filter cleared");
    ch(app, '/');
    typ(app, "status:pending");
    let pending = count(
        app,
        "SELECT count(*) FROM progress_statuses WHERE status = 'pending'",
    );
    assert_eq!(shown(&progress(app).lines.totals), pending);
    backspace(app, "pending".len());
    typ(app, "idle");
    assert_eq!(shown(&progress(app).lines.totals), 0);
    assert!(progress(app).line.is_none() && progress(app).periods.is_empty());
    let text = text_of(app);
    assert!(text.contains("Nothing matches"), "{text}");
    assert!(
        text.contains("No contract line matches the filter"),
        "{text}"
    );
    // A term that does not read is said as typed; the list keeps status:idle.
    typ(app, "x");
    let list = &progress(app).lines;
    assert_eq!(list.filter.text, "status:idle");
    let error = list.filter_error.clone().expect("an error");
    assert!(error.contains("pending, refresh, idle"), "{error}");
    assert!(text_of(app).contains("is not a status"));
    key(app, KeyCode::Enter);
    assert!(status_text(app).contains("the filter does not read"));
    // Esc in the input clears it all: every line again, with the first one's periods.
    key(app, KeyCode::Esc);
    assert!(progress(app).lines.filter_input.is_none());
    assert_eq!(shown(&progress(app).lines.totals), all.len() as i64);
    assert_eq!(progress(app).line.as_ref().map(|l| l.id), Some(all[0].id));
}

#[test]
fn slash_from_the_periods_goes_to_the_lines_and_a_paste_types_it() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '4');
    key(app, KeyCode::Enter);
    assert_eq!(app.context().title, "Progress: periods of a line");
    ch(app, '/');
    assert_eq!(app.context().title, "Filter");
    app.paste("currency:usd");
    let list = &progress(app).lines;
    assert_eq!(list.filter_input.as_deref(), Some("currency:usd"));
    let (rows, _) = list.view.visible();
    let usd = count(
        app,
        "SELECT count(*) FROM contract_lines WHERE currency = 'USD'",
    );
    assert_eq!(rows.len() as i64, usd);
    assert!(rows.iter().all(|r| r.total.currency.code() == "USD"));
    key(app, KeyCode::Enter);
    // Esc on the line list clears the kept filter; again there is nothing to clear.
    key(app, KeyCode::Esc);
    assert_eq!(status_text(app), "filter cleared");
    key(app, KeyCode::Esc);
    assert!(
        status_text(app).contains("no filter"),
        "{}",
        status_text(app)
    );
}

#[test]
fn slash_on_milestones_narrows_them_and_the_plan_follows() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '5');
    let today = today();
    ch(app, '/');
    typ(app, "status:reached");
    let reached = count(
        app,
        "SELECT count(*) FROM milestones WHERE reached_at IS NOT NULL",
    );
    let list = &milestones(app).list;
    assert_eq!(shown(&list.totals), reached);
    assert!(list.view.visible().0.iter().all(|r| r.reached.is_some()));
    // Warnings as the rows show them, judged on the console's day.
    backspace(app, "status:reached".len());
    typ(app, "warning:missed");
    let list = &milestones(app).list;
    let (rows, _) = list.view.visible();
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| r.warning(today) == Some(Warning::MilestoneMissed))
    );
    // The plan below is that of the first row's project.
    let first = rows[0].clone();
    assert_eq!(milestones(app).plan_project, Some(first.project_id));
    key(app, KeyCode::Enter);
    let text = text_of(app);
    assert!(text.contains("/warning:missed milestones"), "{text}");
    // Words: the project's code, with a code term.
    ch(app, '/');
    backspace(app, "warning:missed".len());
    typ(app, &format!("{} milestone:m1", first.project_code));
    let (rows, _) = milestones(app).list.view.visible();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(
        (rows[0].project_code.as_str(), rows[0].code.as_str()),
        (first.project_code.as_str(), "M1")
    );
    // A key another list takes is named with what this one takes (pasted whole: typed, the
    // words "kind" would read first, and match nothing).
    app.paste(" kind:credit");
    let error = milestones(app).list.filter_error.clone().expect("an error");
    assert!(error.contains("this list has no kind"), "{error}");
    assert!(error.contains("date warning"), "{error}");
    assert_eq!(milestones(app).list.view.visible().0.len(), 1);
    key(app, KeyCode::Esc);
    assert_eq!(milestones(app).list.filter_text(), "");
    assert!(milestones(app).list.filter_error.is_none());
    let all = count(app, "SELECT count(*) FROM milestones");
    assert_eq!(shown(&milestones(app).list.totals), all);
}

/// The sum of the report's shown rows.
fn rows_total(r: &finctl::app::reports::Reports) -> Figures {
    let mut t = Figures::default();
    for row in r.visible_rows() {
        t.add(&row.figures);
    }
    t
}

#[test]
fn slash_on_the_report_narrows_it_with_its_totals_and_chart() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '6');
    let all_total = reports(app).total;
    let group = reports(app)
        .visible_rows()
        .nth(2)
        .expect("rows")
        .group
        .clone();
    ch(app, '/');
    typ(app, &group.key);
    let r = reports(app);
    assert!(r.visible_rows().count() > 0);
    assert!(
        r.visible_rows()
            .all(|row| row.group.key.contains(&group.key))
    );
    // The totals under the report and the chart's months are those of the rows shown.
    assert_eq!(r.total, rows_total(r));
    assert_ne!(r.total, all_total);
    let mut months = Figures::default();
    for (_, f) in &r.months {
        months.add(f);
    }
    assert_eq!(months, r.total);
    key(app, KeyCode::Enter);
    let text = text_of(app);
    assert!(text.contains(&format!("/{} ", group.key)), "{text}");
    // What a figure is made of still adds up to it.
    let row = reports(app).current().cloned().unwrap();
    let figure = row.figures.get(reports(app).measure);
    key(app, KeyCode::Enter);
    let b = app
        .top_view::<finctl::app::reports::Breakdown>()
        .expect("the breakdown");
    let sum: Money = b
        .parts
        .iter()
        .map(|p| p.amount)
        .fold(Money::zero(row.currency), |a, p| a.checked_add(p).unwrap());
    assert_eq!(Some(sum.amount), figure);
    assert!(b.title.contains(&format!("/{}", group.key)), "{}", b.title);
    key(app, KeyCode::Esc);
    // Terms name projects, accounts and business units whatever the grouping: by account,
    // project:CODE keeps that project's figures only.
    ch(app, '/');
    backspace(app, group.key.len());
    typ(app, &format!("project:{}", group.key));
    key(app, KeyCode::Enter);
    let by_project = reports(app).total;
    ch(app, 'b');
    assert_eq!(reports(app).filter.text, format!("project:{}", group.key));
    assert_eq!(reports(app).total, by_project);
    assert!(reports(app).visible_rows().count() > 0);
    // A key the report does not take is said, and the report keeps what it had.
    ch(app, '/');
    app.paste(" status:open");
    let error = reports(app).filter_error.clone().expect("an error");
    assert!(error.contains("this list has no status"), "{error}");
    assert_eq!(reports(app).total, by_project);
    // Esc clears: the whole report again.
    key(app, KeyCode::Esc);
    assert_eq!(reports(app).filter.text, "");
    assert!(reports(app).filter_error.is_none());
    // By business unit, by person, by project again.
    ch(app, 'b');
    ch(app, 'b');
    ch(app, 'b');
    assert_eq!(reports(app).total, all_total);
}

/// With the list thread (as in the terminal): the rows of a newly typed filter come from it,
/// and the detail below follows the row they put under the cursor once they are in.
#[test]
fn off_the_input_path_the_detail_follows_the_rows_that_come_in() {
    let (_dir, _path, store) = demo_store();
    let mut app =
        finctl::app::App::new(store, today(), Some(std::sync::Arc::new(|| {}))).expect("app");
    app.settle();
    let app = &mut app;
    ch(app, '4');
    let all = progress(app).lines.view.visible().0.to_vec();
    let last = all.last().cloned().expect("lines");
    ch(app, '/');
    typ(app, &last.project_code);
    key(app, KeyCode::Enter);
    app.settle();
    assert!(!app.is_filtering());
    let (rows, _) = progress(app).lines.view.visible();
    assert!(rows.iter().all(|r| r.project_code == last.project_code));
    assert_eq!(progress(app).line.as_ref().map(|l| l.id), Some(rows[0].id));
    assert_eq!(shown(&progress(app).lines.totals), rows.len() as i64);

    ch(app, '5');
    ch(app, '/');
    typ(app, &format!("project:{}", last.project_code));
    key(app, KeyCode::Enter);
    app.settle();
    let (rows, _) = milestones(app).list.view.visible();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r.project_code == last.project_code));
    assert_eq!(milestones(app).plan_project, Some(rows[0].project_id));

    ch(app, '6');
    // Summed on the list thread too.
    app.settle();
    let group = reports(app)
        .visible_rows()
        .next()
        .expect("rows")
        .group
        .clone();
    ch(app, '/');
    typ(app, &format!("project:{}", group.key));
    key(app, KeyCode::Enter);
    app.settle();
    assert!(!reports(app).summing);
    let r = reports(app);
    assert!(r.visible_rows().count() > 0);
    assert!(r.visible_rows().all(|row| row.group.key == group.key));
    assert_eq!(r.total, rows_total(r));
}

#[test]
fn progress_with_a_filter_kept() {
    snapshot_both!("progress_filter_kept", |app| {
        ch(app, '4');
        ch(app, '/');
        typ(app, "status:pending integration");
        key(app, KeyCode::Enter);
    });
}

#[test]
fn milestones_with_a_filter_kept() {
    snapshot_both!("milestones_filter_kept", |app| {
        ch(app, '5');
        ch(app, '/');
        typ(app, "status:open warning:due");
        key(app, KeyCode::Enter);
    });
}

#[test]
fn report_with_a_filter_kept() {
    snapshot_both!("report_filter_kept", |app| {
        ch(app, '6');
        ch(app, '/');
        typ(app, "bu:consulting");
        key(app, KeyCode::Enter);
    });
}

#[test]
fn report_filter_being_typed_with_an_error() {
    snapshot_both!("report_filter_error", |app| {
        ch(app, '6');
        ch(app, '/');
        typ(app, "bu:consulting");
        app.paste(" status:open");
    });
}
