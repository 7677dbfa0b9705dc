//! Project statuses and what each allows: a project is planned, then launched (invoiced), then
//! closed (done: nothing waits to be invoiced, no new work comes in).

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

/// What a project holds when its status is to change.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StatusFacts {
    /// Revenue items still to invoice: open, billable or on a draft invoice.
    pub waiting_items: i64,
}

impl ProjectStatus {
    /// Whether the project may go from this status to `to`: planned to launched, launched (or
    /// planned, never started) to closed, and closed back to launched for late work. Nothing
    /// goes back to planned. Closing is refused while revenue items wait to be invoiced.
    pub fn check_transition(
        self,
        to: ProjectStatus,
        code: &str,
        facts: &StatusFacts,
    ) -> Result<(), DomainError> {
        use ProjectStatus::*;
        match (self, to) {
            (from, to) if from == to => Err(DomainError::new(format!(
                "project {code} is {} already",
                to.as_str()
            ))),
            (_, Planned) => Err(DomainError::new(format!(
                "project {code} is {}: a project does not go back to planned",
                self.as_str()
            ))),
            (_, Closed) if facts.waiting_items > 0 => Err(DomainError::new(format!(
                "project {code} has {} revenue item{} not invoiced yet (open, billable or on a \
                 draft): invoice or reject {} before closing it",
                facts.waiting_items,
                if facts.waiting_items == 1 { "" } else { "s" },
                if facts.waiting_items == 1 {
                    "it"
                } else {
                    "them"
                }
            ))),
            _ => Ok(()),
        }
    }

    /// Whether the project takes new or changed milestones, time reports and expenses
    /// (`what`): not once it is closed.
    pub fn check_takes_work(self, code: &str, what: &str) -> Result<(), DomainError> {
        if self == Self::Closed {
            return Err(DomainError::new(format!(
                "project {code} is closed: it takes no new or changed {what}; launch it again first"
            )));
        }
        Ok(())
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

    #[test]
    fn planned_then_launched_then_closed() {
        use ProjectStatus::*;
        let none = StatusFacts::default();
        for (from, to) in [
            (Planned, Launched),
            (Launched, Closed),
            (Planned, Closed),
            (Closed, Launched),
        ] {
            assert!(
                from.check_transition(to, "P1", &none).is_ok(),
                "{from:?} -> {to:?}"
            );
        }
        assert_eq!(
            Launched
                .check_transition(Planned, "P1", &none)
                .unwrap_err()
                .0,
            "project P1 is launched: a project does not go back to planned"
        );
        assert!(Closed.check_transition(Planned, "P1", &none).is_err());
        assert_eq!(
            Launched
                .check_transition(Launched, "P1", &none)
                .unwrap_err()
                .0,
            "project P1 is launched already"
        );
        let waiting = StatusFacts { waiting_items: 2 };
        assert_eq!(
            Launched
                .check_transition(Closed, "P1", &waiting)
                .unwrap_err()
                .0,
            "project P1 has 2 revenue items not invoiced yet (open, billable or on a draft): \
             invoice or reject them before closing it"
        );
        assert!(Planned.check_transition(Launched, "P1", &waiting).is_ok());
    }

    #[test]
    fn a_closed_project_takes_no_work() {
        assert!(
            ProjectStatus::Planned
                .check_takes_work("P1", "time reports")
                .is_ok()
        );
        assert!(
            ProjectStatus::Launched
                .check_takes_work("P1", "milestones")
                .is_ok()
        );
        assert_eq!(
            ProjectStatus::Closed
                .check_takes_work("P1", "expenses")
                .unwrap_err()
                .0,
            "project P1 is closed: it takes no new or changed expenses; launch it again first"
        );
    }
}
