//! Revenue and billing by month: what each figure means and how months are counted. The store
//! sums; this says what the sums are for.
//!
//! - forecast: open and billable items, by planned invoice date;
//! - billing: every invoice (drafts included) less every credit note, by document date;
//! - revenue: confirmed invoices less confirmed credit notes, by document date, plus the
//!   manual adjustments (accruals and deferrals) of the month;
//! - difference: revenue less billing (positive: recognised ahead of billing);
//! - cost: the time reports' hours at their person's cost rate (`cost_rate`), by work date;
//! - margin: revenue less cost;
//! - billable utilisation: billable hours over all hours (per person and month when grouped by
//!   person).

use super::DomainError;
use super::cost_rate;
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
    /// The people who reported time: their cost and utilisation (revenue belongs to projects
    /// and accounts, not to people, so a person's row has none).
    Person,
}

impl GroupBy {
    pub const ALL: [GroupBy; 4] = [
        GroupBy::Project,
        GroupBy::Account,
        GroupBy::BusinessUnit,
        GroupBy::Person,
    ];

    pub fn label(self) -> &'static str {
        match self {
            GroupBy::Project => "project",
            GroupBy::Account => "account",
            GroupBy::BusinessUnit => "business unit",
            GroupBy::Person => "person",
        }
    }

    /// The name the command line takes: `project`, `account`, `bu`, `person`.
    pub fn as_arg(self) -> &'static str {
        match self {
            GroupBy::BusinessUnit => "bu",
            other => other.label(),
        }
    }

    pub fn next(self) -> GroupBy {
        match self {
            GroupBy::Project => GroupBy::Account,
            GroupBy::Account => GroupBy::BusinessUnit,
            GroupBy::BusinessUnit => GroupBy::Person,
            GroupBy::Person => GroupBy::Project,
        }
    }

    /// Whether the rows of this grouping carry revenue (and so billing, margin and the rest).
    pub fn has_revenue(self) -> bool {
        self != GroupBy::Person
    }
}

impl std::str::FromStr for GroupBy {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<GroupBy, DomainError> {
        GroupBy::ALL
            .into_iter()
            .find(|g| g.as_arg() == s.trim())
            .ok_or_else(|| {
                DomainError::new(format!(
                    "{:?} is no grouping of the report: use project, account, bu or person",
                    s.trim()
                ))
            })
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
    Cost,
    Margin,
    /// Billable utilisation, a percentage (the only figure that is not an amount).
    Utilisation,
}

impl Measure {
    pub const ALL: [Measure; 8] = [
        Measure::Forecast,
        Measure::Billing,
        Measure::Revenue,
        Measure::Adjustments,
        Measure::Difference,
        Measure::Cost,
        Measure::Margin,
        Measure::Utilisation,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Measure::Forecast => "forecast",
            Measure::Billing => "billing",
            Measure::Revenue => "revenue",
            Measure::Adjustments => "adjustments",
            Measure::Difference => "difference",
            Measure::Cost => "cost",
            Measure::Margin => "margin",
            Measure::Utilisation => "utilisation",
        }
    }

    /// Whether the figure is an amount of money (all but utilisation).
    pub fn is_money(self) -> bool {
        self != Measure::Utilisation
    }

    /// Whether rows grouped so have this figure: a person's row has cost and utilisation only.
    pub fn applies_to(self, group: GroupBy) -> bool {
        group.has_revenue() || matches!(self, Measure::Cost | Measure::Utilisation)
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
    /// The cost of the time reports that have a cost rate on their date.
    pub cost: Decimal,
    /// All hours reported, billable or not.
    pub hours: Decimal,
    pub billable_hours: Decimal,
    /// Hours of time reports with no cost rate on their date: in no cost, said beside it.
    pub hours_without_cost: Decimal,
}

impl Figures {
    /// Revenue as reported: invoiced revenue plus the manual adjustments.
    pub fn revenue(&self) -> Decimal {
        self.invoiced_revenue + self.adjustments
    }

