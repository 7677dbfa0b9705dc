//! How numbers and names read for people, the same on screen and on paper: `1,234.50`,
//! `115.00`, `EUR 1,234.50 · USD 99.00`, a name cut with "…". Presentation only: the console and
//! the PDFs (`files::pdf`) both use it, so it sits below both and knows neither.

pub mod change_sentence;

use crate::domain::Money;
use rust_decimal::Decimal;

/// An amount with `,` between thousands and its own decimals ("-1,234.50").
pub fn amount(value: Decimal) -> String {
    let text = value.to_string();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A price or rate: like an amount, with at least two decimals ("115.00", "95.333").
pub fn price(value: Decimal) -> String {
    let mut v = value.normalize();
    if v.scale() < 2 {
        v.rescale(2);
    }
    amount(v)
}

/// An amount at its currency's decimals: `1,234.50`, `1,235` (yen).
pub fn money(m: Money) -> String {
    let mut a = m.amount;
    a.rescale(m.currency.minor_digits());
    amount(a)
}

/// An amount with its currency: `EUR 1,234.50`.
pub fn money_with_code(m: Money) -> String {
    format!("{} {}", m.currency, money(m))
}

/// Amounts per currency as one line: "EUR 1,234.50 · USD 99.00".
pub fn amounts_line(amounts: impl IntoIterator<Item = Money>) -> String {
    amounts
        .into_iter()
        .map(money_with_code)
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

    #[test]
    fn groups_thousands() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(amount(d("1234567.50")), "1,234,567.50");
        assert_eq!(amount(d("-1234.5")), "-1,234.5");
        assert_eq!(amount(d("999.00")), "999.00");
        assert_eq!(amount(d("0.07")), "0.07");
        assert_eq!(amount(d("100000")), "100,000");
        assert_eq!(price(d("115")), "115.00");
        assert_eq!(price(d("95.3330")), "95.333");
    }

    #[test]
    fn money_reads_at_its_currency_decimals() {
        use crate::domain::Currency;
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let jpy: Currency = "JPY".parse().unwrap();
        assert_eq!(money(Money::new(d("1234.5"), Currency::EUR)), "1,234.50");
        assert_eq!(money(Money::new(d("1234"), jpy)), "1,234");
        assert_eq!(
            amounts_line([
                Money::new(d("1234.5"), Currency::EUR),
                Money::new(d("99.00"), Currency::USD)
            ]),
            "EUR 1,234.50 · USD 99.00"
        );
        assert_eq!(amounts_line([]), "");
    }

    #[test]
    fn cuts_long_names() {
        assert_eq!(short("abc", 3), "abc");
        assert_eq!(short("abcdef", 4), "abc…");
    }
}
