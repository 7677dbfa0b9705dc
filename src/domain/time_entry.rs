//! Time reports and expenses as they are created, edited or imported, and when they may
//! change: never once a time-and-materials item has collected them for an invoice.

use super::master_field::{self as mf, Checked, FieldText, MasterField, some};
use super::revenue_status::RevenueStatus;
use super::{Currency, DomainError};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A time report's fields, new or edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeReportInput {
    /// The report's key in the system it comes from; `None` leaves a stored key as it is.
    pub ext_key: Option<String>,
    pub project_id: i64,
    pub person: String,
    pub role: String,
    pub work_date: NaiveDate,
    pub hours: Decimal,
    pub billable: bool,
    pub description: String,
}

impl TimeReportInput {
    /// The input trimmed, its hours normalized, or the first field a rule refuses.
    pub fn checked(&self) -> Checked<TimeReportInput> {
        Ok(TimeReportInput {
            ext_key: mf::ext_key(self.ext_key.as_deref())?,
            project_id: self.project_id,
            person: mf::required(MasterField::Person, &self.person)?,
            role: mf::required(MasterField::Role, &self.role)?,
            work_date: self.work_date,
            hours: mf::hours(self.hours)?,
            billable: self.billable,
            description: mf::text(MasterField::Description, &self.description)?,
        })
    }

    /// Its fields as the change history records them.
    pub fn fields(&self) -> Vec<FieldText> {
        use MasterField::*;
        vec![
            (ExtKey, self.ext_key.clone()),
            (Project, some(self.project_id)),
            (Person, some(&self.person)),
            (Role, some(&self.role)),
            (WorkDate, some(self.work_date)),
            (Hours, some(self.hours.normalize())),
            (Billable, some(self.billable)),
            (Description, some(&self.description)),
        ]
    }
}

/// An expense's fields, new or edited; its amount is in its project's currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpenseInput {
    /// The expense's key in the system it comes from; `None` leaves a stored key as it is.
    pub ext_key: Option<String>,
    pub project_id: i64,
    pub expense_date: NaiveDate,
    pub description: String,
    pub amount: Decimal,
    pub billable: bool,
}

impl ExpenseInput {
    /// The input trimmed, its amount normalized, or the first field a rule refuses. The
    /// amount is zero or more, below the amount limit, with at most `currency`'s decimals.
    pub fn checked(&self, currency: Currency) -> Checked<ExpenseInput> {
        Ok(ExpenseInput {
            ext_key: mf::ext_key(self.ext_key.as_deref())?,
            project_id: self.project_id,
            expense_date: self.expense_date,
            description: mf::required(MasterField::Description, &self.description)?,
            amount: mf::amount(MasterField::Amount, self.amount, currency)?,
            billable: self.billable,
        })
    }

    /// Its fields as the change history records them.
    pub fn fields(&self) -> Vec<FieldText> {
        use MasterField::*;
        vec![
            (ExtKey, self.ext_key.clone()),
            (Project, some(self.project_id)),
            (ExpenseDate, some(self.expense_date)),
            (Description, some(&self.description)),
            (Amount, some(self.amount.normalize())),
            (Billable, some(self.billable)),
        ]
    }
}

/// Whether a time report or expense (`what`) may change or go: not while a revenue item has
/// collected it (`collected_by`: the item and its status), which happens when the item goes on
/// a draft invoice; deleting the draft, or crediting the invoice in full and billing the item
/// again, gives it back.
pub fn check_change(
    what: &str,
    collected_by: Option<(i64, RevenueStatus)>,
) -> Result<(), DomainError> {
    match collected_by {
        None => Ok(()),
        Some((item, status)) => Err(DomainError::new(format!(
            "the {what} is collected by revenue item {item}, which is {}: it cannot change \
             (delete the draft, or credit the invoice, first)",
            status.label()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Makes one field of a sound input wrong.
    type Spoil<T> = fn(&mut T);
    use crate::domain::test_support::d;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
    }

    fn report() -> TimeReportInput {
        TimeReportInput {
            ext_key: Some("T-1".into()),
            project_id: 1,
            person: " ann ".into(),
            role: "dev".into(),
            work_date: day(),
            hours: d("7.50"),
            billable: true,
            description: "Workshop\nand notes".into(),
        }
    }

    fn expense() -> ExpenseInput {
        ExpenseInput {
            ext_key: None,
            project_id: 1,
            expense_date: day(),
            description: "Train".into(),
            amount: d("123.40"),
            billable: true,
        }
    }

    #[test]
    fn time_reports_are_checked() {
        let t = report().checked().unwrap();
        assert_eq!((t.person.as_str(), t.hours), ("ann", d("7.5")));
        assert!(
            t.fields()
                .contains(&(MasterField::Hours, Some("7.5".into())))
        );
        let cases: [(Spoil<TimeReportInput>, MasterField); 4] = [
            (|t| t.person = String::new(), MasterField::Person),
            (|t| t.role = " ".into(), MasterField::Role),
            (|t| t.hours = d("25"), MasterField::Hours),
            (|t| t.hours = d("-0.5"), MasterField::Hours),
        ];
        for (spoil, field) in cases {
            let mut t = report();
            spoil(&mut t);
            assert_eq!(t.checked().unwrap_err().field, field);
        }
    }

    #[test]
    fn expenses_are_checked_in_their_currency() {
        let e = expense().checked(Currency::EUR).unwrap();
        assert_eq!(e.amount, d("123.4"));
        let yen: Currency = "JPY".parse().unwrap();
        let err = expense().checked(yen).unwrap_err();
        assert_eq!(
            (err.field, err.message.as_str()),
            (MasterField::Amount, "123.4: JPY has no decimals")
        );
        let mut bad = expense();
        bad.description = String::new();
        assert_eq!(
            bad.checked(Currency::EUR).unwrap_err().field,
            MasterField::Description
        );
        bad = expense();
        bad.amount = d("-5");
        assert_eq!(
            bad.checked(Currency::EUR).unwrap_err().field,
            MasterField::Amount
        );
    }

    #[test]
    fn collected_entries_do_not_change() {
        assert!(check_change("time report", None).is_ok());
        assert_eq!(
            check_change("time report", Some((7, RevenueStatus::DraftInvoice)))
                .unwrap_err()
                .0,
            "the time report is collected by revenue item 7, which is draft invoice: it cannot \
             change (delete the draft, or credit the invoice, first)"
        );
        assert!(check_change("expense", Some((7, RevenueStatus::Invoiced))).is_err());
    }
}
