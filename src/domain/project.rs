//! Project statuses.

use super::DomainError;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProjectStatus {
    Planned,
    Launched,
    Closed,
}

impl ProjectStatus {
    pub const ALL: [ProjectStatus; 3] = [Self::Planned, Self::Launched, Self::Closed];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Planned => "planned",
            Self::Launched => "launched",
            Self::Closed => "closed",
        }
    }

    /// Invoices can only be created for launched projects.
    pub fn check_invoicable(self, code: &str) -> Result<(), DomainError> {
        if self == Self::Launched {
            Ok(())
        } else {
            Err(DomainError::new(format!(
                "project {code} is {}: only launched projects are invoiced",
                self.as_str()
            )))
        }
    }
}

impl FromStr for ProjectStatus {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| DomainError::new(format!("unknown project status {s:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_launched_projects_are_invoiced() {
        assert!(ProjectStatus::Launched.check_invoicable("P1").is_ok());
        let err = ProjectStatus::Planned.check_invoicable("P1").unwrap_err();
        assert_eq!(
            err.0,
            "project P1 is planned: only launched projects are invoiced"
        );
        assert!(ProjectStatus::Closed.check_invoicable("P1").is_err());
        for p in ProjectStatus::ALL {
            assert_eq!(p.as_str().parse::<ProjectStatus>().unwrap(), p);
        }
    }
}
