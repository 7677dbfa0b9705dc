//! Billing plans: a project's billing as dated parts (percentages of a total, or amounts),
//! typed in or taken from a template whose dates are offsets from the project start.

use super::split::split_by_percentages;
use super::{Currency, DomainError};
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

/// One part of a template: a share of the total, so many days after the project start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplatePart {
    pub label: String,
    pub percent: Decimal,
    pub offset_days: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Share {
    Percent(Decimal),
    Amount(Decimal),
}

/// One dated part of a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanPart {
    pub label: String,
    pub share: Share,
    pub date: NaiveDate,
    /// Days after the project start, for dates that follow it.
    pub offset_days: Option<i64>,
    /// A date the user set: moving the project start leaves it alone.
    pub date_set_by_hand: bool,
}

fn offset(start: NaiveDate, days: i64) -> Result<NaiveDate, DomainError> {
    let d = if days >= 0 {
        start.checked_add_days(Days::new(days as u64))
    } else {
        start.checked_sub_days(Days::new(days.unsigned_abs()))
    };
    d.ok_or_else(|| DomainError::new(format!("{days} days from {start} is not a date")))
}

/// The parts of a template for a project starting on `start`.
pub fn from_template(
    template: &[TemplatePart],
    start: NaiveDate,
) -> Result<Vec<PlanPart>, DomainError> {
    template
        .iter()
        .map(|t| {
            Ok(PlanPart {
                label: t.label.clone(),
                share: Share::Percent(t.percent),
                date: offset(start, t.offset_days)?,
                offset_days: Some(t.offset_days),
                date_set_by_hand: false,
            })
        })
        .collect()
}

/// The project start moved: dates that follow it move, dates set by hand stay.
pub fn move_start(parts: &mut [PlanPart], new_start: NaiveDate) -> Result<(), DomainError> {
    for p in parts.iter_mut() {
        if let (Some(days), false) = (p.offset_days, p.date_set_by_hand) {
            p.date = offset(new_start, days)?;
        }
    }
    Ok(())
}

/// The user set a part's date.
pub fn set_date(part: &mut PlanPart, date: NaiveDate) {
    part.date = date;
    part.date_set_by_hand = true;
}

/// The amount of each part: percentages split the total with cumulative rounding (they must
/// total 100%); amounts must total the plan's total. A plan is all percentages or all amounts.
pub fn amounts(
    parts: &[PlanPart],
    total: Decimal,
    currency: Currency,
) -> Result<Vec<Decimal>, DomainError> {
    if parts.is_empty() {
        return Err(DomainError::new("a plan needs at least one part"));
    }
    let percents: Option<Vec<Decimal>> = parts
        .iter()
        .map(|p| match p.share {
            Share::Percent(x) => Some(x),
            Share::Amount(_) => None,
        })
        .collect();
    if let Some(percents) = percents {
        if percents
            .iter()
            .any(|p| p.is_sign_negative() && !p.is_zero())
        {
            return Err(DomainError::new("a part cannot be negative"));
        }
        return split_by_percentages(total, &percents, currency);
    }
    let amounts: Option<Vec<Decimal>> = parts
        .iter()
        .map(|p| match p.share {
            Share::Amount(x) => Some(currency.round(x)),
            Share::Percent(_) => None,
        })
        .collect();
    let amounts = amounts
        .ok_or_else(|| DomainError::new("a plan is in percentages or in amounts, not both"))?;
    if amounts.iter().any(|a| a.is_sign_negative() && !a.is_zero()) {
        return Err(DomainError::new("a part cannot be negative"));
    }
    let sum: Decimal = amounts.iter().copied().sum();
    if sum != currency.round(total) {
        return Err(DomainError::new(format!(
            "the parts total {sum}, not the plan's {}",
            currency.round(total)
        )));
    }
    Ok(amounts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::d;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    fn template() -> Vec<TemplatePart> {
        vec![
            TemplatePart {
                label: "Kick-off".into(),
                percent: d("30"),
                offset_days: 0,
            },
            TemplatePart {
                label: "Delivery".into(),
                percent: d("50"),
                offset_days: 90,
            },
            TemplatePart {
                label: "Acceptance".into(),
                percent: d("20"),
                offset_days: 120,
            },
        ]
    }

    #[test]
    fn dates_follow_the_start_unless_set_by_hand() {
        let mut parts = from_template(&template(), day(2026, 1, 15)).unwrap();
        assert_eq!(parts[1].date, day(2026, 4, 15));
        set_date(&mut parts[2], day(2026, 6, 30));
        move_start(&mut parts, day(2026, 2, 1)).unwrap();
        assert_eq!(parts[0].date, day(2026, 2, 1));
        assert_eq!(parts[1].date, day(2026, 5, 2));
        assert_eq!(parts[2].date, day(2026, 6, 30), "set by hand: stays");
    }

    #[test]
    fn percentages_split_with_cumulative_rounding() {
        let parts = from_template(&template(), day(2026, 1, 1)).unwrap();
        let a = amounts(&parts, d("145.05"), Currency::EUR).unwrap();
        assert_eq!(a, [d("43.52"), d("72.52"), d("29.01")]);
        assert_eq!(a.iter().copied().sum::<Decimal>(), d("145.05"));
        let mut bad = parts.clone();
        bad[2].share = Share::Percent(d("10"));
        assert!(
            amounts(&bad, d("100"), Currency::EUR)
                .unwrap_err()
                .0
                .contains("not 100%")
        );
        bad[2].share = Share::Amount(d("10"));
        assert!(
            amounts(&bad, d("100"), Currency::EUR)
                .unwrap_err()
                .0
                .contains("not both")
        );
    }

    #[test]
    fn amount_plans_total_the_plan() {
        let part = |a: &str| PlanPart {
            label: "x".into(),
            share: Share::Amount(d(a)),
            date: day(2026, 1, 1),
            offset_days: None,
            date_set_by_hand: true,
        };
        assert!(amounts(&[part("60"), part("40")], d("100"), Currency::EUR).is_ok());
        assert!(amounts(&[part("60"), part("39.99")], d("100"), Currency::EUR).is_err());
        assert!(amounts(&[], d("100"), Currency::EUR).is_err());
    }

    proptest! {
        /// Parts from any percentages that total 100 add up to the total to the cent.
        #[test]
        fn parts_total_the_plan(total in 0i64..10_000_000_000, weights in prop::collection::vec(1u32..500, 1..10)) {
            let total = Decimal::new(total, 2);
            let sum: u32 = weights.iter().sum();
            let mut percents: Vec<Decimal> = weights.iter().map(|w| (Decimal::from(*w) * Decimal::ONE_HUNDRED / Decimal::from(sum)).round_dp(6)).collect();
            let drift = Decimal::ONE_HUNDRED - percents.iter().copied().sum::<Decimal>();
            *percents.last_mut().unwrap() += drift;
            let template: Vec<TemplatePart> = percents.iter().enumerate().map(|(i, p)| TemplatePart { label: format!("{i}"), percent: *p, offset_days: 30 * i as i64 }).collect();
            let parts = from_template(&template, day(2026, 3, 31)).unwrap();
            let a = amounts(&parts, total, Currency::EUR).unwrap();
            prop_assert_eq!(a.iter().copied().sum::<Decimal>(), total);
            prop_assert!(a.iter().all(|x| *x >= Decimal::ZERO));
        }
    }
}
