//! Which hourly rate prices a time report.

use super::DomainError;
use super::master_field::{self as mf, Checked, MasterField, MasterFieldError};
use rust_decimal::Decimal;

/// An hourly rate for a role, optionally for one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rate {
    pub role: String,
    pub person: Option<String>,
    pub rate: Decimal,
}

fn find<'a>(rates: &'a [Rate], role: &str, person: &str) -> Option<&'a Rate> {
    rates
        .iter()
        .find(|r| r.role == role && r.person.as_deref() == Some(person))
        .or_else(|| rates.iter().find(|r| r.role == role && r.person.is_none()))
}

/// The rate of one time report: the item's unit price if it has one, else the project's own
/// rates, else its price list; within each, a person's rate before the role's.
pub fn resolve_rate(
    item_unit_price: Option<Decimal>,
    project_rates: &[Rate],
    price_list: &[Rate],
    role: &str,
    person: &str,
) -> Result<Decimal, DomainError> {
    if let Some(price) = item_unit_price {
        return Ok(price);
    }
    find(project_rates, role, person)
        .or_else(|| find(price_list, role, person))
        .map(|r| r.rate)
        .ok_or_else(|| {
            DomainError::new(format!(
                "no rate for role {role:?} ({person}): set a unit price or a price list rate"
            ))
        })
}

/// A price list's or a project's rates, checked (a role on each, a person's name or none, a
/// rate from zero below the amount limit with at most 6 decimals, one rate per role and person)
/// and in their stored order: by role, the role's own rate before its people's.
pub fn check_rates(rates: &[Rate]) -> Checked<Vec<Rate>> {
    let field = MasterField::Rates;
    let mut out = Vec::with_capacity(rates.len());
    for r in rates {
        let role = mf::required(MasterField::Role, &r.role)
            .map_err(|e| MasterFieldError::new(field, format!("a rate: {}", e.message)))?;
        let person = match r.person.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(p) => Some(mf::required(MasterField::Person, p).map_err(|e| {
                MasterFieldError::new(field, format!("the rate of {role}: {}", e.message))
            })?),
        };
        let rate = mf::rate(field, r.rate)?;
        out.push(Rate { role, person, rate });
    }
    out.sort_by(|a, b| (&a.role, &a.person).cmp(&(&b.role, &b.person)));
    if let Some(w) = out
        .windows(2)
        .find(|w| (&w[0].role, &w[0].person) == (&w[1].role, &w[1].person))
    {
        return Err(MasterFieldError::new(
            field,
            format!("two rates for {}", who(&w[0])),
        ));
    }
    Ok(out)
}

fn who(r: &Rate) -> String {
    match &r.person {
        Some(p) => format!("{}/{p}", r.role),
        None => r.role.clone(),
    }
}

/// Rates as the change history records them: `dev 100; dev/bob 110; pm 120`.
pub fn rates_text(rates: &[Rate]) -> String {
    rates
        .iter()
        .map(|r| format!("{} {}", who(r), r.rate.normalize()))
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::d;

    fn rate(role: &str, person: Option<&str>, r: &str) -> Rate {
        Rate {
            role: role.into(),
            person: person.map(Into::into),
            rate: d(r),
        }
    }

    #[test]
    fn precedence() {
        let list = [rate("dev", None, "100"), rate("dev", Some("ann"), "110")];
        let project = [rate("dev", None, "90")];
        assert_eq!(
            resolve_rate(Some(d("80")), &project, &list, "dev", "ann").unwrap(),
            d("80")
        );
        assert_eq!(
            resolve_rate(None, &project, &list, "dev", "ann").unwrap(),
            d("90")
        );
        assert_eq!(
            resolve_rate(None, &[], &list, "dev", "ann").unwrap(),
            d("110")
        );
        assert_eq!(
            resolve_rate(None, &[], &list, "dev", "bob").unwrap(),
            d("100")
        );
        assert!(resolve_rate(None, &[], &list, "pm", "bob").is_err());
    }

    #[test]
    fn rates_are_checked_and_ordered() {
        let rates = check_rates(&[
            rate(" pm ", None, "120.00"),
            rate("dev", Some("bob"), "110"),
            rate("dev", Some(" "), "100"),
        ])
        .unwrap();
        assert_eq!(rates_text(&rates), "dev 100; dev/bob 110; pm 120");
        assert_eq!(rates[0].person, None);
        let refused = |rates: &[Rate]| {
            let e = check_rates(rates).unwrap_err();
            assert_eq!(e.field, MasterField::Rates);
            e.message
        };
        assert_eq!(
            refused(&[rate("dev", None, "1"), rate("dev", None, "2")]),
            "two rates for dev"
        );
        assert_eq!(
            refused(&[rate(" ", None, "1")]),
            "a rate: the role cannot be empty"
        );
        assert_eq!(
            refused(&[rate("dev", None, "-1")]),
            "a rate cannot be negative (-1)"
        );
        assert!(check_rates(&[rate("dev", None, "0.0000001")]).is_err());
        assert!(check_rates(&[]).unwrap().is_empty());
    }
}
