//! Which hourly rate prices a time report.

use super::DomainError;
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
}
