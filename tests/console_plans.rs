//! Plans and contract lines end to end in the console (headless, over the demo): deleting a
//! whole plan (`D` on screen 5) and a whole contract line (`D` on screen 4) after a dialog that
//! names what goes, refused at the key when it cannot; saving a plan as a named template (`T`),
//! which the plan form then offers; a part tied to a milestone (`@M1`). Snapshots at 80x24 and
//! 160x48 of the dialogs, the template form and a plan with a milestone part.

use crate::support;

use crossterm::event::KeyCode;
use finctl::app::App;
use finctl::domain::invoicing_term::Term;
use finctl::domain::progress_state::ProgressState;
use finctl::domain::revenue_status::{Origin, RevenueStatus};
use finctl::domain::rights::Role;
use finctl::store::Store;
use finctl::store::progress::NewContractLine;
use finctl::ui::Theme;
use support::console::snapshot_both;
use support::console::*;

/// Moves down the milestones to the first whose project has (or has not) a plan.
fn seek_plan(app: &mut App, with_plan: bool) {
    for _ in 0..200 {
        if milestones(app).plan.is_empty() != with_plan {
            return;
        }
        key(app, KeyCode::Down);
    }
    panic!("no milestone of a project like that");
}

fn dialog_text(app: &App) -> String {
    app.overlays
        .last()
        .and_then(|o| o.dialog())
        .map(|d| d.lines.join("\n"))
        .unwrap_or_default()
}

/// Tabs to the form field `label`.
fn tab_to(app: &mut App, label: &str) {
    for _ in 0..20 {
        let form = &app
            .overlays
            .last()
            .and_then(|o| o.form())
            .expect("a form")
            .form;
        if form.focused().is_some_and(|f| f.label == label) {
            return;
        }
        key(app, KeyCode::Tab);
    }
    panic!("no field {label}");
}

fn form_error(app: &App, label: &str) -> Option<String> {
    let form = &app.overlays.last()?.form()?.form;
    form.field(label)?.error.clone()
}

#[test]
fn delete_plan_dialog() {
    snapshot_both!("delete_plan_dialog", |app| {
        ch(app, '5');
        seek_plan(app, true);
        ch(app, 'D');
        key(app, KeyCode::Enter);
    });
}

#[test]
fn save_template_form() {
    snapshot_both!("save_template_form", |app| {
        ch(app, '5');
        seek_plan(app, true);
        ch(app, 'T');
    });
}

/// The demo's contract lines all have validated periods: a new one (the last), P-0001, with
/// its first period pending, written by another connection.
fn new_line(path: &std::path::Path) -> i64 {
    let mut other = Store::open(path, USER).unwrap();
    let project = other.project_by_code("P-0001").unwrap().unwrap();
    let id = other
        .create_contract_line(&NewContractLine {
            project_id: project.id,
            milestone_id: None,
            description: "Roll-out support".into(),
            quantity: "100".parse().unwrap(),
            unit_price: "10".parse().unwrap(),
            invoicing_term: Term::Monthly,
            vat_rate: "24".parse().unwrap(),
            first_period_start: today(),
        })
        .unwrap();
    other.add_progress_status(id, today()).unwrap();
    id
}

/// Snapshots at both sizes, each on a fresh demo (the setup writes).
fn fresh_snapshots(name: &str, setup: impl Fn(&mut App, &std::path::Path)) {
    for (w, h) in SIZES {
        let mut f = demo_app();
        let app = &mut f.app;
        draw(app, w, h, &Theme::plain());
        setup(app, &f.path);
        let text = screen(app, &f.path, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), text);
    }
}

#[test]
fn delete_line_dialog() {
    fresh_snapshots("delete_line_dialog", |app, path| {
        new_line(path);
        ch(app, '4');
        ch(app, 'G');
        ch(app, 'D');
    });
}

#[test]
fn delete_line_refused() {
    snapshot_both!("delete_line_refused", |app| {
        ch(app, '4');
        ch(app, 'D');
    });
}

