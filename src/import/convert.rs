//! One row's cells read as the typed values of its fields: each value by its field's type and
//! the file's declared format, each refusal kept with its column, so that a row reports every
//! bad value it has, not only the first.

use super::cell::Cell;
use super::dates::{in_range, read_date, read_datetime, read_time};
use super::error::{ImportError, Place};
use super::fields::{FieldType, Need, field};
use super::format::Format;
use super::hours::{check_hours, hours_of_seconds, read_hours};
use super::layout::{Layout, Source};
use super::numbers::{figure, plain_figure, typed_figure};
use crate::domain::Currency;
use crate::domain::billing_rule::BillingRule;
use crate::domain::money::check_amount_range;
use crate::domain::project::ProjectStatus;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use rust_decimal::Decimal;
use std::borrow::Cow;

/// Characters a one-line text field holds at most (a key, a name, a reference).
pub const MAX_LINE_CHARS: usize = 500;
/// Characters a description holds at most.
pub const MAX_DESCRIPTION_CHARS: usize = 10_000;

/// A field's value, typed.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Bool(bool),
    Decimal(Decimal),
    Days(u32),
    Date(NaiveDate),
    Time(NaiveTime),
    DateTime(NaiveDateTime),
    Currency(Currency),
    Status(ProjectStatus),
    Rule(BillingRule),
}

/// Reads the fields of one row, keeping every refusal.
pub struct RowReader<'a> {
    pub at: Place,
    layout: &'a Layout,
    format: &'a Format,
    cells: &'a [Cell],
    errors: Vec<ImportError>,
    /// The fields already refused, so that a later check does not refuse them again.
    refused: Vec<String>,
}

impl<'a> RowReader<'a> {
    pub fn new(at: Place, layout: &'a Layout, format: &'a Format, cells: &'a [Cell]) -> Self {
        RowReader {
            at,
            layout,
            format,
            cells,
            errors: Vec::new(),
            refused: Vec::new(),
        }
    }

    /// The reader with `fields` taken as refused already (a JSON element's missing keys).
    pub fn refusing(mut self, fields: &[String]) -> Self {
        self.refused.extend(fields.iter().cloned());
        self
    }

    /// Whether the file (or the mapping) gives the field at all.
    pub fn has(&self, name: &str) -> bool {
        self.layout.has(name)
    }

    /// Refuses the field `name` of this row.
    pub fn fail(&mut self, name: &str, message: impl Into<String>) {
        let shown = self.layout.shown(name).to_string();
        self.errors
            .push(ImportError::cell(&self.at, &shown, message));
        self.refused.push(name.to_string());
    }

    /// `value`, or a refusal of the empty field `name` where this row needs it.
    pub fn require<T>(&mut self, name: &str, value: Option<T>) -> Option<T> {
        if value.is_none() && !self.refused.iter().any(|r| r == name) {
            self.fail(name, "empty: this row needs a value");
        }
        value
    }

    /// The record, or every refusal of the row.
    pub fn finish<T>(self, record: T) -> Result<T, Vec<ImportError>> {
        if self.errors.is_empty() {
            Ok(record)
        } else {
            Err(self.errors)
        }
    }

