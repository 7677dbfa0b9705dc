//! Progress billing arithmetic: a contract line billed period by period from the estimated
//! progress of its project or milestone.
//!
//! Every figure is anchored on cumulative values: a period bills the rounded cumulative target
//! minus what the periods before it billed. Editing one billed figure (%, quantity or amount)
//! recomputes the cumulative figure it implies and derives the other two from that, so the three
//! always agree, repeated recalculation changes nothing, and the line's periods can never bill
//! more than its total nor leave a cent out.

use super::money::{AMOUNT_LIMIT, check_amount_range, checked_sum};
use super::scaled::round6;
use super::{Currency, DomainError};
use rust_decimal::Decimal;

/// What a contract line sells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub quantity: Decimal,
    pub unit_price: Decimal,
    pub currency: Currency,
}

impl Line {
    /// The line's total: quantity x unit price, rounded to the currency. Refused when the
    /// product is past what a decimal holds.
    pub fn total(&self) -> Result<Decimal, DomainError> {
        self.quantity
            .checked_mul(self.unit_price)
            .map(|t| self.currency.round(t))
            .ok_or_else(|| {
                DomainError::new(format!(
                    "{} x {} is too large for a line's total",
                    self.quantity, self.unit_price
                ))
            })
    }

    /// Cumulative figures at a cumulative percentage (at most 100%, checked by the callers).
    fn at_percent(&self, percent: Decimal) -> Result<Cumulative, DomainError> {
        let percent = round6(percent);
        let of = |x: Decimal| {
            x.checked_mul(percent)
                .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
                .ok_or_else(beyond_the_line)
        };
        Ok(Cumulative {
            percent,
            quantity: round6(of(self.quantity)?),
            amount: self.currency.round(of(self.total()?)?),
        })
    }
}

/// A quantity and a unit price a contract line can have: a quantity above zero, a price of
/// zero or more, each below 1,000,000,000,000 (so that quantity x price stays far inside a
/// decimal); the total's limit is the amounts' (`check_total`).
pub fn check_figures(quantity: Decimal, unit_price: Decimal) -> Result<(), DomainError> {
    if quantity <= Decimal::ZERO || unit_price.is_sign_negative() {
        return Err(DomainError::new(
            "quantity above zero and a unit price of zero or more",
        ));
    }
    for (what, value) in [("quantity", quantity), ("unit price", unit_price)] {
        if value >= Decimal::from(AMOUNT_LIMIT) {
            return Err(DomainError::new(format!(
                "the {what} {value} is too large: quantities and unit prices stay below 1,000,000,000,000"
            )));
        }
    }
    Ok(())
}

/// The line's total, refused past the amount limit (it becomes a revenue item's amount).
pub fn check_total(line: &Line) -> Result<Decimal, DomainError> {
    let total = line.total()?;
    check_amount_range(total).map_err(|e| DomainError::new(format!("the line's total {}", e.0)))?;
    Ok(total)
}

/// A figure so far beyond the line that the arithmetic cannot even say how far.
fn beyond_the_line() -> DomainError {
    DomainError::new("that bills far more than the line in all: at most 100%")
}

/// Cumulative figures (this period and all before it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cumulative {
    pub percent: Decimal,
    pub quantity: Decimal,
    pub amount: Decimal,
}

/// The billed figures of one period: the cumulative estimate minus what earlier periods billed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Billed {
    pub percent: Decimal,
    pub quantity: Decimal,
    pub amount: Decimal,
}

impl Billed {
    fn between(to: Cumulative, before: Cumulative) -> Result<Billed, DomainError> {
        let less = |a: Decimal, b: Decimal| a.checked_sub(b).ok_or_else(beyond_the_line);
        Ok(Billed {
            percent: less(to.percent, before.percent)?,
            quantity: less(to.quantity, before.quantity)?,
            amount: less(to.amount, before.amount)?,
        })
    }

    /// What this period adds to `before`. Unchecked on purpose: both come from stored periods
    /// (64-bit minor units and micros), whose sums stay far inside a decimal.
    pub fn after(&self, before: Cumulative) -> Cumulative {
        Cumulative {
            percent: before.percent + self.percent,
            quantity: before.quantity + self.quantity,
            amount: before.amount + self.amount,
        }
    }
}

