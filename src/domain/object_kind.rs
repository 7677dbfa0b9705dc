//! The kinds of object the change history records, by the names its rows carry (`object` of
//! `change_history`): what `finctl export history --object KIND` filters on and what the
//! console's history view is asked about.

use super::DomainError;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ObjectKind {
    User,
    Account,
    PriceList,
    Project,
    Milestone,
    RevenueItem,
    TimeReport,
    Expense,
    /// Invoices and credit notes, their lines' changes included (`line 2 amount`).
    Invoice,
    ContractLine,
    /// A billing period of a contract line.
    ProgressStatus,
    BillingPlan,
    PlanPart,
    /// A billing plan template saved under a name (its parts are part of it).
    PlanTemplate,
    Setting,
    RevenueAdjustment,
    CostRate,
}

impl ObjectKind {
    pub const ALL: [ObjectKind; 17] = [
        Self::User,
        Self::Account,
        Self::PriceList,
        Self::Project,
        Self::Milestone,
        Self::RevenueItem,
        Self::TimeReport,
        Self::Expense,
        Self::Invoice,
        Self::ContractLine,
        Self::ProgressStatus,
        Self::BillingPlan,
        Self::PlanPart,
        Self::PlanTemplate,
        Self::Setting,
        Self::RevenueAdjustment,
        Self::CostRate,
    ];

    /// The name the history rows carry.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::Account => "account",
            Self::PriceList => "price_list",
            Self::Project => "project",
            Self::Milestone => "milestone",
            Self::RevenueItem => "revenue_item",
            Self::TimeReport => "time_report",
            Self::Expense => "expense",
            Self::Invoice => "invoice",
            Self::ContractLine => "contract_line",
            Self::ProgressStatus => "progress_status",
            Self::BillingPlan => "billing_plan",
            Self::PlanPart => "plan_part",
            Self::PlanTemplate => "plan_template",
            Self::Setting => "setting",
            Self::RevenueAdjustment => "revenue_adjustment",
            Self::CostRate => "cost_rate",
        }
    }

    /// The name a person reads: `revenue item`, `progress status`.
    pub fn label(self) -> String {
        self.as_str().replace('_', " ")
    }

    /// Every name, as `--help` lists them: `user, account, ...`.
    pub fn names() -> String {
        Self::ALL.map(Self::as_str).join(", ")
    }
}

impl FromStr for ObjectKind {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == t)
            .ok_or_else(|| {
                DomainError::new(format!(
                    "{t:?} is no kind of object the history records: use one of {}",
                    Self::names()
                ))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_others_are_refused_with_the_list() {
        for k in ObjectKind::ALL {
            assert_eq!(k.as_str().parse::<ObjectKind>().unwrap(), k);
        }
        assert_eq!(ObjectKind::RevenueItem.label(), "revenue item");
        let e = "revenue-item".parse::<ObjectKind>().unwrap_err().0;
        assert!(e.contains("revenue_item, time_report"), "{e}");
    }
}
