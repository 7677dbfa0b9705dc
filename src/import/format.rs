//! How a file writes its values: what a mapping declares, or the defaults.

use super::dates::{check_date_format, check_datetime_format, check_time_format};
use super::hours::DurationFormat;
use super::numbers::NumberFormat;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Format {
    /// CSV only: `,`, `;` or tab.
    pub delimiter: u8,
    pub numbers: NumberFormat,
    /// chrono's strftime: `%Y-%m-%d`.
    pub date: String,
    pub time: String,
    pub datetime: String,
    pub duration: DurationFormat,
}

impl Default for Format {
    fn default() -> Format {
        Format {
            delimiter: b',',
            numbers: NumberFormat::default(),
            date: "%Y-%m-%d".to_string(),
            time: "%H:%M".to_string(),
            datetime: "%Y-%m-%d %H:%M".to_string(),
            duration: DurationFormat::Decimal,
        }
    }
}

/// What a mapping's `[format]` may say; each absent option keeps its default.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormatOptions {
    pub delimiter: Option<String>,
    pub encoding: Option<String>,
    pub date_format: Option<String>,
    pub time_format: Option<String>,
    pub datetime_format: Option<String>,
    pub duration: Option<String>,
    pub decimal: Option<String>,
    pub thousands: Option<String>,
}

impl FormatOptions {
    /// The format these options declare, or every option that is wrong, each as
    /// `(option, message)`.
    pub fn format(&self) -> Result<Format, Vec<(&'static str, String)>> {
        let mut format = Format::default();
        let mut wrong = Vec::new();
        if let Some(d) = &self.delimiter {
            match d.as_str() {
                "," => format.delimiter = b',',
                ";" => format.delimiter = b';',
                "\t" | "tab" => format.delimiter = b'\t',
                other => wrong.push((
                    "delimiter",
                    format!("{other:?}: use \",\", \";\" or \"tab\""),
                )),
            }
        }
        if let Some(e) = &self.encoding {
            let e = e.trim().to_ascii_lowercase();
            if e != "utf-8" && e != "utf8" {
                wrong.push((
                    "encoding",
                    format!(
                        "{e:?}: only UTF-8 is read (with or without a byte order mark); save \
                         the file as UTF-8"
                    ),
                ));
            }
        }
        match NumberFormat::new(
            self.decimal.as_deref().unwrap_or("."),
            self.thousands.as_deref(),
        ) {
            Ok(numbers) => format.numbers = numbers,
            Err(e) => wrong.push(("decimal", e)),
        }
        if let Some(d) = &self.duration {
            match d.parse() {
                Ok(duration) => format.duration = duration,
                Err(e) => wrong.push(("duration", e)),
            }
        }
        if let Some(f) = &self.date_format {
            match check_date_format(f) {
                Ok(()) => format.date = f.clone(),
                Err(e) => wrong.push(("date_format", e)),
            }
        }
        if let Some(f) = &self.time_format {
            match check_time_format(f) {
                Ok(()) => format.time = f.clone(),
                Err(e) => wrong.push(("time_format", e)),
            }
        }
        match &self.datetime_format {
            Some(f) => match check_datetime_format(f) {
                Ok(()) => format.datetime = f.clone(),
                Err(e) => wrong.push(("datetime_format", e)),
            },
            None => format.datetime = format!("{} {}", format.date, format.time),
        }
        if wrong.is_empty() {
            Ok(format)
        } else {
            Err(wrong)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_declare_a_format() {
        let options = FormatOptions {
            delimiter: Some(";".into()),
            decimal: Some(",".into()),
            date_format: Some("%d.%m.%Y".into()),
            duration: Some("h:mm".into()),
            ..FormatOptions::default()
        };
        let f = options.format().unwrap();
        assert_eq!(f.delimiter, b';');
        assert_eq!(f.numbers, NumberFormat::new(",", Some(".")).unwrap());
        assert_eq!(f.datetime, "%d.%m.%Y %H:%M");
        assert_eq!(f.duration, DurationFormat::HoursMinutes);
        let bad = FormatOptions {
            delimiter: Some("|".into()),
            encoding: Some("latin-1".into()),
            date_format: Some("%d.%m".into()),
            decimal: Some(",".into()),
            thousands: Some(",".into()),
            ..FormatOptions::default()
        };
        let wrong: Vec<&str> = bad.format().unwrap_err().iter().map(|w| w.0).collect();
        assert_eq!(wrong, ["delimiter", "encoding", "decimal", "date_format"]);
    }
}
