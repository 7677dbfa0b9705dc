//! Typing a plan part as one line of text in a form field: `label; share; date`.
//!
//! - share: a percentage (`30%`, `30.5 %`) or an amount (`1,200.00`), in the user's number
//!   format (`30,5 %`, `1.200,00`); the `%` decides which.
//! - date: `+N` / `-N` days from the project start (the part follows the start when it
//!   moves), or an ISO date `2027-01-15` (the part is pinned to that day); `@M1` ties the part
//!   to the project's milestone M1 (its item waits for it, and its date is the milestone's due
//!   date, following it), `2027-01-15 @M1` ties it with a date of its own (pinned).
//!
//! A label cannot hold `;`, and surrounding spaces of every field are dropped.

use super::DomainError;
use super::billing_plan::{PlanPart, Share};
use super::dates;
use super::input;
use super::number_format::NumberFormat;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A milestone of the project a part may be tied to: its code and due date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneDue {
    pub code: String,
    pub due: NaiveDate,
}

/// What reading a part needs besides its text: the project start (for `+N` dates), the user's
/// number format, and the project's milestones (for `@M1`).
#[derive(Debug, Clone, Copy)]
pub struct PartReading<'a> {
    pub start: Option<NaiveDate>,
    pub numbers: NumberFormat,
    pub milestones: &'a [MilestoneDue],
}

impl PartReading<'_> {
    /// Parts of a project without milestones (or typed without any).
    pub fn plain(start: Option<NaiveDate>, numbers: NumberFormat) -> PartReading<'static> {
        PartReading {
            start,
            numbers,
            milestones: &[],
        }
    }
}

/// How a part reads, its amount in the user's format.
fn syntax(numbers: NumberFormat) -> String {
    format!(
        "a part reads `label; 30%; +60` or `label; {}; 2027-01-15`",
        numbers.format(Decimal::new(120000, 2))
    )
}

/// One part from its line of text, its share in the user's number format.
pub fn parse_part(text: &str, reading: &PartReading<'_>) -> Result<PlanPart, DomainError> {
    let fields: Vec<&str> = text.split(';').map(str::trim).collect();
    let [label, share, date] = fields[..] else {
        return Err(DomainError::new(syntax(reading.numbers)));
    };
    if label.is_empty() {
        return Err(DomainError::new("the label is empty"));
    }
    let share = parse_share(share, reading.numbers)?;
    let (when, milestone) = match date.split_once('@') {
        Some((when, code)) => (when.trim(), Some(find_milestone(code.trim(), reading)?)),
        None => (date, None),
    };
    let (date, offset_days, date_set_by_hand) = match (&milestone, when) {
        // The milestone's due date, followed.
        (Some(m), "") => (m.due, None, false),
        (Some(m), when) if when.starts_with(['+', '-']) => {
            return Err(DomainError::new(format!(
                "a part tied to a milestone is dated by it (`@{0}`) or by a date \
                 (`2027-01-15 @{0}`), not from the project start",
                m.code
            )));
        }
        (Some(_), when) => (input::parse_date(when)?, None, true),
        (None, when) => {
            let (date, offset) = parse_when(when, reading.start)?;
            // A typed date is the user's; an offset follows the start.
            (date, offset, offset.is_none())
        }
    };
    Ok(PlanPart {
        label: label.to_string(),
        share,
        date,
        offset_days,
        date_set_by_hand,
        milestone: milestone.map(|m| m.code.clone()),
    })
}

/// The project's milestone with this code (any case).
fn find_milestone<'a>(
    code: &str,
    reading: &PartReading<'a>,
) -> Result<&'a MilestoneDue, DomainError> {
    if code.is_empty() {
        return Err(DomainError::new(
            "`@` names a milestone of the project: `@M1`",
        ));
    }
    reading
        .milestones
        .iter()
        .find(|m| m.code.eq_ignore_ascii_case(code))
        .ok_or_else(|| {
            let codes: Vec<&str> = reading.milestones.iter().map(|m| m.code.as_str()).collect();
            DomainError::new(match codes.len() {
                0 => format!("the project has no milestone {code}: it has none"),
                _ => format!(
                    "the project has no milestone {code}: it has {}",
                    codes.join(", ")
                ),
            })
        })
}

fn parse_share(text: &str, numbers: NumberFormat) -> Result<Share, DomainError> {
    if text.is_empty() {
        return Err(DomainError::new(format!(
            "the share is empty: a percentage (30%) or an amount ({})",
            numbers.format(Decimal::new(120000, 2))
        )));
    }
    if let Some(percent) = text.strip_suffix('%') {
        return Ok(Share::Percent(input::parse_percent(percent, numbers)?));
    }
    // The plan's currency is not known here: the store rounds and checks the decimals.
    let amount = input::parse_decimal(text, numbers)?;
    if amount.is_sign_negative() && !amount.is_zero() {
        return Err(DomainError::new("a part cannot be negative"));
    }
    Ok(Share::Amount(amount))
}