#[test]
fn deleting_a_plan_names_its_items_and_total_then_deletes_them() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '5');
    seek_plan(app, true);
    let project = milestones(app).plan_project.expect("a project");
    let code = milestones(app)
        .list
        .view
        .current()
        .unwrap()
        .project_code
        .clone();
    let items: Vec<i64> = milestones(app).plan.iter().map(|p| p.item.id).collect();
    let what = app.store().billing_plan_deletion(project).unwrap();
    ch(app, 'D');
    key(app, KeyCode::Enter);
    let text = dialog_text(app);
    assert!(
        text.contains(&format!("Delete the billing plan of {code}?")),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "its {} part(s) and their {} unbilled revenue item(s), EUR ",
            what.parts, what.parts
        )) || text.contains(&format!("their {} unbilled", what.parts)),
        "{text}"
    );
    // `n` keeps everything.
    ch(app, 'n');
    assert!(app.store().billing_plan(project).unwrap().is_some());
    ch(app, 'D');
    key(app, KeyCode::Enter);
    ch(app, 'y');
    assert!(
        status_text(app).starts_with(&format!("plan of {code} deleted: {} item(s)", what.parts)),
        "{}",
        status_text(app)
    );
    assert!(app.store().billing_plan(project).unwrap().is_none());
    assert!(milestones(app).plan.is_empty(), "the pane shows it gone");
    for id in items {
        assert!(app.store().revenue_item(id).is_err());
    }
    assert!(app.store().verify().unwrap().is_empty());
}

#[test]
fn a_plan_with_a_part_on_a_draft_is_refused_at_the_key() {
    let mut f = demo_app();
    ch(&mut f.app, '5');
    seek_plan(&mut f.app, true);
    let row = milestones(&f.app).plan[0].clone();
    let code = milestones(&f.app)
        .list
        .view
        .current()
        .unwrap()
        .project_code
        .clone();
    {
        // Someone drafts the first part's item meanwhile (another connection).
        let mut other = Store::open(&f.path, USER).unwrap();
        let item = other.revenue_item(row.item.id).unwrap();
        if item.status == RevenueStatus::Open {
            other
                .set_status(&[(item.id, item.version)], RevenueStatus::Billable)
                .unwrap();
        }
        if !item.status.is_on_invoice() {
            other.make_drafts(&[item.id], today()).unwrap();
        }
    }
    let app = &mut f.app;
    ch(app, 'D');
    assert!(app.overlays.is_empty(), "nothing opens");
    let said = status_text(app);
    assert!(
        said.starts_with(&format!("the billing plan of {code} stays: the part")),
        "{said}"
    );
    assert!(
        said.contains("on a draft invoice") || said.contains("invoiced"),
        "{said}"
    );
}

#[test]
fn a_viewer_is_refused_at_the_key() {
    let f = demo_app();
    let mut admin = Store::open(&f.path, USER).unwrap();
    admin.set_role("vic", Role::Viewer).unwrap();
    let mut app = app_as(&f.path, "vic");
    ch(&mut app, '5');
    for k in ['D', 'T'] {
        ch(&mut app, k);
        assert!(app.overlays.is_empty());
        assert!(
            status_text(&app).contains("only managers"),
            "{}",
            status_text(&app)
        );
    }
}

#[test]
fn a_plan_saved_as_a_template_is_offered_by_name() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '5');
    seek_plan(app, true);
    let shares: Vec<String> = milestones(app)
        .plan
        .iter()
        .map(|p| format!("{:?}", p.part.part.share))
        .collect();
    ch(app, 'T');
    key(app, KeyCode::Tab);
    typ(app, "Our steps");
    ctrl(app, 's');
    assert!(
        status_text(app).contains("saved as template \"Our steps\""),
        "{}",
        status_text(app)
    );
    // The same name again, in another case: refused beside the name, the form kept.
    ch(app, 'T');
    key(app, KeyCode::Tab);
    typ(app, "OUR STEPS");
    ctrl(app, 's');
    assert_eq!(
        form_error(app, "Template name").as_deref(),
        Some("a template is called Our steps already: choose another name")
    );
    // Esc asks whether to discard what was typed.
    key(app, KeyCode::Esc);
    ch(app, 'y');
    assert!(app.overlays.is_empty(), "{}", status_text(app));
    // A project without a plan gets it from the plan form's template choice.
    ch(app, 'g');
    assert!(milestones(app).list.view.current().is_some());
    seek_plan(app, false);
    ch(app, 'P');
    key(app, KeyCode::Enter);
    fill(app, "2027-01-01");
    key(app, KeyCode::Tab);
    fill(app, "5000");
    tab_to(app, "Template");
    for _ in 0..10 {
        let form = &app.overlays.last().unwrap().form().unwrap().form;
        if form.value("Template") == "Our steps" {
            break;
        }
        key(app, KeyCode::Right);
    }
    ctrl(app, 's');
    assert!(status_text(app).contains("part(s)"), "{}", status_text(app));
    let now: Vec<String> = milestones(app)
        .plan
        .iter()
        .map(|p| format!("{:?}", p.part.part.share))
        .collect();
    assert_eq!(now.len(), shares.len());
    assert!(
        milestones(app)
            .plan
            .iter()
            .all(|p| p.part.part.offset_days.is_some())
    );
}

