//! Billing plan templates: shares of the total, dated in days from the project start. Four are
//! built in (kept as data, so that a form can list them and the demo can use the same ones);
//! others are saved from a project's plan under a name of their own (`NamedTemplate`).

use super::DomainError;
use super::billing_plan::{PlanPart, Share, TemplatePart};
use super::scaled::round6;
use chrono::NaiveDate;
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

/// A template saved from a plan, under its own name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedTemplate {
    pub name: String,
    pub parts: Vec<TemplatePart>,
}

/// The longest name a saved template has (the plan form's choice shows it whole).
pub const NAME_LIMIT: usize = 40;

/// A saved template's name, trimmed: not empty, at most `NAME_LIMIT` characters, and not a
/// built-in's (in any case). Another saved template's name is the store's to refuse.
pub fn check_name(name: &str) -> Result<String, DomainError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(DomainError::new("a template needs a name"));
    }
    if name.chars().count() > NAME_LIMIT {
        return Err(DomainError::new(format!(
            "a template's name has at most {NAME_LIMIT} characters"
        )));
    }
    if name.chars().any(char::is_control) {
        return Err(DomainError::new("a template's name is one line of text"));
    }
    if let Some(t) = find(name) {
        return Err(DomainError::new(format!(
            "{} is a built-in template: choose another name",
            t.name
        )));
    }
    Ok(name.to_string())
}

/// A plan as a template: each part's share of the total and its days from the project
/// `start`. A percentage keeps its percentage; an amount becomes its share of the plan's total
/// (`amounts`, what the parts bill), to 6 decimals with cumulative rounding so that the shares
/// total exactly 100. A part that follows the start keeps its offset; any other (a date of its
/// own, or a milestone's) counts the days from the start to its date as it is now.
pub fn from_plan(
    parts: &[PlanPart],
    amounts: &[Decimal],
    start: NaiveDate,
) -> Result<Vec<TemplatePart>, DomainError> {
    if parts.is_empty() {
        return Err(DomainError::new(
            "the plan has no part to make a template of",
        ));
    }
    let total: Decimal = amounts.iter().copied().sum();
    let all_percent = parts.iter().all(|p| matches!(p.share, Share::Percent(_)));
    if !all_percent && total.is_zero() {
        return Err(DomainError::new(
            "the plan's amounts total 0: they make no shares",
        ));
    }
    let mut done = Decimal::ZERO;
    let mut before = Decimal::ZERO;
    let mut out = Vec::with_capacity(parts.len());
    for (i, (p, amount)) in parts.iter().zip(amounts).enumerate() {
        let percent = match p.share {
            Share::Percent(x) if all_percent => x.normalize(),
            _ => {
                done += amount;
                let cumulative = if i + 1 == parts.len() {
                    Decimal::ONE_HUNDRED
                } else {
                    round6(done * Decimal::ONE_HUNDRED / total)
                };
                let share = cumulative - before;
                before = cumulative;
                share.normalize()
            }
        };
        let offset_days = match (p.offset_days, p.date_set_by_hand, &p.milestone) {
            (Some(days), false, None) => days,
            _ => (p.date - start).num_days(),
        };
        out.push(TemplatePart {
            label: p.label.clone(),
            percent,
            offset_days,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Currency;
    use crate::domain::billing_plan::{amounts, from_template};
    use crate::domain::test_support::d;
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

    fn day(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn names_are_checked_and_kept_apart_from_the_built_ins() {
        assert_eq!(check_name("  Retainer 40/60 ").unwrap(), "Retainer 40/60");
        assert!(check_name("  ").unwrap_err().0.contains("needs a name"));
        assert_eq!(
            check_name("50-50").unwrap_err().0,
            "50-50 is a built-in template: choose another name"
        );
        assert!(check_name("QUARTERLY-4").is_err());
        assert!(check_name(&"x".repeat(NAME_LIMIT + 1)).is_err());
        assert!(check_name(&"x".repeat(NAME_LIMIT)).is_ok());
        assert!(check_name("a\tb").is_err());
    }

    #[test]
    fn a_percentage_plan_keeps_its_shares_and_offsets() {
        let start = day(2026, 1, 1);
        let mut parts = from_template(&find("30-50-20").unwrap().parts(), start).unwrap();
        // One part pinned to a date of its own, one tied to a milestone.
        parts[1].date = day(2026, 3, 1);
        parts[1].date_set_by_hand = true;
        parts[2].milestone = Some("M1".into());
        parts[2].offset_days = None;
        parts[2].date = day(2026, 2, 1);
        let split = amounts(&parts, d("1000"), Currency::EUR).unwrap();
        let t = from_plan(&parts, &split, start).unwrap();
        let got: Vec<(Decimal, i64)> = t.iter().map(|p| (p.percent, p.offset_days)).collect();
        assert_eq!(got, [(d("30"), 0), (d("50"), 59), (d("20"), 31)]);
        assert_eq!(t[0].label, "Kick-off");
    }

    #[test]
    fn an_amount_plan_becomes_shares_that_total_100() {
        let start = day(2026, 1, 1);
        let part = |label: &str, amount: &str, date| PlanPart {
            label: label.into(),
            share: Share::Amount(d(amount)),
            date,
            offset_days: None,
            date_set_by_hand: true,
            milestone: None,
        };
        let parts = [
            part("a", "100", day(2026, 1, 1)),
            part("b", "100", day(2025, 12, 1)),
            part("c", "100", day(2026, 4, 1)),
        ];
        let split = [d("100"), d("100"), d("100")];
        let t = from_plan(&parts, &split, start).unwrap();
        let shares: Vec<Decimal> = t.iter().map(|p| p.percent).collect();
        assert_eq!(shares, [d("33.333333"), d("33.333334"), d("33.333333")]);
        assert_eq!(
            shares.iter().copied().sum::<Decimal>(),
            Decimal::ONE_HUNDRED
        );
        assert_eq!(t[1].offset_days, -31);
        // And the template makes a valid plan again.
        let again = from_template(&t, start).unwrap();
        assert!(amounts(&again, d("300"), Currency::EUR).is_ok());
        let zero = [d("0"), d("0"), d("0")];
        assert!(
            from_plan(&parts, &zero, start)
                .unwrap_err()
                .0
                .contains("total 0")
        );
        assert!(from_plan(&[], &[], start).is_err());
    }
}
