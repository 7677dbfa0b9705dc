//! A project as it is created, edited or imported: the check of its fields, and what may
//! change once money is recorded in its currency or billed to its account.

use super::master_field::{self as mf, Checked, FieldText, MasterField, MasterFieldError, some};
use super::project::ProjectStatus;
use super::rates::{Rate, check_rates, rates_text};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A project's fields, new or edited. Text is trimmed by [`ProjectInput::checked`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectInput {
    /// The project's key in the system it comes from; `None` leaves a stored key as it is.
    pub ext_key: Option<String>,
    pub code: String,
    pub name: String,
    pub account_id: i64,
    /// The currency it bills in; `None`: its account's (new), or the stored one (edit).
    pub currency: Option<String>,
    /// The operating-system user who manages it (edits its milestones and progress); may be
    /// empty.
    pub manager: String,
    /// `planned`, `launched` or `closed`.
    pub status: String,
    pub start_date: Option<NaiveDate>,
    pub estimated_progress: Decimal,
    pub price_list_id: Option<i64>,
    pub business_unit: String,
    /// Its own rates, which override its price list's.
    pub rates: Vec<Rate>,
}

impl ProjectInput {
    /// The input with its text trimmed, its currency and status in their stored spelling and
    /// its rates in their stored order, or the first field a rule refuses.
    pub fn checked(&self) -> Checked<ProjectInput> {
        Ok(ProjectInput {
            ext_key: mf::ext_key(self.ext_key.as_deref())?,
            code: mf::required(MasterField::Code, &self.code)?,
            name: mf::required(MasterField::Name, &self.name)?,
            account_id: self.account_id,
            currency: self
                .currency
                .as_deref()
                .map(|c| mf::currency(c).map(|c| c.code().to_string()))
                .transpose()?,
            manager: mf::line(MasterField::Manager, &self.manager)?,
            status: self.status()?.as_str().to_string(),
            start_date: self.start_date,
            estimated_progress: mf::percent(
                MasterField::EstimatedProgress,
                self.estimated_progress,
            )?,
            price_list_id: self.price_list_id,
            business_unit: mf::line(MasterField::BusinessUnit, &self.business_unit)?,
            rates: check_rates(&self.rates)?,
        })
    }

    pub fn status(&self) -> Checked<ProjectStatus> {
        self.status
            .trim()
            .parse()
            .map_err(|e| MasterFieldError::of(MasterField::Status, e))
    }

    /// Its fields as the change history records them, in the form's order.
    pub fn fields(&self) -> Vec<FieldText> {
        use MasterField::*;
        vec![
            (ExtKey, self.ext_key.clone()),
            (Code, some(&self.code)),
            (Name, some(&self.name)),
            (Account, some(self.account_id)),
            (Currency, self.currency.clone()),
            (Manager, some(&self.manager)),
            (Status, some(&self.status)),
            (StartDate, self.start_date.map(|d| d.to_string())),
            (EstimatedProgress, some(self.estimated_progress.normalize())),
            (PriceList, self.price_list_id.map(|p| p.to_string())),
            (BusinessUnit, some(&self.business_unit)),
            (Rates, some(rates_text(&self.rates))),
        ]
    }
}

/// What a project holds that is priced in its currency or billed to its account.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProjectFacts {
    /// Lines of invoices and credit notes, drafts too.
    pub invoice_lines: i64,
    pub revenue_items: i64,
    pub expenses: i64,
    pub contract_lines: i64,
    pub billing_plans: i64,
    pub adjustments: i64,
}

impl ProjectFacts {
    /// What holds figures in the project's currency, first what matters most.
    fn priced(&self) -> Option<&'static str> {
        [
            (self.invoice_lines, "invoices"),
            (self.revenue_items, "revenue items"),
            (self.expenses, "expenses"),
            (self.contract_lines, "contract lines"),
            (self.billing_plans, "a billing plan"),
            (self.adjustments, "revenue adjustments"),
        ]
        .into_iter()
        .find(|(n, _)| *n > 0)
        .map(|(_, what)| what)
    }
}

/// A project's currency changes only while nothing holds figures in it: its invoices, items,
/// expenses, contract lines, billing plan and adjustments are all stored in it.
pub fn check_currency_change(code: &str, from: &str, facts: &ProjectFacts) -> Checked<()> {
    match facts.priced() {
        Some(what) => Err(MasterFieldError::new(
            MasterField::Currency,
            format!("project {code} has {what}: its currency stays {from}"),
        )),
        None => Ok(()),
    }
}

