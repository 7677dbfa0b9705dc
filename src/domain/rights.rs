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
    /// Revenue items, master data (accounts, projects, price lists, time, expenses).
    EditRevenue,
    EditProgress,
    EditMilestones,
    /// Make, edit and delete draft invoices.
    Invoice,
    Confirm,
    Credit,
    ManageUsers,
    Settings,
    /// Hand confirmed documents off to the ERP (and mark them so).
    HandOff,
}

impl Action {
    fn minimum_role(self) -> Role {
        match self {
            Self::Read => Role::Viewer,
            Self::EditRevenue | Self::EditProgress | Self::EditMilestones => Role::Manager,
            Self::Invoice | Self::Confirm | Self::Credit | Self::HandOff => Role::Finance,
            Self::ManageUsers | Self::Settings => Role::Admin,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::EditRevenue => "edit revenue items",
            Self::EditProgress => "edit progress billing",
            Self::EditMilestones => "edit milestones",
            Self::Invoice => "make or edit invoices",
            Self::Confirm => "confirm invoices",
            Self::Credit => "create credit notes",
            Self::ManageUsers => "manage users",
            Self::Settings => "change settings",
            Self::HandOff => "hand invoices off to the ERP",
        }
    }
}

/// Whether `role` may do `action`; the refusal names the user, the role and the role needed.
pub fn check(user: &str, role: Role, action: Action) -> Result<(), DomainError> {
    let needed = action.minimum_role();
    if role >= needed {
        Ok(())
    } else {
        Err(DomainError::new(format!(
            "{user} is {}: only {} may {}",
            role.as_str(),
            match needed {
                Role::Viewer => "anyone",
                Role::Manager => "managers, finance and admins",
                Role::Finance => "finance and admins",
                Role::Admin => "admins",
            },
            action.describe()
        )))
    }
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
        let err = check("ann", Manager, Confirm).unwrap_err();
        assert_eq!(
            err.0,
            "ann is manager: only finance and admins may confirm invoices"
        );
    }
}
