//! Revenue and billing by month: what each figure means and how months are counted. The store
//! sums; this says what the sums are for.
//!
//! - forecast: open and billable items, by planned invoice date;
//! - billing: every invoice (drafts included) less every credit note, by document date;
//! - revenue: confirmed invoices less confirmed credit notes, by document date, plus the
//!   manual adjustments (accruals and deferrals) of the month;
//! - difference: revenue less billing (positive: recognised ahead of billing).

use super::DomainError;
use super::dates;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use std::fmt;

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
}

impl YearMonth {
    pub fn of(d: NaiveDate) -> YearMonth {
        YearMonth {
            year: d.year(),
            month: d.month(),
        }
    }

    /// `2026-11`.
    pub fn parse(text: &str) -> Result<YearMonth, DomainError> {
        let bad = || {
            DomainError::new(format!(
                "{:?} is not a month: type it as 2026-11",
                text.trim()
            ))
        };
        let (y, m) = text.trim().split_once('-').ok_or_else(bad)?;
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(y) || !digits(m) {
            return Err(bad());
        }
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u32 = m.parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) {
            return Err(bad());
        }
        if !dates::years().contains(&year) {
            return Err(DomainError::new(format!(
                "{} is outside {} to {}",
                text.trim(),
                YearMonth::FIRST,
                YearMonth::LAST
            )));
        }
        Ok(YearMonth { year, month })
    }

    /// The first and last months of the dates finctl keeps (`dates`).
    pub const FIRST: YearMonth = YearMonth {
        year: 1970,
        month: 1,
    };
    pub const LAST: YearMonth = YearMonth {
        year: 2100,
        month: 12,
    };

    /// The month `n` months later (earlier when negative).
    pub fn plus(self, n: i32) -> YearMonth {
        let index = self.year * 12 + self.month as i32 - 1 + n;
        YearMonth {
            year: index.div_euclid(12),
            month: index.rem_euclid(12) as u32 + 1,
        }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or_default()
    }

    /// The months from `self` to `to`, both included (none when `to` is earlier).
    pub fn through(self, to: YearMonth) -> Vec<YearMonth> {
        let mut out = Vec::new();
        let mut m = self;
        while m <= to {
            out.push(m);
            m = m.plus(1);
        }
        out
    }

    /// Short label for a chart: `Nov 26`.
    pub fn short(self) -> String {
        const NAMES: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        format!(
            "{} {:02}",
            NAMES[(self.month - 1) as usize],
            self.year % 100
        )
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// How the report groups its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GroupBy {
    Project,
    Account,
    BusinessUnit,
}

impl GroupBy {
    pub fn label(self) -> &'static str {
        match self {
            GroupBy::Project => "project",
            GroupBy::Account => "account",
            GroupBy::BusinessUnit => "business unit",
        }
    }

    pub fn next(self) -> GroupBy {
        match self {
            GroupBy::Project => GroupBy::Account,
            GroupBy::Account => GroupBy::BusinessUnit,
            GroupBy::BusinessUnit => GroupBy::Project,
        }
    }
}

/// Which figure of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Measure {
    Forecast,
    Billing,
    Revenue,
    Adjustments,
    Difference,
}

impl Measure {
    pub const ALL: [Measure; 5] = [
        Measure::Forecast,
        Measure::Billing,
        Measure::Revenue,
        Measure::Adjustments,
        Measure::Difference,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Measure::Forecast => "forecast",
            Measure::Billing => "billing",
            Measure::Revenue => "revenue",
            Measure::Adjustments => "adjustments",
            Measure::Difference => "difference",
        }
    }
}

/// The figures of one group, month and currency.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Figures {
    pub forecast: Decimal,
    pub billing: Decimal,
    /// Confirmed invoices less confirmed credit notes (adjustments apart).
    pub invoiced_revenue: Decimal,
    pub adjustments: Decimal,
}

impl Figures {
    /// Revenue as reported: invoiced revenue plus the manual adjustments.
    pub fn revenue(&self) -> Decimal {
        self.invoiced_revenue + self.adjustments
    }