/// A project's account changes only while it has no invoices and no revenue items (which are
/// billed to the account).
pub fn check_account_change(code: &str, facts: &ProjectFacts) -> Checked<()> {
    let what = match (facts.invoice_lines, facts.revenue_items) {
        (0, 0) => return Ok(()),
        (0, _) => "revenue items",
        _ => "invoices",
    };
    Err(MasterFieldError::new(
        MasterField::Account,
        format!("project {code} has {what} billed to its account: its account stays"),
    ))
}

/// A project's price list is in the project's currency (its rates price the project's time).
pub fn check_price_list(list: &str, list_currency: &str, project_currency: &str) -> Checked<()> {
    if list_currency == project_currency {
        return Ok(());
    }
    Err(MasterFieldError::new(
        MasterField::PriceList,
        format!("price list {list} is in {list_currency}: the project bills in {project_currency}"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Makes one field of a sound input wrong.
    type Spoil<T> = fn(&mut T);
    use crate::domain::test_support::d;

    fn p1() -> ProjectInput {
        ProjectInput {
            ext_key: None,
            code: " P1 ".into(),
            name: "Rollout".into(),
            account_id: 1,
            currency: Some("eur".into()),
            manager: "mia".into(),
            status: "launched".into(),
            start_date: None,
            estimated_progress: d("12.50"),
            price_list_id: None,
            business_unit: String::new(),
            rates: vec![Rate {
                role: "pm".into(),
                person: None,
                rate: d("90.00"),
            }],
        }
    }

    #[test]
    fn a_sound_project_comes_back_in_its_stored_form() {
        let p = p1().checked().unwrap();
        assert_eq!(p.code, "P1");
        assert_eq!(p.currency.as_deref(), Some("EUR"));
        assert_eq!(p.estimated_progress, d("12.5"));
        let fields = p.fields();
        assert!(fields.contains(&(MasterField::Rates, Some("pm 90".into()))));
        assert!(fields.contains(&(MasterField::EstimatedProgress, Some("12.5".into()))));
        assert_eq!(p.checked().unwrap(), p);
    }

    #[test]
    fn each_refusal_names_its_field() {
        let cases: [(Spoil<ProjectInput>, MasterField); 6] = [
            (|p| p.code = String::new(), MasterField::Code),
            (|p| p.name = "\t".into(), MasterField::Name),
            (|p| p.currency = Some("EURO".into()), MasterField::Currency),
            (|p| p.status = "started".into(), MasterField::Status),
            (
                |p| p.estimated_progress = d("101"),
                MasterField::EstimatedProgress,
            ),
            (|p| p.rates[0].rate = d("-90"), MasterField::Rates),
        ];
        for (spoil, field) in cases {
            let mut p = p1();
            spoil(&mut p);
            assert_eq!(p.checked().unwrap_err().field, field);
        }
    }

    #[test]
    fn the_currency_stays_once_figures_are_in_it() {
        let none = ProjectFacts::default();
        assert!(check_currency_change("P1", "EUR", &none).is_ok());
        let invoiced = ProjectFacts {
            invoice_lines: 1,
            revenue_items: 3,
            ..none
        };
        let e = check_currency_change("P1", "EUR", &invoiced).unwrap_err();
        assert_eq!(
            (e.field, e.message.as_str()),
            (
                MasterField::Currency,
                "project P1 has invoices: its currency stays EUR"
            )
        );
        let spent = ProjectFacts {
            expenses: 2,
            ..none
        };
        assert_eq!(
            check_currency_change("P1", "EUR", &spent)
                .unwrap_err()
                .message,
            "project P1 has expenses: its currency stays EUR"
        );
        let adjusted = ProjectFacts {
            adjustments: 1,
            ..none
        };
        assert!(check_currency_change("P1", "EUR", &adjusted).is_err());
    }

    #[test]
    fn the_account_stays_once_items_are_billed_to_it() {
        assert!(check_account_change("P1", &ProjectFacts::default()).is_ok());
        let facts = ProjectFacts {
            expenses: 4,
            ..Default::default()
        };
        assert!(check_account_change("P1", &facts).is_ok());
        let items = ProjectFacts {
            revenue_items: 1,
            ..Default::default()
        };
        let e = check_account_change("P1", &items).unwrap_err();
        assert_eq!(
            (e.field, e.message.as_str()),
            (
                MasterField::Account,
                "project P1 has revenue items billed to its account: its account stays"
            )
        );
    }

    #[test]
    fn the_price_list_is_in_the_project_currency() {
        assert!(check_price_list("Standard", "EUR", "EUR").is_ok());
        let e = check_price_list("Standard USD", "USD", "EUR").unwrap_err();
        assert_eq!(
            (e.field, e.message.as_str()),
            (
                MasterField::PriceList,
                "price list Standard USD is in USD: the project bills in EUR"
            )
        );
    }
}
