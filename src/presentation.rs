//! How numbers and names read for people, the same on screen and on paper: `1,234.50` (or
//! `1.234,50`, ..., in the user's number format), `115.00`, `EUR 1,234.50 · USD 99.00`, a name
//! cut with "…". Presentation only: the console and the PDFs (`files::pdf`) both use it, so it
//! sits below both and knows neither. The format is passed in, never kept here: each screen and
//! file is drawn in the format of the user it is for.

pub mod change_sentence;

use crate::domain::{Money, NumberFormat};
use rust_decimal::Decimal;

/// An amount with its thousands grouped and its own decimals ("-1,234.50", "-1.234,50").
pub fn amount(n: NumberFormat, value: Decimal) -> String {
    n.format(value)
}

/// A price or rate: like an amount, with at least two decimals ("115.00", "95.333").
pub fn price(n: NumberFormat, value: Decimal) -> String {
    let mut v = value.normalize();
    if v.scale() < 2 {
        v.rescale(2);
    }
    amount(n, v)
}

/// A percentage or a quantity without its trailing zeros ("25.5", "25,5", "100").
pub fn figure(n: NumberFormat, value: Decimal) -> String {
    amount(n, value.normalize())
}

/// An amount at its currency's decimals: `1,234.50`, `1,235` (yen).
pub fn money(n: NumberFormat, m: Money) -> String {
    let mut a = m.amount;
    a.rescale(m.currency.minor_digits());
    amount(n, a)
}

/// An amount with its currency: `EUR 1,234.50`.
pub fn money_with_code(n: NumberFormat, m: Money) -> String {
    format!("{} {}", m.currency, money(n, m))
}

/// Amounts per currency as one line: "EUR 1,234.50 · USD 99.00".
pub fn amounts_line(n: NumberFormat, amounts: impl IntoIterator<Item = Money>) -> String {
    amounts
        .into_iter()
        .map(|m| money_with_code(n, m))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// At most `max` characters of a name for a message, with "…" when cut.
pub fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Currency;

    const EN: NumberFormat = NumberFormat::CommaPoint;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(amount(EN, d("1234567.50")), "1,234,567.50");
        assert_eq!(amount(EN, d("-1234.5")), "-1,234.5");
        assert_eq!(amount(EN, d("999.00")), "999.00");
        assert_eq!(amount(EN, d("0.07")), "0.07");
        assert_eq!(amount(EN, d("100000")), "100,000");
        assert_eq!(price(EN, d("115")), "115.00");
        assert_eq!(price(EN, d("95.3330")), "95.333");
        assert_eq!(figure(EN, d("25.500000")), "25.5");
    }

    /// Issue 11: every figure in the user's format.
    #[test]
    fn figures_in_each_format() {
        let v = d("-1234567.5");
        let shown: Vec<String> = NumberFormat::ALL.iter().map(|n| price(*n, v)).collect();
        assert_eq!(
            shown,
            [
                "-1,234,567.50",
                "-1\u{a0}234\u{a0}567,50",
                "-1.234.567,50",
                "-1'234'567.50"
            ]
        );
        let de = NumberFormat::PointComma;
        assert_eq!(figure(de, d("25.500000")), "25,5");
        assert_eq!(
            money(de, Money::new(d("1234.5"), Currency::EUR)),
            "1.234,50"
        );
        assert_eq!(
            amounts_line(de, [Money::new(d("1234.5"), Currency::EUR)]),
            "EUR 1.234,50"
        );
    }

    #[test]
    fn money_reads_at_its_currency_decimals() {
        let jpy: Currency = "JPY".parse().unwrap();
        assert_eq!(
            money(EN, Money::new(d("1234.5"), Currency::EUR)),
            "1,234.50"
        );
        assert_eq!(money(EN, Money::new(d("1234"), jpy)), "1,234");
        assert_eq!(
            amounts_line(
                EN,
                [
                    Money::new(d("1234.5"), Currency::EUR),
                    Money::new(d("99.00"), Currency::USD)
                ]
            ),
            "EUR 1,234.50 · USD 99.00"
        );
        assert_eq!(amounts_line(EN, []), "");
    }

    #[test]
    fn cuts_long_names() {
        assert_eq!(short("abc", 3), "abc");
        assert_eq!(short("abcdef", 4), "abc…");
    }
}