/// The date and, for `+N` / `-N`, the offset it came from.
fn parse_when(
    text: &str,
    start: Option<NaiveDate>,
) -> Result<(NaiveDate, Option<i64>), DomainError> {
    if text.is_empty() {
        return Err(DomainError::new(
            "the date is empty: +60 (days from the project start) or 2027-01-15",
        ));
    }
    let Some(sign) = text.chars().next().filter(|c| matches!(c, '+' | '-')) else {
        return Ok((input::parse_date(text)?, None));
    };
    let digits = text[1..].trim();
    let days: i64 = digits
        .parse::<i64>()
        .ok()
        .filter(|_| digits.bytes().all(|b| b.is_ascii_digit()))
        .map(|n| if sign == '-' { -n } else { n })
        .ok_or_else(|| DomainError::new(format!("`{text}` is not a number of days")))?;
    let start = start.ok_or_else(|| {
        DomainError::new(format!(
            "`{text}` counts from the project start, and the project has no start date: type a date such as 2027-01-15"
        ))
    })?;
    let date = dates::add_days(start, days)
        .map_err(|e| DomainError::new(format!("the part's date {}", e.0)))?;
    Ok((date, Some(days)))
}

/// The line that `parse_part` reads back under the same number format (figures ungrouped,
/// so that they read one way only). A part that follows the start shows its offset; any other
/// shows its date.
pub fn format_part(part: &PlanPart, numbers: NumberFormat) -> String {
    let share = match part.share {
        Share::Percent(p) => format!("{}%", numbers.plain(p.normalize())),
        Share::Amount(a) => {
            let mut a = a.normalize();
            if a.scale() < 2 {
                a.rescale(2);
            }
            numbers.plain(a)
        }
    };
    let when = match (&part.milestone, part.offset_days, part.date_set_by_hand) {
        (Some(m), _, false) => format!("@{m}"),
        (Some(m), _, true) => format!("{} @{m}", part.date),
        (None, Some(days), false) if days >= 0 => format!("+{days}"),
        (None, Some(days), false) => days.to_string(),
        _ => part.date.to_string(),
    };
    format!("{}; {share}; {when}", part.label)
}

/// Every non-blank line as a part; on error, the index (in `lines`) of the line that failed.
pub fn parse_parts(
    lines: &[String],
    reading: &PartReading<'_>,
) -> Result<Vec<PlanPart>, (usize, DomainError)> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| parse_part(line, reading).map_err(|e| (i, e)))
        .collect()
}

