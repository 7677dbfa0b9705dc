//! Built-in billing plan templates: shares of the total, dated in days from the project start.
//! Kept as data so that a form can list them and the demo can use the same ones.

use super::billing_plan::TemplatePart;
use rust_decimal::Decimal;
use std::str::FromStr;

/// A named template. Percentages are text so that the table reads like what a user types
/// (`33.333334`), and so that the const needs no decimal arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanTemplate {
    pub name: &'static str,
    pub description: &'static str,
    /// (label, percent, days after the project start)
    parts: &'static [(&'static str, &'static str, i64)],
}

impl PlanTemplate {
    /// The template's parts, ready for `billing_plan::from_template`.
    pub fn parts(&self) -> Vec<TemplatePart> {
        self.parts
            .iter()
            .map(|&(label, percent, offset_days)| TemplatePart {
                label: label.to_string(),
                // The unit tests parse every built-in percentage.
                percent: Decimal::from_str(percent).expect("built-in template percentage"),
                offset_days,
            })
            .collect()
    }
}

pub const TEMPLATES: &[PlanTemplate] = &[
    PlanTemplate {
        name: "30-50-20",
        description: "30% at kick-off, 50% on delivery after 90 days, 20% on acceptance after 150 days",
        parts: &[
            ("Kick-off", "30", 0),
            ("Delivery", "50", 90),
            ("Acceptance", "20", 150),
        ],
    },
    PlanTemplate {
        name: "50-50",
        description: "half at kick-off, half on acceptance after 90 days",
        parts: &[("Kick-off", "50", 0), ("Acceptance", "50", 90)],
    },
    PlanTemplate {
        name: "monthly-thirds",
        description: "a third a month over three months, from the start",
        // The last third takes the leftover millionth so that the parts total exactly 100.
        parts: &[
            ("Month 1", "33.333333", 0),
            ("Month 2", "33.333333", 30),
            ("Month 3", "33.333334", 60),
        ],
    },
    PlanTemplate {
        name: "quarterly-4",
        description: "a quarter every 90 days over a year, from the start",
        parts: &[
            ("Quarter 1", "25", 0),
            ("Quarter 2", "25", 90),
            ("Quarter 3", "25", 180),
            ("Quarter 4", "25", 270),
        ],
    },
];

/// The template called `name` (case and surrounding spaces ignored).
pub fn find(name: &str) -> Option<&'static PlanTemplate> {
    let name = name.trim();
    TEMPLATES.iter().find(|t| t.name.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Currency;
    use crate::domain::billing_plan::{amounts, from_template};
    use chrono::NaiveDate;
    use std::collections::HashSet;

    #[test]
    fn every_template_totals_exactly_100() {
        for t in TEMPLATES {
            let sum: Decimal = t.parts().iter().map(|p| p.percent).sum();
            assert_eq!(sum, Decimal::ONE_HUNDRED, "{}", t.name);
            assert!(
                t.parts().iter().all(|p| p.percent > Decimal::ZERO),
                "{}",
                t.name
            );
            // And the domain accepts them as a plan.
            let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
            let parts = from_template(&t.parts(), start).unwrap();
            let split = amounts(&parts, Decimal::new(100_000, 2), Currency::EUR).unwrap();
            assert_eq!(
                split.iter().copied().sum::<Decimal>(),
                Decimal::new(100_000, 2)
            );
        }
    }

    #[test]
    fn names_are_unique_whatever_the_case() {
        let names: HashSet<String> = TEMPLATES.iter().map(|t| t.name.to_lowercase()).collect();
        assert_eq!(names.len(), TEMPLATES.len());
        assert!(
            TEMPLATES
                .iter()
                .all(|t| t.name.trim() == t.name && !t.name.is_empty())
        );
    }

    #[test]
    fn find_ignores_case_and_spaces() {
        assert_eq!(find(" Monthly-Thirds ").unwrap().name, "monthly-thirds");
        assert_eq!(find("30-50-20").unwrap().parts().len(), 3);
        assert!(find("70-30").is_none());
        assert!(find("").is_none());
    }
}