/// Refreshing the pending period from the estimated progress (cumulative %) of the project or
/// milestone. Progress beyond 100% bills 100%; progress below what was billed bills nothing.
pub fn refresh(
    line: &Line,
    before: Cumulative,
    estimated_percent: Decimal,
) -> Result<(Cumulative, Billed), DomainError> {
    check_percent(estimated_percent)?;
    let estimate = line.at_percent(estimated_percent.min(Decimal::ONE_HUNDRED))?;
    let target = if estimate.percent < before.percent {
        before
    } else {
        estimate
    };
    Ok((estimate, Billed::between(target, before)?))
}

/// The user typed this period's billed percentage.
pub fn edit_percent(
    line: &Line,
    before: Cumulative,
    billed_percent: Decimal,
) -> Result<Billed, DomainError> {
    let cumulative = before
        .percent
        .checked_add(billed_percent)
        .ok_or_else(beyond_the_line)?;
    check_cumulative(cumulative)?;
    Billed::between(line.at_percent(cumulative)?, before)
}

/// The user typed this period's billed quantity.
pub fn edit_quantity(
    line: &Line,
    before: Cumulative,
    billed_quantity: Decimal,
) -> Result<Billed, DomainError> {
    if line.quantity.is_zero() {
        return Err(DomainError::new(
            "the line has no quantity: edit the percentage or the amount",
        ));
    }
    let cum_quantity = round6(
        before
            .quantity
            .checked_add(billed_quantity)
            .ok_or_else(beyond_the_line)?,
    );
    let percent = cum_quantity
        .checked_div(line.quantity)
        .and_then(|x| x.checked_mul(Decimal::ONE_HUNDRED))
        .ok_or_else(beyond_the_line)?;
    let percent = round6(percent);
    check_cumulative(percent)?;
    let amount = line
        .total()?
        .checked_mul(cum_quantity)
        .and_then(|x| x.checked_div(line.quantity))
        .ok_or_else(beyond_the_line)?;
    let to = Cumulative {
        percent,
        quantity: cum_quantity,
        amount: line.currency.round(amount),
    };
    Billed::between(to, before)
}

/// The user typed this period's billed amount.
pub fn edit_amount(
    line: &Line,
    before: Cumulative,
    billed_amount: Decimal,
) -> Result<Billed, DomainError> {
    let total = line.total()?;
    if total.is_zero() {
        return Err(DomainError::new(
            "the line's total is zero: nothing to bill",
        ));
    }
    let more_than_total =
        || DomainError::new(format!("that bills far more than the line's total {total}"));
    let cum_amount = before
        .amount
        .checked_add(billed_amount)
        .ok_or_else(more_than_total)?;
    let cum_amount = line.currency.round(cum_amount);
    if cum_amount > total {
        return Err(DomainError::new(format!(
            "that bills {cum_amount} in all, more than the line's total {total}"
        )));
    }
    if cum_amount < before.amount {
        return Err(DomainError::new("a period cannot bill a negative amount"));
    }
    // 0 <= cum_amount <= total from here: every quotient is at most 100 or the quantity.
    let percent = cum_amount
        .checked_div(total)
        .and_then(|x| x.checked_mul(Decimal::ONE_HUNDRED))
        .ok_or_else(more_than_total)?;
    let quantity = line
        .quantity
        .checked_mul(cum_amount)
        .and_then(|x| x.checked_div(total))
        .ok_or_else(more_than_total)?;
    let to = Cumulative {
        percent: round6(percent),
        quantity: round6(quantity),
        amount: cum_amount,
    };
    Billed::between(to, before)
}

/// Which billed figure of a period the user typed; the other two follow from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BilledField {
    Percent(Decimal),
    Quantity(Decimal),
    Amount(Decimal),
}

/// The user typed one billed figure of this period: the three figures it implies.
pub fn edit_billed(
    line: &Line,
    before: Cumulative,
    typed: BilledField,
) -> Result<Billed, DomainError> {
    match typed {
        BilledField::Percent(p) => edit_percent(line, before, p),
        BilledField::Quantity(q) => edit_quantity(line, before, q),
        BilledField::Amount(a) => edit_amount(line, before, a),
    }
}

