//! The warnings a list shows next to an item: a milestone due or missed, an item overdue, a
//! time-and-materials item with nothing to collect or time it cannot price. Computed here once
//! so that every list says the same.

use super::billing_rule::BillingRule;
use super::revenue_status::RevenueStatus;
use super::tm_allocation::collects;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// How far ahead a milestone counts as due.
pub const DUE_WITHIN_DAYS: i64 = 14;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Warning {
    /// Planned within the next 14 days, milestone not reached.
    MilestoneDue,
    /// Planned date passed, milestone not reached.
    MilestoneMissed,
    /// Planned date passed and the item is still open or billable.
    Overdue,
    /// A time-and-materials item, open or billable, with no uncollected billable time or
    /// expenses in its window: it would invoice nothing.
    NothingToCollect,
    /// A time-and-materials item, open or billable, whose time cannot be priced now (a role
    /// without a rate, or past the amount limit): it shows 0 and is not drafted.
    CannotBePriced,
}

impl Warning {
    pub fn label(self) -> &'static str {
        match self {
            Self::MilestoneDue => "milestone due",
            Self::MilestoneMissed => "milestone missed",
            Self::Overdue => "overdue",
            Self::NothingToCollect => "nothing to collect",
            Self::CannotBePriced => "cannot be priced",
        }
    }

    /// For narrow columns.
    pub fn short(self) -> &'static str {
        match self {
            Self::MilestoneDue => "ms due",
            Self::MilestoneMissed => "ms late",
            Self::Overdue => "overdue",
            Self::NothingToCollect => "nothing",
            Self::CannotBePriced => "no price",
        }
    }
}

/// What a time-and-materials item that still collects warns of about its amount: nothing to
/// collect (amount 0), or time it cannot price (`cannot_price`: the store keeps why). Lists
/// show it before the dates' warnings: such an item cannot be invoiced at all.
pub fn collect_warning(
    rule: BillingRule,
    status: RevenueStatus,
    amount: Decimal,
    cannot_price: bool,
) -> Option<Warning> {
    if !collects(rule, status) {
        return None;
    }
    if cannot_price {
        Some(Warning::CannotBePriced)
    } else if amount.is_zero() {
        Some(Warning::NothingToCollect)
    } else {
        None
    }
}

/// The warning for an item, if any. `milestone_reached` is `None` for items without one.
pub fn item_warning(
    status: RevenueStatus,
    planned: NaiveDate,
    milestone_reached: Option<bool>,
    today: NaiveDate,
) -> Option<Warning> {
    if matches!(status, RevenueStatus::Invoiced | RevenueStatus::Rejected) {
        return None;
    }
    if milestone_reached == Some(false) {
        return milestone_warning(planned, false, today);
    }
    let days = (planned - today).num_days();
    if days < 0 && matches!(status, RevenueStatus::Open | RevenueStatus::Billable) {
        return Some(Warning::Overdue);
    }
    None
}

/// The warning for a milestone (or an item waiting for one) dated `date`: due within 14
/// days, or missed once the date passed; none once reached.
pub fn milestone_warning(date: NaiveDate, reached: bool, today: NaiveDate) -> Option<Warning> {
    if reached {
        return None;
    }
    let days = (date - today).num_days();
    if days < 0 {
        Some(Warning::MilestoneMissed)
    } else if days <= DUE_WITHIN_DAYS {
        Some(Warning::MilestoneDue)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RevenueStatus::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    #[test]
    fn milestone_warnings() {
        let today = day(10);
        assert_eq!(
            item_warning(Open, day(9), Some(false), today),
            Some(Warning::MilestoneMissed)
        );
        assert_eq!(
            item_warning(Open, day(10), Some(false), today),
            Some(Warning::MilestoneDue)
        );
        assert_eq!(
            item_warning(Open, day(24), Some(false), today),
            Some(Warning::MilestoneDue)
        );
        assert_eq!(item_warning(Open, day(25), Some(false), today), None);
        // Reached: an ordinary item again.
        assert_eq!(
            item_warning(Billable, day(9), Some(true), today),
            Some(Warning::Overdue)
        );
    }

    #[test]
    fn a_milestone_warns_until_reached() {
        let today = day(10);
        assert_eq!(
            milestone_warning(day(9), false, today),
            Some(Warning::MilestoneMissed)
        );
        assert_eq!(
            milestone_warning(day(24), false, today),
            Some(Warning::MilestoneDue)
        );
        assert_eq!(milestone_warning(day(25), false, today), None);
        assert_eq!(milestone_warning(day(9), true, today), None);
    }

    #[test]
    fn time_and_materials_with_nothing_to_collect_or_no_price() {
        use crate::domain::test_support::d;
        let tm = BillingRule::TimeAndMaterials;
        assert_eq!(
            collect_warning(tm, Billable, d("0"), false),
            Some(Warning::NothingToCollect)
        );
        assert_eq!(
            collect_warning(tm, Open, d("0"), true),
            Some(Warning::CannotBePriced)
        );
        assert_eq!(collect_warning(tm, Billable, d("0.01"), false), None);
        // Collected already, rejected, or not time and materials: nothing to say.
        assert_eq!(collect_warning(tm, DraftInvoice, d("0"), false), None);
        assert_eq!(collect_warning(tm, Rejected, d("0"), false), None);
        assert_eq!(
            collect_warning(BillingRule::Fixed, Billable, d("0"), false),
            None
        );
        for w in [Warning::NothingToCollect, Warning::CannotBePriced] {
            assert!(w.short().len() <= 8, "{w:?} fits the narrow column");
        }
    }

    #[test]
    fn overdue_only_while_waiting_for_invoicing() {
        let today = day(10);
        assert_eq!(
            item_warning(Billable, day(9), None, today),
            Some(Warning::Overdue)
        );
        assert_eq!(
            item_warning(Open, day(9), None, today),
            Some(Warning::Overdue)
        );
        assert_eq!(item_warning(DraftInvoice, day(9), None, today), None);
        assert_eq!(item_warning(Invoiced, day(1), Some(false), today), None);
        assert_eq!(item_warning(Rejected, day(1), None, today), None);
        assert_eq!(item_warning(Billable, day(10), None, today), None);
    }
}