/// Types a one-part plan tied to the milestone under the cursor; returns its code.
fn plan_on_milestone(app: &mut App) -> String {
    ch(app, '5');
    seek_plan(app, false);
    let row = milestones(app).list.view.current().cloned().unwrap();
    ch(app, 'P');
    key(app, KeyCode::Enter);
    fill(app, "2027-01-01");
    key(app, KeyCode::Tab);
    fill(app, "1200");
    tab_to(app, "Part 1");
    fill(app, &format!("Go-live; 100%; @{}", row.code.to_lowercase()));
    ctrl(app, 's');
    assert!(
        status_text(app).contains("1 part(s)"),
        "{}",
        status_text(app)
    );
    row.code
}

#[test]
fn a_part_typed_with_a_milestone_waits_for_it_on_its_date() {
    let mut f = demo_app();
    let app = &mut f.app;
    let code = plan_on_milestone(app);
    let row = milestones(app).list.view.current().cloned().unwrap();
    let part = &milestones(app).plan[0];
    assert_eq!(part.part.part.milestone.as_deref(), Some(code.as_str()));
    assert_eq!(part.item.origin, Origin::Milestone);
    assert_eq!(part.item.milestone_id, Some(row.id));
    assert_eq!(part.item.planned_invoice_date, row.due_date);
    let expected = if row.reached.is_some() {
        RevenueStatus::Billable
    } else {
        RevenueStatus::Open
    };
    assert_eq!(part.item.status, expected);
    // A milestone the project lacks is refused beside the part, what was typed kept.
    ch(app, 'P');
    key(app, KeyCode::Enter);
    tab_to(app, "Part 1");
    fill(app, "Go-live; 100%; @NOPE");
    ctrl(app, 's');
    let err = form_error(app, "Part 1").unwrap_or_default();
    assert!(
        err.starts_with("the project has no milestone NOPE: it has"),
        "{err}"
    );
}

#[test]
fn plan_with_a_milestone_part() {
    fresh_snapshots("milestone_part_plan", |app, _| {
        plan_on_milestone(app);
    });
}

#[test]
fn deleting_a_contract_line_asks_then_takes_its_periods_and_forecast() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '4');
    // A line with a validated period is refused at the key.
    for _ in 0..100 {
        if progress(app)
            .periods
            .iter()
            .any(|p| p.state != ProgressState::Pending)
        {
            break;
        }
        key(app, KeyCode::Down);
    }
    let line = progress(app).line.clone().expect("a line");
    ch(app, 'D');
    assert!(app.overlays.is_empty());
    let said = status_text(app);
    assert!(
        said.starts_with(&format!(
            "contract line {} stays: the line has validated period",
            line.id
        )),
        "{said}"
    );
    // A line with none goes, after the dialog: a new one, its first period pending.
    new_line(&f.path);
    let app = &mut f.app;
    ch(app, '1');
    ch(app, '4');
    ch(app, 'G');
    for _ in 0..100 {
        if progress(app)
            .periods
            .iter()
            .all(|p| p.state == ProgressState::Pending)
        {
            break;
        }
        key(app, KeyCode::Down);
    }
    let line = progress(app).line.clone().expect("a line");
    let periods = progress(app).periods.len();
    ch(app, 'D');
    let text = dialog_text(app);
    assert!(
        text.contains(&format!("Delete contract line {}", line.id)),
        "{text}"
    );
    assert!(
        text.contains(&format!("its {periods} period(s), none validated")),
        "{text}"
    );
    ch(app, 'y');
    assert!(
        status_text(app).starts_with(&format!("contract line {} deleted", line.id)),
        "{}",
        status_text(app)
    );
    assert!(app.store().contract_line(line.id).is_err());
    assert_ne!(progress(app).line.as_ref().map(|l| l.id), Some(line.id));
    assert!(app.store().verify().unwrap().is_empty());
}