    fn cell(&self, name: &str) -> Option<Cow<'a, Cell>> {
        let cells: &'a [Cell] = self.cells;
        let empty = || Cow::Owned(Cell::Empty);
        let (source, _) = self.layout.source(name)?;
        Some(match source {
            Source::Column(i) => cells.get(*i).map_or_else(empty, Cow::Borrowed),
            Source::Constant(c) => Cow::Owned(c.clone()),
            Source::Columns(at) => {
                let mut parts = Vec::new();
                for i in at {
                    match cells.get(*i).map(text_of) {
                        Some(Ok(t)) if !t.is_empty() => parts.push(t),
                        Some(Err(e)) => return Some(Cow::Owned(Cell::Invalid(e))),
                        _ => {}
                    }
                }
                Cow::Owned(Cell::Text(parts.join(" / ")))
            }
        })
    }

    /// The field's value: `None` when it is empty (refused if the field is required) or
    /// refused.
    pub fn value(&mut self, name: &str) -> Option<Value> {
        let Some(f) = field(self.layout.kind, name) else {
            self.fail(name, format!("{name} is no field of {}", self.layout.kind));
            return None;
        };
        let cell = self.cell(name).filter(|c| !c.is_empty());
        let Some(cell) = cell else {
            if f.need == Need::Required && !self.refused.iter().any(|r| r == name) {
                self.fail(name, "empty: a value is required");
            }
            return None;
        };
        match convert(&cell, f.ty, self.format) {
            Ok(v) => Some(v),
            Err(e) => {
                self.fail(name, e);
                None
            }
        }
    }

    pub fn text(&mut self, name: &str) -> Option<String> {
        match self.value(name) {
            Some(Value::Text(t)) => Some(t),
            _ => None,
        }
    }

    pub fn decimal(&mut self, name: &str) -> Option<Decimal> {
        match self.value(name) {
            Some(Value::Decimal(d)) => Some(d),
            _ => None,
        }
    }

    pub fn days(&mut self, name: &str) -> Option<u32> {
        match self.value(name) {
            Some(Value::Days(d)) => Some(d),
            _ => None,
        }
    }

    pub fn flag(&mut self, name: &str) -> Option<bool> {
        match self.value(name) {
            Some(Value::Bool(b)) => Some(b),
            _ => None,
        }
    }

    pub fn date(&mut self, name: &str) -> Option<NaiveDate> {
        match self.value(name) {
            Some(Value::Date(d)) => Some(d),
            _ => None,
        }
    }

    pub fn time(&mut self, name: &str) -> Option<NaiveTime> {
        match self.value(name) {
            Some(Value::Time(t)) => Some(t),
            _ => None,
        }
    }

    pub fn datetime(&mut self, name: &str) -> Option<NaiveDateTime> {
        match self.value(name) {
            Some(Value::DateTime(t)) => Some(t),
            _ => None,
        }
    }

    pub fn currency(&mut self, name: &str) -> Option<Currency> {
        match self.value(name) {
            Some(Value::Currency(c)) => Some(c),
            _ => None,
        }
    }

    pub fn status(&mut self, name: &str) -> Option<ProjectStatus> {
        match self.value(name) {
            Some(Value::Status(s)) => Some(s),
            _ => None,
        }
    }

    pub fn rule(&mut self, name: &str) -> Option<BillingRule> {
        match self.value(name) {
            Some(Value::Rule(r)) => Some(r),
            _ => None,
        }
    }
}

/// A cell as text, for the text fields: a typed number or date as it reads.
fn text_of(cell: &Cell) -> Result<String, String> {
    Ok(match cell {
        Cell::Empty => String::new(),
        Cell::Text(t) => t.trim().to_string(),
        Cell::Number(n) => n.clone(),
        Cell::Bool(b) => b.to_string(),
        Cell::Date(d) => d.to_string(),
        Cell::Time(t) => t.format("%H:%M:%S").to_string(),
        Cell::DateTime(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
        Cell::Duration(_) => return Err("a duration, not text".to_string()),
        Cell::Invalid(e) => return Err(e.clone()),
    })
}

/// The cell read as a field of type `ty` under `format`.
pub fn convert(cell: &Cell, ty: FieldType, format: &Format) -> Result<Value, String> {
    if let Cell::Invalid(e) = cell {
        return Err(e.clone());
    }
    let text = || text_of(cell);
    Ok(match ty {
        FieldType::Key | FieldType::Text | FieldType::Reference => Value::Text(line(text()?)?),
        FieldType::Description => Value::Text(description(text()?)?),
        FieldType::Login => {
            let t = line(text()?)?;
            if t.chars().any(char::is_whitespace) {
                return Err(format!("{t:?}: an account name has no spaces"));
            }
            Value::Text(t)
        }
        FieldType::Email => Value::Text(email(line(text()?)?)?),
        FieldType::CountryCode => {
            let t = text()?;
            if t.len() != 2 || !t.bytes().all(|b| b.is_ascii_alphabetic()) {
                return Err(format!("{t:?} is not a country code: two letters, e.g. FI"));
            }
            Value::Text(t.to_ascii_uppercase())
        }
        FieldType::Currency => Value::Currency(text()?.parse::<Currency>().map_err(|e| e.0)?),
        FieldType::Days => Value::Days(days(cell)?),
        FieldType::Date => Value::Date(date(cell, format)?),
        FieldType::Time => Value::Time(time(cell, format)?),
        FieldType::DateTime => Value::DateTime(datetime(cell, format)?),
        FieldType::Hours => Value::Decimal(hours(cell, format)?),
        FieldType::Amount | FieldType::Rate => {
            let value = number(cell, format)?;
            if value.is_sign_negative() && !value.is_zero() {
                return Err(format!("{value} is negative: zero or more"));
            }
            check_amount_range(value).map_err(|e| e.0)?;
            Value::Decimal(value)
        }
        FieldType::Percent => {
            let value = match cell {
                Cell::Text(t) => number(
                    &Cell::Text(t.trim().trim_end_matches('%').to_string()),
                    format,
                )?,
                other => number(other, format)?,
            };
            if value.is_sign_negative() || value > Decimal::ONE_HUNDRED {
                return Err(format!("{value}%: a percentage from 0 to 100"));
            }
            Value::Decimal(value)
        }
        FieldType::Bool => Value::Bool(flag(cell)?),
        FieldType::ProjectStatus => {
            let t = text()?.to_lowercase();
            Value::Status(
                t.parse::<ProjectStatus>()
                    .map_err(|e| format!("{}: planned, launched or closed", e.0))?,
            )
        }
        FieldType::BillingRule => Value::Rule(rule(&text()?)?),
    })
}

/// One line of text: no control characters, at most `MAX_LINE_CHARS`.
fn line(t: String) -> Result<String, String> {
    if t.chars().any(char::is_control) {
        return Err("one line of text: no line breaks or control characters".to_string());
    }
    if t.chars().count() > MAX_LINE_CHARS {
        return Err(format!("longer than {MAX_LINE_CHARS} characters"));
    }
    Ok(t)
}

/// Text over lines: tabs and line breaks but no other control characters, at most
/// `MAX_DESCRIPTION_CHARS`.
fn description(t: String) -> Result<String, String> {
    if t.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err("control characters in the text".to_string());
    }
    if t.chars().count() > MAX_DESCRIPTION_CHARS {
        return Err(format!("longer than {MAX_DESCRIPTION_CHARS} characters"));
    }
    Ok(t)
}

