//! Credit note limits: only a confirmed invoice is credited, and never more than what is left
//! to credit on a line.

use super::invoice_status::InvoiceStatus;
use super::number_format::NumberFormat;
use super::numbering::DocumentKind;
use super::{Currency, DomainError};
use rust_decimal::Decimal;

/// Whether a document may be credited: a confirmed invoice only. A credit note, draft or
/// confirmed, is never credited itself (its invoice is: `corrects` names it); a draft invoice is
/// confirmed first.
pub fn check_creditable(
    kind: DocumentKind,
    status: InvoiceStatus,
    corrects: Option<&str>,
) -> Result<(), DomainError> {
    match (kind, status) {
        (DocumentKind::Invoice, InvoiceStatus::Confirmed) => Ok(()),
        (DocumentKind::CreditNote, _) => Err(DomainError::new(match corrects {
            Some(number) => format!(
                "a credit note is not credited again: credit the invoice it corrects ({number})"
            ),
            None => "a credit note is not credited again: credit the invoice it corrects".into(),
        })),
        (DocumentKind::Invoice, InvoiceStatus::Draft) => Err(DomainError::new(
            "only a confirmed invoice can be credited: confirm the draft first",
        )),
    }
}

/// What is left to credit on an invoice line of `line_net` after `credited` was credited.
pub fn remaining(line_net: Decimal, credited: Decimal) -> Decimal {
    (line_net - credited).max(Decimal::ZERO)
}

/// An invoice line as a credit sees it: its net and what credit notes credit of it already,
/// confirmed and draft alike (so that two drafts cannot over-credit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCredit {
    pub net: Decimal,
    pub credited: Decimal,
    pub currency: Currency,
}

impl LineCredit {
    /// What is left to credit on the line.
    pub fn left(&self) -> Decimal {
        remaining(self.net, self.credited)
    }
}

/// Checks one credit of `amount` against `line`. The refusal names what is left, the line's
/// net and what is credited already, as money in the user's number format.
pub fn check_credit(
    line: LineCredit,
    amount: Decimal,
    numbers: NumberFormat,
) -> Result<(), DomainError> {
    if amount.is_sign_negative() && !amount.is_zero() {
        return Err(DomainError::new("a credit amount cannot be negative"));
    }
    let left = line.left();
    if amount > left {
        let money = |v: Decimal| numbers.format_to(v, line.currency.minor_digits());
        return Err(DomainError::new(format!(
            "only {} is left to credit on this line (net {}, credited {} so far, drafts included)",
            money(left),
            money(line.net),
            money(line.credited)
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::d;
    use proptest::prelude::*;

    const N: NumberFormat = NumberFormat::CommaPoint;

    fn line(net: &str, credited: &str) -> LineCredit {
        LineCredit {
            net: d(net),
            credited: d(credited),
            currency: Currency::EUR,
        }
    }

    #[test]
    fn only_a_confirmed_invoice_is_credited() {
        use DocumentKind::{CreditNote, Invoice};
        use InvoiceStatus::{Confirmed, Draft};
        assert!(check_creditable(Invoice, Confirmed, None).is_ok());
        let note = "a credit note is not credited again: credit the invoice it corrects";
        for status in [Draft, Confirmed] {
            assert_eq!(
                check_creditable(CreditNote, status, Some("2026-000001"))
                    .unwrap_err()
                    .0,
                format!("{note} (2026-000001)")
            );
            assert_eq!(
                check_creditable(CreditNote, status, None).unwrap_err().0,
                note
            );
        }
        assert!(
            check_creditable(Invoice, Draft, None)
                .unwrap_err()
                .0
                .ends_with("confirm the draft first")
        );
    }

    #[test]
    fn limits() {
        assert!(check_credit(line("100", "0"), d("100"), N).is_ok());
        assert!(check_credit(line("100", "40"), d("60"), N).is_ok());
        let err = check_credit(line("100", "40"), d("60.01"), N).unwrap_err();
        assert!(err.0.contains("only 60.00 is left"), "{}", err.0);
        assert!(check_credit(line("100", "0"), d("-1"), N).is_err());
        assert!(check_credit(line("-5", "0"), d("1"), N).is_err());
    }

    /// Issue "Records that hold": the refusal said "net 17985.00, credited 0" beside a line
    /// of which credit notes credited 10,000.00: it names the line's net and what is credited,
    /// drafts included, as money in the user's format.
    #[test]
    fn the_refusal_names_the_net_and_what_is_credited_as_money() {
        assert_eq!(
            check_credit(line("17985", "10000"), d("8000"), N)
                .unwrap_err()
                .0,
            "only 7,985.00 is left to credit on this line (net 17,985.00, credited 10,000.00 \
             so far, drafts included)"
        );
        assert_eq!(
            check_credit(line("17985.00", "0"), d("20000"), NumberFormat::PointComma)
                .unwrap_err()
                .0,
            "only 17.985,00 is left to credit on this line (net 17.985,00, credited 0,00 so \
             far, drafts included)"
        );
        let yen = LineCredit {
            net: d("5000"),
            credited: d("1000"),
            currency: "JPY".parse().unwrap(),
        };
        assert_eq!(
            check_credit(yen, d("4001"), N).unwrap_err().0,
            "only 4,000 is left to credit on this line (net 5,000, credited 1,000 so far, \
             drafts included)"
        );
    }

    proptest! {
        /// A sequence of credits, each accepted only within the limit, never exceeds the line.
        #[test]
        fn credits_never_exceed(net in 0i64..10_000_000, asks in prop::collection::vec(0i64..5_000_000, 0..20)) {
            let net = Decimal::new(net, 2);
            let mut credited = Decimal::ZERO;
            for a in asks {
                let a = Decimal::new(a, 2);
                let line = LineCredit { net, credited, currency: Currency::EUR };
                let ok = check_credit(line, a, N).is_ok();
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