    pub fn difference(&self) -> Decimal {
        self.revenue() - self.billing
    }

    /// Revenue less the cost of the time reported.
    pub fn margin(&self) -> Decimal {
        self.revenue() - self.cost
    }

    /// Billable hours over all hours, a percentage to one decimal; `None` without hours.
    pub fn utilisation(&self) -> Option<Decimal> {
        cost_rate::utilisation(self.billable_hours, self.hours)
    }

    /// The figure `m`: an amount, or utilisation's percentage (`None` without hours).
    pub fn get(&self, m: Measure) -> Option<Decimal> {
        Some(match m {
            Measure::Forecast => self.forecast,
            Measure::Billing => self.billing,
            Measure::Revenue => self.revenue(),
            Measure::Adjustments => self.adjustments,
            Measure::Difference => self.difference(),
            Measure::Cost => self.cost,
            Measure::Margin => self.margin(),
            Measure::Utilisation => return self.utilisation(),
        })
    }

    pub fn add(&mut self, other: &Figures) {
        self.forecast += other.forecast;
        self.billing += other.billing;
        self.invoiced_revenue += other.invoiced_revenue;
        self.adjustments += other.adjustments;
        self.cost += other.cost;
        self.hours += other.hours;
        self.billable_hours += other.billable_hours;
        self.hours_without_cost += other.hours_without_cost;
    }

    pub fn is_zero(&self) -> bool {
        self.forecast.is_zero()
            && self.billing.is_zero()
            && self.invoiced_revenue.is_zero()
            && self.adjustments.is_zero()
            && self.cost.is_zero()
            && self.hours.is_zero()
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
            cost: d("50.25"),
            hours: d("12"),
            billable_hours: d("9"),
            hours_without_cost: d("2"),
        };
        assert_eq!(f.revenue(), d("74.50"));
        assert_eq!(f.difference(), d("-25.50"));
        assert_eq!(f.get(Measure::Adjustments), Some(d("-5.50")));
        assert_eq!(f.margin(), d("24.25"));
        assert_eq!(f.get(Measure::Utilisation), Some(d("75.0")));
        let none = Figures::default();
        assert_eq!(
            none.get(Measure::Utilisation),
            None,
            "no hours: no utilisation"
        );
        assert_eq!(none.get(Measure::Margin), Some(Decimal::ZERO));
    }

    #[test]
    fn groupings_read_from_the_command_line_and_a_person_has_cost_only() {
        for g in GroupBy::ALL {
            assert_eq!(g.as_arg().parse::<GroupBy>(), Ok(g));
            assert_eq!(g.next().next().next().next(), g);
        }
        assert!("business unit".parse::<GroupBy>().is_err());
        let applies: Vec<Measure> = Measure::ALL
            .into_iter()
            .filter(|m| m.applies_to(GroupBy::Person))
            .collect();
        assert_eq!(applies, [Measure::Cost, Measure::Utilisation]);
        assert!(Measure::ALL.iter().all(|m| m.applies_to(GroupBy::Account)));
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
                              invoiced_revenue: Decimal::new(c, 2), adjustments: Decimal::new(e, 2),
                              cost: Decimal::new(a.abs(), 2), hours: Decimal::new(b.abs(), 1),
                              billable_hours: Decimal::new(b.abs() / 2, 1),
                              hours_without_cost: Decimal::ZERO };
            let mut total = Figures::default();
            total.add(&f);
            total.add(&f);
            prop_assert_eq!(total.difference(), f.difference() * Decimal::TWO);
            prop_assert_eq!(total.revenue() - total.billing, total.difference());
            prop_assert_eq!(total.margin(), f.margin() * Decimal::TWO);
            prop_assert_eq!(total.revenue() - total.cost, total.margin());
            prop_assert_eq!(total.utilisation(), f.utilisation());
        }
    }
}