fn email(t: String) -> Result<String, String> {
    let fits = match t.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !t.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if fits {
        Ok(t)
    } else {
        Err(format!("{t:?} is not an email address"))
    }
}

/// A figure: text under the declared number format, or a number the file typed.
fn number(cell: &Cell, format: &Format) -> Result<Decimal, String> {
    match cell {
        Cell::Text(t) => figure(&plain_figure(t, &format.numbers)?),
        Cell::Number(n) => figure(&typed_figure(n)?),
        other => Err(format!("{} is not a number", describe(other))),
    }
}

fn days(cell: &Cell) -> Result<u32, String> {
    let t = match cell {
        Cell::Text(t) => t.trim(),
        Cell::Number(n) => n.trim(),
        other => return Err(format!("{} is not a number of days", describe(other))),
    };
    let whole = t.len() <= 3 && !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    match t.parse::<u32>() {
        Ok(d) if whole && d <= 365 => Ok(d),
        _ => Err(format!("{t:?}: whole days from 0 to 365")),
    }
}

fn flag(cell: &Cell) -> Result<bool, String> {
    let t = match cell {
        Cell::Bool(b) => return Ok(*b),
        Cell::Text(t) | Cell::Number(t) => t.trim().to_lowercase(),
        other => return Err(format!("{} is not yes or no", describe(other))),
    };
    match t.as_str() {
        "yes" | "y" | "true" | "1" => Ok(true),
        "no" | "n" | "false" | "0" => Ok(false),
        _ => Err(format!("{t:?}: yes or no (true or false, 1 or 0)")),
    }
}

fn date(cell: &Cell, format: &Format) -> Result<NaiveDate, String> {
    match cell {
        Cell::Text(t) => read_date(t, &format.date),
        Cell::Date(d) => in_range(*d),
        Cell::DateTime(t) => in_range(t.date()),
        other => Err(format!(
            "{} is not a date: format the cell as a date, or write the date as text",
            describe(other)
        )),
    }
}

fn time(cell: &Cell, format: &Format) -> Result<NaiveTime, String> {
    match cell {
        Cell::Text(t) => read_time(t, &format.time),
        Cell::Time(t) => Ok(*t),
        Cell::DateTime(t) => Ok(t.time()),
        other => Err(format!("{} is not a time of day", describe(other))),
    }
}

fn datetime(cell: &Cell, format: &Format) -> Result<NaiveDateTime, String> {
    match cell {
        Cell::Text(t) => read_datetime(t, &format.datetime),
        Cell::DateTime(t) => {
            in_range(t.date())?;
            Ok(*t)
        }
        Cell::Date(d) => Ok(in_range(*d)?.and_time(NaiveTime::MIN)),
        other => Err(format!("{} is not a date and time", describe(other))),
    }
}

