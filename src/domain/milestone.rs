//! A milestone as it is created, edited or imported (what may change once it is reached),
//! and what reaching, reopening or moving it does to the revenue items linked to it.

use super::DomainError;
use super::dates;
use super::master_field::{self as mf, Checked, FieldText, MasterField, MasterFieldError, some};
use super::revenue_status::RevenueStatus;
use chrono::NaiveDate;

/// A milestone's fields, new or edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneInput {
    /// The milestone's key in the system it comes from (unique within its project); `None`
    /// leaves a stored key as it is.
    pub ext_key: Option<String>,
    /// The project it belongs to, for good.
    pub project_id: i64,
    pub code: String,
    pub name: String,
    pub due_date: NaiveDate,
    /// Created already reached (imports, demo data), at this RFC 3339 timestamp; an edit
    /// leaves whether it is reached alone (reaching releases items: `set_milestone_reached`).
    pub reached_at: Option<String>,
}

impl MilestoneInput {
    /// The input trimmed, or the first field a rule refuses.
    pub fn checked(&self) -> Checked<MilestoneInput> {
        Ok(MilestoneInput {
            ext_key: mf::ext_key(self.ext_key.as_deref())?,
            project_id: self.project_id,
            code: mf::required(MasterField::Code, &self.code)?,
            name: mf::required(MasterField::Name, &self.name)?,
            due_date: self.due_date,
            reached_at: self.reached_at.clone(),
        })
    }

    /// The fields an edit changes, as the change history records them.
    pub fn fields(&self) -> Vec<FieldText> {
        vec![
            (MasterField::ExtKey, self.ext_key.clone()),
            (MasterField::Code, some(&self.code)),
            (MasterField::Name, some(&self.name)),
            (MasterField::DueDate, some(self.due_date)),
        ]
    }
}

/// What may change of a milestone: once reached (its items released, maybe invoiced), its code
/// and due date stay; its name and key may still change.
pub fn check_edit(code: &str, reached: bool, changed: &[MasterField]) -> Checked<()> {
    if !reached {
        return Ok(());
    }
    match changed
        .iter()
        .find(|f| matches!(f, MasterField::Code | MasterField::DueDate))
    {
        Some(&field) => Err(MasterFieldError::new(
            field,
            format!("milestone {code} is reached: its {field} stays (reopen it first)"),
        )),
        None => Ok(()),
    }
}

/// A milestone is deleted only while nothing refers to it: no revenue item, no contract line.
pub fn check_delete(code: &str, items: i64, contract_lines: i64) -> Result<(), DomainError> {
    let what = match (items, contract_lines) {
        (0, 0) => return Ok(()),
        (n, _) if n > 0 => format!("{n} revenue item{}", if n == 1 { "" } else { "s" }),
        (_, n) => format!("{n} contract line{}", if n == 1 { "" } else { "s" }),
    };
    Err(DomainError::new(format!(
        "milestone {code} has {what}: it cannot be deleted"
    )))
}

/// Whether a linked item's planned invoice date moves with its milestone's due date: open and
/// billable items move (items on an invoice, rejected ones stay).
pub fn moves_with_due_date(status: RevenueStatus) -> bool {
    matches!(status, RevenueStatus::Open | RevenueStatus::Billable)
}

/// A linked item's planned invoice date after its milestone's due date moved from `old` to
/// `new`: moved by as many days, so that an item planned some days after the milestone stays
/// as many days after it.
pub fn moved_date(
    planned: NaiveDate,
    old: NaiveDate,
    new: NaiveDate,
) -> Result<NaiveDate, DomainError> {
    let days = (new - old).num_days();
    dates::add_days(planned, days).map_err(|e| {
        DomainError::new(format!(
            "an item's planned date moved with its milestone, {}",
            e.0
        ))
    })
}

/// The status of an item made billable by the work that makes it (a validated progress
/// period): billable, unless it waits, open, for a milestone that is not reached
/// (`milestone_reached` is `None` for an item without a milestone). Reaching the milestone
/// releases it as it releases every open item of the milestone (`on_reached`).
pub fn billable_unless_waiting(milestone_reached: Option<bool>) -> RevenueStatus {
    match milestone_reached {
        Some(false) => RevenueStatus::Open,
        Some(true) | None => RevenueStatus::Billable,
    }
}

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

    #[test]
    fn an_item_made_billable_waits_for_a_milestone_not_reached() {
        assert_eq!(billable_unless_waiting(None), Billable);
        assert_eq!(billable_unless_waiting(Some(true)), Billable);
        assert_eq!(billable_unless_waiting(Some(false)), Open);
    }

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    #[test]
    fn a_milestone_is_checked_trimmed() {
        let m = MilestoneInput {
            ext_key: None,
            project_id: 1,
            code: " M1 ".into(),
            name: "Go-live".into(),
            due_date: day(3, 20),
            reached_at: None,
        };
        assert_eq!(m.checked().unwrap().code, "M1");
        let mut bad = m.clone();
        bad.name = " ".into();
        assert_eq!(bad.checked().unwrap_err().field, MasterField::Name);
        bad = m;
        bad.code = String::new();
        assert_eq!(bad.checked().unwrap_err().field, MasterField::Code);
    }

    #[test]
    fn a_reached_milestone_keeps_its_code_and_due_date() {
        use MasterField::{Code, DueDate, ExtKey, Name};
        assert!(check_edit("M1", false, &[Code, DueDate]).is_ok());
        assert!(check_edit("M1", true, &[Name, ExtKey]).is_ok());
        let e = check_edit("M1", true, &[Name, DueDate]).unwrap_err();
        assert_eq!(
            (e.field, e.message.as_str()),
            (
                DueDate,
                "milestone M1 is reached: its due date stays (reopen it first)"
            )
        );
        assert_eq!(check_edit("M1", true, &[Code]).unwrap_err().field, Code);
    }

    #[test]
    fn deleting_and_moving() {
        assert!(check_delete("M1", 0, 0).is_ok());
        assert_eq!(
            check_delete("M1", 2, 1).unwrap_err().0,
            "milestone M1 has 2 revenue items: it cannot be deleted"
        );
        assert_eq!(
            check_delete("M1", 0, 1).unwrap_err().0,
            "milestone M1 has 1 contract line: it cannot be deleted"
        );
        assert!(moves_with_due_date(Open) && moves_with_due_date(Billable));
        for s in [DraftInvoice, Invoiced, Rejected] {
            assert!(!moves_with_due_date(s));
        }
        assert_eq!(
            moved_date(day(3, 25), day(3, 20), day(4, 10)).unwrap(),
            day(4, 15)
        );
        // Issue "Records that hold": a moved item stays within the dates finctl keeps.
        let late = NaiveDate::from_ymd_opt(2100, 12, 20).unwrap();
        assert_eq!(
            moved_date(late, day(3, 20), day(4, 10)).unwrap_err().0,
            "an item's planned date moved with its milestone, 2101-01-10 (2100-12-20 + 21 days) \
             is outside 1970-01-01 to 2100-12-31"
        );
        assert_eq!(
            moved_date(day(3, 20), day(3, 20), day(3, 1)).unwrap(),
            day(3, 1)
        );
    }
}
