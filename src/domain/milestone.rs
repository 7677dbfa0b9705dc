//! What reaching or reopening a milestone does to the revenue items linked to it.

use super::DomainError;
use super::revenue_status::RevenueStatus;

/// Reaching the milestone makes its open items billable (rejected ones stay rejected, items
/// already further along stay where they are).
pub fn on_reached(status: RevenueStatus) -> Option<RevenueStatus> {
    (status == RevenueStatus::Open)
        .then_some(RevenueStatus::Open)
        .map(|_| RevenueStatus::Billable)
}

/// Reopening takes billable items back to open; an item on an invoice stays (the reopening
/// is refused for it, and said so).
pub fn on_reopened(status: RevenueStatus) -> Result<Option<RevenueStatus>, DomainError> {
    match status {
        RevenueStatus::Billable => Ok(Some(RevenueStatus::Open)),
        RevenueStatus::DraftInvoice | RevenueStatus::Invoiced => Err(DomainError::new(format!(
            "the item is {}: it stays, the milestone's other items go back to open",
            status.label()
        ))),
        RevenueStatus::Open | RevenueStatus::Rejected => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RevenueStatus::*;

    #[test]
    fn reaching_and_reopening() {
        assert_eq!(on_reached(Open), Some(Billable));
        for s in [Billable, DraftInvoice, Invoiced, Rejected] {
            assert_eq!(on_reached(s), None, "{s:?}");
        }
        assert_eq!(on_reopened(Billable).unwrap(), Some(Open));
        assert_eq!(on_reopened(Open).unwrap(), None);
        assert_eq!(on_reopened(Rejected).unwrap(), None);
        assert!(on_reopened(DraftInvoice).is_err());
        assert!(on_reopened(Invoiced).is_err());
    }
}
