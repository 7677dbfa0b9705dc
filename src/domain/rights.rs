//! Users' roles and what each may do.

use super::DomainError;
use std::str::FromStr;

/// Roles from least to most rights; each has every right of the ones before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Viewer,
    Manager,
    Finance,
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Self::Viewer, Self::Manager, Self::Finance, Self::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Viewer => "viewer",
            Self::Manager => "manager",
            Self::Finance => "finance",
            Self::Admin => "admin",
        }
    }
}

impl FromStr for Role {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| {
                DomainError::new(format!(
                    "unknown role {s:?}: use viewer, manager, finance or admin"
                ))
            })
    }
}

/// Operations the store guards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Read,
    /// Read the change history of an object: every role may.
    ReadHistory,
    /// Revenue items, billing plans, revenue adjustments.
    EditRevenue,
    /// Accounts, price lists, projects (and launching and closing them), time reports and
    /// expenses.
    EditMasterData,
    EditProgress,
    EditMilestones,
    /// Make, edit and delete draft invoices.
    Invoice,
    Confirm,
    Credit,
    ManageUsers,
    /// A user's own preferences (their number format): anyone's own.
    OwnPreferences,
    Settings,
    /// Hand confirmed documents off to the ERP (and mark them so).
    HandOff,
}

impl Action {
    /// Whether `role` has this right (whatever the project).
    pub fn allowed_for(self, role: Role) -> bool {
        role >= self.minimum_role()
    }

    /// Who has this right, as a refusal or the help says it.
    pub fn who(self) -> &'static str {
        match self.minimum_role() {
            Role::Viewer => "anyone",
            Role::Manager => "managers, finance and admins",
            Role::Finance => "finance and admins",
            Role::Admin => "admins",
        }
    }

    fn minimum_role(self) -> Role {
        match self {
            Self::Read | Self::ReadHistory | Self::OwnPreferences => Role::Viewer,
            Self::EditRevenue | Self::EditProgress | Self::EditMilestones => Role::Manager,
            Self::EditMasterData => Role::Finance,
            Self::Invoice | Self::Confirm | Self::Credit | Self::HandOff => Role::Finance,
            Self::ManageUsers | Self::Settings => Role::Admin,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::ReadHistory => "read the change history",
            Self::EditRevenue => "edit revenue items",
            Self::EditMasterData => "edit accounts, price lists, projects, time and expenses",
            Self::EditProgress => "edit progress billing",
            Self::EditMilestones => "edit milestones",
            Self::Invoice => "make or edit invoices",
            Self::Confirm => "confirm invoices",
            Self::Credit => "create credit notes",
            Self::ManageUsers => "manage users",
            Self::OwnPreferences => "change their own number format",
            Self::Settings => "change settings",
            Self::HandOff => "hand invoices off to the ERP",
        }
    }
}

/// Whether `role` may do `action`; the refusal names the user, the role and the role needed.
pub fn check(user: &str, role: Role, action: Action) -> Result<(), DomainError> {
    if action.allowed_for(role) {
        Ok(())
    } else {
        Err(DomainError::new(format!(
            "{user} is {}: only {} may {}",
            role.as_str(),
            action.who(),
            action.describe()
        )))
    }
}

/// Whether `role` may do `action` on one project, managed by `manager` (an operating-system
/// user name, maybe empty): as [`check`], and a manager edits the milestones and the progress
/// of the projects they manage only. Finance and admins edit any project's.
pub fn check_project(
    user: &str,
    role: Role,
    action: Action,
    project: &str,
    manager: &str,
) -> Result<(), DomainError> {
    check(user, role, action)?;
    let what = match action {
        Action::EditMilestones => "milestones",
        Action::EditProgress => "progress",
        _ => return Ok(()),
    };
    if role >= Role::Finance || manager.trim() == user {
        return Ok(());
    }
    let managed_by = match manager.trim() {
        "" => "which has no manager".to_string(),
        m => format!("managed by {m}"),
    };
    Err(DomainError::new(format!(
        "{user} is manager, not of project {project} ({managed_by}): managers edit the {what} \
         of their own projects; finance and admins edit any"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrix() {
        use Action::*;
        use Role::*;
        let cases = [
            (Viewer, Read, true),
            (Viewer, ReadHistory, true),
            (Manager, ReadHistory, true),
            (Finance, ReadHistory, true),
            (Admin, ReadHistory, true),
            (Viewer, OwnPreferences, true),
            (Viewer, EditRevenue, false),
            (Manager, EditRevenue, true),
            (Manager, EditProgress, true),
            (Manager, EditMilestones, true),
            (Manager, Invoice, false),
            (Manager, Confirm, false),
            (Finance, Confirm, true),
            (Finance, Credit, true),
            (Finance, HandOff, true),
            (Manager, HandOff, false),
            (Finance, ManageUsers, false),
            (Admin, ManageUsers, true),
            (Admin, Settings, true),
            (Admin, Confirm, true),
        ];
        for (role, action, ok) in cases {
            assert_eq!(check("u", role, action).is_ok(), ok, "{role:?} {action:?}");
        }
        assert!(check("u", Manager, EditMasterData).is_err());
        assert!(check("u", Finance, EditMasterData).is_ok());
        assert!(check("u", Admin, EditMasterData).is_ok());
        assert_eq!(
            check("mia", Manager, EditMasterData).unwrap_err().0,
            "mia is manager: only finance and admins may edit accounts, price lists, projects, \
             time and expenses"
        );
        let err = check("ann", Manager, Confirm).unwrap_err();
        assert_eq!(
            err.0,
            "ann is manager: only finance and admins may confirm invoices"
        );
    }

    #[test]
    fn managers_edit_the_milestones_and_progress_of_their_own_projects() {
        use Action::*;
        use Role::*;
        for action in [EditMilestones, EditProgress] {
            assert!(check_project("mia", Manager, action, "P1", "mia").is_ok());
            assert!(check_project("mia", Manager, action, "P1", "ann").is_err());
            assert!(check_project("fay", Finance, action, "P1", "ann").is_ok());
            assert!(check_project("ada", Admin, action, "P1", "").is_ok());
            assert!(check_project("vic", Viewer, action, "P1", "vic").is_err());
        }
        assert_eq!(
            check_project("mia", Manager, EditMilestones, "P2", "ann")
                .unwrap_err()
                .0,
            "mia is manager, not of project P2 (managed by ann): managers edit the milestones of \
             their own projects; finance and admins edit any"
        );
        assert_eq!(
            check_project("mia", Manager, EditProgress, "P3", " ")
                .unwrap_err()
                .0,
            "mia is manager, not of project P3 (which has no manager): managers edit the progress \
             of their own projects; finance and admins edit any"
        );
        // Revenue items are not bound to the project's manager.
        assert!(check_project("mia", Manager, EditRevenue, "P2", "ann").is_ok());
        assert_eq!(
            check_project("vic", Viewer, EditMilestones, "P1", "vic")
                .unwrap_err()
                .0,
            "vic is viewer: only managers, finance and admins may edit milestones"
        );
    }
}
