//! Credit note limits: never more than what is left to credit on a line.

use super::DomainError;
use rust_decimal::Decimal;

/// What is left to credit on an invoice line of `line_net` after `credited` was credited.
pub fn remaining(line_net: Decimal, credited: Decimal) -> Decimal {
    (line_net - credited).max(Decimal::ZERO)
}

/// Checks one credit of `amount` against a line of `line_net` already credited by `credited`
/// (confirmed and draft credit notes both count, so two drafts cannot over-credit).
pub fn check_credit(
    line_net: Decimal,
    credited: Decimal,
    amount: Decimal,
) -> Result<(), DomainError> {
    if amount.is_sign_negative() && !amount.is_zero() {
        return Err(DomainError::new("a credit amount cannot be negative"));
    }
    let left = remaining(line_net, credited);
    if amount > left {
        return Err(DomainError::new(format!(
            "only {left} is left to credit on this line (net {line_net}, credited {credited})"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::d;
    use proptest::prelude::*;

    #[test]
    fn limits() {
        assert!(check_credit(d("100"), d("0"), d("100")).is_ok());
        assert!(check_credit(d("100"), d("40"), d("60")).is_ok());
        let err = check_credit(d("100"), d("40"), d("60.01")).unwrap_err();
        assert!(err.0.contains("only 60 is left"));
        assert!(check_credit(d("100"), d("0"), d("-1")).is_err());
        assert!(check_credit(d("-5"), d("0"), d("1")).is_err());
    }

    proptest! {
        /// A sequence of credits, each accepted only within the limit, never exceeds the line.
        #[test]
        fn credits_never_exceed(net in 0i64..10_000_000, asks in prop::collection::vec(0i64..5_000_000, 0..20)) {
            let net = Decimal::new(net, 2);
            let mut credited = Decimal::ZERO;
            for a in asks {
                let a = Decimal::new(a, 2);
                let ok = check_credit(net, credited, a).is_ok();
                prop_assert_eq!(ok, credited + a <= net);
                if ok {
                    credited += a;
                }
                prop_assert!(credited <= net);
                prop_assert_eq!(remaining(net, credited), net - credited);
            }
        }
    }
}
