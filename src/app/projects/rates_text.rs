//! Rates as a form edits them: one per line, `role; rate` or `role; person; rate` (a person's
//! rate overrides the role's). Blank lines are skipped; a line that reads neither way names
//! its number.

use crate::domain::input::parse_decimal;
use crate::domain::rates::Rate;
use crate::presentation::price;

/// The rates as the form shows them, one per line.
pub fn rates_text(rates: &[Rate]) -> String {
    rates
        .iter()
        .map(|r| match &r.person {
            Some(p) => format!("{}; {}; {}", r.role, p, price(r.rate)),
            None => format!("{}; {}", r.role, price(r.rate)),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The rates of the text, or what is wrong with which line.
pub fn read_rates(text: &str) -> Result<Vec<Rate>, String> {
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
        let rate = parse_decimal(rate).map_err(|e| format!("line {}: {}", n + 1, e.0))?;
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
    use rust_decimal::Decimal;

    #[test]
    fn rates_read_back_as_written() {
        let rates = read_rates("dev; 100\n\n dev ; bob ; 110.50 \npm;;90").unwrap();
        assert_eq!(rates.len(), 3);
        assert_eq!(rates[1].person.as_deref(), Some("bob"));
        assert_eq!(rates[1].rate, Decimal::new(11050, 2));
        assert_eq!(rates[2].person, None, "an empty person is none");
        assert_eq!(read_rates(&rates_text(&rates)).unwrap(), rates);
    }

    #[test]
    fn a_line_that_reads_neither_way_is_named() {
        assert_eq!(
            read_rates("dev; 100\ndev 100").unwrap_err(),
            "line 2: write role; rate or role; person; rate"
        );
        assert!(read_rates("dev; lots").unwrap_err().starts_with("line 1: "));
        assert_eq!(read_rates("; 5").unwrap_err(), "line 1: the role is missing");
    }
}