fn hours(cell: &Cell, format: &Format) -> Result<Decimal, String> {
    match cell {
        Cell::Text(t) => read_hours(t, format.duration, &format.numbers),
        // A typed number can only be decimal hours.
        Cell::Number(n) => check_hours(figure(&typed_figure(n)?)?),
        Cell::Duration(seconds) => hours_of_seconds(*seconds),
        // A workbook cell formatted as a time of day (7:30) holds the hours as such.
        Cell::Time(t) => hours_of_seconds(i64::from(t.num_seconds_from_midnight())),
        other => Err(format!("{} is not a duration", describe(other))),
    }
}

fn rule(t: &str) -> Result<BillingRule, String> {
    let wanted = t.trim().to_lowercase();
    let snake = wanted.replace([' ', '-'], "_");
    if snake == "progress" {
        return Err(
            "progress items are made by validated progress statuses, not imported".to_string(),
        );
    }
    BillingRule::ALL
        .into_iter()
        .filter(|r| *r != BillingRule::Progress)
        .find(|r| {
            r.as_str() == snake
                || r.label() == wanted
                || snake == "time_&_materials" && *r == BillingRule::TimeAndMaterials
        })
        .ok_or_else(|| format!("{t:?}: fixed, time_and_materials or milestone"))
}

/// A cell as a message names it.
fn describe(cell: &Cell) -> String {
    match cell {
        Cell::Empty => "an empty cell".to_string(),
        Cell::Text(t) => format!("{t:?}"),
        Cell::Number(n) => format!("the number {n}"),
        Cell::Bool(b) => format!("{b}"),
        Cell::Date(d) => format!("the date {d}"),
        Cell::Time(t) => format!("the time {t}"),
        Cell::DateTime(t) => format!("the date and time {t}"),
        Cell::Duration(s) => format!("a duration of {s} seconds"),
        Cell::Invalid(e) => e.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::numbers::NumberFormat;

    fn text(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }

    fn read(cell: Cell, ty: FieldType) -> Result<Value, String> {
        convert(&cell, ty, &Format::default())
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn text_fields() {
        assert_eq!(
            read(text("  Acme Oy "), FieldType::Text),
            Ok(Value::Text("Acme Oy".into()))
        );
        assert_eq!(
            read(Cell::Number("1042".into()), FieldType::Key),
            Ok(Value::Text("1042".into()))
        );
        assert!(read(text("two\nlines"), FieldType::Text).is_err());
        assert!(read(text(&"x".repeat(MAX_LINE_CHARS + 1)), FieldType::Reference).is_err());
        let lines = "first\nsecond\tthird";
        assert_eq!(
            read(text(lines), FieldType::Description),
            Ok(Value::Text(lines.into()))
        );
        assert!(read(text("bell\u{7}"), FieldType::Description).is_err());
        assert!(read(text("ada lovelace"), FieldType::Login).is_err());
        assert_eq!(
            read(text("ada"), FieldType::Login),
            Ok(Value::Text("ada".into()))
        );
        assert!(read(text("ada@example.org"), FieldType::Email).is_ok());
        for bad in [
            "ada",
            "ada@",
            "@example.org",
            "ada@example",
            "a b@example.org",
            "a@b@c.d",
        ] {
            assert!(read(text(bad), FieldType::Email).is_err(), "{bad}");
        }
        assert_eq!(
            read(text("fi"), FieldType::CountryCode),
            Ok(Value::Text("FI".into()))
        );
        assert!(read(text("FIN"), FieldType::CountryCode).is_err());
        assert_eq!(
            read(text("eur"), FieldType::Currency),
            Ok(Value::Currency(Currency::EUR))
        );
        assert!(
            read(text("XYZ"), FieldType::Currency)
                .unwrap_err()
                .contains("unknown currency")
        );
    }

    #[test]
    fn figures() {
        assert_eq!(
            read(text("1,234.50"), FieldType::Amount),
            Ok(Value::Decimal(d("1234.50")))
        );
        assert_eq!(
            read(Cell::Number("95.5".into()), FieldType::Rate),
            Ok(Value::Decimal(d("95.5")))
        );
        assert!(
            read(text("-5"), FieldType::Amount)
                .unwrap_err()
                .contains("negative")
        );
        assert!(
            read(text("1,234"), FieldType::Amount)
                .unwrap_err()
                .contains("could be")
        );
        assert!(read(Cell::Bool(true), FieldType::Amount).is_err());
        assert!(read(Cell::Number("1e3".into()), FieldType::Amount).is_err());
        assert_eq!(
            read(text("25.5 %"), FieldType::Percent),
            Ok(Value::Decimal(d("25.5")))
        );
        assert!(read(text("101"), FieldType::Percent).is_err());
        assert_eq!(read(text("30"), FieldType::Days), Ok(Value::Days(30)));
        assert_eq!(
            read(Cell::Number("14".into()), FieldType::Days),
            Ok(Value::Days(14))
        );
        for bad in ["366", "-1", "30.5", "1e2", "0030"] {
            assert!(read(text(bad), FieldType::Days).is_err(), "{bad}");
        }
        let comma = Format {
            numbers: NumberFormat::new(",", None).unwrap(),
            ..Format::default()
        };
        let value = convert(&text("1.234,5"), FieldType::Amount, &comma);
        assert_eq!(value, Ok(Value::Decimal(d("1234.5"))));
    }

    #[test]
    fn flags_statuses_and_rules() {
        for (t, b) in [
            ("Yes", true),
            ("no", false),
            ("TRUE", true),
            ("0", false),
            ("y", true),
        ] {
            assert_eq!(read(text(t), FieldType::Bool), Ok(Value::Bool(b)), "{t}");
        }
        assert_eq!(
            read(Cell::Bool(false), FieldType::Bool),
            Ok(Value::Bool(false))
        );
        assert!(read(text("maybe"), FieldType::Bool).is_err());
        assert_eq!(
            read(text("Launched"), FieldType::ProjectStatus),
            Ok(Value::Status(ProjectStatus::Launched))
        );
        assert!(read(text("open"), FieldType::ProjectStatus).is_err());
        for (t, r) in [
            ("fixed", BillingRule::Fixed),
            ("time_and_materials", BillingRule::TimeAndMaterials),
            ("Time & materials", BillingRule::TimeAndMaterials),
            ("time and materials", BillingRule::TimeAndMaterials),
            ("Milestone", BillingRule::Milestone),
        ] {
            assert_eq!(
                read(text(t), FieldType::BillingRule),
                Ok(Value::Rule(r)),
                "{t}"
            );
        }
        assert!(
            read(text("progress"), FieldType::BillingRule)
                .unwrap_err()
                .contains("progress")
        );
    }

    #[test]
    fn dates_times_and_hours() {
        let date = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
        let noon = NaiveTime::from_hms_opt(12, 0, 0).unwrap();
        assert_eq!(
            read(text("2026-03-04"), FieldType::Date),
            Ok(Value::Date(date))
        );
        assert_eq!(
            read(Cell::Date(date), FieldType::Date),
            Ok(Value::Date(date))
        );
        assert_eq!(
            read(Cell::DateTime(date.and_time(noon)), FieldType::Date),
            Ok(Value::Date(date))
        );
        assert!(
            read(Cell::Number("46085".into()), FieldType::Date)
                .unwrap_err()
                .contains("not a date")
        );
        assert!(read(text("04.03.2026"), FieldType::Date).is_err());
        let old = NaiveDate::from_ymd_opt(1969, 1, 1).unwrap();
        assert!(read(Cell::Date(old), FieldType::Date).is_err());
        assert_eq!(read(text("12:00"), FieldType::Time), Ok(Value::Time(noon)));
        assert_eq!(
            read(text("2026-03-04 12:00"), FieldType::DateTime),
            Ok(Value::DateTime(date.and_time(noon)))
        );
        assert_eq!(
            read(text("7.5"), FieldType::Hours),
            Ok(Value::Decimal(d("7.5")))
        );
        assert_eq!(
            read(Cell::Number("7.5".into()), FieldType::Hours),
            Ok(Value::Decimal(d("7.5")))
        );
        assert_eq!(
            read(Cell::Duration(5400), FieldType::Hours),
            Ok(Value::Decimal(d("1.5")))
        );
        assert_eq!(
            read(Cell::Time(noon), FieldType::Hours),
            Ok(Value::Decimal(d("12")))
        );
        assert!(read(Cell::Duration(90_000), FieldType::Hours).is_err());
        assert!(read(Cell::Number("-1".into()), FieldType::Hours).is_err());
        let e = read(
            Cell::Invalid("the cell holds the error #DIV/0!".into()),
            FieldType::Hours,
        );
        assert_eq!(e, Err("the cell holds the error #DIV/0!".into()));
    }
}