/// A part shown with its ISO date and saved with the same date keeps how it was dated
/// before (following the start, or pinned): retyping the line must not pin it by accident.
/// A part typed with an ISO date is the one `parse_part` gives no offset and marks by hand.
pub fn keep_flags(old: &PlanPart, new: &mut PlanPart) {
    let typed_as_date = new.offset_days.is_none() && new.date_set_by_hand;
    if typed_as_date && new.date == old.date && new.milestone == old.milestone {
        new.offset_days = old.offset_days;
        new.date_set_by_hand = old.date_set_by_hand;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::d;
    use proptest::prelude::*;

    const N: NumberFormat = NumberFormat::CommaPoint;

    fn day(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    const START: Option<NaiveDate> = NaiveDate::from_ymd_opt(2026, 1, 15);

    #[test]
    fn reads_percentages_offsets_amounts_and_dates() {
        let p = parse_part(" Delivery ; 30.5 % ; +60 ", &PartReading::plain(START, N)).unwrap();
        assert_eq!(p.label, "Delivery");
        assert_eq!(p.share, Share::Percent(d("30.5")));
        assert_eq!(
            (p.date, p.offset_days, p.date_set_by_hand),
            (day(2026, 3, 16), Some(60), false)
        );
        let p = parse_part("Prepayment; 1,200.00; -15", &PartReading::plain(START, N)).unwrap();
        assert_eq!(p.share, Share::Amount(d("1200")));
        assert_eq!((p.date, p.offset_days), (day(2025, 12, 31), Some(-15)));
        let p = parse_part("Acceptance; 20%; 2027-01-15", &PartReading::plain(None, N)).unwrap();
        assert_eq!(
            (p.date, p.offset_days, p.date_set_by_hand),
            (day(2027, 1, 15), None, true)
        );
    }

    #[test]
    fn refusals_say_what_is_wrong() {
        let err = |text: &str, start| {
            parse_part(text, &PartReading::plain(start, N))
                .unwrap_err()
                .0
        };
        assert_eq!(err("Delivery 30% +60", START), syntax(N));
        assert_eq!(err("a; b; c; d", START), syntax(N));
        assert_eq!(err(" ; 30%; +60", START), "the label is empty");
        assert_eq!(err("x; 30%; +x", START), "`+x` is not a number of days");
        assert_eq!(err("x; 30%; +-3", START), "`+-3` is not a number of days");
        assert!(err("x; 30%; +60", None).contains("no start date"));
        assert!(err("x; 130%; +60", START).contains("from 0 to 100"));
        assert!(err("x; abc; +60", START).contains("not a number"));
        assert_eq!(err("x; -5; +60", START), "a part cannot be negative");
        assert!(err("x; ; +60", START).contains("share is empty"));
        assert!(err("x; 30%; ", START).contains("date is empty"));
        assert!(err("x; 30%; 2027-13-01", START).contains("YYYY-MM-DD"));
        assert!(err("x; 30%; +99999999999999999999", START).contains("not a number of days"));
        assert!(err("x; 30%; +300000000", START).contains("is outside 1970-01-01 to 2100-12-31"));
        // Issue "Records that hold": a part's date stays within the dates finctl keeps,
        // typed or counted from the start.
        assert_eq!(
            err("x; 30%; +400", NaiveDate::from_ymd_opt(2100, 6, 1)),
            "the part's date 2101-07-06 (2100-06-01 + 400 days) is outside 1970-01-01 to 2100-12-31"
        );
        assert_eq!(
            err("x; 30%; -1", NaiveDate::from_ymd_opt(1970, 1, 1)),
            "the part's date 1969-12-31 (1970-01-01 - 1 day) is outside 1970-01-01 to 2100-12-31"
        );
        assert_eq!(
            err("x; 30%; 9999-12-31", START),
            "9999-12-31 is outside 1970-01-01 to 2100-12-31"
        );
    }

    #[test]
    fn formats_offsets_dates_and_amounts() {
        let mut p = parse_part("Kick-off; 30.500%; +0", &PartReading::plain(START, N)).unwrap();
        assert_eq!(format_part(&p, N), "Kick-off; 30.5%; +0");
        p.offset_days = Some(-7);
        assert_eq!(format_part(&p, N), "Kick-off; 30.5%; -7");
        p.date_set_by_hand = true;
        p.share = Share::Amount(d("1200"));
        assert_eq!(format_part(&p, N), "Kick-off; 1200.00; 2026-01-15");
        p.share = Share::Amount(d("0.5"));
        assert!(format_part(&p, N).contains("; 0.50; "));
    }

    /// Issue 11: a part's figures are typed and shown in the user's format.
    #[test]
    fn shares_in_a_decimal_comma_format() {
        let de = NumberFormat::PointComma;
        let p = parse_part("Delivery; 30,5 %; +60", &PartReading::plain(START, de)).unwrap();
        assert_eq!(p.share, Share::Percent(d("30.5")));
        assert_eq!(format_part(&p, de), "Delivery; 30,5%; +60");
        let p = parse_part("Prepayment; 1.200,50; +0", &PartReading::plain(START, de)).unwrap();
        assert_eq!(p.share, Share::Amount(d("1200.50")));
        assert_eq!(format_part(&p, de), "Prepayment; 1200,50; +0");
        let e = parse_part("Prepayment; 1200,50; +0", &PartReading::plain(START, N)).unwrap_err();
        assert!(e.0.ends_with("type 1200.50"), "{e}");
        assert!(syntax(de).contains("1.200,00"));
    }

    #[test]
    fn blank_lines_are_skipped_and_failures_located() {
        let lines: Vec<String> = ["a; 50%; +0", "  ", "b; 50%; +30", "c; 50; x"]
            .map(String::from)
            .into();
        assert_eq!(
            parse_parts(&lines[..3], &PartReading::plain(START, N))
                .unwrap()
                .len(),
            2
        );
        let (at, e) = parse_parts(&lines, &PartReading::plain(START, N)).unwrap_err();
        assert_eq!(at, 3);
        assert!(e.0.contains("YYYY-MM-DD"), "{e}");
    }

    #[test]
    fn an_unchanged_date_keeps_how_it_was_dated() {
        // A pinned part of a template (offset kept, set by hand) shows its date...
        let old = PlanPart {
            label: "Delivery".into(),
            share: Share::Percent(d("50")),
            date: day(2026, 6, 30),
            offset_days: Some(90),
            date_set_by_hand: true,
            milestone: None,
        };
        let mut new = parse_part(&format_part(&old, N), &PartReading::plain(START, N)).unwrap();
        assert_eq!(new.offset_days, None);
        keep_flags(&old, &mut new);
        assert_eq!(new, old);
        // ...and a part given another date is pinned to it.
        let mut moved =
            parse_part("Delivery; 50%; 2026-07-01", &PartReading::plain(START, N)).unwrap();
        keep_flags(&old, &mut moved);
        assert_eq!((moved.offset_days, moved.date_set_by_hand), (None, true));
        // An offset typed anew is never overridden.
        let mut follows = parse_part("Delivery; 50%; +166", &PartReading::plain(START, N)).unwrap();
        keep_flags(&old, &mut follows);
        assert_eq!(
            (follows.offset_days, follows.date_set_by_hand),
            (Some(166), false)
        );
    }

    fn milestones() -> Vec<MilestoneDue> {
        vec![
            MilestoneDue {
                code: "M1".into(),
                due: day(2026, 5, 4),
            },
            MilestoneDue {
                code: "GoLive".into(),
                due: day(2026, 9, 1),
            },
        ]
    }

    #[test]
    fn a_part_tied_to_a_milestone_takes_its_due_date_or_a_date_of_its_own() {
        let ms = milestones();
        let reading = PartReading {
            start: START,
            numbers: N,
            milestones: &ms,
        };
        let p = parse_part("Go-live; 40%; @golive", &reading).unwrap();
        assert_eq!(p.milestone.as_deref(), Some("GoLive"));
        assert_eq!(
            (p.date, p.offset_days, p.date_set_by_hand),
            (day(2026, 9, 1), None, false)
        );
        assert_eq!(format_part(&p, N), "Go-live; 40%; @GoLive");
        let p = parse_part("Design; 60%; 2026-05-20 @M1", &reading).unwrap();
        assert_eq!(
            (p.date, p.date_set_by_hand, p.milestone.as_deref()),
            (day(2026, 5, 20), true, Some("M1"))
        );
        assert_eq!(format_part(&p, N), "Design; 60%; 2026-05-20 @M1");
        assert_eq!(parse_part(&format_part(&p, N), &reading).unwrap(), p);
        let err = |text: &str| parse_part(text, &reading).unwrap_err().0;
        assert_eq!(
            err("x; 10%; @M9"),
            "the project has no milestone M9: it has M1, GoLive"
        );
        assert_eq!(
            err("x; 10%; @"),
            "`@` names a milestone of the project: `@M1`"
        );
        assert!(err("x; 10%; +30 @M1").contains("not from the project start"));
        assert!(err("x; 10%; 2026-13-01 @M1").contains("YYYY-MM-DD"));
        let none = PartReading::plain(START, N);
        assert_eq!(
            parse_part("x; 10%; @M1", &none).unwrap_err().0,
            "the project has no milestone M1: it has none"
        );
        // Retyping a pinned milestone part's date as it was keeps it; another milestone is
        // another part.
        let old = parse_part("Design; 60%; 2026-05-20 @M1", &reading).unwrap();
        let mut same = old.clone();
        keep_flags(&old, &mut same);
        assert_eq!(same, old);
        let mut untied = parse_part("Design; 60%; 2026-05-20", &reading).unwrap();
        keep_flags(&old, &mut untied);
        assert_eq!((untied.milestone, untied.date_set_by_hand), (None, true));
    }

    proptest! {
        /// What `format_part` writes, `parse_part` reads back as the same part.
        #[test]
        fn format_then_parse_round_trips(
            label in "[A-Za-z0-9é]([A-Za-z0-9é %+.-]{0,18}[A-Za-z0-9é])?",
            percent in 0i64..=100_000_000,
            amount in prop::option::of(0i64..100_000_000_000_000),
            offset in -400i64..=400,
            pinned in any::<bool>(),
            n in prop::sample::select(NumberFormat::ALL.to_vec()),
        ) {
            let start = START.unwrap();
            let date = start + chrono::Duration::days(offset);
            let part = PlanPart {
                label,
                share: match amount {
                    Some(minor) => Share::Amount(Decimal::new(minor, 2)),
                    None => Share::Percent(Decimal::new(percent, 6)),
                },
                date,
                offset_days: (!pinned).then_some(offset),
                date_set_by_hand: pinned,
                milestone: None,
            };
            let text = format_part(&part, n);
            prop_assert_eq!(parse_part(&text, &PartReading::plain(START, n)).unwrap(), part, "{}", text);
        }
    }
}
