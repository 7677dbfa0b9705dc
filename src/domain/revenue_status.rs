//! Revenue item statuses and origins, and what each allows.

use super::DomainError;
use std::fmt;
use std::str::FromStr;

/// `open` -> `billable` -> `draft_invoice` -> `invoiced`; `rejected` on the side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RevenueStatus {
    Open,
    Billable,
    DraftInvoice,
    Invoiced,
    Rejected,
}

impl RevenueStatus {
    pub const ALL: [RevenueStatus; 5] = [
        Self::Open,
        Self::Billable,
        Self::DraftInvoice,
        Self::Invoiced,
        Self::Rejected,
    ];

    /// The stored and exported name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Billable => "billable",
            Self::DraftInvoice => "draft_invoice",
            Self::Invoiced => "invoiced",
            Self::Rejected => "rejected",
        }
    }

    /// The name a person reads.
    pub fn label(self) -> &'static str {
        match self {
            Self::DraftInvoice => "draft invoice",
            other => other.as_str(),
        }
    }

    /// Statuses that tie the item to an invoice: amount frozen, no deletion.
    pub fn is_on_invoice(self) -> bool {
        matches!(self, Self::DraftInvoice | Self::Invoiced)
    }

    /// Statuses the revenue forecast counts: items still to be invoiced (the report's forecast
    /// and its sums, `forecast_months`).
    pub fn is_forecast(self) -> bool {
        matches!(self, Self::Open | Self::Billable)
    }
}

impl FromStr for RevenueStatus {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|st| st.as_str() == s || st.label() == s)
            .ok_or_else(|| DomainError::new(format!("unknown revenue item status {s:?}")))
    }
}

impl fmt::Display for RevenueStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// What made a revenue item. Only manual items are fully editable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    Manual,
    BillingPlan,
    ProgressStatus,
    Milestone,
}

impl Origin {
    pub const ALL: [Origin; 4] = [
        Self::Manual,
        Self::BillingPlan,
        Self::ProgressStatus,
        Self::Milestone,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Manual => "manual",
            Self::BillingPlan => "billing_plan",
            Self::ProgressStatus => "progress_status",
            Self::Milestone => "milestone",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Manual => "manual",
            Self::BillingPlan => "billing plan",
            Self::ProgressStatus => "progress status",
            Self::Milestone => "milestone",
        }
    }
}

impl FromStr for Origin {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|o| o.as_str() == s)
            .ok_or_else(|| DomainError::new(format!("unknown origin {s:?}")))
    }
}

/// The facts about an item that decide what a user may do with it by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemFacts {
    pub status: RevenueStatus,
    pub origin: Origin,
    /// `Some(false)` when the item waits for a milestone that is not reached.
    pub milestone_reached: Option<bool>,
    /// Every invoice line of the item is credited in full by confirmed credit notes.
    pub fully_credited: bool,
}

/// Whether a user may set the item to `to` by hand (open, billable, rejected only).
pub fn check_manual_status(facts: &ItemFacts, to: RevenueStatus) -> Result<(), DomainError> {
    if to.is_on_invoice() {
        return Err(DomainError::new(
            "only invoicing sets an item to draft invoice or invoiced",
        ));
    }
    match facts.status {
        RevenueStatus::DraftInvoice => {
            return Err(DomainError::new(
                "the item is on a draft invoice: delete the draft first",
            ));
        }
        RevenueStatus::Invoiced if !(to == RevenueStatus::Billable && facts.fully_credited) => {
            return Err(DomainError::new(
                "the item is invoiced: only a fully credited item can be made billable again",
            ));
        }
        _ => {}
    }
    if to == RevenueStatus::Billable && facts.milestone_reached == Some(false) {
        return Err(DomainError::new(
            "the item waits for its milestone: mark the milestone reached first",
        ));
    }
    Ok(())
}

/// Items on a draft or a confirmed invoice cannot be deleted, nor items that a billing plan,
/// a progress status or a milestone made (their scheduled parts must keep adding up).
pub fn check_delete(status: RevenueStatus, origin: Origin) -> Result<(), DomainError> {
    if origin != Origin::Manual {
        return Err(DomainError::new(format!(
            "made by a {}: it cannot be deleted here",
            origin.label()
        )));
    }
    if status.is_on_invoice() {
        return Err(DomainError::new(format!(
            "the item is {}: it cannot be deleted",
            status.label()
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use RevenueStatus::*;

    fn facts(status: RevenueStatus) -> ItemFacts {
        ItemFacts {
            status,
            origin: Origin::Manual,
            milestone_reached: None,
            fully_credited: false,
        }
    }

    #[test]
    fn names_round_trip() {
        for s in RevenueStatus::ALL {
            assert_eq!(s.as_str().parse::<RevenueStatus>().unwrap(), s);
        }
        for o in Origin::ALL {
            assert_eq!(o.as_str().parse::<Origin>().unwrap(), o);
        }
        assert!("paid".parse::<RevenueStatus>().is_err());
    }

    #[test]
    fn the_forecast_counts_open_and_billable_items_only() {
        use RevenueStatus::*;
        for (status, counted) in [
            (Open, true),
            (Billable, true),
            (DraftInvoice, false),
            (Invoiced, false),
            (Rejected, false),
        ] {
            assert_eq!(status.is_forecast(), counted, "{status:?}");
        }
    }

    #[test]
    fn users_set_open_billable_rejected_only() {
        for from in [Open, Billable, Rejected] {
            for to in [Open, Billable, Rejected] {
                assert!(
                    check_manual_status(&facts(from), to).is_ok(),
                    "{from:?}->{to:?}"
                );
            }
            assert!(check_manual_status(&facts(from), DraftInvoice).is_err());
            assert!(check_manual_status(&facts(from), Invoiced).is_err());
        }
    }

    #[test]
    fn items_on_invoices_keep_their_status() {
        for to in [Open, Billable, Rejected] {
            assert!(check_manual_status(&facts(DraftInvoice), to).is_err());
            assert!(check_manual_status(&facts(Invoiced), to).is_err());
        }
    }

    #[test]
    fn fully_credited_item_can_be_billable_again() {
        let mut f = facts(Invoiced);
        f.fully_credited = true;
        assert!(check_manual_status(&f, Billable).is_ok());
        assert!(check_manual_status(&f, Rejected).is_err());
    }

    #[test]
    fn milestone_items_wait_for_their_milestone() {
        let mut f = facts(Open);
        f.milestone_reached = Some(false);
        let err = check_manual_status(&f, Billable).unwrap_err();
        assert!(err.0.contains("milestone"));
        assert!(check_manual_status(&f, Rejected).is_ok());
        f.milestone_reached = Some(true);
        assert!(check_manual_status(&f, Billable).is_ok());
    }

    #[test]
    fn delete_rules() {
        assert!(check_delete(Open, Origin::Manual).is_ok());
        assert!(check_delete(Rejected, Origin::Manual).is_ok());
        assert!(check_delete(DraftInvoice, Origin::Manual).is_err());
        assert!(check_delete(Invoiced, Origin::Manual).is_err());
        assert!(check_delete(Open, Origin::BillingPlan).is_err());
        assert!(check_delete(Open, Origin::ProgressStatus).is_err());
    }
}
