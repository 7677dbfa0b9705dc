//! Screen 7, projects: the list by code with sums from the store, the filter, the billing
//! overview on Enter and Esc back; drawn at both sizes.

use crate::support;

use crossterm::event::KeyCode;
use finctl::app::App;
use finctl::app::projects::{ProjectOverview, Projects};
use finctl::store::Bound;
use finctl::store::project_list::ProjectFilter;
use support::console::*;

fn projects(app: &App) -> &Projects {
    app.screens.get::<Projects>().expect("the projects screen")
}

#[test]
fn the_list_shows_the_projects_by_code_with_the_stores_sums() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '7');
    let wanted = app
        .store()
        .project_rows(&ProjectFilter::default(), &Bound::Start, 5)
        .unwrap();
    let shown: Vec<_> = projects(app)
        .view
        .visible()
        .0
        .iter()
        .take(5)
        .cloned()
        .collect();
    assert_eq!(shown, wanted);
    assert!(
        projects(app).totals.is_some(),
        "the totals are there (work done on the spot in tests)"
    );
    ch(app, 'j');
    assert_eq!(
        projects(app).view.current().map(|r| r.code.clone()),
        Some(wanted[1].code.clone())
    );
}

#[test]
fn the_filter_narrows_and_esc_clears_it() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '7');
    let all = projects(app).view.total();
    let first = projects(app).view.current().cloned().expect("a project");
    ch(app, '/');
    typ(app, &first.account);
    key(app, KeyCode::Enter);
    let narrowed = projects(app).view.total();
    assert!(narrowed < all, "{narrowed:?} < {all:?}");
    assert!(
        projects(app)
            .view
            .visible()
            .0
            .iter()
            .all(|r| r.account.contains(&first.account) || r.name.contains(&first.account))
    );
    key(app, KeyCode::Esc);
    assert_eq!(projects(app).view.total(), all);
}

#[test]
fn enter_shows_the_billing_overview_and_esc_goes_back() {
    let mut f = demo_app();
    let app = &mut f.app;
    ch(app, '7');
    let row = projects(app).view.current().cloned().expect("a project");
    key(app, KeyCode::Enter);
    let view = app.top_view::<ProjectOverview>().expect("the overview");
    assert_eq!(view.overview.project.id, row.id);
    assert_eq!(view.overview, app.store().project_overview(row.id).unwrap());
    let text = screen(app, &f.path, 80, 24);
    assert!(
        text.contains(&format!("Billing of project {}", row.code)),
        "{text}"
    );
    assert!(text.contains("Revenue items by rule and status"), "{text}");
    key(app, KeyCode::Esc);
    assert!(app.overlays.is_empty());
}

#[test]
fn the_list_at_both_sizes() {
    snapshot_both!("project_list", |app: &mut App| {
        ch(app, '7');
        ch(app, 'j');
    });
}

#[test]
fn the_overview_at_both_sizes() {
    snapshot_both!("project_overview", |app: &mut App| {
        ch(app, '7');
        key(app, KeyCode::Enter);
    });
}

#[test]
fn the_milestones_of_a_project_at_both_sizes() {
    snapshot_both!("project_milestones", |app: &mut App| {
        ch(app, '7');
        ch(app, 'M');
        ch(app, 'j');
    });
}

#[test]
fn the_new_project_form_with_the_account_picker_at_both_sizes() {
    snapshot_both!("new_project_form", |app: &mut App| {
        ch(app, '7');
        ch(app, 'n');
        for _ in 0..2 {
            key(app, KeyCode::Tab);
        }
        typ(app, "o");
    });
}