    pub fn difference(&self) -> Decimal {
        self.revenue() - self.billing
    }

    pub fn get(&self, m: Measure) -> Decimal {
        match m {
            Measure::Forecast => self.forecast,
            Measure::Billing => self.billing,
            Measure::Revenue => self.revenue(),
            Measure::Adjustments => self.adjustments,
            Measure::Difference => self.difference(),
        }
    }

    pub fn add(&mut self, other: &Figures) {
        self.forecast += other.forecast;
        self.billing += other.billing;
        self.invoiced_revenue += other.invoiced_revenue;
        self.adjustments += other.adjustments;
    }

    pub fn is_zero(&self) -> bool {
        self.forecast.is_zero()
            && self.billing.is_zero()
            && self.invoiced_revenue.is_zero()
            && self.adjustments.is_zero()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::d;
    use proptest::prelude::*;

    #[test]
    fn months_parse_print_and_count() {
        let m = YearMonth::parse(" 2026-11 ").unwrap();
        assert_eq!(m.to_string(), "2026-11");
        assert_eq!(m.plus(2).to_string(), "2027-01");
        assert_eq!(m.plus(-11).to_string(), "2025-12");
        assert_eq!(m.short(), "Nov 26");
        assert_eq!(m.through(m.plus(2)).len(), 3);
        assert!(m.through(m.plus(-1)).is_empty());
        for bad in [
            "2026", "2026-13", "2026-00", "x-1", "", "+2026-01", "2026--1",
        ] {
            assert!(YearMonth::parse(bad).is_err(), "{bad}");
        }
        // Inside the dates finctl keeps.
        assert_eq!(YearMonth::of(dates::FIRST), YearMonth::FIRST);
        assert_eq!(YearMonth::of(dates::LAST), YearMonth::LAST);
        assert_eq!(YearMonth::parse("1970-01"), Ok(YearMonth::FIRST));
        assert_eq!(YearMonth::parse("2100-12"), Ok(YearMonth::LAST));
        for outside in ["1969-12", "2101-01", "0000-01", "9999-12"] {
            assert_eq!(
                YearMonth::parse(outside).unwrap_err().0,
                format!("{outside} is outside 1970-01 to 2100-12")
            );
        }
    }

    #[test]
    fn revenue_includes_adjustments_and_difference_is_revenue_less_billing() {
        let f = Figures {
            forecast: d("10"),
            billing: d("100.00"),
            invoiced_revenue: d("80.00"),
            adjustments: d("-5.50"),
        };
        assert_eq!(f.revenue(), d("74.50"));
        assert_eq!(f.difference(), d("-25.50"));
        assert_eq!(f.get(Measure::Adjustments), d("-5.50"));
    }

    proptest! {
        #[test]
        fn plus_and_back_is_identity(y in 1970i32..=2100, m in 1u32..=12, n in -500i32..500) {
            let ym = YearMonth { year: y, month: m };
            prop_assert_eq!(ym.plus(n).plus(-n), ym);
            prop_assert_eq!(YearMonth::parse(&ym.to_string()).unwrap(), ym);
            prop_assert_eq!(YearMonth::of(ym.plus(n).first_day()), ym.plus(n));
        }

        #[test]
        fn sums_of_figures_keep_the_identities(a in -1_000_000i64..1_000_000, b in -1_000_000i64..1_000_000,
                                                c in -1_000_000i64..1_000_000, e in -1_000_000i64..1_000_000) {
            let f = Figures { forecast: Decimal::new(a, 2), billing: Decimal::new(b, 2),
                              invoiced_revenue: Decimal::new(c, 2), adjustments: Decimal::new(e, 2) };
            let mut total = Figures::default();
            total.add(&f);
            total.add(&f);
            prop_assert_eq!(total.difference(), f.difference() * Decimal::TWO);
            prop_assert_eq!(total.revenue() - total.billing, total.difference());
        }
    }
}
