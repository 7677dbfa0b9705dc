//! The keys of the projects screen, of a project's billing overview and of its milestones.

use super::super::history::keys::history_key;
use super::super::keymap::shared::{EXCEL, MOTION};
use super::super::keymap::{Binding, Cmd, Context, b, code, k};
use crate::domain::rights::Action;
use crossterm::event::KeyCode;

const PROJECT_KEYS: &[Binding] = &[
    b(
        &[k('n')],
        Cmd::New,
        "new",
        "new project",
    ).needs(Action::EditMasterData),
    b(
        &[k('e')],
        Cmd::Edit,
        "edit",
        "edit the project: code, name, account, currency, manager, start, price list, business unit",
    ).needs(Action::EditMasterData),
    b(
        &[k('L')],
        Cmd::Launch,
        "launch",
        "launch the project, or reopen a closed one (asks)",
    ).needs(Action::EditMasterData),
    b(
        &[k('C')],
        Cmd::CloseProject,
        "",
        "close the project once nothing waits to be invoiced (asks)",
    ).needs(Action::EditMasterData),
    b(
        &[k('M')],
        Cmd::Milestones,
        "milestones",
        "the project's milestones: new, edit, delete",
    ),
    b(
        &[k('a')],
        Cmd::Accounts,
        "account",
        "edit an account or make one (asks which: the project's by default)",
    ).needs(Action::EditMasterData),
    b(
        &[k('l')],
        Cmd::PriceLists,
        "",
        "edit a price list and its rates, or make one (asks which: the project's by default)",
    ).needs(Action::EditMasterData),
    b(
        &[k('r')],
        Cmd::Rates,
        "",
        "the project's own rates, which win over its price list's",
    ).needs(Action::EditMasterData),
    b(
        &[k('K')],
        Cmd::CostRates,
        "",
        "people's cost rates (what an hour costs, from a day on): see, add, change, delete",
    ),
    b(
        &[k('/')],
        Cmd::Filter,
        "filter",
        "filter as you type (code, name, account, manager); Enter keeps it, Esc clears it",
    ),
    b(
        &[code(KeyCode::Enter)],
        Cmd::Open,
        "overview",
        "the project's billing overview: items by rule and status, plan, contract lines, milestones, invoiced and credited",
    ),
    b(&[code(KeyCode::Esc)], Cmd::Back, "", "clear the filter"),
    history_key(PROJECT_HISTORY),
];

const PROJECT_HISTORY: &str =
    "the change history of the project and of its account (each labelled)";

const OVERVIEW_KEYS: &[Binding] = &[
    b(
        &[code(KeyCode::Esc)],
        Cmd::Back,
        "back",
        "back to the projects",
    ),
    history_key(PROJECT_HISTORY),
];

const MILESTONE_KEYS: &[Binding] = &[
    b(&[k('n')], Cmd::New, "new", "new milestone of the project").needs(Action::EditMilestones),
    b(
        &[k('e')],
        Cmd::Edit,
        "edit",
        "edit the milestone (a new due date moves its items' planned dates)",
    )
    .needs(Action::EditMilestones),
    b(
        &[code(KeyCode::Delete)],
        Cmd::Delete,
        "delete",
        "delete the milestone while nothing refers to it (asks)",
    )
    .needs(Action::EditMilestones),
    history_key("the change history of the milestone under the cursor"),
    b(
        &[code(KeyCode::Esc)],
        Cmd::Back,
        "back",
        "back to the projects",
    ),
];

const COST_RATE_KEYS: &[Binding] = &[
    b(
        &[k('n')],
        Cmd::New,
        "new",
        "new cost rate (for the person under the cursor)",
    )
    .needs(Action::EditMasterData),
    b(
        &[k('e')],
        Cmd::Edit,
        "edit",
        "change the cost rate under the cursor: person, currency, first day, hourly cost",
    )
    .needs(Action::EditMasterData),
    b(
        &[code(KeyCode::Delete)],
        Cmd::Delete,
        "delete",
        "delete the cost rate under the cursor (asks)",
    )
    .needs(Action::EditMasterData),
    history_key("the change history of the cost rate under the cursor"),
    b(
        &[code(KeyCode::Esc)],
        Cmd::Back,
        "back",
        "back to the projects",
    ),
];

pub const PROJECTS: Context = Context::screen("Projects", &[PROJECT_KEYS, EXCEL, MOTION]);
pub const OVERVIEW: Context = Context::screen("Project billing overview", &[OVERVIEW_KEYS, MOTION]);
pub const COST_RATES: Context = Context::screen("Cost rates", &[COST_RATE_KEYS, MOTION]);
pub const PROJECT_MILESTONES: Context =
    Context::screen("Milestones of a project", &[MILESTONE_KEYS, MOTION]);