/// A line's quantity and unit price change until its validated periods bill 100 % of it: then
/// they are locked (what was validated to the end is what the line sold). Unvalidating the last
/// period, while its item is on no invoice, unlocks them.
pub fn check_line_edit(validated: &[Billed]) -> Result<(), DomainError> {
    let percent = validated
        .iter()
        .fold(Cumulative::default(), |c, b| b.after(c))
        .percent;
    if percent >= Decimal::ONE_HUNDRED {
        return Err(DomainError::new(
            "the line's validated periods bill 100 %: its quantity and unit price are locked",
        ));
    }
    Ok(())
}

/// Only a positive billed amount is validated (it becomes a billable revenue item).
pub fn check_validate(billed: &Billed) -> Result<(), DomainError> {
    if billed.amount <= Decimal::ZERO {
        return Err(DomainError::new(
            "the billed amount is not above zero: refresh or edit the period first",
        ));
    }
    Ok(())
}

/// Unvalidating goes from the last validated period upwards, and never once invoiced.
pub fn check_unvalidate(item_on_invoice: bool, next_is_validated: bool) -> Result<(), DomainError> {
    if item_on_invoice {
        return Err(DomainError::new(
            "its revenue item is on an invoice: the period is locked for good",
        ));
    }
    if next_is_validated {
        return Err(DomainError::new(
            "the next period is validated: unvalidate it first",
        ));
    }
    Ok(())
}

/// Only the last period is deleted, and only while it is not validated.
pub fn check_delete(is_last: bool, validated: bool) -> Result<(), DomainError> {
    if !is_last {
        return Err(DomainError::new("only the last period can be deleted"));
    }
    if validated {
        return Err(DomainError::new(
            "the period is validated: unvalidate it first",
        ));
    }
    Ok(())
}

/// The scheduled items of a line: one per validated period plus the remaining forecast. They
/// always total the line to the cent (the forecast takes what is left).
pub fn remaining_forecast(line: &Line, validated: &[Billed]) -> Result<Decimal, DomainError> {
    let billed = checked_sum("the validated periods", validated.iter().map(|b| b.amount))?;
    line.total()?
        .checked_sub(billed)
        .ok_or_else(|| DomainError::new("the validated periods bill more than any amount"))
}

fn check_percent(p: Decimal) -> Result<(), DomainError> {
    if p.is_sign_negative() && !p.is_zero() {
        return Err(DomainError::new("progress cannot be negative"));
    }
    Ok(())
}

