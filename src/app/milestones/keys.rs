//! The keys of the milestones screen.

use super::super::history::keys::history_key;
use super::super::keymap::shared::{EXCEL, MOTION};
use super::super::keymap::{Binding, Cmd, Context, b, code, k};
use crate::domain::rights::Action;
use crossterm::event::KeyCode;

const MILESTONE_KEYS: &[Binding] = &[
    b(
        &[k('m')],
        Cmd::Reach,
        "reached",
        "mark the milestone reached, or reopen it (asks, listing the items it releases or takes back)",
    ).needs(Action::EditMilestones),
    b(
        &[k('%')],
        Cmd::SetProgress,
        "progress",
        "set the estimated progress % of the milestone",
    ).needs(Action::EditMilestones),
    b(
        &[k('P')],
        Cmd::EditPlan,
        "plan",
        "the billing plan of a project (asks which: the milestone's by default): parts (`@M1` ties one to a milestone), template, start date",
    ).needs(Action::EditRevenue),
    b(
        &[k('D')],
        Cmd::DeleteWhole,
        "",
        "delete the billing plan of a project with its revenue items (asks which, then names how many items and their total; refused while one is on an invoice)",
    ).needs(Action::EditRevenue),
    b(
        &[k('T')],
        Cmd::SaveTemplate,
        "",
        "save the billing plan of a project as a named template (shares and days from the start), which the plan form then offers beside the built-in ones",
    ).needs(Action::EditRevenue),
    history_key(
        "the change history of the milestone and of its project's billing plan below (plan and parts labelled)",
    ),
    b(
        &[k('/')],
        Cmd::Filter,
        "filter",
        "filter as you type (milestone, project, account; terms status:reached,open project: account: milestone: date: warning:due,missed); Enter keeps it, Esc clears it",
    ),
    b(&[code(KeyCode::Esc)], Cmd::Back, "", "clear the filter"),
];

pub const MILESTONES: Context =
    Context::screen("Milestones and plans", &[MILESTONE_KEYS, EXCEL, MOTION]);
