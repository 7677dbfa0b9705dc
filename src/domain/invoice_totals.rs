//! Invoice line nets and totals: each line's net rounded, VAT once per rate from the summed
//! nets (EN 16931: VAT per category = round(base x rate)), gross = net + VAT.

use super::Currency;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The net of a line: quantity x unit price, rounded to the currency half away from zero.
pub fn line_net(quantity: Decimal, unit_price: Decimal, currency: Currency) -> Decimal {
    currency.round(quantity * unit_price)
}

/// One line as the totals see it: its rounded net and its VAT rate in percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineAmount {
    pub net: Decimal,
    pub vat_rate: Decimal,
}

/// The VAT of one rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VatBreakdown {
    pub rate: Decimal,
    pub base: Decimal,
    pub vat: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    pub net: Decimal,
    pub vat: Decimal,
    pub gross: Decimal,
    /// Ordered by rate, highest first, as invoices usually show them.
    pub per_rate: Vec<VatBreakdown>,
}

/// The totals of an invoice from its lines.
pub fn totals(lines: &[LineAmount], currency: Currency) -> Totals {
    let mut bases: BTreeMap<Decimal, Decimal> = BTreeMap::new();
    for line in lines {
        *bases.entry(line.vat_rate.normalize()).or_default() += line.net;
    }
    let per_rate: Vec<VatBreakdown> = bases
        .into_iter()
        .rev()
        .map(|(rate, base)| VatBreakdown {
            rate,
            base: currency.round(base),
            vat: currency.round(base * rate / Decimal::ONE_HUNDRED),
        })
        .collect();
    let net = currency.round(lines.iter().map(|l| l.net).sum());
    let vat = currency.round(per_rate.iter().map(|r| r.vat).sum());
    Totals {
        net,
        vat,
        gross: net + vat,
        per_rate,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::d;
    use proptest::prelude::*;

    fn line(net: &str, rate: &str) -> LineAmount {
        LineAmount {
            net: d(net),
            vat_rate: d(rate),
        }
    }

    #[test]
    fn vat_is_computed_once_per_rate() {
        // Three lines of 0.10 at 24%: per line VAT would be 3 x 0.02 = 0.06; per rate 0.07.
        let t = totals(
            &[line("0.10", "24"), line("0.10", "24"), line("0.10", "24.0")],
            Currency::EUR,
        );
        assert_eq!(t.net, d("0.30"));
        assert_eq!(t.vat, d("0.07"));
        assert_eq!(t.gross, d("0.37"));
        assert_eq!(t.per_rate.len(), 1);
    }

    #[test]
    fn several_rates() {
        let t = totals(
            &[
                line("100.00", "24"),
                line("50.00", "10"),
                line("20.00", "0"),
            ],
            Currency::EUR,
        );
        assert_eq!(
            t.per_rate.iter().map(|r| r.rate).collect::<Vec<_>>(),
            [d("24"), d("10"), d("0")]
        );
        assert_eq!(t.vat, d("29.00"));
        assert_eq!(t.gross, d("199.00"));
        assert_eq!(line_net(d("7.5"), d("95.333"), Currency::EUR), d("715.00"));
    }

    fn arb_line() -> impl Strategy<Value = LineAmount> {
        (
            -10_000_000i64..100_000_000,
            prop::sample::select(vec!["0", "10", "14", "24", "25.5"]),
        )
            .prop_map(|(cents, rate)| LineAmount {
                net: Decimal::new(cents, 2),
                vat_rate: d(rate),
            })
    }

    proptest! {
        /// For any lines, totals equal the sum of the lines, VAT per rate is round(base x rate)
        /// and gross = net + VAT, all in whole cents.
        #[test]
        fn totals_equal_sum_of_lines(lines in prop::collection::vec(arb_line(), 0..40)) {
            let t = totals(&lines, Currency::EUR);
            let net: Decimal = lines.iter().map(|l| l.net).sum();
            prop_assert_eq!(t.net, net);
            prop_assert_eq!(t.per_rate.iter().map(|r| r.base).sum::<Decimal>(), net);
            for r in &t.per_rate {
                let base: Decimal = lines.iter().filter(|l| l.vat_rate == r.rate).map(|l| l.net).sum();
                prop_assert_eq!(r.base, base);
                prop_assert_eq!(r.vat, Currency::EUR.round(base * r.rate / Decimal::ONE_HUNDRED));
            }
            prop_assert_eq!(t.vat, t.per_rate.iter().map(|r| r.vat).sum::<Decimal>());
            prop_assert_eq!(t.gross, t.net + t.vat);
            prop_assert!(t.gross.scale() <= 2);
        }
    }
}