fn check_cumulative(p: Decimal) -> Result<(), DomainError> {
    if p.is_sign_negative() && !p.is_zero() {
        return Err(DomainError::new("a period cannot bill less than nothing"));
    }
    if p > Decimal::ONE_HUNDRED {
        return Err(DomainError::new(format!(
            "that bills {}% of the line in all: at most 100%",
            p.normalize()
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::d;
    use proptest::prelude::*;

    fn line(q: &str, p: &str) -> Line {
        Line {
            quantity: d(q),
            unit_price: d(p),
            currency: Currency::EUR,
        }
    }

    #[test]
    fn worked_example() {
        // 120 days at 850.00 = 102,000.00. Periods at 25%, 60%, 100%.
        let l = line("120", "850");
        assert_eq!(l.total().unwrap(), d("102000.00"));
        let (_, p1) = refresh(&l, Cumulative::default(), d("25")).unwrap();
        assert_eq!(
            (p1.percent, p1.quantity, p1.amount),
            (d("25"), d("30"), d("25500.00"))
        );
        let c1 = p1.after(Cumulative::default());
        let (_, p2) = refresh(&l, c1, d("60")).unwrap();
        assert_eq!(
            (p2.percent, p2.quantity, p2.amount),
            (d("35"), d("42"), d("35700.00"))
        );
        let c2 = p2.after(c1);
        // Editing the amount of the last period derives % and quantity from the cumulative.
        let p3 = edit_amount(&l, c2, d("40800.00")).unwrap();
        assert_eq!((p3.percent, p3.quantity), (d("40"), d("48")));
        assert_eq!(p3.after(c2).amount, l.total().unwrap());
        assert_eq!(
            remaining_forecast(&l, &[p1, p2, p3]).unwrap(),
            Decimal::ZERO
        );
    }

    #[test]
    fn refusals_name_the_rule() {
        let l = line("10", "99.99");
        assert!(
            edit_percent(&l, Cumulative::default(), d("100.5"))
                .unwrap_err()
                .0
                .contains("at most 100%")
        );
        assert!(
            edit_amount(&l, Cumulative::default(), d("1000"))
                .unwrap_err()
                .0
                .contains("more than the line's total")
        );
        assert!(check_validate(&Billed::default()).is_err());
        assert!(
            check_unvalidate(true, false)
                .unwrap_err()
                .0
                .contains("locked")
        );
        assert!(
            check_unvalidate(false, true)
                .unwrap_err()
                .0
                .contains("unvalidate it first")
        );
        assert!(check_delete(false, false).is_err());
        assert!(check_delete(true, true).is_err());
        assert!(check_delete(true, false).is_ok());
    }

    #[test]
    fn a_line_validated_to_100_percent_is_locked() {
        let billed = |p: &str| Billed {
            percent: d(p),
            ..Billed::default()
        };
        assert!(check_line_edit(&[]).is_ok());
        assert!(check_line_edit(&[billed("40"), billed("59.999999")]).is_ok());
        let err = check_line_edit(&[billed("40"), billed("60")]).unwrap_err();
        assert!(err.0.contains("locked"), "{err:?}");
        assert!(check_line_edit(&[billed("100")]).is_err());
    }

    #[test]
    fn progress_going_back_bills_nothing() {
        let l = line("10", "100");
        let before = l.at_percent(d("50")).unwrap();
        let (_, billed) = refresh(&l, before, d("40")).unwrap();
        assert_eq!(billed, Billed::default());
    }

    /// Regression: figures far beyond the line, typed into the pending period's form or
    /// handed to the store, are refused with the rule; the decimal arithmetic used to panic.
    #[test]
    fn figures_beyond_the_line_are_refused_not_a_panic() {
        let l = line("1", "50000");
        let (_, p1) = refresh(&l, Cumulative::default(), d("25")).unwrap();
        let before = p1.after(Cumulative::default());
        // 27 digits of quantity: x 100 overflowed.
        let err = edit_quantity(&l, before, d("999999999999999999999999999")).unwrap_err();
        assert!(err.0.contains("at most 100%"), "{err}");
        // 29 digits of amount: 12,500.00 + 7.9e28 overflowed.
        let err = edit_amount(&l, before, d("79228162514264337593543950335")).unwrap_err();
        assert!(err.0.contains("more than the line's total"), "{err}");
        let err = edit_percent(&l, before, d("79228162514264337593543950335")).unwrap_err();
        assert!(err.0.contains("at most 100%"), "{err}");
    }

    #[test]
    fn line_figures_stay_below_the_limit() {
        let max = d("999999999999.999999");
        assert!(check_figures(max, max).is_ok());
        let err = check_figures(d("1000000000000"), d("1")).unwrap_err();
        assert!(
            err.0.contains("the quantity 1000000000000 is too large"),
            "{err}"
        );
        let err = check_figures(d("1"), d("1000000000000")).unwrap_err();
        assert!(err.0.contains("the unit price"), "{err}");
        assert!(check_figures(d("0"), d("1")).is_err());
        assert!(check_figures(d("1"), d("-1")).is_err());
        let err = check_total(&line("999999999999", "999999999999")).unwrap_err();
        assert!(err.0.starts_with("the line's total"), "{err}");
        assert_eq!(check_total(&line("120", "850")).unwrap(), d("102000.00"));
        // Past what a decimal holds: refused, not a panic.
        let err = line("1000000000000000", "100000000000000")
            .total()
            .unwrap_err();
        assert!(err.0.contains("too large"), "{err}");
    }

    /// Any decimal at all, from 0 to 28 decimals and up to about 7.9e28.
    fn any_decimal() -> impl Strategy<Value = Decimal> {
        (any::<(u32, u32, u32, bool)>(), 0u32..=28).prop_map(|((lo, mid, hi, negative), scale)| {
            Decimal::from_parts(lo, mid, hi, negative, scale)
        })
    }

    proptest! {
        /// Whatever figures a line and its periods hold, the arithmetic answers or refuses
        /// with the rule: it never panics.
        #[test]
        fn no_figure_panics(
            quantity in any_decimal(),
            price in any_decimal(),
            before in (any_decimal(), any_decimal(), any_decimal()),
            typed in any_decimal(),
        ) {
            let l = Line { quantity, unit_price: price, currency: Currency::EUR };
            let before = Cumulative { percent: before.0, quantity: before.1, amount: before.2 };
            let _ = l.total();
            let _ = check_figures(quantity, price).and_then(|_| check_total(&l));
            let _ = refresh(&l, before, typed);
            let _ = edit_percent(&l, before, typed);
            let _ = edit_quantity(&l, before, typed);
            let _ = edit_amount(&l, before, typed);
            let billed = Billed { percent: typed, quantity: typed, amount: typed };
            let _ = remaining_forecast(&l, &[billed, billed]);
        }
    }

    #[derive(Debug, Clone)]
    enum Op {
        Refresh(u32),
        Percent(u32),
        Quantity(u32),
        Amount(u32),
        Validate,
        Unvalidate,
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0u32..=120_000_000).prop_map(Op::Refresh),
            (0u32..=60_000_000).prop_map(Op::Percent),
            (0u32..=5_000_000).prop_map(Op::Quantity),
            (0u32..=50_000_000).prop_map(Op::Amount),
            Just(Op::Validate),
            Just(Op::Unvalidate),
        ]
    }

    proptest! {
        /// Random refresh / edit / validate / unvalidate sequences: the three billed figures of
        /// every period agree with the cumulative figures, billed totals never exceed the line,
        /// and the scheduled items (validated periods plus forecast) total the line to the cent.
        #[test]
        fn figures_always_balance(
            qty in 1u32..100_000,
            price in 1u32..10_000_000,
            ops in prop::collection::vec(op(), 1..40),
        ) {
            let l = Line { quantity: Decimal::new(qty as i64, 2), unit_price: Decimal::new(price as i64, 2), currency: Currency::EUR };
            let total = l.total().unwrap();
            let mut validated: Vec<Billed> = Vec::new();
            let mut pending = Billed::default();
            for op in ops {
                let before = validated.iter().fold(Cumulative::default(), |c, b| b.after(c));
                let result = match op {
                    Op::Refresh(p) => refresh(&l, before, Decimal::new(p as i64, 6)).map(|r| r.1),
                    Op::Percent(p) => edit_percent(&l, before, Decimal::new(p as i64, 6)),
                    Op::Quantity(q) => edit_quantity(&l, before, Decimal::new(q as i64, 6) * l.quantity / Decimal::ONE_HUNDRED),
                    Op::Amount(a) => edit_amount(&l, before, Decimal::new(a as i64, 2)),
                    Op::Validate => {
                        if check_validate(&pending).is_ok() {
                            validated.push(pending);
                            pending = Billed::default();
                        }
                        Ok(pending)
                    }
                    Op::Unvalidate => {
                        if let Some(last) = validated.pop() {
                            pending = last;
                        }
                        Ok(pending)
                    }
                };
                if let Ok(b) = result {
                    pending = b;
                }
                let before = validated.iter().fold(Cumulative::default(), |c, b| b.after(c));
                let after = pending.after(before);
                // Cumulative amount is what the cumulative percentage or quantity implies.
                prop_assert!(after.amount <= total, "{after:?} > {total}");
                prop_assert!(after.percent <= Decimal::ONE_HUNDRED);
                prop_assert!(pending.amount >= Decimal::ZERO, "{pending:?}");
                prop_assert!(after.amount.scale() <= 2);
                // Scheduled items total the line to the cent.
                let forecast = remaining_forecast(&l, &validated).unwrap();
                prop_assert_eq!(validated.iter().map(|b| b.amount).sum::<Decimal>() + forecast, total);
                prop_assert!(forecast >= Decimal::ZERO);
                // Recalculating from the pending percentage again changes nothing.
                if after.amount == l.currency.round(total * after.percent / Decimal::ONE_HUNDRED) {
                    let again = edit_percent(&l, before, pending.percent).unwrap();
                    prop_assert_eq!(again.percent, pending.percent);
                }
                let again = edit_amount(&l, before, pending.amount);
                if let Ok(again) = again {
                    prop_assert_eq!(again.amount, pending.amount);
                    let twice = edit_amount(&l, before, again.amount).unwrap();
                    prop_assert_eq!(twice, again, "recalculation drifts");
                }
            }
        }
    }
}
