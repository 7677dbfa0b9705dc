//! Billing plans: a project's billing as dated parts (percentages of a total, or amounts),
//! typed in or taken from a template whose dates are offsets from the project start.

use super::dates;
use super::money::{check_amount_range, checked_sum};
use super::percent_split::split_by_percentages;
use super::scaled::SCALE;
use super::{Currency, DomainError};
use chrono::NaiveDate;
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
    /// A date the user set: moving the project start, or the milestone, leaves it alone.
    pub date_set_by_hand: bool,
    /// The code of the project's milestone the part waits for: its item is a milestone item,
    /// released when the milestone is reached, and its date is the milestone's due date (it
    /// follows the due date unless set by hand).
    pub milestone: Option<String>,
}

fn offset(start: NaiveDate, days: i64) -> Result<NaiveDate, DomainError> {
    dates::add_days(start, days).map_err(|e| DomainError::new(format!("a part's date {}", e.0)))
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
                milestone: None,
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

/// What every part passes, in a new plan and an edited one alike: a label, at most 6 decimals
/// for a percentage (at most 100) and the currency's decimals for an amount (refused, never
/// rounded), an amount below the amount limit.
fn check_part(p: &PlanPart, currency: Currency) -> Result<(), DomainError> {
    if p.label.trim().is_empty() {
        return Err(DomainError::new("a part's label cannot be empty"));
    }
    let label = &p.label;
    let refuse = |why: String| DomainError::new(format!("the part \"{label}\": {why}"));
    match p.share {
        Share::Percent(x) if x.normalize().scale() > SCALE => {
            Err(refuse(format!("a percentage has at most {SCALE} decimals")))
        }
        Share::Percent(x) if x > Decimal::ONE_HUNDRED => {
            Err(refuse("a percentage goes up to 100%".into()))
        }
        Share::Amount(a) if a.normalize().scale() > currency.minor_digits() => {
            Err(refuse(format!(
                "{currency} allows at most {} decimals",
                currency.minor_digits()
            )))
        }
        Share::Amount(a) => check_amount_range(a).map_err(|e| refuse(e.0)),
        Share::Percent(_) => Ok(()),
    }
}

/// The amount of each part, after every check a plan passes; the one function a new plan and
/// an edited plan both go through. A plan has parts and a total from zero up to the amount
/// limit, each part passes `check_part`; percentages split the total with cumulative rounding
/// (they must total 100%); amounts must total the plan's total. A plan is all percentages or
/// all amounts.
pub fn amounts(
    parts: &[PlanPart],
    total: Decimal,
    currency: Currency,
) -> Result<Vec<Decimal>, DomainError> {
    if parts.is_empty() {
        return Err(DomainError::new("a plan needs at least one part"));
    }
    if total.is_sign_negative() && !total.is_zero() {
        return Err(DomainError::new("the plan's total cannot be negative"));
    }
    check_amount_range(total).map_err(|e| DomainError::new(format!("the plan's total {}", e.0)))?;
    for p in parts {
        check_part(p, currency)?;
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
            Share::Amount(x) => Some(x),
            Share::Percent(_) => None,
        })
        .collect();
    let amounts = amounts
        .ok_or_else(|| DomainError::new("a plan is in percentages or in amounts, not both"))?;
    if amounts.iter().any(|a| a.is_sign_negative() && !a.is_zero()) {
        return Err(DomainError::new("a part cannot be negative"));
    }
    let sum = checked_sum("the parts", amounts.iter().copied())?;
    if sum != currency.round(total) {
        return Err(DomainError::new(format!(
            "the parts total {}, not the plan's {}",
            currency.round(sum),
            currency.round(total)
        )));
    }
    Ok(amounts.iter().map(|a| currency.round(*a)).collect())
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
        // Issue "Records that hold": dates from the start stay within the dates finctl keeps.
        assert_eq!(
            from_template(&template(), day(2100, 10, 1)).unwrap_err().0,
            "a part's date 2101-01-29 (2100-10-01 + 120 days) is outside 1970-01-01 to 2100-12-31"
        );
        assert!(move_start(&mut parts, day(2100, 11, 1)).is_err());
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
            milestone: None,
        };
        assert!(amounts(&[part("60"), part("40")], d("100"), Currency::EUR).is_ok());
        assert!(amounts(&[part("60"), part("39.99")], d("100"), Currency::EUR).is_err());
        assert!(amounts(&[], d("100"), Currency::EUR).is_err());
    }

    #[test]
    fn parts_are_refused_rather_than_rounded() {
        let part = |share| PlanPart {
            label: "Delivery".into(),
            share,
            date: day(2026, 1, 1),
            offset_days: None,
            date_set_by_hand: true,
            milestone: None,
        };
        let eur = Currency::EUR;
        assert!(check_part(&part(Share::Amount(d("12.50"))), eur).is_ok());
        assert!(check_part(&part(Share::Percent(d("33.333333"))), eur).is_ok());
        let err = check_part(&part(Share::Amount(d("12.505"))), eur).unwrap_err();
        assert_eq!(
            err.0,
            "the part \"Delivery\": EUR allows at most 2 decimals"
        );
        let err = check_part(&part(Share::Percent(d("0.0000001"))), eur).unwrap_err();
        assert!(err.0.contains("at most 6 decimals"), "{err}");
        let err = check_part(&part(Share::Percent(d("100.5"))), eur).unwrap_err();
        assert!(err.0.contains("up to 100%"), "{err}");
        let err = check_part(&part(Share::Amount(d("1000000000000"))), eur).unwrap_err();
        assert!(err.0.contains("is too large"), "{err}");
        let mut blank = part(Share::Amount(d("1")));
        blank.label = "  ".into();
        assert!(check_part(&blank, eur).is_err());
        // A plan runs them all: 12.505 is not rounded to 12.51 to make the total.
        let err = amounts(
            &[
                part(Share::Amount(d("12.505"))),
                part(Share::Amount(d("87.49"))),
            ],
            d("100"),
            eur,
        )
        .unwrap_err();
        assert!(err.0.contains("at most 2 decimals"), "{err}");
        // Amounts past what a decimal holds are refused, not summed into a panic.
        let huge = part(Share::Amount(d("50000000000000000000000000000")));
        let err = amounts(&[huge.clone(), huge], d("100"), eur).unwrap_err();
        assert!(err.0.contains("too large"), "{err}");
        let one = [part(Share::Percent(d("100")))];
        assert!(
            amounts(&one, d("-1"), eur)
                .unwrap_err()
                .0
                .contains("negative")
        );
        let err = amounts(&one, d("1000000000000"), eur).unwrap_err();
        assert!(err.0.starts_with("the plan's total"), "{err}");
    }

    /// Any decimal at all, from 0 to 28 decimals and up to about 7.9e28.
    fn any_decimal() -> impl Strategy<Value = Decimal> {
        (any::<(u32, u32, u32, bool)>(), 0u32..=28).prop_map(|((lo, mid, hi, negative), scale)| {
            Decimal::from_parts(lo, mid, hi, negative, scale)
        })
    }

    proptest! {
        /// Whatever shares and total a plan is given, it is split or refused: never a panic.
        #[test]
        fn no_share_panics(
            total in any_decimal(),
            shares in prop::collection::vec((any::<bool>(), any_decimal()), 1..6),
        ) {
            let parts: Vec<PlanPart> = shares
                .iter()
                .map(|(percent, x)| PlanPart {
                    label: "x".into(),
                    share: if *percent { Share::Percent(*x) } else { Share::Amount(*x) },
                    date: day(2026, 1, 1),
                    offset_days: None,
                    date_set_by_hand: true,
                    milestone: None,
                })
                .collect();
            let _ = amounts(&parts, total, Currency::EUR);
            let percents: Vec<Decimal> = shares.iter().map(|(_, x)| *x).collect();
            let _ = split_by_percentages(total, &percents, Currency::EUR);
            // Percentages that do total 100, however large each one is.
            if let Some(rest) = Decimal::ONE_HUNDRED.checked_sub(percents[0]) {
                let _ = split_by_percentages(total, &[percents[0], rest], Currency::EUR);
            }
        }
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
