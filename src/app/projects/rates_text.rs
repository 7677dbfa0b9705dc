//! Rates as a form edits them: one per line, `role; rate` or `role; person; rate` (a person's
//! rate overrides the role's), the rate in the user's number format. Blank lines are skipped; a
//! line that reads neither way names its number.

use crate::domain::NumberFormat;
use crate::domain::input::parse_decimal;
use crate::domain::rates::Rate;
use crate::presentation::price;

/// The rates as the form shows them, one per line.
pub fn rates_text(rates: &[Rate], n: NumberFormat) -> String {
    rates
        .iter()
        .map(|r| match &r.person {
            Some(p) => format!("{}; {}; {}", r.role, p, price(n, r.rate)),
            None => format!("{}; {}", r.role, price(n, r.rate)),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The rates of the text, or what is wrong with which line.
pub fn read_rates(text: &str, numbers: NumberFormat) -> Result<Vec<Rate>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let parts: Vec<&str> = line.split(';').map(str::trim).collect();
        let (role, person, rate) = match parts.as_slice() {
            [role, rate] => (*role, None, *rate),
            [role, person, rate] => (*role, Some(*person), *rate),
            _ => {
                return Err(format!(
                    "line {}: write role; rate or role; person; rate",
                    n + 1
                ));
            }
        };
        if role.is_empty() {
            return Err(format!("line {}: the role is missing", n + 1));
        }
        let rate = parse_decimal(rate, numbers).map_err(|e| format!("line {}: {}", n + 1, e.0))?;
        out.push(Rate {
            role: role.to_string(),
            person: person.filter(|p| !p.is_empty()).map(str::to_string),
            rate,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;
    use rust_decimal::Decimal;

    const N: NumberFormat = NumberFormat::CommaPoint;

    #[test]
    fn rates_read_back_as_written() {
        let rates = read_rates("dev; 100\n\n dev ; bob ; 110.50 \npm;;90", N).unwrap();
        assert_eq!(rates.len(), 3);
        assert_eq!(rates[1].person.as_deref(), Some("bob"));
        assert_eq!(rates[1].rate, Decimal::new(11050, 2));
        assert_eq!(rates[2].person, None, "an empty person is none");
        assert_eq!(read_rates(&rates_text(&rates, N), N).unwrap(), rates);
    }

    /// Issue 11: rates are written and read in the user's format.
    #[test]
    fn rates_in_a_decimal_comma_format() {
        let de = NumberFormat::PointComma;
        let rates = read_rates("dev; 1.250,50\npm; bob; 90,5", de).unwrap();
        assert_eq!(rates[0].rate, Decimal::new(125050, 2));
        assert_eq!(rates[1].rate, Decimal::new(905, 1));
        assert_eq!(rates_text(&rates, de), "dev; 1.250,50\npm; bob; 90,50");
        assert_eq!(read_rates(&rates_text(&rates, de), de).unwrap(), rates);
        let e = read_rates("dev; 90,5", N).unwrap_err();
        assert!(e.starts_with("line 1: ") && e.ends_with("type 90.5"), "{e}");
    }

    #[test]
    fn a_line_that_reads_neither_way_is_named() {
        assert_eq!(
            read_rates("dev; 100\ndev 100", N).unwrap_err(),
            "line 2: write role; rate or role; person; rate"
        );
        assert!(
            read_rates("dev; lots", N)
                .unwrap_err()
                .starts_with("line 1: ")
        );
        assert_eq!(
            read_rates("; 5", N).unwrap_err(),
            "line 1: the role is missing"
        );
    }

    proptest::proptest! {
        /// Issue "Records that hold": any text at all, or lines nearly of rates, in any format:
        /// a refusal says which line and why; what is read is written back by `rates_text`
        /// and reads as the same rates. The long run: docs/performance.md, "Fuzzing".
        #[test]
        fn fuzz_rates_text(
            n in proptest::sample::select(NumberFormat::ALL.to_vec()),
            text in proptest::prop_oneof![
                proptest::arbitrary::any::<String>(),
                proptest::collection::vec(proptest::arbitrary::any::<char>(), 0..40)
                    .prop_map(|c| c.into_iter().collect::<String>()),
                proptest::collection::vec(
                    "[a-z \t]{0,6}(;[a-z ]{0,6})?;[-0-9 ,.'\u{a0}]{0,14}",
                    0..4,
                )
                .prop_map(|lines| lines.join("\n")),
            ],
        ) {
            match read_rates(&text, n) {
                Ok(rates) => {
                    proptest::prop_assert_eq!(read_rates(&rates_text(&rates, n), n), Ok(rates));
                }
                Err(e) => proptest::prop_assert!(e.starts_with("line ") && e.len() > 8, "{}", e),
            }
        }
    }
}
